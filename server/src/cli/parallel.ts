// Linting a large folder on every core: worker threads run the same lintTarget() as the CLI's own
// loop, each with its own file cache, config resolver and parse cache, and take batches of files
// from a shared queue (so a slow batch does not hold the others back). Only plain lint runs go
// here: --fix writes files and stdin is read once, so those stay on the main thread.
//
// The worker runs this very file: dist/cli.js when bundled, the compiled module in tests. Loading
// it in a worker with `workerData.rampartLint` starts the worker loop below.
import { availableParallelism, loadavg } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { ConfigLayer } from '../engine/config';
import { ParseCache } from '../engine/lint';
import { FsWorkspace } from '../node/fs-workspace';
import { ConfigResolver } from '../node/config-resolver';
import type { LintArgs } from './args';
import type { FileReport } from './report';
import { lintTarget, type Target, type TargetResult } from './lint-command';

/** Below this many files the workers' start-up (about 0.1 s each) costs more than it saves. */
export const WORKER_THRESHOLD = 400;
const BATCH = 64;
const MAX_WORKERS = 8;

export interface WorkerEnv {
  overrides: ConfigLayer;
  explicitConfig?: string;
  maxFileSize: number;
  keepText: boolean;
}

interface WorkerInit extends WorkerEnv {
  rampartLint: true;
}

type ToWorker = { batch: number; targets: Target[] } | { done: true };
type FromWorker = { batch: number; results: TargetResult[] } | { error: string };

/**
 * Number of threads to use: the cores the machine has free (a busy machine gains nothing from
 * more threads: each one loads and warms up its own copy of the engine). RAMPART_WORKERS
 * overrides (0 or 1: none).
 */
function threads(): number {
  const env = process.env.RAMPART_WORKERS;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    return Number.isFinite(n) && n >= 0 ? Math.min(MAX_WORKERS, Math.floor(n)) : 1;
  }
  const cores = availableParallelism();
  const busy = loadavg()[0] ?? 0; // 0 where the platform has no load average (Windows)
  return Math.max(1, Math.min(MAX_WORKERS, cores, Math.round(cores - busy)));
}

export function useWorkers(count: number, args: Pick<LintArgs, 'fix' | 'fixDryRun' | 'paths'>): boolean {
  if (args.fix || args.fixDryRun || args.paths.includes('-')) return false;
  const forced = process.env.RAMPART_WORKERS !== undefined && process.env.RAMPART_WORKERS !== '';
  return threads() > 1 && (count >= WORKER_THRESHOLD || (forced && count > 1));
}

/**
 * Lints `targets` in worker threads; results come back in target order. Batches a worker could
 * not finish (it failed, ran out of its bounded heap, or never started) are left undefined for the
 * caller to lint itself.
 */
export async function lintInWorkers(targets: Target[], env: WorkerEnv): Promise<Array<TargetResult[] | undefined> & { batch: number }> {
  const n = Math.min(threads(), Math.ceil(targets.length / BATCH));
  const batches: Target[][] = [];
  for (let i = 0; i < targets.length; i += BATCH) batches.push(targets.slice(i, i + BATCH));
  const results: Array<TargetResult[] | undefined> = new Array(batches.length).fill(undefined);
  let next = 0;
  const init: WorkerInit = { ...env, rampartLint: true };
  await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<void>((resolve) => {
          let w: Worker;
          try {
            w = new Worker(__filename, { workerData: init });
          } catch {
            resolve(); // no threads here: the caller lints what is left
            return;
          }
          let current: number | undefined;
          let finished = false;
          const finish = () => {
            if (finished) return;
            finished = true;
            resolve();
          };
          const feed = () => {
            if (next < batches.length) {
              current = next++;
              w.postMessage({ batch: current, targets: batches[current]! } satisfies ToWorker);
            } else {
              current = undefined;
              w.postMessage({ done: true } satisfies ToWorker);
              finish();
            }
          };
          w.on('message', (m: FromWorker) => {
            if ('error' in m) {
              // The batch stays undefined; this worker is done.
              void w.terminate();
              finish();
              return;
            }
            results[m.batch] = m.results;
            feed();
          });
          w.on('error', () => finish());
          w.on('exit', () => finish());
          feed();
        }),
    ),
  );
  return Object.assign(results, { batch: BATCH });
}

function workerLoop(init: WorkerInit): void {
  const port = parentPort!;
  const workspace = new FsWorkspace();
  const configs = new ConfigResolver(workspace, undefined, init.overrides, init.explicitConfig);
  const cache = new ParseCache(16);
  const ctx = { args: { fix: false, fixDryRun: false, maxFileSize: init.maxFileSize }, configs, workspace, cache, io: { readStdin: async () => '' }, keepText: init.keepText };
  port.on('message', (m: ToWorker) => {
    if ('done' in m) {
      port.close();
      return;
    }
    void (async () => {
      const out: TargetResult[] = [];
      for (const t of m.targets) out.push(await lintTarget(t, ctx));
      port.postMessage({ batch: m.batch, results: out } satisfies FromWorker);
    })().catch((err: unknown) => port.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies FromWorker));
  });
}

// Started on the next turn: lint-command and this module import each other, and every module of
// the bundle must have run before the loop uses lintTarget.
if (!isMainThread && (workerData as Partial<WorkerInit> | undefined)?.rampartLint === true) {
  setImmediate(() => workerLoop(workerData as WorkerInit));
}

export type { FileReport };
