// Linting a large folder on every core: worker threads run the same lintTarget() as the CLI's own
// loop, each with its own file cache, config resolver and parse cache, and take batches of files
// from a shared queue (so a slow batch does not hold the others back). Only plain lint runs go
// here: --fix writes files and stdin is read once, so those stay on the main thread.
//
// The worker runs this very file: dist/cli.js when bundled, the compiled module in tests. Loading
// it in a worker with `workerData.rampartLint` starts the worker loop below.
import { availableParallelism } from 'node:os';
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

/** Number of threads to use: RAMPART_WORKERS overrides (0 or 1: none). */
function threads(): number {
  const env = process.env.RAMPART_WORKERS;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    return Number.isFinite(n) && n >= 0 ? Math.min(MAX_WORKERS, Math.floor(n)) : 1;
  }
  return Math.min(MAX_WORKERS, availableParallelism());
}

export function useWorkers(count: number, args: Pick<LintArgs, 'fix' | 'fixDryRun' | 'paths'>): boolean {
  if (args.fix || args.fixDryRun || args.paths.includes('-')) return false;
  const forced = process.env.RAMPART_WORKERS !== undefined && process.env.RAMPART_WORKERS !== '';
  return threads() > 1 && (count >= WORKER_THRESHOLD || (forced && count > 1));
}

/**
 * Lints `targets` in worker threads; results come back in target order. Resolves undefined when
 * workers cannot be started (the caller then lints on its own).
 */
export async function lintInWorkers(targets: Target[], env: WorkerEnv): Promise<TargetResult[] | undefined> {
  const n = Math.min(threads(), Math.ceil(targets.length / BATCH));
  const batches: Target[][] = [];
  for (let i = 0; i < targets.length; i += BATCH) batches.push(targets.slice(i, i + BATCH));
  const results: TargetResult[][] = new Array(batches.length);
  let next = 0;
  const init: WorkerInit = { ...env, rampartLint: true };
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: n }, () =>
        new Promise<void>((resolve, reject) => {
          let w: Worker;
          try {
            w = new Worker(__filename, { workerData: init });
          } catch (err) {
            reject(err);
            return;
          }
          workers.push(w);
          const feed = () => {
            if (next < batches.length) {
              const batch = next++;
              w.postMessage({ batch, targets: batches[batch]! } satisfies ToWorker);
            } else {
              w.postMessage({ done: true } satisfies ToWorker);
              resolve();
            }
          };
          w.on('message', (m: FromWorker) => {
            if ('error' in m) {
              reject(new Error(m.error));
              return;
            }
            results[m.batch] = m.results;
            feed();
          });
          w.on('error', reject);
          w.on('exit', (code) => {
            if (code !== 0) reject(new Error(`lint worker exited with code ${code}`));
          });
          feed();
        }),
      ),
    );
  } catch (err) {
    for (const w of workers) void w.terminate();
    // A worker that cannot start (a sandbox without threads): lint here instead. A CliError
    // from a file is not expected on this path (no fixes are written).
    if (results.every((r) => r === undefined)) return undefined;
    throw err;
  }
  return results.flat();
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
