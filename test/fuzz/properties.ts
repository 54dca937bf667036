// The properties every input must have, whatever its bytes: lint() returns (never throws), every
// range it reports lies inside the document, every fix's edits lie inside the document and do not
// overlap, no rule failed (rampart/internal-error), and "fix all" ends with nothing left to fix
// and no new syntax error, and the fast YAML path (compose, Traefik YAML) equals the yaml library
// wherever it answers. Time is measured and returned, never judged here: the fuzz run
// reports slow inputs, `npm test` asserts nothing about time.
import { performance } from 'node:perf_hooks';
import { DEFAULT_CONFIG, mergeConfig, type RampartConfig } from '../../server/src/engine/config';
import { lint } from '../../server/src/engine/lint';
import { applyEdits, fixAll, selectSafeEdits } from '../../server/src/engine/fixes';
import { LineIndex, comparePositions, rangesOverlap } from '../../server/src/engine/text';
import type { Diagnostic, Language, Position, Range, TextEdit, WorkspaceView } from '../../server/src/engine/types';
import { FsWorkspace } from '../../server/src/node/fs-workspace';
import { differential, type Flavor } from '../yaml/differential';

export interface Failure {
  /** Which property broke: `throws`, `range`, `edit`, `overlap`, `internal-error`, `fix-all`, … */
  property: string;
  /** What broke, for a person (no input text beyond rule ids and error messages). */
  detail: string;
  /** Groups failures that are the same bug (property + rule + error class). */
  signature: string;
}

export interface CheckResult {
  failures: Failure[];
  /** Wall time of the lint (fix-all excluded). */
  ms: number;
  findings: number;
}

export const STRICT: RampartConfig = mergeConfig(DEFAULT_CONFIG, { profile: 'strict' });

/** Syntax findings: a fix must never add one. */
export const SYNTAX_RULES = new Set(['rampart/parse-error', 'nginx/syntax']);

export function positionInside(index: LineIndex, p: Position): boolean {
  return (
    Number.isInteger(p.line) &&
    Number.isInteger(p.character) &&
    p.line >= 0 &&
    p.line < index.lineCount &&
    p.character >= 0 &&
    p.character <= index.lineText(p.line).length
  );
}

export function rangeInside(index: LineIndex, r: Range): boolean {
  return !!r && positionInside(index, r.start) && positionInside(index, r.end) && comparePositions(r.start, r.end) <= 0;
}

function fmt(r: Range): string {
  return r && r.start && r.end ? `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}` : String(r);
}

function errorSig(err: unknown): string {
  if (!(err instanceof Error)) return String(err).slice(0, 80);
  // The first stack frame inside Rampart's own code names the bug better than the message.
  const frame = (err.stack ?? '').split('\n').find((l) => /server[\\/]src/.test(l)) ?? '';
  const where = /([A-Za-z0-9_-]+\.(?:ts|js)):(\d+)/.exec(frame);
  return `${err.name}: ${err.message.slice(0, 80)}${where ? ` @${where[1]}:${where[2]}` : ''}`;
}

/** Checks one diagnostic list against the document; pushes failures. */
export function checkDiagnostics(index: LineIndex, diagnostics: Diagnostic[], out: Failure[]): void {
  for (const d of diagnostics) {
    if (d.rule === 'rampart/internal-error') {
      out.push({ property: 'internal-error', detail: d.message, signature: `internal-error ${d.message.replace(/\(.*\)/s, '').slice(0, 60)} ${/Rule (\S+)/.exec(d.message)?.[1] ?? ''} ${/\((.*)\)/s.exec(d.message)?.[1]?.slice(0, 60) ?? ''}` });
    }
    if (!rangeInside(index, d.range)) out.push({ property: 'range', detail: `${d.rule} range ${fmt(d.range)} outside the document`, signature: `range ${d.rule}` });
    if (typeof d.message !== 'string' || d.message.length === 0) out.push({ property: 'message', detail: `${d.rule} has no message`, signature: `message ${d.rule}` });
    for (const r of d.related) {
      if (!r.path && !rangeInside(index, r.range)) out.push({ property: 'range', detail: `${d.rule} related range ${fmt(r.range)} outside the document`, signature: `related ${d.rule}` });
    }
    for (const r of d.secretRanges) {
      if (!rangeInside(index, r)) out.push({ property: 'range', detail: `${d.rule} secret range ${fmt(r)} outside the document`, signature: `secret-range ${d.rule}` });
    }
    for (const f of d.fixes) {
      for (const e of f.edits) {
        if (!rangeInside(index, e.range)) out.push({ property: 'edit', detail: `${d.rule} fix "${f.title}" edits ${fmt(e.range)}, outside the document`, signature: `edit ${d.rule}` });
      }
      const overlap = overlapping(f.edits);
      if (overlap) out.push({ property: 'overlap', detail: `${d.rule} fix "${f.title}" has overlapping edits ${overlap}`, signature: `overlap ${d.rule}` });
      else {
        try {
          // The document's index: one per fix made checking a file with thousands of fixes
          // quadratic (168 KB, 4,104 fixes: 4 s, reported as a hang under load).
          applyEdits(index.text, f.edits, index);
        } catch (err) {
          out.push({ property: 'edit', detail: `${d.rule} fix "${f.title}" cannot be applied: ${errorSig(err)}`, signature: `apply ${d.rule}` });
        }
      }
    }
  }
}

/**
 * Two edits that overlap, as text, or undefined. In start order an edit can only overlap the
 * edits that start before it ends, so each is compared with those alone: fix-all's choice for a
 * file with 25,000 findings was compared pair by pair for seconds.
 */
export function overlapping(edits: TextEdit[]): string | undefined {
  const sorted = [...edits].sort((a, b) => comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end));
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!.range;
    for (let j = i + 1; j < sorted.length && comparePositions(sorted[j]!.range.start, a.end) < 0; j++) {
      if (rangesOverlap(a, sorted[j]!.range)) return `${fmt(a)} and ${fmt(sorted[j]!.range)}`;
    }
  }
  return undefined;
}

function countSyntax(ds: Diagnostic[]): number {
  return ds.filter((d) => SYNTAX_RULES.has(d.rule)).length;
}

export interface CheckOptions {
  language: Language;
  path: string;
  config?: RampartConfig;
  workspace?: WorkspaceView;
  /** Also run "fix all" and check it converges without new syntax errors. */
  fixAll?: boolean;
}

/** Compose files, and Traefik files written in YAML, go through the fast YAML path. */
function yamlFlavor(language: Language, path: string): Flavor | undefined {
  if (language === 'compose') return 'compose';
  if (language === 'traefik' && !/\.toml$/i.test(path)) return 'traefik';
  return undefined;
}

/** Where the fast YAML path answers, it must answer exactly what the yaml library does. */
function checkFastYaml(text: string, o: CheckOptions, out: Failure[]): void {
  const flavor = yamlFlavor(o.language, o.path);
  if (!flavor) return;
  const d = differential(text, flavor);
  if (d.mismatch) out.push({ property: 'fast-yaml', detail: `fast YAML path differs from the library: ${d.mismatch.slice(0, 400)}`, signature: `fast-yaml ${flavor} ${d.mismatch.split('\n')[0]!.replace(/\d+/g, 'N').slice(0, 60)}` });
}

export function checkInput(text: string, o: CheckOptions): CheckResult {
  const failures: Failure[] = [];
  const config = o.config ?? STRICT;
  const workspace = o.workspace ?? new FsWorkspace();
  const index = new LineIndex(text);
  // The engine repairs a rule's mistakes before users see them; the rule still has the bug.
  const onContained = (rule: string, problem: string) =>
    failures.push({ property: 'contained', detail: `${rule} ${problem}`, signature: `contained ${rule} ${problem.replace(/\(.*$|".*"/s, '').slice(0, 60)}` });
  const t0 = performance.now();
  let diagnostics: Diagnostic[] = [];
  try {
    const r = lint(o.path, text, { config, workspace, language: o.language, onContained });
    if (!r) failures.push({ property: 'no-result', detail: 'lint() returned nothing for a forced language', signature: 'no-result' });
    else diagnostics = [...r.diagnostics, ...r.suppressed];
  } catch (err) {
    failures.push({ property: 'throws', detail: `lint() threw ${errorSig(err)}`, signature: `throws ${errorSig(err)}` });
  }
  const ms = performance.now() - t0;
  checkDiagnostics(index, diagnostics, failures);
  checkFastYaml(text, o, failures);

  if (o.fixAll && failures.length === 0) {
    // The fixes fix-all picks in one round never overlap.
    const chosen = selectSafeEdits(diagnostics.filter((d) => !d.suppression));
    const overlap = overlapping(chosen);
    if (overlap) failures.push({ property: 'overlap', detail: `fix-all picked overlapping edits ${overlap}`, signature: 'fix-all-overlap' });
    try {
      const fixed = fixAll(o.path, text, { config, workspace, language: o.language, onContained });
      if (fixed.text !== text) {
        const after = lint(o.path, fixed.text, { config, workspace, language: o.language, onContained });
        const left = (after?.diagnostics ?? []).filter((d) => d.fixes.some((f) => f.kind === 'safe'));
        if (left.length > 0) {
          const rules = [...new Set(left.map((d) => d.rule))].sort();
          failures.push({ property: 'fix-all', detail: `after fix-all (${fixed.rounds} rounds) safe fixes remain for ${rules.join(', ')}`, signature: `fix-all-left ${rules.join(',')}` });
        }
        const before = countSyntax(diagnostics);
        const syntaxAfter = countSyntax(after?.diagnostics ?? []);
        if (syntaxAfter > before) {
          const news = (after?.diagnostics ?? []).filter((d) => SYNTAX_RULES.has(d.rule)).map((d) => d.message.slice(0, 80));
          failures.push({ property: 'fix-all', detail: `fix-all added a syntax error: ${news[0]}`, signature: 'fix-all-syntax' });
        }
        if (after) checkDiagnostics(new LineIndex(fixed.text), [...after.diagnostics, ...after.suppressed], failures);
      }
    } catch (err) {
      failures.push({ property: 'fix-all', detail: `fix-all threw ${errorSig(err)}`, signature: `fix-all-throws ${errorSig(err)}` });
    }
  }
  return { failures, ms, findings: diagnostics.length };
}
