// Linting unopened files for the workspace scan, in a worker thread.
//
// A scan of thousands of files allocates far more than it keeps: in the server's own heap that
// garbage would grow the process (V8 rarely gives memory back), and the work would compete with
// keystrokes. So the scan runs in a worker with a bounded heap, which is stopped when the scan
// has been idle for a moment (its memory goes with it) and started again on demand. The worker
// gets what it needs by message: each folder's settings, the text of open documents (other files
// read them through the same overlay as in the server), and invalidations from file watchers.
// `lintClosedFile` is the one implementation, used by the worker and by the in-process fallback.
//
// The worker runs the server's own bundle (dist/server.js; main.ts starts no connection in a
// worker), or this compiled module in tests.
import { useBatchCaches } from '../engine/cache-budget';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Language, WorkspaceView } from '../engine/types';
import type { RampartConfig } from '../engine/config';
import { lint } from '../engine/lint';
import { LineIndex, stripBom } from '../engine/text';
import { effectiveSeverity } from '../engine/config';
import { fileTooLargeMeta } from '../engine/rules/file-too-large';
import { internalErrorMeta } from '../engine/rules/internal-error';
import { FsWorkspace } from '../node/fs-workspace';
import { ConfigResolver } from '../node/config-resolver';
import { isBinary } from '../cli/files';
import { RecordingWorkspace } from './dependencies';
import { ownDiagnostic, toLspDiagnostic } from './convert';
import { settingsLayer, type RampartSettings } from './settings';
import { URI } from './uri';

export interface ClosedFileResult {
  items: LspDiagnostic[];
  /** Every other path the lint read (for re-linting this file when one of them changes). */
  reads: string[];
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}

/** The first line of a file, read from its first 4 KiB only. */
function firstLine(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return new LineIndex(buf.subarray(0, n).toString('utf8')).lineText(0);
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Lints an unopened file from disk, as the CLI would (BOM, binary, size cap). Never throws. */
export function lintClosedFile(
  path: string,
  language: Language,
  settings: RampartSettings,
  workspace: WorkspaceView,
  configFor: (path: string) => RampartConfig,
): ClosedFileResult {
  if (!settings.enable) return { items: [], reads: [] };
  const uri = URI.fromPath(path);
  try {
    let size: number;
    try {
      const s = statSync(path);
      if (!s.isFile()) return { items: [], reads: [] };
      size = s.size;
    } catch {
      return { items: [], reads: [] };
    }
    const config = configFor(path);
    if (size > settings.maxFileSize) {
      const severity = effectiveSeverity(fileTooLargeMeta, config);
      if (severity === 'off') return { items: [], reads: [] };
      const first = firstLine(path);
      return {
        items: [
          ownDiagnostic(
            fileTooLargeMeta,
            severity,
            { start: { line: 0, character: 0 }, end: { line: 0, character: first.length } },
            `Rampart skipped this file: it is ${formatBytes(size)}, more than rampart.maxFileSize (${formatBytes(settings.maxFileSize)}), so no rule ran. Raise the setting to lint it.`,
          ),
        ],
        reads: [],
      };
    }
    let buf: Buffer;
    try {
      buf = readFileSync(path);
    } catch {
      return { items: [], reads: [] };
    }
    if (isBinary(buf)) return { items: [], reads: [] };
    const text = stripBom(buf.toString('utf8')).text;
    const recorder = new RecordingWorkspace(workspace);
    const result = lint(path, text, { config, workspace: recorder, language });
    recorder.paths.delete(path);
    return { items: result ? result.diagnostics.map((d) => toLspDiagnostic(d, uri)) : [], reads: [...recorder.paths] };
  } catch (err) {
    return {
      items: [
        ownDiagnostic(
          internalErrorMeta,
          internalErrorMeta.severity,
          { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          `Rampart could not lint this file (${err instanceof Error ? `${err.name}: ${err.message.slice(0, 200)}` : 'unknown error'}); no findings are shown. Please report this.`,
        ),
      ],
      reads: [],
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Messages.

export interface LintJob {
  path: string;
  language: Language;
  /** Key of the folder whose settings apply. */
  folder: string;
}

type ToWorker =
  | { kind: 'settings'; folder: string; settings: RampartSettings }
  | { kind: 'overlay'; path: string; text: string | null }
  | { kind: 'invalidate'; paths: string[] | null }
  | { kind: 'lint'; id: number; jobs: LintJob[] };

type FromWorker = { kind: 'linted'; id: number; results: ClosedFileResult[] } | { kind: 'failed'; id: number; message: string };

interface WorkerInit {
  rampartScan: true;
}

// ---------------------------------------------------------------------------------------------
// The main thread's side.

/** Heap bounds of the worker (MB): a scan allocates a lot and keeps little. */
const OLD_GENERATION_MB = 160;
const YOUNG_GENERATION_MB = 16;

/**
 * Runs lint jobs in a worker thread that keeps a copy of the settings, the open documents and the
 * invalidations. `lint` rejects when the worker fails (it is restarted on the next call).
 */
export class ScanWorker {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (r: ClosedFileResult[]) => void; reject: (e: Error) => void }>();
  private readonly settings = new Map<string, RampartSettings>();
  private readonly overlay = new Map<string, string>();

  constructor(private readonly log: (message: string) => void) {}

  get running(): boolean {
    return this.worker !== undefined;
  }

  setSettings(folder: string, settings: RampartSettings): void {
    this.settings.set(folder, settings);
    this.post({ kind: 'settings', folder, settings });
  }

  setOverlay(path: string, text: string | undefined): void {
    if (text === undefined) {
      if (!this.overlay.delete(path)) return;
    } else {
      if (this.overlay.get(path) === text) return;
      this.overlay.set(path, text);
    }
    this.post({ kind: 'overlay', path, text: text ?? null });
  }

  invalidate(paths: string[] | null): void {
    this.post({ kind: 'invalidate', paths });
  }

  lint(jobs: LintJob[]): Promise<ClosedFileResult[]> {
    const w = this.start();
    const id = ++this.nextId;
    return new Promise<ClosedFileResult[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.postMessage({ kind: 'lint', id, jobs } satisfies ToWorker);
    });
  }

  /** Stops the worker (its heap is released); the next `lint` starts a fresh one. */
  stop(): void {
    const w = this.worker;
    this.worker = undefined;
    if (!w) return;
    this.failAll(new Error('the scan worker was stopped'));
    void w.terminate();
  }

  private post(m: ToWorker): void {
    this.worker?.postMessage(m);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(__filename, {
      workerData: { rampartScan: true } satisfies WorkerInit,
      resourceLimits: { maxOldGenerationSizeMb: OLD_GENERATION_MB, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      stdout: true,
      stderr: true,
    });
    w.unref();
    this.worker = w;
    for (const [folder, settings] of this.settings) w.postMessage({ kind: 'settings', folder, settings } satisfies ToWorker);
    for (const [path, text] of this.overlay) w.postMessage({ kind: 'overlay', path, text } satisfies ToWorker);
    w.on('message', (m: FromWorker) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.kind === 'linted') p.resolve(m.results);
      else p.reject(new Error(m.message));
    });
    const gone = (err: Error) => {
      if (this.worker === w) this.worker = undefined;
      this.failAll(err);
    };
    w.on('error', (err) => {
      this.log(`Rampart: the scan worker failed: ${err.message}`);
      gone(err);
    });
    w.on('exit', (code) => gone(new Error(`the scan worker exited (${code})`)));
    return w;
  }

  private failAll(err: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(err);
  }
}

// ---------------------------------------------------------------------------------------------
// The worker's side.

function workerLoop(): void {
  const port = parentPort!;
  // This thread lints unopened files, each once per change: it keeps few parses of neighbours
  // (engine/cache-budget.ts). The editor's own thread keeps its larger caches.
  useBatchCaches();
  const overlay = new Map<string, string>();
  const settings = new Map<string, RampartSettings>();
  const workspace = new FsWorkspace((p) => overlay.get(p));
  const configs = new ConfigResolver(workspace);
  let linted = 0;
  port.on('message', (m: ToWorker) => {
    switch (m.kind) {
      case 'settings':
        settings.set(m.folder, m.settings);
        // The folders settings arrive for are the workspace's folders.
        workspace.roots = [...settings.keys()];
        configs.invalidate();
        break;
      case 'overlay':
        if (m.text === null) overlay.delete(m.path);
        else overlay.set(m.path, m.text);
        workspace.invalidate(m.path);
        configs.invalidate();
        break;
      case 'invalidate':
        if (m.paths === null) workspace.clear();
        else for (const p of m.paths) workspace.invalidate(p);
        configs.invalidate();
        break;
      case 'lint': {
        // The read cache only helps neighbours (a compose file and the Dockerfile beside it).
        linted += m.jobs.length;
        if (linted > 2000) {
          linted = 0;
          workspace.clear();
        }
        try {
          const results = m.jobs.map((j) => {
            const s = settings.get(j.folder);
            if (!s) return { items: [], reads: [] };
            return lintClosedFile(j.path, j.language, s, workspace, (p) => {
              configs.settings = settingsLayer(s);
              return configs.configFor(p);
            });
          });
          port.postMessage({ kind: 'linted', id: m.id, results } satisfies FromWorker);
        } catch (err) {
          port.postMessage({ kind: 'failed', id: m.id, message: err instanceof Error ? err.message : String(err) } satisfies FromWorker);
        }
        break;
      }
    }
  });
}

if (!isMainThread && (workerData as Partial<WorkerInit> | undefined)?.rampartScan === true) workerLoop();
