// The workspace scan: every Dockerfile, Compose, nginx and Traefik file of every workspace folder
// is linted from disk and reported, whether or not it is open, and kept true as files change.
//
// - Discovery is server/src/node/discover.ts (the CLI's walk): .gitignore files, the nearest
//   config's `ignore` globs, node_modules/.git skipped, plus the editor's `files.exclude` per
//   folder. Files over `rampart.maxFileSize` are reported as skipped, never read whole.
// - Pull clients get `workspace/diagnostic`: result ids are a hash of a file's diagnostics, so a
//   file whose id the client already holds is answered "unchanged"; a file that lost its
//   problems (or was deleted, or became ignored) gets an empty full report; open files are left
//   to the document pull. The request is held open while nothing changes (the client re-sends
//   it 2 s after every answer), results are streamed in batches through the partial result
//   token while a scan runs, and a newer request supersedes an older one (ServerCancelled,
//   retrigger). The provider is registered dynamically by `rampart.diagnosticMode` when the
//   client allows it; otherwise it is static and an `openFiles` client's request just waits.
// - Push clients get publishDiagnostics for the files nobody opened.
// - Watchers: a created, changed, deleted or renamed file (or folder) is discovered, linted or
//   dropped, with the unopened files whose last lint read it (DependencyGraph); a `.gitignore`
//   or `.rampart.yaml` change rediscovers and re-lints the folder it governs.
// - Work runs in slices of a few milliseconds between turns of the event loop, so keystrokes in
//   open documents are answered during a scan.
// - `rampart.server.scanWorkspace` (workspace/executeCommand) re-reads everything from disk
//   with work-done progress and cancellation; the VS Code client shows it as a notification.
// - `rampart/status` notifications (for clients that ask: the VS Code status item) carry counts.
import { performance } from 'node:perf_hooks';
import { statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  WatchKind,
  WorkDoneProgressReporter,
  type CancellationToken,
  type DiagnosticServerCancellationData,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type Disposable,
  type ExecuteCommandParams,
  type FileEvent,
  type InitializeParams,
  type ResultProgressReporter,
  type ServerCapabilities,
  type TextDocuments,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDiagnosticReportPartialResult,
  type WorkspaceDocumentDiagnosticReport,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Language } from '../engine/types';
import { walkAt, type GitRules, type Walk } from '../node/discover';
import { excludeGlobs, filesExcludeMatcher, type PathPredicate } from '../node/files-exclude';
import { DependencyGraph } from './dependencies';
import { isConfigFilePath, type ServerLinter } from './linter';
import { lintClosedFile, ScanWorker, type ClosedFileResult } from './scan-worker';
import { DEFAULT_SETTINGS, type DiagnosticMode, type RampartSettings } from './settings';
import type { ClientCaps } from './capabilities';
import { URI } from './uri';
import { trimTrailingSlashes } from '../engine/posix-path';

/** workspace/executeCommand: re-read and re-lint every file of the workspace. */
export const SCAN_COMMAND = 'rampart.server.scanWorkspace';
/** Server → client notification with a WorkspaceStatus, for clients that set `statusNotifications`. */
export const STATUS_NOTIFICATION = 'rampart/status';

/** The documents the diagnostic provider serves when it is registered dynamically (the VS Code client's selector). */
export const DIAGNOSTIC_SELECTOR = [
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'file', language: 'dockercompose' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'nginx' },
  { scheme: 'file', pattern: '**/*.toml' },
  { scheme: 'file', pattern: '**/*.conf' },
  { scheme: 'file', pattern: '**/.rampart.yaml' },
  { scheme: 'file', pattern: '**/.rampart.yml' },
];

export interface WorkspaceStatus {
  mode: DiagnosticMode;
  /** True while files are being discovered or linted. */
  scanning: boolean;
  /** Files linted so far out of `total` in the current scan (both 0 when idle). */
  done: number;
  total: number;
  /** Rampart files known in the workspace (open ones included). */
  files: number;
  filesWithProblems: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface ScanResult {
  mode: DiagnosticMode;
  /** False when the mode is `openFiles`: nothing was scanned. */
  scanned: boolean;
  cancelled: boolean;
  files: number;
  filesWithProblems: number;
  errors: number;
  warnings: number;
  infos: number;
  ms: number;
}

export interface WorkspaceHost {
  connection: Connection;
  linter: ServerLinter;
  documents: TextDocuments<TextDocument>;
  /** Settings for a resource (cached by the server until the configuration changes). */
  settingsFor(uri: string): Promise<RampartSettings>;
  caps(): ClientCaps;
  log(message: string): void;
}

interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

interface Folder {
  uri: string;
  path: string;
  settings: RampartSettings;
  exclude?: PathPredicate;
}

interface FileState {
  language: Language;
  folder: Folder;
  /** Hash of the last diagnostics; undefined until the file has been linted. */
  resultId?: string;
  counts: Counts;
  /** The last diagnostics, kept until they are reported (or dropped to save memory). */
  items?: LspDiagnostic[];
}

interface DiscoveryTask {
  folder: Folder;
  path: string;
  walk?: Walk;
}

interface PendingRequest {
  prev: Map<string, string>;
  superseded: boolean;
  wake: () => void;
}

/** Time a slice of scanning work may take before the event loop gets a turn. */
const SLICE_MS = 8;
/** Partial results go out at most this often (or when a batch is this large). */
const PARTIAL_MS = 50;
const PARTIAL_ITEMS = 500;
/** Watcher and buffer events are gathered this long before they are acted on. */
const SETTLE_MS = 30;
const STATUS_MS = 200;
/** Files per message to the scan worker. */
const BATCH = 32;
/** The scan worker is stopped (and its memory released) after this long without work. */
const WORKER_IDLE_MS = 1000;

const NO_COUNTS: Counts = { errors: 0, warnings: 0, infos: 0 };

function countsOf(items: LspDiagnostic[]): Counts {
  const c = { errors: 0, warnings: 0, infos: 0 };
  for (const d of items) {
    if (d.severity === 1) c.errors++;
    else if (d.severity === 2) c.warnings++;
    else c.infos++;
  }
  return c;
}

function resultIdOf(items: LspDiagnostic[]): string {
  return createHash('sha1').update(JSON.stringify(items)).digest('base64url').slice(0, 22);
}

function within(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir === '/' ? '/' : `${dir}/`);
}

function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class WorkspaceDiagnostics {
  private folders: Folder[] = [];
  private initialFolders: WorkspaceFolder[] = [];
  private mode: DiagnosticMode = DEFAULT_SETTINGS.diagnosticMode;
  private initialized = false;
  /** Discovery of the whole workspace has been queued once (lazily, on first need). */
  private started = false;

  private readonly files = new Map<string, FileState>();
  /** Files to lint, in order; a file with a resultId in here is a forced re-read (scan command). */
  private readonly queue = new Set<string>();
  private tasks: DiscoveryTask[] = [];
  private gitRules = new Map<string, GitRules | null>();
  private pumping: Promise<void> | undefined;
  /** What the unopened files' last lints read. */
  readonly dependencies = new DependencyGraph();
  private readonly openPaths = new Set<string>();
  /** The URI each open document was opened with (for its text). */
  private readonly openUris = new Map<string, string>();
  /** Where unopened files are linted: a worker thread, unless turned off or unavailable. */
  private worker: ScanWorker | undefined;
  private workerIdle: NodeJS.Timeout | undefined;
  private readonly openCounts = new Map<string, Counts>();
  private totals: Counts = { errors: 0, warnings: 0, infos: 0 };
  private withProblems = 0;

  /** Paths whose report may have changed since position `logStart`. */
  private log: string[] = [];
  private logStart = 0;
  private waiters = new Set<() => void>();
  private request: PendingRequest | undefined;
  /** Push clients: the result id last published per path (only files published non-empty). */
  private readonly published = new Map<string, string>();

  private pendingEvents = new Map<string, 'upsert' | 'delete'>();
  private pendingBuffers = new Set<string>();
  private settleTimer: NodeJS.Timeout | undefined;
  private registration: Disposable | undefined;
  private statusTimer: NodeJS.Timeout | undefined;
  private scanTotal = 0;
  private initExclude: unknown;
  private diagnosticRegistration = false;
  private workDoneProgress = false;
  private statusNotifications = false;
  private clientFolders = false;
  private disposed = false;

  constructor(private readonly host: WorkspaceHost) {
    host.connection.languages.diagnostics.onWorkspace(async (params, token, _workDone, resultProgress) => {
      try {
        return await this.workspaceDiagnostics(params, token, resultProgress);
      } catch (err) {
        host.log(`Rampart: workspace/diagnostic failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        return { items: [] };
      }
    });
    host.connection.onShutdown(() => this.dispose());
  }

  // ---------------------------------------------------------------------------------------------
  // Wiring (called by server.ts).

  initialize(params: InitializeParams): void {
    const c = params?.capabilities ?? {};
    this.diagnosticRegistration = !!c.textDocument?.diagnostic?.dynamicRegistration;
    this.workDoneProgress = !!c.window?.workDoneProgress;
    this.clientFolders = !!c.workspace?.workspaceFolders;
    const init = params?.initializationOptions as { statusNotifications?: unknown; scanWorker?: unknown; settings?: { files?: { exclude?: unknown } } } | undefined;
    this.statusNotifications = init?.statusNotifications === true;
    // `scanWorker: false` (or RAMPART_SCAN_WORKER=0) lints unopened files on the main thread.
    if (init?.scanWorker !== false && process.env.RAMPART_SCAN_WORKER !== '0') this.worker = new ScanWorker((m) => this.host.log(m));
    this.initExclude = init?.settings?.files?.exclude;
    const folders = Array.isArray(params?.workspaceFolders) ? params.workspaceFolders : [];
    if (folders.length > 0) this.initialFolders = folders;
    else if (typeof params?.rootUri === 'string') this.initialFolders = [{ uri: params.rootUri, name: 'root' }];
    else if (typeof params?.rootPath === 'string') this.initialFolders = [{ uri: URI.fromPath(params.rootPath), name: 'root' }];
  }

  /** What the scan adds to the server's capabilities. */
  capabilities(base: ServerCapabilities): ServerCapabilities {
    const out: ServerCapabilities = {
      ...base,
      workspace: { ...base.workspace, workspaceFolders: { supported: true, changeNotifications: true } },
      executeCommandProvider: { commands: [...(base.executeCommandProvider?.commands ?? []), SCAN_COMMAND] },
    };
    if (base.diagnosticProvider) {
      // Registered after `initialized`, by mode, when the client allows it; else static, and an
      // openFiles client's workspace request simply waits.
      if (this.diagnosticRegistration) delete out.diagnosticProvider;
      else out.diagnosticProvider = { ...base.diagnosticProvider, workspaceDiagnostics: true };
    }
    return out;
  }

  async initializedAsync(): Promise<void> {
    const { connection } = this.host;
    const jobs: Array<Promise<unknown>> = [];
    if (this.host.caps().watchedFilesRegistration) {
      // Every path: a created or deleted folder, and files any `.rampart.yaml` may claim by glob.
      jobs.push(connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*', kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete }] }));
    }
    if (this.host.caps().configurationRegistration) {
      jobs.push(connection.client.register(DidChangeConfigurationNotification.type, { section: 'files.exclude' }));
    }
    if (this.clientFolders) {
      try {
        connection.workspace.onDidChangeWorkspaceFolders((e) => void this.foldersChanged(e.added, e.removed).catch((err: unknown) => this.host.log(`Rampart: workspace folders: ${String(err)}`)));
      } catch (err) {
        this.host.log(`Rampart: workspace folder changes are not available: ${String(err)}`);
      }
    }
    await Promise.all(jobs);
    if (this.disposed) return;
    await this.loadFolders(this.initialFolders);
    this.mode = await this.readMode();
    this.initialized = true;
    await this.register();
    if (this.mode === 'workspace' && !this.host.caps().pull) this.start();
    this.bump();
    this.statusSoon();
  }

  dispose(): void {
    this.disposed = true;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    if (this.statusTimer) clearTimeout(this.statusTimer);
    if (this.workerIdle) clearTimeout(this.workerIdle);
    this.worker?.stop();
    this.wakeAll();
  }

  /** An open document's text changed (also fires when it opens). */
  documentChanged(uri: string): void {
    const path = URI.toPath(uri);
    if (!path) return;
    this.openUris.set(path, uri);
    if (!this.openPaths.has(path)) {
      this.openPaths.add(path);
      // It is the document pull's (or the push of open documents') now.
      this.published.delete(path);
      this.statusSoon();
    }
    // Unopened files that read this one (a compose file and the Dockerfile it builds) see the
    // buffer through the workspace overlay: lint them again once typing settles.
    this.pendingBuffers.add(path);
    this.settleSoon();
  }

  documentClosed(uri: string): void {
    const path = URI.toPath(uri);
    if (!path) return;
    this.openPaths.delete(path);
    this.openUris.delete(path);
    this.worker?.setOverlay(path, undefined);
    this.openCounts.delete(uri);
    this.published.delete(path);
    // The client forgets its workspace result for a document it closes: report it afresh.
    this.request?.prev.delete(URI.fromPath(path));
    const st = this.files.get(path);
    if (st) this.stale(path);
    else if (this.started) this.pendingEvents.set(path, 'upsert');
    this.pendingBuffers.add(path);
    this.settleSoon();
  }

  /** The diagnostics the server just computed for an open document (for the counts). */
  documentReport(uri: string, items: LspDiagnostic[]): void {
    this.openCounts.set(uri, countsOf(items));
    this.statusSoon();
  }

  /** Settings changed (ours or files.exclude): mode, folder settings, exclusions, everything re-linted. */
  configurationChanged(settings?: unknown): void {
    const pushed = (settings as { files?: { exclude?: unknown } } | undefined)?.files?.exclude;
    if (pushed !== undefined) this.initExclude = pushed;
    if (!this.initialized) return;
    void (async () => {
      const folders = this.folders.map((f) => ({ uri: f.uri, name: f.path }));
      this.folders = [];
      await this.loadFolders(folders);
      const mode = await this.readMode();
      const modeChanged = mode !== this.mode;
      this.mode = mode;
      if (modeChanged) await this.register();
      if (modeChanged && mode === 'openFiles') this.unpublishAll();
      this.worker?.invalidate(null);
      if (this.started) this.restart();
      else if (mode === 'workspace' && !this.host.caps().pull) this.start();
      this.bump();
      this.statusSoon();
    })().catch((err: unknown) => this.host.log(`Rampart: configuration change: ${String(err)}`));
  }

  /** Watched files changed on disk. */
  filesChanged(changes: FileEvent[]): void {
    for (const c of changes) {
      const path = URI.toPath(c.uri);
      if (!path) continue;
      this.pendingEvents.set(path, c.type === FileChangeType.Deleted ? 'delete' : 'upsert');
    }
    this.settleSoon();
  }

  /** workspace/executeCommand for SCAN_COMMAND. */
  async scanCommand(_params: ExecuteCommandParams, token: CancellationToken, workDone: WorkDoneProgressReporter): Promise<ScanResult> {
    const t0 = performance.now();
    if (!this.initialized || this.mode !== 'workspace') return { ...this.summary(), mode: this.mode, scanned: false, cancelled: false, ms: 0 };
    // Everything from disk again: cached reads and configs are dropped, every folder rediscovered,
    // every known file re-linted (keeping its current result until the new one is in).
    this.host.linter.invalidate();
    this.worker?.invalidate(null);
    if (this.started) this.restart();
    else this.start();
    let reporter = workDone;
    let progressToken: CancellationToken | undefined;
    if (WorkDoneProgressReporter.isNullInstance(reporter) && this.workDoneProgress) {
      try {
        const p = await this.host.connection.window.createWorkDoneProgress();
        reporter = p;
        progressToken = p.token;
      } catch {
        // No progress then.
      }
    }
    reporter.begin('Rampart: scanning the workspace', 0, 'Finding files…', true);
    let cancelled = false;
    try {
      while (this.busy()) {
        if (token.isCancellationRequested || progressToken?.isCancellationRequested) {
          cancelled = true;
          // Files that already had a result keep it; files never linted stay queued.
          for (const p of [...this.queue]) if (this.files.get(p)?.resultId !== undefined) this.queue.delete(p);
          break;
        }
        const { done, total } = this.progress();
        if (total > 0) reporter.report(Math.min(100, Math.floor((done / total) * 100)), `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} files`);
        await this.changed(token, progressToken);
      }
    } finally {
      reporter.done();
    }
    if (!cancelled) await this.pumping;
    this.statusSoon();
    return { ...this.summary(), mode: this.mode, scanned: true, cancelled, ms: Math.round(performance.now() - t0) };
  }

  /** connection.languages.diagnostics.onWorkspace */
  async workspaceDiagnostics(
    params: WorkspaceDiagnosticParams,
    token: CancellationToken,
    resultProgress?: ResultProgressReporter<WorkspaceDiagnosticReportPartialResult>,
  ): Promise<WorkspaceDiagnosticReport | ResponseError<DiagnosticServerCancellationData>> {
    // One request at a time: an older one that is still waiting gives way.
    if (this.request) {
      this.request.superseded = true;
      this.request.wake();
    }
    // What the client holds, keyed by our spelling of each file's URI.
    const prev = new Map<string, string>();
    for (const r of params?.previousResultIds ?? []) {
      if (typeof r?.uri !== 'string' || typeof r.value !== 'string') continue;
      const path = URI.toPath(r.uri);
      prev.set(path ? URI.fromPath(path) : r.uri, r.value);
    }
    const original = new Map(prev);
    const me: PendingRequest = { prev, superseded: false, wake: () => undefined };
    this.request = me;
    const reportedFull = new Set<string>();
    // With a partial result token everything is streamed and the final answer is empty.
    let batch: WorkspaceDocumentDiagnosticReport[] = [];
    let answered = false;
    let lastPartial = performance.now();
    const flush = () => {
      if (!resultProgress || batch.length === 0) return;
      resultProgress.report({ items: batch });
      batch = [];
      answered = true;
      lastPartial = performance.now();
    };
    let cursor: number | undefined;
    try {
      for (;;) {
        if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'The workspace diagnostic request was cancelled.', { retriggerRequest: false });
        if (me.superseded || this.disposed) return new ResponseError(LSPErrorCodes.ServerCancelled, 'A newer workspace diagnostic request replaced this one.', { retriggerRequest: true });
        if (this.initialized && this.mode === 'workspace') {
          this.start();
          let paths: Iterable<string>;
          if (cursor === undefined) {
            // First pass: every known file, and every file the client holds a result for.
            const all = new Set(this.files.keys());
            for (const uri of prev.keys()) {
              const p = URI.toPath(uri);
              if (p) all.add(p);
            }
            paths = all;
          } else paths = new Set(this.log.slice(cursor - this.logStart));
          cursor = this.logStart + this.log.length;
          for (const path of paths) {
            const r = this.delta(path, prev);
            if (!r) continue;
            reportedFull.add(r.uri);
            batch.push(r);
          }
          const busy = this.busy();
          if (!busy || batch.length >= PARTIAL_ITEMS || performance.now() - lastPartial >= PARTIAL_MS) flush();
          if (!busy && (answered || batch.length > 0)) break;
        } else if (this.initialized && prev.size > 0) {
          // openFiles: take back whatever the workspace reported before, then wait.
          for (const uri of prev.keys()) {
            reportedFull.add(uri);
            batch.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: [] });
          }
          prev.clear();
          flush();
          break;
        }
        await this.changed(token, undefined, me);
      }
    } finally {
      if (this.request === me) this.request = undefined;
      this.compactLog();
    }
    // Files the client holds whose result is still current.
    for (const [uri, id] of original) {
      if (reportedFull.has(uri) || prev.get(uri) !== id) continue;
      const p = URI.toPath(uri);
      if (p && !this.openPaths.has(p) && this.files.get(p)?.resultId === id) batch.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId: id });
    }
    if (resultProgress) {
      flush();
      return { items: [] };
    }
    return { items: batch };
  }

  // ---------------------------------------------------------------------------------------------
  // State.

  /** What to tell a client holding `prev` about one path, or undefined for nothing. Updates prev. */
  private delta(path: string, prev: Map<string, string>): WorkspaceDocumentDiagnosticReport | undefined {
    if (this.openPaths.has(path)) return undefined;
    const uri = URI.fromPath(path);
    const held = prev.get(uri);
    const st = this.files.get(path);
    if (st && st.resultId === undefined) return undefined; // not linted yet: it will come
    if (!st || st.counts === NO_COUNTS) {
      if (held === undefined) return undefined;
      prev.delete(uri);
      return { kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: [] };
    }
    if (held === st.resultId) return undefined;
    const items = st.items ?? this.lintNow(path, st);
    st.items = undefined;
    prev.set(uri, st.resultId!);
    return { kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: st.resultId, items };
  }

  private bump(path?: string): void {
    if (path !== undefined) this.log.push(path);
    for (const w of [...this.waiters]) w();
  }

  private wakeAll(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves on the next change, on cancellation, or when the request is superseded. */
  private changed(token: CancellationToken, other?: CancellationToken, req?: PendingRequest): Promise<void> {
    return new Promise<void>((resolve) => {
      const subs: Disposable[] = [];
      const done = () => {
        this.waiters.delete(done);
        for (const s of subs) s.dispose();
        if (req) req.wake = () => undefined;
        resolve();
      };
      this.waiters.add(done);
      subs.push(token.onCancellationRequested(done));
      if (other) subs.push(other.onCancellationRequested(done));
      if (req) req.wake = done;
    });
  }

  private compactLog(): void {
    if (this.request) return;
    this.logStart += this.log.length;
    this.log = [];
  }

  private busy(): boolean {
    return this.pumping !== undefined || this.tasks.length > 0 || this.queue.size > 0 || this.pendingEvents.size > 0 || this.pendingBuffers.size > 0;
  }

  private progress(): { done: number; total: number } {
    const total = Math.max(this.scanTotal, this.queue.size);
    return { done: total - this.queue.size, total };
  }

  private summary(): Omit<ScanResult, 'mode' | 'scanned' | 'cancelled' | 'ms'> {
    return { files: this.files.size, filesWithProblems: this.withProblems, ...this.totals };
  }

  private setResult(path: string, st: FileState, items: LspDiagnostic[]): void {
    const counts = items.length === 0 ? NO_COUNTS : countsOf(items);
    const resultId = items.length === 0 ? '' : resultIdOf(items);
    const before = st.resultId;
    this.account(st, -1);
    st.counts = counts;
    st.resultId = resultId;
    this.account(st, 1);
    st.items = items.length > 0 ? items : undefined;
    if (before !== resultId) this.bump(path);
  }

  private account(st: FileState, sign: 1 | -1): void {
    if (st.resultId === undefined) return;
    this.totals.errors += sign * st.counts.errors;
    this.totals.warnings += sign * st.counts.warnings;
    this.totals.infos += sign * st.counts.infos;
    if (st.counts !== NO_COUNTS) this.withProblems += sign;
  }

  private stale(path: string): void {
    this.queue.add(path);
    this.pump();
  }

  private add(path: string, language: Language, folder: Folder): void {
    const st = this.files.get(path);
    if (st) {
      st.folder = folder;
      if (st.language !== language) st.language = language;
      this.queue.add(path);
      return;
    }
    this.files.set(path, { language, folder, counts: NO_COUNTS });
    this.queue.add(path);
  }

  private remove(path: string): void {
    const st = this.files.get(path);
    if (!st) return;
    this.account(st, -1);
    this.files.delete(path);
    this.queue.delete(path);
    this.dependencies.forget(path);
    this.bump(path);
    if (!this.host.caps().pull && this.published.has(path)) {
      this.published.delete(path);
      if (!this.openPaths.has(path)) void this.host.connection.sendDiagnostics({ uri: URI.fromPath(path), diagnostics: [] }).catch(() => undefined);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Folders, settings, registration.

  private async loadFolders(list: Array<{ uri: string; name: string }>): Promise<void> {
    for (const f of list) {
      if (this.disposed) return;
      const path = URI.toPath(f.uri);
      if (!path || this.folders.some((x) => x.path === path)) continue;
      const settings = await this.host.settingsFor(f.uri);
      let raw = this.initExclude;
      if (this.host.caps().configuration && !this.disposed) {
        try {
          raw = await this.host.connection.workspace.getConfiguration({ scopeUri: f.uri, section: 'files.exclude' });
        } catch (err) {
          this.host.log(`Rampart: files.exclude could not be read for ${f.uri}: ${String(err)}`);
        }
      }
      const folderPath = trimTrailingSlashes(path) || '/';
      this.folders.push({ uri: f.uri, path: folderPath, settings, exclude: filesExcludeMatcher(folderPath, excludeGlobs(raw)) });
      this.worker?.setSettings(folderPath, settings);
    }
    // Innermost first, so folderOf finds the closest folder of a nested pair.
    this.folders.sort((a, b) => b.path.length - a.path.length);
    // The workspace's extent for the open documents' lints (nginx includes stop at it).
    this.host.linter.workspace.roots = this.folders.map((f) => f.path);
  }

  private folderOf(path: string): Folder | undefined {
    return this.folders.find((f) => within(path, f.path));
  }

  private async readMode(): Promise<DiagnosticMode> {
    if (this.disposed) return this.mode;
    const scope = this.folders[this.folders.length - 1]?.uri ?? this.initialFolders[0]?.uri ?? '';
    try {
      return (await this.host.settingsFor(scope)).diagnosticMode;
    } catch {
      return DEFAULT_SETTINGS.diagnosticMode;
    }
  }

  /** (Re-)registers the diagnostic provider with workspaceDiagnostics by mode (dynamic registration only). */
  private async register(): Promise<void> {
    if (!this.host.caps().pull || !this.diagnosticRegistration || this.disposed) return;
    const old = this.registration;
    this.registration = undefined;
    old?.dispose();
    try {
      this.registration = await this.host.connection.client.register(DocumentDiagnosticRequest.type, {
        documentSelector: DIAGNOSTIC_SELECTOR,
        identifier: 'rampart',
        interFileDependencies: true,
        workspaceDiagnostics: this.mode === 'workspace',
      });
    } catch (err) {
      this.host.log(`Rampart: could not register the diagnostic provider: ${String(err)}`);
    }
  }

  private async foldersChanged(added: WorkspaceFolder[], removed: WorkspaceFolder[]): Promise<void> {
    for (const r of removed) {
      const raw = URI.toPath(r.uri);
      const path = raw === undefined ? undefined : trimTrailingSlashes(raw);
      const folder = this.folders.find((f) => f.path === path);
      if (!folder) continue;
      this.folders = this.folders.filter((f) => f !== folder);
      this.tasks = this.tasks.filter((t) => t.folder !== folder);
      for (const [p, st] of [...this.files]) {
        if (st.folder !== folder) continue;
        const other = this.folderOf(p);
        if (other) {
          st.folder = other;
          this.queue.add(p);
        } else this.remove(p);
      }
    }
    const before = new Set(this.folders);
    await this.loadFolders(added);
    if (this.started) for (const f of this.folders) if (!before.has(f)) this.tasks.push({ folder: f, path: f.path });
    this.pump();
    this.bump();
    this.statusSoon();
  }

  // ---------------------------------------------------------------------------------------------
  // Scanning.

  /** Queues discovery of every folder, once (the first request, or the push client's start). */
  private start(): void {
    if (this.started || !this.initialized) return;
    this.started = true;
    for (const f of this.folders) this.tasks.push({ folder: f, path: f.path });
    this.pump();
  }

  /**
   * Rediscovers every folder and re-lints every file (settings changed, or the scan command).
   * Files keep their current result until the new one is in.
   */
  private restart(): void {
    this.gitRules = new Map();
    this.tasks = this.folders.map((f) => ({ folder: f, path: f.path }));
    for (const p of this.files.keys()) this.queue.add(p);
    this.scanTotal = this.files.size;
    this.pump();
  }

  private pump(): void {
    if (this.pumping || !this.initialized || this.disposed) return;
    if (this.workerIdle) {
      clearTimeout(this.workerIdle);
      this.workerIdle = undefined;
    }
    this.pumping = (async () => {
      let progress: WorkDoneProgressReporter | undefined;
      try {
        await yieldToEventLoop();
        while (!this.disposed && this.mode === 'workspace' && (this.tasks.length > 0 || this.queue.size > 0)) {
          const deadline = performance.now() + SLICE_MS;
          if (this.tasks.length > 0) this.discoverSlice(deadline);
          else await this.lintBatch(deadline);
          if (!progress && this.queue.size > 200) progress = await this.backgroundProgress();
          if (progress) {
            const { done, total } = this.progress();
            progress.report(total > 0 ? Math.floor((done / total) * 100) : 0, `${done}/${total} files`);
          }
          this.statusSoon();
          this.wakeAll();
          await yieldToEventLoop();
        }
      } catch (err) {
        this.host.log(`Rampart: workspace scan failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      } finally {
        progress?.done();
        this.pumping = undefined;
        this.stopWorkerWhenIdle();
        this.scanTotal = 0;
        this.compactLog();
        this.statusSoon();
        this.wakeAll();
      }
    })();
  }

  /** Server-initiated progress for a long background scan, for clients without our status item. */
  private async backgroundProgress(): Promise<WorkDoneProgressReporter | undefined> {
    if (!this.workDoneProgress || this.statusNotifications) return undefined;
    try {
      const p = await this.host.connection.window.createWorkDoneProgress();
      p.begin('Rampart', 0, 'Scanning the workspace', false);
      return p;
    } catch {
      return undefined;
    }
  }

  private discoverSlice(deadline: number): void {
    const task = this.tasks[0]!;
    const folder = task.folder;
    task.walk ??= walkAt(
      folder.path,
      task.path,
      { configFor: (p) => this.host.linter.configFor(p, folder.settings), exclude: folder.exclude },
      this.gitRules,
    );
    if (!task.walk.run(deadline)) return;
    this.tasks.shift();
    // The walk's verdict for everything at or under the task's path that belongs to this folder.
    const found = new Map<string, Language>();
    for (const f of task.walk.out) if (this.folderOf(f.path) === folder) found.set(f.path, f.language);
    let isDir = false;
    try {
      isDir = statSync(task.path).isDirectory();
    } catch {
      // Gone: nothing under it.
      isDir = true;
    }
    if (isDir) {
      for (const [p, st] of [...this.files]) if (st.folder === folder && within(p, task.path) && !found.has(p)) this.remove(p);
    } else if (this.files.get(task.path)?.folder === folder && !found.has(task.path)) this.remove(task.path);
    for (const [p, language] of found) {
      const st = this.files.get(p);
      if (!st || st.language !== language || st.resultId === undefined) this.add(p, language, folder);
    }
    if (this.tasks.length === 0) {
      this.gitRules = new Map();
      this.scanTotal = Math.max(this.scanTotal, this.queue.size);
    }
  }

  /** Lints the next files of the queue: a batch in the worker, or on this thread until the deadline. */
  private async lintBatch(deadline: number): Promise<void> {
    const jobs: Array<{ path: string; st: FileState }> = [];
    for (const path of this.queue) {
      this.queue.delete(path);
      const st = this.files.get(path);
      if (!st || this.openPaths.has(path)) continue;
      jobs.push({ path, st });
      if (jobs.length >= BATCH) break;
      if (!this.worker && performance.now() > deadline) break;
    }
    if (jobs.length === 0) return;
    let results: ClosedFileResult[] | undefined;
    if (this.worker) {
      this.syncOverlay();
      try {
        results = await this.worker.lint(jobs.map((j) => ({ path: j.path, language: j.st.language, folder: j.st.folder.path })));
      } catch (err) {
        this.host.log(`Rampart: linting in the scan worker failed (${err instanceof Error ? err.message : String(err)}); linting here instead.`);
      }
    }
    results ??= jobs.map((j) => this.lintHere(j.path, j.st));
    const push = !this.host.caps().pull;
    for (let i = 0; i < jobs.length; i++) {
      const { path, st } = jobs[i]!;
      if (this.files.get(path) !== st || this.openPaths.has(path)) continue;
      this.dependencies.record(path, results[i]!.reads);
      this.setResult(path, st, results[i]!.items);
      if (push) this.publish(path, st);
      else if (!this.request) st.items = undefined; // nobody is waiting: re-lint when asked
    }
  }

  /** The open documents' texts, for the worker's view of the workspace. */
  private syncOverlay(): void {
    if (!this.worker) return;
    for (const [path, uri] of this.openUris) this.worker.setOverlay(path, this.host.documents.get(uri)?.getText());
  }

  private stopWorkerWhenIdle(): void {
    if (!this.worker?.running || this.disposed) return;
    if (this.workerIdle) clearTimeout(this.workerIdle);
    this.workerIdle = setTimeout(() => {
      this.workerIdle = undefined;
      if (!this.pumping) this.worker?.stop();
    }, WORKER_IDLE_MS);
    this.workerIdle.unref?.();
  }

  /** Push clients leaving workspace mode: the unopened files' diagnostics go. */
  private unpublishAll(): void {
    for (const path of [...this.published.keys()]) {
      this.published.delete(path);
      if (!this.openPaths.has(path)) void this.host.connection.sendDiagnostics({ uri: URI.fromPath(path), diagnostics: [] }).catch(() => undefined);
    }
  }

  private publish(path: string, st: FileState): void {
    const had = this.published.get(path);
    if (had === st.resultId) return;
    if (st.counts === NO_COUNTS && had === undefined) return;
    const items = st.items ?? (st.counts === NO_COUNTS ? [] : this.lintNow(path, st));
    st.items = undefined;
    if (items.length === 0) this.published.delete(path);
    else this.published.set(path, st.resultId!);
    void this.host.connection.sendDiagnostics({ uri: URI.fromPath(path), diagnostics: items }).catch(() => undefined);
  }

  /** Lints an unopened file from disk on this thread (when the worker is off, or for a re-report). */
  private lintHere(path: string, st: FileState): ClosedFileResult {
    const settings = st.folder.settings;
    const linter = this.host.linter;
    return lintClosedFile(path, st.language, settings, linter.workspace, (p) => linter.configFor(p, settings));
  }

  private lintNow(path: string, st: FileState): LspDiagnostic[] {
    const r = this.lintHere(path, st);
    this.dependencies.record(path, r.reads);
    return r.items;
  }

  // ---------------------------------------------------------------------------------------------
  // Changes.

  private settleSoon(): void {
    if (this.settleTimer) return;
    this.settleTimer = setTimeout(() => {
      this.settleTimer = undefined;
      try {
        this.settle();
      } catch (err) {
        this.host.log(`Rampart: workspace update failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
    }, SETTLE_MS);
  }

  /** Acts on the watcher events and buffer edits gathered since the last call. */
  private settle(): void {
    const events = this.pendingEvents;
    const buffers = this.pendingBuffers;
    this.pendingEvents = new Map();
    this.pendingBuffers = new Set();
    if (!this.started) {
      this.bump();
      return;
    }
    const touched = new Set<string>([...events.keys(), ...buffers]);
    this.gitRules = new Map();
    if (events.size > 0) this.worker?.invalidate([...events.keys()]);
    this.syncOverlay();
    // Deleted files go at once; a deleted folder takes every known file under it (one pass over
    // the files, however many folders went).
    const deletedDirs = new Set<string>();
    for (const [path, kind] of events) {
      if (kind !== 'delete') continue;
      if (this.files.has(path)) this.remove(path);
      else deletedDirs.add(path);
    }
    if (deletedDirs.size > 0) {
      for (const p of [...this.files.keys()]) {
        for (let d = dirOf(p); ; d = dirOf(d)) {
          if (deletedDirs.has(d)) {
            this.remove(p);
            break;
          }
          if (d === '/' || !d.includes('/')) break;
        }
      }
    }
    for (const [path, kind] of events) {
      if (kind === 'delete') continue;
      const name = path.slice(path.lastIndexOf('/') + 1);
      if (name === '.gitignore' || isConfigFilePath(path)) this.rediscover(dirOf(path), isConfigFilePath(path));
      else {
        const folder = this.folderOf(path);
        if (folder) this.tasks.push({ folder, path });
        const st = this.files.get(path);
        if (st) this.stale(path);
      }
    }
    for (const path of buffers) if (isConfigFilePath(path)) this.rediscover(dirOf(path), true);
    // The unopened files whose last lint read a changed path.
    for (const dep of this.dependencies.dependents(touched)) {
      if (this.files.has(dep)) this.stale(dep);
    }
    this.pump();
    this.bump();
  }

  /** A .gitignore or config file changed in `dir`: rediscover what it governs; re-lint on a config change. */
  private rediscover(dir: string, relint: boolean): void {
    for (const folder of this.folders) {
      if (within(folder.path, dir)) this.tasks.push({ folder, path: folder.path });
      else if (within(dir, folder.path)) this.tasks.push({ folder, path: dir });
      else continue;
      if (relint) for (const [p, st] of this.files) if (st.folder === folder && within(p, dir)) this.stale(p);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Status.

  private statusSoon(): void {
    if (!this.statusNotifications || this.statusTimer || this.disposed) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      void this.host.connection.sendNotification(STATUS_NOTIFICATION, this.status()).catch(() => undefined);
    }, STATUS_MS);
  }

  status(): WorkspaceStatus {
    const t = { ...this.totals };
    let withProblems = this.withProblems;
    let files = this.files.size;
    // Open documents count with their buffer's findings instead of the disk's.
    for (const [uri, c] of this.openCounts) {
      const p = URI.toPath(uri);
      const st = p ? this.files.get(p) : undefined;
      if (st) {
        if (st.resultId !== undefined) {
          t.errors -= st.counts.errors;
          t.warnings -= st.counts.warnings;
          t.infos -= st.counts.infos;
          if (st.counts !== NO_COUNTS) withProblems--;
        }
      } else if (c.errors + c.warnings + c.infos > 0 || this.mode === 'openFiles') files++;
      t.errors += c.errors;
      t.warnings += c.warnings;
      t.infos += c.infos;
      if (c.errors + c.warnings + c.infos > 0) withProblems++;
    }
    const scanning = this.mode === 'workspace' && this.busy();
    const { done, total } = scanning ? this.progress() : { done: 0, total: 0 };
    return { mode: this.mode, scanning, done, total, files, filesWithProblems: withProblems, ...t };
  }
}
