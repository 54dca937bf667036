// Fixes a rule decides on while it checks and builds only when they are asked for (LazyFixes):
// whether each fix exists and its class are known at check time (cheap, structural questions);
// its title and edits (insertion points, indentation, rendered blocks) are thunks.
import type { Fix, LazyFixes, TextEdit } from './types';

/** One fix a check decided on. `title` is a thunk when it needs counting (services sharing an anchor). */
export interface FixPlan {
  kind: Fix['kind'];
  title: string | (() => string);
  edits: () => TextEdit[];
}

/** The planned fixes, in order, built when asked for; undefined when there are none. */
export function planned(plans: readonly FixPlan[]): LazyFixes | undefined {
  if (plans.length === 0) return undefined;
  return {
    best: plans.some((p) => p.kind === 'safe') ? 'safe' : 'suggest',
    make: () => plans.map((p) => ({ title: typeof p.title === 'string' ? p.title : p.title(), kind: p.kind, edits: p.edits() })),
  };
}

/** One planned fix (undefined: none). */
export function plannedFix(kind: Fix['kind'], title: string | (() => string), edits: (() => TextEdit[]) | undefined): LazyFixes | undefined {
  return edits ? planned([{ kind, title, edits }]) : undefined;
}
