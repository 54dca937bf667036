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
// Required, not imported: the CommonJS build that dockerfile-ast requires too (an import would
// bundle the package's ESM build as a second copy).
import textDocument = require('vscode-languageserver-textdocument');

const { TextDocument } = textDocument;
type TextDocument = textDocument.TextDocument;
import { TOOL_VERSION, HOME_URL } from '../engine/identity';
import { URI } from './uri';
import { ServerLinter, isConfigFilePath } from './linter';
import { DEFAULT_SETTINGS, normalizeSettings, type RampartSettings } from './settings';
import { DiagnosticStore, type Report } from './diagnostic-store';
import { buildCodeActions, type ShowDocsArgs } from './code-actions';
import { configCompletions, COMPLETION_TRIGGERS } from './config-completion';
import { diffEdits } from './text-diff';
import { hoverFor } from './hover';
import { safeNotification, safeRequest } from './safe';
import { WorkspaceDiagnostics, SCAN_COMMAND } from './workspace-diagnostics';
import { describeError } from '../engine/errors';
import {
  readClientCaps,
  serverCapabilities,
  CLIENT_SHOW_DOCS_COMMAND,
  CONFIG_SELECTOR,
  DOCUMENT_LANGUAGE_NOTIFICATION,
  SERVER_SHOW_DOCS_COMMAND,
  type ClientCaps,
} from './capabilities';
import { IdleCollector } from './idle-gc';

/** Editor languages a `.conf` file opens as before Rampart recognises it as nginx. */
const LANGUAGE_IDS_TO_HINT = new Set(['plaintext', 'properties']);

/** Files whose change on disk changes other files' findings. */
export const WATCHED_GLOBS = [
  '**/.rampart.{yaml,yml}',
  '**/.dockerignore',
  '**/*.dockerignore',
  // What compose files read: the Dockerfile a service builds, other compose files (override,
  // COMPOSE_FILE, extends, include), .env and env_file files, .gitignore.
  '**/Dockerfile*',
  '**/Containerfile*',
  '**/*.{dockerfile,Dockerfile}',
  '**/*.{yaml,yml}',
  // Traefik: TOML static and dynamic files (YAML ones are covered above), and files appearing in
  // or vanishing from a file-provider folder (their paths match one of these patterns).
  '**/*.toml',
  '**/.env*',
  '**/*.env',
  '**/.gitignore',
  // nginx: included files and includers, and the images that tell the nginx version.
  '**/*.{conf,nginx,conf.template}',
];

/** Changes that can affect every open document (configuration), rather than the ones that read the file. */
function changesEverything(path: string): boolean {
  return isConfigFilePath(path) || path.endsWith('.dockerignore');
}

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

  /** Documents already told about (once per server run: a user who switches back is not overruled). */
  const hinted = new Set<string>();
  /** Tells a client that opened an nginx file as plain text or properties what it is. */
  const hintLanguage = (doc: TextDocument, settings: RampartSettings) => {
    if (!caps.languageHints || hinted.has(doc.uri) || !LANGUAGE_IDS_TO_HINT.has(doc.languageId)) return;
    const path = URI.toPath(doc.uri);
    if (!path || !settings.enable) return;
    const language = linter.languageOf(path, doc.getText(), linter.configFor(path, settings));
    if (language !== 'nginx') return;
    hinted.add(doc.uri);
    void connection.sendNotification(DOCUMENT_LANGUAGE_NOTIFICATION, { uri: doc.uri, languageId: 'nginx' }).catch((err: unknown) => log(`Rampart: ${DOCUMENT_LANGUAGE_NOTIFICATION} failed: ${String(err)}`));
  };
  // The workspace scan (rampart.diagnosticMode: workspace): unopened files, watchers, status.
  const workspace = new WorkspaceDiagnostics({ connection, linter, documents, settingsFor, caps: () => caps, log });

  // Young-generation collections where they cost a keystroke least (idle-gc.ts).
  const idle = new IdleCollector();
  /** The current report of an open document: linted at most once per version and config epoch. */
  const reportFor = async (uri: string): Promise<Report | undefined> => {
    const epoch = store.epoch;
    const settings = await settingsFor(uri);
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const hit = store.get(uri, doc.version, epoch);
    if (hit) return hit;
    hintLanguage(doc, settings);
    const report = store.set(uri, doc.version, epoch, idle.around(() => linter.diagnose(doc, settings), () => linter.release(doc)));
    workspace.documentReport(uri, report.items);
    return report;
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

  /** Asks a pull client to pull again (once per turn of the event loop). */
  let refreshQueued = false;
  const refreshSoon = () => {
    if (!caps.refresh || refreshQueued) return;
    refreshQueued = true;
    setImmediate(() => {
      refreshQueued = false;
      connection.languages.diagnostics.refresh().catch((err: unknown) => log(`Rampart: diagnostic refresh failed: ${String(err)}`));
    });
  };

  /** Settings, a config file or a watched file changed: every open document is linted again. */
  const relintAll = () => {
    store.bump();
    if (!caps.pull) {
      for (const d of documents.all()) publishSoon(d.uri);
      return;
    }
    refreshSoon();
  };

  /**
   * Files changed (an open buffer edited or closed, a watched file on disk): the open documents
   * whose last lint read one of them are linted again. Pull clients without refresh support
   * re-pull on their own (the server declares interFileDependencies).
   */
  const relintDependents = (paths: string[]) => {
    const dependents = new Set(linter.dependencies.dependents(paths));
    if (dependents.size === 0) return;
    let any = false;
    for (const d of documents.all()) {
      const p = URI.toPath(d.uri);
      if (!p || !dependents.has(p)) continue;
      store.invalidate(d.uri);
      any = true;
      if (!caps.pull) publishSoon(d.uri);
    }
    if (any && caps.pull) refreshSoon();
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
      workspace.initialize(params);
      return { capabilities: workspace.capabilities(serverCapabilities(caps)), serverInfo: { name: 'rampart', version: TOOL_VERSION } };
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
      jobs.push(workspace.initializedAsync());
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
      } else if (path) {
        // An open Dockerfile (or .env, override file …) shadows the disk too: the compose files
        // that read it are linted again with the buffer's text.
        relintDependents([path]);
      }
      publishSoon(e.document.uri);
      workspace.documentChanged(e.document.uri);
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
      } else if (path) {
        // The disk copy counts again for the documents that read this one.
        relintDependents([path]);
      }
      if (!caps.pull) void connection.sendDiagnostics({ uri, diagnostics: [] });
      workspace.documentClosed(uri);
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
      const current = memo(() => linter.lintResult(doc, settings)?.diagnostics ?? []);
      return buildCodeActions({
        doc,
        diagnostics: Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [],
        only: params.context?.only,
        parsed,
        current,
        fixedText: memo(() => linter.fixAll(doc, settings)),
        diff: diffEdits,
        showDocsCommand: caps.clientShowDocs ? CLIENT_SHOW_DOCS_COMMAND : SERVER_SHOW_DOCS_COMMAND,
        documentChanges: caps.documentChanges,
        harden: () => {
          const range = params.range;
          if (!range?.start || !range.end) return [];
          try {
            return linter.hardenTargets(doc, settings, range, current).map((service) => ({ service, text: linter.hardenService(doc, settings, service) }));
          } catch (err) {
            // The other actions still stand.
            log(`Rampart: cannot build "Harden service" for ${uri}: ${String(err)}`);
            return [];
          }
        },
        tlsProfile: () => {
          const range = params.range;
          if (!range?.start || !range.end) return [];
          try {
            return linter.tlsProfileTargets(doc, settings, range, current).map((t) => ({ server: t.name, text: linter.tlsProfileText(doc, settings, t.ordinal) }));
          } catch (err) {
            log(`Rampart: cannot build "Apply Mozilla intermediate TLS profile" for ${uri}: ${String(err)}`);
            return [];
          }
        },
      });
    }),
  );

  connection.onHover(
    safeRequest(log, 'textDocument/hover', () => null, async (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      return hoverFor(linter, doc, await settingsFor(doc.uri), params.position);
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
    safeRequest(log, 'workspace/executeCommand', () => null, async (params, token, workDone) => {
      if (params.command === SCAN_COMMAND) return workspace.scanCommand(params, token, workDone);
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
      workspace.configurationChanged(params?.settings);
    }),
  );

  connection.onDidChangeWatchedFiles(
    safeNotification(log, 'didChangeWatchedFiles', (params) => {
      const paths = (params?.changes ?? []).map((c) => URI.toPath(c.uri)).filter((p): p is string => p !== undefined);
      linter.invalidate(paths);
      if (paths.length === 0 || paths.some(changesEverything)) relintAll();
      else relintDependents(paths);
      workspace.filesChanged(params?.changes ?? []);
    }),
  );

  documents.listen(connection);
  connection.listen();
}
