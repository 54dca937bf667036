// Cross-file diagnostics: a compose file's findings depend on the Dockerfile a service builds.
// The server records what each lint read and re-lints the open documents that depend on a file
// when its buffer changes, when it closes, or when a watcher reports it changed on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestServer } from './harness';
import { URI } from '../../server/src/lsp/uri';

const COMPOSE = 'services:\n  web:\n    build: .\n';
const ROOT = 'FROM python:3.12-slim\nUSER root\nCMD ["python", "app.py"]\n';
const APP = 'FROM python:3.12-slim\nUSER app\nCMD ["python", "app.py"]\n';
const USER_ROOT = 'compose/user-root';

function userRoot(items: Array<{ code?: string | number; range: { start: { line: number } } }>): number[] {
  return items.filter((d) => d.code === USER_ROOT).map((d) => d.range.start.line);
}

test('pull: editing the open Dockerfile re-lints the open compose file (refresh), and the compose finding goes', async () => {
  const s = await TestServer.start();
  try {
    assert.deepEqual(s.initializeResult.capabilities.diagnosticProvider, { identifier: 'rampart', interFileDependencies: true, workspaceDiagnostics: true });
    const compose = s.uri('compose.yaml');
    const dockerfile = s.uri('Dockerfile');
    await s.open(compose, COMPOSE, 'dockercompose');
    await s.open(dockerfile, ROOT, 'dockerfile');
    const first = await s.pull(compose);
    assert.equal(first.kind, 'full');
    assert.deepEqual(userRoot(first.kind === 'full' ? first.items : []), [1]);
    const d = first.kind === 'full' ? first.items.find((x) => x.code === USER_ROOT)! : undefined;
    assert.equal(d?.message, 'Service "web" sets no user, and the final stage of Dockerfile runs as USER "root": a compromised process gets root inside the container and an easier path to the host.');
    assert.deepEqual(d?.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]), [[dockerfile, 1]]);

    const before = s.refreshes;
    await s.change(dockerfile, APP);
    await s.waitFor(() => s.refreshes > before, 'diagnostic refresh after the Dockerfile changed');
    const after = await s.pull(compose, first.resultId);
    assert.equal(after.kind, 'full', 'the compose report changed');
    assert.deepEqual(userRoot(after.kind === 'full' ? after.items : []), []);

    // Back to root: the finding returns, without the compose file changing.
    await s.change(dockerfile, ROOT);
    assert.deepEqual(userRoot(await s.pullItems(compose)), [1]);
  } finally {
    await s.stop();
  }
});

test('push: the compose file is published again when the Dockerfile it builds changes or closes', async () => {
  const s = await TestServer.start({ pull: false });
  try {
    s.writeFile('Dockerfile', APP);
    const compose = s.uri('compose.yaml');
    const dockerfile = s.uri('Dockerfile');
    await s.open(compose, COMPOSE, 'dockercompose');
    await s.open(dockerfile, ROOT, 'dockerfile');
    const latest = () => s.published.filter((p) => p.uri === compose).at(-1);
    await s.waitFor(() => userRoot(latest()?.diagnostics ?? []).length === 1, 'compose/user-root published');

    await s.change(dockerfile, APP);
    await s.waitFor(() => userRoot(latest()?.diagnostics ?? []).length === 0, 'compose file re-published without compose/user-root');

    await s.change(dockerfile, ROOT);
    await s.waitFor(() => userRoot(latest()?.diagnostics ?? []).length === 1, 'compose/user-root back');
    // Closing the buffer: the disk copy (USER app) counts again.
    await s.close(dockerfile);
    await s.waitFor(() => userRoot(latest()?.diagnostics ?? []).length === 0, 'compose file re-published from the disk copy');
  } finally {
    await s.stop();
  }
});

test('a Dockerfile changed on disk (not open) re-lints the compose file that builds it', async () => {
  const s = await TestServer.start();
  try {
    const path = s.writeFile('api/Dockerfile', ROOT);
    const compose = s.uri('compose.yaml');
    await s.open(compose, 'services:\n  api:\n    build: ./api\n', 'dockercompose');
    assert.deepEqual(userRoot(await s.pullItems(compose)), [1]);
    s.writeFile('api/Dockerfile', APP);
    const before = s.refreshes;
    await s.fileChanged([{ uri: URI.fromPath(path), type: 2 }]);
    await s.waitFor(() => s.refreshes > before, 'diagnostic refresh after the watcher event');
    assert.deepEqual(userRoot(await s.pullItems(compose)), []);
    // An unrelated file changing does not disturb it.
    const n = s.refreshes;
    await s.fileChanged([{ uri: s.uri('other/notes.yaml'), type: 2 }]);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(s.refreshes, n);
  } finally {
    await s.stop();
  }
});

test('a file a compose file builds (docker/app.build) is linted as a Dockerfile; editing the compose file re-lints it', async () => {
  const s = await TestServer.start();
  try {
    const build = 'services:\n  api:\n    build: {context: ., dockerfile: docker/app.build}\n';
    s.writeFile('compose.yaml', build);
    const app = s.uri('docker/app.build');
    const text = 'FROM node:latest\nUSER node\n';
    s.writeFile('docker/app.build', text);
    await s.open(app, text, 'plaintext');
    assert.deepEqual((await s.pullItems(app)).map((d) => d.code), ['dockerfile/image-latest'], 'the compose file on disk makes it a Dockerfile');

    // The compose file, open and edited, stops building it: the file is no longer Rampart's.
    const compose = s.uri('compose.yaml');
    await s.open(compose, build, 'dockercompose');
    const before = s.refreshes;
    await s.change(compose, 'services:\n  api:\n    build: {context: ., dockerfile: docker/other.build}\n');
    await s.waitFor(() => s.refreshes > before, 'diagnostic refresh after the compose file changed');
    assert.deepEqual(await s.pullItems(app), []);
    // And back.
    await s.change(compose, build);
    assert.deepEqual((await s.pullItems(app)).map((d) => d.code), ['dockerfile/image-latest']);
  } finally {
    await s.stop();
  }
});
