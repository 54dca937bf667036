// How many parses of other files the module caches keep. In the editor a cache of 64 keeps the
// open files and their neighbours parsed while the user types. A batch run (the CLI, the server's
// workspace scan worker) reads each file once, in folder order, so a neighbour is asked for again
// soon or never: there a large cache only keeps every parse alive through the young-generation
// collections, which copy it and promote it to the old generation. Linting the 10,000-file bench
// workspace in one thread promoted 483 MB of the 2 GB it allocated with the editor's sizes and
// 409 MB with these (7.45 → 7.04 s); the CLI's scan went from 5.9–6.2 to 5.5–5.6 s.
let batch = false;

/** Keep few parses of other files: this process lints files once each (CLI, scan worker). */
export function useBatchCaches(): void {
  batch = true;
}

/**
 * A parse cache's capacity: `editor` in the editor, at most `inBatch` (BATCH_CAPACITY unless the
 * cache says otherwise) in a batch run. A cache whose files every file of a folder reads (the
 * Traefik file provider's directory) must hold that folder: in folder order, a smaller one misses
 * every time, and each lint parses the whole folder again.
 */
export function cacheCapacity(editor: number, inBatch = BATCH_CAPACITY): number {
  return batch ? Math.min(editor, inBatch) : editor;
}

/** Entries a batch run keeps per cache: the files of a folder and its parents. */
export const BATCH_CAPACITY = 16;
