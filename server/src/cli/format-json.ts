// JSON output, version 1 (the contract in cli.md).
import { TOOL_NAME, TOOL_VERSION } from '../engine/identity';
import { summarize, type FileReport } from './report';

export function formatJson(files: FileReport[]): string {
  const out = {
    version: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    files: files.map((f) => ({
      path: f.path,
      language: f.language ?? null,
      ...(f.skipped ? { skipped: f.skipped } : {}),
      diagnostics: f.diagnostics.map((d) => ({
        rule: d.rule,
        severity: d.severity,
        message: d.message,
        range: d.range,
        fix: d.fix,
      })),
    })),
    summary: summarize(files),
  };
  return JSON.stringify(out, null, 2) + '\n';
}
