// nginx parsing: Rampart's position lexer groups tokens into statements with exact ranges, and
// nginx-conf's raw parser (the mandated tree) is zipped against them in pre-order, on demand
// (`model.tree`). When they agree, each directive carries its nginx-conf node; when they do not
// (or nginx-conf throws on a stray `}`), the lexer's own tree stands. Rules read the lexer's tree
// either way, so linting never waits for nginx-conf. Structure errors (unclosed `{`
// at its opening line, stray `}`, unterminated quote at the quote, probable missing `;`) are the
// nginx/syntax rule's findings, not parse errors.
import { NginxParser, type NginxParseTreeNode } from 'nginx-conf/dist/src/parser';
import type { CommentInfo, Finding, ParsedDocument, Range, RelatedLocation } from '../../engine/types';
import * as text_ from '../../engine/text';
import type { LineIndex } from '../../engine/text';
import * as lexer from './lexer';
import type { CompactTokens } from './lexer';
import * as reference from './reference/index';
import * as luaBody from './lua-body';
import * as modelModule from './model';
import type { NginxArg, NginxBlock, NginxDirective, NginxModel as Model } from './model';

// Local copies: esbuild's CommonJS output (out/, which tests and the in-process benchmark run)
// reads every import through a getter on each use, and the grouping loop reads these per token.
const { LineIndex: LineIndexClass } = text_;
const { F_CLOSED, F_LINE_FIRST, K_CLOSE, K_COMMENT, K_OPEN, K_SEMI, K_STRING, K_TEMPLATE, K_VERBATIM, K_WORD, lexCompact, valueOf } = lexer;
const { KNOWN_DIRECTIVES } = reference;
const { blankSpans } = luaBody;
const { NginxModel, blockKindFor } = modelModule;

/** Blocks deeper than this are matched for braces but not put in the model (rules walk it freely). */
export const MAX_DEPTH = 200;
/** At most this many structure findings per file: one broken brace can otherwise cascade. */
const MAX_SYNTAX_FINDINGS = 50;
/** Unterminated-quote recovery rounds (each re-lexes the file once). */
const MAX_QUOTE_ROUNDS = 20;

export interface NginxParseResult {
  model: Model;
  comments: CommentInfo[];
}

export function parseNginx(text: string): ParsedDocument<Model> {
  const index = new LineIndexClass(text);
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

export function buildNginx(text: string, index: LineIndex = new LineIndexClass(text)): NginxParseResult {
  const template = text.includes('{{');
  const errors: Finding[] = [];
  const addError = (f: Finding): void => {
    if (errors.length < MAX_SYNTAX_FINDINGS) errors.push(f);
  };

  // 1. Lex, recovering from unterminated quotes: find the quote that really started the damage.
  const forceClose = new Set<number>();
  let lexed = lexCompact(text, { template, forceClose });
  for (let round = 0; ; round++) {
    const { tokens: t, issues } = lexed;
    // Trouble shows as a string running to the end of the file, or as text glued to a closing
    // quote (strings and code swapped places after a stray quote).
    let atEof = -1;
    for (let i = t.count - 1; i >= 0; i--) {
      if (t.kinds[i] !== K_STRING) continue;
      if ((t.flags[i]! & F_CLOSED) === 0 && !forceClose.has(t.starts[i]!)) atEof = i;
      break;
    }
    const firstJunk = issues[0]?.offset;
    if ((atEof < 0 && firstJunk === undefined) || round >= MAX_QUOTE_ROUNDS) break;
    const limit = Math.min(atEof >= 0 ? t.starts[atEof]! : text.length, firstJunk ?? text.length);
    let culprit = culpritQuote(text, t, limit, forceClose);
    if (culprit < 0) culprit = atEof;
    if (culprit < 0) break;
    forceClose.add(t.starts[culprit]!);
    lexed = lexCompact(text, { template, forceClose });
  }
  const tokens = lexed.tokens;
  for (let i = 0; i < tokens.count; i++) {
    if (tokens.kinds[i] !== K_STRING || (tokens.flags[i]! & F_CLOSED) !== 0) continue;
    const start = tokens.starts[i]!;
    const q = text[start]!;
    addError({
      range: index.rangeOf(start, index.lineEnd(index.positionAt(start).line)),
      message: `The quote ${q} opened here is never closed: nginx reads the following lines as part of the string and refuses to load the file.`,
    });
  }
  for (const issue of lexed.issues) {
    const ch = text[issue.offset]!;
    addError({
      range: index.rangeOf(issue.offset, issue.offset + 1),
      message: `Unexpected "${ch}" right after a closing quote: nginx needs a space, ";" or "{" there and refuses to load the file.`,
    });
  }

  // 2. Group tokens into statements and blocks.
  const g = group(text, index, tokens, addError);

  // 3. Zip nginx-conf's tree against ours, when someone asks (model.tree): rules never need it.
  const confirm = (): { tree: 'nginx-conf' | 'lexer'; note?: string } => {
    if (g.capped) return { tree: 'lexer', note: `blocks nest deeper than ${MAX_DEPTH} levels` };
    const luaBodies: Array<[number, number]> = [];
    for (let i = 0; i < tokens.count; i++) if (tokens.kinds[i] === K_VERBATIM) luaBodies.push([tokens.starts[i]!, tokens.ends[i]!]);
    const conf = runNginxConf(text, template, luaBodies);
    if (conf.error) return { tree: 'lexer', note: `nginx-conf: ${conf.error}` };
    if (!conf.tree) return { tree: 'lexer' };
    const mismatch = zip(conf.tree, g.root);
    return mismatch ? { tree: 'lexer', note: `nginx-conf disagrees: ${mismatch}` } : { tree: 'nginx-conf' };
  };

  const model = new NginxModel(text, index, g.root, errors, confirm);
  return { model, comments: g.comments };
}

/**
 * nginx-conf's raw tree, or why there is none. Never throws. `luaBodies` (spans of Lua block
 * bodies) are blanked first: nginx-conf counts braces inside Lua strings, lua-nginx-module does not.
 */
export function runNginxConf(text: string, template: boolean, luaBodies: ReadonlyArray<readonly [number, number]> = []): { tree?: NginxParseTreeNode; error?: string } {
  let tree: NginxParseTreeNode | undefined;
  let error: string | undefined;
  try {
    // nginx-conf loops forever on a comment followed only by line breaks its regex `.` cannot
    // cross (a lone CR, U+2028, U+2029): its comment regex then matches the empty string at the
    // end and the parser never advances. A lone CR is whitespace to nginx, so it becomes LF; the
    // Unicode separators become spaces. Same length, so offsets are unchanged.
    const safe = blankSpans(text, luaBodies).replace(/\r(?!\n)|[\u2028\u2029]/g, (m) => (m === '\r' ? '\n' : ' '));
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
function culpritQuote(text: string, t: CompactTokens, limit: number, done: ReadonlySet<number>): number {
  for (let i = 0; i < t.count; i++) {
    const start = t.starts[i]!;
    if (start >= limit) break;
    if (t.kinds[i] !== K_STRING || done.has(start)) continue;
    if (swallowsCode(text, start, t.ends[i]!, (t.flags[i]! & F_CLOSED) !== 0)) return i;
  }
  return -1;
}

function swallowsCode(text: string, start: number, end: number, closed: boolean): boolean {
  let i = start;
  // Skip the first line: it is the string's own line.
  while (i < end && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  while (i < end) {
    while (i < end && (text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13)) i++;
    let e = i;
    while (e < end && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
    const complete = e < end;
    const line = text.slice(i, complete ? e : end - (closed ? 1 : 0)).trim();
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

/**
 * A token as a directive name or argument. `raw` and `range` are computed on first use: most
 * arguments are never reported, and a 5,000-line file has tens of thousands of them.
 */
class Arg implements NginxArg {
  private r?: Range;
  constructor(
    private readonly index: LineIndex,
    readonly value: string,
    readonly quoted: boolean,
    readonly start: number,
    readonly end: number,
  ) {}

  get raw(): string {
    return this.index.text.slice(this.start, this.end);
  }

  get range(): Range {
    return (this.r ??= this.index.rangeOf(this.start, this.end));
  }
}

/**
 * The tokens of a parse, kept for the arguments nobody has asked for yet: a directive holds where
 * its argument tokens are listed, and builds its `args` on first use (most never are: rules look
 * at names first).
 */
class TokenStore {
  /** Token numbers of every directive's arguments, one run per directive. */
  pool: Int32Array;
  used = 0;

  constructor(
    readonly index: LineIndex,
    readonly tokens: CompactTokens,
  ) {
    // Each token is listed at most once, so this size never grows (doubling from a small pool
    // left a trail of garbage arrays on every keystroke).
    this.pool = new Int32Array(Math.max(16, tokens.count));
  }

  /** Appends token numbers; returns where the run starts. */
  add(list: number[], from: number, to: number): number {
    const at = this.used;
    const n = to - from;
    if (at + n > this.pool.length) {
      const bigger = new Int32Array(Math.max(this.pool.length * 2, at + n));
      bigger.set(this.pool);
      this.pool = bigger;
    }
    for (let i = from; i < to; i++) this.pool[this.used++] = list[i]!;
    return at;
  }

  arg(t: number): NginxArg {
    const tk = this.tokens;
    const quoted = tk.kinds[t] === K_STRING;
    const start = tk.starts[t]!;
    const end = tk.ends[t]!;
    return new Arg(this.index, valueOf(this.index.text, start, end, quoted, (tk.flags[t]! & F_CLOSED) !== 0), quoted, start, end);
  }

  args(at: number, count: number): NginxArg[] {
    const out: NginxArg[] = new Array(count);
    for (let i = 0; i < count; i++) out[i] = this.arg(this.pool[at + i]!);
    return out;
  }
}

class Directive implements NginxDirective {
  readonly name: string;
  start: number;
  block?: NginxBlock;
  conf?: NginxParseTreeNode;
  private semi?: Range;
  private argList?: NginxArg[];
  private nameArg?: NginxArg;

  constructor(
    private readonly store: TokenStore,
    /** The name's token number, or -1 for a statement without one (an empty name at `start`). */
    private readonly nameTok: number,
    /** Where the argument token numbers start in the store's pool, and how many there are. */
    private readonly argAt: number,
    private readonly argCount: number,
    readonly parent: NginxBlock,
    public end: number,
    public line: number,
    /** Offset of the `;`, or -1. */
    private readonly semiAt: number,
    name: string,
    start: number,
  ) {
    this.name = name;
    this.start = start;
  }

  /**
   * The name as a token, built on first use: rules match on `name`, and only findings (and the
   * rare unknown directive) need the token, so most directives never pay for one.
   */
  get nameToken(): NginxArg {
    return (this.nameArg ??= this.nameTok >= 0 ? this.store.arg(this.nameTok) : new Arg(this.store.index, '', false, this.start, this.start));
  }

  set nameToken(a: NginxArg) {
    this.nameArg = a;
  }

  get args(): NginxArg[] {
    return (this.argList ??= this.argCount === 0 ? [] : this.store.args(this.argAt, this.argCount));
  }

  get nameRange(): Range {
    return this.nameToken.range;
  }

  get semicolon(): Range | undefined {
    if (this.semiAt < 0) return undefined;
    return (this.semi ??= this.store.index.rangeOf(this.semiAt, this.semiAt + 1));
  }
}

/**
 * A block of the lexer's tree. Its braces' ranges are computed on first use from offsets (the
 * `{` at `openAt`, the `}` at `innerEnd`): only fixes and a few messages ever read them, and a
 * Range is three objects per brace on every keystroke otherwise.
 */
class Block implements NginxBlock {
  protocol?: NginxBlock['protocol'];
  body?: Range;
  readonly children: NginxDirective[] = [];
  /** Set when the closing `}` was found (at `innerEnd`). */
  closed = false;
  private openRange?: Range;
  private closeRange?: Range;

  constructor(
    private readonly index: LineIndex,
    public kind: NginxBlock['kind'],
    readonly owner: NginxDirective | undefined,
    readonly parent: NginxBlock | undefined,
    /** Offset of the `{`, or -1 for the file root. */
    private readonly openAt: number,
    public innerStart: number,
    public innerEnd: number,
    readonly depth: number,
  ) {}

  get open(): Range | undefined {
    if (this.openAt < 0) return undefined;
    return (this.openRange ??= this.index.rangeOf(this.openAt, this.openAt + 1));
  }

  get close(): Range | undefined {
    if (!this.closed) return undefined;
    return (this.closeRange ??= this.index.rangeOf(this.innerEnd, this.innerEnd + 1));
  }
}

/** Line numbers of offsets visited in increasing order (as the grouping does), without a search per token. */
class LineCursor {
  private line = 0;
  constructor(private readonly index: LineIndex) {}
  lineOf(offset: number): number {
    const index = this.index;
    if (offset < index.lineStart(this.line)) return (this.line = index.positionAt(offset).line);
    while (this.line + 1 < index.lineCount && index.lineStart(this.line + 1) <= offset) this.line++;
    return this.line;
  }
}

function group(text: string, index: LineIndex, tokens: CompactTokens, addError: (f: Finding) => void): Grouped {
  const root: NginxBlock = new Block(index, 'main', undefined, undefined, -1, 0, text.length, 0);
  const comments: CommentInfo[] = [];
  const lines = new LineCursor(index);
  const store = new TokenStore(index, tokens);
  const { kinds, starts, ends, flags } = tokens;
  const stack: NginxBlock[] = [root];
  // Blocks beyond MAX_DEPTH: tracked for brace matching, not attached to the model.
  let capped = false;
  /** Token numbers of the statement being read (reused, never kept). */
  // Its length is `curLen`: setting an array's length to 0 frees its storage, and the next push
  // then allocated a fresh one for every directive of the file.
  const cur: number[] = [];
  let curLen = 0;
  const strays: Array<{ start: number; end: number }> = [];
  const closedBlocks: NginxBlock[] = [];
  const allBlocks: NginxBlock[] = [];

  const finish = (semi: number): NginxDirective => {
    const parent = stack[stack.length - 1]!;
    const at = semi >= 0 ? starts[semi]! : 0;
    const nameTok = curLen > 0 ? cur[0]! : -1;
    const nameStart = nameTok >= 0 ? starts[nameTok]! : at;
    const name = nameTok >= 0 ? valueOf(text, nameStart, ends[nameTok]!, kinds[nameTok] === K_STRING, (flags[nameTok]! & F_CLOSED) !== 0) : '';
    const last = curLen > 0 ? cur[curLen - 1]! : -1;
    const argAt = curLen > 1 ? store.add(cur, 1, curLen) : 0;
    const end = semi >= 0 ? ends[semi]! : last >= 0 ? ends[last]! : at;
    const d = new Directive(store, nameTok, argAt, Math.max(0, curLen - 1), parent, end, lines.lineOf(nameStart), semi >= 0 ? starts[semi]! : -1, name, nameStart);
    if (parent.depth < MAX_DEPTH) parent.children.push(d);
    curLen = 0;
    return d;
  };

  const slice = (t: number): string => text.slice(starts[t]!, ends[t]!);
  const lastWord = (): string => short(slice(cur[curLen - 1]!));
  /** The statement's last token is not an unterminated string (already reported: recovery, not a second error). */
  const lastTerminated = (): boolean => {
    const t = cur[curLen - 1]!;
    return kinds[t] !== K_STRING || (flags[t]! & F_CLOSED) !== 0;
  };

  for (let ti = 0; ti < tokens.count; ti++) {
    const kind = kinds[ti]!;
    const start = starts[ti]!;
    const end = ends[ti]!;
    switch (kind) {
      case K_COMMENT:
        comments.push({ text: text.slice(start + 1, end), range: index.rangeOf(start, end), ownLine: (flags[ti]! & F_LINE_FIRST) !== 0 });
        break;
      case K_TEMPLATE:
        break;
      case K_VERBATIM: {
        const top = stack[stack.length - 1]!;
        top.body = index.rangeOf(start, end);
        break;
      }
      case K_WORD:
      case K_STRING: {
        const top = stack[stack.length - 1]!;
        if (
          curLen > 0 &&
          kind === K_WORD &&
          (flags[ti]! & F_LINE_FIRST) !== 0 &&
          (flags[cur[0]!]! & F_LINE_FIRST) !== 0 &&
          top.kind !== 'hash' &&
          KNOWN_DIRECTIVES.has(text.slice(start, end)) &&
          indentAt(index, start) <= indentAt(index, starts[cur[0]!]!)
        ) {
          if (lastTerminated()) {
            const prev = cur[curLen - 1]!;
            addError({
              range: index.rangeOf(starts[prev]!, ends[prev]!),
              message: `Missing ";" after "${lastWord()}": nginx reads "${text.slice(start, end)}" on the next line as another argument of "${short(slice(cur[0]!))}".`,
            });
          }
          finish(-1);
        }
        cur[curLen++] = ti;
        break;
      }
      case K_SEMI:
        if (curLen === 0) {
          addError({
            range: index.rangeOf(start, end),
            message: 'Unexpected ";" with no directive before it: nginx refuses to load the file.',
          });
        } else finish(ti);
        break;
      case K_OPEN: {
        const nameless = curLen === 0;
        if (nameless) {
          addError({
            range: index.rangeOf(start, end),
            message: 'Unexpected "{" with no directive name before it: nginx refuses to load the file.',
          });
        }
        const parent = stack[stack.length - 1]!;
        const d = finish(-1);
        if (nameless) {
          d.start = start;
          d.nameToken = new Arg(index, '', false, start, start);
          d.line = index.positionAt(start).line;
        }
        const block: NginxBlock = new Block(index, blockKindFor(d.name), d, parent, start, end, text.length, parent.depth + 1);
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
      case K_CLOSE: {
        if (curLen > 0) {
          if (lastTerminated()) {
            const prev = cur[curLen - 1]!;
            addError({
              range: index.rangeOf(starts[prev]!, ends[prev]!),
              message: `Missing ";" after "${lastWord()}" (end of "${short(slice(cur[0]!))}"): nginx refuses to load the file with unexpected "}".`,
            });
          }
          finish(-1);
        }
        if (stack.length === 1) {
          strays.push({ start, end });
          break;
        }
        const b = stack.pop()! as Block;
        b.closed = true;
        b.innerEnd = start;
        if (b.owner) b.owner.end = end;
        closedBlocks.push(b);
        break;
      }
    }
  }
  if (curLen > 0) {
    if (lastTerminated()) {
      const prev = cur[curLen - 1]!;
      addError({
        range: index.rangeOf(starts[prev]!, ends[prev]!),
        message: `Missing ";" after "${lastWord()}" (end of "${short(slice(cur[0]!))}"): nginx refuses to load the file with unexpected end of file.`,
      });
    }
    finish(-1);
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
function reportStrays(index: LineIndex, closed: NginxBlock[], strays: Array<{ start: number; end: number }>, addError: (f: Finding) => void): void {
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
