// Engine diagnostics -> LSP diagnostics, with the fixes carried in `data` so code actions need
// no server-side state.
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic } from '../engine/types';
import { docsUrl } from '../engine/identity';
import { URI } from './uri';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

export interface DiagnosticData {
  rule: string;
  fixes: Diagnostic['fixes'];
}

export function toLspDiagnostic(d: Diagnostic, uri: string): LspDiagnostic {
  const data: DiagnosticData = { rule: d.rule, fixes: d.fixes };
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    source: 'rampart',
    code: d.rule,
    codeDescription: { href: docsUrl(d.rule) },
    message: d.message,
    ...(d.related.length > 0
      ? { relatedInformation: d.related.map((r) => ({ location: { uri: r.path ? URI.fromPath(r.path) : uri, range: r.range }, message: r.message })) }
      : {}),
    data,
  };
}
