// The shipped bundle as an editor runs it: `node dist/server.js --stdio`, driven over the
// child's pipes. Proves the esbuild output and transport selection work, and that the child
// exits cleanly after shutdown + exit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DocumentDiagnosticRequest,
  CodeActionRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  ExitNotification,
  type CodeAction,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../helpers/paths';
import { clientCapabilities, withTimeout, applyEdits } from './harness';
import { URI } from '../../server/src/lsp/uri';

const SERVER = join(repoRoot(), 'dist', 'server.js');

interface Child {
  proc: ChildProcess;
  conn: ProtocolConnection;
  exited: Promise<number | null>;
  stderr: () => string;
}

function startChild(): Child {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.listen();
  return { proc, conn, exited, stderr: () => err };
}

async function stopChild(c: Child): Promise<number | null> {
  try {
    await withTimeout(c.conn.sendRequest(ShutdownRequest.type), 'shutdown');
    await c.conn.sendNotification(ExitNotification.type);
    return await withTimeout(c.exited, 'child exit');
  } finally {
    c.conn.dispose();
    if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
  }
}

// An unsaved buffer: the path need not exist on disk.
const uri = URI.fromPath(join(tmpdir(), 'rampart-spawned-virtual', 'Dockerfile'));
// The final stage runs as a non-root user, so only the rule under test fires.
const TEXT = 'FROM alpine:3.20\nADD app.py /srv/\nUSER nobody\n';

test('spawned --stdio server: diagnostics, a code action applied, the diagnostic gone, clean exit', async () => {
  const c = startChild();
  try {
    const init = await withTimeout(
      c.conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: clientCapabilities({ configuration: false }) }),
      'initialize',
    );
    assert.equal(init.serverInfo?.name, 'rampart');
    await c.conn.sendNotification(InitializedNotification.type, {});
    await c.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dockerfile', version: 1, text: TEXT } });

    const report = await withTimeout(c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }), 'diagnostics');
    assert.equal(report.kind, 'full');
    const items = (report as { items: Diagnostic[] }).items;
    assert.deepEqual(items.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]), [['dockerfile/add-instead-of-copy', 1, 0, 3]]);

    const actions = (await withTimeout(
      c.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: items[0]!.range, context: { diagnostics: items } }),
      'code actions',
    )) as CodeAction[];
    const fix = actions.find((a) => a.isPreferred)!;
    assert.equal(fix.title, 'Replace ADD with COPY');
    const edits = (fix.edit!.documentChanges![0] as { edits: TextEdit[] }).edits;
    const next = applyEdits(TEXT, edits);
    await c.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: next }] });
    const after = await withTimeout(c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }), 'diagnostics after fix');
    assert.deepEqual(after.kind === 'full' ? after.items : undefined, []);

    assert.equal(await stopChild(c), 0, c.stderr());
  } finally {
    if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
  }
});

test('spawned --stdio server pushes diagnostics to a client without pull support', async () => {
  const c = startChild();
  try {
    const published: PublishDiagnosticsParams[] = [];
    let notify = () => undefined as void;
    c.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      published.push(p);
      notify();
    });
    await withTimeout(c.conn.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: clientCapabilities({ pull: false, configuration: false }) }), 'initialize');
    await c.conn.sendNotification(InitializedNotification.type, {});
    const got = new Promise<void>((resolve) => (notify = resolve));
    await c.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dockerfile', version: 1, text: TEXT } });
    await withTimeout(got, 'publishDiagnostics');
    assert.deepEqual(published[0]!.diagnostics.map((d) => d.code), ['dockerfile/add-instead-of-copy']);
    assert.equal(await stopChild(c), 0, c.stderr());
  } finally {
    if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
  }
});
