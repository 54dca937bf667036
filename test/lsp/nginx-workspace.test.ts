// nginx across files in the server: a conf.d fragment is judged in the context its nginx.conf
// includes it in (read from disk, or from the open buffer when nginx.conf is open), and the
// version comes from an image tag beside the config.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestServer } from './harness';

const MAIN = 'events {}\nhttp {\n    include conf.d/*.conf;\n}\n';
const FRAGMENT = 'listen 8080;\nserver {\n    listen 80;\n    location / { root /srv; }\n}\n';

test('a fragment is placed by its includer on disk, and by the unsaved includer buffer', async () => {
  const s = await TestServer.start();
  try {
    s.writeFile('nginx/nginx.conf', MAIN);
    s.writeFile('nginx/conf.d/site.conf', FRAGMENT);
    const site = s.uri('nginx/conf.d/site.conf');
    await s.open(site, FRAGMENT, 'nginx');
    const first = (await s.pullItems(site)).filter((d) => d.code === 'nginx/directive-not-allowed');
    assert.deepEqual(
      first.map((d) => [d.range.start.line, String(d.message)]),
      [[0, '"listen" is not allowed at the top level of this file, which nginx.conf (line 3) includes in the http block: nginx refuses to start ("directive is not allowed here"). nginx\'s reference lists its contexts as server.']],
    );

    // nginx.conf open and edited (not saved) so that it includes the fragment inside a server.
    const main = s.uri('nginx/nginx.conf');
    await s.open(main, 'events {}\nhttp {\n    server {\n        include conf.d/*.conf;\n    }\n}\n', 'nginx');
    await s.change(site, FRAGMENT + '# touched\n');
    const second = (await s.pullItems(site)).filter((d) => d.code === 'nginx/directive-not-allowed');
    // Now `listen` fits, and the nested `server` block does not.
    assert.deepEqual(
      second.map((d) => [d.range.start.line, String(d.message).slice(0, 60)]),
      [[1, '"server" is not allowed at the top level of this file, which']],
    );
  } finally {
    await s.stop();
  }
});

test('the nginx version of a config comes from the image tag in a compose file above it', async () => {
  const s = await TestServer.start();
  try {
    s.writeFile('compose.yaml', 'services:\n  web:\n    image: nginx:1.22.1-alpine\n');
    const text = 'events {}\nhttp {\n    server {\n        listen 443 ssl;\n        server_name a.example;\n    }\n}\n';
    s.writeFile('deploy/nginx.conf', text);
    const uri = s.uri('deploy/nginx.conf');
    await s.open(uri, text, 'nginx');
    const tickets = (await s.pullItems(uri)).filter((d) => d.code === 'nginx/ssl-session-tickets');
    assert.equal(tickets.length, 1);
    assert.match(String(tickets[0]!.message), /on nginx 1\.22\.1 \(image nginx:1\.22\.1-alpine in compose\.yaml\)/);
  } finally {
    await s.stop();
  }
});

test('a fragment inherits the headers of its includer: the drop is reported with related locations in nginx.conf, and follows the unsaved includer', async () => {
  const s = await TestServer.start();
  try {
    const main = 'events {}\nhttp {\n    add_header X-Frame-Options DENY always;\n    include conf.d/*.conf;\n}\n';
    const fragment = 'server {\n    listen 80;\n    add_header X-Test 1;\n    root /srv;\n}\n';
    s.writeFile('nginx/nginx.conf', main);
    s.writeFile('nginx/conf.d/site.conf', fragment);
    const site = s.uri('nginx/conf.d/site.conf');
    await s.open(site, fragment, 'nginx');
    const first = (await s.pullItems(site)).filter((d) => d.code === 'nginx/add-header-inheritance');
    assert.equal(first.length, 1);
    assert.match(String(first[0]!.message), /^Header "X-Frame-Options" set in the http block of nginx\.conf is not sent for the server listening on 80/);
    assert.deepEqual(
      first[0]!.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]),
      [[s.uri('nginx/nginx.conf'), 2]],
    );

    // nginx.conf open and edited (not saved): the header moves into a server of its own.
    await s.open(s.uri('nginx/nginx.conf'), 'events {}\nhttp {\n    include conf.d/*.conf;\n}\n', 'nginx');
    await s.change(site, fragment + '# touched\n');
    assert.deepEqual((await s.pullItems(site)).filter((d) => d.code === 'nginx/add-header-inheritance'), []);
  } finally {
    await s.stop();
  }
});
