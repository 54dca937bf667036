// compose/sensitive-host-mount, port-all-interfaces, resource-limits, pids-limit, image-latest and
// secret-in-environment: the helpers they decide with, secrets never leaking into messages or
// fixes, anchor fixes, and limit fixes that never produce a file Compose refuses.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine/fixes';
import type { Diagnostic } from '../../server/src/engine/types';
import { classifyHostPath, normaliseHostPath } from '../../server/src/languages/compose/rules/sensitive-host-mount';
import { isWildcardAddress, portRange } from '../../server/src/languages/compose/rules/port-all-interfaces';
import { parseCompose } from '../../server/src/languages/compose/parse';
import { fmtRange, lintText, MemoryWorkspace, only } from '../helpers/lint';

const PATH = '/w/compose.yaml';

function lint(text: string, files: Record<string, string> = {}): Diagnostic[] {
  return lintText(text, { path: PATH, language: 'compose', workspace: new MemoryWorkspace(files) }).diagnostics;
}

function slice(text: string, d: { range: Diagnostic['range'] }): string {
  const lines = text.split('\n');
  const r = d.range;
  assert.equal(r.start.line, r.end.line);
  return lines[r.start.line]!.slice(r.start.character, r.end.character);
}

describe('compose/sensitive-host-mount helpers', () => {
  it('normalises host paths: slashes, . and .., ~; relative and Windows paths are not judged', () => {
    assert.equal(normaliseHostPath('/etc/'), '/etc');
    assert.equal(normaliseHostPath('//etc//ssh/'), '/etc/ssh');
    assert.equal(normaliseHostPath('/etc/./../root'), '/root');
    assert.equal(normaliseHostPath('/..'), '/');
    assert.equal(normaliseHostPath('~'), '~');
    assert.equal(normaliseHostPath('~/.ssh/'), '~/.ssh');
    assert.equal(normaliseHostPath('~/..'), undefined);
    assert.equal(normaliseHostPath('./etc'), undefined);
    assert.equal(normaliseHostPath('C:\\data'), undefined);
    assert.equal(normaliseHostPath('~other/.ssh'), undefined);
  });

  it('classifies: exact directories, subtrees, the clock files and sockets', () => {
    const ro = (p: string) => {
      const s = classifyHostPath(p);
      return s === undefined ? 'fine' : s.ro ? 'always' : 'writable';
    };
    assert.deepEqual(['/', '/root', '~/.ssh', '/etc/shadow', '/var/lib/docker', '/root/.ssh/id_rsa', '/home/deploy/.ssh', '/etc/gshadow'].map(ro), Array(8).fill('always'));
    assert.deepEqual(['/etc', '/boot', '/proc', '/sys', '/dev', '/home', '~', '/etc/ssh/sshd_config', '/etc/sudoers', '/etc/sudoers.d/x'].map(ro), Array(10).fill('writable'));
    assert.deepEqual(
      ['/etc/localtime', '/etc/timezone', '/etc/nginx', '/home/me/app', '/var/lib/docker/containers', '/proc/cpuinfo', '/root/.bashrc', '/var/run/docker.sock', '/home/me/.docker/run/docker.sock', '/etc/sshd'].map(ro),
      Array(10).fill('fine'),
    );
  });
});

describe('compose/port-all-interfaces helpers', () => {
  it('reads the unspecified address however it is written', () => {
    for (const ip of ['0.0.0.0', '::', '[::]', '::0', '0:0:0:0:0:0:0:0', '[0:0:0:0:0:0:0:0]', '::ffff:0.0.0.0', '', '000.0.0.0']) assert.ok(isWildcardAddress(ip), ip);
    for (const ip of ['127.0.0.1', '::1', '[::1]', '192.168.1.10', '10.0.0.0', 'localhost', '::ffff:127.0.0.1']) assert.ok(!isWildcardAddress(ip), ip);
  });

  it('reads ports and ranges', () => {
    assert.deepEqual(portRange('8080'), [8080, 8080]);
    assert.deepEqual(portRange('8000-8010'), [8000, 8010]);
    assert.deepEqual(portRange(' 9010 - 9000 '), [9000, 9010]);
    assert.equal(portRange('${PORT}'), undefined);
    assert.equal(portRange(undefined), undefined);
  });

  it('anchored ports: a copy of the list for this service first, then the anchor (with its reach)', () => {
    const t = ['x-r: &r', '  image: redis:7.2', '  ports:', '    - "6379:6379"', 'services:', '  a:', '    <<: *r', '  b:', '    <<: *r', ''].join('\n');
    const d = only(lint(t), 'compose/port-all-interfaces');
    assert.deepEqual(
      d.map((x) => x.fixes.map((f) => f.title)),
      [
        ['Bind port 6379 of service "a" to 127.0.0.1', 'Edit anchor "r": affects 2 services'],
        ['Bind port 6379 of service "b" to 127.0.0.1', 'Edit anchor "r": affects 2 services'],
      ],
    );
    // The anchor edit alone fixes both services.
    const fixed = applyEdits(t, d[0]!.fixes[1]!.edits);
    assert.deepEqual(only(lint(fixed), 'compose/port-all-interfaces'), []);
    assert.match(fixed, /"127\.0\.0\.1:6379:6379"/);
  });

  it('`ports: *list` written in a service becomes the list itself', () => {
    const t = ['x-p: &p ["5432:5432"]', 'services:', '  db:', '    image: postgres:16', '    ports: *p', ''].join('\n');
    const d = only(lint(t), 'compose/port-all-interfaces');
    assert.equal(d.length, 1);
    const fixed = applyEdits(t, d[0]!.fixes[0]!.edits);
    assert.match(fixed, /ports: \["127\.0\.0\.1:5432:5432"\]/);
    assert.deepEqual(only(lint(fixed), 'compose/port-all-interfaces'), []);
  });
});

describe('compose/secret-in-environment', () => {
  const secrets = ['hunter2', 'changeme', 'correct-horse', 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB', 's3cret', 'npm_abcdef'];
  it('never prints a value, from the file or from .env, and marks the value as secret', () => {
    const t = [
      'services:',
      '  api:',
      '    image: acme/api:1.4',
      '    environment:',
      '      DB_PASSWORD: hunter2',
      '      ADMIN_PASSWORD: "${ADMIN_PASSWORD:-changeme}"',
      '      SESSION_SECRET: ${SESSION_SECRET:-correct-horse}',
      '      GH: ghp_0123456789abcdefghijklmnopqrstuvwxyzAB',
      '  worker:',
      '    build:',
      '      context: .',
      '      args: [NPM_TOKEN=npm_abcdef, "URL=postgres://u:s3cret@db/x"]',
      '',
    ].join('\n');
    const d = only(lint(t, { '/w/.env': 'SESSION_SECRET=correct-horse-from-env\n' }), 'compose/secret-in-environment');
    assert.equal(d.length, 6);
    for (const x of d) {
      for (const s of secrets) assert.ok(!x.message.includes(s), `${x.message} contains ${s}`);
      assert.equal(x.secretRanges.length, 1);
      for (const f of x.fixes) for (const e of f.edits) for (const s of secrets) assert.ok(!e.newText.includes(s));
    }
    assert.deepEqual(
      d.map((x) => slice(t, { range: x.secretRanges[0]! })),
      ['hunter2', '${ADMIN_PASSWORD:-changeme}', '${SESSION_SECRET:-correct-horse}', 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB', 'npm_abcdef', 'postgres://u:s3cret@db/x'],
    );
    // Names for secret-shaped names, values for credential-shaped values.
    assert.deepEqual(
      d.map((x) => slice(t, x)),
      ['DB_PASSWORD', 'ADMIN_PASSWORD', 'SESSION_SECRET', 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB', 'NPM_TOKEN', 'postgres://u:s3cret@db/x'],
    );
  });
});

describe('compose limits: fixes never leave a file Compose refuses', () => {
  const LEGACY = ['cpus', 'mem_limit', 'pids_limit'];

  /** Applies the first fix of every finding of `rule`, re-linting in between, until none is left. */
  function fixAllOf(text: string, rule: string): string {
    let t = text;
    for (let round = 0; round < 5; round++) {
      const d = only(lint(t), rule).filter((x) => x.fixes.length > 0);
      if (d.length === 0) break;
      t = applyEdits(t, d[0]!.fixes[0]!.edits);
    }
    return t;
  }

  /** Compose's rule: `cpus`/`mem_limit`/`pids_limit` next to `deploy.resources.limits` must be repeated there. */
  function mixes(text: string): string[] {
    const model = parseCompose(text, PATH).model;
    const out: string[] = [];
    for (const s of model.services) {
      if (!s.at(['deploy', 'resources', 'limits'])) continue;
      for (const k of LEGACY) if (s.has(k)) out.push(`${s.name}.${k}`);
    }
    return out;
  }

  const base = [
    'services:',
    '  plain:',
    '    image: a:1',
    '  pids-only:',
    '    image: a:1',
    '    pids_limit: 100',
    '  limits:',
    '    image: a:1',
    '    deploy:',
    '      resources:',
    '        limits:',
    '          memory: 1G',
    '  reservations:',
    '    image: a:1',
    '    mem_limit: 256m',
    '    deploy:',
    '      resources:',
    '        reservations:',
    '          memory: 128M',
    '',
  ].join('\n');

  for (const order of [
    ['compose/resource-limits', 'compose/pids-limit'],
    ['compose/pids-limit', 'compose/resource-limits'],
  ]) {
    it(`${order.join(' then ')}`, () => {
      let t = base;
      for (const rule of order) t = fixAllOf(t, rule);
      assert.deepEqual(only(lint(t), 'compose/resource-limits').map((d) => fmtRange(d.range)), []);
      assert.deepEqual(only(lint(t), 'compose/pids-limit').map((d) => fmtRange(d.range)), []);
      assert.deepEqual(mixes(t), []);
      assert.deepEqual(parseCompose(t, PATH).parseErrors, []);
    });
  }

  it('an anchored deploy block shared with a service that sets `cpus` gets no fix', () => {
    const t = ['x-d: &d', '  deploy:', '    replicas: 1', 'services:', '  a:', '    <<: *d', '    image: a:1', '  b:', '    <<: *d', '    image: a:1', '    cpus: 1', '    mem_limit: 1g', ''].join('\n');
    const d = only(lint(t), 'compose/resource-limits');
    assert.deepEqual(d.map((x) => [fmtRange(x.range), x.fixes.length]), [['5:3-5:4', 0]]);
  });
});
