// "Harden service <name>": every hardening fix of one service in one edit. A finding is that
// service's when its first fix edits only the service's own text (its definitions in this file):
// a missing setting inserted into it, a value written in it changed, an anchored value
// overridden in it. Fixes that edit an anchor or an `extends` base (they reach other services)
// are left to their own quick fixes. The rounds converge like "fix all" (engine/fixes.ts).
import type { Diagnostic, Position, Range, TextEdit } from '../../engine/types';
import { comparePositions } from '../../engine/text';
import { selectFirstFixEdits } from '../../engine/fixes';
import type { ComposeModel } from './model';
import { parseCompose } from './parse';
import { lastLine } from './edits';
import { composeRules } from './rules';

/** The lines a service's own definitions span in a file, and where its keys are. */
export interface ServiceSpan {
  name: string;
  /** The service's key in each of its definitions in the file (one per document). */
  keyRanges: Range[];
  /** `[first, last]` line of each definition (key and value). */
  lines: Array<[number, number]>;
}

/** Every service of the file with the lines of its own definitions, in file order. */
export function serviceSpans(model: ComposeModel): ServiceSpan[] {
  return model.services.map((s) => ({
    name: s.name,
    keyRanges: s.definitions.map((d) => d.keyRange),
    lines: s.definitions.map((d): [number, number] => [d.keyRange.start.line, Math.max(d.keyRange.end.line, lastLine(d.entry.value.range))]),
  }));
}

function inside(span: ServiceSpan, r: Range): boolean {
  return span.lines.some(([a, b]) => r.start.line >= a && r.end.line <= b);
}

/** The service whose own text all of a fix's edits are in (undefined when none, or when they straddle). */
export function serviceOfEdits(spans: ServiceSpan[], edits: TextEdit[]): ServiceSpan | undefined {
  if (edits.length === 0) return undefined;
  return spans.find((s) => edits.every((e) => inside(s, e.range)));
}

/** The service whose key is on the line of a position (where "Harden service" is offered). */
export function serviceAtKey(spans: ServiceSpan[], p: Position): ServiceSpan | undefined {
  return spans.find((s) => s.keyRanges.some((r) => r.start.line === p.line && comparePositions(p, { line: p.line, character: 0 }) >= 0));
}

/** The compose rules whose fixes harden a service (not the correctness ones such as duplicate-merge-key). */
const HARDENING = new Set(composeRules.filter((r) => r.meta.tags.includes('security') && r.meta.fix !== 'none').map((r) => r.meta.id));

/** True when a diagnostic is a hardening finding whose first fix edits this service's own text. */
export function isHardeningOf(spans: ServiceSpan[], d: Diagnostic, service: string): boolean {
  const fix = d.fixes[0];
  return HARDENING.has(d.rule) && !!fix && serviceOfEdits(spans, fix.edits)?.name === service;
}

/**
 * The edits for one round of "Harden service": the first fix of every hardening finding of the
 * service, non-overlapping, skipping findings whose fix was already applied in an earlier round
 * (`done`: a fix that did not clear its finding is never applied twice).
 */
export function hardenRound(path: string, service: string, done: Set<string>): (text: string, diagnostics: Diagnostic[]) => TextEdit[] {
  return (text, diagnostics) => {
    const spans = serviceSpans(parseCompose(text, path).model);
    const mine = diagnostics.filter((d) => isHardeningOf(spans, d, service) && !done.has(`${d.rule}\0${d.message}`));
    const edits = selectFirstFixEdits(mine);
    for (const d of mine) if (d.fixes[0]!.edits.every((e) => edits.includes(e) || edits.some((c) => c.newText === e.newText && comparePositions(c.range.start, e.range.start) === 0))) done.add(`${d.rule}\0${d.message}`);
    return edits;
  };
}
