// What the fixture runner does not show: fix titles and classes of the nginx rules whose fix
// depends on what the file holds (rate-limit-missing's zones, status-endpoint-exposed's
// server-level stub_status), and the helpers the nginx rules share.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryWorkspace, lintText, only } from '../helpers/lint';
import { captureGroups, isInternalAddress, isLoopbackListen, locationPattern } from '../../server/src/languages/nginx/rules/facts';
import { buildNginx } from '../../server/src/languages/nginx/parse';

function titles(text: string, rule: string, path = '/work/nginx.conf'): string[] {
  return only(lintText(text, { path, language: 'nginx' }).diagnostics, rule).map((d) => d.fixes.map((f) => `${f.kind}: ${f.title}`).join(' | '));
}

describe('nginx/rate-limit-missing fixes', () => {
  it('defines each zone once per file and says which fix defines it', () => {
    const text = 'events {}\nhttp {\n server {\n  location /api/ { proxy_pass http://a; }\n  location /v2/api { proxy_pass http://a; }\n  location / { proxy_pass http://web; }\n }\n}\n';
    assert.deepEqual(titles(text, 'nginx/rate-limit-missing'), [
      'suggest: Add "limit_req zone=api burst=50 nodelay;" and define zone "api" (10 requests/s per client) in the http block',
      'suggest: Add "limit_req zone=api burst=50 nodelay;" (the fix for location "/api/" defines zone "api")',
      'suggest: Add "limit_req zone=ui burst=20;" and define zone "ui" (5 requests/s per client) in the http block',
    ]);
  });

  it('only adds limit_req in a fragment, and says the zone must be defined', () => {
    assert.deepEqual(titles('server {\n location / { proxy_pass http://web; }\n}\n', 'nginx/rate-limit-missing', '/work/conf.d/app.conf'), [
      'suggest: Add "limit_req zone=ui burst=20;" (define zone "ui" with limit_req_zone in the http block)',
    ]);
  });

  describe('in a fragment whose includer is known', () => {
    const frag = 'server {\n listen 80;\n location /api/ { proxy_pass http://api; }\n}\n';
    const fragTitles = (main: string, path = '/w/conf.d/site.conf', text = frag) =>
      only(lintText(text, { path, language: 'nginx', workspace: new MemoryWorkspace({ '/w/nginx.conf': main, [path]: text }) }).diagnostics, 'nginx/rate-limit-missing').map((d) => d.fixes.map((f) => `${f.kind}: ${f.title}`).join(' | '));

    it('included right in http: defines the zone at the top of the fragment', () => {
      assert.deepEqual(fragTitles('events {}\nhttp {\n include conf.d/*.conf;\n}\n'), [
        'suggest: Add "limit_req zone=api burst=50 nodelay;" and define zone "api" (10 requests/s per client) at the top of this file (its includer reads it in the http block)',
      ]);
    });

    it('a zone the includer\'s http block (or a file it includes there) defines is not defined again', () => {
      assert.deepEqual(fragTitles('events {}\nhttp {\n limit_req_zone $binary_remote_addr zone=api:10m rate=1r/s;\n include conf.d/*.conf;\n}\n'), ['suggest: Add "limit_req zone=api burst=50 nodelay;"']);
    });

    it('included inside a server: only limit_req, and the title gives the zone\'s exact line for nginx.conf', () => {
      const snippet = 'location /api/ { proxy_pass http://api; }\n';
      assert.deepEqual(fragTitles('events {}\nhttp {\n server {\n  listen 80;\n  include snippets/api.conf;\n }\n}\n', '/w/snippets/api.conf', snippet), [
        'suggest: Add "limit_req zone=api burst=50 nodelay;" (and define the zone in the http block of nginx.conf: "limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;")',
      ]);
    });
  });

  it('does not define a zone that exists', () => {
    const text = 'events {}\nhttp {\n limit_req_zone $binary_remote_addr zone=ui:10m rate=1r/s;\n server { location / { proxy_pass http://web; } }\n}\n';
    assert.deepEqual(titles(text, 'nginx/rate-limit-missing'), ['suggest: Add "limit_req zone=ui burst=20;"']);
  });
});

describe('nginx/status-endpoint-exposed fixes', () => {
  it('offers no fix for stub_status written straight in a server (it would close the whole server)', () => {
    assert.deepEqual(titles('server {\n listen 8080;\n stub_status;\n}\n', 'nginx/status-endpoint-exposed', '/work/status.conf'), ['']);
  });
});

describe('nginx rule helpers', () => {
  it('reads location modifiers written apart or attached', () => {
    const m = buildNginx('server {\n location =/x {}\n location ~*\\.php$ {}\n location ^~ /a/ {}\n location @n {}\n location /p {}\n}\n').model;
    assert.deepEqual(
      m.named('location').map((d) => { const p = locationPattern(d)!; return `${p.modifier}|${p.path}|${p.regex}`; }),
      ['=|/x|false', '~*|\\.php$|true', '^~|/a/|false', '@|@n|false', '|/p|false'],
    );
  });

  it('counts capture groups, named ones included, and skips lookarounds and classes', () => {
    assert.deepEqual(captureGroups('^/(?<a>[^/]+)/(?:x|y)/(.*)(?!z)[(]$').map((g) => `${g.index}:${g.name ?? ''}:${g.body}`), ['1:a:[^/]+', '2::.*']);
  });

  it('knows internal and loopback addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.0/24', '172.20.0.0/16', '192.168.0.0/16', '::1', 'fd00::/8', 'unix:']) assert.ok(isInternalAddress(a), a);
    for (const a of ['0.0.0.0/0', '10.0.0.0/7', '172.32.0.0/16', '203.0.113.5', 'all', '2001:db8::/32']) assert.ok(!isInternalAddress(a), a);
    for (const a of ['127.0.0.1:8080', '127.0.0.1', 'localhost:80', '[::1]:80', 'unix:/run/x.sock']) assert.ok(isLoopbackListen(a), a);
    for (const a of ['80', '0.0.0.0:80', '[::]:80', '10.0.0.1:80', '${PORT}']) assert.ok(!isLoopbackListen(a), a);
  });
});
