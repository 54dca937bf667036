// The compose model: merge keys, !reset/!override, multi-document streams, syntax
// normalisation, interpolation, bounded alias expansion, exact provenance ranges.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCompose } from '../../server/src/languages/compose/parse';
import { composeView, type ComposeView, type Part } from '../../server/src/languages/compose/view';
import { interpolate, parseEnvFile } from '../../server/src/languages/compose/interpolate';
import { isComposeName, looksLikeCompose } from '../../server/src/languages/compose/parse';
import { scalarText } from '../../server/src/languages/compose/tree';
import type { Range, RuleContext } from '../../server/src/engine/types';
import { fmtRange, lintText, MemoryWorkspace, only, view as viewDiags } from '../helpers/lint';
import { lint } from '../../server/src/engine/lint';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/engine/config';

const PATH = '/w/compose.yaml';

function ctxWith(files: Record<string, string> = {}): RuleContext {
  return { path: PATH, workspace: new MemoryWorkspace(files), settings: {} };
}

function load(text: string, env?: string): { view: ComposeView; parsed: ReturnType<typeof parseCompose> } {
  const parsed = parseCompose(text, PATH);
  const view = composeView(parsed.model, ctxWith(env === undefined ? {} : { '/w/.env': env }));
  return { view, parsed };
}

function svc(view: ComposeView, name: string) {
  const s = view.service(name);
  assert.ok(s, `service ${name}`);
  return s;
}

/** The text a range covers. */
function at(text: string, r: Range): string {
  const lines = text.split('\n');
  if (r.start.line === r.end.line) return lines[r.start.line]!.slice(r.start.character, r.end.character);
  return [lines[r.start.line]!.slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line]!.slice(0, r.end.character)].join('\n');
}

function str(view: ComposeView, service: string, key: string): string | undefined {
  return svc(view, service).scalar(key)?.text;
}

describe('compose model: merge keys', () => {
  const text = [
    'x-a: &a', //            0
    '  image: a:1', //       1
    '  user: "a"', //        2
    '  volumes: [/a:/a]', // 3
    'x-b: &b', //            4
    '  image: b:1', //       5
    '  restart: always', //  6
    'services:', //          7
    '  written-wins:', //    8
    '    image: mine:1', //  9
    '    <<: *a', //         10
    '  list-first-wins:', // 11
    '    <<: [*b, *a]', //   12
    '  shallow:', //         13
    '    <<: *a', //         14
    '    volumes: [/s:/s]', // 15
    '  dup:', //             16
    '    <<: *b', //         17
    '    <<: *a', //         18
    '',
  ].join('\n');
  const { view, parsed } = load(text);

  it('keys written in the mapping win, wherever they stand', () => {
    assert.equal(str(view, 'written-wins', 'image'), 'mine:1');
    assert.equal(str(view, 'written-wins', 'user'), 'a');
    assert.deepEqual(svc(view, 'written-wins').scalar('image')!.via, []);
  });

  it('the first source of a merge list wins', () => {
    assert.equal(str(view, 'list-first-wins', 'image'), 'b:1');
    assert.equal(str(view, 'list-first-wins', 'restart'), 'always');
    assert.equal(str(view, 'list-first-wins', 'user'), 'a');
  });

  it('merging is shallow: a written list replaces the merged one', () => {
    const vols = svc(view, 'shallow').volumes;
    assert.deepEqual(vols.map((v) => v.target?.text), ['/s']);
  });

  it('a repeated "<<" merges in order and stays visible for the rule', () => {
    assert.equal(str(view, 'dup', 'image'), 'b:1');
    assert.equal(str(view, 'dup', 'user'), 'a');
    const dupMap = parsed.model.maps.find((m) => m.merges.length === 2);
    assert.ok(dupMap);
    assert.deepEqual(dupMap.merges.map((m) => fmtRange(m.keyRange)), ['18:5-18:7', '19:5-19:7']);
  });

  it('provenance: the value range is the anchored text, via names the merge site and the anchor', () => {
    const user = svc(view, 'written-wins').scalar('user')!;
    assert.equal(at(text, user.range), '"a"');
    assert.equal(fmtRange(user.range), '3:9-3:12');
    assert.equal(user.via.length, 1);
    const site = user.via[0]!;
    assert.equal(site.anchor, 'a');
    assert.equal(at(text, site.keyRange), '<<');
    assert.equal(fmtRange(site.keyRange), '11:5-11:7');
    assert.equal(at(text, site.sourceRange), '*a');
    assert.equal(at(text, site.anchorRange!), '&a');
    const listUser = svc(view, 'list-first-wins').scalar('user')!;
    assert.equal(at(text, listUser.via[0]!.sourceRange), '*a');
    assert.equal(fmtRange(listUser.via[0]!.sourceRange), '13:14-13:16');
  });

  it('x- blocks are not services, and service keys have exact ranges', () => {
    assert.deepEqual(parsed.model.services.map((s) => s.name), ['written-wins', 'list-first-wins', 'shallow', 'dup']);
    assert.equal(fmtRange(svc(view, 'shallow').keyRange), '14:3-14:10');
  });

  it('nested merges carry the whole chain of sites, outermost first', () => {
    const t = ['x-a: &a', '  user: "1"', 'x-b: &b', '  <<: *a', 'services:', '  s:', '    image: x:1', '    <<: *b', ''].join('\n');
    const v = load(t).view;
    const u = svc(v, 's').scalar('user')!;
    assert.deepEqual(u.via.map((s) => s.anchor), ['b', 'a']);
    assert.deepEqual(u.via.map((s) => fmtRange(s.keyRange)), ['8:5-8:7', '4:3-4:5']);
  });
});

describe('compose model: !reset, !override and multi-document streams', () => {
  it('!reset removes a merged key; !override replaces it; tags are not turned into strings', () => {
    const t = ['x-a: &a', '  image: a:1', '  ports: ["80:80"]', '  user: root', 'services:', '  s:', '    <<: *a', '    ports: !reset []', '    user: !reset null', '    image: !override b:1', ''].join('\n');
    const { view, parsed } = load(t);
    const s = svc(view, 's');
    assert.equal(s.entry('ports'), undefined);
    assert.equal(s.entry('user'), undefined);
    assert.equal(s.ports.length, 0);
    assert.equal(str(view, 's', 'image'), 'b:1');
    assert.deepEqual(parsed.parseErrors, []);
  });

  it('documents are layers: maps merge, lists append, scalars take the last, !reset clears', () => {
    const t = [
      'services:',
      '  web:',
      '    image: nginx:1',
      '    environment: {A: "1", B: "2"}',
      '    ports: ["80:80"]',
      '    user: root',
      '    command: [a, b]',
      '---',
      'services:',
      '  web:',
      '    environment: [B=3, C=4]',
      '    ports: ["443:443"]',
      '    user: !reset null',
      '    command: [c]',
      '  api:',
      '    image: api:1',
      '',
    ].join('\n');
    const { view, parsed } = load(t);
    assert.deepEqual(parsed.model.services.map((s) => s.name), ['web', 'api']);
    const web = svc(view, 'web');
    assert.deepEqual(web.environment.map((e) => [e.key, e.value?.text]), [['A', '1'], ['B', '3'], ['C', '4']]);
    assert.deepEqual(web.ports.map((p) => p.target?.text), ['80', '443']);
    assert.equal(web.user, undefined);
    assert.equal(web.service.layers('command').length, 1);
    assert.equal(fmtRange(web.service.layers('command')[0]!.value.range), '14:14-14:17');
    assert.equal(web.service.definitions.length, 2);
    assert.equal(fmtRange(web.keyRange), '2:3-2:6');
  });

  it('an override file (no image, build or extends) is recognised', () => {
    assert.equal(load('services:\n  web:\n    environment: {A: "1"}\n').parsed.model.isOverride, true);
    assert.equal(load('services:\n  web:\n    build: .\n').parsed.model.isOverride, false);
  });
});

describe('compose model: ports', () => {
  type Row = [string, { ip?: string; published?: string; target?: string; protocol?: string }];
  const rows: Row[] = [
    ['"3000"', { target: '3000' }],
    ['3000', { target: '3000' }],
    ['"3000-3005"', { target: '3000-3005' }],
    ['"8000:8000"', { published: '8000', target: '8000' }],
    ['"9090-9091:8080-8081"', { published: '9090-9091', target: '8080-8081' }],
    ['"127.0.0.1:8001:8001"', { ip: '127.0.0.1', published: '8001', target: '8001' }],
    ['"127.0.0.1::80"', { ip: '127.0.0.1', published: '', target: '80' }],
    ['"[::1]:6001:6001"', { ip: '::1', published: '6001', target: '6001' }],
    ['"::1:6000:6000"', { ip: '::1', published: '6000', target: '6000' }],
    ['"6060:6060/udp"', { published: '6060', target: '6060', protocol: 'udp' }],
    ['"53:53/UDP"', { published: '53', target: '53', protocol: 'udp' }],
    ['{target: 80, published: "8080", host_ip: 127.0.0.1, protocol: udp, mode: host}', { ip: '127.0.0.1', published: '8080', target: '80', protocol: 'udp' }],
    ['{target: 80, published: 8000-8010}', { published: '8000-8010', target: '80' }],
    ['{target: 80}', { target: '80' }],
    ['"${BIND:-127.0.0.1}:80:80"', { ip: '127.0.0.1', published: '80', target: '80' }],
  ];
  for (const [item, want] of rows) {
    it(item, () => {
      const text = `services:\n  s:\n    image: x:1\n    ports:\n      - ${item}\n`;
      const { view } = load(text);
      const [p] = svc(view, 's').ports;
      assert.ok(p);
      assert.equal(p.hostIp?.text, want.ip);
      assert.equal(p.published?.text, want.published);
      assert.equal(p.target?.text, want.target);
      assert.equal(p.protocol, want.protocol ?? 'tcp');
      assert.equal(p.syntax, item.startsWith('{') ? 'long' : 'short');
      assert.equal(at(text, p.range), item);
    });
  }

  it('variables in the host part stay unknown, with exact part ranges', () => {
    const text = 'services:\n  s:\n    image: x:1\n    ports: ["$HOST:${PORT}:1025"]\n';
    const [p] = svc(load(text).view, 's').ports;
    assert.equal(p!.hostIp!.state, 'unknown');
    assert.equal(p!.hostIp!.text, undefined);
    assert.equal(at(text, p!.hostIp!.range), '$HOST');
    assert.equal(at(text, p!.published!.range), '${PORT}');
    assert.equal(p!.target!.text, '1025');
    assert.equal(at(text, p!.target!.range), '1025');
  });

  it('.env values resolve parts', () => {
    const text = 'services:\n  s:\n    image: x:1\n    ports: ["${HOST_IP}:${PORT:-80}:80"]\n';
    const [p] = svc(load(text, 'HOST_IP=0.0.0.0\n').view, 's').ports;
    assert.equal(p!.hostIp!.text, '0.0.0.0');
    assert.equal(p!.hostIp!.state, 'resolved');
    assert.equal(p!.published!.text, '80');
  });

  it('the IPv6 part range covers the brackets', () => {
    const text = 'services:\n  s:\n    image: x:1\n    ports:\n      - "[::1]:6001:6001"\n';
    const [p] = svc(load(text).view, 's').ports;
    assert.equal(at(text, p!.hostIp!.range), '[::1]');
    assert.equal(p!.hostIp!.exact, true);
  });
});

describe('compose model: volumes', () => {
  type Row = [string, { type?: string; source?: string; target?: string; ro?: boolean | undefined; modes?: string[] }];
  const rows: Row[] = [
    ['/var/run/docker.sock:/var/run/docker.sock:ro', { type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock', ro: true, modes: ['ro'] }],
    ['"./data:/data:z"', { type: 'bind', source: './data', target: '/data', ro: false, modes: ['z'] }],
    ['~/cfg:/cfg:ro,z', { type: 'bind', source: '~/cfg', target: '/cfg', ro: true, modes: ['ro', 'z'] }],
    ['db:/var/lib/postgresql/data', { type: 'volume', source: 'db', target: '/var/lib/postgresql/data', ro: false }],
    ['/scratch', { type: 'volume', target: '/scratch', ro: false }],
    ['C:\\data:/data:ro', { type: 'bind', source: 'C:\\data', target: '/data', ro: true }],
    ['"${DATA:-./d}:/d:rw"', { type: 'bind', source: './d', target: '/d', ro: false, modes: ['rw'] }],
    ['"${DATA}:/d"', { type: undefined, source: undefined, target: '/d', ro: false }],
    ['{type: bind, source: /etc, target: /host-etc, read_only: true}', { type: 'bind', source: '/etc', target: '/host-etc', ro: true }],
    ['{type: bind, source: /etc, target: /e, read_only: "${RO:-false}"}', { type: 'bind', source: '/etc', target: '/e', ro: false }],
    ['{type: volume, source: db, target: /data}', { type: 'volume', source: 'db', target: '/data', ro: false }],
    ['{type: tmpfs, target: /tmp, tmpfs: {size: 64m}}', { type: 'tmpfs', target: '/tmp', ro: false }],
    ['{source: db, target: /data}', { type: 'volume', source: 'db', target: '/data', ro: false }],
  ];
  for (const [item, want] of rows) {
    it(item, () => {
      const text = `services:\n  s:\n    image: x:1\n    volumes:\n      - ${item}\n`;
      const [v] = svc(load(text).view, 's').volumes;
      assert.ok(v);
      assert.equal(v.type, want.type);
      assert.equal(v.source?.text, want.source);
      assert.equal(v.target?.text, want.target);
      assert.equal(v.readOnly, want.ro);
      if (want.modes) assert.deepEqual(v.modes, want.modes);
      assert.equal(at(text, v.range), item);
    });
  }

  it('short syntax parts have exact ranges (for a `:ro` fix)', () => {
    const text = 'services:\n  s:\n    image: x:1\n    volumes:\n      - "/var/run/docker.sock:/var/run/docker.sock"\n';
    const [v] = svc(load(text).view, 's').volumes;
    assert.equal(at(text, v!.source!.range), '/var/run/docker.sock');
    assert.equal(fmtRange(v!.target!.range), '5:31-5:51');
  });

  it('bind options of the long syntax', () => {
    const text = 'services:\n  s:\n    image: x:1\n    volumes:\n      - type: bind\n        source: /\n        target: /host\n        bind: {propagation: rshared, create_host_path: true}\n';
    const [v] = svc(load(text).view, 's').volumes;
    assert.equal(v!.propagation, 'rshared');
    assert.equal(v!.createHostPath, true);
  });
});

describe('compose model: environment, labels, security_opt, capabilities, build, image', () => {
  const text = [
    'services:',
    '  s:',
    '    image: ${REGISTRY:-docker.io}/acme/app:${TAG:-1.2}@sha256:abc',
    '    environment:',
    '      - PLAIN=value',
    '      - PASSTHROUGH',
    '      - "QUOTED=a=b"',
    '    labels:',
    '      traefik.enable: true',
    '      empty:',
    '    security_opt: ["seccomp=unconfined", apparmor:unconfined, no-new-privileges]',
    '    cap_add: [cap_sys_admin, NET_ADMIN, "Cap_Bpf"]',
    '    cap_drop: [ALL]',
    '    build:',
    '      context: ./app',
    '      dockerfile: Dockerfile.prod',
    '      target: runtime',
    '      args: [NPM_TOKEN, VERSION=1]',
    '  t:',
    '    build: ./other',
    '    environment: {A: 1, B: null, C: "${X:-d}"}',
    '    healthcheck: {test: ["NONE"]}',
    '',
  ].join('\n');
  const { view } = load(text);
  const s = svc(view, 's');

  it('environment in list form, with exact key and value ranges', () => {
    const env = s.environment;
    assert.deepEqual(env.map((e) => [e.key, e.value?.text, e.form]), [['PLAIN', 'value', 'list'], ['PASSTHROUGH', undefined, 'list'], ['QUOTED', 'a=b', 'list']]);
    assert.equal(at(text, env[0]!.keyRange), 'PLAIN');
    assert.equal(at(text, env[0]!.value!.range), 'value');
    assert.equal(at(text, env[2]!.value!.range), 'a=b');
  });

  it('environment in map form; numbers as text, null as pass-through', () => {
    const env = svc(view, 't').environment;
    assert.deepEqual(env.map((e) => [e.key, e.value?.text, e.form]), [['A', '1', 'map'], ['B', undefined, 'map'], ['C', 'd', 'map']]);
    assert.equal(at(text, env[0]!.keyRange), 'A');
  });

  it('labels as a map, booleans as text', () => {
    assert.deepEqual(s.labels.map((l) => [l.key, l.value?.text]), [['traefik.enable', 'true'], ['empty', undefined]]);
  });

  it('security_opt with ":" or "=" or bare', () => {
    assert.deepEqual(s.securityOpt.map((o) => [o.name, o.arg, o.sep]), [['seccomp', 'unconfined', '='], ['apparmor', 'unconfined', ':'], ['no-new-privileges', undefined, undefined]]);
  });

  it('capabilities with or without CAP_, any case', () => {
    assert.deepEqual(s.capAdd.map((c) => c.name), ['SYS_ADMIN', 'NET_ADMIN', 'BPF']);
    assert.deepEqual(s.capDrop.map((c) => c.name), ['ALL']);
  });

  it('build as a map and as a string', () => {
    const b = s.build!;
    assert.equal(b.form, 'map');
    assert.equal(b.context?.text, './app');
    assert.equal(b.dockerfile?.text, 'Dockerfile.prod');
    assert.equal(b.target?.text, 'runtime');
    assert.deepEqual(b.args.map((a) => [a.key, a.value?.text]), [['NPM_TOKEN', undefined], ['VERSION', '1']]);
    const t = svc(view, 't').build!;
    assert.equal(t.form, 'string');
    assert.equal(t.context?.text, './other');
  });

  it('image: interpolated and split into name, tag, digest', () => {
    const img = s.image!;
    assert.equal(img.text, 'docker.io/acme/app:1.2@sha256:abc');
    assert.equal(img.iv.state, 'resolved');
    assert.equal(img.name, 'docker.io/acme/app');
    assert.equal(img.tag, '1.2');
    assert.equal(img.digest, 'sha256:abc');
  });

  it('healthcheck test NONE disables it', () => {
    assert.equal(svc(view, 't').healthcheck?.disabled, true);
    assert.equal(s.healthcheck, undefined);
  });

  it('booleans: YAML booleans and the strings Compose casts', () => {
    const t2 = ['services:', '  a: {image: x, privileged: TRUE, read_only: "yes", init: "off"}', '  b: {image: x, privileged: "${P}", read_only: maybe}', ''].join('\n');
    const v = load(t2).view;
    assert.equal(svc(v, 'a').bool('privileged')!.bool, true);
    assert.equal(svc(v, 'a').bool('read_only')!.bool, true);
    assert.equal(svc(v, 'a').bool('init')!.bool, false);
    assert.equal(svc(v, 'b').bool('privileged')!.bool, undefined);
    assert.equal(svc(v, 'b').bool('privileged')!.iv.state, 'unknown');
    assert.equal(svc(v, 'b').bool('read_only')!.bool, undefined);
  });
});

describe('compose interpolation', () => {
  const env = new Map<string, string | null>([
    ['SET', 'value'],
    ['EMPTY', ''],
    ['SHELL_ONLY', null],
  ]);
  type Row = [string, string | undefined, 'literal' | 'resolved' | 'unknown'];
  const rows: Row[] = [
    ['plain', 'plain', 'literal'],
    ['cost $$5 and $${NOT}', 'cost $5 and ${NOT}', 'literal'],
    ['$SET', 'value', 'resolved'],
    ['${SET}', 'value', 'resolved'],
    ['a-${SET}-b', 'a-value-b', 'resolved'],
    ['$UNSET', undefined, 'unknown'],
    ['${UNSET}', undefined, 'unknown'],
    ['${UNSET:-dflt}', 'dflt', 'resolved'],
    ['${UNSET-dflt}', 'dflt', 'resolved'],
    ['${EMPTY:-dflt}', 'dflt', 'resolved'],
    ['${EMPTY-dflt}', '', 'resolved'],
    ['${SET:-dflt}', 'value', 'resolved'],
    ['${UNSET:?must be set}', undefined, 'unknown'],
    ['${UNSET?must be set}', undefined, 'unknown'],
    ['${SET:?err}', 'value', 'resolved'],
    ['${EMPTY:?err}', undefined, 'unknown'],
    ['${EMPTY?err}', '', 'resolved'],
    ['${SET:+alt}', 'alt', 'resolved'],
    ['${EMPTY:+alt}', '', 'resolved'],
    ['${EMPTY+alt}', 'alt', 'resolved'],
    ['${UNSET:+alt}', undefined, 'unknown'],
    ['${UNSET:-${SET}}', 'value', 'resolved'],
    ['${UNSET:-${ALSO_UNSET:-deep}}', 'deep', 'resolved'],
    ['${UNSET:-${ALSO_UNSET}}', undefined, 'unknown'],
    ['${SET:-${ALSO_UNSET}}', 'value', 'resolved'],
    ['${UNSET:-a:b/c}', 'a:b/c', 'resolved'],
    ['${SHELL_ONLY:-d}', undefined, 'unknown'],
    ['${UNTERMINATED', undefined, 'unknown'],
    ['$1 and $', '$1 and $', 'literal'],
  ];
  for (const [raw, value, state] of rows) {
    it(raw, () => {
      const r = interpolate(raw, env);
      assert.equal(r.state, state);
      assert.equal(r.value, value);
    });
  }

  it('records where a default sits in the raw text', () => {
    const raw = '${A:-${B:-true}}';
    const r = interpolate(raw, new Map());
    const inner = r.vars.find((u) => u.name === 'B')!;
    assert.equal(raw.slice(inner.defaultStart, inner.defaultEnd), 'true');
    assert.equal(inner.from, 'default');
  });

  it('parses .env files', () => {
    const vars = parseEnvFile(
      ['# comment', 'A=1', 'export B=two words # trailing', "C='$A literal'", 'D="x\\ny ${A}"', 'E', ' F = spaced ', 'G=${A}-${MISSING:-m}', 'H="multi', 'line"', ''].join('\n'),
    );
    assert.equal(vars.get('A'), '1');
    assert.equal(vars.get('B'), 'two words');
    assert.equal(vars.get('C'), '$A literal');
    assert.equal(vars.get('D'), 'x\ny 1');
    assert.equal(vars.get('E'), null);
    assert.ok(vars.has('E'));
    assert.equal(vars.get('F'), 'spaced');
    assert.equal(vars.get('G'), '1-m');
    assert.equal(vars.get('H'), 'multi\nline');
  });

  it('the view reads the .env beside the file through the workspace, and re-reads when it changes', () => {
    const parsed = parseCompose('services:\n  s:\n    image: app:${TAG}\n', PATH);
    const a = composeView(parsed.model, ctxWith({ '/w/.env': 'TAG=1.0\n' }));
    assert.equal(a.service('s')!.image!.tag, '1.0');
    assert.equal(composeView(parsed.model, ctxWith({ '/w/.env': 'TAG=1.0\n' })), a);
    const b = composeView(parsed.model, ctxWith({ '/w/.env': 'TAG=2.0\n' }));
    assert.equal(b.service('s')!.image!.tag, '2.0');
    const c = composeView(parsed.model, ctxWith());
    assert.equal(c.service('s')!.image!.iv.state, 'unknown');
    assert.equal(c.service('s')!.image!.tag, undefined);
  });
});

describe('compose parsing: errors, bounds and comments', () => {
  it('an alias bomb finishes and is reported', () => {
    let t = 'x-0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < 10; i++) t += `x-${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]\n`;
    t += 'services:\n  web:\n    image: nginx:1.27\n    environment: *a9\n    command: *a9\n';
    const parsed = parseCompose(t, PATH);
    assert.equal(parsed.parseErrors.length, 1);
    assert.match(parsed.parseErrors[0]!.message, /alias bomb/);
    // The model stays usable, and a full walk stays bounded.
    const v = composeView(parsed.model, ctxWith());
    assert.equal(v.service('web')!.image!.text, 'nginx:1.27');
    const r = lintText(t, { path: PATH, language: 'compose' });
    assert.ok(only(r.diagnostics, 'rampart/parse-error').length === 1);
  });

  it('a merge-key bomb finishes and is reported or bounded', () => {
    let t = 'x-0: &m0 {k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7, k8: 8, k9: 9}\n';
    for (let i = 1; i < 40; i++) t += `x-${i}: &m${i} {<<: [*m${i - 1}, *m${i - 1}, *m${i - 1}], j${i}: ${i}}\n`;
    t += 'services:\n  web:\n    image: nginx:1.27\n    <<: *m39\n';
    const parsed = parseCompose(t, PATH);
    assert.ok(parsed.parseErrors.length >= 1);
    assert.equal(composeView(parsed.model, ctxWith()).service('web')!.image!.text, 'nginx:1.27');
  });

  it('deep nesting is reported, not a crash', () => {
    const t = 'services:\n  web:\n    image: x\n    labels: ' + '['.repeat(3000) + ']'.repeat(3000) + '\n';
    const parsed = parseCompose(t, PATH);
    assert.ok(parsed.parseErrors.length >= 1);
  });

  it('self-referencing anchors, missing anchors and non-mapping merges are reported', () => {
    const t = ['x-a: &a [*a]', 'x-s: &s [1]', 'services:', '  web:', '    image: x', '    labels: *nope', '    <<: *s', ''].join('\n');
    const parsed = parseCompose(t, PATH);
    const msgs = parsed.parseErrors.map((e) => `${fmtRange(e.range)} ${e.message}`);
    assert.equal(msgs.length, 3, msgs.join('\n'));
    assert.ok(msgs.some((m) => m.startsWith('1:10-1:12 ') && /itself/.test(m)));
    assert.ok(msgs.some((m) => m.startsWith('6:13-6:18 ') && /no anchor "&nope"/.test(m)));
    assert.ok(msgs.some((m) => m.startsWith('7:9-7:11 ') && /mapping/.test(m)));
  });

  it('YAML syntax errors become parse errors with exact ranges', () => {
    const t = 'services:\n  web:\n    image: "nginx\n';
    const r = lintText(t, { path: PATH, language: 'compose' });
    const errs = viewDiags(only(r.diagnostics, 'rampart/parse-error'));
    assert.equal(errs.length, 1);
    assert.match(errs[0]!.message, /^Missing closing "quote: the file is not valid YAML/);
  });

  it('repeated ordinary keys are parse errors at the second key', () => {
    const t = 'services:\n  web:\n    image: a\n    image: b\n';
    const parsed = parseCompose(t, PATH);
    assert.deepEqual(parsed.parseErrors.map((e) => [fmtRange(e.range), e.message]), [
      ['4:5-4:10', 'Key "image" is already defined on line 3: Compose refuses a mapping with a repeated key.'],
    ]);
  });

  it('a service with an empty name is a parse error, not a service (null key and "")', () => {
    // Found by the fuzzer: ` :` under services is a null key, read as "" (stringKeys). It was
    // judged as a service named "", and its fixes were inserted where no parse saw them.
    const nullKey = 'services:\n e:\n  image:\n :';
    const parsed = parseCompose(nullKey, PATH);
    assert.deepEqual(parsed.model.services.map((s) => s.name), ['e']);
    assert.deepEqual(parsed.parseErrors.map((e) => [fmtRange(e.range), e.message]), [['4:2-4:3', 'A service under "services" has an empty name: Compose refuses the file.']]);
    assert.equal(parsed.syntaxBroken, true);
    const quoted = 'services:\n  "":\n    image: nginx\n    privileged: true\n  web:\n    image: nginx\n';
    const r = lintText(quoted, { path: PATH, language: 'compose' });
    assert.deepEqual(viewDiags(only(r.diagnostics, 'rampart/parse-error')).map((d) => [d.range, d.message]), [['2:3-2:5', 'A service under "services" has an empty name: Compose refuses the file.']]);
    assert.deepEqual(only(r.diagnostics, 'compose/privileged'), []);
    assert.equal(only(r.diagnostics, 'compose/no-new-privileges').length, 1);
  });

  it('templates degrade: no syntax errors for template regions, the rest is linted', () => {
    const t = 'services:\n  web:\n    image: {{ .Values.image }}\n    privileged: true\n{{- if .Values.extra }}\n  extra: {{ .Values.extra | toYaml }}\n{{- end }}\n';
    const r = lintText(t, { path: PATH, language: 'compose' });
    assert.deepEqual(only(r.diagnostics, 'rampart/parse-error'), []);
    assert.equal(only(r.diagnostics, 'compose/privileged').length, 1);
  });

  it('collects comments with ownLine, skipping "#" inside strings and block scalars', () => {
    const t = ['# yaml-language-server: $schema=x', 'services: # top', '  web:', '    # own line', '    image: "a # b" # eol', '    command: |', '      # not a comment', ''].join('\n');
    const parsed = parseCompose(t, PATH);
    assert.deepEqual(parsed.comments.map((c) => [fmtRange(c.range), c.text, c.ownLine]), [
      ['1:1-1:34', ' yaml-language-server: $schema=x', true],
      ['2:11-2:16', ' top', false],
      ['4:5-4:15', ' own line', true],
      ['5:20-5:25', ' eol', false],
    ]);
    assert.equal(parsed.fileSuppressionLine, 1);
    assert.deepEqual(parsed.statementSpan(4), { start: 4, end: 4 });
  });

  it('suppressions: end of line covers that line, own line covers the next', () => {
    const t = [
      'x-c: &c',
      '  privileged: true # rampart-ignore compose/privileged -- lab only',
      'services:',
      '  a:',
      '    image: x:1',
      '    <<: *c',
      '    security_opt: [no-new-privileges]',
      '  # rampart-ignore compose/no-new-privileges',
      '  b:',
      '    image: x:1',
      '    privileged: true',
      '',
    ].join('\n');
    const r = lintText(t, { path: PATH, language: 'compose' });
    // Only the two rules the comments name (other compose rules report other things here).
    const mine = (d: { rule: string }) => d.rule === 'compose/privileged' || d.rule === 'compose/no-new-privileges';
    assert.deepEqual(viewDiags(r.diagnostics.filter(mine)).map((d) => `${d.rule} ${d.range}`), ['compose/privileged 11:17-11:21']);
    assert.deepEqual(r.suppressed.filter(mine).map((d) => d.rule).sort(), ['compose/no-new-privileges', 'compose/privileged']);
  });

  it('anchored findings: once per service, on the anchored line, related locations at each "<<"', () => {
    const t = ['x-c: &c', '  privileged: true', 'services:', '  a:', '    image: x:1', '    <<: *c', '  b:', '    image: x:1', '    <<: [*c]', ''].join('\n');
    const r = lintText(t, { path: PATH, language: 'compose' });
    const priv = only(r.diagnostics, 'compose/privileged');
    assert.deepEqual(priv.map((d) => fmtRange(d.range)), ['2:15-2:19', '2:15-2:19']);
    assert.deepEqual(priv.map((d) => d.related.map((x) => `${fmtRange(x.range)} ${x.message}`)), [
      ['6:5-6:7 Service "a" merges "*c" here'],
      ['9:5-9:7 Service "b" merges "*c" here'],
    ]);
    assert.deepEqual(priv.map((d) => d.fixes.map((f) => f.title)), [
      ['Set privileged: false in service "a"', 'Edit anchor "c": affects 2 services'],
      ['Set privileged: false in service "b"', 'Edit anchor "c": affects 2 services'],
    ]);
  });

  it('scalar text keeps YAML 1.2 readings (unquoted 22:22 stays a string)', () => {
    const parsed = parseCompose('services:\n  s:\n    image: x\n    ports:\n      - 22:22\n', PATH);
    const e = parsed.model.services[0]!.get('ports')!;
    assert.equal(e.value.kind === 'seq' && scalarText(e.value.items[0]!.value), '22:22');
  });
});

describe('compose detection', () => {
  it('by name', () => {
    for (const p of ['/a/compose.yaml', '/a/compose.yml', '/a/compose.prod.yaml', '/a/docker-compose.yml', '/a/docker-compose.override.yaml', '/a/Docker-Compose.YML']) {
      assert.equal(isComposeName(p), true, p);
    }
    for (const p of ['/a/compose.json', '/a/traefik.yml', '/a/my-compose.yaml', '/a/.rampart.yaml', '/a/composer.yaml']) {
      assert.equal(isComposeName(p), false, p);
    }
  });

  it('by content: top-level services holding service-shaped mappings', () => {
    const yes = [
      'version: "3"\nservices:\n  web:\n    image: nginx\n',
      'services:\n\n  # the app\n  app:\n    build: .\n',
      'x-a: &a\n  image: x\nservices:\n  app:\n    <<: *a\n',
      'services:\n  web: {image: nginx}\n',
      'services: {web: {image: nginx}}\n',
    ];
    for (const t of yes) assert.equal(looksLikeCompose('/a/stack.yaml', t), true, t);
    const no = [
      'services:\n  - name: web\n    image: nginx\n', // a list
      'http:\n  services:\n    web:\n      loadBalancer: {}\n', // Traefik dynamic config
      'services:\n  web:\n    loadBalancer:\n      servers: []\n',
      'apiVersion: v1\nkind: Service\n',
      'x-services:\n  web:\n    image: nginx\n',
      'services: {}\n',
    ];
    for (const t of no) assert.equal(looksLikeCompose('/a/stack.yaml', t), false, t);
    assert.equal(looksLikeCompose('/a/notes.txt', yes[0]!), false);
  });

  it('the engine claims compose by name and by content, and leaves other YAML alone', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
    const config = mergeConfig(DEFAULT_CONFIG, {});
    const ws = new MemoryWorkspace();
    assert.equal(lint('/a/docker-compose.prod.yml', text, { config, workspace: ws })?.language, 'compose');
    const bySniff = lint('/a/stack.yaml', text, { config, workspace: ws });
    assert.equal(bySniff?.language, 'compose');
    assert.equal(only(bySniff!.diagnostics, 'compose/privileged').length, 1);
    assert.equal(lint('/a/values.yaml', 'services:\n  - name: web\n', { config, workspace: ws }), undefined);
    const byGlob = lint('/a/deploy/stack.yml', 'services: []\n', { config: mergeConfig(DEFAULT_CONFIG, { configDir: '/a', files: { compose: ['deploy/*.yml'] } }), workspace: ws });
    assert.equal(byGlob?.language, 'compose');
    assert.deepEqual(byGlob?.diagnostics, []);
  });

  it('non-compose YAML gets no findings through the engine', () => {
    const r = lintText('name: x\nitems: [privileged: true]\n', { path: '/a/compose.yaml', language: 'compose' });
    assert.deepEqual(r.diagnostics, []);
  });
});

void ({} as Part);
