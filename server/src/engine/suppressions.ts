// Suppression comments (rules.md, "Suppression and configuration"):
//   `# rampart-ignore <rule>[, <rule>…] [-- reason]`
//       on its own line: covers the next line that is neither blank nor a comment; in a Dockerfile
//       the whole instruction that starts there (continuation lines included). At the end of a
//       line (YAML, TOML, nginx; a Dockerfile has no end-of-line comments): covers that line.
//   `# rampart-ignore-file <rule>[, …] [-- reason]` anywhere: covers the file.
// A finding is covered when its range starts on a covered line. Peer pragmas (pragmas.ts) are
// honoured the same way. Rampart's own comments are checked: `rampart/ignore-needs-rule` for a
// comment without a (known) rule, `rampart/unused-ignore` for one that silences nothing.
import type { CommentInfo, Diagnostic, Fix, ParsedDocument, Range, TextEdit } from './types';
import { effectiveSeverity, type RampartConfig } from './config';
import { ruleMeta, rulesForPeer } from './registry';
import { closestRuleId } from './suggest';
import { toDiagnostic, withSuppression } from './lint';
import { ignoreNeedsRuleMeta } from './rules/ignore-needs-rule';
import { unusedIgnoreMeta } from './rules/unused-ignore';
import { parsePeerPragma, registryPeerIndex, type PeerDialect, type PeerIndex } from './pragmas';
import type { LineIndex } from './text';

export interface IgnoreToken {
  name: string;
  /** Character range of the name on the comment's line. */
  range: Range;
}

export interface IgnoreComment {
  scope: 'line' | 'file';
  /** Known rule ids, in the order written (duplicates removed). */
  rules: string[];
  /** Every name written, known or not, with its range. */
  tokens: IgnoreToken[];
  /** Names unknown to the registry. */
  unknown: IgnoreToken[];
  reason: string;
  comment: CommentInfo;
  /** Range of the written rule list (first name to last name), when there is one. */
  listRange?: Range;
  /** Set when the keyword is a misspelt form such as `rampart-ignore-line`. */
  badKeyword?: string;
  /** Lines a `line` suppression covers; undefined when nothing follows the comment. */
  span?: { start: number; end: number };
}

// `rampart-ignore` or `rampart-ignore-file`, then whitespace or the end; `rampart-ignore-<x>` is
// caught separately so a misspelt form is reported instead of silently doing nothing.
const IGNORE_RE = /^(\s*)rampart-ignore(-[A-Za-z-]*)?(?=\s|$)/;

/** Parses a comment's text (after `#`) as a rampart-ignore directive. */
export function parseIgnoreComment(comment: CommentInfo): Omit<IgnoreComment, 'span'> | undefined {
  const m = IGNORE_RE.exec(comment.text);
  if (!m) return undefined;
  const suffix = m[2];
  const badKeyword = suffix !== undefined && suffix !== '-file' ? `rampart-ignore${suffix}` : undefined;
  const bodyStart = m[0].length;
  let bodyEnd = comment.text.length;
  let reason = '';
  // The reason starts at the first `--` that begins a word (rule ids contain single hyphens only).
  const dash = /(^|\s)--/.exec(comment.text.slice(bodyStart));
  if (dash) {
    bodyEnd = bodyStart + dash.index + dash[1]!.length;
    reason = comment.text.slice(bodyEnd + 2).trim();
  }
  // Characters of the comment text sit one column after the `#`.
  const line = comment.range.start.line;
  const col0 = comment.range.start.character + 1;
  const tokens: IgnoreToken[] = [];
  const nameRe = /[^\s,]+/g;
  const body = comment.text.slice(0, bodyEnd);
  nameRe.lastIndex = bodyStart;
  for (let t = nameRe.exec(body); t; t = nameRe.exec(body)) {
    tokens.push({
      name: t[0],
      range: { start: { line, character: col0 + t.index }, end: { line, character: col0 + t.index + t[0].length } },
    });
  }
  const rules: string[] = [];
  const unknown: IgnoreToken[] = [];
  for (const t of tokens) {
    if (ruleMeta(t.name)) {
      if (!rules.includes(t.name)) rules.push(t.name);
    } else unknown.push(t);
  }
  const listRange = tokens.length > 0 ? { start: tokens[0]!.range.start, end: tokens[tokens.length - 1]!.range.end } : undefined;
  return {
    scope: suffix === '-file' ? 'file' : 'line',
    rules,
    tokens,
    unknown,
    reason,
    comment,
    ...(listRange ? { listRange } : {}),
    ...(badKeyword ? { badKeyword } : {}),
  };
}

/** Lines that hold an own-line comment. */
function commentLineSet(parsed: ParsedDocument<unknown>): Set<number> {
  const s = new Set<number>();
  for (const c of parsed.comments) if (c.ownLine) s.add(c.range.start.line);
  return s;
}

/**
 * The statement an own-line comment on `line` sits above: the next line that is neither blank
 * nor a comment, widened to the whole instruction in a Dockerfile.
 */
function nextStatementSpan(parsed: ParsedDocument<unknown>, commentLines: Set<number>, line: number) {
  const index = parsed.index;
  for (let l = line + 1; l < index.lineCount; l++) {
    if (commentLines.has(l) || index.lineText(l).trim() === '') continue;
    return parsed.statementSpan(l) ?? { start: l, end: l };
  }
  return undefined;
}

function lineSpan(parsed: ParsedDocument<unknown>, line: number) {
  return parsed.statementSpan(line) ?? { start: line, end: line };
}

export function collectIgnores(parsed: ParsedDocument<unknown>): IgnoreComment[] {
  const commentLines = commentLineSet(parsed);
  const out: IgnoreComment[] = [];
  for (const c of parsed.comments) {
    const p = parseIgnoreComment(c);
    if (!p) continue;
    let span: { start: number; end: number } | undefined;
    if (p.scope === 'line') span = c.ownLine ? nextStatementSpan(parsed, commentLines, c.range.start.line) : lineSpan(parsed, c.range.start.line);
    out.push({ ...p, ...(span ? { span } : {}) });
  }
  return out;
}

/** One suppression in force, from Rampart's own comment or a peer pragma. */
interface Cover {
  rules: Set<string>;
  /** undefined = the whole file. */
  span: { start: number; end: number } | undefined;
  /** False for a line suppression that has nothing to cover (comment at the end of the file). */
  active: boolean;
  justification: string;
  source: 'rampart' | PeerDialect;
}

function covers(c: Cover, d: Diagnostic): boolean {
  if (!c.active || !c.rules.has(d.rule)) return false;
  return !c.span || (d.range.start.line >= c.span.start && d.range.start.line <= c.span.end);
}

/** The UTC date (`2026-11-22`), made once a day rather than once a lint (a Date and an ISO string each). */
let todayCache = { day: -1, text: '' };
function today(): string {
  const day = Math.floor(Date.now() / 86_400_000);
  if (todayCache.day !== day) todayCache = { day, text: new Date(day * 86_400_000).toISOString().slice(0, 10) };
  return todayCache.text;
}

/** Peer pragmas of a document as covers. */
function peerCovers(parsed: ParsedDocument<unknown>, commentLines: Set<number>, peers: PeerIndex): Cover[] {
  const out: Cover[] = [];
  const date = today();
  for (const c of parsed.comments) {
    // Dockerfile parser directives are the comments above `fileSuppressionLine`.
    const isDirective = c.range.start.line < parsed.fileSuppressionLine;
    const p = parsePeerPragma(c, { isDirective, today: date, peers });
    if (!p || p.rules.length === 0) continue;
    const span =
      p.scope === 'file' ? undefined : p.scope === 'line' ? lineSpan(parsed, c.range.start.line) : nextStatementSpan(parsed, commentLines, c.range.start.line);
    out.push({ rules: new Set(p.rules), span, active: p.scope === 'file' || span !== undefined, justification: p.justification, source: p.dialect });
  }
  return out;
}

function ownCover(ig: IgnoreComment): Cover {
  return {
    rules: new Set(ig.badKeyword ? [] : ig.rules),
    span: ig.scope === 'file' ? undefined : ig.span,
    active: ig.scope === 'file' || ig.span !== undefined,
    justification: ig.reason,
    source: 'rampart',
  };
}

function suppress(d: Diagnostic, c: Cover): Diagnostic {
  return withSuppression(d, { kind: 'inSource', justification: c.justification, source: c.source });
}

/** Splits diagnostics into kept and suppressed; Rampart's own comments win over peer pragmas. */
function partition(diagnostics: Diagnostic[], covers_: Cover[]) {
  const kept: Diagnostic[] = [];
  const suppressed: Diagnostic[] = [];
  for (const d of diagnostics) {
    const c = covers_.find((x) => covers(x, d));
    if (c) suppressed.push(suppress(d, c));
    else kept.push(d);
  }
  return { kept, suppressed };
}

/** Which rules a lint judged (engine/lint.ts RulesJudged). */
export interface RuleSet {
  has(id: string): boolean;
}

export function applySuppressions(
  parsed: ParsedDocument<unknown>,
  diagnostics: Diagnostic[],
  evaluated: RuleSet,
  config: RampartConfig,
  /** Peer id → rule mapping; the registry's unless a test supplies its own. */
  peers: PeerIndex = registryPeerIndex(),
): { kept: Diagnostic[]; suppressed: Diagnostic[] } {
  const commentLines = commentLineSet(parsed);
  const ignores = collectIgnores(parsed);
  const own = ignores.map(ownCover);
  const all = [...own, ...peerCovers(parsed, commentLines, peers)];

  // Phase 1: the rules' findings.
  const first = partition(diagnostics, all);

  // Phase 2: Rampart's checks of its own comments, themselves suppressible
  // (`# rampart-ignore-file rampart/unused-ignore`).
  const meta: Diagnostic[] = [];
  const needsSeverity = effectiveSeverity(ignoreNeedsRuleMeta, config);
  const unusedSeverity = effectiveSeverity(unusedIgnoreMeta, config);
  for (let i = 0; i < ignores.length; i++) {
    const ig = ignores[i]!;
    if (needsSeverity !== 'off') {
      for (const f of needsRuleFindings(ig, evaluated)) meta.push(toDiagnostic(ignoreNeedsRuleMeta, needsSeverity, f));
    }
    if (unusedSeverity !== 'off' && !ig.badKeyword) {
      const f = unusedFinding(ig, own[i]!, diagnostics, evaluated, parsed.index);
      if (f) meta.push(toDiagnostic(unusedIgnoreMeta, unusedSeverity, f));
    }
  }
  const second = partition(meta, all);
  return { kept: [...first.kept, ...second.kept], suppressed: [...first.suppressed, ...second.suppressed] };
}

// ---------------------------------------------------------------------------------------------
// rampart/ignore-needs-rule

function needsRuleFindings(ig: IgnoreComment, evaluated: RuleSet): Array<{ range: Range; message: string }> {
  const keyword = ig.scope === 'file' ? 'rampart-ignore-file' : 'rampart-ignore';
  if (ig.badKeyword) {
    return [
      {
        range: ig.comment.range,
        message: `"${ig.badKeyword}" is not a Rampart suppression, so it silences nothing: write "rampart-ignore" (next line) or "rampart-ignore-file" (whole file).`,
      },
    ];
  }
  if (ig.tokens.length === 0) {
    return [
      {
        range: ig.comment.range,
        message: `This ${keyword} names no rule, so it silences nothing: name the rules it is for, for example \`# ${keyword} dockerfile/user-root -- why\`.`,
      },
    ];
  }
  // One message per distinct name: the "did you mean" search compares the name with every rule
  // id, and a comment line of 7,000 `#` took half a second of edit distances (found by `npm run
  // fuzz`).
  const messages = new Map<string, string>();
  return ig.unknown.map((t) => {
    let message = messages.get(t.name);
    if (message === undefined) {
      message = unknownMessage(t.name, evaluated);
      messages.set(t.name, message);
    }
    return { range: t.range, message };
  });
}

function unknownMessage(name: string, evaluated: RuleSet): string {
  const head = `Unknown rule "${name}" in suppression: it silences nothing.`;
  const peers = [...new Set(rulesForPeer(name).map((m) => m.id))];
  if (peers.length > 0) return `${head} "${name}" is another tool's id; Rampart's rule for it is ${peers.join(', ')}.`;
  const near = closestRuleId(name, (id) => evaluated.has(id));
  if (near) return `${head} Did you mean ${near}?`;
  if (!name.includes('/')) return `${head} Rule ids look like "dockerfile/user-root"; write any reason after \`--\`.`;
  return `${head} Run \`rampart rules\` for the list of ids.`;
}

// ---------------------------------------------------------------------------------------------
// rampart/unused-ignore

function unusedFinding(
  ig: IgnoreComment,
  cover: Cover,
  diagnostics: Diagnostic[],
  evaluated: RuleSet,
  index: LineIndex,
): { range: Range; message: string; fixes: Fix[] } | undefined {
  if (ig.rules.length === 0) return undefined;
  // Only rules that ran (enabled by config and profile) can be judged; `rampart/*` never are.
  const judged = ig.rules.filter((r) => evaluated.has(r));
  const unused = judged.filter((r) => !diagnostics.some((d) => d.rule === r && covers({ ...cover, rules: new Set([r]) }, d)));
  if (unused.length === 0) return undefined;

  const where =
    ig.scope === 'file'
      ? 'in this file'
      : !ig.span
        ? 'because no line follows the comment'
        : ig.span.start === ig.span.end
          ? `on line ${ig.span.start + 1}`
          : `on lines ${ig.span.start + 1}–${ig.span.end + 1}`;
  const names = unused.join(', ');
  const tokens = ig.tokens.filter((t) => unused.includes(t.name));
  const allUnused = unused.length === ig.rules.length;
  // The whole comment goes only when nothing else is written in its list (an unknown id is the
  // user's to correct, not Rampart's to delete).
  const fix: Fix =
    allUnused && ig.unknown.length === 0
      ? { title: 'Remove the unused suppression comment', kind: 'suggest', edits: [removeCommentEdit(ig.comment, index)] }
      : {
          title: `Remove ${names} from the suppression`,
          kind: 'suggest',
          edits: [{ range: ig.listRange!, newText: ig.tokens.filter((t) => !unused.includes(t.name)).map((t) => t.name).join(listSeparator(ig, index)) }],
        };
  if (allUnused) {
    return {
      range: ig.unknown.length === 0 ? ig.comment.range : tokens.length === 1 ? tokens[0]!.range : ig.listRange!,
      message: `Unused suppression: ${names} found nothing ${where}. A stale suppression would hide a future finding.`,
      fixes: [fix],
    };
  }
  return {
    range: tokens.length === 1 ? tokens[0]!.range : ig.comment.range,
    message: `Unused suppression of ${names}: ${unused.length === 1 ? 'it' : 'they'} found nothing ${where}, while the comment's other rules did.`,
    fixes: [fix],
  };
}

/** `, ` when the written list uses commas, else a space. */
function listSeparator(ig: IgnoreComment, index: LineIndex): string {
  const r = ig.listRange!;
  return index.text.slice(index.offsetAt(r.start), index.offsetAt(r.end)).includes(',') ? ', ' : ' ';
}

/** Deletes a comment: the whole line with its line break when the comment stands alone. */
export function removeCommentEdit(comment: CommentInfo, index: LineIndex): TextEdit {
  const line = comment.range.start.line;
  if (comment.ownLine) {
    if (line + 1 < index.lineCount) return { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' };
    if (line > 0) {
      const prevEnd = index.lineEnd(line - 1) - index.lineStart(line - 1);
      return { range: { start: { line: line - 1, character: prevEnd }, end: { line, character: index.lineText(line).length } }, newText: '' };
    }
    return { range: { start: { line, character: 0 }, end: { line, character: index.lineText(line).length } }, newText: '' };
  }
  // End of a line: remove the comment and the blanks before it, keep the code.
  const before = index.lineText(line).slice(0, comment.range.start.character).trimEnd().length;
  return { range: { start: { line, character: before }, end: comment.range.end }, newText: '' };
}
