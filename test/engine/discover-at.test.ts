// discoverAt / walkAt (the server's answer for one created or changed path) agree with the full
// walk for every path of a tree; the walk can stop at a deadline and resume; files.exclude globs
// behave as VS Code's (relative to the folder, a matching folder hides its contents).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { discover, discoverAt, walkAt } from '../../server/src/node/discover';
import { excludeGlobs, filesExcludeMatcher } from '../../server/src/node/files-exclude';
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

function every(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = `${dir}/${name}`;
    out.push(p);
    if (statSync(p).isDirectory()) out.push(...every(p));
  }
  return out;
}

describe('discoverAt', () => {
  before(() => {
    // No .git: the folder's own .gitignore files must still count for a path deep inside it.
    root = realpathSync(mkdtempSync(join(tmpdir(), 'rampart-discover-at-'))).replace(/\\/g, '/');
    write({
      '.gitignore': 'build/\n*.tmp.Dockerfile\n',
      'Dockerfile': 'FROM a\n',
      'a/Dockerfile': 'FROM a\n',
      'a/x.tmp.Dockerfile': 'FROM a\n',
      'a/.gitignore': '!x.tmp.Dockerfile\nsecret/\n',
      'a/secret/Dockerfile': 'FROM a\n',
      'a/b/c/compose.yaml': 'services:\n  a:\n    image: x\n',
      'a/b/c/nginx.conf': 'events {}\n',
      'a/b/c/notes.yaml': 'just: data\n',
      'build/Dockerfile': 'FROM a\n',
      'node_modules/p/Dockerfile': 'FROM a\n',
      'excluded/Dockerfile': 'FROM a\n',
      'deep/excluded/Dockerfile': 'FROM a\n',
      'svc/.rampart.yaml': 'ignore: [legacy]\n',
      'svc/legacy/Dockerfile': 'FROM a\n',
      'svc/new/Dockerfile': 'FROM a\n',
      'svc/conf.d/site.conf': 'server {\n  listen 80;\n}\n',
      'traefik/dynamic.yml': 'http:\n  routers:\n    r:\n      rule: Host(`a`)\n',
    });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const options = () => {
    const configs = new ConfigResolver(new FsWorkspace());
    return { configFor: (p: string) => configs.configFor(p), exclude: filesExcludeMatcher(root, excludeGlobs({ excluded: true, '**/deep/excluded': true, off: false })) };
  };

  it('answers, for every path of the tree, what the full walk found at or under it', () => {
    const full = discover([root], options());
    assert.deepEqual(
      full.map((f) => f.path.slice(root.length + 1)),
      ['Dockerfile', 'a/Dockerfile', 'a/b/c/compose.yaml', 'a/b/c/nginx.conf', 'a/x.tmp.Dockerfile', 'svc/conf.d/site.conf', 'svc/new/Dockerfile', 'traefik/dynamic.yml'],
    );
    const rules = new Map();
    for (const p of [root, ...every(root)]) {
      const expected = full.filter((f) => f.path === p || f.path.startsWith(`${p}/`));
      assert.deepEqual(discoverAt(root, p, options(), rules), expected, p.slice(root.length + 1) || '.');
    }
    assert.deepEqual(discoverAt(root, `${root}/missing/Dockerfile`, options()), []);
    assert.deepEqual(discoverAt(root, '/elsewhere/Dockerfile', options()), []);
  });

  it('a walk stopped at a deadline resumes where it stopped', () => {
    const walk = walkAt(root, root, options());
    let rounds = 0;
    while (!walk.run(performance.now() - 1)) rounds++;
    assert.deepEqual(walk.out, discover([root], options()));
    assert.ok(rounds >= 0);
  });
});

describe('files.exclude', () => {
  it('matches globs relative to the folder, dotfiles included, only `true` values', () => {
    assert.deepEqual(excludeGlobs({ '**/.git': true, 'build/': true, './out': true, x: false, y: { when: '$(basename).ts' }, '': true }), ['**/.git', 'build', 'out']);
    assert.deepEqual(excludeGlobs(null), []);
    assert.deepEqual(excludeGlobs(['a']), []);
    const m = filesExcludeMatcher('/w', ['**/.git', 'build', '**/*.tmp'])!;
    assert.equal(m('/w/.git'), true);
    assert.equal(m('/w/sub/.git'), true);
    assert.equal(m('/w/build'), true);
    assert.equal(m('/w/sub/build'), false);
    assert.equal(m('/w/a/b.tmp'), true);
    assert.equal(m('/other/build'), false);
    assert.equal(filesExcludeMatcher('/w', []), undefined);
  });
});
