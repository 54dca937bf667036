// The edits behind "Disable <rule> for this line" and "Disable <rule> for this file". Pure
// functions of the parsed document, so every language gets them through ParsedDocument alone.
import type { CommentInfo, ParsedDocument, TextEdit } from '../engine/types';
import { parseIgnoreComment } from '../engine/suppressions';

/** First line of the statement that holds `line` (a Dockerfile instruction's first line). */
export function statementStart(parsed: ParsedDocument<unknown>, line: number): number {
  // A client may send any line (10^9 would mean 10^9 steps back): start inside the document.
  line = Math.max(0, Math.min(Math.floor(line) || 0, parsed.index.lineCount - 1));
  for (let l = line; l >= 0; l--) {
    const span = parsed.statementSpan(l);
    if (span) return span.start <= line && line <= span.end ? span.start : line;
  }
  return line;
}

/** Where to append `, <rule>` in a rampart-ignore comment: the end of its rule list. */
function appendPoint(comment: CommentInfo): { character: number; hasRules: boolean } {
  const text = comment.text;
  const kw = /^\s*rampart-ignore(?:-file)?/.exec(text)!;
  const dash = text.indexOf('--', kw[0].length);
  let end = dash >= 0 ? dash : text.length;
  while (end > kw[0].length && /\s/.test(text[end - 1]!)) end--;
  // `+ 1` for the `#` the comment text leaves out.
  return { character: comment.range.start.character + 1 + end, hasRules: text.slice(kw[0].length, end).trim().length > 0 };
}

function appendEdit(comment: CommentInfo, rule: string): TextEdit {
  const { character, hasRules } = appendPoint(comment);
  const pos = { line: comment.range.start.line, character };
  return { range: { start: pos, end: pos }, newText: hasRules ? `, ${rule}` : ` ${rule}` };
}

function ownLineIgnoreAt(parsed: ParsedDocument<unknown>, line: number, scope: 'line' | 'file'): CommentInfo | undefined {
  for (const c of parsed.comments) {
    if (!c.ownLine || c.range.start.line !== line) continue;
    const p = parseIgnoreComment(c);
    if (p && p.scope === scope) return c;
  }
  return undefined;
}

function alreadyNames(comment: CommentInfo, rule: string): boolean {
  return parseIgnoreComment(comment)?.rules.includes(rule) ?? false;
}

/**
 * `# rampart-ignore <rule>` on its own line above the statement holding `line`, with the
 * statement's indentation; appended to a rampart-ignore comment directly above instead of
 * stacking a second one.
 */
export function disableLineEdit(parsed: ParsedDocument<unknown>, rule: string, line: number): TextEdit {
  const index = parsed.index;
  const start = statementStart(parsed, Math.min(line, index.lineCount - 1));
  const above = start > 0 ? ownLineIgnoreAt(parsed, start - 1, 'line') : undefined;
  if (above && !alreadyNames(above, rule)) return appendEdit(above, rule);
  const indent = /^[ \t]*/.exec(index.lineText(start))![0];
  const pos = { line: start, character: 0 };
  return { range: { start: pos, end: pos }, newText: `${indent}# rampart-ignore ${rule}${index.eol}` };
}

/**
 * `# rampart-ignore-file <rule>` at the document's file-suppression line (after Dockerfile
 * parser directives), appended to a rampart-ignore-file comment already there.
 */
export function disableFileEdit(parsed: ParsedDocument<unknown>, rule: string): TextEdit {
  const index = parsed.index;
  const line = parsed.fileSuppressionLine;
  const existing = ownLineIgnoreAt(parsed, line, 'file');
  if (existing && !alreadyNames(existing, rule)) return appendEdit(existing, rule);
  if (line >= index.lineCount) {
    // Only directives, and no line break after the last one.
    const end = index.positionAt(index.text.length);
    return { range: { start: end, end }, newText: `${index.eol}# rampart-ignore-file ${rule}` };
  }
  const pos = { line, character: 0 };
  return { range: { start: pos, end: pos }, newText: `# rampart-ignore-file ${rule}${index.eol}` };
}
