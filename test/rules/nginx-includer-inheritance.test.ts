// A fragment whose includer is known inherits what the includer's levels around the include
// declare (issue #4): add_header (all-or-nothing, add_header_inherit), limit_req, allow/deny and
// single-valued directives such as auth_basic. Include sites that disagree leave the answer
// unknown; so does an includer level with an include Rampart cannot read.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/engine/config';
import { applyEdits, fixAll } from '../../server/src/engine/fixes';
import type { Diagnostic } from '../../server/src/engine/types';
import { buildNginx } from '../../server/src/languages/nginx/parse';
import { includes } from '../../server/src/languages/nginx/includes';
import { MemoryWorkspace, fmtRange, lintText, view } from '../helpers/lint';
import { NGINX_HEADER_RULES } from '../helpers/nginx-rules';

const MAIN = '/ws/nginx.conf';

const HEADER_RULES = new Set(NGINX_HEADER_RULES);

type Files = Record<string, string>;

/** Lints one file of a workspace (its text as the workspace holds it, unless given). */
function lintIn(files: Files, path: string, text = files[path]!, nginxVersion?: string): Diagnostic[] {
  return lintText(text, { path, workspace: new MemoryWorkspace({ ...files, [path]: text }), config: { nginxVersion } }).diagnostics;
}

const rules = (ds: Diagnostic[], keep: (rule: string) => boolean = () => true) => ds.map((d) => d.rule).filter(keep).sort();
const headerRules = (ds: Diagnostic[]) => rules(ds, (r) => HEADER_RULES.has(r));

function countByRule(ds: Diagnostic[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of ds) m.set(d.rule, (m.get(d.rule) ?? 0) + 1);
  return m;
}

const ALL_HEADERS = [
  '    add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;',
  '    add_header X-Frame-Options DENY always;',
  '    add_header X-Content-Type-Options nosniff always;',
  '    add_header Referrer-Policy strict-origin-when-cross-origin always;',
  "    add_header Content-Security-Policy \"default-src 'self'\" always;",
];

/** nginx.conf whose http block holds `lines`, then includes conf.d/*.conf. */
const httpIncluder = (lines: string[]) => ['events {}', 'http {', '    server_tokens off;', ...lines, '    include conf.d/*.conf;', '}', ''].join('\n');

const server = (name: string, extra: string[] = []) =>
  ['server {', '    listen 443 ssl;', `    server_name ${name};`, ...extra.map((l) => `    ${l}`), '    root /srv;', '    location ~ /\\. { deny all; }', '}', ''].join('\n');

describe('nginx fragments: headers from the includer', () => {
  const A = '/ws/conf.d/a.conf';

  it("fires when the fragment's server declares add_header and so drops the includer's http headers", () => {
    const files = { [MAIN]: httpIncluder(ALL_HEADERS.slice(1, 3)), [A]: server('a.example', ['add_header X-Test 1;']) };
    const found = lintIn(files, A);
    const inh = found.filter((d) => d.rule === 'nginx/add-header-inheritance');
    assert.deepEqual(view(inh), [
      {
        rule: 'nginx/add-header-inheritance',
        range: '1:1-1:7',
        message:
          'Headers "X-Frame-Options" and "X-Content-Type-Options" set in the http block of nginx.conf are not sent for server "a.example": nginx drops inherited add_header directives when a block declares its own.',
      },
    ]);
    // Related locations point at the includer's lines.
    assert.deepEqual(
      inh[0]!.related.map((r) => `${r.path}:${fmtRange(r.range)} ${r.message}`),
      ['/ws/nginx.conf:4:5-4:15 "X-Frame-Options" is set here', '/ws/nginx.conf:5:5-5:15 "X-Content-Type-Options" is set here'],
    );
    // The dropped headers belong to add-header-inheritance; HSTS, Referrer-Policy and CSP were never set.
    assert.deepEqual(headerRules(found), ['nginx/add-header-inheritance', 'nginx/csp-missing', 'nginx/hsts-missing', 'nginx/referrer-policy-missing']);
  });

  it('is silent when the fragment declares no add_header and inherits every header', () => {
    const files = { [MAIN]: httpIncluder(ALL_HEADERS), [A]: server('a.example') };
    assert.deepEqual(view(lintIn(files, A).filter((d) => HEADER_RULES.has(d.rule))), []);
  });

  it('a fix in a fragment that inherits headers copies them along with the missing one; re-linted with the includer nothing is dropped', () => {
    const files = { [MAIN]: httpIncluder(ALL_HEADERS.slice(1)), [A]: server('a.example') };
    const before = lintIn(files, A);
    assert.deepEqual(headerRules(before), ['nginx/hsts-missing']);
    const fix = before.find((d) => d.rule === 'nginx/hsts-missing')!.fixes[0]!;
    assert.match(fix.title, /and copy its 4 inherited headers/);
    const fixed = applyEdits(files[A], fix.edits);
    const after = lintIn(files, A, fixed);
    assert.deepEqual(view(after.filter((d) => HEADER_RULES.has(d.rule))), []);
    for (const [rule, n] of countByRule(after)) assert.ok(n <= (countByRule(before).get(rule) ?? 0), `the fix introduced ${rule}`);
  });

  it('the add-header-inheritance fix copies the dropped headers; re-linted with the includer the finding is gone and nothing new appears', () => {
    const files = { [MAIN]: httpIncluder(ALL_HEADERS), [A]: server('a.example', ['add_header X-Test 1;']) };
    const before = lintIn(files, A);
    const inh = before.filter((d) => d.rule === 'nginx/add-header-inheritance');
    assert.equal(inh.length, 1);
    assert.equal(inh[0]!.fixes[0]!.title, 'Copy "Strict-Transport-Security", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy" and "Content-Security-Policy" into server "a.example"');
    const fixed = applyEdits(files[A], inh[0]!.fixes[0]!.edits);
    assert.equal(
      fixed,
      server('a.example', [
        'add_header X-Test 1;',
        'add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;',
        'add_header X-Frame-Options DENY always;',
        'add_header X-Content-Type-Options nosniff always;',
        'add_header Referrer-Policy strict-origin-when-cross-origin always;',
        "add_header Content-Security-Policy \"default-src 'self'\" always;",
      ]),
    );
    const after = lintIn(files, A, fixed);
    assert.deepEqual(view(after.filter((d) => HEADER_RULES.has(d.rule))), []);
    for (const [rule, n] of countByRule(after)) assert.ok(n <= (countByRule(before).get(rule) ?? 0), `the fix introduced ${rule}`);
  });

  it('fix-all on the fragment converges and keeps every header the includer sets', () => {
    const files = { [MAIN]: httpIncluder(ALL_HEADERS.slice(1, 3)), [A]: server('a.example', ['add_header X-Test 1;']) };
    const config = mergeConfig(DEFAULT_CONFIG, { profile: 'strict' });
    const { text, rounds } = fixAll(A, files[A], { config, workspace: new MemoryWorkspace(files) });
    assert.ok(rounds < 10, `no convergence in ${rounds} rounds`);
    for (const name of ['X-Frame-Options', 'X-Content-Type-Options', 'Strict-Transport-Security', 'Referrer-Policy']) {
      assert.equal(text.split(`add_header ${name} `).length - 1, 1, `${name} once in:\n${text}`);
    }
    // Only the CSP suggestion (a starter policy to adapt) is left.
    assert.deepEqual(headerRules(lintIn(files, A, text)), ['nginx/csp-missing']);
  });

  it("follows the includer's own levels: http → server → the include of a location snippet", () => {
    const snippet = '/ws/snippets/media.conf';
    const mainWith = (serverLines: string[]) =>
      [
        'events {}',
        'http {',
        ...ALL_HEADERS.slice(1, 3),
        '    server {',
        '        listen 443 ssl;',
        '        server_name example.com;',
        ...serverLines,
        '        include snippets/media.conf;',
        '    }',
        '}',
        '',
      ].join('\n');
    const media = 'location /media/ {\n    add_header Cache-Control public;\n    root /srv/media;\n}\n';
    // The server inherits http's headers; the location declares its own and drops them.
    const dropped = lintIn({ [MAIN]: mainWith([]), [snippet]: media }, snippet).filter((d) => d.rule === 'nginx/add-header-inheritance');
    assert.deepEqual(
      dropped.map((d) => d.message),
      ['Headers "X-Frame-Options" and "X-Content-Type-Options" set in the http block of nginx.conf are not sent for location "/media/": nginx drops inherited add_header directives when a block declares its own.'],
    );
    // The nearest level that sets a header is the one named, as in a single file: X-Frame-Options
    // from the server, X-Content-Type-Options from http (the server drops that one too, which
    // nginx.conf's own lint reports).
    const fromServer = lintIn({ [MAIN]: mainWith(['        add_header X-Frame-Options SAMEORIGIN always;']), [snippet]: media }, snippet).filter(
      (d) => d.rule === 'nginx/add-header-inheritance',
    );
    assert.deepEqual(
      fromServer.map((d) => d.message),
      ['Headers "X-Frame-Options" and "X-Content-Type-Options" set in server "example.com" and the http block of nginx.conf are not sent for location "/media/": nginx drops inherited add_header directives when a block declares its own.'],
    );
    assert.match(fromServer[0]!.fixes[0]!.edits[0]!.newText, /add_header X-Frame-Options SAMEORIGIN always;/);
  });

  it("reads add_header_inherit merge on the includer's level (nginx >= 1.29.3)", () => {
    const files = { [MAIN]: httpIncluder(['    add_header_inherit merge;', ...ALL_HEADERS]), [A]: server('a.example', ['add_header X-Test 1;']) };
    assert.deepEqual(headerRules(lintIn(files, A, undefined, '1.29.3')), []);
    // Older nginx has no add_header_inherit: the server drops them.
    assert.deepEqual(headerRules(lintIn(files, A, undefined, '1.27.0')), ['nginx/add-header-inheritance']);
  });

  it('includes the headers of files the includer reads at its levels (with the file they come from)', () => {
    const files = {
      [MAIN]: httpIncluder(['    include snippets/headers.conf;']),
      '/ws/snippets/headers.conf': 'add_header X-Frame-Options DENY always;\n',
      [A]: server('a.example', ['add_header X-Test 1;']),
    };
    const inh = lintIn(files, A).filter((d) => d.rule === 'nginx/add-header-inheritance');
    assert.deepEqual(
      inh.map((d) => d.message),
      ['Header "X-Frame-Options" set in the http block of nginx.conf (through snippets/headers.conf) is not sent for server "a.example": nginx drops inherited add_header directives when a block declares its own.'],
    );
    assert.deepEqual(inh[0]!.related.map((r) => r.path), ['/ws/snippets/headers.conf']);
  });

  it('reads the files the same glob includes beside the fragment (conf.d/headers.conf at the http level)', () => {
    const files = { [MAIN]: httpIncluder([]), '/ws/conf.d/00-headers.conf': ALL_HEADERS.map((l) => l.trim()).join('\n') + '\n', [A]: server('a.example') };
    assert.deepEqual(headerRules(lintIn(files, A)), []);
    const own = lintIn({ ...files, [A]: server('a.example', ['add_header X-Test 1;']) }, A).filter((d) => d.rule === 'nginx/add-header-inheritance');
    assert.match(own[0]!.message, /set in the http block of nginx\.conf \(through conf\.d\/00-headers\.conf\) are not sent/);
  });

  it("a header the includer sets with headers-more's more_set_headers is not judged", () => {
    const files = { [MAIN]: httpIncluder(['    more_set_headers "Strict-Transport-Security: max-age=63072000; includeSubDomains";']), [A]: server('a.example') };
    assert.ok(!headerRules(lintIn(files, A)).includes('nginx/hsts-missing'));
  });

  it("stays unknown when an includer level has an include Rampart cannot read", () => {
    const files = { [MAIN]: httpIncluder(['    include /opt/elsewhere/headers.conf;']), [A]: server('a.example') };
    assert.deepEqual(headerRules(lintIn(files, A)), []);
  });

  describe('several include sites', () => {
    const snippet = '/ws/snippets/app.conf';
    const app = 'location /app/ {\n    add_header Cache-Control no-store;\n    root /srv/app;\n}\n';
    const twoServers = (first: string[], second: string[]) =>
      [
        'events {}',
        'http {',
        '    server {',
        '        listen 443 ssl;',
        '        server_name one.example;',
        ...first,
        '        include snippets/app.conf;',
        '    }',
        '    server {',
        '        listen 443 ssl;',
        '        server_name two.example;',
        ...second,
        '        include snippets/app.conf;',
        '    }',
        '}',
        '',
      ].join('\n');
    const xfo = '        add_header X-Frame-Options DENY always;';

    it('sites that disagree leave the inherited headers unknown: nothing reported', () => {
      assert.deepEqual(headerRules(lintIn({ [MAIN]: twoServers([xfo], []), [snippet]: app }, snippet)), []);
    });

    it('sites that agree are judged', () => {
      assert.deepEqual(headerRules(lintIn({ [MAIN]: twoServers([xfo], [xfo]), [snippet]: app }, snippet)), ['nginx/add-header-inheritance']);
    });
  });
});

describe('nginx fragments: limit_req from the includer', () => {
  const snippet = '/ws/snippets/api.conf';
  const api = 'location /api/ {\n    proxy_pass http://api_backend;\n}\n';
  const rateLimit = (main: string) => lintIn({ [MAIN]: main, [snippet]: api }, snippet).filter((d) => d.rule === 'nginx/rate-limit-missing');
  const withServers = (...servers: string[][]) =>
    [
      'events {}',
      'http {',
      '    limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;',
      ...servers.flatMap((lines, i) => ['    server {', `        listen 80;`, `        server_name s${i}.example;`, ...lines, '        include snippets/api.conf;', '    }']),
      '}',
      '',
    ].join('\n');
  const limit = '        limit_req zone=api burst=50 nodelay;';

  it("inherits limit_req from the includer's server around the include: silent", () => {
    assert.deepEqual(view(rateLimit(withServers([limit]))), []);
  });

  it('without limit_req around the include: reported', () => {
    assert.deepEqual(rateLimit(withServers([])).map((d) => `${d.rule}@${d.range.start.line}`), ['nginx/rate-limit-missing@0']);
  });

  it('two sites, one limited and one not: unknown, so silent; two unlimited sites: reported', () => {
    assert.deepEqual(view(rateLimit(withServers([limit], []))), []);
    assert.equal(rateLimit(withServers([], [])).length, 1);
  });

  it('a file on the way included at two sites counts both (the snippet reached through snippets/common.conf)', () => {
    const common = '/ws/snippets/common.conf';
    const main = (first: string[], second: string[]) =>
      [
        'events {}',
        'http {',
        '    limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;',
        '    server {',
        '        listen 80;',
        ...first,
        '        include snippets/common.conf;',
        '    }',
        '    server {',
        '        listen 8080;',
        ...second,
        '        include snippets/common.conf;',
        '    }',
        '}',
        '',
      ].join('\n');
    const lintApi = (m: string) => lintIn({ [MAIN]: m, [common]: 'include snippets/api.conf;\n', [snippet]: api }, snippet).filter((d) => d.rule === 'nginx/rate-limit-missing');
    assert.deepEqual(view(lintApi(main([limit], []))), []);
    assert.deepEqual(view(lintApi(main([limit], [limit]))), []);
    assert.equal(lintApi(main([], [])).length, 1);
  });

  it("an internal-only allow/deny list around the include counts too", () => {
    assert.deepEqual(view(rateLimit(withServers(['        allow 10.0.0.0/8;', '        deny all;']))), []);
  });

  it('stays unknown when the level holding the include has an include Rampart cannot read', () => {
    assert.deepEqual(view(rateLimit(withServers(['        include /opt/elsewhere/limits.conf;']))), []);
  });
});

describe('nginx fragments: allow/deny and auth from the includer', () => {
  const snippet = '/ws/snippets/status.conf';
  const status = 'location /nginx_status {\n    stub_status;\n}\n';
  const mainWith = (lines: string[]) =>
    ['events {}', 'http {', '    server {', '        listen 80;', '        server_name status.example;', ...lines.map((l) => `        ${l}`), '        include snippets/status.conf;', '    }', '}', ''].join('\n');
  const exposed = (lines: string[]) => lintIn({ [MAIN]: mainWith(lines), [snippet]: status }, snippet).filter((d) => d.rule === 'nginx/status-endpoint-exposed');

  it('an allow/deny list in the including server restricts the endpoint: silent', () => {
    assert.deepEqual(view(exposed(['allow 10.0.0.0/8;', 'deny all;'])), []);
  });

  it('authentication in the including server: silent', () => {
    assert.deepEqual(view(exposed(['auth_basic "status";', 'auth_basic_user_file /etc/nginx/htpasswd;'])), []);
  });

  it('nothing around the include: reported; "allow all" there: reported as open', () => {
    assert.deepEqual(exposed([]).map((d) => d.message), [
      'The stub_status page in location "/nginx_status" is reachable by every client (no allow/deny list or authentication): its connection and request counts help attackers map and time their attacks.',
    ]);
    assert.deepEqual(exposed(['allow all;']).map((d) => d.message), [
      'The stub_status page in location "/nginx_status" is open to every client ("allow all" is in effect): its connection and request counts help attackers map and time their attacks.',
    ]);
  });

  it("allow lines at a fragment's top level share the including block's deny", () => {
    const acl = '/ws/snippets/acl.conf';
    const main = (deny: string) =>
      ['events {}', 'http {', '    server {', '        listen 80;', '        location /admin/ {', '            include snippets/acl.conf;', deny, '            root /srv;', '        }', '    }', '}', ''].join('\n');
    const allowWithoutDeny = (m: string) => lintIn({ [MAIN]: m, [acl]: 'allow 10.0.0.0/8;\n' }, acl).filter((d) => d.rule === 'nginx/allow-without-deny');
    assert.deepEqual(view(allowWithoutDeny(main('            deny all;'))), []);
    assert.equal(allowWithoutDeny(main('')).length, 1);
  });
});

describe('nginx fragments: single-valued directives from the includer', () => {
  const A = '/ws/conf.d/a.conf';
  const tickets = (httpLines: string[]) =>
    lintIn({ [MAIN]: httpIncluder(httpLines), [A]: server('a.example') }, A, undefined, '1.22.1').filter((d) => d.rule === 'nginx/ssl-session-tickets');

  it('ssl_session_tickets off in the includer\'s http block covers the fragment\'s servers; without it they are reported', () => {
    assert.deepEqual(view(tickets(['    ssl_session_tickets off;'])), []);
    assert.deepEqual(tickets([]).map((d) => fmtRange(d.range)), ['1:1-1:7']);
    // An includer level Rampart cannot read in full may set it.
    assert.deepEqual(view(tickets(['    include /opt/elsewhere/ssl.conf;'])), []);
  });
});

describe('nginx includer chains', () => {
  it("a fragment's context holds the includer's levels around each include site, innermost first", () => {
    const files: Files = {
      [MAIN]: 'events {}\nhttp {\n    add_header X-A 1;\n    server {\n        listen 80;\n        include snippets/loc.conf;\n    }\n}\n',
      '/ws/snippets/loc.conf': 'location / {\n    root /srv;\n}\n',
    };
    const path = '/ws/snippets/loc.conf';
    const model = buildNginx(files[path]!).model;
    const c = includes({ path, workspace: new MemoryWorkspace(files), settings: {} }, model).context();
    assert.equal(c.outer?.length, 1);
    assert.deepEqual(
      c.outer![0]!.map((l) => [l.block.kind, l.file, l.directives.map((o) => o.directive.name).join(','), l.unknown]),
      [
        ['server', MAIN, 'listen', false],
        ['http', MAIN, 'add_header,server', false],
        ['main', MAIN, 'events,http', false],
      ],
    );
  });

  it('a chain through an intermediate file joins its top level to the level that includes it', () => {
    const files: Files = {
      [MAIN]: 'events {}\nhttp {\n    add_header X-A 1;\n    include conf.d/*.conf;\n}\n',
      '/ws/conf.d/site.conf': 'add_header X-B 1;\nserver {\n    listen 80;\n    include snippets/loc.conf;\n}\n',
      '/ws/snippets/loc.conf': 'location / {\n    root /srv;\n}\n',
    };
    const path = '/ws/snippets/loc.conf';
    const model = buildNginx(files[path]!).model;
    const c = includes({ path, workspace: new MemoryWorkspace(files), settings: {} }, model).context();
    assert.deepEqual(
      c.outer![0]!.map((l) => [l.block.kind, l.directives.map((o) => `${o.directive.name}@${o.file}`).join(',')]),
      [
        ['server', 'listen@/ws/conf.d/site.conf'],
        ['http', 'add_header@/ws/nginx.conf,add_header@/ws/conf.d/site.conf,server@/ws/conf.d/site.conf'],
        ['main', 'events@/ws/nginx.conf,http@/ws/nginx.conf'],
      ],
    );
  });
});
