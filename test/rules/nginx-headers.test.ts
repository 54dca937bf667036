// The nine nginx header rules together: fix-all convergence (fixes of one header rule must not
// raise another), nginx-version gating of add_header_inherit, includes and fragments.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/engine/config';
import { applyEdits, fixAll } from '../../server/src/engine/fixes';
import type { Diagnostic } from '../../server/src/engine/types';
import { MemoryWorkspace, lintText, view } from '../helpers/lint';
import { NGINX_HEADER_RULES } from '../helpers/nginx-rules';

const HEADER_RULES = NGINX_HEADER_RULES;

const PATH = '/work/site/nginx.conf';

function headerFindings(text: string, nginxVersion?: string, workspace = new MemoryWorkspace()): Diagnostic[] {
  return lintText(text, { path: PATH, config: { nginxVersion }, workspace }).diagnostics.filter((d) => HEADER_RULES.includes(d.rule));
}

function fixEverything(text: string): { text: string; rounds: number } {
  const config = mergeConfig(DEFAULT_CONFIG, { profile: 'strict' });
  return fixAll(PATH, text, { config, workspace: new MemoryWorkspace() });
}

/** Fix-all, then the csp-missing suggestion (a starter policy), then nothing is left. */
function assertConverges(text: string): string {
  const { text: fixed, rounds } = fixEverything(text);
  assert.ok(rounds < 10, `fix-all did not converge (${rounds} rounds)`);
  const left = headerFindings(fixed);
  assert.ok(
    left.every((d) => d.rule === 'nginx/csp-missing' && d.fixes[0]?.kind === 'suggest'),
    `left after fix-all: ${JSON.stringify(view(left), null, 1)}`,
  );
  const withCsp = left.length === 0 ? fixed : applyEdits(fixed, left.flatMap((d) => d.fixes[0]!.edits));
  assert.deepEqual(view(headerFindings(withCsp)), []);
  return withCsp;
}

describe('nginx header rules: fixing them all together', () => {
  it('converges on a TLS server with no headers at all, one header per line, nothing duplicated', () => {
    const text = ['events {}', 'http {', '    server {', '        listen 443 ssl;', '        server_name example.com;', '        root /srv;', '    }', '}', ''].join('\n');
    const before = headerFindings(text).map((d) => d.rule);
    assert.deepEqual(before.sort(), [
      'nginx/csp-missing',
      'nginx/hsts-missing',
      'nginx/referrer-policy-missing',
      'nginx/x-content-type-options-missing',
      'nginx/x-frame-options-missing',
    ]);
    const out = assertConverges(text);
    for (const name of ['Strict-Transport-Security', 'X-Frame-Options', 'X-Content-Type-Options', 'Referrer-Policy', 'Content-Security-Policy']) {
      assert.equal(out.split(`add_header ${name} `).length - 1, 1, `${name} once in:\n${out}`);
    }
  });

  it('converges with inherited headers, redefining locations, weak values and missing always', () => {
    const text = [
      'events {}',
      'http {',
      '    add_header X-Frame-Options SAMEORIGIN;',
      '    add_header X-XSS-Protection "1; mode=block";',
      '    add_header Strict-Transport-Security "max-age=3600";',
      '    add_header Referrer-Policy no-referrer-when-downgrade;',
      '    server {',
      '        listen 443 ssl;',
      '        server_name a.example.com;',
      '        location / { root /srv; }',
      '        location /static/ {',
      '            add_header Cache-Control public;',
      '            location /static/img/ { add_header X-Img 1; }',
      '        }',
      '    }',
      '    server {',
      '        listen 80;',
      '        server_name b.example.com;',
      '        add_header X-Content-Type-Options nosniff;',
      '        root /srv/b;',
      '    }',
      '    server { listen 80; server_name c.example.com; return 301 https://a.example.com; }',
      '}',
      '',
    ].join('\n');
    assert.ok(headerFindings(text).length > 10);
    assertConverges(text);
  });

  it('converges on a CRLF fragment with one-line blocks', () => {
    const text = 'server { listen 443 ssl; server_name x.example.com; add_header X-Frame-Options DENY; }\r\nserver {\r\n\tlisten 80;\r\n\tlocation /a/ { add_header X-A 1; }\r\n}\r\n';
    const out = assertConverges(text);
    assert.ok(!/[^\r]\n/.test(out), 'line endings stay CRLF');
  });
});

describe('nginx header rules: add_header_inherit', () => {
  const text = [
    'http {',
    '    add_header X-Frame-Options "DENY" always;',
    '    server {',
    '        listen 80;',
    '        server_name example.com;',
    '        location /static/ {',
    '            add_header_inherit merge;',
    '            add_header Cache-Control public;',
    '        }',
    '    }',
    '}',
    '',
  ].join('\n');
  const inheritance = (version?: string) => headerFindings(text, version).filter((d) => d.rule === 'nginx/add-header-inheritance');

  it('trusts merge on nginx >= 1.29.3 and when the version is unknown', () => {
    assert.deepEqual(inheritance(), []);
    assert.deepEqual(inheritance('latest'), []);
    assert.deepEqual(inheritance('1.29.3'), []);
    assert.deepEqual(inheritance('1.30'), []);
  });

  it('under merge, a location missing what its server misses is covered by the server\'s finding; fix-all adds each header once', () => {
    const tls = [
      'events {}',
      'http {',
      '    server {',
      '        listen 443 ssl;',
      '        server_name example.com;',
      '        add_header_inherit merge;',
      '        location /static/ {',
      '            add_header Cache-Control public;',
      '            root /srv;',
      '        }',
      '    }',
      '}',
      '',
    ].join('\n');
    const missing = headerFindings(tls, '1.29.3').filter((d) => d.rule.endsWith('-missing'));
    assert.deepEqual([...new Set(missing.map((d) => view([d])[0]!.range))], ['3:5-3:11']);
    const config = mergeConfig(DEFAULT_CONFIG, { profile: 'strict', nginxVersion: '1.29.3' });
    const fixed = fixAll(PATH, tls, { config, workspace: new MemoryWorkspace() }).text;
    for (const name of ['Strict-Transport-Security', 'X-Frame-Options', 'X-Content-Type-Options']) assert.equal(fixed.split(`add_header ${name} `).length - 1, 1, `${name} once in:\n${fixed}`);
    // Before 1.29.3 there is no merge: the location drops the server's headers and is judged itself.
    assert.ok(headerFindings(tls, '1.27.3').some((d) => d.rule === 'nginx/hsts-missing' && view([d])[0]!.range === '7:9-7:17'));
  });

  it('reports the drop on older nginx, which does not know add_header_inherit', () => {
    assert.deepEqual(view(inheritance('1.27.3')), [
      {
        rule: 'nginx/add-header-inheritance',
        range: '6:9-6:17',
        message:
          'Header "X-Frame-Options" set in the http block is not sent for location "/static/": nginx drops inherited add_header directives when a block declares its own.',
      },
    ]);
  });

  it('treats add_header_inherit off as a deliberate choice, not a silent drop', () => {
    const off = text.replace('merge', 'off');
    const rules = headerFindings(off).map((d) => `${d.rule} ${d.range.start.line + 1}`);
    assert.ok(!rules.some((r) => r.startsWith('nginx/add-header-inheritance')));
    assert.ok(rules.includes('nginx/x-frame-options-missing 6'), rules.join('\n'));
  });
});

describe('nginx header rules: includes and fragments', () => {
  const conf = [
    'events {}',
    'http {',
    '    server {',
    '        listen 443 ssl;',
    '        server_name example.com;',
    '        include /etc/nginx/snippets/headers.conf;',
    '        root /srv;',
    '    }',
    '}',
    '',
  ].join('\n');

  it('reads add_header lines from an included file (with /etc/nginx mapped onto the config folder)', () => {
    const ws = new MemoryWorkspace({
      '/work/site/snippets/headers.conf': 'add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;\nadd_header X-Frame-Options DENY always;\n',
    });
    assert.deepEqual(
      headerFindings(conf, undefined, ws).map((d) => d.rule).sort(),
      ['nginx/csp-missing', 'nginx/referrer-policy-missing', 'nginx/x-content-type-options-missing'],
    );
  });

  it('reports nothing missing when an include cannot be read (glob, or outside the workspace)', () => {
    assert.deepEqual(view(headerFindings(conf)), []);
    assert.deepEqual(view(headerFindings(conf.replace('/etc/nginx/snippets/headers.conf', 'conf.d/*.conf'))), []);
  });

  it('judges the servers of a fragment without assuming anything about its http block', () => {
    const frag = 'server {\n    listen 443 ssl;\n    server_name example.com;\n    root /srv;\n}\n';
    assert.equal(headerFindings(frag).length, 5);
    const locations = 'location / {\n    add_header Cache-Control no-cache;\n    root /srv;\n}\n';
    assert.deepEqual(view(headerFindings(locations)), []);
  });

  // conf.d/site.conf included from an nginx.conf whose http block sets the headers: the server
  // inherits them. Judged alone it looked bare, and the fixes (add_header in the server) would
  // have dropped every inherited header in real nginx.
  const site = 'server {\n    listen 443 ssl;\n    server_name example.com;\n    root /srv;\n}\n';
  const sitePath = '/work/site/conf.d/site.conf';
  const includer = (headers: string) => `events {}\nhttp {\n${headers}    include conf.d/*.conf;\n}\n`;
  const fragmentFindings = (main: string) =>
    lintText(site, { path: sitePath, workspace: new MemoryWorkspace({ '/work/site/nginx.conf': main, [sitePath]: site }) }).diagnostics.filter((d) => HEADER_RULES.includes(d.rule));

  it('a fragment whose includer sets add_header around the include inherits them: only the others are missing, and fixes copy the inherited ones', () => {
    const main = includer('    add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;\n    add_header X-Frame-Options DENY always;\n');
    const found = fragmentFindings(main);
    assert.deepEqual(found.map((d) => d.rule).sort(), ['nginx/csp-missing', 'nginx/referrer-policy-missing', 'nginx/x-content-type-options-missing']);
    // The server declares no add_header today: its first one would drop the two it inherits.
    const xcto = found.find((d) => d.rule === 'nginx/x-content-type-options-missing')!;
    assert.match(xcto.fixes[0]!.title, /and copy its 2 inherited headers/);
    const fixed = applyEdits(site, xcto.fixes[0]!.edits);
    for (const name of ['Strict-Transport-Security', 'X-Frame-Options', 'X-Content-Type-Options']) assert.ok(fixed.includes(`add_header ${name} `), `${name} in:\n${fixed}`);
  });

  it('a fragment whose includer sets no header is judged like a full config', () => {
    assert.deepEqual(
      fragmentFindings(includer('    server_tokens off;\n')).map((d) => d.rule).sort(),
      ['nginx/csp-missing', 'nginx/hsts-missing', 'nginx/referrer-policy-missing', 'nginx/x-content-type-options-missing', 'nginx/x-frame-options-missing'],
    );
  });
});

describe('nginx rate-limit-missing in a fragment', () => {
  const site = 'server {\n    listen 80;\n    location / {\n        proxy_pass http://app;\n    }\n}\n';
  const sitePath = '/work/site/conf.d/site.conf';
  const rateLimit = (main: string) =>
    lintText(site, { path: sitePath, workspace: new MemoryWorkspace({ '/work/site/nginx.conf': main, [sitePath]: site }) }).diagnostics.filter((d) => d.rule === 'nginx/rate-limit-missing');

  it('inherits limit_req from the includer\'s http block: not reported', () => {
    const main = 'events {}\nhttp {\n    limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;\n    limit_req zone=api burst=20;\n    include conf.d/*.conf;\n}\n';
    assert.deepEqual(view(rateLimit(main)), []);
  });

  it('without limit_req around the include, the proxied location is reported', () => {
    const main = 'events {}\nhttp {\n    include conf.d/*.conf;\n}\n';
    assert.deepEqual(rateLimit(main).map((d) => `${d.rule}@${d.range.start.line}`), ['nginx/rate-limit-missing@2']);
  });
});
