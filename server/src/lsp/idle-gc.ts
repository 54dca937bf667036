// Young-generation garbage collection between keystrokes instead of inside them.
//
// Each keystroke's lint allocates a few MB (a 1,000-line compose file: about 4 MB) and keeps
// little of it. V8 collects the young generation when it fills up, which is then in the middle of
// some lint: that collection copies everything the lint in progress still holds (its parse, its
// findings so far), 1.5–3 ms added to that keystroke, and it is what made the 95th percentile of
// a compose keystroke half again its median. Collected right after a lint, the same collection
// finds almost nothing alive (the parse the cache keeps) and costs a fraction of that, and the
// next keystroke's lint starts with room for all it allocates. Editors (and V8 in a browser tab)
// do the same: collect when idle. Measured in process (test/bench/profile.ts --idle-gc, a
// 1,018-line compose file, a turn of the event loop between lints): p95 5.72 → 4.64 ms, same
// median. The benchmark's LSP rows send keystrokes back to back, leaving no idle time to use:
// there it changes nothing measurable.
//
// So after a document's lint, once the event loop has nothing else queued (setImmediate), the
// young generation is collected when what is left of it would not hold the next lint (twice the
// most any recent lint allocated). V8's `gc()` exists when node runs with `--expose-gc`, which the
// VS Code client passes (client/src/server-process.ts); a server started without it (another
// editor's `node dist/server.js --stdio`) leaves collection to V8 as before.
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

export class IdleCollector {
  /** The most a recent lint allocated (decays, so one huge file does not set it for ever). */
  private largest = 0;
  private queued = false;
  /** Young-generation collections run here (for tests and the log). */
  collections = 0;

  constructor(
    private readonly collect: MinorGc | undefined = minorGc(),
    /** The young generation's use (a parameter for tests). */
    private readonly space: () => NewSpace | undefined = newSpace,
  ) {}

  /** Runs one lint, noting what it allocated, and plans a collection after it. */
  around<T>(lint: () => T): T {
    if (!this.collect) return lint();
    const before = this.space();
    const out = lint();
    const after = this.space();
    // A collection inside the lint makes the difference meaningless: keep the last estimate.
    if (before && after && after.used >= before.used) this.largest = Math.max(after.used - before.used, this.largest * 0.9);
    this.plan();
    return out;
  }

  private plan(): void {
    if (this.queued) return;
    this.queued = true;
    setImmediate(() => {
      this.queued = false;
      const space = this.space();
      if (!space || space.available >= 2 * this.largest) return;
      this.collections++;
      this.collect!();
    });
  }
}
