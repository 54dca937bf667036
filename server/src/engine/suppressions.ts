// Suppression comments: `# rampart-ignore <rule>[, …] [-- reason]` (next statement, or the same
// line at the end of a YAML/TOML/nginx line) and `# rampart-ignore-file <rule>[, …] [-- reason]`.
import type { CommentInfo, Diagnostic, ParsedDocument, Range } from './types';
import type { RampartConfig } from './config';
import { ruleMeta } from './registry';
import { toDiagnostic } from './lint';
import { ignoreNeedsRuleMeta } from './rules/ignore-needs-rule';

export interface IgnoreComment {
  scope: 'line' | 'file';
  rules: string[];
  /** Rule names written but unknown to the registry. */
  unknown: string[];
  reason: string;
  comment: CommentInfo;
  /** Lines a `line` suppression covers. */
  span?: { start: number; end: number };
}

const IGNORE_RE = /^\s*rampart-ignore(-file)?(?=\s|$)(.*)$/;

/** Parses a comment's text (after `#`) as a rampart-ignore directive. */
export function parseIgnoreComment(comment: CommentInfo): Omit<IgnoreComment, 'span'> | undefined {
  const m = IGNORE_RE.exec(comment.text);
  if (!m) return undefined;
  let body = m[2] ?? '';
  let reason = '';
  const dash = body.indexOf('--');
  if (dash >= 0) {
    reason = body.slice(dash + 2).trim();
    body = body.slice(0, dash);
  }
  const names = body.split(/[\s,]+/).filter((s) => s.length > 0);
  const rules: string[] = [];
  const unknown: string[] = [];
  for (const n of names) (ruleMeta(n) ? rules : unknown).push(n);
  return { scope: m[1] ? 'file' : 'line', rules, unknown, reason, comment };
}

/** The next line after `line` that is neither blank nor a comment, as a covered span. */
function nextStatementSpan(parsed: ParsedDocument<unknown>, commentLines: Set<number>, line: number, lineCount: number) {
  for (let l = line + 1; l < lineCount; l++) {
    if (commentLines.has(l)) continue;
    const span = parsed.statementSpan(l);
    if (span) return span;
    return { start: l, end: l };
  }
  return undefined;
}

export function collectIgnores(parsed: ParsedDocument<unknown>, lineCount: number, isBlank: (line: number) => boolean): IgnoreComment[] {
  const commentLines = new Set<number>();
  for (const c of parsed.comments) if (c.ownLine) commentLines.add(c.range.start.line);
  const out: IgnoreComment[] = [];
  for (const c of parsed.comments) {
    const p = parseIgnoreComment(c);
    if (!p) continue;
    let span: { start: number; end: number } | undefined;
    if (p.scope === 'line') {
      if (c.ownLine) {
        // Skip blank lines as well as comments to find the statement the comment sits above.
        const skip = new Set(commentLines);
        for (let l = c.range.start.line + 1; l < lineCount && (skip.has(l) || isBlank(l)); l++) skip.add(l);
        span = nextStatementSpan(parsed, skip, c.range.start.line, lineCount);
      } else {
        const l = c.range.start.line;
        span = parsed.statementSpan(l) ?? { start: l, end: l };
      }
    }
    out.push({ ...p, span });
  }
  return out;
}

function covers(ig: IgnoreComment, d: Diagnostic): boolean {
  if (!ig.rules.includes(d.rule)) return false;
  if (ig.scope === 'file') return true;
  return !!ig.span && d.range.start.line >= ig.span.start && d.range.start.line <= ig.span.end;
}

export function applySuppressions(
  parsed: ParsedDocument<unknown>,
  diagnostics: Diagnostic[],
  _evaluated: Set<string>,
  _config: RampartConfig,
): { kept: Diagnostic[]; suppressed: Diagnostic[] } {
  const index = parsed.index;
  const ignores = collectIgnores(parsed, index.lineCount, (l) => index.lineText(l).trim() === '');
  const kept: Diagnostic[] = [];
  const suppressed: Diagnostic[] = [];
  for (const d of diagnostics) {
    const ig = ignores.find((i) => covers(i, d));
    if (ig) suppressed.push({ ...d, suppression: { kind: 'inSource', justification: ig.reason, source: 'rampart-ignore' } });
    else kept.push(d);
  }
  for (const ig of ignores) {
    if (ig.rules.length > 0 && ig.unknown.length === 0) continue;
    const r: Range = ig.comment.range;
    const message =
      ig.unknown.length > 0
        ? `Suppression names unknown rule ${ig.unknown.map((u) => `"${u}"`).join(', ')}: it silences nothing. Check the id with \`rampart rules\`.`
        : 'Suppression names no rule: say which rule it silences, for example `# rampart-ignore dockerfile/user-root -- why`.';
    kept.push(toDiagnostic(ignoreNeedsRuleMeta, 'error', { range: r, message }));
  }
  return { kept, suppressed };
}

