// Engine diagnostics -> LSP diagnostics. A diagnostic's `data` names its rule and nothing more:
// code actions take the fixes from the server's lint of the document's current version (the
// parse is cached per version), matched by rule, range and message. Fixes used to travel in
// `data` with the document version: a third of every report's bytes, and, since the version
// changed with each keystroke, no re-lint could ever answer "unchanged" to a pull.
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic, Range, RuleMeta, Severity } from '../engine/types';
import { docsUrl } from '../engine/identity';
import { URI } from './uri';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

export const SOURCE = 'rampart';

/** What a Rampart diagnostic carries for the code action handler. */
export interface DiagnosticData {
  rule: string;
}

export function isDiagnosticData(v: unknown): v is DiagnosticData {
  // Clients echo `data` back; a forged or damaged one is not ours.
  return typeof v === 'object' && v !== null && typeof (v as Partial<DiagnosticData>).rule === 'string';
}

export function toLspDiagnostic(d: Diagnostic, uri: string): LspDiagnostic {
  const data: DiagnosticData = { rule: d.rule };
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
