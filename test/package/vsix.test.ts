// Packaging: builds the .vsix exactly as `npm run package` does (vsce package --no-dependencies,
// which runs the production esbuild), in a scratch copy of the repository so the dist/ of the
// running test suite is left alone, then checks the file list and the size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { repoRoot } from '../helpers/paths';
import { listZip } from './zip';

const ROOT = repoRoot();
const VSCE = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
const MAX_BYTES = 2 * 1024 * 1024;

/** Files (relative, with `/`) under a repository folder, or none when it does not exist. */
function filesUnder(dir: string): string[] {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(ROOT, p).split('\\').join('/'));
    }
  };
  walk(abs);
  return out;
}

/** What the package must hold, no more: bundles, shipped assets, the four top-level files. */
function expectedFiles(): string[] {
  const shipped = ['syntaxes', 'language-configuration', 'schemas', 'docs/rules'].flatMap(filesUnder);
  return [
    '[Content_Types].xml',
    'extension.vsixmanifest',
    'extension/package.json',
    'extension/readme.md',
    'extension/changelog.md',
    'extension/LICENSE.txt',
    'extension/dist/cli.js',
    'extension/dist/extension.js',
    'extension/dist/server.js',
    ...shipped.map((f) => `extension/${f}`),
  ].sort();
}

function assertNoSources(names: string[]): void {
  for (const n of names) {
    assert.doesNotMatch(n, /(^|\/)(server|client|test|node_modules|out|scripts|examples|\.cache)\//, n);
    assert.doesNotMatch(n, /\.(map|ts|vsix)$/, n);
  }
}

test('vsce package builds a vsix with exactly the shipped files, under 2 MB', { timeout: 180_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'rampart-vsix-'));
  try {
    for (const entry of readdirSync(ROOT)) {
      if (['node_modules', 'dist', 'out', '.git', '.cache', '.bench'].includes(entry) || entry.endsWith('.vsix')) continue;
      cpSync(join(ROOT, entry), join(work, entry), { recursive: true });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'), 'dir');
    // Leftovers of a development build must not leak into the package.
    mkdirSync(join(work, 'dist'));
    writeFileSync(join(work, 'dist', 'server.js.map'), '{}');
    mkdirSync(join(work, 'out'));
    writeFileSync(join(work, 'out', 'stray.js'), '');

    const out = join(work, 'rampart-test.vsix');
    execFileSync(process.execPath, [VSCE, 'package', '--no-dependencies', '--out', out], { cwd: work, stdio: 'pipe', timeout: 170_000 });

    const entries = listZip(out);
    const names = entries.map((e) => e.name).sort();
    assert.deepEqual(names, expectedFiles());
    assertNoSources(names);
    const size = statSync(out).size;
    assert.ok(size < MAX_BYTES, `vsix is ${size} bytes`);
    // The production bundles are minified and reference no source maps.
    const server = entries.find((e) => e.name === 'extension/dist/server.js')!;
    assert.ok(server.size > 0);
    const manifest = JSON.parse(readFileSync(join(work, 'package.json'), 'utf8')) as { main: string };
    assert.ok(names.includes(`extension/${manifest.main.replace(/^\.\//, '')}`));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('vsce ls on the working tree lists only allow-listed files (no maps, no sources)', { timeout: 60_000 }, () => {
  const out = execFileSync(process.execPath, [VSCE, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const listed = out.split('\n').map((l) => l.trim()).filter((l) => l.length > 0).sort();
  const allowed = new Set(expectedFiles().filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length)));
  allowed.add('LICENSE').add('README.md').add('CHANGELOG.md');
  for (const f of listed) assert.ok(allowed.has(f), `unexpected file in package: ${f}`);
  assertNoSources(listed);
  for (const f of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/server.js', 'dist/extension.js']) assert.ok(listed.includes(f), f);
});
