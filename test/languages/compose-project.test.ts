// The compose project: override files, COMPOSE_FILE, extends (same file and `file:`), include,
// with provenance (file + exact range in that file) for every merged value, and the Dockerfile a
// service builds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCompose } from '../../server/src/languages/compose/parse';
import { builtDockerfiles, projectView, resolvePath, serviceDockerfile, relativePath, type ProjectView } from '../../server/src/languages/compose/project';
import type { Range, RuleContext, WorkspaceView } from '../../server/src/engine/types';
import { fmtRange, lintText, MemoryWorkspace, only } from '../helpers/lint';
import { insertServiceKey } from '../../server/src/languages/compose/edits';

function ctxFor(path: string, ws: WorkspaceView): RuleContext {
  return { path, workspace: ws, settings: {} };
}

function load(files: Record<string, string>, path: string): ProjectView {
  const parsed = parseCompose(files[path]!, path);
  return projectView(parsed.model, ctxFor(path, new MemoryWorkspace(files)));
}

function svc(view: ProjectView, name: string) {
  const s = view.service(name);
  assert.ok(s, `service ${name}`);
  return s;
}

/** The text a range covers in a file. */
function at(text: string, r: Range): string {
  const lines = text.split('\n');
  assert.equal(r.start.line, r.end.line, 'single-line range');
  return lines[r.start.line]!.slice(r.start.character, r.end.character);
}

const BASE = [
  'services:', //                        0
  '  web:', //                           1
  '    image: web:1', //                 2
  '    security_opt: [a]', //            3
  '    command: [serve, --prod]', //     4
  '    volumes: ["/a:/data", "/b:/b"]', // 5
  '    ports: ["80:80"]', //             6
  '  db:', //                            7
  '    image: postgres:16', //           8
  '',
].join('\n');

const OVERRIDE = [
  'services:', //                        0
  '  web:', //                           1
  '    security_opt: [b]', //            2
  '    user: app', //                    3
  '    command: [serve, --dev]', //      4
  '    volumes: ["/c:/data"]', //        5
  '    ports: !reset []', //             6
  '',
].join('\n');

describe('compose project: override files', () => {
  const files = { '/p/compose.yaml': BASE, '/p/compose.override.yaml': OVERRIDE };

  it('the base file sees the merged service; values from the override say which file and where', () => {
    const view = load(files, '/p/compose.yaml');
    assert.deepEqual(view.project.files, ['/p/compose.yaml', '/p/compose.override.yaml']);
    assert.equal(view.project.source, 'default');
    const web = svc(view, 'web');
    assert.equal(web.judgedHere, true);
    assert.equal(fmtRange(web.keyRange), '2:3-2:6');
    // Sequences append across files; each item keeps its own file.
    assert.deepEqual(web.securityOpt.map((o) => [o.name, o.file]), [['a', undefined], ['b', '/p/compose.override.yaml']]);
    const b = web.securityOpt[1]!;
    assert.equal(at(OVERRIDE, b.range), 'b');
    assert.equal(fmtRange(b.range), '3:20-3:21');
    // Scalars: the last file wins.
    const user = web.user!;
    assert.equal(user.text, 'app');
    assert.equal(user.file, '/p/compose.override.yaml');
    assert.equal(at(OVERRIDE, user.range), 'app');
    // command is replaced, not appended; volumes are unique on target; !reset clears ports.
    const cmd = web.entry('command')!;
    assert.equal(cmd.def?.file, '/p/compose.override.yaml');
    assert.deepEqual(web.volumes.map((v) => [v.source?.text, v.target?.text, v.file ?? 'here']), [['/b', '/b', 'here'], ['/c', '/data', '/p/compose.override.yaml']]);
    assert.deepEqual(web.ports, []);
    // A service only in the base file is judged here too.
    assert.equal(svc(view, 'db').judgedHere, true);
  });

  it('the override file is not judged for what its base provides; its own values are local', () => {
    const view = load(files, '/p/compose.override.yaml');
    assert.deepEqual(view.project.files, ['/p/compose.yaml', '/p/compose.override.yaml']);
    assert.deepEqual(view.services.map((s) => s.name), ['web']);
    const web = svc(view, 'web');
    assert.equal(web.judgedHere, false);
    assert.equal(fmtRange(web.keyRange), '2:3-2:6');
    assert.equal(web.user!.file, undefined);
    assert.equal(web.image!.file, '/p/compose.yaml');
    assert.equal(at(BASE, web.image!.range), 'web:1');
    // Every service of the project, the base's too.
    assert.deepEqual(view.all.map((s) => s.name), ['web', 'db']);
  });

  it('an override file with another name finds its base beside it', () => {
    const view = load({ '/p/compose.yaml': BASE, '/p/compose.prod.yaml': OVERRIDE }, '/p/compose.prod.yaml');
    assert.deepEqual(view.project.files, ['/p/compose.yaml', '/p/compose.prod.yaml']);
    assert.equal(view.project.source, 'override');
    assert.equal(svc(view, 'web').judgedHere, false);
  });

  it('an override file with no base is never judged alone', () => {
    const view = load({ '/p/compose.prod.yaml': OVERRIDE }, '/p/compose.prod.yaml');
    assert.equal(view.project.source, 'alone');
    assert.equal(svc(view, 'web').judgedHere, false);
  });

  it('Compose prefers compose.yaml and compose.override.yml; a file Compose does not pick is alone', () => {
    const view = load({ '/p/compose.yaml': BASE, '/p/docker-compose.yml': BASE, '/p/compose.override.yml': OVERRIDE, '/p/compose.override.yaml': OVERRIDE }, '/p/compose.yaml');
    assert.deepEqual(view.project.files, ['/p/compose.yaml', '/p/compose.override.yml']);
    const other = load({ '/p/compose.yaml': BASE, '/p/docker-compose.yml': BASE }, '/p/docker-compose.yml');
    assert.equal(other.project.source, 'alone');
  });

  it('COMPOSE_FILE from .env picks the files and switches the automatic override off', () => {
    const prod = 'services:\n  web:\n    user: "10001"\n';
    const files2 = { ...files, '/p/compose.prod.yaml': prod, '/p/.env': 'COMPOSE_FILE=compose.yaml:compose.prod.yaml\n' };
    const view = load(files2, '/p/compose.yaml');
    assert.equal(view.project.source, 'COMPOSE_FILE');
    assert.deepEqual(view.project.files, ['/p/compose.yaml', '/p/compose.prod.yaml']);
    const web = svc(view, 'web');
    assert.equal(web.user!.text, '10001');
    assert.deepEqual(web.securityOpt.map((o) => o.name), ['a']);
    // The automatic override is now just an override file merged over the first COMPOSE_FILE entry.
    const ov = load(files2, '/p/compose.override.yaml');
    assert.deepEqual(ov.project.files, ['/p/compose.yaml', '/p/compose.override.yaml']);
    // A custom separator.
    const sep = load({ ...files2, '/p/.env': 'COMPOSE_PATH_SEPARATOR=,\nCOMPOSE_FILE=compose.yaml,compose.prod.yaml\n' }, '/p/compose.yaml');
    assert.deepEqual(sep.project.files, ['/p/compose.yaml', '/p/compose.prod.yaml']);
  });

  it('is memoised while no file it read changes, and rebuilt when one does', () => {
    const ws: Record<string, string> = { ...files };
    const parsed = parseCompose(BASE, '/p/compose.yaml');
    const memory = new MemoryWorkspace(ws);
    const a = projectView(parsed.model, ctxFor('/p/compose.yaml', memory));
    assert.equal(projectView(parsed.model, ctxFor('/p/compose.yaml', memory)), a);
    ws['/p/compose.override.yaml'] = OVERRIDE.replace('user: app', 'user: root');
    const b = projectView(parsed.model, ctxFor('/p/compose.yaml', memory));
    assert.notEqual(b, a);
    assert.equal(svc(b, 'web').user!.text, 'root');
    // A file that did not exist and now does counts as a change too.
    ws['/p/.env'] = 'X=1\n';
    assert.notEqual(projectView(parsed.model, ctxFor('/p/compose.yaml', memory)), b);
  });
});

describe('compose project: extends', () => {
  const text = [
    'services:', //                 0
    '  base:', //                   1
    '    image: app:1', //          2
    '    user: root', //            3
    '    cap_drop: [ALL]', //       4
    '  mid:', //                    5
    '    extends: base', //         6
    '    read_only: true', //       7
    '  web:', //                    8
    '    extends:', //              9
    '      service: mid', //        10
    '    user: app', //             11
    '  loop-a:', //                 12
    '    extends: loop-b', //       13
    '  loop-b:', //                 14
    '    extends: loop-a', //       15
    '  lost:', //                   16
    '    extends: nowhere', //      17
    '',
  ].join('\n');
  const view = load({ '/p/compose.yaml': text }, '/p/compose.yaml');

  it('bases come first, the service itself last; inherited values keep their range and the chain of extends keys', () => {
    const web = svc(view, 'web');
    assert.deepEqual(web.service.definitions.map((d) => [d.inherited?.service ?? 'own', d.file]), [['base', undefined], ['mid', undefined], ['own', undefined]]);
    assert.equal(web.user!.text, 'app');
    const caps = web.capDrop;
    assert.equal(caps[0]!.name, 'ALL');
    assert.equal(fmtRange(caps[0]!.range), '5:16-5:19');
    const inh = caps[0]!.layer!.inherited!;
    assert.equal(inh.kind, 'extends');
    assert.equal(inh.service, 'base');
    assert.deepEqual(inh.sites.map((s) => fmtRange(s.range)), ['10:5-10:12', '7:5-7:12']);
    assert.equal(web.bool('read_only')!.layer!.inherited!.service, 'mid');
    assert.equal(fmtRange(web.keyRange), '9:3-9:6');
    assert.equal(web.judgedHere, true);
    assert.equal(web.service.localDefinition?.keyRange.start.line, 8);
  });

  it('cycles and missing bases are problems, and such services are not judged', () => {
    assert.equal(svc(view, 'loop-a').judgedHere, false);
    assert.equal(svc(view, 'lost').judgedHere, false);
    assert.ok(view.project.problems.some((p) => /cycle/.test(p.message)));
    assert.ok(view.project.problems.some((p) => /does not define/.test(p.message)));
  });

  it('extends file: the base is read from the other file, relative paths resolve against its folder', () => {
    const files = {
      '/p/compose.yaml': 'services:\n  web:\n    extends:\n      file: common/services.yaml\n      service: app\n    ports: ["80:80"]\n',
      '/p/common/services.yaml': 'services:\n  app:\n    build:\n      context: ./app\n      target: prod\n    user: "0"\n',
      '/p/common/app/Dockerfile': 'FROM node:20 AS build\nRUN npm ci\nFROM node:20-slim AS prod\nUSER node\nFROM prod AS debug\nUSER root\n',
    };
    const v = load(files, '/p/compose.yaml');
    const web = svc(v, 'web');
    const user = web.user!;
    assert.equal(user.file, '/p/common/services.yaml');
    assert.equal(fmtRange(user.range), '6:11-6:14');
    assert.equal(user.layer!.inherited!.sites[0]!.file, undefined);
    const df = serviceDockerfile(web, ctxFor('/p/compose.yaml', new MemoryWorkspace(files)));
    assert.equal(df.kind, 'dockerfile');
    if (df.kind !== 'dockerfile') return;
    assert.equal(df.path, '/p/common/app/Dockerfile');
    assert.equal(df.context, '/p/common/app');
    assert.equal(df.stage.name, 'prod');
    assert.equal(df.target, 'prod');
  });
});

describe('compose project: include', () => {
  const files = {
    '/p/compose.yaml': [
      'include:', //                          0
      '  - db/compose.yaml', //               1
      '  - path: [cache/compose.yaml, cache/compose.local.yaml]', // 2
      '    env_file: cache/settings.env', //  3
      'services:', //                         4
      '  web:', //                            5
      '    image: web:1', //                  6
      '  db:', //                             7
      '    environment: [EXTRA=1]', //        8
      '',
    ].join('\n'),
    '/p/db/compose.yaml': 'services:\n  db:\n    image: postgres:16\n    environment: [POSTGRES_DB=app]\n',
    '/p/cache/compose.yaml': 'services:\n  cache:\n    image: "redis:${REDIS_TAG}"\n',
    '/p/cache/compose.local.yaml': 'services:\n  cache:\n    user: "999"\n',
    '/p/cache/settings.env': 'REDIS_TAG=7.4\n',
  };
  const view = load(files, '/p/compose.yaml');

  it('included services join the project; a service of the file with the same name is merged over the included one', () => {
    assert.deepEqual(view.services.map((s) => s.name), ['web', 'db']);
    assert.deepEqual(view.all.map((s) => s.name).sort(), ['cache', 'db', 'web']);
    const db = svc(view, 'db');
    assert.deepEqual(db.environment.map((e) => [e.key, e.file ?? 'here']), [['POSTGRES_DB', '/p/db/compose.yaml'], ['EXTRA', 'here']]);
    const inh = db.image!.layer!.inherited!;
    assert.equal(inh.kind, 'include');
    assert.equal(fmtRange(inh.sites[0]!.range), '2:5-2:20');
    assert.equal(db.judgedHere, true);
  });

  it('an include with a list of paths merges them as overrides, interpolated with its own env_file', () => {
    const cache = view.all.find((s) => s.name === 'cache')!;
    assert.equal(cache.image!.text, 'redis:7.4');
    assert.equal(cache.image!.file, '/p/cache/compose.yaml');
    assert.equal(cache.user!.text, '999');
    assert.equal(cache.user!.file, '/p/cache/compose.local.yaml');
  });

  it('an include cycle is cut and reported', () => {
    const v = load({ '/p/compose.yaml': 'include: [a.yaml]\nservices:\n  web:\n    image: x:1\n', '/p/a.yaml': 'include: [compose.yaml]\nservices:\n  a:\n    image: a:1\n' }, '/p/compose.yaml');
    assert.deepEqual(v.all.map((s) => s.name).sort(), ['a', 'web']);
    assert.ok(v.project.problems.some((p) => /include cycle/.test(p.message)));
  });
});

describe('compose project: the Dockerfile a service builds', () => {
  const dockerfile = 'FROM python:3.12 AS base\nUSER app\nFROM base AS test\nUSER root\n';
  const files = {
    '/p/compose.yaml': [
      'services:',
      '  short:',
      '    build: ./api',
      '  named:',
      '    build: {context: ., dockerfile: docker/app.build, target: base}',
      '  inline:',
      '    build:',
      '      dockerfile_inline: |',
      '        FROM alpine:3.20',
      '        USER 0',
      '  remote:',
      '    build: https://github.com/example/repo.git#main',
      '  missing:',
      '    build: ./nothing',
      '  unknown-target:',
      '    build: {context: ./api, target: nope}',
      '  image-only:',
      '    image: nginx:1.27',
      '',
    ].join('\n'),
    '/p/api/Dockerfile': dockerfile,
    '/p/docker/app.build': dockerfile,
  };
  const view = load(files, '/p/compose.yaml');
  const ctx = ctxFor('/p/compose.yaml', new MemoryWorkspace(files));
  const df = (name: string) => serviceDockerfile(svc(view, name), ctx);

  it('context and dockerfile paths, target stages, inline Dockerfiles', () => {
    const short = df('short');
    assert.ok(short.kind === 'dockerfile');
    assert.equal(short.path, '/p/api/Dockerfile');
    assert.equal(short.stage.name, 'test');
    const named = df('named');
    assert.ok(named.kind === 'dockerfile');
    assert.equal(named.path, '/p/docker/app.build');
    assert.equal(named.stage.name, 'base');
    const inline = df('inline');
    assert.ok(inline.kind === 'dockerfile');
    assert.equal(inline.path, undefined);
    assert.equal(inline.stage.image.text, 'alpine:3.20');
  });

  it('what cannot be followed is unknown; no build is a published image', () => {
    assert.equal(df('remote').kind, 'unknown');
    assert.equal(df('missing').kind, 'unknown');
    assert.equal(df('unknown-target').kind, 'unknown');
    assert.equal(df('image-only').kind, 'image');
  });

  it('the Dockerfiles the services build, for detection hints', () => {
    assert.deepEqual(builtDockerfiles(view.model, ctx), [
      { path: '/p/api/Dockerfile', context: '/p/api', service: 'short', target: undefined },
      { path: '/p/docker/app.build', context: '/p', service: 'named', target: 'base' },
    ]);
  });

  it('paths', () => {
    assert.equal(resolvePath('/p/a', '../b/./c'), '/p/b/c');
    assert.equal(resolvePath('/p', '/abs/x'), '/abs/x');
    assert.equal(resolvePath('c:/w', 'x\\y'), 'c:/w/x/y');
    assert.equal(relativePath('/p', '/p/docker/app.build'), 'docker/app.build');
    assert.equal(relativePath('/p/a', '/p/b/Dockerfile'), '../b/Dockerfile');
  });
});

describe('compose project: what rules report across files', () => {
  const lintFile = (files: Record<string, string>, path: string, rule: string) =>
    only(lintText(files[path]!, { path, language: 'compose', workspace: new MemoryWorkspace(files) }).diagnostics, rule);

  it('a dangerous value is reported in the file that writes it, and only when it is in effect', () => {
    const base = 'services:\n  web:\n    image: web:1\n    privileged: true\n';
    const off = 'services:\n  web:\n    privileged: false\n';
    assert.deepEqual(lintFile({ '/p/compose.yaml': base, '/p/compose.override.yaml': off }, '/p/compose.yaml', 'compose/privileged'), []);
    const files = { '/p/compose.yaml': 'services:\n  web:\n    image: web:1\n', '/p/compose.override.yaml': 'services:\n  web:\n    privileged: true\n' };
    assert.deepEqual(lintFile(files, '/p/compose.yaml', 'compose/privileged'), []);
    assert.deepEqual(lintFile(files, '/p/compose.override.yaml', 'compose/privileged').map((d) => fmtRange(d.range)), ['3:17-3:21']);
  });

  it('missing hardening is judged on the merged service, in the base file only', () => {
    const files = {
      '/p/compose.yaml': 'services:\n  web:\n    image: web:1\n  db:\n    image: postgres:16\n',
      '/p/compose.override.yaml': 'services:\n  web:\n    security_opt: [no-new-privileges:true]\n  db:\n    ports: ["127.0.0.1:5432:5432"]\n',
    };
    assert.deepEqual(lintFile(files, '/p/compose.yaml', 'compose/no-new-privileges').map((d) => d.message), [
      'Service "db" does not set no-new-privileges: setuid binaries in the container can raise the privileges of any process.',
    ]);
    assert.deepEqual(lintFile(files, '/p/compose.override.yaml', 'compose/no-new-privileges'), []);
  });

  it('extends: a base that sets the option satisfies the service; the fix for one that does not goes into the service itself', () => {
    const text = [
      'services:',
      '  hardened:',
      '    image: app:1',
      '    security_opt: [no-new-privileges:true]',
      '  web:',
      '    extends: hardened',
      '  plain:',
      '    image: app:1',
      '    security_opt: [apparmor:docker-default]',
      '  api:',
      '    extends: plain',
      '    ports: ["127.0.0.1:80:80"]',
      '',
    ].join('\n');
    const diags = lintFile({ '/p/compose.yaml': text }, '/p/compose.yaml', 'compose/no-new-privileges');
    assert.deepEqual(diags.map((d) => d.message.slice(0, 16)), ['Service "plain" ', 'Service "api" do']);
    const api = diags[1]!;
    assert.deepEqual(api.fixes[0]!.edits.map((e) => [fmtRange(e.range), e.newText]), [['12:31-12:31', '\n    security_opt:\n      - no-new-privileges:true']]);
  });

  it('an inherited dangerous value names the base and points at the extends key, in its own file', () => {
    const files = {
      '/p/compose.yaml': 'services:\n  web:\n    extends:\n      file: common.yaml\n      service: base\n',
      '/p/common.yaml': 'services:\n  base:\n    image: app:1\n    privileged: true\n',
    };
    // Written in common.yaml: that file's own lint reports it at its value, and compose.yaml at
    // the extends key of the service it reaches, with the value's real location as related.
    const other = lintFile(files, '/p/compose.yaml', 'compose/privileged');
    assert.deepEqual(other.map((d) => [fmtRange(d.range), d.message]), [
      ['3:5-3:12', 'Service "web" runs privileged (inherited from service "base" in common.yaml through extends): it has full access to the host\'s devices and kernel.'],
    ]);
    assert.deepEqual(other[0]!.related.map((r) => [r.path, fmtRange(r.range), r.message]), [['/p/common.yaml', '4:17-4:21', 'Service "web" inherits this from service "base" (extends)']]);
    assert.deepEqual(other[0]!.fixes[0]!.edits.map((e) => [fmtRange(e.range), e.newText]), [['5:20-5:20', '\n    privileged: false']]);
    assert.deepEqual(lintFile(files, '/p/common.yaml', 'compose/privileged').map((d) => fmtRange(d.range)), ['4:17-4:21']);
    const same = 'services:\n  base:\n    image: app:1\n    privileged: true\n  web:\n    extends: base\n';
    const d = lintFile({ '/p/compose.yaml': same }, '/p/compose.yaml', 'compose/privileged');
    assert.equal(d.length, 2);
    assert.equal(d[1]!.message, 'Service "web" runs privileged (inherited from service "base" through extends): it has full access to the host\'s devices and kernel.');
    assert.deepEqual(d[1]!.related.map((r) => [fmtRange(r.range), r.message]), [['6:5-6:12', 'Service "web" inherits from service "base" here (extends)']]);
    assert.deepEqual(d[1]!.fixes[0]!.edits.map((e) => e.newText), ['\n    privileged: false']);
  });

  it('fix helpers refuse definitions of other files and of other services', () => {
    const files = { '/p/compose.yaml': 'services:\n  web:\n    image: web:1\n', '/p/compose.override.yaml': 'services:\n  web:\n    user: app\n' };
    const view = load(files, '/p/compose.yaml');
    const web = svc(view, 'web');
    const foreign = web.service.definitions.find((d) => d.file !== undefined)!;
    assert.equal(insertServiceKey(view.model, foreign, 'x', { lines: [], inline: '1', flowValue: '1' }), undefined);
    assert.ok(insertServiceKey(view.model, web.service.localDefinition!, 'x', { lines: [], inline: '1', flowValue: '1' }));
  });
});

describe('compose project: build across files', () => {
  it('a string build in the base and a map in the override merge (the string is the context)', () => {
    const files = {
      '/p/compose.yaml': 'services:\n  api:\n    build: ./api\n',
      '/p/compose.override.yaml': 'services:\n  api:\n    build:\n      target: dev\n',
      '/p/api/Dockerfile': 'FROM python:3.12 AS prod\nUSER app\nFROM prod AS dev\nUSER root\n',
    };
    const view = load(files, '/p/compose.yaml');
    const api = svc(view, 'api');
    assert.equal(api.build!.context!.text, './api');
    assert.equal(api.build!.target!.text, 'dev');
    const df = serviceDockerfile(api, ctxFor('/p/compose.yaml', new MemoryWorkspace(files)));
    assert.ok(df.kind === 'dockerfile');
    assert.equal(df.path, '/p/api/Dockerfile');
    assert.equal(df.stage.name, 'dev');
    // Relative paths of every project file resolve against the project folder, not their own.
    const nested = { ...files, '/p/.env': 'COMPOSE_FILE=compose.yaml:envs/dev.yaml\n', '/p/envs/dev.yaml': 'services:\n  api:\n    build:\n      context: ./api\n' };
    const dfn = serviceDockerfile(svc(load(nested, '/p/compose.yaml'), 'api'), ctxFor('/p/compose.yaml', new MemoryWorkspace(nested)));
    assert.ok(dfn.kind === 'dockerfile');
    assert.equal(dfn.path, '/p/api/Dockerfile');
  });
});
