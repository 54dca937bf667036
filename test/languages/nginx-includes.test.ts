// Include resolution as nginx does it (server/src/languages/nginx/includes.ts): the prefix,
// /etc/nginx mapping, globs through the workspace, the includer of a fragment and the context it
// gives, and how rules see included files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNginx } from '../../server/src/languages/nginx/parse';
import {
  expandGlob,
  fallbackPrefix,
  includes,
  inferContexts,
  mapIncludeTarget,
  normalizePath,
  patternMatches,
} from '../../server/src/languages/nginx/includes';
import type { NginxModel } from '../../server/src/languages/nginx/model';
import type { RuleContext, WorkspaceView } from '../../server/src/engine/types';
import { FsWorkspace } from '../../server/src/node/fs-workspace';
import { MemoryWorkspace, lintText, only, view } from '../helpers/lint';
import { FIXTURES } from '../helpers/paths';

function setup(files: Record<string, string>, path: string, workspace: WorkspaceView = new MemoryWorkspace(files)): { ctx: RuleContext; model: NginxModel } {
  const model = parseNginx(files[path]!).model;
  return { ctx: { path, workspace, settings: {} }, model };
}

describe('nginx include paths', () => {
  it('relative paths resolve against the prefix; nginx homes map onto it; other absolute paths stay', () => {
    assert.equal(mapIncludeTarget('snippets/ssl.conf', '/ws/nginx'), '/ws/nginx/snippets/ssl.conf');
    assert.equal(mapIncludeTarget('./conf.d/../snippets/a.conf', '/ws/nginx'), '/ws/nginx/snippets/a.conf');
    assert.equal(mapIncludeTarget('/etc/nginx/conf.d/*.conf', '/ws/nginx'), '/ws/nginx/conf.d/*.conf');
    assert.equal(mapIncludeTarget('/usr/local/openresty/nginx/conf/lua.conf', '/ws/or'), '/ws/or/lua.conf');
    assert.equal(mapIncludeTarget('/opt/app/extra.conf', '/ws/nginx'), '/opt/app/extra.conf');
    assert.equal(normalizePath('/a//b/./c/../d'), '/a/b/d');
  });

  it('a fragment with no includer: its folder, or the parent of conf.d/, sites-enabled/ and the like', () => {
    assert.equal(fallbackPrefix('/ws/nginx/conf.d/site.conf'), '/ws/nginx');
    assert.equal(fallbackPrefix('/ws/nginx/sites-enabled/site'), '/ws/nginx');
    assert.equal(fallbackPrefix('/ws/deploy/site.conf'), '/ws/deploy');
  });

  it('globs match per path segment like glob(3): no dot files, no crossing folders', () => {
    assert.ok(patternMatches('/p/conf.d/*.conf', '/p/conf.d/a.conf'));
    assert.ok(!patternMatches('/p/conf.d/*.conf', '/p/conf.d/sub/a.conf'));
    assert.ok(!patternMatches('/p/conf.d/*.conf', '/p/conf.d/.hidden.conf'));
    assert.ok(patternMatches('/p/sites-*/[ab]?.conf', '/p/sites-enabled/a1.conf'));
    assert.ok(patternMatches('/p/x.conf', '/p/x.conf'));
  });

  it('a glob segment longer than a file name can be matches nothing (and compiles no huge regex)', () => {
    const long = `*.co${'-'.repeat(60_000)}nf`;
    assert.equal(patternMatches(`/p/conf.d/${long}`, `/p/conf.d/a.co${'-'.repeat(60_000)}nf`), false);
    const files = { '/p/conf.d/a.conf': '' };
    assert.deepEqual(expandGlob({ workspace: new MemoryWorkspace(files) }, `/p/conf.d/${long}`), []);
    assert.deepEqual(expandGlob({ workspace: new MemoryWorkspace(files) }, `/p/conf.d/${'?'.repeat(255)}`), []);
  });

  it('expands globs through the workspace, sorted; without a listing capability they stay unknown', () => {
    const files = { '/p/conf.d/b.conf': '', '/p/conf.d/a.conf': '', '/p/conf.d/.x.conf': '', '/p/conf.d/c.txt': '', '/p/sites-x/z.conf': '' };
    const ws = new MemoryWorkspace(files);
    assert.deepEqual(expandGlob({ workspace: ws }, '/p/conf.d/*.conf'), ['/p/conf.d/a.conf', '/p/conf.d/b.conf']);
    assert.deepEqual(expandGlob({ workspace: ws }, '/p/*/*.conf'), ['/p/conf.d/a.conf', '/p/conf.d/b.conf', '/p/sites-x/z.conf']);
    assert.equal(expandGlob({ workspace: { readFile: () => undefined, exists: () => false } }, '/p/conf.d/*.conf'), undefined);
  });
});

describe('nginx include resolution', () => {
  const main = ['events {}', 'http {', '    include mime.types;', '    include /etc/nginx/conf.d/*.conf;', '    include missing.conf;', '}', ''].join('\n');

  it('reads every glob match in order; a stock file is skipped; an unreadable file is incomplete', () => {
    const files = { '/ws/nginx/nginx.conf': main, '/ws/nginx/conf.d/b.conf': 'server { listen 81; }\n', '/ws/nginx/conf.d/a.conf': 'server { listen 80; }\n' };
    const { ctx, model } = setup(files, '/ws/nginx/nginx.conf');
    const r = includes(ctx, model);
    const [mime, glob, missing] = model.named('include').map((d) => r.resolve(d));
    assert.deepEqual(mime, { files: [], complete: true, stock: true, glob: false });
    assert.deepEqual(glob!.files.map((f) => f.path), ['/ws/nginx/conf.d/a.conf', '/ws/nginx/conf.d/b.conf']);
    assert.equal(glob!.complete, true);
    assert.equal(missing!.complete, false);
    assert.equal(missing!.pattern, '/ws/nginx/missing.conf');
  });

  it('a glob that matches nothing in the workspace is unknown (the files may be rendered at deploy time)', () => {
    const { ctx, model } = setup({ '/ws/nginx.conf': main }, '/ws/nginx.conf');
    const glob = includes(ctx, model).resolve(model.named('include')[1]!);
    assert.deepEqual([glob.files.length, glob.complete, glob.glob], [0, false, true]);
  });

  it('parses an included file once per lint and survives include cycles', () => {
    const files = {
      '/ws/nginx.conf': 'events {}\nhttp { include a.conf; }\n',
      '/ws/a.conf': 'include b.conf;\nadd_header X-A 1;\n',
      '/ws/b.conf': 'include a.conf;\nadd_header X-B 1;\n',
    };
    let reads = 0;
    const base = new MemoryWorkspace(files);
    const ws: WorkspaceView = { readFile: (p) => (reads++, base.readFile(p)), exists: (p) => base.exists(p), list: (d) => base.list(d) };
    const r = lintText(files['/ws/nginx.conf'], { path: '/ws/nginx.conf', workspace: ws });
    assert.ok(r.diagnostics.every((d) => d.rule !== 'rampart/internal-error'), JSON.stringify(view(r.diagnostics)));
    assert.ok(reads <= 2, `read ${reads} times`);
  });
});

describe('nginx fragment contexts', () => {
  it('a conf.d fragment is linted in the context its includer gives; the includer fixes the prefix', () => {
    const files = {
      '/ws/nginx/nginx.conf': 'events {}\nhttp {\n    include conf.d/*.conf;\n}\nstream {\n    include stream.d/*.conf;\n}\n',
      '/ws/nginx/conf.d/site.conf': 'server {\n    listen 80;\n    include snippets/common.conf;\n}\n',
      '/ws/nginx/stream.d/db.conf': 'server {\n    listen 5432;\n    proxy_pass db:5432;\n}\n',
      '/ws/nginx/snippets/common.conf': 'add_header X-Frame-Options DENY;\n',
    };
    const site = setup(files, '/ws/nginx/conf.d/site.conf');
    const c = includes(site.ctx, site.model).context();
    assert.deepEqual(c, { source: 'includer', contexts: ['http'], family: 'http', prefix: '/ws/nginx', includer: { main: '/ws/nginx/nginx.conf', file: '/ws/nginx/nginx.conf', line: 2 }, outer: c.outer });
    // The snippet resolves against the prefix (/ws/nginx), not conf.d/.
    const snippet = includes(site.ctx, site.model).resolve(site.model.named('include')[0]!);
    assert.deepEqual(snippet.files.map((f) => f.path), ['/ws/nginx/snippets/common.conf']);

    const db = setup(files, '/ws/nginx/stream.d/db.conf');
    assert.deepEqual(includes(db.ctx, db.model).context().family, 'stream');
    const snippetCtx = setup(files, '/ws/nginx/snippets/common.conf');
    const sc = includes(snippetCtx.ctx, snippetCtx.model).context();
    assert.deepEqual([sc.source, sc.contexts, sc.family, sc.includer?.file], ['includer', ['server'], 'http', '/ws/nginx/conf.d/site.conf']);
  });

  it('finds nginx.conf in an nginx/ folder beside an ancestor, and a Docker template by what it renders', () => {
    const files = {
      '/ws/nginx/nginx.conf': 'events {}\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n}\n',
      '/ws/templates/default.conf.template': 'server {\n    listen ${PORT};\n}\n',
    };
    const t = setup(files, '/ws/templates/default.conf.template');
    const c = includes(t.ctx, t.model).context();
    assert.deepEqual([c.source, c.contexts, c.family, c.prefix], ['includer', ['http'], 'http', '/ws/nginx']);
  });

  it('includes inside server, location and if give those contexts; several sites merge', () => {
    const files = {
      '/ws/nginx.conf': [
        'events {}',
        'http {',
        '    server {',
        '        include part.conf;',
        '        location / { include part.conf; if ($x) { include cond.conf; } }',
        '    }',
        '}',
        '',
      ].join('\n'),
      '/ws/part.conf': 'proxy_pass http://b;\n',
      '/ws/cond.conf': 'return 403;\n',
    };
    const part = setup(files, '/ws/part.conf');
    assert.deepEqual(includes(part.ctx, part.model).context().contexts, ['server', 'location']);
    const cond = setup(files, '/ws/cond.conf');
    assert.deepEqual(includes(cond.ctx, cond.model).context().contexts, ['if in location', 'if']);
  });

  it('without an includer, the first block implies the context', () => {
    const ctxOf = (text: string) => inferContexts(parseNginx(text).model);
    assert.deepEqual(ctxOf('server { listen 80; }\n'), ['http', 'stream', 'mail']);
    assert.deepEqual(ctxOf('upstream b { server x; }\n'), ['http', 'stream']);
    assert.deepEqual(ctxOf('location / { root /srv; }\n'), ['server', 'location']);
    assert.deepEqual(ctxOf('listen 80;\nroot /srv;\n'), ['server']);
    assert.deepEqual(ctxOf('proxy_set_header Host $host;\n'), []);
    assert.deepEqual(ctxOf('events {}\nhttp {}\n'), ['main']);
    const files = { '/ws/conf.d/site.conf': 'server { listen 80; }\n' };
    const s = setup(files, '/ws/conf.d/site.conf');
    assert.deepEqual(includes(s.ctx, s.model).context(), { source: 'inferred', contexts: ['http', 'stream', 'mail'], prefix: '/ws' });
  });

  it('an nginx.conf that does not include the fragment is not its includer', () => {
    const files = { '/ws/nginx.conf': 'events {}\nhttp { include sites/*.conf; }\n', '/ws/conf.d/site.conf': 'server { listen 80; }\n' };
    const s = setup(files, '/ws/conf.d/site.conf');
    assert.equal(includes(s.ctx, s.model).context().source, 'inferred');
  });
});

describe('nginx fragments in their includer\'s module family', () => {
  const http = ['nginx/x-frame-options-missing', 'nginx/x-content-type-options-missing', 'nginx/csp-missing', 'nginx/referrer-policy-missing'];
  const rulesOf = (r: ReturnType<typeof lintText>) => [...new Set(r.diagnostics.map((d) => d.rule))].filter((x) => http.includes(x)).sort();
  const lintAlone = (path: string, text: string) => lintText(text, { path, language: 'nginx', workspace: new MemoryWorkspace({ [path]: text }) });

  it('a fragment included in stream {} is not judged by http rules, whatever its content says', () => {
    const main = 'events {}\nstream {\n    include stream.d/*.conf;\n}\n';
    const frag = 'server {\n    listen 5432;\n    proxy_pass $pg;\n}\n';
    const placed = lintText(frag, { path: '/w/stream.d/db.conf', language: 'nginx', workspace: new MemoryWorkspace({ '/w/nginx.conf': main, '/w/stream.d/db.conf': frag }) });
    assert.deepEqual(rulesOf(placed), []);
    // The same neutral content with no includer and no telling folder stays http.
    assert.deepEqual(rulesOf(lintAlone('/w/conf.d/db.conf', frag)), [...http].sort());
  });

  it('without an includer, a server\'s content decides: stream-only directives, udp, a proxy_pass without a scheme', () => {
    for (const body of ['ssl_preread on;\n    proxy_pass $backend;', 'proxy_pass backend;', 'proxy_pass 10.0.0.1:5432;', 'proxy_pass unix:/run/pg.sock;', 'proxy_pass $dns;\n    listen 53 udp;', 'proxy_pass $x;\n    proxy_timeout 1m;']) {
      assert.deepEqual(rulesOf(lintAlone('/w/conf.d/tcp.conf', `server {\n    listen 5432;\n    ${body}\n}\n`)), [], body);
    }
  });

  it('a stream.d/ folder decides only a server whose content says nothing either way', () => {
    const neutral = 'server {\n    listen 5432;\n    proxy_pass $pg;\n}\n';
    for (const dir of ['stream.d', 'stream-enabled', 'streams']) assert.deepEqual(rulesOf(lintAlone(`/w/${dir}/pg.conf`, neutral)), [], dir);
    const web = 'server {\n    listen 8080;\n    location / {\n        proxy_pass http://app;\n    }\n}\n';
    assert.deepEqual(rulesOf(lintAlone('/w/stream.d/web.conf', web)), [...http].sort());
  });

  it('mixed evidence keeps http; in a file of several servers each one is judged by its own content', () => {
    const mixed = 'server {\n    listen 5432;\n    ssl_preread on;\n    root /srv;\n}\n';
    assert.deepEqual(rulesOf(lintAlone('/w/conf.d/mixed.conf', mixed)), [...http].sort());
    const two = 'server {\n    listen 5432;\n    proxy_pass db:5432;\n}\nserver {\n    listen 80;\n    server_name web;\n    root /srv;\n}\n';
    const r = lintAlone('/w/conf.d/two.conf', two);
    assert.deepEqual([...new Set(r.diagnostics.filter((d) => http.includes(d.rule)).map((d) => d.range.start.line + 1))], [5]);
  });
});

describe('nginx includes in rules (folder fixtures on disk)', () => {
  const dir = join(FIXTURES, 'nginx', '_includes');
  const lintFile = (rel: string, text: string) => lintText(text, { path: join(dir, rel).replace(/\\/g, '/'), workspace: new FsWorkspace() });

  it('a fragment reads headers from a snippet relative to the main config, not to conf.d/', () => {
    const text = readFileSync(join(dir, 'conf.d', 'site.conf'), 'utf8');
    const r = lintFile('conf.d/site.conf', text);
    // The snippet sets X-Frame-Options and nosniff; without it both would be reported missing.
    assert.deepEqual(only(r.diagnostics, 'nginx/x-frame-options-missing'), []);
    assert.deepEqual(only(r.diagnostics, 'nginx/x-content-type-options-missing'), []);
    // The includer puts the fragment in http: a listen at its top level is not allowed there.
    assert.deepEqual(view(only(r.diagnostics, 'nginx/directive-not-allowed')).map((d) => d.range), []);
  });
});

describe('nginx includes stop at the workspace', () => {
  /** A memory workspace that records every path read, listed or probed. */
  class Recording extends MemoryWorkspace {
    readonly asked = new Set<string>();
    readFile(path: string): string | undefined {
      this.asked.add(path);
      return super.readFile(path);
    }
    exists(path: string): boolean {
      this.asked.add(path);
      return super.exists(path);
    }
    list(dir: string): string[] | undefined {
      this.asked.add(dir);
      return super.list(dir);
    }
  }
  const STS = 'add_header Strict-Transport-Security "max-age=63072000" always;\n';
  const main = (include: string) => `events {}\nhttp {\n    ${include}\n    server {\n        listen 443 ssl;\n        ssl_certificate c.pem;\n        ssl_certificate_key k.pem;\n    }\n}\n`;
  const outside = { '/outside.conf': STS, '/tmp/x.conf': STS, '/shared/a.conf': STS };

  for (const include of ['include ../outside.conf;', 'include /tmp/x.conf;', 'include ../shared/*.conf;']) {
    it(`${include} is never read, and counts as an unreadable include ("unknown")`, () => {
      const files = { '/ws/nginx.conf': main(include), ...outside };
      const ws = new Recording(files, ['/ws']);
      const s = setup(files, '/ws/nginx.conf', ws);
      const inc = s.model.directives.find((d) => d.name === 'include')!;
      const r = includes(s.ctx, s.model).resolve(inc);
      assert.deepEqual({ files: r.files, complete: r.complete }, { files: [], complete: false });
      // The outside file's HSTS header would silence hsts-missing; unknown content silences it
      // too (as for any include Rampart cannot read), and nothing outside was touched.
      const hsts = only(lintText(files['/ws/nginx.conf'], { path: '/ws/nginx.conf', language: 'nginx', workspace: ws }).diagnostics, 'nginx/hsts-missing');
      assert.deepEqual(hsts, []);
      assert.deepEqual([...ws.asked].filter((p) => /^\/(outside|tmp|shared)/.test(p)), []);
    });
  }

  it('the same header inside the workspace is read; /etc/nginx/ maps onto the main config\'s folder', () => {
    for (const include of ['include snippets/sts.conf;', 'include /etc/nginx/snippets/sts.conf;']) {
      const files = { '/ws/nginx.conf': main(include), '/ws/snippets/sts.conf': STS };
      const s = setup(files, '/ws/nginx.conf', new MemoryWorkspace(files, ['/ws']));
      const r = includes(s.ctx, s.model).resolve(s.model.directives.find((d) => d.name === 'include')!);
      assert.deepEqual(r.files.map((f) => f.path), ['/ws/snippets/sts.conf']);
      assert.equal(r.complete, true);
    }
  });

  it('a fragment\'s includer above the workspace folder is not searched', () => {
    const files = { '/ws/nginx.conf': 'events {}\nhttp { include conf.d/*.conf; }\n', '/ws/conf.d/site.conf': 'server { listen 80; }\n' };
    const ws = new Recording(files, ['/ws/conf.d']);
    const s = setup(files, '/ws/conf.d/site.conf', ws);
    assert.equal(includes(s.ctx, s.model).context().source, 'inferred');
    assert.deepEqual([...ws.asked].filter((p) => !p.startsWith('/ws/conf.d/')), []);
  });

  it('a view that knows no roots: the git work tree around the file, else the fragment\'s prefix folder', () => {
    const frag = 'server { listen 80; }\n';
    const withGit = { '/repo/.git/HEAD': 'ref', '/repo/deploy/nginx.conf': main('include ../shared/sts.conf;'), '/repo/shared/sts.conf': STS };
    const g = setup(withGit, '/repo/deploy/nginx.conf', new MemoryWorkspace(withGit, null));
    assert.deepEqual(includes(g.ctx, g.model).resolve(g.model.directives.find((d) => d.name === 'include')!).files.map((f) => f.path), ['/repo/shared/sts.conf']);
    const bare = { '/ws/nginx.conf': 'events {}\nhttp { include conf.d/*.conf; include ../up.conf; }\n', '/ws/conf.d/site.conf': frag, '/up.conf': STS };
    const ws = new Recording(bare, null);
    const f = setup(bare, '/ws/conf.d/site.conf', ws);
    assert.equal(includes(f.ctx, f.model).context().source, 'includer');
    const m = setup(bare, '/ws/nginx.conf', ws);
    assert.equal(includes(m.ctx, m.model).resolve(m.model.directives.filter((d) => d.name === 'include')[1]!).complete, false);
    assert.ok(!ws.asked.has('/up.conf'));
  });
});

describe('nginx: a fragment among many in conf.d/ does not read the others', () => {
  // Every fragment of a large conf.d/ reading every other one for its includer's http level was
  // quadratic over a folder (2,000 sites: 11.6 s). Beyond 16 others (as for the levels around the
  // fragment) they are not read, and what they may define at that level is unknown.
  const site = (i: number) => `server {\n  listen 80;\n  server_name s${i}.example.com;\n  location / { proxy_pass http://app; }\n}\n`;
  const usesZone = 'server {\n  listen 80;\n  location /api/ {\n    limit_req zone=api burst=20;\n    proxy_pass http://app;\n  }\n}\n';
  const tree = (others: number, http = 'include conf.d/*.conf;'): Record<string, string> => {
    const files: Record<string, string> = { '/ws/nginx.conf': `events {}\nhttp {\n  ${http}\n}\n`, '/ws/conf.d/api.conf': usesZone };
    for (let i = 0; i < others; i++) files[`/ws/conf.d/site${String(i).padStart(2, '0')}.conf`] = site(i);
    return files;
  };
  const undefinedZone = (files: Record<string, string>) =>
    view(only(lintText(files['/ws/conf.d/api.conf']!, { path: '/ws/conf.d/api.conf', workspace: new MemoryWorkspace(files) }).diagnostics, 'nginx/rate-limit-zone-undefined'));

  it('with 16 others the level is read whole: an undefined zone is reported', () => {
    assert.deepEqual(undefinedZone(tree(16)), [
      {
        rule: 'nginx/rate-limit-zone-undefined',
        range: '4:20-4:23',
        message: 'limit_req uses zone "api" but no limit_req_zone in the http block that includes this file defines it: nginx refuses to start ("zero size shared memory zone").',
      },
    ]);
  });

  it('with 17 others they are not read: one of them may define the zone, so nothing is reported', () => {
    assert.deepEqual(undefinedZone(tree(17)), []);
  });

  it('rate-limit-missing\'s fix then asks for the zone unless one of them defines it', () => {
    const files = tree(17);
    files['/ws/conf.d/api.conf'] = 'server {\n  listen 80;\n  location /api/ { proxy_pass http://app; }\n}\n';
    const r = lintText(files['/ws/conf.d/api.conf'], { path: '/ws/conf.d/api.conf', workspace: new MemoryWorkspace(files) });
    assert.deepEqual(
      only(r.diagnostics, 'nginx/rate-limit-missing').map((d) => d.fixes.map((f) => f.title)),
      [['Add "limit_req zone=api burst=50 nodelay;" (define zone "api" with limit_req_zone in the http block unless an included file does)']],
    );
  });

  it('a zone the includer defines itself is found either way', () => {
    const define = 'limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;\n  include conf.d/*.conf;';
    assert.deepEqual(undefinedZone(tree(16, define)), []);
    assert.deepEqual(undefinedZone(tree(17, define)), []);
  });
});

describe('nginx glob expansion reuses a listing the view hands out again', () => {
  it('matches each listing once, and a new listing (the folder changed) is matched anew', () => {
    let listing = ['a.conf', 'b.conf', 'notes.txt', 'sub/'];
    let lists = 0;
    const ws: WorkspaceView = { readFile: () => undefined, exists: () => true, list: (dir) => (lists++, dir === '/ws/conf.d' ? listing : undefined) };
    const ctx = { workspace: ws };
    const first = expandGlob(ctx, '/ws/conf.d/*.conf');
    assert.deepEqual(first, ['/ws/conf.d/a.conf', '/ws/conf.d/b.conf']);
    assert.equal(expandGlob(ctx, '/ws/conf.d/*.conf'), first, 'the same listing gives the same matches');
    assert.deepEqual(expandGlob(ctx, '/ws/conf.d/b*'), ['/ws/conf.d/b.conf']);
    listing = ['c.conf', ...listing];
    assert.deepEqual(expandGlob(ctx, '/ws/conf.d/*.conf'), ['/ws/conf.d/a.conf', '/ws/conf.d/b.conf', '/ws/conf.d/c.conf']);
    assert.equal(lists, 4);
  });
});
