// Files other files give a language and hints: a compose service's `build.dockerfile:
// docker/app.build` is a Dockerfile, linted with the compose file's build context (which decides
// the .dockerignore). The plugin hook, the nearby-compose lookup, lint's `hints`, discovery.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { composePlugin } from '../../server/src/languages/compose/plugin';
import { hintFor, relatedFilesOf } from '../../server/src/engine/related';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/engine/config';
import { discover } from '../../server/src/node/discover';
import { ConfigResolver } from '../../server/src/node/config-resolver';
import { FsWorkspace } from '../../server/src/node/fs-workspace';
import { lintText, MemoryWorkspace, only } from '../helpers/lint';

const COMPOSE = [
  'services:',
  '  api:',
  '    build:',
  '      context: .',
  '      dockerfile: docker/app.build',
  '  worker:',
  '    build: {context: ., dockerfile: docker/app.build, target: worker}',
  '  web:',
  '    build: ./web',
  '  remote:',
  '    build: https://github.com/example/repo.git',
  '  missing:',
  '    build: {context: ., dockerfile: nowhere.Dockerfile}',
  '',
].join('\n');
const DOCKERFILE = 'FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nUSER app\n';
const config = mergeConfig(DEFAULT_CONFIG);

describe('related files', () => {
  const files = {
    '/p/compose.yaml': COMPOSE,
    '/p/docker/app.build': DOCKERFILE,
    '/p/web/Dockerfile': DOCKERFILE,
  };

  it('the compose plugin names the Dockerfiles its services build that exist, once each, with their build context', () => {
    const ws = new MemoryWorkspace(files);
    const parsed = composePlugin.parse(COMPOSE, '/p/compose.yaml');
    assert.deepEqual(composePlugin.relatedFiles!(parsed, { path: '/p/compose.yaml', workspace: ws, settings: {} }), [
      { path: '/p/docker/app.build', language: 'dockerfile', hints: { buildContext: '/p' } },
      { path: '/p/web/Dockerfile', language: 'dockerfile', hints: { buildContext: '/p/web' } },
    ]);
    assert.deepEqual(relatedFilesOf('/p/docker/app.build', DOCKERFILE, 'dockerfile', ws, config), [], 'Dockerfiles name nothing');
  });

  it('hintFor finds the compose file in the folders above a path', () => {
    const ws = new MemoryWorkspace(files);
    const o = { workspace: ws, configFor: () => config };
    assert.deepEqual(hintFor('/p/docker/app.build', o), { path: '/p/docker/app.build', language: 'dockerfile', hints: { buildContext: '/p' } });
    assert.equal(hintFor('/p/docker/other.build', o), undefined);
    // An open compose file elsewhere is asked first.
    const far = { ...files, '/q/stack.yaml': 'services:\n  x:\n    build: {context: /p, dockerfile: docker/app.build}\n' };
    assert.deepEqual(hintFor('/p/docker/app.build', { workspace: new MemoryWorkspace(far), configFor: () => config, sources: ['/q/stack.yaml'] })?.hints, { buildContext: '/p' });
  });

  it('lint: hints.buildContext decides which .dockerignore applies (<Dockerfile>.dockerignore first, then <context>/.dockerignore)', () => {
    const ws = new MemoryWorkspace({
      ...files,
      // The context root ignores nothing that matters; the Dockerfile's folder would ignore everything.
      '/p/.dockerignore': 'node_modules\n',
      '/p/docker/.dockerignore': '*\n!src\n',
    });
    const lintAs = (hints?: { buildContext: string }) =>
      only(lintText(DOCKERFILE, { path: '/p/docker/app.build', language: 'dockerfile', workspace: ws, hints }).diagnostics, 'dockerfile/secret-file-copied').map((d) => d.message);
    // Without the compose file's word, the context is the Dockerfile's folder: docker/.dockerignore keeps secrets out.
    assert.deepEqual(lintAs(), []);
    // Built with context `.`, the root .dockerignore is the one BuildKit reads: it lets them in.
    const withContext = lintAs({ buildContext: '/p' });
    assert.equal(withContext.length, 1);
    assert.match(withContext[0]!, /\.dockerignore does not exclude ".env"/);
    // <Dockerfile>.dockerignore wins over the context's.
    const own = new MemoryWorkspace({ ...files, '/p/.dockerignore': 'node_modules\n', '/p/docker/app.build.dockerignore': '*\n!src\n' });
    assert.deepEqual(only(lintText(DOCKERFILE, { path: '/p/docker/app.build', language: 'dockerfile', workspace: own, hints: { buildContext: '/p' } }).diagnostics, 'dockerfile/secret-file-copied'), []);
  });
});

describe('discover: files a compose file builds', () => {
  let root = '';
  before(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'rampart-related-'))).replace(/\\/g, '/');
    const write = (rel: string, text: string) => {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), text);
    };
    write('compose.yaml', COMPOSE);
    write('docker/app.build', DOCKERFILE);
    write('web/Dockerfile', DOCKERFILE);
    write('README.md', '# no\n');
    write('.gitignore', 'generated/\n');
    write('generated/compose.yaml', 'services:\n  g:\n    build: {context: ., dockerfile: gen.build}\n');
    write('generated/gen.build', DOCKERFILE);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('lints an unclaimed file as a Dockerfile, with the build context; a file discovered by name gets the context too', () => {
    const configs = new ConfigResolver(new FsWorkspace());
    const out = discover([root], { configFor: (p) => configs.configFor(p) }).map((f) => [f.path.slice(root.length + 1), f.language, f.hints?.buildContext?.slice(root.length) ?? null]);
    assert.deepEqual(out, [
      ['compose.yaml', 'compose', null],
      ['web/Dockerfile', 'dockerfile', '/web'],
      ['docker/app.build', 'dockerfile', ''],
    ]);
  });
});
