// nginx's directive reference as Rampart ships it (generated from @nginx/reference-lib), the
// third-party allow list, "did you mean", and the two rules built on them beyond their fixtures.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  KNOWN_DIRECTIVES,
  bestEntry,
  directiveDoc,
  directiveEntries,
  docsUrl,
  editDistance,
  entriesFor,
  familyOf,
  isThirdParty,
  nearestDirective,
  variableDoc,
} from '../../server/src/languages/nginx/reference/index';
import { directiveMatcher, thirdPartyModule } from '../../server/src/languages/nginx/reference/third-party';
import { parseConfigFile } from '../../server/src/engine/config-file';
import { configCompletions } from '../../server/src/lsp/config-completion';
import { MemoryWorkspace, lintText, only, view } from '../helpers/lint';
import { repoRoot } from '../helpers/paths';

describe('nginx reference tables', () => {
  it('know the stock directives, their modules and families', () => {
    assert.ok(KNOWN_DIRECTIVES.size > 700);
    for (const n of ['listen', 'server_name', 'add_header', 'add_header_inherit', 'js_content', 'worker_connections', 'include', 'proxy_pass']) assert.ok(KNOWN_DIRECTIVES.has(n), n);
    assert.ok(!KNOWN_DIRECTIVES.has('more_set_headers'));
    assert.deepEqual(directiveEntries('proxy_pass').map((e) => [e.module, e.family, e.contexts]), [
      ['ngx_http_proxy_module', 'http', ['location', 'if in location', 'limit_except']],
      ['ngx_stream_proxy_module', 'stream', ['server']],
    ]);
    assert.deepEqual(entriesFor('listen', 'mail').map((e) => e.module), ['ngx_mail_core_module']);
    assert.deepEqual(entriesFor('include', 'stream').map((e) => e.family), ['core']);
    assert.equal(familyOf('Core functionality'), 'core');
    assert.equal(bestEntry('server', 'stream', 'upstream')?.module, 'ngx_stream_upstream_module');
    assert.equal(bestEntry('server', undefined, 'http')?.module, 'ngx_http_core_module');
  });

  it('link each module to its nginx.org page', () => {
    assert.equal(docsUrl('ngx_http_headers_module', 'add_header'), 'https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header');
    assert.equal(docsUrl('ngx_stream_proxy_module'), 'https://nginx.org/en/docs/stream/ngx_stream_proxy_module.html');
    assert.equal(docsUrl('Core functionality', 'worker_connections'), 'https://nginx.org/en/docs/ngx_core_module.html#worker_connections');
    assert.equal(docsUrl('ngx_otel_module', 'otel_trace'), 'https://nginx.org/en/docs/ngx_otel_module.html#otel_trace');
    assert.equal(docsUrl('ngx_mail_core_module', 'listen'), 'https://nginx.org/en/docs/mail/ngx_mail_core_module.html#listen');
  });

  it('carry syntax, default and trimmed Markdown docs, and variables (with $http_NAME patterns)', () => {
    const doc = directiveDoc(directiveEntries('server_tokens')[0]!);
    assert.equal(doc.default, 'on');
    assert.ok(doc.syntax[0]!.includes('`build`'));
    assert.ok(doc.description.length > 50);
    const long = directiveDoc(directiveEntries('listen')[0]!).description;
    assert.ok(long.length < 3000 && long.endsWith('…'), `listen docs ${long.length} chars`);
    assert.equal(variableDoc('$host')?.module, 'ngx_http_core_module');
    assert.equal(variableDoc('$http_user_agent')?.name, '$http_NAME');
    assert.equal(variableDoc('$sent_http_content_type')?.name, '$sent_http_NAME');
    assert.equal(variableDoc('$nope'), undefined);
  });

  it('are what the installed @nginx/reference-lib generates (npm run generate)', () => {
    const r = spawnSync(process.execPath, ['scripts/generate.mjs', '--check'], { cwd: repoRoot(), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
});

describe('nginx third-party directives', () => {
  it('accepts the built-in modules and the project list, with * globs', () => {
    for (const n of ['content_by_lua_block', 'lua_shared_dict', 'set_by_lua_file', 'more_set_headers', 'brotli_types', 'geoip2', 'vhost_traffic_status_zone', 'modsecurity_rules_file', 'SecRulesEnabled', 'passenger_enabled']) {
      assert.ok(isThirdParty(n, undefined), n);
    }
    for (const n of ['sever_name', 'lua', 'more_headers', 'set_real_ip_form']) assert.ok(!isThirdParty(n, undefined), n);
    assert.ok(isThirdParty('acme_thing', ['acme_*']));
    assert.ok(!isThirdParty('acme_thing', ['acme']));
    assert.equal(thirdPartyModule('more_clear_headers'), 'headers-more');
    const m = directiveMatcher(['*_by_lua_block', 'x.y']);
    assert.ok(m('rewrite_by_lua_block') && !m('rewrite_by_lua_blocks') && m('x.y') && !m('xzy'));
  });

  it('reads nginx.directives from .rampart.yaml and rejects what cannot be a name', () => {
    const ok = parseConfigFile('nginx:\n  version: "1.27"\n  directives: [my_module_*, vts_status]\n', '/w/.rampart.yaml');
    assert.deepEqual(ok.problems, []);
    assert.deepEqual([ok.layer.nginxVersion, ok.layer.nginxDirectives], ['1.27', ['my_module_*', 'vts_status']]);
    const bad = parseConfigFile('nginx:\n  directives: ["bad name", ok_one]\n  verison: 1\n', '/w/.rampart.yaml');
    assert.deepEqual(
      bad.problems.map((p) => p.message),
      [
        'Each entry of nginx.directives must be a directive name, optionally with * as a wildcard (such as my_module_*), not "bad name".',
        'Unknown key "nginx.verison": the keys under nginx are version and directives.',
      ],
    );
    const notList = parseConfigFile('nginx:\n  directives: lua_*\n', '/w/.rampart.yaml');
    assert.match(notList.problems[0]!.message, /must be a list of directive names/);
    // The editor completes the keys under nginx.
    assert.deepEqual(configCompletions('nginx:\n  \n', { line: 1, character: 2 }).map((c) => c.label), ['version', 'directives']);
  });
});

describe('nginx "did you mean"', () => {
  it('finds near names case-insensitively, within a length-scaled distance, stable on ties', () => {
    assert.equal(editDistance('kitten', 'sitting', 5), 3);
    assert.equal(editDistance('abc', 'abcdefgh', 2), 3);
    assert.equal(nearestDirective('Listen'), 'listen');
    assert.equal(nearestDirective('add-header'), 'add_header');
    assert.equal(nearestDirective('sever_name'), 'server_name');
    assert.equal(nearestDirective('proxy_pas'), 'proxy_pass');
    assert.equal(nearestDirective('client_max_body_sizes'), 'client_max_body_size');
    assert.equal(nearestDirective('frobnicate_everything'), undefined);
    assert.equal(nearestDirective('lstn'), undefined);
  });

  it('prefers a name nginx allows where the directive is written', () => {
    // "ssl_stapling_verif" is one edit from ssl_stapling_verify in http and stream alike; "proxy_timeou"
    // in a stream server should become the stream directive proxy_timeout.
    const text = 'events {}\nstream {\n    server {\n        listen 5432;\n        proxy_timeou 10s;\n    }\n}\n';
    const d = only(lintText(text, { path: '/w/nginx.conf', language: 'nginx' }).diagnostics, 'nginx/unknown-directive');
    assert.deepEqual(d.map((x) => x.fixes.map((f) => `${f.kind}: ${f.title}`)), [['suggest: Change to "proxy_timeout"']]);
  });
});

describe('nginx/unknown-directive and nginx/directive-not-allowed in context', () => {
  const rules = (r: ReturnType<typeof lintText>) =>
    view(r.diagnostics.filter((d) => d.rule === 'nginx/unknown-directive' || d.rule === 'nginx/directive-not-allowed')).map((d) => `${d.rule} ${d.range}`);

  it('a fragment included inside map {} holds entries, not directives', () => {
    const files = {
      '/w/nginx.conf': 'events {}\nhttp {\n    map $host $backend {\n        include maps/hosts.conf;\n    }\n}\n',
      '/w/maps/hosts.conf': 'default app;\nexample_com web;\nlisten api;\n',
    };
    const r = lintText(files['/w/maps/hosts.conf'], { path: '/w/maps/hosts.conf', language: 'nginx', workspace: new MemoryWorkspace(files) });
    assert.deepEqual(rules(r), []);
  });

  it('a snippet included in a location is judged there; the same text in a server is not', () => {
    const files = {
      '/w/nginx.conf': 'events {}\nhttp {\n    server {\n        listen 80;\n        include snippets/proxy.conf;\n    }\n}\n',
      '/w/snippets/proxy.conf': 'proxy_set_header Host $host;\nproxy_pass http://app;\n',
    };
    const r = lintText(files['/w/snippets/proxy.conf'], { path: '/w/snippets/proxy.conf', language: 'nginx', workspace: new MemoryWorkspace(files) });
    assert.deepEqual(rules(r), ['nginx/directive-not-allowed 2:1-2:11']);
    assert.match(only(r.diagnostics, 'nginx/directive-not-allowed')[0]!.message, /which nginx\.conf \(line 5\) includes in an http server block/);
  });

  it('the project list silences a directive; a suppression comment does too', () => {
    const text = 'events {}\nhttp {\n    my_directive on;\n    other_directive on; # rampart-ignore nginx/unknown-directive -- loaded module\n}\n';
    const r = lintText(text, { path: '/w/nginx.conf', language: 'nginx', config: { nginxDirectives: ['my_*'] } });
    assert.deepEqual(rules(r), []);
  });
});
