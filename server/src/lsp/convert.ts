// Engine diagnostics -> LSP diagnostics, with the fixes carried in `data` so code actions need
// no server-side state.
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic, Fix, Range, RuleMeta, Severity } from '../engine/types';
import { docsUrl } from '../engine/identity';
import { URI } from './uri';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

export const SOURCE = 'rampart';

/** What a Rampart diagnostic carries for the code action handler. */
export interface DiagnosticData {
  rule: string;
  /** Document version the fixes were computed on; fixes of an older version are not offered. */
  version: number;
  fixes: Fix[];
}

export function isDiagnosticData(v: unknown): v is DiagnosticData {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Partial<DiagnosticData>;
  // Clients echo `data` back; a forged or damaged one is not ours.
  return typeof d.rule === 'string' && typeof d.version === 'number' && Array.isArray(d.fixes) && d.fixes.every(isFix);
}

function isFix(f: unknown): boolean {
  const x = f as Partial<Fix> | null;
  return (
    !!x &&
    typeof x.title === 'string' &&
    (x.kind === 'safe' || x.kind === 'suggest') &&
    Array.isArray(x.edits) &&
    x.edits.every((e) => !!e && typeof e.newText === 'string' && !!e.range && isPos(e.range.start) && isPos(e.range.end))
  );
}

function isPos(p: unknown): boolean {
  const q = p as { line?: unknown; character?: unknown } | null;
  return !!q && Number.isInteger(q.line) && Number.isInteger(q.character);
}

export function toLspDiagnostic(d: Diagnostic, uri: string, version: number): LspDiagnostic {
  const data: DiagnosticData = { rule: d.rule, version, fixes: d.fixes };
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    source: SOURCE,
    code: d.rule,
    codeDescription: { href: docsUrl(d.rule) },
    message: d.message,
    ...(d.related.length > 0
      ? { relatedInformation: d.related.map((r) => ({ location: { uri: r.path ? URI.fromPath(r.path) : uri, range: r.range }, message: r.message })) }
      : {}),
    data,
  };
}

/**
 * A diagnostic of one of Rampart's own rules that the server raises itself, not the engine
 * (a skipped file, a config problem, a failed lint): its code links to the rule's page, but it
 * carries no data, so it gets no code actions.
 */
export function ownDiagnostic(meta: RuleMeta, severity: Severity, range: Range, message: string): LspDiagnostic {
  return { range, severity: SEVERITY[severity], source: SOURCE, code: meta.id, codeDescription: { href: docsUrl(meta.id) }, message };
}
