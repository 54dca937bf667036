// `path:line:col: severity rule-id message` (1-based), one line per finding in report order, then
// `N problems (E errors, W warnings, I info) in F files`. Colour only on a TTY (or --color).
import type { FileReport } from './report';

const COLOURS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' } as const;
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';

export function formatText(files: FileReport[], colour: boolean): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of files) {
    // Skipped files are named on stderr; the report keeps its fixed shape.
    if (f.skipped) continue;
    for (const d of f.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else infos++;
      const loc = `${f.path}:${d.range.start.line + 1}:${d.range.start.character + 1}:`;
      const sev = colour ? `${COLOURS[d.severity]}${d.severity}${RESET}` : d.severity;
      const rule = colour ? `${DIM}${d.rule}${RESET}` : d.rule;
      lines.push(`${loc} ${sev} ${rule} ${d.message}`);
    }
  }
  const total = errors + warnings + infos;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  lines.push(
    `${plural(total, 'problem', 'problems')} (${plural(errors, 'error', 'errors')}, ${plural(warnings, 'warning', 'warnings')}, ${infos} info) in ${plural(files.length, 'file', 'files')}`,
  );
  return lines.join('\n') + '\n';
}
