// The language server as editors run it: `node dist/server.js --stdio` in its own process, spoken
// to over a real JSON-RPC connection. Used by the edit-latency and workspace-scan sections.
import { SERVER_EXEC_ARGV } from '../../client/src/server-process';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  ShutdownRequest,
  ExitNotification,
  ConfigurationRequest,
  RegistrationRequest,
  DiagnosticRefreshRequest,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type ProtocolConnection,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from './measure';

export interface LspChild {
  connection: ProtocolConnection;
  process: ChildProcess;
  stop(): Promise<void>;
}

const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, diagnostics: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
  },
};

/** Starts the bundled server and initializes it like VS Code would (pull diagnostics, configuration). */
export async function startServer(options: { folders?: WorkspaceFolder[]; settings?: Record<string, unknown>; execArgv?: string[] } = {}): Promise<LspChild> {
  // RAMPART_BENCH_NODE_ARGS: extra node flags for the server (`--cpu-prof` to profile it).
  const extra = (process.env.RAMPART_BENCH_NODE_ARGS ?? '').split(' ').filter((x) => x !== '');
  // The flags the extension starts the server with (RAMPART_BENCH_DEFAULT_V8=1: node's defaults, to compare).
  const own = process.env.RAMPART_BENCH_DEFAULT_V8 === '1' ? [] : SERVER_EXEC_ARGV;
  const child = spawn(process.execPath, [...own, ...extra, ...(options.execArgv ?? []), join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const settings = options.settings ?? {};
  connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === 'rampart' ? settings : null)));
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.onRequest(DiagnosticRefreshRequest.type, () => undefined);
  connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
  for (const method of ['textDocument/publishDiagnostics', 'window/logMessage', 'window/showMessage', 'rampart/status']) connection.onNotification(method, () => undefined);
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: options.folders?.[0]?.uri ?? null,
    capabilities: CAPABILITIES,
    workspaceFolders: options.folders ?? null,
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return {
    connection,
    process: child,
    async stop() {
      try {
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
      } catch {
        // Already gone.
      }
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => {
          child.kill();
          resolve();
        }, 3000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      connection.dispose();
    },
  };
}
