// Fail soft: bad params, unknown methods, throwing parsers and rules, and failing client
// requests are logged or answered harmlessly; the server keeps serving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigurationRequest, ResponseError } from 'vscode-languageserver-protocol/node';
import { TestServer, withTimeout } from './harness';
import { dockerfilePlugin } from '../../server/src/languages/dockerfile/plugin';
import { withExtraRules, throwingRule } from './test-rules';

// The final stage runs as a non-root user, so only the rule under test fires.
const TEXT = 'FROM alpine:3.20\nADD app.py /srv/\nUSER nobody\n';

async function stillServes(s: TestServer): Promise<void> {
  const uri = s.uri(`check-${Math.random().toString(36).slice(2)}/Dockerfile`);
  await s.open(uri, TEXT);
  assert.deepEqual((await s.pullItems(uri)).map((d) => d.code), ['dockerfile/add-instead-of-copy']);
}

test('malformed requests and notifications get harmless answers; the server keeps serving', async () => {
  const s = await TestServer.start();
  try {
    const c = s.client;
    const send = (method: string, params: unknown) => withTimeout(c.sendRequest(method, params), method).then((r) => ({ ok: r }), (e: unknown) => ({ error: e }));

    assert.deepEqual(await send('textDocument/diagnostic', {}), { ok: { kind: 'full', items: [] } });
    // Positional params where named ones are expected: the protocol layer answers InvalidParams.
    const positional = await send('textDocument/diagnostic', null);
    assert.ok('error' in positional && positional.error instanceof ResponseError && positional.error.code === -32602);
    assert.deepEqual(await send('textDocument/codeAction', { textDocument: 42, range: 'x', context: null }), { ok: [] });
    assert.deepEqual(await send('textDocument/completion', { textDocument: {} }), { ok: [] });
    assert.deepEqual(await send('workspace/executeCommand', { command: 'rampart.server.showDocumentation', arguments: [null] }), { ok: null });
    const unknown = await send('rampart/nope', {});
    assert.ok('error' in unknown && unknown.error instanceof ResponseError && unknown.error.code === -32601);

    // Notifications with garbage: nothing to answer, nothing must break.
    await c.sendNotification('textDocument/didOpen', { textDocument: null });
    await c.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///nowhere' }, contentChanges: 'x' });
    await c.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 7 }] });
    await c.sendNotification('workspace/didChangeConfiguration', null);
    await c.sendNotification('textDocument/didClose', {});
    await stillServes(s);
  } finally {
    await s.stop();
  }
});

test('a throwing parser becomes one diagnostic for that file; code actions survive; other files still lint', async () => {
  const s = await TestServer.start();
  const parse = dockerfilePlugin.parse;
  try {
    dockerfilePlugin.parse = () => {
      throw new TypeError('parser exploded');
    };
    const uri = s.uri('Dockerfile');
    await s.open(uri, TEXT);
    const items = await s.pullItems(uri);
    assert.deepEqual(
      items.map((d) => [d.code, d.severity, d.message]),
      [['rampart/internal-error', 1, 'Rampart could not lint this file (TypeError: parser exploded); no findings are shown. Please report this.']],
    );
    const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } };
    const actions = await s.codeActions(uri, range, [{ range, message: 'm', source: 'rampart', data: { rule: 'dockerfile/add-instead-of-copy', version: 1, fixes: [] } }]);
    // Without a parse there is nowhere to put a suppression; the docs link is still offered.
    assert.deepEqual(actions.map((a) => a.title), ['Show documentation for dockerfile/add-instead-of-copy']);
    assert.ok(s.logs.some((l) => l.includes('parser exploded')));
  } finally {
    dockerfilePlugin.parse = parse;
  }
  try {
    await stillServes(s);
  } finally {
    await s.stop();
  }
});

test('a throwing rule becomes rampart/internal-error and the other rules still report', async () => {
  await withExtraRules([throwingRule], async () => {
    const s = await TestServer.start();
    try {
      const uri = s.uri('Dockerfile');
      await s.open(uri, TEXT);
      assert.deepEqual((await s.pullItems(uri)).map((d) => d.code), ['rampart/internal-error', 'dockerfile/add-instead-of-copy']);
    } finally {
      await s.stop();
    }
  });
});

test('a client that fails workspace/configuration gets the defaults and a log line', async () => {
  const s = await TestServer.start();
  try {
    s.client.onRequest(ConfigurationRequest.type, () => new ResponseError(-32603, 'no settings today'));
    await s.setSettings({});
    await stillServes(s);
    assert.ok(s.logs.some((l) => l.includes('workspace/configuration failed')));
  } finally {
    await s.stop();
  }
});

test('exit without shutdown reports exit code 1 (to the watchdog, not process.exit)', async () => {
  const s = await TestServer.start();
  await s.client.sendNotification('exit');
  await s.waitFor(() => s.exitCodes.length > 0, 'exit');
  assert.deepEqual(s.exitCodes, [1]);
  s.client.dispose();
});
