// The per-file shape every formatter consumes (paths already made relative for display).
import type { Diagnostic, Language, SkipReason } from '../engine/types';

export interface FileReport {
  /** Display path: relative to the current directory when under it, else absolute; `-` for stdin. */
  path: string;
  absPath: string;
  language: Language | undefined;
  diagnostics: Diagnostic[];
  suppressed: Diagnostic[];
  skipped?: SkipReason;
  /** The linted text, for SARIF fingerprints (never printed). */
  text?: string;
}

export function summarize(files: FileReport[]) {
  const s = { files: files.length, skipped: 0, error: 0, warning: 0, info: 0 };
  for (const f of files) {
    if (f.skipped) s.skipped++;
    for (const d of f.diagnostics) s[d.severity]++;
  }
  return s;
}
