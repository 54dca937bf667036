// The only file that creates the connection; everything else takes a Connection so tests can
// run the server in-process over paired streams. The transport comes from the command line
// (`--stdio`, `--node-ipc`, `--socket=<port>`), as vscode-languageserver/node reads it.
//
// The same bundle also runs the workspace scan's worker thread (lsp/scan-worker.ts), which must
// not open a connection: everything below happens on the main thread only.
import { isMainThread } from 'node:worker_threads';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';
import { describe } from './lsp/safe';

function main(connection: Connection): void {
  // Last line of defence: a stray exception is logged, never the end of the server.
  const report = (what: string) => (err: unknown) => {
    try {
      connection.console.error(`Rampart: ${what}: ${describe(err)}`);
    } catch {
      // Nowhere left to report to.
    }
  };
  process.on('uncaughtException', report('uncaught exception'));
  process.on('unhandledRejection', report('unhandled promise rejection'));

  startServer(connection);
}

if (isMainThread) main(createConnection(ProposedFeatures.all));
