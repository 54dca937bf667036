// Issue 3, "Findings that come from an anchored block": every compose rule reports an anchored
// value on the anchored line, once per service that merges it (the message names the service),
// with a related location at each `<<:`; its fixes override the value in that service, and a
// last suggestion edits the anchor and says how many services that reaches. The same for a
// value inherited through `extends` in the same file ("Edit base service …").
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fmtRange, lintText, MemoryWorkspace } from '../helpers/lint';

const ANCHORED = [
  'x-danger: &danger', //                              1
  '  privileged: true', //                             2
  '  cap_add: [SYS_ADMIN, CHOWN]', //                  3
  '  security_opt: [seccomp:unconfined]', //           4
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
  '',
  'services:',
  '  a:', //                                           18
  '    <<: *danger', //                                19
  '  b:',
  '    <<: *danger', //                                21
  '    command: [b]',
  '  c:',
  '    <<: *danger', //                                24
  '    restart: always',
  '',
].join('\n');

describe('compose: anchored findings across every rule', () => {
  const diags = lintText(ANCHORED, { path: '/p/compose.yaml', language: 'compose', workspace: new MemoryWorkspace() }).diagnostics;
  const anchored = diags.filter((d) => d.range.start.line < 16);

  const expected: Array<[string, string, boolean]> = [
    ['compose/privileged', '2:15-2:19', true],
    ['compose/dangerous-capability', '3:13-3:22', true],
    ['compose/unconfined-security-profile', '4:18-4:36', true],
    ['compose/host-namespace', '5:8-5:12', true],
    ['compose/read-only-rootfs', '6:14-6:19', true],
    ['compose/pids-limit', '7:15-7:17', true],
    ['compose/docker-socket', '8:19-8:23', true],
    ['compose/sensitive-host-mount', '10:7-10:11', true],
    ['compose/docker-socket', '11:7-11:48', true],
    ['compose/port-all-interfaces', '12:12-12:16', true],
    ['compose/secret-in-environment', '14:5-14:14', false],
    ['compose/image-latest', '15:19-15:25', false],
  ];

  for (const [rule, range, fixable] of expected) {
    it(`${rule} at ${range}: once per service, named, related at its "<<"${fixable ? ', anchor fix counts 3 services' : ''}`, () => {
      const mine = anchored.filter((d) => d.rule === rule && fmtRange(d.range) === range);
      assert.equal(mine.length, 3, `${rule}: ${anchored.filter((d) => d.rule === rule).map((d) => fmtRange(d.range)).join(' ')}`);
      ['a', 'b', 'c'].forEach((name, i) => {
        const d = mine[i]!;
        assert.match(d.message, new RegExp(`(Service|service) "${name}"`));
        assert.match(d.message, /\*danger/);
        assert.deepEqual(
          d.related.map((r) => fmtRange(r.range)),
          [['19:5-19:7', '21:5-21:7', '24:5-24:7'][i]],
        );
        if (!fixable) return;
        const titles = d.fixes.map((f) => f.title);
        assert.equal(titles.at(-1), 'Edit anchor "danger": affects 3 services', `${rule}: ${titles.join(' / ')}`);
        assert.ok(titles.length >= 2 && titles[0]!.includes(`"${name}"`), `${rule}: the first fix is this service's own: ${titles.join(' / ')}`);
        // The service's own fix edits only the service (lines 18 to 25), never the anchor.
        for (const e of d.fixes[0]!.edits) assert.ok(e.range.start.line >= 17, `${rule}: ${JSON.stringify(e)}`);
      });
    });
  }

  it('missing settings are reported on each service key, not on the anchor', () => {
    const missing = diags.filter((d) => d.range.start.line >= 16).map((d) => `${d.rule} ${fmtRange(d.range)}`);
    assert.ok(missing.includes('compose/no-new-privileges 18:3-18:4'));
    assert.ok(missing.includes('compose/cap-drop-all 23:3-23:4'));
  });
});

describe('compose: values inherited through extends in the same file', () => {
  const text = [
    'services:',
    '  base:',
    '    image: acme/app:1.4',
    '    cap_add: [NET_ADMIN]',
    '    ipc: host',
    '  web:',
    '    extends: base',
    '  worker:',
    '    extends: base',
    '',
  ].join('\n');
  const diags = lintText(text, { path: '/p/compose.yaml', language: 'compose', workspace: new MemoryWorkspace() }).diagnostics;

  it('are reported on the base line once per service, with a related location at each extends and an "Edit base service" fix', () => {
    for (const [rule, range] of [
      ['compose/dangerous-capability', '4:15-4:24'],
      ['compose/host-namespace', '5:10-5:14'],
    ] as const) {
      const mine = diags.filter((d) => d.rule === rule);
      assert.deepEqual(mine.map((d) => fmtRange(d.range)), [range, range, range]);
      assert.deepEqual(mine.map((d) => d.related.map((r) => fmtRange(r.range))), [[], ['7:5-7:12'], ['9:5-9:12']]);
      assert.match(mine[1]!.message, /"web".*inherited from service "base" through extends/);
      assert.equal(mine[1]!.fixes.at(-1)!.title, 'Edit base service "base" (extends): affects 3 services');
    }
  });
});
