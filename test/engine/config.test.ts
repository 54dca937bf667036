// `.rampart.yaml`: validation with exact ranges and messages, discovery (nearest, no cascading),
// precedence of the layers, and the ignore / files globs as detection sees them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfigFile, findConfigFile } from '../../server/src/engine/config-file';
import { DEFAULT_CONFIG, effectiveSeverity, mergeConfig, type RampartConfig } from '../../server/src/engine/config';
import { detectLanguage, isIgnoredByConfig } from '../../server/src/engine/detect';
import { ruleMeta } from '../../server/src/engine/registry';
import { ConfigResolver } from '../../server/src/node/config-resolver';
import { fmtRange, lintText, MemoryWorkspace } from '../helpers/lint';

function problems(text: string): Array<[string, string]> {
  return parseConfigFile(text, '/repo/.rampart.yaml').problems.map((p) => [fmtRange(p.range), p.message]);
}

describe('.rampart.yaml: a valid file', () => {
  it('reads every key', () => {
    const text = [
      'profile: strict',
      'rules:',
      '  dockerfile/image-latest: error',
      '  dockerfile/add-instead-of-copy: off',
      'ignore:',
      '  - vendor/**',
      '  - "*.generated.Dockerfile"',
      'files:',
      '  dockerfile: [docker/*.df]',
      '  nginx: ["conf/**/*.conf"]',
      'nginx:',
      '  version: 1.20',
      'traefik: {version: v3}',
      '',
    ].join('\n');
    const r = parseConfigFile(text, '/repo/.rampart.yaml');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.layer, {
      configPath: '/repo/.rampart.yaml',
      configDir: '/repo',
      profile: 'strict',
      rules: { 'dockerfile/image-latest': 'error', 'dockerfile/add-instead-of-copy': 'off' },
      ignore: ['vendor/**', '*.generated.Dockerfile'],
      files: { dockerfile: ['docker/*.df'], nginx: ['conf/**/*.conf'] },
      // Written as a YAML number, kept as written: 1.20 is not 1.2.
      nginxVersion: '1.20',
      traefikVersion: '3',
    });
  });

  it('accepts an empty file, a comment-only file, empty keys and a BOM', () => {
    assert.deepEqual(problems(''), []);
    assert.deepEqual(problems('# nothing yet\n'), []);
    assert.deepEqual(problems('rules:\nignore:\nfiles:\n'), []);
    assert.deepEqual(problems('\ufeffprofile: strict\n'), []);
    assert.equal(parseConfigFile('\ufeffprofile: strict\n', '/r/.rampart.yaml').layer.profile, 'strict');
  });
});

describe('.rampart.yaml: problems with exact ranges', () => {
  it('unknown keys, profiles, rules and severities', () => {
    const text = [
      'profil: strict', // 1
      'profile: paranoid', // 2
      'rules:', // 3
      '  dockerfile/image-lates: error', // 4
      '  dockerfile/image-latest: warn', // 5
      '  dockerfile/add-instead-of-copy: [error]', // 6
      '  nothing/like-this: off', // 7
      '',
    ].join('\n');
    assert.deepEqual(problems(text), [
      ['1:1-1:7', 'Unknown key "profil": expected one of profile, rules, ignore, files, nginx, traefik.'],
      ['2:10-2:18', 'Unknown profile "paranoid": use "recommended" or "strict".'],
      ['4:3-4:25', 'Unknown rule "dockerfile/image-lates". Did you mean dockerfile/image-latest? Run `rampart rules` for the list.'],
      ['5:28-5:32', 'Severity of dockerfile/image-latest must be off, info, warning or error, not "warn". Did you mean warning?'],
      ['6:35-6:42', 'Severity of dockerfile/add-instead-of-copy must be off, info, warning or error, not "".'],
      ['7:3-7:20', 'Unknown rule "nothing/like-this". Run `rampart rules` for the list.'],
    ]);
  });

  it('ignore and files: lists of globs, known languages', () => {
    const text = ['ignore: vendor', 'files:', '  docker: [x]', '  nginx: [ok, 3, ""]', '  compose: "*.yml"', ''].join('\n');
    assert.deepEqual(problems(text), [
      ['1:9-1:15', 'ignore must be a list of glob patterns, for example `ignore: ["vendor/**"]`.'],
      ['3:3-3:9', 'Unknown language "docker": use dockerfile, compose, nginx or traefik.'],
      ['4:15-4:16', 'Each entry of files.nginx must be a glob pattern (a non-empty string).'],
      ['4:18-4:20', 'Each entry of files.nginx must be a glob pattern (a non-empty string).'],
      ['5:12-5:19', 'files.compose must be a list of glob patterns, for example `files.compose: ["vendor/**"]`.'],
    ]);
  });

  it('nginx and traefik versions', () => {
    const text = ['nginx: "1.27"', 'traefik:', '  version: latest', '  verison: 3', ''].join('\n');
    assert.deepEqual(problems(text), [
      ['1:8-1:14', 'nginx must be a mapping such as `nginx: {version: "1.27"}`.'],
      ['3:12-3:18', 'traefik.version must be a version number such as "3.1", not "latest".'],
      ['4:3-4:10', 'Unknown key "traefik.verison": the only key under traefik is version.'],
    ]);
  });

  it('YAML errors: duplicate keys, syntax, a non-mapping root', () => {
    assert.deepEqual(problems('profile: strict\nprofile: recommended\n'), [['2:1-2:8', 'Duplicate key: each key may appear only once.']]);
    const syntax = problems('rules:\n  a: [b\n');
    assert.equal(syntax.length > 0, true);
    assert.match(syntax[0]![1], /^Invalid YAML: /);
    assert.deepEqual(problems('- profile\n'), [['1:1-2:1', 'The config must be a mapping with keys such as profile, rules and ignore.']]);
  });
});

describe('config discovery and precedence', () => {
  it('finds the nearest file in the folder or its ancestors; .yaml before .yml', () => {
    const files = new Set(['/r/.rampart.yaml', '/r/a/.rampart.yml', '/r/a/b/.rampart.yaml', '/r/a/b/.rampart.yml']);
    const exists = (p: string) => files.has(p);
    assert.equal(findConfigFile('/r/a/b/c/Dockerfile', exists), '/r/a/b/.rampart.yaml');
    assert.equal(findConfigFile('/r/a/Dockerfile', exists), '/r/a/.rampart.yml');
    assert.equal(findConfigFile('/r/x/Dockerfile', exists), '/r/.rampart.yaml');
    assert.equal(findConfigFile('/other/Dockerfile', exists), undefined);
    assert.equal(findConfigFile('/Dockerfile', (p) => p === '/.rampart.yaml'), '/.rampart.yaml');
    assert.equal(findConfigFile('/r/x/Dockerfile', exists, '/r/x'), undefined);
  });

  it('does not cascade: a nested file replaces its parent completely', () => {
    const ws = new MemoryWorkspace({
      '/r/.rampart.yaml': 'profile: strict\nrules: {dockerfile/image-latest: error}\nignore: [skip]\n',
      '/r/sub/.rampart.yaml': 'rules: {dockerfile/add-instead-of-copy: info}\n',
    });
    const resolver = new ConfigResolver(ws);
    const top = resolver.configFor('/r/Dockerfile');
    assert.equal(top.profile, 'strict');
    assert.deepEqual(top.rules, { 'dockerfile/image-latest': 'error' });
    const sub = resolver.configFor('/r/sub/deep/Dockerfile');
    assert.equal(sub.profile, 'recommended');
    assert.deepEqual(sub.rules, { 'dockerfile/add-instead-of-copy': 'info' });
    assert.deepEqual(sub.ignore, []);
    assert.equal(sub.configDir, '/r/sub');
  });

  it('defaults < editor settings < .rampart.yaml < CLI flags', () => {
    const ws = new MemoryWorkspace({ '/r/.rampart.yaml': 'rules: {dockerfile/image-latest: info, dockerfile/add-instead-of-copy: error}\n' });
    const settings = { profile: 'strict' as const, rules: { 'dockerfile/image-latest': 'error' as const, 'rampart/unused-ignore': 'off' as const } };
    const flags = { rules: { 'dockerfile/add-instead-of-copy': 'off' as const } };
    const c = new ConfigResolver(ws, settings, flags).configFor('/r/Dockerfile');
    assert.equal(c.profile, 'strict');
    assert.deepEqual(c.rules, { 'dockerfile/image-latest': 'info', 'rampart/unused-ignore': 'off', 'dockerfile/add-instead-of-copy': 'off' });
    // An explicit --config replaces discovery.
    const explicit = new ConfigResolver(new MemoryWorkspace({ '/r/.rampart.yaml': 'profile: strict\n', '/cfg/ci.yaml': 'rules: {}\n' }), undefined, undefined, '/cfg/ci.yaml');
    assert.equal(explicit.configFor('/r/Dockerfile').profile, 'recommended');
    assert.equal(explicit.configFor('/r/Dockerfile').configDir, '/cfg');
  });

  it('the severity a rule runs at: override, then profile, then default', () => {
    const latest = ruleMeta('dockerfile/image-latest')!;
    const strictOnly = { ...latest, profile: 'strict' as const };
    const cfg = (layer: Partial<RampartConfig>) => mergeConfig(DEFAULT_CONFIG, layer);
    assert.equal(effectiveSeverity(latest, cfg({})), 'warning');
    assert.equal(effectiveSeverity(latest, cfg({ rules: { 'dockerfile/image-latest': 'off' } })), 'off');
    assert.equal(effectiveSeverity(strictOnly, cfg({})), 'off');
    assert.equal(effectiveSeverity(strictOnly, cfg({ profile: 'strict' })), 'warning');
    assert.equal(effectiveSeverity(strictOnly, cfg({ rules: { 'dockerfile/image-latest': 'info' } })), 'info');
  });

  it('a rule turned off by the project file does not run', () => {
    // Otherwise hardened (non-root USER, digest-pinned base), so only the rules named here fire.
    const r = lintText('FROM node:latest\nUSER node\n', { config: { rules: { 'dockerfile/image-latest': 'off' } } });
    assert.deepEqual(r.diagnostics, []);
    const up = lintText('FROM node:latest\nUSER node\n', { config: { rules: { 'dockerfile/image-latest': 'error' } } });
    assert.deepEqual(up.diagnostics.map((d) => `${d.rule} ${d.severity}`), ['dockerfile/image-latest error']);
    // Rampart's own rules run in every profile, at the severity the project gives them.
    const bad = 'RUN true\nFROM node:20@sha256:194b23bd4ffb132c9a190cac099e31e17ef534cbdad6eeabbc022ed3146220ad\nUSER node\n';
    assert.deepEqual(lintText(bad).diagnostics.map((d) => `${d.rule} ${d.severity}`), ['rampart/parse-error error']);
    assert.deepEqual(lintText(bad, { config: { profile: 'recommended', rules: { 'rampart/parse-error': 'warning' } } }).diagnostics.map((d) => `${d.rule} ${d.severity}`), ['rampart/parse-error warning']);
    assert.deepEqual(lintText(bad, { config: { rules: { 'rampart/parse-error': 'off' } } }).diagnostics, []);
  });
});

describe('ignore and files globs (relative to the config folder)', () => {
  const config = (ignore: string[], files: RampartConfig['files'] = {}): RampartConfig => mergeConfig(DEFAULT_CONFIG, { configDir: '/repo', ignore, files });

  it('ignore: anchored paths, names at any depth, folders and everything under them', () => {
    const c = config(['vendor', 'build/', '/Dockerfile', 'deploy/*.old', '**/tmp/**', 'Dockerfile.ci']);
    const cases: Array<[string, boolean]> = [
      ['/repo/vendor/Dockerfile', true],
      ['/repo/a/vendor/x/Dockerfile', true],
      ['/repo/build/Dockerfile', true],
      ['/repo/x/build/Dockerfile', true],
      ['/repo/Dockerfile', true],
      ['/repo/app/Dockerfile', false],
      ['/repo/deploy/web.old', true],
      ['/repo/x/deploy/web.old', false],
      ['/repo/a/tmp/b/Dockerfile', true],
      ['/repo/x/Dockerfile.ci', true],
      ['/repo/x/Dockerfile.cid', false],
      // Outside the config's folder: its globs do not apply.
      ['/elsewhere/vendor/Dockerfile', false],
    ];
    for (const [path, ignored] of cases) assert.equal(isIgnoredByConfig(path, c), ignored, path);
    assert.equal(detectLanguage('/repo/vendor/Dockerfile', 'FROM x', c), undefined);
    assert.equal(detectLanguage('/repo/app/Dockerfile', 'FROM x', c), 'dockerfile');
  });

  it('a file named only as a folder pattern is not a folder', () => {
    assert.equal(isIgnoredByConfig('/repo/build', config(['build/'])), false);
  });

  it('files: extra detection patterns claim files no name rule would', () => {
    const c = config([], { dockerfile: ['docker/*.df', 'images/'] });
    assert.equal(detectLanguage('/repo/docker/web.df', '', c), 'dockerfile');
    assert.equal(detectLanguage('/repo/other/web.df', '', c), undefined);
    assert.equal(detectLanguage('/repo/images/a/base', '', c), 'dockerfile');
    // ignore wins over files.
    assert.equal(detectLanguage('/repo/docker/web.df', '', config(['docker'], { dockerfile: ['docker/*.df'] })), undefined);
  });
});

describe('.rampart.yaml: hostile nesting', () => {
  it('a config nested deeper than the cap is one problem at the bracket past it, found without the parser', () => {
    const text = `profile: strict\nignore: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    // `ignore:` is one level of block mapping; its flow value's 200th `[` is the 201st level.
    assert.deepEqual(problems(text), [['2:208-2:209', 'Nesting deeper than 200 levels: Rampart does not lint this file.']]);
    // Under the cap the parser reads it, and the value is judged as usual (not a list of globs).
    const shallow = problems(`profile: strict\nignore: ${'['.repeat(150)}${']'.repeat(150)}\n`);
    assert.ok(shallow.length > 0 && shallow.every(([, m]) => !m.startsWith('Nesting deeper')), JSON.stringify(shallow));
  });
});
