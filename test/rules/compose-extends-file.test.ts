// Issue 3, "dangerous settings inherited through `extends: {file: …}`": a dangerous value
// written in another file that reaches a service of the linted file through that service's own
// `extends` with `file:` is reported in the linted file at the service's `extends` key, once per
// service, naming the base and its file, with a related location at the value itself in the
// other file. Fixes only ever edit the linted file (they override the value in the service where
// Compose's merge lets a service override it). Override files, `include` and `extends` without
// `file:` keep their behaviour. The base file keeps reporting its own service.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, fixRounds } from '../../server/src/engine/fixes';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/engine/config';
import { hardenRound } from '../../server/src/languages/compose/harden';
import { fmtRange, lintText, MemoryWorkspace } from '../helpers/lint';

const BASE = [
  'x-danger: &danger', //                              1
  '  privileged: true', //                             2
  '  cap_add: [SYS_ADMIN, CHOWN]', //                  3
  '  security_opt: [seccomp:unconfined, no-new-privileges:false]', // 4
  '  pid: host', //                                    5
  '  read_only: false', //                             6
  '  pids_limit: -1', //                               7
  '  use_api_socket: true', //                         8
  '  volumes:', //                                     9
  '    - /etc:/host/etc', //                           10
  '    - /var/run/docker.sock:/var/run/docker.sock', // 11
  '  ports: ["8080:8080"]', //                         12
  '  environment:', //                                 13
  '    API_TOKEN: changeme-please', //                 14
  '  image: acme/app:latest', //                       15
  '  user: root', //                                   16
  '  healthcheck: {disable: true}', //                 17
  '  mem_limit: 0', //                                 18
  '  cap_drop: [CAP_ALL]', //                          19
  'services:', //                                      20
  '  base:', //                                        21
  '    <<: *danger', //                                22
  '',
].join('\n');

const LINTED = [
  'services:',
  '  web:',
  '    extends: { file: lib/base.yml, service: base }', // 3
  '    command: [serve]',
  '  worker:',
  '    extends:', //                                        6
  '      file: lib/base.yml',
  '      service: base',
  '',
].join('\n');

const FILES = { '/p/compose.yaml': LINTED, '/p/lib/base.yml': BASE };
const lintOf = (files: Record<string, string>, path: string) => lintText(files[path]!, { path, language: 'compose', workspace: new MemoryWorkspace(files) }).diagnostics;

describe('compose: values inherited through extends with file:', () => {
  const diags = lintOf(FILES, '/p/compose.yaml');
  const expected: Array<[string, string, string]> = [
    // rule, where the value is in lib/base.yml, what the message says
    ['compose/privileged', '2:15-2:19', 'runs privileged'],
    ['compose/dangerous-capability', '3:13-3:22', 'adds capability SYS_ADMIN'],
    ['compose/unconfined-security-profile', '4:18-4:36', 'sets "seccomp:unconfined"'],
    ['compose/no-new-privileges', '4:38-4:61', 'sets no-new-privileges to false'],
    ['compose/host-namespace', '5:8-5:12', 'with pid: host'],
    ['compose/read-only-rootfs', '6:14-6:19', 'sets read_only to false'],
    ['compose/pids-limit', '7:15-7:17', 'sets pids_limit to -1'],
    ['compose/docker-socket', '8:19-8:23', 'sets use_api_socket'],
    ['compose/sensitive-host-mount', '10:7-10:20', 'mounts "/etc" read-write'],
    ['compose/docker-socket', '11:7-11:48', 'mounts the Docker socket read-write'],
    ['compose/port-all-interfaces', '12:11-12:22', 'publishes port 8080 on every host interface'],
    ['compose/secret-in-environment', '14:5-14:14', 'Environment variable "API_TOKEN"'],
    ['compose/image-latest', '15:10-15:25', 'uses image "acme/app:latest"'],
    ['compose/user-root', '16:9-16:13', 'sets user "root"'],
    ['compose/healthcheck-missing', '17:26-17:30', 'turns its health check off'],
    ['compose/resource-limits', '18:14-18:15', 'mem_limit: 0 means unlimited'],
    ['compose/cap-drop-all', '19:14-19:21', 'drops "CAP_ALL"'],
  ];

  for (const [rule, at, says] of expected) {
    it(`${rule} (${says}): at each service's extends key, related at ${at} in lib/base.yml`, () => {
      const mine = diags.filter((d) => d.rule === rule && d.message.includes(says));
      assert.deepEqual(
        mine.map((d) => fmtRange(d.range)),
        ['3:5-3:12', '6:5-6:12'],
        `${rule}: ${diags.filter((d) => d.rule === rule).map((d) => `${fmtRange(d.range)} ${d.message}`).join('\n')}`,
      );
      ['web', 'worker'].forEach((name, i) => {
        const d = mine[i]!;
        assert.match(d.message, new RegExp(`(Service|service) "${name}"`));
        assert.match(d.message, /inherited from service "base" in lib\/base\.yml through extends; merged from "\*danger"/);
        const [value, merge] = d.related;
        assert.equal(value!.path, '/p/lib/base.yml');
        // The value's own range in the other file (a port or volume item's whole span is enough).
        assert.ok(fmtRange(value!.range).startsWith(at.split('-')[0]!), `${rule}: related at ${fmtRange(value!.range)}`);
        assert.deepEqual([merge!.path, fmtRange(merge!.range)], ['/p/lib/base.yml', '22:5-22:7']);
        // Fixes edit this file only, inside the service (never a range of lib/base.yml).
        const own = i === 0 ? [1, 3] : [4, 8];
        for (const f of d.fixes) for (const e of f.edits) assert.ok(e.range.start.line >= own[0]! && e.range.end.line <= own[1]!, `${rule}: ${f.title} ${JSON.stringify(e.range)}`);
      });
    });
  }

  it('never prints the secret', () => {
    for (const d of diags) assert.ok(!d.message.includes('changeme'), d.message);
  });

  it('fixes that work: the service overrides the value, and re-linting drops the finding', () => {
    for (const [rule, title] of [
      ['compose/privileged', 'Set privileged: false in service "web"'],
      ['compose/read-only-rootfs', 'Set read_only: true with a tmpfs on /tmp in service "web"'],
      ['compose/pids-limit', 'Set pids_limit to 512 in service "web"'],
      ['compose/no-new-privileges', 'Set "no-new-privileges:true" in service "web"'],
      ['compose/user-root', 'Run service "web" as user "10001:10001"'],
    ] as const) {
      const d = diags.find((x) => x.rule === rule && x.message.includes('"web"'))!;
      assert.deepEqual(d.fixes.map((f) => f.title), [title], rule);
      const fixed = applyEdits(LINTED, d.fixes[0]!.edits);
      const after = lintOf({ ...FILES, '/p/compose.yaml': fixed }, '/p/compose.yaml').filter((x) => x.rule === rule);
      assert.deepEqual(after.map((x) => x.message.slice(0, 14)), ['Service "worke'], `${rule} after the fix:\n${fixed}`);
    }
  });

  it('"Harden service" applies those overrides to the service alone and converges', () => {
    const { text } = fixRounds('/p/compose.yaml', LINTED, { config: mergeConfig(DEFAULT_CONFIG, { profile: 'strict' }), workspace: new MemoryWorkspace(FILES), language: 'compose' }, hardenRound('/p/compose.yaml', 'web', new Set()));
    const after = lintOf({ ...FILES, '/p/compose.yaml': text }, '/p/compose.yaml');
    for (const rule of ['compose/privileged', 'compose/read-only-rootfs', 'compose/pids-limit', 'compose/no-new-privileges', 'compose/user-root']) {
      assert.deepEqual(after.filter((d) => d.rule === rule).map((d) => d.message.slice(0, 16)), ['Service "worker"'], `${rule}:\n${text}`);
    }
    // worker's text is untouched.
    assert.equal(text.slice(text.indexOf('  worker:')), LINTED.slice(LINTED.indexOf('  worker:')));
  });

  it('no fix where the service cannot take the value back (lists append, a key cannot be unset)', () => {
    for (const rule of ['compose/dangerous-capability', 'compose/unconfined-security-profile', 'compose/host-namespace', 'compose/port-all-interfaces', 'compose/secret-in-environment', 'compose/sensitive-host-mount', 'compose/cap-drop-all']) {
      const mine = diags.filter((x) => x.rule === rule && x.range.start.line === 2);
      assert.ok(mine.length > 0, rule);
      for (const d of mine) assert.deepEqual(d.fixes, [], `${rule}: ${d.fixes.map((f) => f.title).join(' / ')}`);
    }
  });

  it('the base file reports its own service at the values, as before', () => {
    const own = lintOf(FILES, '/p/lib/base.yml').filter((d) => d.rule === 'compose/privileged');
    assert.deepEqual(own.map((d) => [fmtRange(d.range), d.message.slice(0, 30)]), [['2:15-2:19', 'Service "base" runs privileged']]);
  });

  it('a chain of extends across files is reported at the first extends key, naming both links', () => {
    const files = {
      '/p/compose.yaml': 'services:\n  web:\n    extends: { file: a/mid.yml, service: mid }\n',
      '/p/a/mid.yml': 'services:\n  mid:\n    extends: { file: ../b/core.yml, service: core }\n',
      '/p/b/core.yml': 'services:\n  core:\n    image: app:1\n    cap_add: [NET_ADMIN]\n',
    };
    const d = lintOf(files, '/p/compose.yaml').filter((x) => x.rule === 'compose/dangerous-capability');
    assert.deepEqual(d.map((x) => [fmtRange(x.range), x.message]), [
      ['3:5-3:12', 'Service "web" adds capability NET_ADMIN (inherited from service "core" in b/core.yml through extends of "mid" in a/mid.yml): it grants control of interfaces, routes and firewall rules, and traffic interception.'],
    ]);
    assert.deepEqual(d[0]!.related.map((r) => [r.path, fmtRange(r.range), r.message]), [
      ['/p/b/core.yml', '4:15-4:24', 'Service "web" inherits this from service "core" (extends)'],
      ['/p/a/mid.yml', '3:5-3:12', 'Service "web" inherits from service "core" here (extends)'],
    ]);
    // mid.yml reports its own service at its own extends key; core.yml at the value.
    assert.deepEqual(lintOf(files, '/p/a/mid.yml').filter((x) => x.rule === 'compose/dangerous-capability').map((x) => [fmtRange(x.range), x.message.slice(0, 13)]), [['3:5-3:12', 'Service "mid"']]);
    assert.deepEqual(lintOf(files, '/p/b/core.yml').filter((x) => x.rule === 'compose/dangerous-capability').map((x) => fmtRange(x.range)), ['4:15-4:24']);
  });

  it('override files and include keep reporting in the file that introduces the value', () => {
    const files = {
      '/p/compose.yaml': 'include:\n  - inc/compose.yaml\nservices:\n  web:\n    image: app:1\n  db:\n    environment: [A=1]\n',
      '/p/compose.override.yaml': 'services:\n  web:\n    extends: { file: lib.yml, service: base }\n',
      '/p/lib.yml': 'services:\n  base:\n    privileged: true\n',
      '/p/inc/compose.yaml': 'services:\n  db:\n    image: postgres:16\n    extends: { file: ../lib.yml, service: base }\n',
    };
    assert.deepEqual(lintOf(files, '/p/compose.yaml').filter((x) => x.rule === 'compose/privileged'), []);
    assert.deepEqual(lintOf(files, '/p/compose.override.yaml').filter((x) => x.rule === 'compose/privileged').map((x) => fmtRange(x.range)), ['3:5-3:12']);
    assert.deepEqual(lintOf(files, '/p/inc/compose.yaml').filter((x) => x.rule === 'compose/privileged').map((x) => fmtRange(x.range)), ['4:5-4:12']);
  });

  it('missing settings are judged on the merged service, and their fixes go into the linted service', () => {
    const files = {
      '/p/compose.yaml': 'services:\n  web:\n    extends: { file: lib.yml, service: base }\n    command: [serve]\n  api:\n    extends: { file: lib.yml, service: hardened }\n',
      '/p/lib.yml': 'services:\n  base:\n    image: app:1\n  hardened:\n    image: app:1\n    security_opt: [no-new-privileges:true]\n',
    };
    const d = lintOf(files, '/p/compose.yaml').filter((x) => x.rule === 'compose/no-new-privileges');
    assert.deepEqual(d.map((x) => [fmtRange(x.range), x.message.slice(0, 13)]), [['2:3-2:6', 'Service "web"']]);
    assert.deepEqual(d[0]!.fixes[0]!.edits.map((e) => [fmtRange(e.range), e.newText]), [['4:21-4:21', '\n    security_opt:\n      - no-new-privileges:true']]);
  });
});
