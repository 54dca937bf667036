// The install script's decisions, without installing anything (--dry-run). A CI machine starts
// without chromium and neovim, which this machine may already have from an earlier run, so the
// "missing" path is checked here on purpose: once with a PATH that really lacks both commands,
// once with the packages declared missing; and the cached path against the real cache.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE, CODE_SERVER_VERSION, NODE_VERSION, ROOT } from './lib/env';

const SCRIPT = join(ROOT, 'scripts', 'e2e', 'install.sh');

function dryRun(env: Record<string, string | undefined>): string {
  return execFileSync('bash', [SCRIPT, '--dry-run'], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
}

/** A PATH of symlinks to every command of the usual folders except `hidden`. */
function pathWithout(hidden: string[]): { path: string; dispose: () => void } {
  const bin = mkdtempSync(join(tmpdir(), 'rampart-e2e-bin-'));
  for (const dir of ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (hidden.includes(name) || existsSync(join(bin, name))) continue;
      symlinkSync(join(dir, name), join(bin, name));
    }
  }
  return { path: bin, dispose: () => rmSync(bin, { recursive: true, force: true }) };
}

describe('scripts/e2e/install.sh', () => {
  it('installs chromium and neovim with apt-get when their commands are missing (dry run)', () => {
    const cache = mkdtempSync(join(tmpdir(), 'rampart-e2e-cache-'));
    rmSync(cache, { recursive: true });
    const bin = pathWithout(['chromium', 'nvim']);
    try {
      const out = dryRun({ PATH: bin.path, RAMPART_E2E_CACHE: cache, RAMPART_E2E_ASSUME_MISSING: '' });
      assert.match(out, /apt: installing chromium neovim/);
      assert.match(out, /would run: .*apt-get update/);
      assert.match(out, /would run: .*apt-get install -y .*chromium neovim fonts-liberation/);
      // A fresh cache: Node 24 and code-server are fetched from the npm registry.
      assert.match(out, new RegExp(`would run: npm_q pack node-linux-\\w+@${NODE_VERSION.replace(/\./g, '\\.')}`));
      assert.match(out, new RegExp(`would run: npm_q install -g --prefix \\S+ --ignore-scripts code-server@${CODE_SERVER_VERSION.replace(/\./g, '\\.')}`));
      assert.match(out, /install --omit=dev --ignore-scripts/);
      assert.equal(existsSync(cache), false, 'a dry run creates nothing');
    } finally {
      bin.dispose();
    }
  });

  it('installs only what is missing: neovim alone', () => {
    const out = dryRun({ RAMPART_E2E_ASSUME_MISSING: 'neovim' });
    assert.match(out, /would run: .*apt-get install -y -q --no-install-recommends neovim\s*$/m);
    assert.doesNotMatch(out, /fonts-liberation/);
  });

  it('does nothing when everything is present and cached', () => {
    const out = dryRun({ RAMPART_E2E_CACHE: CACHE, RAMPART_E2E_ASSUME_MISSING: '' });
    assert.match(out, /apt: chromium and neovim present/);
    assert.match(out, new RegExp(`node ${NODE_VERSION.replace(/\./g, '\\.')}: cached`));
    assert.match(out, new RegExp(`code-server ${CODE_SERVER_VERSION.replace(/\./g, '\\.')}: cached`));
    assert.doesNotMatch(out, /would run/);
  });
});
