// The Traefik model: one normalised, lower-cased key tree from YAML, TOML, labels, flags and env,
// with exact ranges; static-source precedence; templates; detection; version; workspace facts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Range, RuleContext } from '../../server/src/engine/types';
import { LineIndex } from '../../server/src/engine/text';
import { parseCompose } from '../../server/src/languages/compose/parse';
import { parseTraefik } from '../../server/src/languages/traefik/parse';
import { traefikView, traefikViewOfCompose, type TraefikView } from '../../server/src/languages/traefik/view';
import { at, boolOf, listItems, match, scalarOf, textOf, type TField, type TSource } from '../../server/src/languages/traefik/model';
import { isTraefikName, matchesTraefikContent } from '../../server/src/languages/traefik/detect';
import { maskTemplates } from '../../server/src/languages/traefik/templates';
import { gitIgnoreVerdict } from '../../server/src/languages/traefik/workspace';
import { entryPoints, routers, middlewares } from '../../server/src/languages/traefik/facts';
import { isComposeName, looksLikeCompose } from '../../server/src/languages/compose/parse';
import { parseVersion, versionFromTag } from '../../server/src/languages/traefik/version';
import { detectLanguage } from '../../server/src/engine/detect';
import { DEFAULT_CONFIG } from '../../server/src/engine/config';
import { FsWorkspace } from '../../server/src/node/fs-workspace';
import { fmtRange, lintText, MemoryWorkspace, only } from '../helpers/lint';

class ModeWorkspace extends MemoryWorkspace {
  constructor(
    files: Record<string, string>,
    private readonly modes: Record<string, number> = {},
  ) {
    super(files);
  }
  mode(path: string): number | undefined {
    return this.modes[path];
  }
}

function ctxFor(path: string, files: Record<string, string> = {}, traefikVersion?: string): RuleContext {
  return { path, workspace: new MemoryWorkspace(files), settings: { traefikVersion } };
}

function fileView(text: string, path = '/w/traefik.yml', files: Record<string, string> = {}, version?: string): TraefikView {
  const doc = parseTraefik(text, path);
  return traefikView(doc.model, ctxFor(path, files, version));
}

function composeView(text: string, path = '/w/compose.yaml', files: Record<string, string> = {}, version?: string): TraefikView {
  const m = parseCompose(text, path).model;
  return traefikViewOfCompose(m, ctxFor(path, files, version));
}

/** The text a range covers. */
function textAt(text: string, r: Range): string {
  const idx = new LineIndex(text);
  return text.slice(idx.offsetAt(r.start), idx.offsetAt(r.end));
}

function keyTexts(text: string, trail: TField[]): string[] {
  return trail.map((f) => textAt(text, f.keyRange));
}

function source(view: TraefikView, form: TSource['form']): TSource {
  const s = view.sources.find((x) => x.form === form);
  assert.ok(s, `no ${form} source`);
  return s;
}

describe('traefik model: one key tree from five forms', () => {
  it('YAML: lower-cased paths, segments and values with exact ranges', () => {
    const text = 'API:\n  Insecure: "true"\nentryPoints:\n  web:\n    address: ":80"\n';
    const v = fileView(text);
    const src = source(v, 'yaml');
    assert.equal(src.role, 'static');
    const m = match(src.root, ['api', 'insecure'])[0]!;
    assert.deepEqual(keyTexts(text, m.trail), ['API', 'Insecure']);
    const s = scalarOf(m.field)!;
    assert.equal(s.text, 'true');
    assert.equal(textAt(text, s.range), '"true"');
    assert.equal(text.slice(s.inner!.start, s.inner!.end), 'true');
    assert.equal(boolOf(s), true);
    assert.equal(textOf(at(src.root, ['entrypoints', 'web', 'address'])), ':80');
  });

  it('TOML: the same path and ranges', () => {
    const text = '[Api]\n  INSECURE = true\n';
    const v = fileView(text, '/w/traefik.toml');
    const src = source(v, 'toml');
    const m = match(src.root, ['api', 'insecure'])[0]!;
    assert.deepEqual(keyTexts(text, m.trail), ['Api', 'INSECURE']);
    assert.equal(textAt(text, scalarOf(m.field)!.range), 'true');
    assert.equal(boolOf(scalarOf(m.field)), true);
  });

  it('flags: `--a.b.c=v`, case-insensitive, ranges inside the flag', () => {
    const text = 'services:\n  traefik:\n    image: traefik:v3.1\n    command:\n      - "--Api.Insecure=true"\n';
    const v = composeView(text);
    const src = source(v, 'flag');
    assert.equal(src.role, 'static');
    const m = match(src.root, ['api', 'insecure'])[0]!;
    assert.deepEqual(keyTexts(text, m.trail), ['Api', 'Insecure']);
    assert.equal(textAt(text, scalarOf(m.field)!.range), 'true');
    assert.equal(textAt(text, { start: m.field.decl ? new LineIndex(text).positionAt(m.field.decl.span.start) : m.field.keyRange.start, end: new LineIndex(text).positionAt(m.field.decl!.span.end) }), '"--Api.Insecure=true"');
  });

  it('env: `TRAEFIK_A_B_C` → a.b.c, list and map forms, prefix in any case', () => {
    const text = [
      'services:',
      '  traefik:',
      '    image: traefik:3',
      '    environment:',
      '      TRAEFIK_API_INSECURE: "true"',
      '      traefik_log_level: DEBUG',
      '      - not-a-list-item',
    ].join('\n');
    // (the stray list item makes the mapping invalid YAML; the model keeps what parses)
    const ok = text.split('\n').slice(0, 6).join('\n') + '\n';
    const v = composeView(ok);
    const src = source(v, 'env');
    const m = match(src.root, ['api', 'insecure'])[0]!;
    assert.deepEqual(keyTexts(ok, m.trail), ['API', 'INSECURE']);
    assert.equal(textAt(ok, scalarOf(m.field)!.range), 'true');
    assert.equal(textOf(at(src.root, ['log', 'level'])), 'DEBUG');
    const list = composeView('services:\n  traefik:\n    image: traefik:3\n    environment:\n      - TRAEFIK_API_DASHBOARD=true\n      - TRAEFIK_PASSTHROUGH\n');
    const l = source(list, 'env');
    assert.equal(textOf(at(l.root, ['api', 'dashboard'])), 'true');
    // A pass-through variable (no value) is unknown.
    assert.equal(scalarOf(at(l.root, ['passthrough']))?.text, undefined);
  });

  it('labels: list and map form, `labels` → docker, `deploy.labels` → swarm, only `traefik.` keys', () => {
    const text = [
      'services:',
      '  web:',
      '    image: nginx:1.27',
      '    labels:',
      '      - "traefik.HTTP.Routers.Web.Rule=Host(`a.example`)"',
      '      - "com.example.team=web"',
      '    deploy:',
      '      labels:',
      '        traefik.http.routers.web.entrypoints: web,websecure',
      '',
    ].join('\n');
    const v = composeView(text);
    const docker = v.sources.find((s) => s.provider === 'docker')!;
    const swarm = v.sources.find((s) => s.provider === 'swarm')!;
    assert.equal(docker.form, 'label');
    const m = match(docker.root, ['http', 'routers', '*', 'rule'])[0]!;
    assert.deepEqual(keyTexts(text, m.trail), ['HTTP', 'Routers', 'Web', 'Rule']);
    assert.deepEqual(m.names, ['Web']);
    assert.equal(textAt(text, scalarOf(m.field)!.range), 'Host(`a.example`)');
    assert.equal(docker.root.fields.length, 1, 'com.example.team is not Traefik configuration');
    const eps = listItems(at(swarm.root, ['http', 'routers', 'web', 'entrypoints']), new LineIndex(text));
    assert.deepEqual(
      eps.map((n) => (n.kind === 'scalar' ? textAt(text, n.range) : '')),
      ['web', 'websecure'],
    );
  });

  it('labels: a value given to a path and below it keeps both (`self`)', () => {
    const text = 'services:\n  traefik:\n    image: traefik:3\n    command: --providers.docker --providers.docker.exposedbydefault=false\n';
    const src = source(composeView(text), 'flag');
    const docker = at(src.root, ['providers', 'docker'])!;
    assert.equal(docker.node.kind, 'map');
    assert.equal(boolOf(scalarOf(docker)), true);
    assert.equal(scalarOf(docker)!.implicit, true);
    assert.equal(boolOf(scalarOf(at(docker.node, ['exposedbydefault']))), false);
  });

  it('labels: a segment written in several labels records every occurrence (for renames)', () => {
    const text = 'services:\n  a:\n    image: x:1\n    labels:\n      - traefik.http.middlewares.m.ipwhitelist.sourcerange=10.0.0.0/8\n      - traefik.http.middlewares.m.ipwhitelist.ipstrategy.depth=1\n';
    const src = source(composeView(text), 'label');
    const f = at(src.root, ['http', 'middlewares', 'm', 'ipwhitelist'])!;
    assert.deepEqual(
      f.occurrences!.map((o) => fmtRange(o.range)),
      ['5:36-5:47', '6:36-6:47'],
    );
  });
});

describe('traefik model: TOML shapes', () => {
  const text = [
    '[entryPoints.web]', //                          1
    '  address = ":80"', //                          2
    '[EntryPoints.websecure]', //                    3
    '  address = ":443"', //                         4
    '  http.tls.certResolver = "le"', //             5
    '[[tls.certificates]]', //                       6
    '  certFile = "/certs/a.crt"', //                7
    '[[tls.certificates]]', //                       8
    "  certFile = '/certs/b.crt'", //                9
    '[http.routers.api]', //                         10
    '  rule = "Host(`x`)"', //                       11
    '  middlewares = ["a@file", "b"]', //            12
    '  tls = { certResolver = "le" }', //            13
    '  "quoted.key" = 1', //                         14
    '',
  ].join('\n');
  const v = fileView(text, '/w/traefik.toml');

  it('tables merge case-insensitively; dotted keys nest inside a table', () => {
    const src = v.sources[0]!;
    assert.deepEqual(
      v.sources.map((s) => s.role),
      ['static', 'dynamic'],
    );
    const eps = at(src.root, ['entrypoints'])!;
    assert.equal(eps.node.kind, 'map');
    assert.deepEqual(
      eps.node.kind === 'map' ? eps.node.fields.map((f) => f.raw) : [],
      ['web', 'websecure'],
    );
    assert.equal(textOf(at(src.root, ['entrypoints', 'websecure', 'http', 'tls', 'certresolver'])), 'le');
    const cr = at(src.root, ['entrypoints', 'websecure', 'http', 'tls', 'certresolver'])!;
    assert.equal(textAt(text, cr.keyRange), 'certResolver');
  });

  it('arrays of tables become a list of maps', () => {
    const certs = at(v.sources[0]!.root, ['tls', 'certificates'])!;
    assert.equal(certs.node.kind, 'list');
    const files = certs.node.kind === 'list' ? certs.node.items.map((m) => textOf(at(m, ['certfile']))) : [];
    assert.deepEqual(files, ['/certs/a.crt', '/certs/b.crt']);
  });

  it('inline tables, arrays, quoted keys; a table header is the statement of its last key', () => {
    const root = v.sources[0]!.root;
    assert.equal(textOf(at(root, ['http', 'routers', 'api', 'tls', 'certresolver'])), 'le');
    const mws = listItems(at(root, ['http', 'routers', 'api', 'middlewares']), v.index);
    assert.deepEqual(
      mws.map((n) => (n.kind === 'scalar' ? textAt(text, n.range) : '')),
      ['"a@file"', '"b"'],
    );
    assert.ok(at(root, ['http', 'routers', 'api', 'quoted.key']), 'a quoted key is one segment');
    const api = at(root, ['http', 'routers', 'api'])!;
    assert.equal(text.slice(api.decl!.span.start, api.decl!.span.end), '[http.routers.api]');
  });

  it('a TOML syntax error is a parse error at its position', () => {
    const r = lintText('[api]\n  insecure = \n', { path: '/w/traefik.toml', language: 'traefik' });
    const errs = only(r.diagnostics, 'rampart/parse-error');
    assert.equal(errs.length, 1);
    assert.equal(errs[0]!.range.start.line, 1);
    assert.match(errs[0]!.message, /not valid TOML/);
  });
});

describe('traefik model: YAML anchors and merges', () => {
  it('merge keys apply; two spellings of one key merge', () => {
    const text = [
      'x-tls: &tls',
      '  certResolver: le',
      'entryPoints:',
      '  websecure:',
      '    address: ":443"',
      '    http:',
      '      tls:',
      '        <<: *tls',
      'entrypoints:',
      '  web:',
      '    address: ":80"',
      '',
    ].join('\n');
    const root = fileView(text).sources[0]!.root;
    assert.equal(textOf(at(root, ['entrypoints', 'websecure', 'http', 'tls', 'certresolver'])), 'le');
    assert.equal(textOf(at(root, ['entrypoints', 'web', 'address'])), ':80');
  });
});

describe('traefik model: flags', () => {
  const view = (command: string) => composeView(`services:\n  traefik:\n    image: traefik:v3.1\n    command: ${command}\n`);

  it('string form: `--a=b`, `--a b`, booleans without value, single dash, quotes', () => {
    const v = view(`traefik --entrypoints.web.address :80 -api.dashboard --log.level="INFO" --ping`);
    const root = source(v, 'flag').root;
    assert.equal(textOf(at(root, ['entrypoints', 'web', 'address'])), ':80');
    assert.equal(boolOf(scalarOf(at(root, ['api', 'dashboard']))), true);
    assert.equal(textOf(at(root, ['log', 'level'])), 'INFO');
    assert.equal(boolOf(scalarOf(at(root, ['ping']))), true);
  });

  it('stops at the first word that is not a flag; --configFile is not an option', () => {
    const v = view('["--api.insecure=true", "--configFile=/etc/t.yml", "oops", "--log.level=DEBUG"]');
    const root = source(v, 'flag').root;
    assert.ok(at(root, ['api', 'insecure']));
    assert.equal(at(root, ['configfile']), undefined);
    assert.equal(at(root, ['log', 'level']), undefined);
    assert.equal(v.services[0]!.configFile?.containerPath, '/etc/t.yml');
  });

  it('indexed segments (`domains[0].main`) become list positions', () => {
    const v = view('["--entrypoints.websecure.http.tls.domains[0].main=example.com"]');
    const root = source(v, 'flag').root;
    assert.equal(textOf(at(root, ['entrypoints', 'websecure', 'http', 'tls', 'domains', '0', 'main'])), 'example.com');
    assert.equal(listItems(at(root, ['entrypoints', 'websecure', 'http', 'tls', 'domains']), v.index).length, 1);
  });

  it('values interpolate with .env and defaults; unknown variables are unknown', () => {
    const t = 'services:\n  traefik:\n    image: traefik:v3.1\n    command:\n      - --log.level=${LEVEL:-DEBUG}\n      - --api.insecure=${INSECURE}\n';
    const root = source(composeView(t), 'flag').root;
    assert.equal(textOf(at(root, ['log', 'level'])), 'DEBUG');
    assert.equal(scalarOf(at(root, ['api', 'insecure']))!.text, undefined);
  });
});

describe('traefik model: static source precedence (file > flags > env)', () => {
  it('a mounted file wins over flags and env; flags win over env', () => {
    const both = composeView('services:\n  t:\n    image: traefik:3\n    command: [--api.dashboard=true]\n    environment: [TRAEFIK_LOG_LEVEL=INFO]\n    volumes: [./traefik.yml:/etc/traefik/traefik.yml]\n');
    assert.equal(both.services[0]!.effective, 'file');
    assert.equal(both.staticSources.length, 0);
    assert.equal(both.allStaticSources.length, 2);
    const flags = composeView('services:\n  t:\n    image: traefik:3\n    command: [--api.dashboard=true]\n    environment: [TRAEFIK_LOG_LEVEL=INFO]\n');
    assert.equal(flags.services[0]!.effective, 'flags');
    assert.deepEqual(
      flags.staticSources.map((s) => s.form),
      ['flag'],
    );
    const env = composeView('services:\n  t:\n    image: traefik:3\n    command: traefik\n    environment: [TRAEFIK_LOG_LEVEL=INFO]\n');
    assert.equal(env.services[0]!.effective, 'env');
  });

  it('a folder mounted over /etc/traefik counts when it holds traefik.yml', () => {
    const t = 'services:\n  t:\n    image: traefik:3\n    command: [--api.dashboard=true]\n    volumes: [./conf:/etc/traefik:ro]\n';
    assert.equal(composeView(t, '/w/compose.yaml', { '/w/conf/traefik.yml': 'api: {}\n' }).services[0]!.effective, 'file');
    assert.equal(composeView(t, '/w/compose.yaml', {}).services[0]!.effective, 'flags');
  });

  it('only services running Traefik carry static sources', () => {
    const v = composeView('services:\n  app:\n    image: ghcr.io/acme/traefik-exporter:1\n    command: [--api.insecure=true]\n  whoami:\n    image: traefik/whoami\n    environment: [TRAEFIK_API_INSECURE=true]\n');
    assert.deepEqual(v.services, []);
    const built = composeView('services:\n  traefik:\n    build: .\n    command: [--entrypoints.web.address=:80]\n');
    assert.equal(built.services.length, 1, 'a built image named traefik with static flags');
  });

  it('a Traefik-named service with an interpolated image counts; a known non-Traefik image never does', () => {
    const unknown = composeView('services:\n  edge-traefik:\n    image: ${PROXY_IMAGE}\n    environment: [TRAEFIK_ENTRYPOINTS_WEB_ADDRESS=:80]\n');
    assert.deepEqual(
      unknown.services.map((s) => [s.name, s.effective]),
      [['edge-traefik', 'env']],
    );
    const named = composeView('services:\n  traefik:\n    image: nginx:1\n    command: [--entrypoints.web.address=:80]\n');
    assert.deepEqual(named.services, []);
  });
});

describe('traefik model: labels of compose services', () => {
  it('label items with blanks before the key, quoted keys, deploy.labels and merged labels are all read', () => {
    const text = [
      'x-labels: &lb',
      '  traefik.http.routers.m.rule: Host(`m`)',
      'services:',
      '  a:',
      '    image: whoami',
      '    labels:',
      '      - "  traefik.http.routers.a.rule=Host(`a`)"',
      '  b:',
      '    image: whoami',
      '    labels:',
      '      "traefik.http.routers.b.rule": Host(`b`)',
      '      com.example.team: x',
      '  c:',
      '    image: whoami',
      '    deploy:',
      '      labels: [traefik.http.routers.c.rule=Host(`c`)]',
      '  d:',
      '    image: whoami',
      '    labels:',
      '      <<: *lb',
      '  e:',
      '    image: whoami',
      '    labels: [com.example.team=x, traefik=x]',
      '',
    ].join('\n');
    const v = composeView(text);
    assert.deepEqual(
      v.dynamicSources.map((s) => [s.service, s.provider, s.root.fields.map((f) => f.name).join(), s.entries]),
      [
        ['a', 'docker', 'http', 1],
        ['b', 'docker', 'http', 1],
        ['c', 'swarm', 'http', 1],
        ['d', 'docker', 'http', 1],
      ],
    );
  });
});

describe('traefik model: Go templates degrade gracefully', () => {
  it('template lines and values are masked: no parse error, values unknown', () => {
    const text = [
      'http:',
      '  routers:',
      '{{ range $i, $d := .Domains }}',
      '    r{{ $i }}:',
      '      rule: Host(`{{ $d }}`)',
      '      service: {{ .Service }}',
      '{{ end }}',
      '',
    ].join('\n');
    const masked = maskTemplates(text);
    assert.equal(masked.text.length, text.length);
    const r = lintText(text, { path: '/w/dynamic.yml', language: 'traefik' });
    assert.deepEqual(only(r.diagnostics, 'rampart/parse-error'), []);
    const root = fileView(text, '/w/dynamic.yml').sources[0]!.root;
    const rule = match(root, ['http', 'routers', '*', 'rule'])[0]!;
    assert.equal(scalarOf(rule.field)!.template, true);
    assert.equal(scalarOf(rule.field)!.text, undefined);
  });

  it('a file whose YAML errors are hidden next to a template is still broken: its fixes are not safe', () => {
    // Found by the fuzzer: `i{{` is a key without `:`. Its error is not reported (a template
    // stands there), but the tree around it is a guess: the hsts fix inserted its key after the
    // line, where the next parse did not see it, and fix-all added it again and again.
    const broken = 'http:\n middlewares:\n  s:\n   headers:\n        stsSeconds: 8\n        i{{';
    assert.equal(parseTraefik(broken, '/w/dynamic.yml').syntaxBroken, true);
    const r = lintText(broken, { path: '/w/dynamic.yml', language: 'traefik' });
    assert.deepEqual(only(r.diagnostics, 'rampart/parse-error'), []);
    const hsts = only(r.diagnostics, 'traefik/hsts-weak');
    assert.equal(hsts.length, 1);
    assert.equal(hsts[0]!.fix, 'suggest');
    // A `{{` never closed masks the rest of the file: what a fix inserts after it is never read.
    const unclosed = 'http:\n middlewares:\n  s:\n   headers:\n    stsSeconds: 3{{{{\n';
    assert.equal(parseTraefik(unclosed, '/w/dynamic.yml').syntaxBroken, true);
    assert.equal(only(lintText(unclosed, { path: '/w/dynamic.yml', language: 'traefik' }).diagnostics, 'traefik/hsts-weak')[0]!.fix, 'suggest');
    // A template that leaves valid YAML around it keeps its fixes safe.
    const clean = 'http:\n  middlewares:\n    s:\n      headers:\n        stsSeconds: 8\n        customFrameOptionsValue: "{{ .Frame }}"\n';
    assert.equal(parseTraefik(clean, '/w/dynamic.yml').syntaxBroken, false);
    assert.equal(only(lintText(clean, { path: '/w/dynamic.yml', language: 'traefik' }).diagnostics, 'traefik/hsts-weak')[0]!.fix, 'safe');
  });

  it('TOML with template lines parses what it can', () => {
    const text = '{{ range .Items }}\n[http.routers.r{{ .ID }}]\n  rule = "Host(`{{ .Host }}`)"\n{{ end }}\n[tls.options.old]\n  minVersion = "VersionTLS10"\n';
    const r = lintText(text, { path: '/w/dynamic.toml', language: 'traefik' });
    assert.deepEqual(only(r.diagnostics, 'rampart/parse-error'), []);
    assert.equal(only(r.diagnostics, 'traefik/tls-min-version').length, 1);
  });
});

describe('traefik detection', () => {
  const yes = (path: string, text: string) => assert.ok(matchesTraefikContent(path, text), `${path} should be Traefik`);
  const no = (path: string, text: string) => assert.ok(!matchesTraefikContent(path, text), `${path} should not be Traefik`);

  it('by name: traefik.yml, traefik.yaml, traefik.toml', () => {
    assert.ok(isTraefikName('/a/traefik.yml') && isTraefikName('/a/Traefik.YAML') && isTraefikName('/a/traefik.toml'));
    assert.ok(!isTraefikName('/a/traefik-compose.yml') && !isTraefikName('/a/traefik.json'));
  });

  it('by content: static and dynamic shapes in YAML and TOML', () => {
    yes('/c/static.yml', 'entryPoints:\n  web:\n    address: ":80"\n');
    yes('/c/static.yaml', 'providers:\n  docker:\n    exposedByDefault: false\n');
    yes('/c/le.yml', 'certificatesResolvers:\n  le:\n    acme: {}\n');
    yes('/c/dynamic/middlewares.yml', 'http:\n  middlewares:\n    auth:\n      basicAuth: {}\n');
    yes('/c/tls.yaml', 'tls:\n  options:\n    default:\n      minVersion: VersionTLS12\n');
    yes('/c/tcp.yml', 'tcp:\n  routers:\n    db: {}\n');
    yes('/c/flow.yml', 'http: {routers: {}}\n');
    yes('/c/dynamic.toml', '[http.routers.api]\n  rule = "Host(`x`)"\n');
    yes('/c/static.toml', '[entryPoints.web]\n  address = ":80"\n');
    yes('/c/certs.toml', '[[tls.certificates]]\n  certFile = "a"\n');
    yes('/c/traefik-static.yml', 'api:\n  dashboard: true\n');
    yes('/c/api-and-provider.yml', 'api:\n  insecure: true\nproviders:\n  file:\n    directory: /d\n');
  });

  it('not compose files, Kubernetes manifests, CI workflows or other configuration', () => {
    const compose = 'services:\n  traefik:\n    image: traefik:v3.1\n    labels:\n      - traefik.http.routers.a.rule=Host(`a`)\n';
    no('/c/compose.yaml', compose);
    no('/c/stack.yml', 'services:\n  web:\n    image: nginx\n');
    no('/c/ingressroute.yaml', 'apiVersion: traefik.io/v1alpha1\nkind: IngressRoute\nspec:\n  entryPoints:\n    - websecure\n');
    no('/c/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: traefik\n');
    no('/c/.github/workflows/ci.yml', 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n');
    no('/c/app.yml', 'api:\n  port: 8080\nlog:\n  level: debug\n');
    no('/c/oauth.yml', 'providers:\n  redis:\n    host: cache\n  http:\n    timeout: 3s\n');
    no('/c/app-api.yml', 'api:\n  dashboard: true\n');
    no('/c/configuration.yaml', 'http:\n  server_port: 8123\n  use_x_forwarded_for: true\n');
    no('/c/pyproject.toml', '[project]\nname = "x"\n[tool.ruff]\nline-length = 100\n');
    no('/c/netlify.toml', '[build]\n  command = "npm run build"\n[[redirects]]\n  from = "/*"\n');
    no('/c/Cargo.toml', '[package]\nname = "x"\n[dependencies]\nhttp = "1"\n');
    no('/c/notes.md', 'entryPoints:\n  web: {}\n');
  });

  it('compose wins over Traefik on content, and the engine agrees', () => {
    const compose = 'services:\n  traefik:\n    image: traefik:v3.1\n';
    assert.ok(looksLikeCompose('/c/stack.yml', compose));
    assert.equal(detectLanguage('/c/stack.yml', compose, DEFAULT_CONFIG), 'compose');
    assert.equal(detectLanguage('/c/static.yml', 'entryPoints:\n  web:\n    address: ":80"\n', DEFAULT_CONFIG), 'traefik');
    assert.equal(detectLanguage('/c/traefik.toml', '', DEFAULT_CONFIG), 'traefik');
    assert.ok(!isComposeName('/c/traefik.yml'));
  });

  it('a compose file named traefik.yml is still read as compose (labels and flags judged)', () => {
    const text = 'services:\n  traefik:\n    image: traefik:v3.1\n    command: ["--api.insecure=true"]\n';
    const r = lintText(text, { path: '/c/traefik.yml' });
    assert.equal(r.language, 'traefik');
    assert.equal(only(r.diagnostics, 'traefik/api-insecure').length, 1);
    assert.equal(only(r.diagnostics, 'rampart/parse-error').length, 0);
  });
});

describe('traefik version', () => {
  it('parses tags and config values; latest and codenames fall back', () => {
    assert.deepEqual(parseVersion('v3.1'), { major: 3, minor: 1, patch: 0 });
    assert.deepEqual(parseVersion('2.11.3'), { major: 2, minor: 11, patch: 3 });
    assert.deepEqual(parseVersion('v3.1-windowsservercore-ltsc2022'), { major: 3, minor: 1, patch: 0 });
    assert.equal(versionFromTag('latest'), undefined);
    assert.equal(versionFromTag('chabichou'), undefined);
    assert.equal(versionFromTag('1.7'), undefined);
  });

  it('config > image in the file > image in a compose file nearby > current stable', () => {
    const compose = 'services:\n  traefik:\n    image: traefik:v2.10\n';
    assert.equal(fileView('api: {}\n', '/w/traefik.yml', {}, '2.11').version.text, '2.11');
    assert.equal(fileView('api: {}\n', '/w/conf/traefik.yml', { '/w/compose.yaml': compose }).version.text, 'v2.10');
    assert.equal(composeView(compose).version.major, 2);
    assert.equal(composeView('services:\n  traefik:\n    image: traefik:latest\n').version.source, 'default');
    assert.equal(fileView('api: {}\n').version.major, 3);
  });
});

describe('traefik facts for the workspace graph', () => {
  it('entry points with the HTTPS convention, routers with qualified middleware references', () => {
    const text = [
      'entryPoints:',
      '  web:',
      '    address: ":80"',
      '    http:',
      '      redirections:',
      '        entryPoint:',
      '          to: websecure',
      '  websecure:',
      '    address: ":443"',
      '    http:',
      '      middlewares: [headers@file]',
      '  admin:',
      '    address: ":9000"',
      '',
    ].join('\n');
    const v = fileView(text);
    const eps = entryPoints(v.staticSources[0]!, v.index);
    assert.deepEqual(
      eps.map((e) => [e.name, e.port, e.https, e.redirectsTo ?? null]),
      [
        ['web', 80, false, 'websecure'],
        ['websecure', 443, true, null],
        ['admin', 9000, undefined, null],
      ],
    );
    assert.deepEqual(
      eps[1]!.middlewares.map((m) => [m.name, m.provider, m.qualified]),
      [['headers', 'file', true]],
    );
    const labels = composeView(
      'services:\n  app:\n    image: x:1\n    labels:\n      - traefik.http.routers.app.entrypoints=websecure\n      - traefik.http.routers.app.middlewares=auth,sec@file\n      - traefik.http.routers.app.tls.certresolver=le\n      - traefik.http.middlewares.auth.basicauth.usersfile=/run/secrets/u\n',
    );
    const src = labels.dynamicSources[0]!;
    const r = routers(src, labels.index)[0]!;
    assert.deepEqual(r.entryPoints, ['websecure']);
    assert.deepEqual(
      r.middlewares.map((m) => `${m.name}@${m.provider}`),
      ['auth@docker', 'sec@file'],
    );
    assert.equal(r.tls, true);
    assert.deepEqual(
      middlewares(src).map((m) => [m.name, m.type]),
      [['auth', 'basicauth']],
    );
  });
});

describe('traefik workspace: .gitignore and file modes', () => {
  it('the deepest .gitignore with an opinion wins; no repository, no verdict', () => {
    const ws = new MemoryWorkspace({
      '/r/.git/HEAD': 'ref: main\n',
      '/r/.gitignore': 'acme.json\n',
      '/r/keep/.gitignore': '!acme.json\n',
      '/r/a/acme.json': '{}',
      '/r/keep/acme.json': '{}',
      '/r/b/x/acme.json': '{}',
    });
    assert.equal(gitIgnoreVerdict('/r/a/acme.json', ws), 'ignored');
    assert.equal(gitIgnoreVerdict('/r/keep/acme.json', ws), 'not-ignored');
    assert.equal(gitIgnoreVerdict('/r/b/x/acme.json', new MemoryWorkspace({ '/r/.git/HEAD': '', '/r/b/x/acme.json': '{}' })), 'not-ignored');
    assert.equal(gitIgnoreVerdict('/elsewhere/acme.json', ws), 'no-repository');
    const dir = new MemoryWorkspace({ '/r/.git/HEAD': '', '/r/.gitignore': 'letsencrypt/\n', '/r/letsencrypt/acme.json': '{}' });
    assert.equal(gitIgnoreVerdict('/r/letsencrypt/acme.json', dir), 'ignored');
  });

  it('acme-storage-exposed: ignored and 600 is silent, 644 or not ignored fires', () => {
    const compose = 'services:\n  traefik:\n    image: traefik:v3.1\n    command: ["--certificatesresolvers.le.acme.storage=/le/acme.json"]\n    volumes: ["./le:/le"]\n';
    const files = { '/r/.git/HEAD': '', '/r/compose.yaml': compose, '/r/le/acme.json': '{}', '/r/.gitignore': 'le/\n' };
    const run = (ws: ModeWorkspace) => only(lintText(compose, { path: '/r/compose.yaml', workspace: ws }).diagnostics, 'traefik/acme-storage-exposed');
    assert.equal(run(new ModeWorkspace(files, { '/r/le/acme.json': 0o600 })).length, 0);
    const loose = run(new ModeWorkspace(files, { '/r/le/acme.json': 0o644 }));
    assert.equal(loose.length, 1);
    assert.match(loose[0]!.message, /whose permissions are wider than 600/);
    const { ['/r/.gitignore']: _, ...unignored } = files;
    void _;
    const committed = run(new ModeWorkspace(unignored, { '/r/le/acme.json': 0o600 }));
    assert.equal(committed.length, 1);
    assert.match(committed[0]!.message, /which \.gitignore does not ignore: .* so one commit publishes them\.$/);
  });

  it('FsWorkspace.mode reads permission bits', { skip: process.platform === 'win32' }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-mode-'));
    try {
      const p = join(dir, 'acme.json');
      writeFileSync(p, '{}');
      chmodSync(p, 0o600);
      const ws = new FsWorkspace();
      assert.equal(ws.mode(p.replace(/\\/g, '/')), 0o600);
      chmodSync(p, 0o644);
      assert.equal(new FsWorkspace().mode(p), 0o644);
      assert.equal(ws.mode(join(dir, 'missing')), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('traefik fixes in TOML tables', () => {
  it('a key added to a table goes among its own keys, not into a sub-table after it', () => {
    const text = '[providers.docker]\n  endpoint = "tcp://docker:2376"\n[providers.docker.tls]\n  ca = "/certs/ca.pem"\n';
    const d = only(lintText(text, { path: '/w/traefik.toml' }).diagnostics, 'traefik/exposed-by-default')[0]!;
    const e = d.fixes[0]!.edits[0]!;
    assert.equal(e.range.start.line, 1);
    assert.equal(e.newText, '\n  exposedByDefault = false');
  });
});

describe('traefik suppressions', () => {
  it('TOML and YAML end-of-line and own-line comments cover traefik findings', () => {
    const toml = '[api]\n  insecure = true # rampart-ignore traefik/api-insecure -- lab only\n';
    const r1 = lintText(toml, { path: '/w/traefik.toml' });
    assert.equal(only(r1.diagnostics, 'traefik/api-insecure').length, 0);
    assert.equal(only(r1.suppressed, 'traefik/api-insecure').length, 1);
    const yaml = 'api:\n  # rampart-ignore traefik/api-insecure -- lab only\n  insecure: true\n';
    const r2 = lintText(yaml, { path: '/w/traefik.yml' });
    assert.equal(only(r2.diagnostics, 'traefik/api-insecure').length, 0);
    const compose = 'services:\n  traefik:\n    image: traefik:3\n    command:\n      - --api.insecure=true # rampart-ignore traefik/api-insecure\n';
    const r3 = lintText(compose, { path: '/w/compose.yaml' });
    assert.equal(r3.language, 'compose');
    assert.equal(only(r3.diagnostics, 'traefik/api-insecure').length, 0);
    assert.equal(only(r3.suppressed, 'traefik/api-insecure').length, 1);
  });
});
