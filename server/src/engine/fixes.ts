// Applying fixes: the same code serves the CLI's --fix, the server's "fix all" and the tests.
import type { Diagnostic, Language, TextEdit } from './types';
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
  for (const d of diagnostics) {
    const fix = d.fixes.find((f) => f.kind === 'safe');
    if (!fix) continue;
    const clash = fix.edits.some((e) => chosen.some((c) => rangesOverlap(c.range, e.range) || (isInsert(c) && isInsert(e) && samePos(c, e))));
    if (!clash) chosen.push(...fix.edits);
  }
  return chosen;
}

function isInsert(e: TextEdit): boolean {
  return comparePositions(e.range.start, e.range.end) === 0;
}

function samePos(a: TextEdit, b: TextEdit): boolean {
  return comparePositions(a.range.start, b.range.start) === 0;
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
  for (const d of diagnostics) {
    const fix = d.fixes[0];
    if (!fix) continue;
    // The same edit offered by several findings (a shared list) is taken once.
    const fresh = fix.edits.filter((e) => !chosen.some((c) => sameEdit(c, e)));
    const clash = fresh.some((e) => chosen.some((c) => rangesOverlap(c.range, e.range) || (isInsert(c) && isInsert(e) && samePos(c, e))));
    if (!clash) chosen.push(...fresh);
  }
  return chosen;
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.newText === b.newText && comparePositions(a.range.start, b.range.start) === 0 && comparePositions(a.range.end, b.range.end) === 0;
}
