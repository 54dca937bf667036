// Asks the shipped language server what it offers a pull-capable client (as VS Code is): the
// e2e checks for features that land later (the workspace scan) switch on when the server
// advertises them.
import { spawn } from 'node:child_process';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  ShutdownRequest,
  ExitNotification,
  type ServerCapabilities,
} from 'vscode-languageserver-protocol/node';
import { SERVER_JS } from './env';
import { CHILD_MARK, CHILD_MARK_VAR } from './procs';

export async function serverCapabilitiesForVsCode(rootUri: string): Promise<ServerCapabilities> {
  const proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, [CHILD_MARK_VAR]: CHILD_MARK } });
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.listen();
  const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
  try {
    const result = await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
      capabilities: {
        textDocument: { diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false } },
        workspace: { diagnostics: { refreshSupport: true }, configuration: true, workspaceFolders: true },
      },
      initializationOptions: { clientCommands: ['rampart.showDocumentation'] },
    });
    await conn.sendRequest(ShutdownRequest.type);
    await conn.sendNotification(ExitNotification.type);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    return result.capabilities;
  } finally {
    clearTimeout(timer);
    conn.dispose();
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  }
}

/** Whether the server scans the workspace for a client that pulls (VS Code). */
export async function serverHasWorkspaceDiagnostics(rootUri: string): Promise<boolean> {
  const caps = await serverCapabilitiesForVsCode(rootUri);
  const provider = caps.diagnosticProvider;
  return !!provider && typeof provider === 'object' && 'workspaceDiagnostics' in provider && provider.workspaceDiagnostics === true;
}
