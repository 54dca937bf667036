// Wires the LSP handlers to the engine. Diagnostics are pulled when the client supports it and
// pushed otherwise.
import {
  TextDocuments,
  TextDocumentSyncKind,
  DocumentDiagnosticReportKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from './uri';
import { lint, ParseCache } from '../engine/lint';
import { FsWorkspace } from '../node/fs-workspace';
import { ConfigResolver } from '../node/config-resolver';
import { toLspDiagnostic } from './convert';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new ParseCache();
  const workspace = new FsWorkspace((path) => {
    const doc = documents.get(URI.fromPath(path));
    return doc?.getText();
  });
  const configs = new ConfigResolver(workspace);
  let pull = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    pull = !!params.capabilities.textDocument?.diagnostic;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        ...(pull ? { diagnosticProvider: { identifier: 'rampart', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'rampart' },
    };
  });

  const diagnose = (doc: TextDocument): LspDiagnostic[] => {
    const path = URI.toPath(doc.uri);
    if (!path) return [];
    const result = lint(path, doc.getText(), { config: configs.configFor(path), workspace, cache, version: doc.version });
    return result ? result.diagnostics.map((d) => toLspDiagnostic(d, doc.uri)) : [];
  };

  connection.languages.diagnostics.on((params) => {
    const doc = documents.get(params.textDocument.uri);
    return { kind: DocumentDiagnosticReportKind.Full, items: doc ? diagnose(doc) : [] };
  });

  documents.onDidChangeContent((e) => {
    if (!pull) void connection.sendDiagnostics({ uri: e.document.uri, version: e.document.version, diagnostics: diagnose(e.document) });
  });
  documents.onDidClose((e) => {
    cache.delete(URI.toPath(e.document.uri) ?? '');
    if (!pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  documents.listen(connection);
  connection.listen();
}
