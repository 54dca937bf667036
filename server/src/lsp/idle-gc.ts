// Young-generation garbage collection where it costs a keystroke least.
//
// Each keystroke's lint allocates a few MB (a 1,000-line compose file: about 2.7 MB) and keeps
// little of it. V8 collects the young generation when it fills up, which is then in the middle
// of some lint: that collection copies everything the lint in progress holds (its parse, its
// findings so far), about 2 ms added to every tenth keystroke of a 1,000-line compose file, which
// was its 95th percentile. So the server picks the moment itself:
//
// - When the user pauses (no lint for IDLE_MS), and what is left of the young generation would
//   not hold ROOM lints like the largest recent one, it is collected then: nobody waits for it.
// - When lints come back to back and the young generation is that full when the next one starts,
//   the document's previous parses are released first (its new version is about to be parsed
//   anyway) and the young generation collected with almost nothing alive in it: 0.3 MB copied in
//   0.7–1 ms instead of a mid-lint collection of 2 ms, measured on the benchmark's 1,000-line
//   compose file (test/bench/edit-latency.ts), in the server process.
//
// V8's `gc()` exists when node runs with `--expose-gc`, which the VS Code client passes
// (client/src/server-process.ts); a server started without it (another editor's
// `node dist/server.js --stdio`) leaves collection to V8 alone.
import { getHeapSpaceStatistics } from 'node:v8';

type MinorGc = () => void;

function minorGc(): MinorGc | undefined {
  // RAMPART_IDLE_GC=0: V8 alone decides (the benchmark compares both).
  if (process.env.RAMPART_IDLE_GC === '0') return undefined;
  const gc = (globalThis as { gc?: (options?: object) => void }).gc;
  return typeof gc === 'function' ? () => gc({ type: 'minor' }) : undefined;
}

export interface NewSpace {
  used: number;
  available: number;
}

function newSpace(): NewSpace | undefined {
  for (const s of getHeapSpaceStatistics()) if (s.space_name === 'new_space') return { used: s.space_used_size, available: s.space_available_size };
  return undefined;
}

/**
 * Room to leave, in lints like the largest recent one. V8 collects before the young generation is
 * quite full: with 6.6 MB "available" a 2.6 MB lint still met a collection, so two lints' worth
 * is not enough warning.
 */
const ROOM = 4;
/**
 * Lints that allocate less than this (a 100-line file: about 0.25 MB) are left to V8 when they
 * come back to back: what a collection inside them copies is as small as what one before them
 * would, and a young generation V8 keeps small would have the server collect every few lints.
 */
const BEFORE_LINT_MIN = 512 * 1024;
/** A pause this long (ms) since the last lint is idle time. */
const IDLE_MS = 30;

export class IdleCollector {
  /** The most a recent lint allocated (decays, so one huge file does not set it for ever). */
  private largest = 0;
  private lastLint = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Young-generation collections run here (for tests and the log). */
  collections = 0;

  constructor(
    private readonly collect: MinorGc | undefined = minorGc(),
    /** The young generation's use (a parameter for tests). */
    private readonly space: () => NewSpace | undefined = newSpace,
    /** How long without a lint counts as a pause (a parameter for tests). */
    private readonly idleMs = IDLE_MS,
  ) {}

  /**
   * Runs one lint, noting what it allocated. When the young generation has no room left for it,
   * `release` drops the document's previous parses and the young generation is collected first.
   */
  around<T>(lint: () => T, release?: () => void): T {
    if (!this.collect) return lint();
    let before = this.space();
    if (before && release && this.largest >= BEFORE_LINT_MIN && before.available < ROOM * this.largest) {
      release();
      this.collections++;
      this.collect();
      before = this.space();
    }
    const out = lint();
    const after = this.space();
    // A collection inside the lint makes the difference meaningless: keep the last estimate.
    if (before && after && after.used >= before.used) this.largest = Math.max(after.used - before.used, this.largest * 0.9);
    this.lastLint = Date.now();
    this.plan(this.idleMs);
    return out;
  }

  private plan(delay: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const quiet = Date.now() - this.lastLint;
      // Another lint since: not idle yet; look again when it would be.
      if (quiet < this.idleMs) return this.plan(this.idleMs - quiet);
      const space = this.space();
      if (!space || space.available >= ROOM * this.largest) return;
      this.collections++;
      this.collect!();
    }, delay);
    // A pending check never keeps the process alive.
    this.timer.unref?.();
  }
}
