// In-process language server for tests: the real startServer() over two paired PassThrough
// streams, built with the transport-neutral createConnection (never the /node one, which calls
// process.exit on `exit` and when its input closes) and a WatchDog that records exit codes.
// The client side is a bare protocol connection with toggles for the capabilities that change
// the server's behaviour, a configuration responder, and await helpers with timeouts.
import { PassThrough } from 'node:stream';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createConnection, ProposedFeatures, createProtocolConnection as createServerProtocol, type WatchDog } from 'vscode-languageserver';
// Only the stream adapters come from the /node entry (loading it installs the runtime layer the
// server's own copy of vscode-jsonrpc needs); its createConnection is never used here.
import { StreamMessageReader as ServerReader, StreamMessageWriter as ServerWriter } from 'vscode-languageserver/node';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  DocumentDiagnosticRequest,
  CodeActionRequest,
  CompletionRequest,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  ShutdownRequest,
  ExitNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  PublishDiagnosticsNotification,
  ConfigurationRequest,
  RegistrationRequest,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  DiagnosticRefreshRequest,
  ShowDocumentRequest,
  LogMessageNotification,
  ShowMessageNotification,
  type ProtocolConnection,
  type ClientCapabilities,
  type Diagnostic,
  type CodeAction,
  type Command,
  type CompletionItem,
  type CompletionList,
  type Hover,
  type DocumentDiagnosticReport,
  type PublishDiagnosticsParams,
  type Registration,
  type Range,
  type InitializeResult,
  type ShowDocumentParams,
  type FileEvent,
  type Unregistration,
} from 'vscode-languageserver-protocol/node';
import { startServer } from '../../server/src/lsp/server';
import { URI } from '../../server/src/lsp/uri';

export const TIMEOUT = 10_000;

export function withTimeout<T>(p: Promise<T>, what: string, ms = TIMEOUT): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    }),
  ]);
}

export interface ClientOptions {
  /** Declare textDocument.diagnostic (pull). Default true. */
  pull?: boolean;
  /** Declare workspace.diagnostics.refreshSupport. Default true. */
  refresh?: boolean;
  /** Answer workspace/configuration. Default true. */
  configuration?: boolean;
  /** Allow dynamic registration (watchers, configuration, completion). Default true. */
  dynamicRegistration?: boolean;
  /** Accept versioned documentChanges. Default true. */
  documentChanges?: boolean;
  showDocument?: boolean;
  initializationOptions?: unknown;
  /** The `rampart` settings section the client answers with. */
  settings?: Record<string, unknown>;
  /** Other configuration sections the client answers (`files.exclude` …). */
  sections?: Record<string, unknown>;
  /** Files written under the temporary folder before `initialize` (relative path -> text). */
  files?: Record<string, string>;
  /** Workspace folders as sub-folders of the temporary folder (default: the folder itself). */
  folders?: string[];
  /** Declare workspace.workspaceFolders (folder change notifications). Default false. */
  workspaceFolders?: boolean;
  /** Allow dynamic registration of the diagnostic provider. Default false. */
  diagnosticRegistration?: boolean;
  /** Declare window.workDoneProgress. Default false. */
  workDoneProgress?: boolean;
}

export function clientCapabilities(o: ClientOptions): ClientCapabilities {
  const dyn = o.dynamicRegistration ?? true;
  return {
    workspace: {
      configuration: o.configuration ?? true,
      didChangeConfiguration: { dynamicRegistration: dyn },
      didChangeWatchedFiles: { dynamicRegistration: dyn },
      workspaceEdit: { documentChanges: o.documentChanges ?? true },
      workspaceFolders: o.workspaceFolders ?? false,
      ...((o.pull ?? true) ? { diagnostics: { refreshSupport: o.refresh ?? true } } : {}),
    },
    textDocument: {
      synchronization: { dynamicRegistration: false, didSave: true },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      codeAction: {
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll'] } },
        isPreferredSupport: true,
        dataSupport: true,
      },
      completion: { dynamicRegistration: dyn, completionItem: { snippetSupport: false, documentationFormat: ['markdown', 'plaintext'] } },
      ...((o.pull ?? true) ? { diagnostic: { dynamicRegistration: o.diagnosticRegistration ?? false, relatedDocumentSupport: false } } : {}),
    },
    window: { showDocument: { support: o.showDocument ?? false }, workDoneProgress: o.workDoneProgress ?? false },
  };
}

export class TestServer {
  readonly client: ProtocolConnection;
  readonly events = new EventEmitter();
  readonly published: PublishDiagnosticsParams[] = [];
  readonly registrations: Registration[] = [];
  readonly unregistrations: Unregistration[] = [];
  /** Progress tokens the server created with window/workDoneProgress/create. */
  readonly progressTokens: Array<string | number> = [];
  readonly logs: string[] = [];
  readonly messages: string[] = [];
  readonly shownDocuments: ShowDocumentParams[] = [];
  /** `rampart/documentLanguage` notifications received. */
  readonly languageHints: Array<{ uri: string; languageId: string }> = [];
  readonly exitCodes: number[] = [];
  refreshes = 0;
  configurationRequests = 0;
  settings: Record<string, unknown>;
  initializeResult!: InitializeResult;
  readonly dir: string;
  private readonly versions = new Map<string, number>();
  private readonly streams: PassThrough[];

  private constructor(readonly options: ClientOptions) {
    this.settings = options.settings ?? {};
    this.dir = mkdtempSync(join(tmpdir(), 'rampart-lsp-'));
    for (const [rel, text] of Object.entries(options.files ?? {})) this.writeFile(rel, text);
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    this.streams = [toServer, toClient];
    const exitCodes = this.exitCodes;
    const watchDog: WatchDog = {
      shutdownReceived: false,
      initialize: () => undefined,
      exit: (code: number) => {
        exitCodes.push(code);
        this.events.emit('event');
      },
    };
    const server = createConnection(
      (logger) => createServerProtocol(new ServerReader(toServer), new ServerWriter(toClient), logger),
      watchDog,
      ProposedFeatures.all,
    );
    startServer(server);

    const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    this.client = client;
    const emit = () => this.events.emit('event');
    client.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      emit();
    });
    client.onNotification('rampart/documentLanguage', (p: { uri: string; languageId: string }) => {
      this.languageHints.push(p);
      emit();
    });
    client.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p.message);
      emit();
    });
    client.onNotification(ShowMessageNotification.type, (p) => {
      this.messages.push(p.message);
      emit();
    });
    client.onRequest(ConfigurationRequest.type, (p) => {
      this.configurationRequests++;
      emit();
      return p.items.map((i) => (i.section === 'rampart' ? this.settings : (this.options.sections?.[i.section ?? ''] ?? null)));
    });
    client.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
      emit();
    });
    client.onRequest(UnregistrationRequest.type, (p) => {
      this.unregistrations.push(...p.unregisterations);
      emit();
    });
    client.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      this.progressTokens.push(p.token);
      emit();
    });
    client.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshes++;
      emit();
    });
    client.onRequest(ShowDocumentRequest.type, (p) => {
      this.shownDocuments.push(p);
      emit();
      return { success: true };
    });
    client.listen();
  }

  static async start(options: ClientOptions = {}): Promise<TestServer> {
    const s = new TestServer(options);
    s.initializeResult = await withTimeout(
      s.client.sendRequest(InitializeRequest.type, {
        processId: null,
        rootUri: URI.fromPath(s.dir),
        capabilities: clientCapabilities(options),
        initializationOptions: options.initializationOptions,
        workspaceFolders: (options.folders ?? ['']).map((f) => ({ uri: URI.fromPath(f ? join(s.dir, f) : s.dir), name: f || 'test' })),
      }),
      'initialize',
    );
    await s.client.sendNotification(InitializedNotification.type, {});
    return s;
  }

  /** Resolves once `predicate` holds, checking after every message from the server. */
  waitFor(predicate: () => boolean, what: string, ms = TIMEOUT): Promise<void> {
    if (predicate()) return Promise.resolve();
    return withTimeout(
      new Promise<void>((resolve) => {
        const check = () => {
          if (predicate()) {
            this.events.off('event', check);
            resolve();
          }
        };
        this.events.on('event', check);
      }),
      what,
      ms,
    );
  }

  /** Writes a file under the test's temporary folder; returns its absolute path. */
  writeFile(rel: string, text: string): string {
    const path = join(this.dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  }

  uri(rel: string): string {
    return URI.fromPath(join(this.dir, rel));
  }

  async open(uri: string, text: string, languageId = 'dockerfile', version = 1): Promise<void> {
    this.versions.set(uri, version);
    await this.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces the whole text (a full-content change); returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return withTimeout(
      this.client.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) }),
      `diagnostics for ${uri}`,
    );
  }

  async pullItems(uri: string): Promise<Diagnostic[]> {
    const r = await this.pull(uri);
    if (r.kind !== 'full') throw new Error(`expected a full report, got ${r.kind}`);
    return r.items;
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const r = await withTimeout(
      this.client.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } }),
      'code actions',
    );
    return (r ?? []).filter((a): a is CodeAction => !isCommand(a));
  }

  async complete(uri: string, line: number, character: number, triggerCharacter?: string): Promise<CompletionItem[]> {
    const r: CompletionItem[] | CompletionList | null = await withTimeout(
      this.client.sendRequest(CompletionRequest.type, {
        textDocument: { uri },
        position: { line, character },
        context: triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 },
      }),
      'completion',
    );
    return Array.isArray(r) ? r : (r?.items ?? []);
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return withTimeout(this.client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } }), 'hover');
  }

  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.client.sendNotification(DidChangeConfigurationNotification.type, { settings: { rampart: settings } });
  }

  async fileChanged(changes: FileEvent[]): Promise<void> {
    await this.client.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** shutdown + exit, then closes both ends. Resolves with the exit code the server chose. */
  async stop(): Promise<number | undefined> {
    try {
      await withTimeout(this.client.sendRequest(ShutdownRequest.type), 'shutdown');
      await this.client.sendNotification(ExitNotification.type);
      await this.waitFor(() => this.exitCodes.length > 0, 'exit');
    } finally {
      this.client.dispose();
      for (const s of this.streams) s.end();
      rmSync(this.dir, { recursive: true, force: true });
    }
    return this.exitCodes[0];
  }
}

function isCommand(a: CodeAction | Command): a is Command {
  return typeof (a as Command).command === 'string' && !('kind' in a) && !('edit' in a);
}

/** Applies LSP text edits to a text (tests only; the engine's applyEdits does the real work). */
export { applyEdits } from '../../server/src/engine/fixes';
