// A plain `rampart lint` (no --fix, no stdin): the files are linted while the walk finds them, on
// the main thread and, for a large run, on worker threads (parallel.ts), and the result is the one
// a walk-then-lint would give, in the same order:
//
// - A compose file names the Dockerfiles its services build (discovery's related files), which
//   gives them their build context, or makes an unclaimed file a Dockerfile. Discovery used to
//   parse every compose file for that before anything was linted, and the lint parsed it again;
//   now the lint of a compose file reports what it names (TargetResult.related), and the files
//   that may get hints (Dockerfiles) wait until every compose file is linted. A file linted
//   before its hints were known is linted again (none is, as long as HINTED is right).
// - The targets are put in the order the walk-then-lint gives (roots in order, each folder's
//   files, then the files its compose files named; first occurrence wins), so notes come out in
//   the same order.
import { performance } from 'node:perf_hooks';
import type { FileHints, Language, RelatedFile } from '../engine/types';
import { pluginFor } from '../engine/lint';
import { relatedFilesOf } from '../engine/related';
import { stripBom } from '../engine/text';
import { MAX_FILES, Walk, addRelatedFiles, startWalk, type DiscoveredFile } from '../node/discover';
import { lintTarget, type Target, type TargetContext, type TargetResult } from './lint-command';
import { WorkerPool, wantWorkers, workerCount, type Batch, type WorkerEnv } from './parallel';

/** Languages other files give hints to (compose services' Dockerfiles): linted last. */
const HINTED: ReadonlySet<Language> = new Set<Language>(['dockerfile']);
/** How long the main thread walks or lints before it lets the workers' messages in. */
const SLICE_MS = 10;
const MIN_BATCH = 4;
const MAX_BATCH = 32;

export type Root = { abs: string; folder: boolean };

interface Entry {
  t: Target;
  /** The root that first gave the file. */
  root: number;
  /** The walk's record of the file (its hints are final once related files are known). */
  origin?: DiscoveredFile;
  state: 'waiting' | 'queued' | 'running' | 'done';
  /** The hints it was linted with. */
  linted?: FileHints;
  result?: TargetResult;
}

const yieldTurn = () => new Promise<void>((res) => setImmediate(res));

/** Lints every file of `roots` (folders walked, files as given); the results in report order. */
export async function scan(roots: Root[], language: Language | undefined, ctx: TargetContext, env: WorkerEnv): Promise<Array<{ target: Target; result: TargetResult }>> {
  const entries = new Map<string, Entry>();
  const queue: Entry[] = [];
  let head = 0;
  let pool: WorkerPool<Entry> | undefined;

  const enqueue = (e: Entry) => {
    e.state = 'queued';
    queue.push(e);
  };
  const take = (lanes: number): Batch<Entry> | undefined => {
    const left = queue.length - head;
    if (left <= 0) return undefined;
    // Smaller batches as the queue runs out, so no thread is left with a long tail.
    const n = Math.max(MIN_BATCH, Math.min(MAX_BATCH, Math.floor(left / (lanes * 4))));
    const items = queue.slice(head, head + n);
    head += items.length;
    for (const e of items) {
      e.state = 'running';
      e.linted = e.t.hints;
    }
    return { items, targets: items.map((e) => e.t) };
  };
  const startPool = () => {
    if (pool || !wantWorkers(entries.size)) return;
    pool = new WorkerPool<Entry>(
      workerCount(),
      env,
      take,
      (b, results) =>
        b.items.forEach((e, i) => {
          e.result = results[i];
          e.state = 'done';
        }),
      // A batch a worker could not finish goes back to the front of the queue.
      (b) => {
        for (const e of b.items) e.state = 'queued';
        queue.splice(head, 0, ...b.items);
      },
      (dir) => ctx.workspace.knownNames(dir),
    );
  };
  /** Lints from the queue here until it is empty and no worker has anything left. */
  const drain = async () => {
    for (;;) {
      pool?.feed();
      if (head < queue.length) {
        const until = performance.now() + SLICE_MS;
        while (head < queue.length && performance.now() < until) {
          // From the back: the workers take the front, so each thread keeps going through
          // neighbouring files (a project's compose, Traefik and override files parse each
          // other), and they meet only once.
          const e = queue.pop()!;
          e.state = 'running';
          e.linted = e.t.hints;
          e.result = await lintTarget(e.t, ctx);
          e.state = 'done';
        }
        if (pool) await yieldTurn();
      } else if (pool && pool.pending > 0) await pool.settled();
      else return;
    }
  };

  try {
    // 1. Walk, linting on the workers what is found; Dockerfiles wait for their hints.
    const walks: Array<Walk | undefined> = [];
    for (let r = 0; r < roots.length; r++) {
      const root = roots[r]!;
      if (!root.folder) {
        walks.push(undefined);
        if (!entries.has(root.abs)) {
          const e: Entry = { t: { abs: root.abs, explicit: true, language }, root: r, state: 'waiting' };
          entries.set(root.abs, e);
          enqueue(e);
        }
        continue;
      }
      const walk = new Walk({ configFor: (p) => ctx.configs.configFor(p), workspace: ctx.workspace, cache: ctx.cache });
      walks.push(walk);
      if (!startWalk(walk, root.abs)) continue;
      for (let seen = 0, finished = false; !finished; ) {
        finished = walk.run(performance.now() + SLICE_MS);
        for (; seen < walk.out.length; seen++) {
          const f = walk.out[seen]!;
          if (entries.has(f.path)) continue;
          const relatedOf = pluginFor(f.language)?.relatedFiles ? f.language : undefined;
          const e: Entry = { t: { abs: f.path, explicit: false, language: language ?? f.language, ...(relatedOf ? { relatedOf } : {}) }, root: r, origin: f, state: 'waiting' };
          entries.set(f.path, e);
          if (!HINTED.has(f.language) || relatedOf) enqueue(e);
        }
        startPool();
        if (pool && !finished) {
          pool.feed();
          await yieldTurn();
        }
      }
    }
    startPool();
    await drain();

    // 2. What the compose files named: hints and added files, as discovery gives them.
    for (const walk of walks) {
      if (walk) addRelatedFiles(walk.out, walk.unclaimed, MAX_FILES, (f) => entries.get(f.path)?.result?.related ?? relatedLikeDiscovery(f, ctx));
    }

    // 3. The targets in report order; the ones not linted yet (or with other hints now) are.
    const final: Entry[] = [];
    const placed = new Set<string>();
    const place = (e: Entry) => {
      if (placed.has(e.t.abs)) return;
      placed.add(e.t.abs);
      final.push(e);
    };
    roots.forEach((root, r) => {
      const walk = walks[r];
      if (!walk) return place(entries.get(root.abs)!);
      for (const f of walk.out) {
        let e = entries.get(f.path);
        // A file this folder's compose files name (or one a later root gave first).
        if (!e || e.root > r) {
          e = { t: { abs: f.path, explicit: false, language: language ?? f.language }, root: r, origin: f, state: 'waiting' };
          entries.set(f.path, e);
        }
        place(e);
      }
    });
    for (const e of final) {
      if (e.origin?.hints) e.t.hints = e.origin.hints;
      if (e.state === 'waiting' || (e.state === 'done' && e.linted !== e.t.hints)) enqueue(e);
    }
    startPool();
    await drain();
    return final.map((e) => ({ target: e.t, result: e.result! }));
  } finally {
    pool?.close();
  }
}

/** What discovery reads a file for when no lint of it said (a file given twice, as a file first). */
function relatedLikeDiscovery(f: DiscoveredFile, ctx: TargetContext): RelatedFile[] {
  if (!pluginFor(f.language)?.relatedFiles) return [];
  const raw = ctx.workspace.readFile(f.path);
  return raw === undefined ? [] : relatedFilesOf(f.path, stripBom(raw).text, f.language, ctx.workspace, ctx.configs.configFor(f.path), ctx.cache);
}
