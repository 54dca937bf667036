// The status item's text and the scan summary, without VS Code; the protocol names the client
// uses are the server's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStatus, scanSummary, statusView } from '../../client/src/status-view';
import { SERVER_SCAN_COMMAND, STATUS_NOTIFICATION } from '../../client/src/client-options';
import { SCAN_COMMAND, STATUS_NOTIFICATION as SERVER_STATUS } from '../../server/src/lsp/workspace-diagnostics';

test('the client names the server command and notification the server uses', () => {
  assert.equal(SERVER_SCAN_COMMAND, SCAN_COMMAND);
  assert.equal(STATUS_NOTIFICATION, SERVER_STATUS);
});

test('status: counts when idle, progress while scanning, hidden when the workspace has nothing of ours', () => {
  const idle = statusView(parseStatus({ mode: 'workspace', scanning: false, done: 0, total: 0, files: 1204, filesWithProblems: 310, errors: 12, warnings: 1450, infos: 3 })!);
  assert.equal(idle.text, '$(shield) Rampart $(error) 12 $(warning) 1,450');
  assert.equal(idle.visible, true);
  assert.match(idle.tooltip, /12 errors, 1,450 warnings, 3 infos in the workspace/);
  assert.match(idle.tooltip, /310 files with problems out of 1,204 Rampart files/);
  assert.match(idle.tooltip, /Click to show the output/);

  const scanning = statusView(parseStatus({ mode: 'workspace', scanning: true, done: 40, total: 1000, files: 1000, filesWithProblems: 0, errors: 0, warnings: 0, infos: 0 })!);
  assert.equal(scanning.text, '$(sync~spin) Rampart 40/1,000');
  assert.match(scanning.tooltip, /^Scanning the workspace… 40\/1,000/);

  const empty = statusView(parseStatus({ mode: 'workspace', scanning: false, files: 0, errors: 0, warnings: 0, infos: 0 })!);
  assert.equal(empty.visible, false);

  const open = statusView(parseStatus({ mode: 'openFiles', files: 2, errors: 1, warnings: 0, infos: 1 })!);
  assert.match(open.tooltip, /1 error, 0 warnings, 1 info in the open files/);
  assert.match(open.tooltip, /openFiles/);
});

test('status: malformed notifications are ignored or read defensively', () => {
  assert.equal(parseStatus(null), undefined);
  assert.equal(parseStatus('x'), undefined);
  assert.deepEqual(parseStatus({ errors: -3, warnings: 'many', mode: 'nonsense' }), {
    mode: 'workspace',
    scanning: false,
    done: 0,
    total: 0,
    files: 0,
    filesWithProblems: 0,
    errors: 0,
    warnings: 0,
    infos: 0,
  });
});

test('scan summary', () => {
  const r = { mode: 'workspace' as const, scanned: true, cancelled: false, files: 10_000, filesWithProblems: 2_500, errors: 10, warnings: 1_000, infos: 4, ms: 4_200 };
  assert.equal(scanSummary(r), 'Scanned the workspace in 4,200 ms: 10 errors, 1,000 warnings, 4 infos in 2,500 of 10,000 files.');
  assert.equal(scanSummary({ ...r, cancelled: true }), 'Scan cancelled after 4,200 ms: 10 errors, 1,000 warnings, 4 infos in 2,500 of 10,000 files so far.');
});
