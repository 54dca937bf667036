// nginx parsing: Rampart's position lexer groups tokens into statements with exact ranges, and
// nginx-conf's raw parser (the mandated tree) is zipped against them in pre-order. When they
// agree, each directive carries its nginx-conf node; when they do not (or nginx-conf throws on a
// stray `}`), the lexer's own tree is used and linting goes on. Structure errors (unclosed `{`
// at its opening line, stray `}`, unterminated quote at the quote, probable missing `;`) are the
// nginx/syntax rule's findings, not parse errors.
import { NginxParser, type NginxParseTreeNode } from 'nginx-conf/dist/src/parser';
import type { CommentInfo, Finding, ParsedDocument, RelatedLocation } from '../../engine/types';
import { LineIndex } from '../../engine/text';
import { lex, tokenValue, type Token } from './lexer';
import { KNOWN_DIRECTIVES } from './directives';
import { NginxModel, blockKindFor, type NginxArg, type NginxBlock, type NginxDirective } from './model';

/** Blocks deeper than this are matched for braces but not put in the model (rules walk it freely). */
export const MAX_DEPTH = 200;
/** At most this many structure findings per file: one broken brace can otherwise cascade. */
const MAX_SYNTAX_FINDINGS = 50;
/** Unterminated-quote recovery rounds (each re-lexes the file once). */
const MAX_QUOTE_ROUNDS = 20;

export interface NginxParseResult {
  model: NginxModel;
  comments: CommentInfo[];
}

export function parseNginx(text: string): ParsedDocument<NginxModel> {
  const index = new LineIndex(text);
  const { model, comments } = buildNginx(text, index);
  return {
    model,
    index,
    comments,
    // nginx/syntax owns structure errors; nothing is raised as rampart/parse-error.
    parseErrors: [],
    syntaxBroken: model.syntaxErrors.length > 0,
    fileSuppressionLine: 0,
    statementSpan: (line) => ({ start: line, end: line }),
  };
}

export function buildNginx(text: string, index: LineIndex = new LineIndex(text)): NginxParseResult {
  const template = text.includes('{{');
  const errors: Finding[] = [];
  const addError = (f: Finding): void => {
    if (errors.length < MAX_SYNTAX_FINDINGS) errors.push(f);
  };

  // 1. Lex, recovering from unterminated quotes: find the quote that really started the damage.
  const forceClose = new Set<number>();
  let tokens: Token[] = [];
  let issues: ReturnType<typeof lex>['issues'] = [];
  for (let round = 0; ; round++) {
    ({ tokens, issues } = lex(text, { template, forceClose }));
    // Trouble shows as a string running to the end of the file, or as text glued to a closing
    // quote (strings and code swapped places after a stray quote).
    let atEof: Token | undefined;
    for (let i = tokens.length - 1; i >= 0; i--) {
      const t = tokens[i]!;
      if (t.kind === 'string' && !t.closed && !forceClose.has(t.start)) atEof = t;
      if (t.kind === 'string') break;
    }
    const firstJunk = issues[0]?.offset;
    if ((!atEof && firstJunk === undefined) || round >= MAX_QUOTE_ROUNDS) break;
    const limit = Math.min(atEof ? atEof.start : text.length, firstJunk ?? text.length);
    const culprit = culpritQuote(text, tokens, limit, forceClose) ?? atEof;
    if (!culprit) break;
    forceClose.add(culprit.start);
  }
  for (const t of tokens) {
    if (t.kind !== 'string' || t.closed !== false) continue;
    const q = text[t.start]!;
    addError({
      range: index.rangeOf(t.start, index.lineEnd(index.positionAt(t.start).line)),
      message: `The quote ${q} opened here is never closed: nginx reads the following lines as part of the string and refuses to load the file.`,
    });
  }
  for (const issue of issues) {
    const ch = text[issue.offset]!;
    addError({
      range: index.rangeOf(issue.offset, issue.offset + 1),
      message: `Unexpected "${ch}" right after a closing quote: nginx needs a space, ";" or "{" there and refuses to load the file.`,
    });
  }

  // 2. Group tokens into statements and blocks.
  const g = group(text, index, tokens, addError);

  // 3. Zip nginx-conf's tree against ours.
  let tree: 'nginx-conf' | 'lexer' = 'lexer';
  let note: string | undefined;
  if (g.capped) {
    note = `blocks nest deeper than ${MAX_DEPTH} levels`;
  } else {
    const conf = runNginxConf(text, template);
    if (conf.error) note = `nginx-conf: ${conf.error}`;
    else if (conf.tree) {
      const mismatch = zip(conf.tree, g.root);
      if (mismatch) note = `nginx-conf disagrees: ${mismatch}`;
      else tree = 'nginx-conf';
    }
  }

  const model = new NginxModel(text, index, g.root, errors, tree, note);
  return { model, comments: g.comments };
}

/** nginx-conf's raw tree, or why there is none. Never throws. */
export function runNginxConf(text: string, template: boolean): { tree?: NginxParseTreeNode; error?: string } {
  let tree: NginxParseTreeNode | undefined;
  let error: string | undefined;
  try {
    // nginx-conf loops forever on a comment followed only by line breaks its regex `.` cannot
    // cross (a lone CR, U+2028, U+2029): its comment regex then matches the empty string at the
    // end and the parser never advances. A lone CR is whitespace to nginx, so it becomes LF; the
    // Unicode separators become spaces. Same length, so offsets are unchanged.
    const safe = text.replace(/\r(?!\n)|[\u2028\u2029]/g, (m) => (m === '\r' ? '\n' : ' '));
    new NginxParser({ templateSyntax: template }).parse(safe, (err, t) => {
      // The parser reports a plain object, not an Error.
      if (err) error = String((err as { message?: string }).message ?? 'parse error');
      tree = t;
    });
  } catch (e) {
    error = e instanceof Error ? e.message : 'parser failed';
  }
  return error ? { error } : { tree };
}

/**
 * The quote that started an unterminated string. When a stray quote is later "closed" by the next
 * string's opening quote, strings and code swap places until the end of the file; the first
 * multi-line string (before the first visible symptom) that swallowed a line starting with a
 * known directive is the real culprit.
 */
function culpritQuote(text: string, tokens: Token[], limit: number, done: ReadonlySet<number>): Token | undefined {
  for (const t of tokens) {
    if (t.start >= limit) break;
    if (t.kind !== 'string' || done.has(t.start)) continue;
    if (swallowsCode(text, t)) return t;
  }
  return undefined;
}

function swallowsCode(text: string, t: Token): boolean {
  let i = t.start;
  // Skip the first line: it is the string's own line.
  while (i < t.end && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  while (i < t.end) {
    while (i < t.end && (text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13)) i++;
    let e = i;
    while (e < t.end && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
    const complete = e < t.end;
    const line = text.slice(i, complete ? e : t.end - (t.closed ? 1 : 0)).trim();
    const m = /^([a-z_0-9]+)(\s|;|$)/.exec(line);
    if (m && KNOWN_DIRECTIVES.has(m[1]!) && (!complete || /[;{}]$/.test(line)) && (m[2] !== '' || !complete)) return true;
    i = e;
  }
  return false;
}

interface Grouped {
  root: NginxBlock;
  comments: CommentInfo[];
  capped: boolean;
}

/** Visual indentation of the line holding `offset` (tabs to the next multiple of 8). */
function indentAt(index: LineIndex, offset: number): number {
  const text = index.text;
  const start = index.lineStart(index.positionAt(offset).line);
  let w = 0;
  for (let i = start; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 9) w = (Math.floor(w / 8) + 1) * 8;
    else if (c === 32) w++;
    else break;
  }
  return w;
}

function short(s: string, max = 40): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}

/** How a block is named in messages: `server`, `location /api`, `if ($host = x)`. */
export function blockLabel(d: NginxDirective): string {
  const head = [d.nameToken.raw, ...d.args.map((a) => a.raw)].join(' ');
  return short(head || '{', 48);
}

function group(text: string, index: LineIndex, tokens: Token[], addError: (f: Finding) => void): Grouped {
  const root: NginxBlock = { kind: 'main', children: [], depth: 0, innerStart: 0, innerEnd: text.length };
  const comments: CommentInfo[] = [];
  const stack: NginxBlock[] = [root];
  // Blocks beyond MAX_DEPTH: tracked for brace matching, not attached to the model.
  let capped = false;
  // Blocks opened inside a capped block: only counted.
  let overflow = 0;
  let cur: Token[] = [];
  const strays: Token[] = [];
  const closedBlocks: NginxBlock[] = [];
  const allBlocks: NginxBlock[] = [];

  const arg = (t: Token): NginxArg => ({
    raw: text.slice(t.start, t.end),
    value: tokenValue(text, t),
    quoted: t.kind === 'string',
    start: t.start,
    end: t.end,
    range: index.rangeOf(t.start, t.end),
  });

  const finish = (toks: Token[], semi: Token | undefined): NginxDirective => {
    const parent = stack[stack.length - 1]!;
    const first = toks[0];
    const nameArg: NginxArg = first
      ? arg(first)
      : { raw: '', value: '', quoted: false, start: semi?.start ?? 0, end: semi?.start ?? 0, range: index.rangeOf(semi?.start ?? 0, semi?.start ?? 0) };
    const last = toks[toks.length - 1];
    const d: NginxDirective = {
      name: nameArg.value,
      nameRange: nameArg.range,
      nameToken: nameArg,
      args: toks.slice(1).map(arg),
      parent,
      start: nameArg.start,
      end: semi ? semi.end : last ? last.end : nameArg.end,
      line: index.positionAt(nameArg.start).line,
    };
    if (semi) d.semicolon = index.rangeOf(semi.start, semi.end);
    if (parent.depth < MAX_DEPTH) parent.children.push(d);
    return d;
  };

  const lastWord = (toks: Token[]): string => {
    const t = toks[toks.length - 1]!;
    return short(text.slice(t.start, t.end));
  };

  for (let ti = 0; ti < tokens.length; ti++) {
    const tok = tokens[ti]!;
    switch (tok.kind) {
      case 'comment':
        comments.push({ text: text.slice(tok.start + 1, tok.end), range: index.rangeOf(tok.start, tok.end), ownLine: tok.lineFirst });
        break;
      case 'template':
        break;
      case 'verbatim': {
        const top = stack[stack.length - 1]!;
        top.body = index.rangeOf(tok.start, tok.end);
        break;
      }
      case 'word':
      case 'string': {
        const top = stack[stack.length - 1]!;
        if (
          cur.length > 0 &&
          tok.kind === 'word' &&
          tok.lineFirst &&
          cur[0]!.lineFirst &&
          top.kind !== 'hash' &&
          KNOWN_DIRECTIVES.has(text.slice(tok.start, tok.end)) &&
          indentAt(index, tok.start) <= indentAt(index, cur[0]!.start)
        ) {
          const prev = cur[cur.length - 1]!;
          // After an unterminated quote (already reported) the split is recovery, not a second error.
          if (prev.closed !== false) {
            addError({
              range: index.rangeOf(prev.start, prev.end),
              message: `Missing ";" after "${lastWord(cur)}": nginx reads "${text.slice(tok.start, tok.end)}" on the next line as another argument of "${short(text.slice(cur[0]!.start, cur[0]!.end))}".`,
            });
          }
          finish(cur, undefined);
          cur = [];
        }
        cur.push(tok);
        break;
      }
      case ';':
        if (cur.length === 0) {
          addError({
            range: index.rangeOf(tok.start, tok.end),
            message: 'Unexpected ";" with no directive before it: nginx refuses to load the file.',
          });
        } else {
          finish(cur, tok);
          cur = [];
        }
        break;
      case '{': {
        if (stack[stack.length - 1]!.depth > MAX_DEPTH) {
          // Past the cap only the braces are counted: a block there is neither linted nor
          // reported, and a file of 10^6 `{` must not become 10^6 objects.
          overflow++;
          cur = [];
          break;
        }
        if (cur.length === 0) {
          addError({
            range: index.rangeOf(tok.start, tok.end),
            message: 'Unexpected "{" with no directive name before it: nginx refuses to load the file.',
          });
        }
        const parent = stack[stack.length - 1]!;
        const d = finish(cur, undefined);
        if (cur.length === 0) {
          d.start = tok.start;
          d.nameToken = { ...d.nameToken, start: tok.start, end: tok.start, range: index.rangeOf(tok.start, tok.start) };
          d.nameRange = d.nameToken.range;
          d.line = index.positionAt(tok.start).line;
        }
        cur = [];
        const block: NginxBlock = {
          kind: blockKindFor(d.name),
          owner: d,
          parent,
          open: index.rangeOf(tok.start, tok.end),
          innerStart: tok.end,
          innerEnd: text.length,
          children: [],
          depth: parent.depth + 1,
        };
        d.block = block;
        d.end = text.length;
        if (parent.depth >= MAX_DEPTH && !capped) {
          capped = true;
          addError({
            range: d.nameRange,
            message: `Blocks nest more than ${MAX_DEPTH} levels deep here: Rampart does not lint inside them.`,
          });
        }
        stack.push(block);
        allBlocks.push(block);
        break;
      }
      case '}': {
        if (overflow > 0) {
          overflow--;
          cur = [];
          break;
        }
        if (cur.length > 0) {
          const prev = cur[cur.length - 1]!;
          if (prev.closed !== false) {
            addError({
              range: index.rangeOf(prev.start, prev.end),
              message: `Missing ";" after "${lastWord(cur)}" (end of "${short(text.slice(cur[0]!.start, cur[0]!.end))}"): nginx refuses to load the file with unexpected "}".`,
            });
          }
          finish(cur, undefined);
          cur = [];
        }
        if (stack.length === 1) {
          strays.push(tok);
          break;
        }
        const b = stack.pop()!;
        b.close = index.rangeOf(tok.start, tok.end);
        b.innerEnd = tok.start;
        if (b.owner) b.owner.end = tok.end;
        closedBlocks.push(b);
        break;
      }
    }
  }
  if (cur.length > 0) {
    const prev = cur[cur.length - 1]!;
    if (prev.closed !== false) {
      addError({
        range: index.rangeOf(prev.start, prev.end),
        message: `Missing ";" after "${lastWord(cur)}" (end of "${short(text.slice(cur[0]!.start, cur[0]!.end))}"): nginx refuses to load the file with unexpected end of file.`,
      });
    }
    finish(cur, undefined);
  }

  const unclosed = stack.slice(1);
  if (unclosed.length > 0) reportUnclosed(index, allBlocks, unclosed, addError);
  if (strays.length > 0) reportStrays(index, closedBlocks, strays, addError);
  return { root, comments, capped };
}

/** Offset of a block's closing `}`, when it has one. */
function closeOffset(b: NginxBlock): number | undefined {
  return b.close ? b.innerEnd : undefined;
}

/** Nothing but spaces and tabs before `offset` on its line (scans back over the indentation only). */
function lineFirstAt(index: LineIndex, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = index.text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/**
 * Unclosed blocks, reported where the `}` is really missing. Indentation tells: a block whose
 * child starts at or left of the block's own indentation, or whose `}` is indented like an
 * outer block, probably lost its `}`; the innermost such block is the culprit. Without that
 * evidence the unclosed blocks themselves are reported, innermost first.
 */
function reportUnclosed(index: LineIndex, all: NginxBlock[], unclosed: NginxBlock[], addError: (f: Finding) => void): void {
  const suspicious = new Map<NginxBlock, RelatedLocation | undefined>();
  for (const b of unclosed) suspicious.set(b, undefined);
  for (const b of all) {
    const owner = b.owner!;
    if (!lineFirstAt(index, owner.start)) continue;
    const ind = indentAt(index, owner.start);
    const child = b.children.find((c) => c.nameToken.raw !== '' && lineFirstAt(index, c.start) && indentAt(index, c.start) <= ind);
    if (child) {
      suspicious.set(b, { range: child.nameRange, message: `The "}" probably belongs before "${short(child.nameToken.raw)}"` });
      continue;
    }
    const close = closeOffset(b);
    if (close !== undefined && lineFirstAt(index, close) && indentAt(index, close) < ind) {
      suspicious.set(b, { range: index.rangeOf(close, close + 1), message: 'This "}" is indented like an outer block: it probably closes that one' });
    }
  }
  // Innermost: no suspicious block inside it.
  const hasInner = new Set<NginxBlock>();
  for (const b of suspicious.keys()) {
    for (let p = b.parent; p && !hasInner.has(p); p = p.parent) hasInner.add(p);
  }
  const culprits = all.filter((b) => suspicious.has(b) && !hasInner.has(b)).slice(0, unclosed.length);
  const chosen = new Set(culprits);
  for (let i = unclosed.length - 1; i >= 0 && culprits.length < unclosed.length; i--) {
    const b = unclosed[i]!;
    if (!chosen.has(b)) {
      chosen.add(b);
      culprits.push(b);
    }
  }
  const open = new Set(unclosed);
  // In source order: `all` lists blocks as they open (a filter, not a sort: 10^6 unclosed `{`).
  const ordered = all.filter((b) => chosen.has(b));
  // Findings past the cap are dropped anyway: do not build their messages.
  if (ordered.length > MAX_SYNTAX_FINDINGS) ordered.length = MAX_SYNTAX_FINDINGS;
  for (const b of ordered) {
    const owner = b.owner!;
    const related = suspicious.get(b);
    const label = blockLabel(owner);
    const stillOpen = open.has(b) && !related;
    addError({
      range: index.rangeOf(owner.start, b.open ? index.offsetAt(b.open.end) : owner.end),
      message: stillOpen
        ? `Block "${label}" opened here is never closed: nginx refuses to load the file (unexpected end of file, expecting "}").`
        : `Block "${label}" opened here is probably missing its "}": the braces after it no longer match the indentation, and nginx refuses to load the file.`,
      related: related ? [related] : undefined,
    });
  }
}

/**
 * Stray `}`: nginx stops at the first `}` with no open block. When an earlier `}` is indented
 * deeper than the block it closes, that one is the extra brace (it closed its block's parent too
 * early); report it, with the place nginx complains as related.
 */
function reportStrays(index: LineIndex, closed: NginxBlock[], strays: Token[], addError: (f: Finding) => void): void {
  const early: Array<{ block: NginxBlock; close: number }> = [];
  for (const b of closed) {
    const close = closeOffset(b);
    const owner = b.owner;
    if (close === undefined || !owner || !lineFirstAt(index, owner.start) || !lineFirstAt(index, close)) continue;
    if (indentAt(index, close) > indentAt(index, owner.start)) early.push({ block: b, close });
  }
  early.sort((a, b) => a.close - b.close);
  strays.forEach((s, i) => {
    const e = early[i];
    if (e) {
      addError({
        range: index.rangeOf(e.close, e.close + 1),
        message: `This "}" is probably one too many: it closes "${blockLabel(e.block.owner!)}" although it is indented deeper, so a later "}" has no block to close and nginx refuses to load the file.`,
        related: [{ range: index.rangeOf(s.start, s.end), message: 'nginx reports the unexpected "}" here' }],
      });
    } else {
      addError({
        range: index.rangeOf(s.start, s.end),
        message: 'Unexpected "}": no block is open here, so nginx refuses to load the file.',
      });
    }
  });
}

/**
 * Walks nginx-conf's tree and ours side by side (pre-order, iteratively). Returns a description
 * of the first disagreement, or undefined when every directive matches by name and shape; then
 * each directive gets its nginx-conf node.
 */
export function zip(confRoot: NginxParseTreeNode, root: NginxBlock): string | undefined {
  const pairs: Array<{ conf: NginxParseTreeNode; mine: NginxDirective }> = [];
  const stack: Array<[NginxParseTreeNode[], NginxDirective[]]> = [[realChildren(confRoot), root.children]];
  while (stack.length > 0) {
    const [cs, ms] = stack.pop()!;
    if (cs.length !== ms.length) {
      const where = ms[Math.min(cs.length, ms.length)] ?? ms[ms.length - 1];
      return `${cs.length} vs ${ms.length} directives in a block${where ? ` near offset ${where.start}` : ''}`;
    }
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i]!;
      const m = ms[i]!;
      if (c.name !== m.nameToken.raw) return `"${short(c.name)}" vs "${short(m.nameToken.raw)}" at offset ${m.start}`;
      const cBlock = c.isBlock || c.isVerbatim;
      if (cBlock !== !!m.block) return `block shape of "${short(m.nameToken.raw)}" at offset ${m.start}`;
      pairs.push({ conf: c, mine: m });
      if (m.block && m.block.kind !== 'lua') stack.push([realChildren(c), m.block.children]);
    }
  }
  for (const p of pairs) p.mine.conf = p.conf;
  return undefined;
}

/** nginx-conf's children without the empty nodes it makes for `;;`. */
function realChildren(n: NginxParseTreeNode): NginxParseTreeNode[] {
  return (n.children ?? []).filter((c) => c.name !== '' || c.isBlock);
}
