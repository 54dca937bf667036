// The Traefik workspace graph: sources found through ctx.workspace (static configuration, the file
// provider's file or folder, compose labels), provider namespaces, entry points and their
// defaults, middlewares in effect (chains), what stays unknown, caching, and what a lint reads.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RuleContext, WorkspaceView } from '../../server/src/engine/types';
import { parseCompose } from '../../server/src/languages/compose/parse';
import { parseTraefik } from '../../server/src/languages/traefik/parse';
import { traefikView, traefikViewOfCompose, type TraefikView } from '../../server/src/languages/traefik/view';
import { traefikGraph, type GRouter, type TraefikGraph } from '../../server/src/languages/traefik/graph';
import { parseRef } from '../../server/src/languages/traefik/facts';
import { FsWorkspace } from '../../server/src/node/fs-workspace';
import { DependencyGraph, RecordingWorkspace } from '../../server/src/lsp/dependencies';
import { lintText, MemoryWorkspace, only } from '../helpers/lint';
import { FIXTURES } from '../helpers/paths';
import { LineIndex } from '../../server/src/engine/text';
import { maskTemplates } from '../../server/src/languages/traefik/templates';
import { parseTraefikYaml } from '../../server/src/languages/traefik/parse-yaml';
import { applyEdits } from '../../server/src/engine/fixes';

function ctxOf(path: string, ws: WorkspaceView): RuleContext {
  return { path, workspace: ws, settings: {} };
}

function viewOf(path: string, ws: WorkspaceView, ctx = ctxOf(path, ws)): TraefikView {
  const text = ws.readFile(path)!;
  if (/compose/.test(path)) return traefikViewOfCompose(parseCompose(text, path).model, ctx);
  return traefikView(parseTraefik(text, path).model, ctx);
}

function graphOf(path: string, files: Record<string, string>, ws: WorkspaceView = new MemoryWorkspace(files)): TraefikGraph {
  const ctx = ctxOf(path, ws);
  return traefikGraph(viewOf(path, ws, ctx), ctx);
}

function router(g: TraefikGraph, name: string): GRouter {
  const r = g.routers.find((x) => x.name === name);
  assert.ok(r, `no router ${name}`);
  return r;
}

function ref(raw: string) {
  return parseRef({ kind: 'scalar', value: raw, text: raw, raw, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, undefined)!;
}

const COMPOSE = `services:
  traefik:
    image: traefik:v3.1
    command:
      - --providers.docker=true
      - --providers.file.directory=/etc/traefik/dynamic
      - --entrypoints.web.address=:80
      - --entrypoints.websecure.address=:443
      - --entrypoints.websecure.http.middlewares=headers@file
    volumes:
      - ./dynamic:/etc/traefik/dynamic:ro
  app:
    image: ghcr.io/acme/app:1.4
    labels:
      - traefik.http.routers.app.rule=Host(\`app.example.com\`)
      - traefik.http.routers.app.middlewares=secure@file,compress
      - traefik.http.middlewares.compress.compress=true
`;
const HEADERS = 'http:\n  middlewares:\n    headers:\n      headers:\n        frameDeny: true\n';
const SECURE = 'http:\n  middlewares:\n    secure:\n      chain:\n        middlewares: [limit, headers]\n    limit:\n      rateLimit:\n        average: 10\n';

describe('traefik graph: sources across the workspace', () => {
  const files = { '/w/compose.yaml': COMPOSE, '/w/dynamic/headers.yml': HEADERS, '/w/dynamic/sub/secure.yml': SECURE };

  it('a compose file: its Traefik service is the static configuration, the dynamic folder comes through the volume mount', () => {
    const g = graphOf('/w/compose.yaml', files);
    assert.match(g.staticConfig!.label, /the flags of service "traefik"/);
    assert.deepEqual([...g.entryPoints.keys()], ['web', 'websecure']);
    assert.deepEqual(g.defaultEntryPoints, ['web', 'websecure']);
    assert.equal(g.providers.file.visible, true);
    assert.equal(g.providers.file.note, 'the file provider reads dynamic/ (2 files)');
    assert.equal(g.providers.docker.visible, true);
    const app = router(g, 'app');
    assert.equal(app.provider, 'docker');
    // secure@file resolves in the file provider (a nested folder), compress in app's own provider.
    assert.equal(g.resolve(app.middlewares[0]!, app.provider, 'http').kind, 'found');
    assert.equal(g.resolve(app.middlewares[1]!, app.provider, 'http').kind, 'found');
    // On websecure: the entry point's headers@file first, then the chain's members, then compress.
    const eff = g.effective(app, g.entryPoints.get('websecure'));
    assert.equal(eff.unknown, false);
    assert.deepEqual(
      eff.middlewares.map((m) => `${m.name}@${m.provider}:${m.type}`),
      ['headers@file:headers', 'limit@file:ratelimit', 'compress@docker:compress'],
    );
    // On web: no entry point defaults, and the chain's `headers` resolves in the file provider too.
    assert.deepEqual(
      g.effective(app, g.entryPoints.get('web')).middlewares.map((m) => m.name),
      ['limit', 'headers', 'compress'],
    );
  });

  it('a dynamic file: judged with the static configuration whose file provider loads it', () => {
    const g = graphOf('/w/dynamic/sub/secure.yml', files);
    assert.match(g.staticConfig!.label, /the flags of service "traefik" in \.\.\/\.\.\/compose\.yaml/);
    assert.equal(g.providers.file.visible, true);
    assert.ok(g.middleware('http', 'headers', 'file'), 'the sibling file is read');
    assert.ok(g.middleware('http', 'compress', 'docker'), 'the labels are read');
    assert.ok(router(g, 'app').g.doc.own === false);
  });

  it('bare names stay in the referring provider; @internal always exists; unseen providers stay unknown', () => {
    const g = graphOf('/w/compose.yaml', files);
    assert.deepEqual(g.resolve(ref('headers'), 'docker', 'http'), { kind: 'missing', key: 'headers@docker', provider: 'docker', name: 'headers' });
    assert.equal(g.resolve(ref('headers'), 'file', 'http').kind, 'found');
    assert.equal(g.resolve(ref('HEADERS@file'), 'docker', 'http').kind, 'found');
    assert.equal(g.resolve(ref('noop@internal'), 'docker', 'http').kind, 'internal');
    assert.equal(g.resolve(ref('oidc@kubernetescrd'), 'docker', 'http').kind, 'unseen');
    assert.equal(g.resolve(ref('x@plugin-foo'), 'docker', 'http').kind, 'unseen');
    assert.deepEqual(g.providersDefining('http', 'headers'), ['file']);
  });

  it('a static file beside: relative folders resolve against it, /etc/traefik/… beside it when nothing mounts it', () => {
    const stat = 'entryPoints:\n  websecure:\n    address: ":443"\n    asDefault: true\n  web:\n    address: ":80"\nproviders:\n  file:\n    directory: /etc/traefik/conf\n';
    const g = graphOf('/w/conf/a.yml', { '/w/traefik.yml': stat, '/w/conf/a.yml': 'http:\n  routers:\n    a:\n      rule: Path(`/`)\n      service: s\n', '/w/conf/b.toml': '[http.middlewares.m.headers]\nframeDeny = true\n' });
    assert.equal(g.staticConfig!.label, '../traefik.yml');
    assert.equal(g.providers.file.visible, true);
    assert.ok(g.middleware('http', 'm', 'file'));
    assert.deepEqual(g.defaultEntryPoints, ['websecure'], 'asDefault wins');
    assert.deepEqual(g.entryPointsOf(router(g, 'a')).map((e) => e?.name), ['websecure']);
  });

  it('the implicit http entry point, the traefik entry point and UDP entry points are not defaults', () => {
    const none = graphOf('/w/compose.yaml', { '/w/compose.yaml': 'services:\n  traefik:\n    image: traefik:v3\n    command: [--providers.docker]\n' });
    assert.deepEqual(none.defaultEntryPoints, ['http']);
    assert.equal(none.entryPoints.get('http')!.origin, 'implicit');
    const g = graphOf('/w/traefik.yml', { '/w/traefik.yml': 'entryPoints:\n  traefik:\n    address: ":8080"\n  dns:\n    address: ":53/udp"\n  web:\n    address: ":80"\n' });
    assert.deepEqual(g.defaultEntryPoints, ['web']);
  });

  it('without a static configuration: entry points by name, the file provider out of sight', () => {
    const g = graphOf('/w/d.yml', { '/w/d.yml': 'http:\n  routers:\n    a:\n      rule: Path(`/`)\n      entryPoints: [websecure, internal, web]\n      middlewares: [x]\n    b:\n      rule: Path(`/b`)\n' });
    assert.equal(g.staticConfig, undefined);
    assert.equal(g.defaultEntryPoints, undefined);
    assert.deepEqual(
      g.entryPointsOf(router(g, 'a')).map((e) => [e?.name, e?.https, e?.origin]),
      [
        ['websecure', true, 'convention'],
        ['internal', undefined, 'convention'],
        ['web', false, 'convention'],
      ],
    );
    assert.deepEqual(g.entryPointsOf(router(g, 'b')), [undefined]);
    assert.equal(g.providers.file.visible, false);
    assert.equal(g.resolve(ref('x'), 'file', 'http').kind, 'unseen');
    assert.equal(g.effective(router(g, 'a'), undefined).unknown, true);
  });

  it('a folder Rampart cannot list, a path no volume mounts, a template or an unparsable file leave the file provider unknown', () => {
    const base = { '/w/compose.yaml': COMPOSE, '/w/dynamic/headers.yml': HEADERS };
    const noList: WorkspaceView = { readFile: (p) => (base as Record<string, string>)[p], exists: (p) => p in base || p === '/w/dynamic' };
    assert.equal(graphOf('/w/compose.yaml', base, noList).providers.file.visible, false);
    assert.equal(graphOf('/w/compose.yaml', base, noList).providers.file.note, 'dynamic/ cannot be listed');
    const unmounted = COMPOSE.replace('      - ./dynamic:/etc/traefik/dynamic:ro\n', '');
    const g = graphOf('/w/compose.yaml', { ...base, '/w/compose.yaml': unmounted });
    assert.equal(g.providers.file.visible, false);
    assert.match(g.providers.file.note, /no volume of service "traefik" mounts it/);
    assert.equal(graphOf('/w/compose.yaml', { ...base, '/w/dynamic/t.yml': 'http:\n  middlewares:\n    {{ .Name }}:\n      compress: {}\n' }).providers.file.visible, false);
    assert.equal(graphOf('/w/compose.yaml', { ...base, '/w/dynamic/bad.toml': '[http\nx = ' }).providers.file.visible, false);
  });

  it('labels of containers Traefik does not read define nothing and are not judged', () => {
    const compose = `services:
  traefik:
    image: traefik:v3
    command: [--providers.docker.exposedbydefault=false]
  on:
    image: a
    labels: [traefik.enable=true, traefik.http.routers.on.rule=Path(\`/\`)]
  off:
    image: b
    labels: [traefik.http.middlewares.auth.basicauth.usersfile=/u, traefik.http.routers.off.rule=Path(\`/\`)]
  explicit:
    image: c
    labels: [traefik.enable=false, traefik.http.routers.explicit.rule=Path(\`/\`)]
`;
    const g = graphOf('/w/compose.yaml', { '/w/compose.yaml': compose });
    assert.deepEqual(
      g.routers.map((r) => [r.name, r.g.active]),
      [
        ['on', true],
        ['off', false],
        ['explicit', false],
      ],
    );
    assert.equal(g.middleware('http', 'auth', 'docker'), undefined);
    assert.ok(g.inactiveMiddleware('http', 'auth', 'docker'));
  });

  it('chains that loop, and middlewares defined twice differently, are unknown rather than wrong', () => {
    const dyn = `http:
  routers:
    a:
      rule: Path(\`/\`)
      middlewares: [loop]
  middlewares:
    loop:
      chain:
        middlewares: [loop, plug]
    plug:
      plugin:
        blockpath: {}
`;
    const g = graphOf('/w/d.yml', { '/w/traefik.yml': 'providers:\n  file:\n    filename: d.yml\nentryPoints:\n  web:\n    address: ":80"\n', '/w/d.yml': dyn });
    const eff = g.effective(router(g, 'a'), g.entryPoints.get('web'));
    assert.equal(eff.unknown, true, 'a plugin is opaque');
    assert.deepEqual(eff.middlewares.map((m) => m.name), ['plug']);
  });
});

describe('traefik graph: caching and what a lint reads', () => {
  const files = { '/w/compose.yaml': COMPOSE, '/w/dynamic/headers.yml': HEADERS, '/w/dynamic/sub/secure.yml': SECURE };

  it('one graph per lint; the same graph again while the texts read are the same; a new one when one changes', () => {
    const ws = new MemoryWorkspace(files);
    const path = '/w/dynamic/headers.yml';
    const doc = parseTraefik(HEADERS, path).model;
    const ctx1 = ctxOf(path, ws);
    const v1 = traefikView(doc, ctx1);
    const g1 = traefikGraph(v1, ctx1);
    assert.equal(traefikGraph(v1, ctx1), g1, 'memoised per lint');
    const ctx2 = ctxOf(path, ws);
    assert.equal(traefikGraph(traefikView(doc, ctx2), ctx2), g1, 'reused across lints');
    const changed = new MemoryWorkspace({ ...files, '/w/dynamic/sub/secure.yml': SECURE.replace('average: 10', 'average: 20') });
    const ctx3 = ctxOf(path, changed);
    assert.notEqual(traefikGraph(traefikView(doc, ctx3), ctx3), g1);
  });

  it('every read goes through ctx.workspace: the recorder sees the static source, the folder and its files', () => {
    const rec = new RecordingWorkspace(new MemoryWorkspace(files));
    lintText(COMPOSE, { path: '/w/compose.yaml', workspace: rec });
    assert.ok(rec.dirs.has('/w/dynamic') && rec.dirs.has('/w/dynamic/sub'), [...rec.dirs].join());
    assert.ok(rec.paths.has('/w/dynamic/headers.yml'));
    assert.ok(rec.paths.has('/w/dynamic/sub/secure.yml'));
    const deps = new DependencyGraph();
    deps.record('/w/compose.yaml', rec.paths, rec.dirs);
    assert.deepEqual(deps.dependents(['/w/dynamic/sub/secure.yml']), ['/w/compose.yaml']);
    assert.deepEqual(deps.dependents(['/w/dynamic/new.toml']), ['/w/compose.yaml'], 'a file appearing in a listed folder');
    assert.deepEqual(deps.dependents(['/w/dynamic/brand/new/deep.yml']), ['/w/compose.yaml'], 'a new subfolder');
    assert.deepEqual(deps.dependents(['/w/other/x.yml']), []);
    deps.forget('/w/compose.yaml');
    assert.deepEqual(deps.dependents(['/w/dynamic/new.toml']), []);
  });

  it('FsWorkspace lists folders (sorted, folders with a slash) and forgets a listing when a file in it changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-list-'));
    try {
      mkdirSync(join(dir, 'sub'));
      writeFileSync(join(dir, 'b.yml'), 'x: 1\n');
      writeFileSync(join(dir, 'a.toml'), 'x = 1\n');
      const ws = new FsWorkspace();
      const d = dir.replace(/\\/g, '/');
      assert.deepEqual(ws.list(d), ['a.toml', 'b.yml', 'sub/']);
      writeFileSync(join(dir, 'c.yml'), 'x: 1\n');
      assert.deepEqual(ws.list(d), ['a.toml', 'b.yml', 'sub/'], 'cached');
      ws.invalidate(`${d}/c.yml`);
      assert.deepEqual(ws.list(d), ['a.toml', 'b.yml', 'c.yml', 'sub/']);
      assert.equal(ws.list(`${d}/missing`), undefined);
      assert.equal(ws.list(`${d}/b.yml`), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a lint without list() in the workspace still works: the folder stays unknown and nothing is reported from it', () => {
    const text = COMPOSE.replace('secure@file,compress', 'missing@file');
    const plain: WorkspaceView = { readFile: (p) => (p === '/w/compose.yaml' ? text : (files as Record<string, string>)[p]), exists: (p) => p === '/w/dynamic' };
    assert.deepEqual(only(lintText(text, { path: '/w/compose.yaml', workspace: plain }).diagnostics, 'traefik/middleware-undefined'), []);
    const listed = new MemoryWorkspace({ ...files, '/w/compose.yaml': text });
    assert.equal(only(lintText(text, { path: '/w/compose.yaml', workspace: listed }).diagnostics, 'traefik/middleware-undefined').length, 1);
  });
});

/**
 * A tree as plain data: the direct reading's nodes are classes whose `range`/`keyRange` are made
 * on first use (their offsets sit in private fields); the TreeBuilder path's are object literals.
 */
function plainTree(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plainTree);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, plainTree(x)]));
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) if (k !== 'fixed' && k !== 'where' && o[k] !== undefined) out[k] = plainTree(o[k]);
  for (const k of ['range', 'keyRange']) if (k in o) out[k] = plainTree(o[k]);
  return out;
}

describe('traefik YAML: the direct reading of files without anchors', () => {
  it('gives the same tree as the TreeBuilder path for every YAML fixture', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.ya?ml(\.fixed)?$/.test(n)) files.push(p);
      }
    };
    walk(join(FIXTURES, 'traefik'));
    assert.ok(files.length > 100);
    const inline = [
      'http:\n  middlewares:\n    base: &h\n      headers: {frameDeny: true}\n    other: *h\n',
      'x-h: &h\n  stsSeconds: 1\nhttp:\n  middlewares:\n    m:\n      headers:\n        <<: *h\n        frameDeny: true # c\n',
      'http:\n  routers:\n    a: !!map {rule: x}\n',
      '# top\nhttp: # c1\n  routers: {a: {rule: x}, # c2\n   b: {rule: y}} # c3\n',
    ];
    let compared = 0;
    for (const f of [...files, ...inline]) {
      const text = f.startsWith('/') ? readFileSync(f, 'utf8') : f;
      const index = new LineIndex(text);
      const { text: masked, regions } = maskTemplates(text);
      const a = parseTraefikYaml(masked, index, regions);
      const b = parseTraefikYaml(masked, index, regions, { resolve: true });
      assert.deepEqual(plainTree(a.root), plainTree(b.root), f);
      assert.deepEqual(a.comments, b.comments, f);
      compared++;
    }
    assert.equal(compared, files.length + inline.length);
  });
});

describe('FsWorkspace: a file in a new subfolder', () => {
  it('refreshes the listings and existence of the folders above it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-list-'));
    try {
      const d = dir.replace(/\\/g, '/');
      const ws = new FsWorkspace();
      assert.deepEqual(ws.list(d), []);
      assert.equal(ws.exists(`${d}/sub`), false);
      mkdirSync(join(dir, 'sub'));
      writeFileSync(join(dir, 'sub', 'a.yml'), 'x: 1\n');
      ws.invalidate(`${d}/sub/a.yml`);
      assert.deepEqual(ws.list(d), ['sub/']);
      assert.equal(ws.exists(`${d}/sub`), true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('traefik graph fixes: shapes the fixture folders do not cover', () => {
  const fixed = (path: string, text: string, rule: string): string | undefined => {
    const d = only(lintText(text, { path, workspace: new MemoryWorkspace({ [path]: text }) }).diagnostics, rule)[0];
    assert.ok(d, `no ${rule}`);
    const fix = d.fixes[0];
    return fix ? applyEdits(text, fix.edits) : undefined;
  };

  it('a YAML router and middlewares section written as flow mappings get flow additions', () => {
    const text = 'http:\n  routers:\n    app: {rule: "Host(`a`)", entryPoints: [websecure], service: app, tls: {}}\n  middlewares: {}\n';
    assert.equal(
      fixed('/w/d.yml', text, 'traefik/rate-limit-missing'),
      'http:\n  routers:\n    app: {rule: "Host(`a`)", entryPoints: [websecure], service: app, tls: {}, middlewares: [rate-limit]}\n  middlewares: {rate-limit: {rateLimit: {average: 10, burst: 50}}}\n',
    );
  });

  it('a TOML router written with dotted keys gets a dotted key; the middleware a new table', () => {
    const text = '[http.routers]\napp.rule = "Host(`a`)"\napp.entryPoints = ["websecure"]\napp.tls = {}\n';
    assert.equal(
      fixed('/w/d.toml', text, 'traefik/rate-limit-missing'),
      '[http.routers]\napp.rule = "Host(`a`)"\napp.entryPoints = ["websecure"]\napp.tls = {}\napp.middlewares = ["rate-limit"]\n\n[http.middlewares.rate-limit.rateLimit]\naverage = 10\nburst = 50\n',
    );
  });

  it('no fix when a TOML section is an inline table (it cannot be extended by a table) or a label sits in a shared anchor', () => {
    assert.equal(fixed('/w/d.toml', '[http]\nmiddlewares = { }\n[http.routers.app]\nrule = "x"\n', 'traefik/rate-limit-missing'), undefined);
    const compose = 'x-l: &l\n  traefik.http.routers.app.rule: Host(`a`)\nservices:\n  app:\n    image: a\n    labels:\n      <<: *l\n';
    assert.equal(fixed('/w/compose.yaml', compose, 'traefik/rate-limit-missing'), undefined);
  });

  it('CRLF files get CRLF lines', () => {
    const text = 'http:\r\n  routers:\r\n    app:\r\n      rule: Host(`a`)\r\n';
    assert.equal(fixed('/w/d.yml', text, 'traefik/rate-limit-missing'), 'http:\r\n  routers:\r\n    app:\r\n      rule: Host(`a`)\r\n      middlewares:\r\n        - rate-limit\r\n  middlewares:\r\n    rate-limit:\r\n      rateLimit:\r\n        average: 10\r\n        burst: 50\r\n');
  });

  it('a second router reuses the middleware the first fix created', () => {
    const text = 'http:\n  routers:\n    a:\n      rule: Host(`a`)\n      middlewares: [rate-limit]\n    b:\n      rule: Host(`b`)\n  middlewares:\n    rate-limit:\n      rateLimit:\n        average: 10\n';
    const d = only(lintText(text, { path: '/w/d.yml', workspace: new MemoryWorkspace({ '/w/d.yml': text }) }).diagnostics, 'traefik/rate-limit-missing');
    assert.equal(d.length, 1);
    assert.equal(d[0]!.fixes[0]!.title, 'Attach the rateLimit middleware "rate-limit"');
    assert.equal(applyEdits(text, d[0]!.fixes[0]!.edits), text.replace('      rule: Host(`b`)\n', '      rule: Host(`b`)\n      middlewares:\n        - rate-limit\n'));
  });
});

describe('Traefik graph: labels split across compose.yaml and compose.override.yaml', () => {
  const base = `services:
  traefik:
    image: traefik:v3.1
    command:
      - --providers.docker=true
      - --providers.docker.exposedbydefault=false
      - --entrypoints.websecure.address=:443
  app:
    image: ghcr.io/acme/app:1.0
    labels:
      - traefik.http.routers.app.rule=Host(\`app.example.com\`)
      - traefik.http.routers.app.entrypoints=websecure
      - traefik.http.routers.app.tls=true
`;
  const override = `services:
  app:
    labels:
      traefik.enable: "true"
      traefik.http.routers.app.middlewares: sec@docker,limit@docker
      traefik.http.middlewares.sec.headers.stsseconds: "31536000"
      traefik.http.middlewares.sec.headers.framedeny: "true"
      traefik.http.middlewares.sec.headers.contenttypenosniff: "true"
      traefik.http.middlewares.limit.ratelimit.average: "50"
`;
  const files = { '/w/compose.yaml': base, '/w/compose.override.yaml': override };

  it('one router per container: the override\'s middlewares join the base\'s rule, and its enable counts for both', () => {
    for (const path of ['/w/compose.yaml', '/w/compose.override.yaml']) {
      const g = graphOf(path, files);
      const apps = g.routers.filter((r) => r.name === 'app');
      assert.equal(apps.length, 1, path);
      assert.equal(apps[0]!.g.doc.path, '/w/compose.yaml', 'the base router is the anchor');
      assert.equal(apps[0]!.rule?.text, 'Host(`app.example.com`)');
      assert.deepEqual(apps[0]!.middlewares.map((m) => m.name), ['sec', 'limit']);
      assert.equal(apps[0]!.g.active, true, 'traefik.enable=true in the override enables the base labels');
    }
  });

  it('the base file is not told its router lacks headers or a rate limit the override adds', () => {
    const ws = new MemoryWorkspace(files);
    const ds = lintText(base, { path: '/w/compose.yaml', workspace: ws }).diagnostics;
    assert.deepEqual(only(ds, 'traefik/security-headers-missing'), []);
    assert.deepEqual(only(ds, 'traefik/rate-limit-missing'), []);
    // The same base with an override that only enables the router: both findings, on the base's router.
    const bare = new MemoryWorkspace({ '/w/compose.yaml': base, '/w/compose.override.yaml': 'services:\n  app:\n    labels:\n      traefik.enable: "true"\n' });
    const alone = lintText(base, { path: '/w/compose.yaml', workspace: bare }).diagnostics;
    assert.equal(only(alone, 'traefik/security-headers-missing').length, 1);
    assert.equal(only(alone, 'traefik/rate-limit-missing').length, 1);
  });

  it('without the override, the base router is judged alone (and is disabled by exposedByDefault=false)', () => {
    const g = graphOf('/w/compose.yaml', { '/w/compose.yaml': base });
    const app = router(g, 'app');
    assert.deepEqual(app.middlewares, []);
    assert.equal(app.g.active, false);
  });

  it('an override in another folder is not merged', () => {
    const g = graphOf('/w/compose.yaml', { '/w/compose.yaml': base, '/w/other/compose.override.yaml': override });
    assert.deepEqual(router(g, 'app').middlewares, []);
  });
});
