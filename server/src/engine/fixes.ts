// Applying fixes: the same code serves the CLI's --fix, the server's "fix all" and the tests.
import type { Diagnostic, Language, Position, TextEdit } from './types';
import { LineIndex, comparePositions, rangesOverlap } from './text';
import { lint, type LintOptions } from './lint';

/**
 * Applies non-overlapping edits to a text. Throws if two edits overlap (a bug in a rule).
 * `index`: the text's LineIndex, when the caller has one (building it reads the whole text).
 */
export function applyEdits(text: string, edits: TextEdit[], index?: LineIndex): string {
  if (edits.length === 0) return text;
  if (!index || index.text !== text) index = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end));
  for (let i = 1; i < sorted.length; i++) {
    if (rangesOverlap(sorted[i - 1]!.range, sorted[i]!.range)) throw new Error('overlapping edits');
  }
  let out = '';
  let cursor = 0;
  for (const e of sorted) {
    const s = index.offsetAt(e.range.start);
    const t = index.offsetAt(e.range.end);
    if (s < cursor) throw new Error('overlapping edits');
    out += text.slice(cursor, s) + e.newText;
    cursor = t;
  }
  return out + text.slice(cursor);
}

/**
 * Picks the safe fixes of a set of diagnostics whose edits do not overlap each other
 * (first come, first served in document order); the rest wait for the next round.
 */
export function selectSafeEdits(diagnostics: Diagnostic[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  const taken = new ChosenEdits();
  for (const d of diagnostics) {
    const fix = d.fixes.find((f) => f.kind === 'safe');
    if (!fix) continue;
    if (fix.edits.some((e) => taken.clashes(e))) continue;
    for (const e of fix.edits) taken.add(e);
    chosen.push(...fix.edits);
  }
  return chosen;
}

/**
 * The edits chosen so far, for the clash test of the next one in O(log n): an edit clashes with
 * a chosen edit it overlaps, and an insertion with a chosen insertion at the same place (their
 * order would be arbitrary). A scan of every chosen edit made "fix all" quadratic: 25,000
 * findings of one rule took 20 s (found by the fuzzer), and the editor's "Fix all <rule>
 * problems" action runs this on every lightbulb request.
 */
class ChosenEdits {
  /**
   * Sorted by start, then end. Chosen edits never overlap one another, so their ends are sorted
   * too: of the edits starting before a new edit ends, the last one reaches furthest, and the new
   * edit overlaps one of them only if it overlaps that one.
   */
  private readonly sorted: TextEdit[] = [];
  private readonly insertions = new Set<string>();

  clashes(e: TextEdit): boolean {
    if (isInsert(e) && this.insertions.has(posKey(e.range.start))) return true;
    const before = this.sorted[this.countStartingBefore(e.range.end) - 1];
    return before !== undefined && rangesOverlap(before.range, e.range);
  }

  add(e: TextEdit): void {
    if (isInsert(e)) this.insertions.add(posKey(e.range.start));
    const s = this.sorted;
    // Findings come in document order, so this is nearly always an append.
    let lo = 0;
    let hi = s.length;
    if (hi > 0 && compareEdits(s[hi - 1]!, e) <= 0) lo = hi;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareEdits(s[mid]!, e) <= 0) lo = mid + 1;
      else hi = mid;
    }
    s.splice(lo, 0, e);
  }

  /** How many chosen edits start before `p`. */
  private countStartingBefore(p: Position): number {
    const s = this.sorted;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (comparePositions(s[mid]!.range.start, p) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function compareEdits(a: TextEdit, b: TextEdit): number {
  return comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end);
}

function posKey(p: Position): string {
  return `${p.line}:${p.character}`;
}

function isInsert(e: TextEdit): boolean {
  return comparePositions(e.range.start, e.range.end) === 0;
}

export interface FixAllResult {
  text: string;
  /** Rounds that changed the text. */
  rounds: number;
  applied: number;
}

/**
 * Applies every safe fix, re-linting between rounds (like ESLint's fix loop) until nothing
 * changes or ten rounds have run; each round only takes non-overlapping fixes.
 */
export function fixAll(path: string, text: string, options: LintOptions & { language?: Language }): FixAllResult {
  return fixRounds(path, text, options, (_text, diagnostics) => selectSafeEdits(diagnostics));
}

/**
 * The fix loop `fixAll` and other multi-fix actions ("Harden service") share: lint, let `choose`
 * pick non-overlapping edits from the findings on the current text, apply them, and again, until
 * nothing is chosen, the text stops changing, or ten rounds have run. A round whose result no
 * longer parses is not kept.
 */
export function fixRounds(
  path: string,
  text: string,
  options: LintOptions & { language?: Language },
  choose: (text: string, diagnostics: Diagnostic[]) => TextEdit[],
): FixAllResult {
  let current = text;
  let rounds = 0;
  let applied = 0;
  let previous: { text: string; applied: number } | undefined;
  let parseErrors = 0;
  for (let round = 0; round < 10; round++) {
    const result = lint(path, current, { ...options, version: undefined });
    if (!result) break;
    const errors = result.diagnostics.filter((d) => d.rule === 'rampart/parse-error').length;
    if (round === 0) parseErrors = errors;
    else if (errors > parseErrors && previous) {
      // The last round broke the file: keep the text before it.
      current = previous.text;
      applied -= previous.applied;
      rounds--;
      break;
    }
    const edits = choose(current, result.diagnostics);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    previous = { text: current, applied: edits.length };
    applied += edits.length;
    current = next;
    rounds++;
  }
  return { text: current, rounds, applied };
}

/**
 * Picks the first fix of each diagnostic, whole, when none of its edits overlaps (or inserts at
 * the same place as) an edit already picked: first come, first served in document order.
 */
export function selectFirstFixEdits(diagnostics: Diagnostic[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  const taken = new ChosenEdits();
  const seen = new Set<string>();
  for (const d of diagnostics) {
    const fix = d.fixes[0];
    if (!fix) continue;
    // The same edit offered by several findings (a shared list) is taken once.
    const fresh = fix.edits.filter((e) => !seen.has(editKey(e)));
    if (fresh.some((e) => taken.clashes(e))) continue;
    for (const e of fresh) {
      taken.add(e);
      seen.add(editKey(e));
    }
    chosen.push(...fresh);
  }
  return chosen;
}

function editKey(e: TextEdit): string {
  return `${posKey(e.range.start)}-${posKey(e.range.end)}\u0000${e.newText}`;
}
