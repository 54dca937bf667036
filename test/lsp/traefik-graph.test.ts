// The Traefik workspace graph in the language server: a compose file whose labels use a
// file-provider middleware depends on the dynamic files it read (and on the folder it listed), so
// editing one, closing it, or a file appearing in the folder re-lints the compose file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestServer } from './harness';
import { URI } from '../../server/src/lsp/uri';

const RULE = 'traefik/middleware-undefined';
const COMPOSE = `services:
  traefik:
    image: traefik:v3.1
    command:
      - --providers.docker=true
      - --providers.file.directory=/etc/traefik/dynamic
      - --entrypoints.websecure.address=:443
    volumes:
      - ./dynamic:/etc/traefik/dynamic:ro
  app:
    image: ghcr.io/acme/app:1.4
    labels:
      - traefik.http.routers.app.rule=Host(\`app.example.com\`)
      - traefik.http.routers.app.middlewares=secure@file
`;
const WITHOUT = 'http:\n  middlewares:\n    compress:\n      compress: {}\n';
const WITH = `${WITHOUT}    secure:\n      headers:\n        frameDeny: true\n`;

function undefinedRefs(items: Array<{ code?: string | number; range: { start: { line: number; character: number } } }>): string[] {
  return items.filter((d) => d.code === RULE).map((d) => `${d.range.start.line}:${d.range.start.character}`);
}

test('pull: adding the middleware to the open dynamic file (buffer edit) clears middleware-undefined on the compose label', async () => {
  const s = await TestServer.start();
  try {
    s.writeFile('dynamic/middlewares.yml', WITHOUT);
    const compose = s.uri('compose.yaml');
    const dynamic = s.uri('dynamic/middlewares.yml');
    await s.open(compose, COMPOSE, 'dockercompose');
    const first = await s.pull(compose);
    assert.equal(first.kind, 'full');
    const items = first.kind === 'full' ? first.items : [];
    assert.deepEqual(undefinedRefs(items), ['13:45'], 'on the secure@file reference of the label');
    assert.match(String(items.find((d) => d.code === RULE)!.message), /^Middleware "secure@file" is not defined: the file provider reads dynamic\/ \(1 file\)/);

    await s.open(dynamic, WITHOUT, 'yaml');
    const before = s.refreshes;
    await s.change(dynamic, WITH);
    await s.waitFor(() => s.refreshes > before, 'diagnostic refresh after the dynamic file changed');
    const after = await s.pull(compose, first.resultId);
    assert.equal(after.kind, 'full', 'the compose report changed');
    assert.deepEqual(undefinedRefs(after.kind === 'full' ? after.items : []), []);

    // Closing the buffer: the disk copy (without the middleware) counts again.
    const n = s.refreshes;
    await s.close(dynamic);
    await s.waitFor(() => s.refreshes > n, 'refresh after close');
    assert.deepEqual(undefinedRefs(await s.pullItems(compose)), ['13:45']);

    // A file created in the dynamic folder (a watcher event) is read too.
    const created = s.writeFile('dynamic/secure.toml', '[http.middlewares.secure.headers]\nframeDeny = true\n');
    const m = s.refreshes;
    await s.fileChanged([{ uri: URI.fromPath(created), type: 1 }]);
    await s.waitFor(() => s.refreshes > m, 'refresh after a file appeared in the dynamic folder');
    assert.deepEqual(undefinedRefs(await s.pullItems(compose)), []);
  } finally {
    await s.stop();
  }
});

test('push: the compose file is published again when the dynamic file it read changes', async () => {
  const s = await TestServer.start({ pull: false });
  try {
    s.writeFile('dynamic/middlewares.yml', WITHOUT);
    const compose = s.uri('compose.yaml');
    const dynamic = s.uri('dynamic/middlewares.yml');
    await s.open(compose, COMPOSE, 'dockercompose');
    const latest = () => s.published.filter((p) => p.uri === compose).at(-1);
    await s.waitFor(() => undefinedRefs(latest()?.diagnostics ?? []).length === 1, 'middleware-undefined published');
    await s.open(dynamic, WITHOUT, 'yaml');
    await s.change(dynamic, WITH);
    await s.waitFor(() => undefinedRefs(latest()?.diagnostics ?? []).length === 0, 'compose file re-published without middleware-undefined');
  } finally {
    await s.stop();
  }
});
