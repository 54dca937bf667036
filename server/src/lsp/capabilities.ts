// What the client can do (read once from InitializeParams) and what the server announces.
import { TextDocumentSyncKind, type InitializeParams, type ServerCapabilities } from 'vscode-languageserver';
import { FIX_ALL_KIND, DOCS_KIND, FIX_ALL_QUICKFIX_KIND, HARDEN_KIND, SUPPRESS_FILE_KIND, SUPPRESS_LINE_KIND, TLS_PROFILE_KIND } from './code-actions';
import { COMPLETION_TRIGGERS } from './config-completion';

/** The command the VS Code extension handles itself (opens the bundled rule page). */
export const CLIENT_SHOW_DOCS_COMMAND = 'rampart.showDocumentation';
/** The same, executed by the server for other clients (window/showDocument with the docs URL). */
export const SERVER_SHOW_DOCS_COMMAND = 'rampart.server.showDocumentation';

export interface ClientCaps {
  /** `textDocument/diagnostic`: otherwise diagnostics are pushed. */
  pull: boolean;
  /** `workspace/diagnostic/refresh`. */
  refresh: boolean;
  /** `workspace/configuration`: otherwise defaults (or didChangeConfiguration's payload). */
  configuration: boolean;
  watchedFilesRegistration: boolean;
  configurationRegistration: boolean;
  completionRegistration: boolean;
  documentChanges: boolean;
  showDocument: boolean;
  /** The client runs `rampart.showDocumentation` itself (the VS Code extension says so). */
  clientShowDocs: boolean;
  /** The client sets a document's language when told (`rampart/documentLanguage`): the VS Code extension does. */
  languageHints: boolean;
}

/**
 * Server → client notification: Rampart recognised a document as a language its editor did not
 * (a `.conf` file opened as plain text or properties is nginx). Params: `{uri, languageId}`. Sent
 * once per document per server run, only to clients that declare `languageHints: true` in their
 * initialization options.
 */
export const DOCUMENT_LANGUAGE_NOTIFICATION = 'rampart/documentLanguage';

export function readClientCaps(params: InitializeParams): ClientCaps {
  const c = params?.capabilities ?? {};
  const init = params?.initializationOptions as { clientCommands?: unknown; languageHints?: unknown } | undefined;
  const clientCommands = Array.isArray(init?.clientCommands) ? init.clientCommands : [];
  return {
    pull: !!c.textDocument?.diagnostic,
    refresh: !!c.workspace?.diagnostics?.refreshSupport,
    configuration: !!c.workspace?.configuration,
    watchedFilesRegistration: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    configurationRegistration: !!c.workspace?.didChangeConfiguration?.dynamicRegistration,
    completionRegistration: !!c.textDocument?.completion?.dynamicRegistration,
    documentChanges: !!c.workspace?.workspaceEdit?.documentChanges,
    showDocument: !!c.window?.showDocument?.support,
    clientShowDocs: clientCommands.includes(CLIENT_SHOW_DOCS_COMMAND),
    languageHints: init?.languageHints === true,
  };
}

export const CONFIG_SELECTOR = [{ pattern: '**/.rampart.yaml' }, { pattern: '**/.rampart.yml' }];

export function serverCapabilities(caps: ClientCaps): ServerCapabilities {
  return {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    codeActionProvider: {
      codeActionKinds: ['quickfix', 'quickfix.rampart', SUPPRESS_LINE_KIND, SUPPRESS_FILE_KIND, DOCS_KIND, FIX_ALL_QUICKFIX_KIND, 'refactor.rewrite', HARDEN_KIND, TLS_PROFILE_KIND, 'source.fixAll', FIX_ALL_KIND],
      resolveProvider: false,
    },
    executeCommandProvider: { commands: [SERVER_SHOW_DOCS_COMMAND] },
    // Languages answer through their plugin (nginx: directive and variable docs).
    hoverProvider: true,
    // Registered per `.rampart.yaml` selector when the client allows it, so no other file pays.
    ...(caps.completionRegistration ? {} : { completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false } }),
    // interFileDependencies: a compose file's findings depend on the Dockerfile it builds, its
    // .env, override files and more (see dependencies.ts).
    ...(caps.pull ? { diagnosticProvider: { identifier: 'rampart', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
  };
}
