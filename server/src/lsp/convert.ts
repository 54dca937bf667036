// Engine diagnostics -> LSP diagnostics, with the fixes carried in `data` so code actions need
// no server-side state.
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic, Fix, Range } from '../engine/types';
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
  return typeof d.rule === 'string' && typeof d.version === 'number' && Array.isArray(d.fixes);
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

/** A diagnostic that is not a rule's finding (skipped file, config problem): no data, no actions. */
export function plainDiagnostic(range: Range, severity: DiagnosticSeverity, code: string, message: string): LspDiagnostic {
  return { range, severity, source: SOURCE, code, message };
}
