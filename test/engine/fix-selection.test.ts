// Which fixes "fix all" and the multi-fix actions take together (engine/fixes.ts): the first
// fix of each finding, in order, unless one of its edits overlaps an edit already taken or inserts
// where an edit already taken inserts. The selection keeps the taken edits sorted (it was a scan
// of all of them, quadratic: 20 s for 25,000 findings); these tests hold it to the scan, written
// out here as the reference, on thousands of random cases.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { selectFirstFixEdits, selectSafeEdits } from '../../server/src/engine/fixes';
import { comparePositions, rangesOverlap } from '../../server/src/engine/text';
import type { Diagnostic, Fix, Position, TextEdit } from '../../server/src/engine/types';
import { rng } from '../bench/generate';

function clashes(chosen: TextEdit[], e: TextEdit): boolean {
  const isInsert = (x: TextEdit) => comparePositions(x.range.start, x.range.end) === 0;
  return chosen.some((c) => rangesOverlap(c.range, e.range) || (isInsert(c) && isInsert(e) && comparePositions(c.range.start, e.range.start) === 0));
}

/** The selection as it was written before: every taken edit is looked at for each new one. */
function referenceSafe(diagnostics: Diagnostic[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  for (const d of diagnostics) {
    const fix = d.fixes.find((f) => f.kind === 'safe');
    if (!fix) continue;
    if (!fix.edits.some((e) => clashes(chosen, e))) chosen.push(...fix.edits);
  }
  return chosen;
}

function referenceFirst(diagnostics: Diagnostic[]): TextEdit[] {
  const same = (a: TextEdit, b: TextEdit) => a.newText === b.newText && comparePositions(a.range.start, b.range.start) === 0 && comparePositions(a.range.end, b.range.end) === 0;
  const chosen: TextEdit[] = [];
  for (const d of diagnostics) {
    const fix = d.fixes[0];
    if (!fix) continue;
    const fresh = fix.edits.filter((e) => !chosen.some((c) => same(c, e)));
    if (!fresh.some((e) => clashes(chosen, e))) chosen.push(...fresh);
  }
  return chosen;
}

/** Positions on 4 lines of 6 characters: edits collide, touch and nest often. */
function position(r: () => number): Position {
  return { line: Math.floor(r() * 4), character: Math.floor(r() * 6) };
}

function edit(r: () => number): TextEdit {
  const a = position(r);
  const insert = r() < 0.35;
  const b = insert ? a : position(r);
  const [start, end] = comparePositions(a, b) <= 0 ? [a, b] : [b, a];
  return { range: { start, end }, newText: r() < 0.5 ? 'x' : 'y' };
}

/** A fix's edits never overlap one another (the fuzzer holds every rule to that). */
function fix(r: () => number, kind: 'safe' | 'suggest'): Fix {
  const edits: TextEdit[] = [];
  const n = 1 + Math.floor(r() * 3);
  for (let tries = 0; edits.length < n && tries < 20; tries++) {
    const e = edit(r);
    if (!edits.some((c) => rangesOverlap(c.range, e.range))) edits.push(e);
  }
  return { title: 'fix', kind, edits };
}

function diagnostics(seed: number): Diagnostic[] {
  const r = rng(seed); // the benchmark's seeded generator: a failure names its case
  const out: Diagnostic[] = [];
  const n = Math.floor(r() * 14);
  for (let i = 0; i < n; i++) {
    const fixes = r() < 0.15 ? [] : [fix(r, r() < 0.8 ? 'safe' : 'suggest'), ...(r() < 0.3 ? [fix(r, 'safe')] : [])];
    out.push({ rule: 'test/rule', fixes } as unknown as Diagnostic);
  }
  return out;
}

describe('fix selection', () => {
  it('selectSafeEdits takes exactly what the scan of every taken edit takes (5,000 random cases)', () => {
    for (let seed = 1; seed <= 5000; seed++) {
      const d = diagnostics(seed);
      assert.deepEqual(selectSafeEdits(d), referenceSafe(d), `seed ${seed}`);
    }
  });

  it('selectFirstFixEdits takes exactly what the scan takes, shared edits once (5,000 random cases)', () => {
    for (let seed = 1; seed <= 5000; seed++) {
      const d = diagnostics(seed + 100_000);
      // Findings that offer one and the same edit (a list removed whole), as rules do.
      if (d.length > 1 && d[0]!.fixes[0]) d.push({ rule: 'test/rule', fixes: [d[0]!.fixes[0]] } as unknown as Diagnostic);
      assert.deepEqual(selectFirstFixEdits(d), referenceFirst(d), `seed ${seed}`);
    }
  });

  it('two insertions at one place: the first is taken, the second waits for the next round', () => {
    const at = { line: 2, character: 0 };
    const ins = (newText: string): Diagnostic => ({ rule: 'test/rule', fixes: [{ title: newText, kind: 'safe', edits: [{ range: { start: at, end: at }, newText }] }] }) as unknown as Diagnostic;
    assert.deepEqual(selectSafeEdits([ins('a'), ins('b')]).map((e) => e.newText), ['a']);
  });

  it('an edit inside a taken one clashes, one touching it does not', () => {
    const rep = (l: number, s: number, e: number, newText: string): Diagnostic =>
      ({ rule: 'test/rule', fixes: [{ title: newText, kind: 'safe', edits: [{ range: { start: { line: l, character: s }, end: { line: l, character: e } }, newText }] }] }) as unknown as Diagnostic;
    assert.deepEqual(selectSafeEdits([rep(0, 2, 8, 'a'), rep(0, 4, 5, 'inside'), rep(0, 8, 9, 'touching'), rep(0, 0, 2, 'before')]).map((e) => e.newText), ['a', 'touching', 'before']);
  });
});
