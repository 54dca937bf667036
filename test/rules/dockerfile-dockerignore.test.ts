// .dockerignore semantics as BuildKit applies them (moby/patternmatcher + ignorefile.ReadAll).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  cleanPath,
  compilePattern,
  dockerignoreCandidates,
  isIgnored,
  loadDockerignore,
  parseDockerignore,
} from '../../server/src/languages/dockerfile/dockerignore';
import { contextLeaks, secretFileKind } from '../../server/src/languages/dockerfile/rules/secret-file-copied';
import { rng } from '../bench/generate';

const ignored = (dockerignore: string, path: string) => isIgnored(parseDockerignore(dockerignore), path);

describe('dockerignore: reading the file', () => {
  it('skips comments and blank lines, trims, cleans and un-roots patterns', () => {
    const p = parseDockerignore('\uFEFF# comment\n\n  .git/  \r\n/secrets//x/../y\n./.env\n!  keep.pem\n!\n');
    assert.deepEqual(
      p.map((x) => [x.exclusion ? '!' : '', x.pattern, x.line]),
      [
        ['', '.git', 2],
        ['', 'secrets/y', 3],
        ['', '.env', 4],
        ['!', 'keep.pem', 5],
      ],
    );
  });

  it('treats "#" as a comment only in the first column', () => {
    const p = parseDockerignore('  # not a comment\n');
    assert.equal(p.length, 1);
    assert.equal(p[0]!.pattern, '# not a comment');
  });

  it('cleans paths like Go path.Clean', () => {
    assert.equal(cleanPath('a//b/./c/'), 'a/b/c');
    assert.equal(cleanPath('../x'), '../x');
    assert.equal(cleanPath('/a/../..'), '/');
    assert.equal(cleanPath('./'), '.');
  });
});

describe('dockerignore: matching', () => {
  it('anchors patterns at the context root', () => {
    assert.equal(ignored('*.pem', 'key.pem'), true);
    assert.equal(ignored('*.pem', 'certs/key.pem'), false);
    assert.equal(ignored('**/*.pem', 'certs/deep/key.pem'), true);
    assert.equal(ignored('**/*.pem', 'key.pem'), true);
    assert.equal(ignored('.env', 'config/.env'), false);
    assert.equal(ignored('**/.env', 'config/.env'), true);
    assert.equal(ignored('**/.env', '.env'), true);
  });

  it('excludes everything under an excluded folder', () => {
    assert.equal(ignored('.git', '.git/config'), true);
    assert.equal(ignored('.git/', '.git/objects/ab/cdef'), true);
    assert.equal(ignored('.git/*', '.git/objects/ab/cdef'), true);
    assert.equal(ignored('secrets', 'secrets/prod/id_rsa'), true);
    assert.equal(ignored('foo/**', 'foo/bar'), true);
    assert.equal(ignored('foo/**', 'foobar'), false);
  });

  it('keeps * and ? inside one path segment', () => {
    assert.equal(ignored('*', 'src/app.ts'), true, 'via the parent folder "src"');
    assert.equal(ignored('src/*', 'src/lib/app.ts'), true, 'via the parent folder "src/lib"');
    assert.equal(ignored('src/*.ts', 'src/lib/app.ts'), false);
    assert.equal(ignored('src/*.ts', 'srcx/app.ts'), false);
    assert.equal(ignored('.env?', '.env1'), true);
    assert.equal(ignored('.env?', '.env'), false);
    assert.equal(ignored('.env*', '.env.production'), true);
  });

  it('supports classes and escapes', () => {
    assert.equal(ignored('[a-c].key', 'b.key'), true);
    assert.equal(ignored('[a-c].key', 'd.key'), false);
    assert.equal(ignored('\\*.txt', '*.txt'), true);
    assert.equal(ignored('\\*.txt', 'a.txt'), false);
    assert.equal(ignored('a+b.(x)', 'a+b.(x)'), true, 'regexp characters are literal');
  });

  it('lets the last matching pattern win, with ! re-including', () => {
    assert.equal(ignored('*.key\n!public.key', 'public.key'), false);
    assert.equal(ignored('*.key\n!public.key', 'private.key'), true);
    assert.equal(ignored('!keep.pem\n*.pem', 'keep.pem'), true);
  });

  it('handles allow-list files (exclude everything, re-include what the build needs)', () => {
    const allow = '*\n!src\n!package.json\n';
    assert.equal(ignored(allow, 'src/index.ts'), false);
    assert.equal(ignored(allow, 'package.json'), false);
    assert.equal(ignored(allow, '.env'), true);
    assert.equal(ignored(allow, '.git/config'), true);
  });

  it('never ignores the context root itself', () => {
    assert.equal(ignored('*', '.'), false);
    assert.equal(ignored('**', 'any/thing'), true);
  });
});

describe('dockerignore: which file is in effect', () => {
  it('prefers <Dockerfile>.dockerignore, then <context>/.dockerignore', () => {
    assert.deepEqual(dockerignoreCandidates('/repo/app/api.Dockerfile'), ['/repo/app/api.Dockerfile.dockerignore', '/repo/app/.dockerignore']);
    assert.deepEqual(dockerignoreCandidates('/repo/docker/Dockerfile', '/repo'), ['/repo/docker/Dockerfile.dockerignore', '/repo/.dockerignore']);
  });

  it('reads through the callback and reports which file it used', () => {
    const files: Record<string, string> = { '/r/.dockerignore': '.env', '/r/Dockerfile.dockerignore': '.git' };
    const got = loadDockerignore((p) => files[p], '/r/Dockerfile');
    assert.equal(got?.path, '/r/Dockerfile.dockerignore');
    assert.equal(loadDockerignore((p) => files[p], '/r/other.Dockerfile')?.path, '/r/.dockerignore');
    assert.equal(loadDockerignore(() => undefined, '/r/Dockerfile'), undefined);
  });
});

describe('secret-file-copied helpers', () => {
  it('names what a .dockerignore lets through', () => {
    assert.deepEqual(contextLeaks(undefined), ['.env', '.git', '*.pem', '*.key', 'id_rsa']);
    assert.deepEqual(contextLeaks(parseDockerignore('.env\n.git\n')), ['*.pem', '*.key', 'id_rsa']);
    assert.deepEqual(contextLeaks(parseDockerignore('**/.env*\n.git\n*.pem\n*.key\nid_rsa*\n')), []);
    assert.deepEqual(contextLeaks(parseDockerignore('*\n!src\n')), []);
  });

  it('classifies secret-shaped sources', () => {
    const cases: Array<[string, string | undefined]> = [
      ['.env', 'an environment file'],
      ['./config/.env.production', 'an environment file'],
      ['.env.example', undefined],
      ['.env.sample', undefined],
      ['certs/server.key', 'a private key'],
      ['privkey.pem', 'a PEM key'],
      ['fullchain.pem', undefined],
      ['ca-cert.pem', undefined],
      ['id_rsa', 'an SSH private key'],
      ['id_ed25519.pub', undefined],
      ['~/.ssh/', 'SSH keys'],
      ['.aws/credentials', 'AWS credentials'],
      ['.npmrc', 'npm credentials'],
      ['*.p12', 'a PKCS#12 key store'],
      ['acme.json', 'an ACME store with TLS private keys'],
      ['package.json', undefined],
      ['src/', undefined],
    ];
    for (const [src, kind] of cases) assert.equal(secretFileKind(src), kind, src);
  });
});

describe('dockerignore: runs of wildcards', () => {
  // patternmatcher's regular expression, written out with no simplification: the reference.
  function reference(pattern: string): (path: string) => boolean {
    let re = '^';
    let type = 'exact';
    for (let i = 0, k = 0; i < pattern.length; i++, k++) {
      const ch = pattern[i]!;
      if (ch === '*') {
        if (pattern[i + 1] === '*') {
          i++;
          if (pattern[i + 1] === '/') i++;
          if (i + 1 >= pattern.length) {
            if (type === 'exact') type = 'prefix';
            else {
              re += '.*';
              type = 'regexp';
            }
          } else {
            re += '(.*/)?';
            type = 'regexp';
          }
          if (k === 0) type = 'suffix';
        } else {
          re += '[^/]*';
          type = 'regexp';
        }
      } else if (ch === '?') {
        re += '[^/]';
        type = 'regexp';
      } else if (ch === '.') re += '\\.';
      else re += ch;
    }
    if (type === 'exact') return (p) => p === pattern;
    if (type === 'prefix') return (p) => p.startsWith(pattern.slice(0, -2));
    if (type === 'suffix') return (p) => p.endsWith(pattern.slice(2)) || (pattern.slice(2).startsWith('/') && p === pattern.slice(3));
    const r = new RegExp(re + '$');
    return (p) => r.test(p);
  }

  it('a simplified run of stars matches exactly what the plain expression matches', () => {
    const r = rng(7);
    const pick = (xs: string) => xs[Math.floor(r() * xs.length)]!;
    const paths = ['a', 'b', 'ab', 'a/b', 'b/a', 'a/b/a', 'ab/ba/a', '.a/b', 'a.b', 'a/', 'x/y/z/a'];
    for (let n = 0; n < 3000; n++) {
      let pattern = '';
      const len = 1 + Math.floor(r() * 7);
      for (let i = 0; i < len; i++) pattern += pick('***a/b?.');
      pattern = cleanPath(pattern).replace(/^\/+/, '');
      if (pattern === '' || pattern === '.') continue;
      const mine = compilePattern(pattern);
      const theirs = reference(pattern);
      for (const p of paths) assert.equal(mine(p), theirs(p), `${pattern} on ${p}`);
    }
  });

  it('thousands of stars are matched at once', () => {
    // 2,578 stars (found by the fuzzer) took 2.9 s against a few paths; a test that cannot hang.
    // An even run is `**` again and again: any folders, then `x` starting a name.
    const folders = compilePattern(`s${'*'.repeat(2578)}x`);
    assert.equal(folders('s/a/b/c/d/e/f/g/h/i/j'), false);
    assert.equal(folders('s/a/b/x'), true);
    assert.equal(folders('sabcx'), false);
    // An odd run ends in a `*`: anything at all between `s` and `x`.
    assert.equal(compilePattern(`s${'*'.repeat(2577)}x`)('sabcx'), true);
    assert.equal(compilePattern(`a${'**/'.repeat(500)}b`)('a/x/y/z/b'), true);
  });
});
