// Wires the LSP handlers to the engine. Takes any Connection (stdio, IPC, or paired streams in
// tests); main.ts is the only file that creates one. Diagnostics are pulled when the client
// supports it and pushed otherwise; code actions read Diagnostic.data; settings come from
// workspace/configuration; `.rampart.yaml` is validated and completed when open.
import {
  TextDocuments,
  DocumentDiagnosticReportKind,
  DidChangeWatchedFilesNotification,
  DidChangeConfigurationNotification,
  CompletionRequest,
  type Connection,
  type CodeAction,
  type CompletionItem,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TOOL_VERSION, HOME_URL } from '../engine/identity';
import { URI } from './uri';
import { ServerLinter, isConfigFilePath } from './linter';
import { DEFAULT_SETTINGS, normalizeSettings, type RampartSettings } from './settings';
import { DiagnosticStore, type Report } from './diagnostic-store';
import { buildCodeActions, type ShowDocsArgs } from './code-actions';
import { configCompletions, COMPLETION_TRIGGERS } from './config-completion';
import { diffEdits } from './text-diff';
import { safeNotification, safeRequest } from './safe';
import { describeError } from '../engine/errors';
import {
  readClientCaps,
  serverCapabilities,
  CLIENT_SHOW_DOCS_COMMAND,
  CONFIG_SELECTOR,
  SERVER_SHOW_DOCS_COMMAND,
  type ClientCaps,
} from './capabilities';

/** Files whose change on disk changes other files' findings. */
export const WATCHED_GLOBS = ['**/.rampart.{yaml,yml}', '**/.dockerignore', '**/*.dockerignore'];

function memo<T>(fn: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = fn();
      done = true;
    }
    return value;
  };
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const linter = new ServerLinter();
  const store = new DiagnosticStore();
  let caps: ClientCaps = readClientCaps({ capabilities: {} } as unknown as InitializeParams);
  /** Settings per document URI, fetched once until the configuration changes. */
  const settingsCache = new Map<string, Promise<RampartSettings>>();
  /** Used when the client cannot answer workspace/configuration. */
  let globalSettings: RampartSettings = { ...DEFAULT_SETTINGS };

  const log = (message: string) => {
    try {
      connection.console.error(message);
    } catch {
      // The connection is gone; nothing left to tell.
    }
  };

  const settingsFor = (uri: string): Promise<RampartSettings> => {
    if (!caps.configuration) return Promise.resolve(globalSettings);
    let p = settingsCache.get(uri);
    if (!p) {
      p = connection.workspace.getConfiguration({ scopeUri: uri, section: 'rampart' }).then(
        (raw: unknown) => normalizeSettings(raw),
        (err: unknown) => {
          settingsCache.delete(uri);
          log(`Rampart: workspace/configuration failed, using defaults: ${String(err)}`);
          return { ...DEFAULT_SETTINGS };
        },
      );
      settingsCache.set(uri, p);
    }
    return p;
  };

  /** The current report of an open document: linted at most once per version and config epoch. */
  const reportFor = async (uri: string): Promise<Report | undefined> => {
    const epoch = store.epoch;
    const settings = await settingsFor(uri);
    const doc = documents.get(uri);
    if (!doc) return undefined;
    return store.get(uri, doc.version, epoch) ?? store.set(uri, doc.version, epoch, linter.diagnose(doc, settings));
  };

  // Push mode: one publish per document per turn of the event loop, whatever arrived meanwhile.
  const pending = new Set<string>();
  const publishSoon = (uri: string) => {
    if (caps.pull || pending.has(uri)) return;
    pending.add(uri);
    setImmediate(
      safeNotification(log, 'publishDiagnostics', async () => {
        pending.delete(uri);
        const report = await reportFor(uri);
        const doc = documents.get(uri);
        if (!report || !doc || store.pushedId(uri) === report.resultId) return;
        // Nothing to say about a file that never had diagnostics (most YAML files are not ours).
        if (report.items.length === 0 && store.pushedId(uri) === undefined) {
          store.markPushed(uri, report.resultId);
          return;
        }
        store.markPushed(uri, report.resultId);
        await connection.sendDiagnostics({ uri, version: doc.version, diagnostics: report.items });
      }),
    );
  };

  /** Settings, a config file or a watched file changed: every open document is linted again. */
  let refreshQueued = false;
  const relintAll = () => {
    store.bump();
    if (!caps.pull) {
      for (const d of documents.all()) publishSoon(d.uri);
      return;
    }
    if (!caps.refresh || refreshQueued) return;
    refreshQueued = true;
    setImmediate(() => {
      refreshQueued = false;
      connection.languages.diagnostics.refresh().catch((err: unknown) => log(`Rampart: diagnostic refresh failed: ${String(err)}`));
    });
  };

  connection.onInitialize(
    (params: InitializeParams): InitializeResult => {
      try {
        caps = readClientCaps(params);
      } catch (err) {
        log(`Rampart: unreadable initialize parameters, assuming a minimal client: ${String(err)}`);
      }
      // Clients without workspace/configuration may pass settings up front:
      // `initializationOptions: {settings: {rampart: {...}}}` (or `{settings: {...}}`).
      const init = params?.initializationOptions as { settings?: { rampart?: unknown } } | undefined;
      if (init && typeof init === 'object' && init.settings && typeof init.settings === 'object') {
        globalSettings = normalizeSettings(init.settings.rampart ?? init.settings);
      }
      return { capabilities: serverCapabilities(caps), serverInfo: { name: 'rampart', version: TOOL_VERSION } };
    },
  );

  connection.onInitialized(
    safeNotification(log, 'initialized', async () => {
      const jobs: Array<Promise<unknown>> = [];
      if (caps.watchedFilesRegistration) {
        jobs.push(connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) }));
      }
      if (caps.configurationRegistration) {
        jobs.push(connection.client.register(DidChangeConfigurationNotification.type, { section: 'rampart' }));
      }
      if (caps.completionRegistration) {
        jobs.push(connection.client.register(CompletionRequest.type, { documentSelector: CONFIG_SELECTOR, triggerCharacters: COMPLETION_TRIGGERS }));
      }
      await Promise.all(jobs);
    }),
  );

  // Documents. onDidChangeContent also fires on open.
  documents.onDidChangeContent(
    safeNotification(log, 'didChange', (e) => {
      linter.didChange(e.document);
      const path = URI.toPath(e.document.uri);
      if (path && isConfigFilePath(path)) {
        // An open `.rampart.yaml` shadows the disk: its edits apply at once.
        linter.invalidate([path]);
        relintAll();
      }
      publishSoon(e.document.uri);
    }),
  );
  documents.onDidClose(
    safeNotification(log, 'didClose', (e) => {
      const uri = e.document.uri;
      linter.didClose(e.document);
      store.delete(uri);
      settingsCache.delete(uri);
      const path = URI.toPath(uri);
      if (path && isConfigFilePath(path)) {
        linter.invalidate([path]);
        relintAll();
      }
      if (!caps.pull) void connection.sendDiagnostics({ uri, diagnostics: [] });
    }),
  );

  connection.languages.diagnostics.on(
    safeRequest(
      log,
      'textDocument/diagnostic',
      (): DocumentDiagnosticReport => ({ kind: DocumentDiagnosticReportKind.Full, items: [] }),
      async (params): Promise<DocumentDiagnosticReport> => {
        const uri = params.textDocument.uri;
        const report = await reportFor(uri);
        if (!report) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
        if (params.previousResultId === report.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId };
        return { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.items };
      },
    ),
  );

  connection.onCodeAction(
    safeRequest(log, 'textDocument/codeAction', (): CodeAction[] => [], async (params) => {
      const uri = params.textDocument.uri;
      const settings = await settingsFor(uri);
      const doc = documents.get(uri);
      if (!doc || !settings.enable) return [];
      let parsed;
      try {
        parsed = linter.parsed(doc, settings);
      } catch (err) {
        log(`Rampart: cannot parse ${uri} for code actions: ${describeError(err)}`);
      }
      return buildCodeActions({
        doc,
        diagnostics: Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [],
        only: params.context?.only,
        parsed,
        current: memo(() => linter.lintResult(doc, settings)?.diagnostics ?? []),
        fixedText: memo(() => linter.fixAll(doc, settings)),
        diff: diffEdits,
        showDocsCommand: caps.clientShowDocs ? CLIENT_SHOW_DOCS_COMMAND : SERVER_SHOW_DOCS_COMMAND,
        documentChanges: caps.documentChanges,
      });
    }),
  );

  connection.onCompletion(
    safeRequest(log, 'textDocument/completion', (): CompletionItem[] => [], async (params) => {
      const doc = documents.get(params.textDocument.uri);
      const path = doc ? URI.toPath(doc.uri) : undefined;
      if (!doc || !path || !isConfigFilePath(path)) return [];
      if (!(await settingsFor(doc.uri)).enable) return [];
      return configCompletions(doc.getText(), params.position, params.context?.triggerCharacter);
    }),
  );

  connection.onExecuteCommand(
    safeRequest(log, 'workspace/executeCommand', () => null, async (params) => {
      if (params.command !== SERVER_SHOW_DOCS_COMMAND) return null;
      const args = params.arguments?.[0] as Partial<ShowDocsArgs> | undefined;
      const url = typeof args?.url === 'string' && args.url.startsWith(`${HOME_URL}/`) ? args.url : undefined;
      if (!url) return null;
      if (caps.showDocument) await connection.window.showDocument({ uri: url, external: true });
      else connection.window.showInformationMessage(`Documentation for ${String(args?.rule)}: ${url}`);
      return null;
    }),
  );

  connection.onDidChangeConfiguration(
    safeNotification(log, 'didChangeConfiguration', (params) => {
      settingsCache.clear();
      const pushed = (params?.settings as { rampart?: unknown } | undefined)?.rampart;
      if (!caps.configuration && pushed !== undefined) globalSettings = normalizeSettings(pushed);
      relintAll();
    }),
  );

  connection.onDidChangeWatchedFiles(
    safeNotification(log, 'didChangeWatchedFiles', (params) => {
      const paths = (params?.changes ?? []).map((c) => URI.toPath(c.uri)).filter((p): p is string => p !== undefined);
      linter.invalidate(paths);
      relintAll();
    }),
  );

  documents.listen(connection);
  connection.listen();
}
