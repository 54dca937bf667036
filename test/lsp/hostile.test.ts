// Hostile clients and documents: garbage params for every method the server implements, huge
// documents, lone UTF-16 surrogates, binary content, code action requests with out-of-range
// positions, didChange with ranges outside the document, and a throwing rule together with a
// broken request. The server answers every request (a result or an error), publishes sound
// diagnostics, and keeps serving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseError } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestServer, withTimeout } from './harness';
import { withExtraRules, throwingRule } from './test-rules';
import { LineIndex } from '../../server/src/engine/text';
import { rangeInside } from '../fuzz/properties';

const TEXT = 'FROM alpine:3.20\nADD app.py /srv/\nUSER nobody\n';

const REQUESTS = ['textDocument/diagnostic', 'textDocument/codeAction', 'textDocument/completion', 'workspace/executeCommand'];
const NOTIFICATIONS = [
  'textDocument/didOpen',
  'textDocument/didChange',
  'textDocument/didClose',
  'textDocument/didSave',
  'workspace/didChangeConfiguration',
  'workspace/didChangeWatchedFiles',
  '$/setTrace',
  '$/cancelRequest',
];

/** `{textDocument: {textDocument: …}}`, `depth` levels (a tree: nothing shared, so it serialises in linear size). */
function nested(depth: number): unknown {
  let v: unknown = {};
  for (let i = 0; i < depth; i++) v = { textDocument: v };
  return v;
}

function nestedArrays(depth: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

const GARBAGE: unknown[] = [
  {},
  42,
  'text',
  [],
  [null, 1, 'x'],
  { textDocument: null },
  { textDocument: { uri: 42 } },
  { textDocument: { uri: 'file:///does/not/exist/Dockerfile', version: 'x' } },
  { textDocument: { uri: 'not a uri at all \u0000' }, position: { line: -1, character: 1e15 } },
  { textDocument: { uri: 'file:///x/Dockerfile' }, range: 'x', context: { diagnostics: 'x', only: 7 } },
  { textDocument: { uri: 'file:///x/Dockerfile' }, range: { start: null, end: {} }, context: { diagnostics: [null, 1, { range: 5, data: { rule: 1 } }] } },
  { command: 42, arguments: { length: 1e9 } },
  { command: 'rampart.server.showDocumentation', arguments: [{ url: 'https://evil.example/', rule: 'x' }] },
  { settings: { rampart: { maxFileSize: -5, rules: 'all', profile: { a: 1 } } } },
  { changes: 'x' },
  { changes: [{ uri: null, type: 99 }, 5] },
  { textDocument: { uri: 'file:///x/Dockerfile', languageId: 7, version: null, text: 12 } },
  { textDocument: { uri: 'file:///x/Dockerfile', version: 3 }, contentChanges: [{ range: 'x', text: 5 }, null] },
  { id: { x: 1 } },
  { value: 'verbose-ish' },
  nested(1000),
  { textDocument: { uri: 'file:///x/Dockerfile' }, context: nestedArrays(1000) },
  { big: 'x'.repeat(2_000_000) },
];

async function stillServes(s: TestServer, expected = ['dockerfile/add-instead-of-copy']): Promise<void> {
  const uri = s.uri(`check-${Math.random().toString(36).slice(2)}/Dockerfile`);
  await s.open(uri, TEXT);
  assert.deepEqual((await s.pullItems(uri)).map((d) => d.code), expected);
}

/** Every diagnostic (and every edit of its fixes) lies inside `text`. */
function assertSound(text: string, items: Array<{ range: unknown; data?: unknown }>): void {
  const index = new LineIndex(text);
  for (const d of items) {
    assert.ok(rangeInside(index, d.range as never), `range ${JSON.stringify(d.range)} outside the document`);
    const fixes = (d.data as { fixes?: Array<{ edits: Array<{ range: unknown }> }> } | undefined)?.fixes ?? [];
    for (const f of fixes) for (const e of f.edits) assert.ok(rangeInside(index, e.range as never), 'fix edit outside the document');
  }
}

test('garbage params for every request and notification: every request is answered, the server keeps serving', async () => {
  const s = await TestServer.start();
  try {
    // An open document, so garbage aimed at a real URI reaches the handlers.
    await s.open('file:///x/Dockerfile', TEXT);
    for (const method of REQUESTS) {
      for (const [k, params] of GARBAGE.entries()) {
        const r = await withTimeout(
          s.client.sendRequest(method, params).then(
            (ok) => ({ ok }),
            (error: unknown) => ({ error }),
          ),
          `${method} with garbage #${k}`,
        );
        if ('error' in r) assert.ok(r.error instanceof ResponseError, `${method}: ${String(r.error)}`);
      }
      // Positional and missing params.
      for (const extra of [[1, 2, 3], []] as unknown[][]) {
        await withTimeout(
          (s.client.sendRequest as (m: string, ...p: unknown[]) => Promise<unknown>)(method, ...extra).then(
            () => undefined,
            () => undefined,
          ),
          method,
        );
      }
    }
    for (const method of NOTIFICATIONS) for (const params of GARBAGE) await s.client.sendNotification(method, params);
    await stillServes(s);
    // Nothing was shown to the user for the untrusted documentation URL.
    assert.deepEqual(s.shownDocuments, []);
    assert.ok(!s.messages.some((m) => m.includes('evil.example')));
  } finally {
    await s.stop();
  }
});

test('a document over the size cap gets rampart/file-too-large; one under it is linted', async () => {
  const s = await TestServer.start();
  try {
    const big = s.uri('big/Dockerfile');
    await s.open(big, `FROM alpine:3.20\nADD a /a\n${'# padding\n'.repeat(220_000)}`);
    assert.deepEqual((await s.pullItems(big)).map((d) => [d.code, d.severity]), [['rampart/file-too-large', 3]]);
    const large = s.uri('large/Dockerfile');
    await s.open(large, `FROM alpine:3.20\nADD a /a\nUSER nobody\n${'RUN true\n'.repeat(150_000)}`);
    assert.deepEqual((await s.pullItems(large)).map((d) => d.code), ['dockerfile/add-instead-of-copy']);
    await stillServes(s);
  } finally {
    await s.stop();
  }
});

test('lone surrogates, NUL bytes and random binary content: sound diagnostics and code actions', async () => {
  const s = await TestServer.start();
  try {
    const texts: Array<[string, string]> = [
      ['surrogates/Dockerfile', 'FROM alpine:3.20\nADD \ud800app.py /srv/\udfff\nUSER \udbff\n\ud83d'],
      ['binary/Dockerfile', `FROM alpine:3.20\u0000\nADD a /a\n${Array.from({ length: 4000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('')}`],
      ['surrogates/compose.yaml', 'services:\n  web\ud800:\n    image: nginx:latest\udc00\n    privileged: true\n'],
      ['binary/nginx.conf', `server {\u0000 listen 80; \ud800\u0001\u0002 location / { autoindex on; } }\n\u0000\u0000`],
    ];
    for (const [rel, text] of texts) {
      const uri = s.uri(rel);
      const languageId = rel.endsWith('.yaml') ? 'dockercompose' : rel.endsWith('.conf') ? 'nginx' : 'dockerfile';
      await s.open(uri, text, languageId);
      const items = await s.pullItems(uri);
      assertSound(text, items);
      const whole = { start: { line: 0, character: 0 }, end: { line: 1e6, character: 1e6 } };
      const actions = await s.codeActions(uri, whole, items);
      assert.ok(Array.isArray(actions));
      const fixAll = await s.codeActions(uri, whole, [], ['source.fixAll.rampart']);
      assert.ok(Array.isArray(fixAll));
    }
    await stillServes(s);
  } finally {
    await s.stop();
  }
});

test('code actions with out-of-range positions and forged diagnostics are answered harmlessly', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('Dockerfile');
    await s.open(uri, TEXT);
    const items = await s.pullItems(uri);
    const far = { start: { line: 1e9, character: 1e9 }, end: { line: -5, character: -1 } };
    const forged = [
      { ...items[0]!, range: far },
      { range: far, message: 'm', source: 'rampart', data: { rule: 'dockerfile/add-instead-of-copy', version: 1, fixes: [{ title: 'x', kind: 'safe', edits: 'nope' }] } },
      { range: far, message: 'm', source: 'rampart', data: { rule: 'nope/nope', version: 1, fixes: [] } },
      { range: { start: { line: 0.5, character: NaN }, end: null }, message: 'm', source: 'rampart', data: { rule: 'dockerfile/user-root', version: 1, fixes: [] } },
    ];
    const actions = await s.codeActions(uri, far, forged as never);
    assert.ok(Array.isArray(actions));
    // Damaged entries are skipped; whatever is offered edits inside the document.
    for (const a of actions) {
      const edits = a.edit?.documentChanges?.flatMap((c) => ('edits' in c ? c.edits : [])) ?? [];
      for (const e of edits) assert.ok(rangeInside(new LineIndex(TEXT), e.range), JSON.stringify(e.range));
    }
    // A diagnostic far past the end still gets its suppression comment inside the document.
    const past = { start: { line: 1e9, character: 0 }, end: { line: 1e9, character: 1 } };
    const suppress = await s.codeActions(uri, past, [{ ...items[0]!, range: past }]);
    assert.ok(suppress.some((a) => a.title === 'Disable dockerfile/add-instead-of-copy for this line'));
    for (const a of suppress) {
      const edits = a.edit?.documentChanges?.flatMap((c) => ('edits' in c ? c.edits : [])) ?? [];
      for (const e of edits) assert.ok(rangeInside(new LineIndex(TEXT), e.range), JSON.stringify(e.range));
    }
    await stillServes(s);
  } finally {
    await s.stop();
  }
});

test('didChange with ranges outside the document: the text follows the protocol library, diagnostics stay inside it', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('Dockerfile');
    await s.open(uri, TEXT);
    let doc = TextDocument.create(uri, 'dockerfile', 1, TEXT);
    const changes = [
      { range: { start: { line: 100, character: 0 }, end: { line: 200, character: 5 } }, text: 'ADD b /b\n' },
      { range: { start: { line: 1, character: 50 }, end: { line: 0, character: 2 } }, text: 'x' },
      { range: { start: { line: -3, character: -3 }, end: { line: 0, character: 0 } }, text: '\ud800' },
      { range: { start: { line: 0, character: 1e9 }, end: { line: 1e9, character: 0 } }, text: '\r\nADD c /c\r' },
    ];
    let version = 1;
    for (const change of changes) {
      version++;
      await s.client.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      doc = TextDocument.update(doc, [change], version);
      const items = await s.pullItems(uri);
      assertSound(doc.getText(), items);
    }
    await stillServes(s);
  } finally {
    await s.stop();
  }
});

test('a throwing rule and a broken request together: the rule is contained, the request answered', async () => {
  await withExtraRules([throwingRule], async () => {
    const s = await TestServer.start();
    try {
      const uri = s.uri('Dockerfile');
      await s.open(uri, TEXT);
      const [items, broken] = await Promise.all([
        s.pullItems(uri),
        s.client.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: null, context: { diagnostics: [{ data: 'x' }] } }).then(
          (r) => r,
          (e: unknown) => e,
        ),
      ]);
      assert.deepEqual(items.map((d) => d.code), ['rampart/internal-error', 'dockerfile/add-instead-of-copy']);
      assert.match(String(items[0]!.message), /^Rule test\/throws failed on this file \(Error: boom\)/);
      assert.ok(Array.isArray(broken) || broken instanceof ResponseError);
      await stillServes(s, ['rampart/internal-error', 'dockerfile/add-instead-of-copy']);
    } finally {
      await s.stop();
    }
  });
});
