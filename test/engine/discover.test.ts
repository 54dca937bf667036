// Folder discovery, shared by the CLI walk and the server's workspace scan: .gitignore nesting
// and negation (as git answers), the config's ignore globs, node_modules/.git skipped, symlinks
// not followed, files detected by name and config globs.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { discover } from '../../server/src/node/discover';
import { ConfigResolver } from '../../server/src/node/config-resolver';
import { FsWorkspace } from '../../server/src/node/fs-workspace';

let root = '';

function write(files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
}

function found(start = root): string[] {
  const configs = new ConfigResolver(new FsWorkspace());
  return discover([start], { configFor: (p) => configs.configFor(p) }).map((f) => `${f.path.slice(root.length + 1)} ${f.language}`);
}

describe('discover', () => {
  before(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'rampart-discover-'))).replace(/\\/g, '/');
    write({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/info/exclude': 'excluded-by-git/\n',
      '.gitignore': 'build/\n*.tmp.Dockerfile\nlogs/*\n!logs/keep/\n',
      'Dockerfile': 'FROM a\n',
      'README.md': '# no\n',
      'app/Dockerfile.dev': 'FROM a\n',
      'app/web.Dockerfile': 'FROM a\n',
      'app/x.tmp.Dockerfile': 'FROM a\n',
      'app/.dockerignore': '*\n',
      'app/Dockerfile.dockerignore': '*\n',
      'app/.gitignore': 'Containerfile\n!x.tmp.Dockerfile\n',
      'app/Containerfile': 'FROM a\n',
      'app/sub/Containerfile': 'FROM a\n',
      'build/Dockerfile': 'FROM a\n',
      'logs/Dockerfile': 'FROM a\n',
      'logs/keep/Dockerfile': 'FROM a\n',
      'excluded-by-git/Dockerfile': 'FROM a\n',
      'node_modules/pkg/Dockerfile': 'FROM a\n',
      'vendor/Dockerfile': 'FROM a\n',
      'deploy/.rampart.yaml': 'ignore: [old/]\nfiles:\n  dockerfile: ["images/*.df"]\n',
      'deploy/old/Dockerfile': 'FROM a\n',
      'deploy/images/web.df': 'FROM a\n',
      'deploy/images/web.txt': 'FROM a\n',
      '.rampart.yaml': 'ignore: [vendor]\n',
    });
    mkdirSync(join(root, 'linked-target'));
    writeFileSync(join(root, 'linked-target/Dockerfile'), 'FROM a\n');
    symlinkSync(join(root, 'linked-target'), join(root, 'app/link-dir'));
    symlinkSync(join(root, 'Dockerfile'), join(root, 'app/link.Dockerfile'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('walks the tree as git and the config see it, sorted by path', () => {
    assert.deepEqual(found(), [
      'Dockerfile dockerfile',
      'app/Dockerfile.dev dockerfile',
      'app/web.Dockerfile dockerfile',
      // *.tmp.Dockerfile is ignored at the root and re-included by app/.gitignore's negation
      'app/x.tmp.Dockerfile dockerfile',
      'deploy/images/web.df dockerfile',
      'linked-target/Dockerfile dockerfile',
      'logs/keep/Dockerfile dockerfile',
    ]);
  });

  it('honours the repository .gitignore files above a sub-folder start', () => {
    // app/Containerfile is ignored by app/.gitignore (a name at any depth), so is app/sub/Containerfile.
    assert.deepEqual(found(`${root}/app`), ['app/Dockerfile.dev dockerfile', 'app/web.Dockerfile dockerfile', 'app/x.tmp.Dockerfile dockerfile']);
    assert.deepEqual(found(`${root}/logs`), ['logs/keep/Dockerfile dockerfile']);
    assert.deepEqual(found(`${root}/build`), []);
  });

  it('uses the nearest config for ignore and files globs (no cascading)', () => {
    // deploy/.rampart.yaml replaces the root one: vendor is not its business, old/ is.
    assert.deepEqual(found(`${root}/deploy`), ['deploy/images/web.df dockerfile']);
  });

  it('outside a git work tree only the walked .gitignore files count', () => {
    const outside = realpathSync(mkdtempSync(join(tmpdir(), 'rampart-nogit-'))).replace(/\\/g, '/');
    try {
      mkdirSync(`${outside}/a`, { recursive: true });
      writeFileSync(`${outside}/.gitignore`, 'a/\n');
      writeFileSync(`${outside}/a/Dockerfile`, 'FROM a\n');
      const configs = new ConfigResolver(new FsWorkspace());
      assert.deepEqual(discover([`${outside}/a`], { configFor: (p) => configs.configFor(p) }).map((f) => f.path), [`${outside}/a/Dockerfile`]);
      assert.deepEqual(discover([outside], { configFor: (p) => configs.configFor(p) }).map((f) => f.path), []);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
