// Linting a large folder on every core: worker threads run the same lintTarget() as the CLI's own
// thread, each with its own file cache, config resolver and parse cache. The scan (scan.ts) hands
// them small batches of files as its walk finds them and lints on its own thread too; each
// worker holds up to PREFETCH batches, so it never waits while the main thread is busy. Only
// plain lint runs come here: --fix writes files and stdin is read once, so those stay on the main
// thread.
//
// The worker runs this very file: dist/cli.js when bundled, the compiled module in tests. Loading
// it in a worker with `workerData.rampartLint` starts the worker loop below.
import { useBatchCaches } from '../engine/cache-budget';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { ConfigLayer } from '../engine/config';
import { ParseCache } from '../engine/lint';
import { FsWorkspace } from '../node/fs-workspace';
import { ConfigResolver } from '../node/config-resolver';
import type { FileReport } from './report';
import { lintTarget, type Target, type TargetResult } from './lint-command';

/** Below this many files the workers' start-up (about 0.1 s of CPU each) costs more than it saves. */
export const WORKER_THRESHOLD = 400;
const MAX_WORKERS = 8;
/** Batches a worker holds (one in progress, the next ready): the main thread lints between feeds. */
const PREFETCH = 2;
export interface WorkerEnv {
  overrides: ConfigLayer;
  explicitConfig?: string;
  maxFileSize: number;
  keepText: boolean;
  /** The workspace's folders (FsWorkspace.roots), as the main thread worked them out. */
  roots: readonly string[];
}

interface WorkerInit extends WorkerEnv {
  rampartLint: true;
  /** The bundle bin/compile-cache.js loads when it is the worker's entry. */
  rampartEntry?: string;
}

/** The installed command's code-cache loader (bin/compile-cache.js), beside dist/. */
const WORKER_LOADER = join(__dirname, '..', 'bin', 'compile-cache.js');

/**
 * Whether a worker starts through WORKER_LOADER, which loads this bundle from the V8 code cache
 * as the main thread does (the installed command); else the worker runs this file itself (the
 * compiled tests).
 */
function viaLoader(): boolean {
  return basename(__filename) === 'cli.js' && basename(__dirname) === 'dist' && existsSync(WORKER_LOADER);
}

/**
 * `names`: entry names of the targets' folders and the folders above them, as the main thread's
 * walk read them, each sent to a worker once. A lint asks of every folder up whether a config,
 * compose or version file is there (FsWorkspace.notListed); without these the worker read each
 * folder again: a tenth of a second of its CPU on the 10,000-file bench workspace, where most
 * folders hold one file.
 */
type ToWorker = { batch: number; targets: Target[]; names?: Array<[string, string[]]> } | { done: true };
type FromWorker = { batch: number; results: TargetResult[] } | { batch: number; error: string };

/**
 * Worker threads to start besides the main thread, which lints too: one less than the cores (so
 * two cores give one worker and the main thread). RAMPART_WORKERS sets the number (0: none).
 */
export function workerCount(): number {
  const env = process.env.RAMPART_WORKERS;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    return Number.isFinite(n) && n >= 0 ? Math.min(MAX_WORKERS, Math.floor(n)) : 0;
  }
  return Math.max(0, Math.min(MAX_WORKERS, availableParallelism() - 1));
}

/** Whether a run that has found `count` files so far should start its workers. */
export function wantWorkers(count: number): boolean {
  const forced = process.env.RAMPART_WORKERS !== undefined && process.env.RAMPART_WORKERS !== '';
  return workerCount() > 0 && (count >= WORKER_THRESHOLD || (forced && count > 1));
}

/** A batch handed to a worker: the caller's own items, given back with their results. */
export interface Batch<T> {
  items: T[];
  targets: Target[];
}

interface Lane<T> {
  worker: Worker;
  out: Map<number, Batch<T>>;
  alive: boolean;
  /** Folders whose names this worker was sent (or that the main thread had none for). */
  seeded: Set<string>;
}

/**
 * The worker threads of one run. `take(n)` asks the caller for the next batch (undefined when it
 * has none now); results come to `done`, and a batch a worker could not finish (it failed, or
 * never started) to `failed`, for the caller to lint itself.
 */
export class WorkerPool<T> {
  private readonly lanes: Array<Lane<T>> = [];
  private next = 0;
  private wake?: () => void;

  constructor(
    count: number,
    env: WorkerEnv,
    private readonly take: (lanes: number) => Batch<T> | undefined,
    private readonly done: (batch: Batch<T>, results: TargetResult[]) => void,
    private readonly failed: (batch: Batch<T>) => void,
    /** The entry names the main thread knows for a folder (FsWorkspace.knownNames). */
    private readonly namesOf?: (dir: string) => string[] | undefined,
  ) {
    const loader = viaLoader();
    const init: WorkerInit = { ...env, rampartLint: true, ...(loader ? { rampartEntry: __filename } : {}) };
    for (let i = 0; i < count; i++) {
      let worker: Worker;
      try {
        worker = new Worker(loader ? WORKER_LOADER : __filename, { workerData: init });
      } catch {
        break; // no threads here: the main thread lints everything
      }
      const lane: Lane<T> = { worker, out: new Map(), alive: true, seeded: new Set() };
      this.lanes.push(lane);
      worker.on('message', (m: FromWorker) => {
        const b = lane.out.get(m.batch);
        lane.out.delete(m.batch);
        if ('error' in m) this.drop(lane);
        else if (b) this.done(b, m.results);
        this.feed();
        this.notify();
      });
      worker.on('error', () => this.drop(lane));
      worker.on('exit', () => this.drop(lane));
    }
  }

  get size(): number {
    return this.lanes.filter((l) => l.alive).length;
  }

  /** Batches sent and not yet answered. */
  get pending(): number {
    let n = 0;
    for (const l of this.lanes) n += l.out.size;
    return n;
  }

  /** Tops every worker up to PREFETCH batches. */
  feed(): void {
    for (const lane of this.lanes) {
      while (lane.alive && lane.out.size < PREFETCH) {
        const b = this.take(this.size + 1);
        if (!b) return;
        const id = this.next++;
        lane.out.set(id, b);
        const names = this.namesFor(lane, b.targets);
        lane.worker.postMessage({ batch: id, targets: b.targets, ...(names.length > 0 ? { names } : {}) } satisfies ToWorker);
      }
    }
  }

  /** The folder names of `targets` (their folders and those above) this lane has not had yet. */
  private namesFor(lane: Lane<T>, targets: readonly Target[]): Array<[string, string[]]> {
    const out: Array<[string, string[]]> = [];
    if (!this.namesOf) return out;
    for (const t of targets) {
      for (let dir = t.abs; ; ) {
        const slash = dir.lastIndexOf('/');
        if (slash < 0) break;
        dir = slash === 0 ? '/' : dir.slice(0, slash);
        if (lane.seeded.has(dir)) break; // its folders above were seen with it
        lane.seeded.add(dir);
        const names = this.namesOf(dir);
        if (names) out.push([dir, names]);
        if (dir === '/') break;
      }
    }
    return out;
  }

  /** Resolves when a worker answers or stops (or at once when none has work). */
  settled(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((res) => {
      this.wake = res;
    });
  }

  close(): void {
    for (const lane of this.lanes) {
      if (!lane.alive) continue;
      lane.alive = false;
      lane.worker.postMessage({ done: true } satisfies ToWorker);
    }
  }

  private drop(lane: Lane<T>): void {
    if (!lane.alive && lane.out.size === 0) return;
    lane.alive = false;
    void lane.worker.terminate();
    const lost = [...lane.out.values()];
    lane.out.clear();
    for (const b of lost) this.failed(b);
    this.notify();
  }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }
}

function workerLoop(init: WorkerInit): void {
  const port = parentPort!;
  useBatchCaches(); // as the CLI's own thread (runLint)
  const workspace = new FsWorkspace();
  workspace.roots = init.roots;
  const configs = new ConfigResolver(workspace, undefined, init.overrides, init.explicitConfig);
  const cache = new ParseCache(16);
  const ctx = { args: { fix: false, fixDryRun: false, maxFileSize: init.maxFileSize }, configs, workspace, cache, io: { readStdin: async () => '' }, keepText: init.keepText };
  port.on('message', (m: ToWorker) => {
    if ('done' in m) {
      port.close();
      return;
    }
    for (const [dir, names] of m.names ?? []) workspace.seedNames(dir, names);
    void (async () => {
      const out: TargetResult[] = [];
      // Plain objects (lintOne copies the diagnostics): a structured clone keeps them whole.
      for (const t of m.targets) out.push(await lintTarget(t, ctx));
      port.postMessage({ batch: m.batch, results: out } satisfies FromWorker);
    })().catch((err: unknown) => port.postMessage({ batch: m.batch, error: err instanceof Error ? err.message : String(err) } satisfies FromWorker));
  });
}

// Started on the next turn: lint-command and this module import each other, and every module of
// the bundle must have run before the loop uses lintTarget.
if (!isMainThread && (workerData as Partial<WorkerInit> | undefined)?.rampartLint === true) {
  setImmediate(() => workerLoop(workerData as WorkerInit));
}

export type { FileReport };
