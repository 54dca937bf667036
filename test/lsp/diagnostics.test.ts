// Pull and push diagnostics over the in-process server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestServer } from './harness';

// The final stage runs as a non-root user, so only the rule under test fires.
const DOCKERFILE = 'FROM alpine:3.20\nADD app.py /srv/\nUSER nobody\n';

test('pull: a Dockerfile gets the exact rule, range, message and docs link', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('Dockerfile');
    await s.open(uri, DOCKERFILE);
    const items = await s.pullItems(uri);
    assert.equal(items.length, 1);
    const d = items[0]!;
    assert.equal(d.code, 'dockerfile/add-instead-of-copy');
    assert.equal(d.source, 'rampart');
    assert.equal(d.severity, 2);
    assert.deepEqual(d.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
    assert.equal(d.message, 'ADD copies local "app.py": use COPY, which cannot fetch URLs or unpack archives by surprise.');
    assert.deepEqual(d.codeDescription, { href: 'https://github.com/rampart-dev/rampart/blob/main/docs/rules/dockerfile/add-instead-of-copy.md' });
    // `data` names the rule only: code actions take the fixes from the current lint.
    assert.deepEqual(d.data, { rule: 'dockerfile/add-instead-of-copy' });
  } finally {
    await s.stop();
  }
});

test('pull: the same version, or an edit that changes no finding, answers "unchanged" for the previous result id; an edit that does answers in full', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('Dockerfile');
    await s.open(uri, DOCKERFILE);
    const first = await s.pull(uri);
    assert.equal(first.kind, 'full');
    assert.ok(first.resultId);
    const again = await s.pull(uri, first.resultId);
    assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });
    // An edit that changes no finding (a comment typed) keeps the id: nothing to send again.
    await s.change(uri, `${DOCKERFILE}# note\n`);
    assert.deepEqual(await s.pull(uri, first.resultId), { kind: 'unchanged', resultId: first.resultId });
    await s.change(uri, 'FROM alpine:latest\nADD app.py /srv/\nUSER nobody\n');
    const after = await s.pull(uri, first.resultId);
    assert.equal(after.kind, 'full');
    assert.notEqual(after.resultId, first.resultId);
    assert.deepEqual(
      after.kind === 'full' ? after.items.map((d) => d.code) : [],
      ['dockerfile/image-latest', 'dockerfile/add-instead-of-copy'],
    );
  } finally {
    await s.stop();
  }
});

test('pull: files that are not Rampart\'s and unknown documents get an empty report', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('notes.txt');
    await s.open(uri, 'ADD x y\n', 'plaintext');
    assert.deepEqual(await s.pullItems(uri), []);
    assert.deepEqual(await s.pullItems(s.uri('never-opened/Dockerfile')), []);
  } finally {
    await s.stop();
  }
});

test('push: a client without pull support gets publishDiagnostics on open, change and close', async () => {
  const s = await TestServer.start({ pull: false });
  try {
    assert.equal(s.initializeResult.capabilities.diagnosticProvider, undefined);
    const uri = s.uri('Dockerfile');
    await s.open(uri, DOCKERFILE);
    await s.waitFor(() => s.published.some((p) => p.uri === uri), 'first publish');
    const first = s.published.find((p) => p.uri === uri)!;
    assert.equal(first.version, 1);
    assert.deepEqual(first.diagnostics.map((d) => [d.code, d.range.start.line]), [['dockerfile/add-instead-of-copy', 1]]);

    await s.change(uri, 'FROM alpine:3.20\nCOPY app.py /srv/\nUSER nobody\n');
    await s.waitFor(() => s.published.some((p) => p.uri === uri && p.version === 2), 'publish after change');
    assert.deepEqual(s.published.find((p) => p.version === 2)!.diagnostics, []);

    await s.change(uri, 'FROM alpine:latest\n');
    await s.waitFor(() => s.published.some((p) => p.version === 3), 'publish after second change');
    const n = s.published.length;
    await s.close(uri);
    await s.waitFor(() => s.published.length > n, 'publish after close');
    assert.deepEqual(s.published.at(-1), { uri, diagnostics: [] });
  } finally {
    await s.stop();
  }
});

test('shutdown then exit ends the server with code 0', async () => {
  const s = await TestServer.start();
  assert.equal(await s.stop(), 0);
});
