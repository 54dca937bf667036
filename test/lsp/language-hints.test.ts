// rampart/documentLanguage: a client that declares languageHints is told when a document it opened
// as plain text or properties is nginx, once per document; other clients and other files are not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestServer } from './harness';

const NGINX = 'server {\n    listen 80;\n    location / { root /srv; }\n}\n';
const INI = '[section]\nkey = value\n';

test('an nginx .conf opened as properties or plain text gets a language hint, once', async () => {
  const s = await TestServer.start({ initializationOptions: { languageHints: true } });
  try {
    const site = s.uri('conf.d/site.conf');
    const other = s.uri('conf.d/other.conf');
    const ini = s.uri('app.conf');
    const already = s.uri('conf.d/ok.conf');
    await s.open(site, NGINX, 'properties');
    await s.open(other, NGINX, 'plaintext');
    await s.open(ini, INI, 'properties');
    await s.open(already, NGINX, 'nginx');
    for (const u of [site, other, ini, already]) await s.pullItems(u);
    await s.waitFor(() => s.languageHints.length >= 2, 'language hints');
    assert.deepEqual(s.languageHints, [
      { uri: site, languageId: 'nginx' },
      { uri: other, languageId: 'nginx' },
    ]);
    // Reopened under the same language (the user switched back): not told again.
    await s.close(site);
    await s.open(site, NGINX + '# edited\n', 'properties', 2);
    await s.pullItems(site);
    assert.equal(s.languageHints.length, 2);
  } finally {
    await s.stop();
  }
});

test('clients that do not declare languageHints are never told', async () => {
  const s = await TestServer.start();
  try {
    const site = s.uri('conf.d/site.conf');
    await s.open(site, NGINX, 'properties');
    await s.pullItems(site);
    assert.deepEqual(s.languageHints, []);
  } finally {
    await s.stop();
  }
});
