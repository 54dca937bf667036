// The only file that creates the connection; everything else takes a Connection so tests can
// run the server in-process over paired streams.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

startServer(createConnection(ProposedFeatures.all));
