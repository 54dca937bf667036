// The server's keystroke path stays incremental: typing into one stage of an open Dockerfile
// re-parses that stage only and tokenises only its RUNs (the parse caches live across the
// document's versions), and the answer is what a cold lint of the same text gives. The
// diagnostic store keeps a report's result id while its items stay the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DidChangeTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { TestServer } from './harness';
import { runStats } from '../../server/src/languages/dockerfile/model';
import { clearSegmentCache, segmentStats } from '../../server/src/languages/dockerfile/segments';
import { DiagnosticStore } from '../../server/src/lsp/diagnostic-store';
import { lint } from '../../server/src/engine/lint';
import { DEFAULT_CONFIG } from '../../server/src/engine/config';
import type { WorkspaceView } from '../../server/src/engine/types';

const stage = (k: number) =>
  [`FROM debian:12-slim AS s${k}`, '# notes', 'RUN apt-get update && apt-get install -y curl', `RUN curl -k https://example.com/${k} | sh`, 'USER nobody'].join('\n');
const TEXT = [0, 1, 2].map(stage).join('\n') + '\n';

test('typing into one stage of an open Dockerfile re-parses that stage only', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('Dockerfile');
    await s.open(uri, TEXT);
    await s.pullItems(uri);
    const parsed = segmentStats.parsed;
    const built = runStats.built;
    // One character typed at the end of stage 1's comment line (line 6).
    await s.client.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 6, character: 7 }, end: { line: 6, character: 7 } }, text: 'x' }],
    });
    const items = await s.pullItems(uri);
    assert.equal(segmentStats.parsed - parsed, 1, 'one segment parsed');
    assert.equal(runStats.built - built, 2, "only the edited stage's RUNs tokenised");
    const edited = TEXT.replace('# notes\nRUN apt-get update && apt-get install -y curl\nRUN curl -k https://example.com/1', '# notesx\nRUN apt-get update && apt-get install -y curl\nRUN curl -k https://example.com/1');
    clearSegmentCache();
    const workspace: WorkspaceView = { readFile: () => undefined, exists: () => false };
    const cold = lint('/w/Dockerfile', edited, { config: DEFAULT_CONFIG, workspace, language: 'dockerfile' })!.diagnostics;
    assert.deepEqual(
      items.map((d) => [d.code, d.range, d.message]),
      cold.map((d) => [d.rule, d.range, d.message]),
    );
    assert.ok(items.some((d) => d.range.start.line === 13), 'findings in the stage after the edit');
  } finally {
    await s.stop();
  }
});

test('diagnostic store: equal items keep the result id, other items get a new one', () => {
  const store = new DiagnosticStore();
  const item = () => [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, message: 'm', code: 'r', data: { version: 1, fixes: [] } }];
  const a = store.set('u', 1, 0, item());
  assert.ok(a.resultId.length > 10);
  assert.equal(store.get('u', 1, 0), a);
  assert.equal(store.set('u', 2, 0, item()).resultId, a.resultId, 'same items, same id');
  store.invalidate('u');
  assert.equal(store.get('u', 2, 0), undefined, 'an invalidated report is linted again');
  assert.equal(store.set('u', 2, 0, item()).resultId, a.resultId, 'and keeps its id when nothing changed');
  const other = item();
  other[0]!.data.version = 3;
  const c = store.set('u', 3, 0, other);
  assert.notEqual(c.resultId, a.resultId);
  assert.notEqual(store.set('v', 1, 0, item()).resultId, c.resultId, 'ids are not reused across documents');
  store.delete('u');
  assert.equal(store.get('u', 3, 0), undefined);
});
