// nginx parsing: exact ranges, structure errors at their true positions, the zip against
// nginx-conf, Lua and hash blocks, comments for suppressions, hostile input.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildNginx, parseNginx, runNginxConf, MAX_DEPTH } from '../../server/src/languages/nginx/parse';
import type { NginxDirective } from '../../server/src/languages/nginx/model';
import { fmtRange } from '../helpers/lint';
import type { Finding } from '../../server/src/engine/types';

function model(text: string) {
  return buildNginx(text).model;
}

function errors(text: string): Array<{ range: string; message: string; related?: string[] }> {
  return model(text).syntaxErrors.map((f: Finding) => ({
    range: fmtRange(f.range),
    message: f.message,
    ...(f.related ? { related: f.related.map((r) => `${fmtRange(r.range)} ${r.message}`) } : {}),
  }));
}

/** A realistic configuration of `servers` virtual hosts (about 24 lines each). */
function generateConfig(servers: number): string {
  const L = [
    'user nginx;',
    'worker_processes auto;',
    'events {',
    '    worker_connections 1024;',
    '}',
    'http {',
    '    include mime.types;',
    `    log_format main '$remote_addr - $remote_user [$time_local] "$request" '`,
    `                    '$status $body_bytes_sent "$http_referer"';`,
    '    map $http_upgrade $connection_upgrade {',
    '        default upgrade;',
    "        ''      close;",
    '    }',
    '    limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;',
  ];
  for (let i = 0; i < servers; i++) {
    L.push(
      '    server {',
      `        listen 443 ssl; # vhost ${i}`,
      `        server_name s${i}.example.com www.s${i}.example.com;`,
      '        ssl_protocols TLSv1.2 TLSv1.3;',
      '        add_header X-Frame-Options "DENY" always;',
      `        add_header Content-Security-Policy "default-src 'self'; script-src 'self'" always;`,
      '        location / {',
      `            proxy_pass http://backend${i % 7};`,
      '            proxy_set_header Host $host;',
      '            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
      '        }',
      '        location ~* \\.(css|js|png)$ {',
      '            expires 30d;',
      '            add_header Cache-Control "public";',
      '        }',
      '        # a comment line',
      '        location /api/ {',
      '            limit_req zone=api burst=50 nodelay;',
      '            if ($request_method = POST) {',
      '                return 405;',
      '            }',
      `            proxy_pass http://api${i};`,
      '        }',
      '    }',
    );
  }
  L.push('}');
  return L.join('\n') + '\n';
}

function preorder(roots: NginxDirective[]): NginxDirective[] {
  const out: NginxDirective[] = [];
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const d = stack.pop()!;
    out.push(d);
    if (d.block) for (let i = d.block.children.length - 1; i >= 0; i--) stack.push(d.block.children[i]!);
  }
  return out;
}

describe('nginx parse: exact ranges', () => {
  const text = 'http {\n    server {\n        listen 443 ssl;\n        location = /x { return 200 "o\\"k"; }\n    }\n}\n';
  const m = model(text);
  const http = m.root.children[0]!;
  const server = http.block!.children[0]!;
  const [listen, location] = server.block!.children;

  it('gives names, arguments, terminators and braces their ranges', () => {
    assert.equal(http.name, 'http');
    assert.equal(fmtRange(http.nameRange), '1:1-1:5');
    assert.equal(fmtRange(http.block!.open!), '1:6-1:7');
    assert.equal(fmtRange(http.block!.close!), '6:1-6:2');
    assert.equal(fmtRange(server.nameRange), '2:5-2:11');
    assert.equal(fmtRange(server.block!.close!), '5:5-5:6');
    assert.deepEqual(
      listen!.args.map((a) => [a.value, fmtRange(a.range)]),
      [
        ['443', '3:16-3:19'],
        ['ssl', '3:20-3:23'],
      ],
    );
    assert.equal(fmtRange(listen!.semicolon!), '3:23-3:24');
    assert.equal(listen!.line, 2);
    assert.deepEqual(
      location!.args.map((a) => a.raw),
      ['=', '/x'],
    );
    const ret = location!.block!.children[0]!;
    assert.equal(ret.args[1]!.raw, '"o\\"k"');
    assert.equal(ret.args[1]!.value, 'o"k');
    assert.equal(ret.args[1]!.quoted, true);
    assert.equal(fmtRange(ret.args[1]!.range), '4:36-4:42');
    assert.equal(fmtRange(location!.block!.close!), '4:44-4:45');
    assert.equal(text.slice(location!.start, location!.end), 'location = /x { return 200 "o\\"k"; }');
  });

  it('links parents and keeps the nginx-conf node of every directive', () => {
    assert.equal(listen!.parent, server.block);
    assert.equal(server.block!.parent, http.block);
    assert.equal(m.tree, 'nginx-conf');
    assert.equal(listen!.conf?.name, 'listen');
    assert.equal(listen!.conf?.value, '443 ssl');
  });

  it('reads comments for suppressions, with the own-line flag', () => {
    const parsed = parseNginx('# top\nserver { # opens\n    listen 80; # web\n}\n');
    assert.deepEqual(
      parsed.comments.map((c) => [c.text, fmtRange(c.range), c.ownLine]),
      [
        [' top', '1:1-1:6', true],
        [' opens', '2:10-2:17', false],
        [' web', '3:16-3:21', false],
      ],
    );
    assert.deepEqual(parsed.statementSpan(2), { start: 2, end: 2 });
    assert.deepEqual(parsed.parseErrors, []);
  });
});

describe('nginx parse: structure errors at their true positions', () => {
  it('reports an unclosed block at its opening line', () => {
    assert.deepEqual(errors('events {}\nhttp {\n    server {\n        listen 80;\n    }\n'), [
      {
        range: '2:1-2:7',
        message: 'Block "http" opened here is never closed: nginx refuses to load the file (unexpected end of file, expecting "}").',
      },
    ]);
  });

  it('finds the block that lost its "}" in the middle of a file by indentation', () => {
    const text = [
      'http {',
      '    server {',
      '        location / {',
      '            root /srv;',
      '',
      '        location /api/ {',
      '            proxy_pass http://api;',
      '        }',
      '    }',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(errors(text), [
      {
        range: '3:9-3:21',
        message:
          'Block "location /" opened here is probably missing its "}": the braces after it no longer match the indentation, and nginx refuses to load the file.',
        related: ['6:9-6:17 The "}" probably belongs before "location"'],
      },
    ]);
  });

  it('reports a stray "}" where it is, or the extra brace that caused it', () => {
    assert.deepEqual(errors('server {\n    listen 80;\n}\n}\n'), [
      { range: '4:1-4:2', message: 'Unexpected "}": no block is open here, so nginx refuses to load the file.' },
    ]);
    const text = 'http {\n    server {\n        location / {\n        }\n        }\n        location /b {\n        }\n    }\n}\nevents {}\n';
    const e = errors(text);
    assert.equal(e.length, 1);
    assert.equal(e[0]!.range, '5:9-5:10');
    assert.deepEqual(e[0]!.related, ['9:1-9:2 nginx reports the unexpected "}" here']);
    // nginx-conf throws on this file; Rampart falls back to its own tree and goes on.
    assert.ok(runNginxConf(text, false).error);
    const m = model(text);
    assert.equal(m.tree, 'lexer');
    assert.ok(m.named('events').length === 1);
  });

  it('reports an unterminated quote at the quote, far from where nginx-conf gives up', () => {
    const lines = generateConfig(40).split('\n');
    const bad = lines.findIndex((l, i) => i > 500 && l.includes('server_name'));
    lines[bad] = lines[bad]!.replace('server_name ', 'server_name "');
    const text = lines.join('\n');
    const e = errors(text);
    assert.equal(e.length, 1, JSON.stringify(e));
    assert.equal(e[0]!.range.split(':')[0], String(bad + 1));
    assert.match(e[0]!.message, /^The quote " opened here is never closed/);
    // nginx-conf reports the error somewhere else (or not at all).
    const conf = runNginxConf(text, false);
    assert.ok(conf.error === undefined || !conf.error.includes(`line ${bad + 1}`));
    // The rest of the file is still there.
    assert.ok(model(text).named('server').length >= 39);
  });

  it('reports a missing ";" before the next directive, before "}" and at the end of the file', () => {
    const text = 'server {\n    listen 80\n    server_name example.com;\n    location / {\n        return 404\n    }\n}\nroot /srv/www';
    assert.deepEqual(
      errors(text).map((e) => `${e.range} ${e.message}`),
      [
        '2:12-2:14 Missing ";" after "80": nginx reads "server_name" on the next line as another argument of "listen".',
        '5:16-5:19 Missing ";" after "404" (end of "return"): nginx refuses to load the file with unexpected "}".',
        '8:6-8:14 Missing ";" after "/srv/www" (end of "root"): nginx refuses to load the file with unexpected end of file.',
      ],
    );
    // Recovery: server_name is its own directive.
    assert.deepEqual(
      model(text).root.children[0]!.block!.children.map((d) => d.name),
      ['listen', 'server_name', 'location'],
    );
  });

  it('does not mistake an indented continuation line for a missing ";"', () => {
    assert.deepEqual(errors('server {\n    listen 443 ssl\n        http2;\n    add_header X-A\n        "deny";\n}\n'), []);
  });

  it('reports empty statements and a name-less block', () => {
    assert.deepEqual(
      errors('a 1;;\n{ b 2; }\n').map((e) => e.range),
      ['1:5-1:6', '2:1-2:2'],
    );
  });

  it('never turns structure errors into parse errors', () => {
    assert.deepEqual(parseNginx('http {\n "x\n').parseErrors, []);
  });
});

describe('nginx parse: zip against nginx-conf', () => {
  it('matches every directive of a generated 2,000-line configuration', () => {
    const text = generateConfig(84);
    assert.ok(text.split('\n').length >= 2000);
    const m = model(text);
    assert.equal(m.treeNote, undefined);
    assert.equal(m.tree, 'nginx-conf');
    assert.deepEqual(m.syntaxErrors, []);
    const all = preorder(m.root.children);
    assert.ok(all.length > 1500, `${all.length} directives`);
    const mismatches = all.filter((d) => !d.conf || d.conf.name !== d.nameToken.raw);
    assert.equal(mismatches.length, 0);
  });

  it('falls back to the lexer tree when nginx-conf merges statements', () => {
    const text = generateConfig(10).replace('listen 443 ssl; # vhost 3', 'listen 443 ssl # vhost 3');
    const m = model(text);
    assert.equal(m.tree, 'lexer');
    assert.match(m.treeNote ?? '', /nginx-conf/);
    assert.equal(m.servers.length, 10);
    assert.equal(m.syntaxErrors.length, 1);
    assert.match(m.syntaxErrors[0]!.message, /^Missing ";" after "ssl"/);
  });

  it('survives nginx-conf misreading "#comment" glued after a space', () => {
    const m = model('listen 80; #comment\nroot /x;\n');
    assert.deepEqual(
      m.root.children.map((d) => d.name),
      ['listen', 'root'],
    );
    assert.equal(m.tree, 'lexer');
  });
});

describe('nginx parse: Lua and hash blocks', () => {
  it('keeps Lua bodies verbatim and the directives after them in place', () => {
    const text = 'location / {\n    content_by_lua_block {\n        local t = { a = 1 }\n        ngx.say(t.a)\n    }\n    return 200;\n}\n';
    const m = model(text);
    const loc = m.root.children[0]!;
    assert.deepEqual(
      loc.block!.children.map((d) => d.name),
      ['content_by_lua_block', 'return'],
    );
    const lua = loc.block!.children[0]!;
    assert.equal(lua.block!.kind, 'lua');
    assert.deepEqual(lua.block!.children, []);
    assert.equal(fmtRange(lua.block!.body!), '2:27-5:5');
    assert.equal(m.tree, 'nginx-conf');
    assert.deepEqual(m.syntaxErrors, []);
  });

  it('braces in Lua strings and comments: no syntax error, and nginx-conf (given blanked bodies) agrees', () => {
    const text =
      'location / {\n    content_by_lua_block {\n        ngx.say("}")  -- a } in a comment\n        local t = { a = "{" }\n    }\n    return 200;\n}\n';
    const m = model(text);
    assert.deepEqual(m.syntaxErrors, []);
    assert.deepEqual(
      m.root.children[0]!.block!.children.map((d) => d.name),
      ['content_by_lua_block', 'return'],
    );
    assert.equal(m.tree, 'nginx-conf');
  });

  it('treats map, geo, types and split_clients entries as entries, not directives', () => {
    const text =
      "http {\n map $a $b {\n  default 0;\n  '' 1;\n  ~^autoindex on;\n }\n geo $x { default 0; 10.0.0.0/8 1; }\n types { text/html html; }\n split_clients $r $v { 50% a; * b; }\n}\n";
    const m = model(text);
    const http = m.http!;
    const kinds = http.block!.children.map((d) => d.block!.kind);
    assert.deepEqual(kinds, ['hash', 'hash', 'hash', 'hash']);
    assert.deepEqual(
      http.block!.children[0]!.block!.children.map((d) => d.nameToken.raw),
      ['default', "''", '~^autoindex'],
    );
    assert.deepEqual(m.named('default'), []);
    assert.deepEqual(
      m.directives.map((d) => d.name),
      ['http', 'map', 'geo', 'types', 'split_clients'],
    );
  });
});

describe('nginx parse: hostile input', () => {
  it('handles 10,000 levels of nesting without recursion, with one finding at the cap', () => {
    const text = 'location / {\n'.repeat(10_000) + '}\n'.repeat(10_000);
    const t0 = performance.now();
    const m = model(text);
    assert.ok(performance.now() - t0 < 3000);
    assert.equal(m.syntaxErrors.length, 1);
    assert.match(m.syntaxErrors[0]!.message, /more than 200 levels/);
    assert.equal(fmtRange(m.syntaxErrors[0]!.range), `${MAX_DEPTH + 1}:1-${MAX_DEPTH + 1}:9`);
    assert.ok(m.directives.length <= MAX_DEPTH + 1);
  });

  it('bounds findings for 10,000 unclosed blocks and stray braces', () => {
    assert.equal(model('server {\n'.repeat(10_000)).syntaxErrors.length, 50);
    assert.equal(model('}\n'.repeat(10_000)).syntaxErrors.length, 50);
  });

  it('handles very long lines', () => {
    const t0 = performance.now();
    const m = model('server_name ' + 'a.example.com '.repeat(100_000) + ';\n' + '#'.repeat(1_000_000) + '\n');
    assert.equal(m.root.children[0]!.args.length, 100_000);
    assert.ok(performance.now() - t0 < 3000);
  });
});
