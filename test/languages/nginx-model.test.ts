// The nginx model: contexts, fragment inference, inheritance, servers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildNginx } from '../../server/src/languages/nginx/parse';
import type { NginxBlock, NginxModel } from '../../server/src/languages/nginx/model';
import { compareVersions } from '../../server/src/languages/nginx/model';

function model(text: string): NginxModel {
  return buildNginx(text).model;
}

/** The block of the first directive with this name and first argument. */
function blockOf(m: NginxModel, name: string, arg?: string): NginxBlock {
  const d = m.named(name).find((x) => arg === undefined || x.args[0]?.raw === arg);
  assert.ok(d?.block, `no ${name} ${arg ?? ''}`);
  return d.block;
}

function headers(m: NginxModel, b: NginxBlock, version?: string): string[] {
  return m.effective(b, 'add_header', { version }).directives.map((d) => d.args[0]!.value);
}

describe('nginx model: contexts', () => {
  const m = model(
    'events { worker_connections 10; }\nhttp {\n server {\n  if ($x) { return 403; }\n  location / {\n   if ($y) { return 404; }\n   limit_except GET { deny all; }\n  }\n }\n upstream app { server 10.0.0.1:80; }\n}\nstream { server { listen 53 udp; } }\nmail { server { listen 25; } }\n',
  );

  it('names the context of every directive as nginx does', () => {
    const ctx = (name: string) => m.named(name).map((d) => m.contextOf(d));
    assert.deepEqual(ctx('worker_connections'), ['events']);
    assert.deepEqual(ctx('return'), ['if', 'if in location']);
    assert.deepEqual(ctx('deny'), ['limit_except']);
    assert.deepEqual(ctx('server'), ['http', 'upstream', 'stream', 'mail']);
    assert.deepEqual(ctx('listen'), ['server', 'server']);
  });

  it('knows the module family of each block and which servers are servers', () => {
    assert.equal(m.fragment, false);
    assert.equal(m.root.kind, 'main');
    assert.ok(m.httpKnown);
    assert.deepEqual(
      m.servers.map((s) => s.protocol),
      ['http', 'stream', 'mail'],
    );
    assert.equal(m.enclosing(blockOf(m, 'location', '/'), 'http'), m.http!.block);
  });
});

describe('nginx model: fragments', () => {
  it('treats a file of server blocks as an http-level fragment with the http block unknown', () => {
    const m = model('# conf.d/default.conf\nserver {\n listen 80;\n}\nserver { listen 443 ssl; }\n');
    assert.equal(m.fragment, true);
    assert.equal(m.root.kind, 'http');
    assert.equal(m.httpKnown, false);
    assert.equal(m.http, undefined);
    assert.deepEqual(
      m.servers.map((s) => s.protocol),
      ['http', 'http'],
    );
  });

  it('treats a file of location blocks as a server-level fragment', () => {
    const m = model('location / { root /srv; }\nlocation /api/ { proxy_pass http://api; }\n');
    assert.equal(m.root.kind, 'server');
    assert.equal(m.contextOf(m.named('location')[0]!), 'server');
  });

  it('infers from telling directives when there is no block, and says unknown otherwise', () => {
    assert.equal(model('listen 80;\nroot /srv;\n').root.kind, 'server');
    assert.equal(model('limit_req_zone $a zone=z:1m rate=1r/s;\n').root.kind, 'http');
    assert.equal(model('add_header X-A "b";\n').root.kind, 'unknown');
    assert.equal(model('user nginx;\nserver { }\n').root.kind, 'main');
  });
});

describe('nginx model: inheritance', () => {
  const text = [
    'http {',
    '    add_header X-Frame-Options DENY always;',
    '    add_header X-Content-Type-Options nosniff always;',
    '    server_tokens off;',
    '    server {',
    '        location / {',
    '            root /srv;',
    '        }',
    '        location /static/ {',
    '            add_header Cache-Control public;',
    '            location /static/img/ { }',
    '            if ($x) { add_header X-If 1; }',
    '        }',
    '        location /merge/ {',
    '            add_header_inherit merge;',
    '            add_header Cache-Control no-store;',
    '        }',
    '        location /off/ {',
    '            add_header_inherit off;',
    '        }',
    '    }',
    '}',
  ].join('\n');
  const m = model(text);

  it('inherits add_header from outer levels when a level declares none', () => {
    const set = m.effective(blockOf(m, 'location', '/'), 'add_header');
    assert.deepEqual(
      set.directives.map((d) => d.args[0]!.value),
      ['X-Frame-Options', 'X-Content-Type-Options'],
    );
    assert.equal(set.level, m.http!.block);
    assert.equal(set.complete, true);
  });

  it('drops every inherited add_header at a level that declares one (all-or-nothing)', () => {
    assert.deepEqual(headers(m, blockOf(m, 'location', '/static/')), ['Cache-Control']);
    assert.deepEqual(headers(m, blockOf(m, 'location', '/static/img/')), ['Cache-Control']);
    assert.deepEqual(headers(m, blockOf(m, 'if')), ['X-If']);
  });

  it('honours add_header_inherit merge/off on nginx >= 1.29.3 (and when the version is unknown)', () => {
    assert.deepEqual(headers(m, blockOf(m, 'location', '/merge/')), ['X-Frame-Options', 'X-Content-Type-Options', 'Cache-Control']);
    assert.deepEqual(headers(m, blockOf(m, 'location', '/merge/'), '1.29.3'), ['X-Frame-Options', 'X-Content-Type-Options', 'Cache-Control']);
    assert.deepEqual(headers(m, blockOf(m, 'location', '/off/')), []);
    // Older nginx does not know the directive: plain all-or-nothing.
    assert.deepEqual(headers(m, blockOf(m, 'location', '/merge/'), '1.27'), ['Cache-Control']);
    assert.deepEqual(headers(m, blockOf(m, 'location', '/off/'), '1.27.3'), ['X-Frame-Options', 'X-Content-Type-Options']);
  });

  it('treats allow/deny as one list and single-value directives as nearest-wins', () => {
    const m2 = model('http {\n allow 10.0.0.0/8;\n deny all;\n server {\n  location / { deny 1.2.3.4; }\n  location /b { }\n }\n}\n');
    const names = (arg: string) => m2.effective(blockOf(m2, 'location', arg), 'allow').directives.map((d) => `${d.name} ${d.args[0]!.value}`);
    assert.deepEqual(names('/'), ['deny 1.2.3.4']);
    assert.deepEqual(names('/b'), ['allow 10.0.0.0/8', 'deny all']);
    const tokens = m.effective(blockOf(m, 'location', '/static/img/'), 'server_tokens');
    assert.equal(tokens.directives[0]!.args[0]!.value, 'off');
    assert.equal(tokens.level, m.http!.block);
  });

  it('says when an include or a fragment makes the answer uncertain', () => {
    const inc = model('http {\n include headers.conf;\n server { location / { } }\n}\n');
    assert.equal(inc.effective(blockOf(inc, 'location', '/'), 'add_header').complete, false);
    const frag = model('server {\n location / { }\n}\n');
    assert.equal(frag.effective(blockOf(frag, 'location', '/'), 'add_header').complete, false);
    const own = model('server {\n location / { add_header X-A 1; }\n}\n');
    assert.equal(own.effective(blockOf(own, 'location', '/'), 'add_header').complete, true);
  });

  it('compares versions numerically', () => {
    assert.ok(compareVersions('1.29.3', '1.29') > 0);
    assert.ok(compareVersions('1.9.0', '1.29.3') < 0);
    assert.equal(compareVersions('1.27', '1.27.0'), 0);
  });
});

describe('nginx model: servers', () => {
  it('knows TLS, HTTP/2, listen sockets and names', () => {
    const m = model(
      'http {\n http2 on;\n server { listen 80 default_server; listen [::]:80; server_name a.example.com www.a.example.com; }\n server { listen 443 ssl; }\n server { listen 443 quic reuseport; }\n server { listen unix:/run/x.sock; http2 off; }\n}\n',
    );
    assert.deepEqual(
      m.servers.map((s) => [s.tls, s.http2, s.listens.map((l) => `${l.address}|${l.port ?? ''}|${l.defaultServer}`)]),
      [
        [false, true, ['80|80|true', '[::]:80|80|false']],
        [true, true, ['443|443|false']],
        [true, true, ['443|443|false']],
        [false, false, ['unix:/run/x.sock||false']],
      ],
    );
    assert.deepEqual(m.servers[0]!.serverNames, ['a.example.com', 'www.a.example.com']);
    const h2 = model('server { listen 443 ssl http2; }\n');
    assert.equal(h2.servers[0]!.http2, true);
  });
});
