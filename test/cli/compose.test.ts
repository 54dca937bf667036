// The CLI on a compose project: the override file merged (its additions reported there, the
// base judged on the merged service), --fix with the safe compose fixes keeping comments and
// style, the dry-run diff, SARIF related locations for anchored findings, and the broken
// `extends` reference.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { rampart, removeTree, tempTree } from './run';

const BASE = [
  '# the stack',
  'x-common: &common',
  '  restart: unless-stopped',
  '  security_opt:',
  '    - seccomp:unconfined # legacy',
  '',
  'services:',
  '  api:',
  '    <<: *common',
  '    image: acme/api:1.4',
  '    user: "10001"',
  '    read_only: true',
  '    cap_drop: [ALL]',
  '    deploy: {resources: {limits: {cpus: "1", memory: 256M}}}',
  '    healthcheck: {test: ["CMD", "true"]}',
  '',
].join('\n');
const OVERRIDE = ['services:', '  api:', '    privileged: true', '    ports:', '      - "127.0.0.1:8080:8080"', ''].join('\n');

describe('rampart lint: a compose project', () => {
  let dir = '';
  before(() => {
    dir = tempTree({ 'compose.yaml': BASE, 'compose.override.yaml': OVERRIDE, 'broken/compose.yaml': 'services:\n  web:\n    extends: nowhere\n' });
  });
  after(() => removeTree(dir));

  it('text: the override file reports what it adds, the base file what the merged service lacks', () => {
    const r = rampart(dir, ['lint', '--fail-on', 'never']);
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      [
        'broken/compose.yaml:3:14: error compose/invalid-reference Service "web" extends "nowhere", which this file does not define: Compose refuses to load the project.',
        'compose.override.yaml:3:17: error compose/privileged Service "api" runs privileged: it has full access to the host\'s devices and kernel.',
        'compose.yaml:5:7: error compose/unconfined-security-profile Service "api" sets "seccomp:unconfined" (merged from "*common"): the container may call every syscall, including the ones most kernel exploits and escapes need.',
        'compose.yaml:8:3: warning compose/no-new-privileges Service "api" does not set no-new-privileges: setuid binaries in the container can raise the privileges of any process.',
        '4 problems (3 errors, 1 warning, 0 info) in 3 files',
        '',
      ].join('\n'),
    );
  });

  it('sarif: an anchored finding has a related location at its "<<"', () => {
    const r = rampart(dir, ['lint', 'compose.yaml', '--format', 'sarif', '--fail-on', 'never']);
    const run = (JSON.parse(r.stdout) as { runs: Array<{ results: Array<{ ruleId: string; relatedLocations?: Array<{ physicalLocation: { region: { startLine: number } }; message: { text: string } }> }> }> }).runs[0]!;
    const unconfined = run.results.find((x) => x.ruleId === 'compose/unconfined-security-profile')!;
    assert.deepEqual(
      unconfined.relatedLocations?.map((l) => [l.physicalLocation.region.startLine, l.message.text]),
      [[9, 'Service "api" merges "*common" here']],
    );
  });

  it('--fix-dry-run prints the safe fixes as a diff; --fix applies them, keeping comments and style', () => {
    const dry = rampart(dir, ['lint', 'compose.yaml', '--fix-dry-run']);
    assert.match(dry.stdout, /^--- a\/compose\.yaml\n\+\+\+ b\/compose\.yaml\n/);
    assert.equal(readFileSync(`${dir}/compose.yaml`, 'utf8'), BASE, 'the dry run writes nothing');
    const r = rampart(dir, ['lint', 'compose.yaml', '--fix', '--fail-on', 'never']);
    assert.equal(r.stdout, '0 problems (0 errors, 0 warnings, 0 info) in 1 file\n');
    assert.equal(
      readFileSync(`${dir}/compose.yaml`, 'utf8'),
      [
        '# the stack',
        'x-common: &common',
        '  restart: unless-stopped',
        '  security_opt:',
        '    - seccomp:unconfined # legacy',
        '',
        'services:',
        '  api:',
        '    <<: *common',
        '    image: acme/api:1.4',
        '    user: "10001"',
        '    read_only: true',
        '    cap_drop: [ALL]',
        '    deploy: {resources: {limits: {cpus: "1", memory: 256M}}}',
        '    healthcheck: {test: ["CMD", "true"]}',
        // The anchored seccomp:unconfined is overridden with the service's own list, which
        // the next round completes with no-new-privileges.
        '    security_opt: [no-new-privileges:true]',
        '',
      ].join('\n'),
    );
  });
});
