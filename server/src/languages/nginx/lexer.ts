// A position-tracking lexer that follows nginx's own token rules (ngx_conf_read_token):
// whitespace is space, tab, CR and LF; `#` starts a comment only where a token could start;
// `;`, `{` and `}` are punctuation at a token start; single- and double-quoted strings honour
// `\` escapes and may span lines; a bare word runs to whitespace, `;` or `{` (so `}` and quotes
// inside a word belong to it), `${` does not end a word, and `\` escapes the next character.
// `*_by_lua_block` bodies are read as Lua, as lua-nginx-module does: braces inside Lua strings
// ('…', "…", [[…]], [==[…]==]) and comments (-- …, --[[…]]) do not count (lua-body.ts). The
// parser hands nginx-conf, whose brace counting is naive, the text with those bodies blanked.
// One pass over char codes, no regular expression per character: linear in the text length.
// Tokens go into typed arrays (lexCompact); lex() turns them into objects for tests and tools.

import { luaBodyEnd } from './lua-body';

export type TokenKind = 'word' | 'string' | ';' | '{' | '}' | 'comment' | 'verbatim' | 'template';

export interface Token {
  kind: TokenKind;
  /** Offsets into the text, end exclusive. A string includes its quotes; a comment its `#`. */
  start: number;
  end: number;
  /** Nothing but spaces and tabs precede the token on its line. */
  lineFirst: boolean;
  /** Strings only: false when the closing quote is missing (the string ends at EOF or, when recovered, at its line end). */
  closed?: boolean;
}

export interface LexIssue {
  kind: 'junk-after-quote';
  /** Offset of the offending character. */
  offset: number;
}

export interface LexOptions {
  /** Treat `{{ … }}` on one line as template text (Go/Jinja templates), like nginx-conf's `templateSyntax`. */
  template?: boolean;
  /** Offsets of opening quotes to close at the end of their line (recovery from an unterminated quote). */
  forceClose?: ReadonlySet<number>;
}

export interface LexResult {
  tokens: Token[];
  issues: LexIssue[];
}

const LF = 10;
const CR = 13;
const SP = 32;
const TAB = 9;
const HASH = 35;
const SEMI = 59;
const LBRACE = 123;
const RBRACE = 125;
const DQ = 34;
const SQ = 39;
const BSL = 92;
const DOLLAR = 36;
const RPAREN = 41;

export function isNginxSpace(c: number): boolean {
  return c === SP || c === TAB || c === LF || c === CR;
}

const LUA_SUFFIX = '_by_lua_block';

/** Token kinds as small integers, for the compact form. */
export const KIND_CODES: readonly TokenKind[] = ['word', 'string', ';', '{', '}', 'comment', 'verbatim', 'template'];
export const K_WORD = 0;
export const K_STRING = 1;
export const K_SEMI = 2;
export const K_OPEN = 3;
export const K_CLOSE = 4;
export const K_COMMENT = 5;
export const K_VERBATIM = 6;
export const K_TEMPLATE = 7;
/** Flag bits of the compact form. */
export const F_LINE_FIRST = 1;
/** A string whose closing quote was found. */
export const F_CLOSED = 2;

/**
 * Tokens as parallel typed arrays: what the parser uses, because a 5,000-line file has some
 * 20,000 tokens and objects for each would be garbage the moment grouping is done.
 */
export interface CompactTokens {
  count: number;
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
}

export interface CompactLexResult {
  tokens: CompactTokens;
  issues: LexIssue[];
}

/** The tokens of a text as objects (tests and tools; the parser uses lexCompact). */
export function lex(text: string, options: LexOptions = {}): LexResult {
  const { tokens: c, issues } = lexCompact(text, options);
  const tokens: Token[] = new Array(c.count);
  for (let i = 0; i < c.count; i++) {
    const kind = KIND_CODES[c.kinds[i]!]!;
    const t: Token = { kind, start: c.starts[i]!, end: c.ends[i]!, lineFirst: (c.flags[i]! & F_LINE_FIRST) !== 0 };
    if (kind === 'string') t.closed = (c.flags[i]! & F_CLOSED) !== 0;
    tokens[i] = t;
  }
  return { tokens, issues };
}

export function lexCompact(text: string, options: LexOptions = {}): CompactLexResult {
  const n = text.length;
  // Real configuration runs about one token per 10–12 characters: an eighth of the length rarely
  // grows, and a quarter was mostly unused memory allocated on every keystroke.
  let cap = Math.max(16, n >> 3);
  let kinds = new Uint8Array(cap);
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let flags = new Uint8Array(cap);
  let count = 0;
  const issues: LexIssue[] = [];
  const template = options.template === true;
  const forceClose = options.forceClose;
  let i = 0;
  let atLineStart = true;
  // The first token of the statement being read, to recognise `*_by_lua_block {` (-1: none yet).
  let stmtFirst = -1;

  const grow = (): void => {
    cap *= 2;
    const k = new Uint8Array(cap);
    k.set(kinds);
    kinds = k;
    const s = new Int32Array(cap);
    s.set(starts);
    starts = s;
    const e = new Int32Array(cap);
    e.set(ends);
    ends = e;
    const f = new Uint8Array(cap);
    f.set(flags);
    flags = f;
  };

  /** Appends a token; returns its number. */
  const push = (kind: number, start: number, end: number, lineFirst: boolean, closed = false): number => {
    if (count === cap) grow();
    kinds[count] = kind;
    starts[count] = start;
    ends[count] = end;
    flags[count] = (lineFirst ? F_LINE_FIRST : 0) | (closed ? F_CLOSED : 0);
    atLineStart = false;
    return count++;
  };

  // A failed search for `}}` from one offset fails for every later offset up to the line end:
  // remembering that keeps a line of thousands of `{{` linear.
  let noTemplateCloseBefore = -1;
  /** End offset of `{{ … }}` starting at `at` when it closes on the same line, else -1. */
  const templateEnd = (at: number): number => {
    if (!template || text.charCodeAt(at) !== LBRACE || text.charCodeAt(at + 1) !== LBRACE) return -1;
    if (at < noTemplateCloseBefore) return -1;
    for (let j = at + 2; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === LF || c === CR) {
        noTemplateCloseBefore = j;
        return -1;
      }
      if (c === RBRACE && text.charCodeAt(j + 1) === RBRACE) return j + 2;
    }
    noTemplateCloseBefore = n;
    return -1;
  };

  /** Whether the statement's first token names a Lua block (quotes ignored, like nginx-conf). */
  const luaStatement = (t: number): boolean => {
    if (t < 0) return false;
    // Runs at every `{`: only a word that can end in the suffix (quotes aside) is sliced at all.
    let e = ends[t]!;
    const s = starts[t]!;
    while (e > s && (text.charCodeAt(e - 1) === DQ || text.charCodeAt(e - 1) === SQ)) e--;
    if (e - s < LUA_SUFFIX.length || text.charCodeAt(e - 1) !== 107 /* k */) return false;
    return text.slice(s, ends[t]!).replace(/["']/g, '').endsWith(LUA_SUFFIX);
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      atLineStart = true;
      i++;
      continue;
    }
    if (c === SP || c === TAB) {
      i++;
      continue;
    }
    const lineFirst = atLineStart;
    if (c === HASH) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === LF || d === CR) break;
        j++;
      }
      push(K_COMMENT, i, j, lineFirst);
      i = j;
      continue;
    }
    if (c === SEMI || c === RBRACE) {
      push(c === SEMI ? K_SEMI : K_CLOSE, i, i + 1, lineFirst);
      stmtFirst = -1;
      i++;
      continue;
    }
    if (c === LBRACE) {
      const te = templateEnd(i);
      if (te > 0) {
        i = readWord(i, lineFirst, te);
        continue;
      }
      push(K_OPEN, i, i + 1, lineFirst);
      const first = stmtFirst;
      stmtFirst = -1;
      i++;
      if (luaStatement(first)) i = readVerbatim(i);
      continue;
    }
    if (c === DQ || c === SQ) {
      i = readString(i, c, lineFirst);
      continue;
    }
    i = readWord(i, lineFirst, -1);
  }
  return { tokens: { count, kinds, starts, ends, flags }, issues };

  function readString(at: number, quote: number, lineFirst: boolean): number {
    let j = at + 1;
    let closed = false;
    const recover = forceClose?.has(at) === true;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === BSL) {
        j += 2;
        continue;
      }
      if (d === quote) {
        closed = true;
        j++;
        break;
      }
      if (recover && (d === LF || d === CR)) break;
      j++;
    }
    if (j > n) j = n;
    const t = push(K_STRING, at, j, lineFirst, closed);
    if (stmtFirst < 0) stmtFirst = t;
    if (closed && j < n) {
      // nginx wants a separator after a closing quote (`)` ends an `if` condition).
      const d = text.charCodeAt(j);
      if (!isNginxSpace(d) && d !== SEMI && d !== LBRACE && d !== RPAREN) issues.push({ kind: 'junk-after-quote', offset: j });
    }
    return j;
  }

  function readWord(at: number, lineFirst: boolean, firstTemplateEnd: number): number {
    let j = at;
    let prevDollar = false;
    let onlyTemplate = firstTemplateEnd > 0;
    if (firstTemplateEnd > 0) j = firstTemplateEnd;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (isNginxSpace(d) || d === SEMI) break;
      if (d === LBRACE) {
        if (prevDollar) {
          prevDollar = false;
          j++;
          onlyTemplate = false;
          continue;
        }
        const te = templateEnd(j);
        if (te < 0) break;
        j = te;
        continue;
      }
      onlyTemplate = false;
      if (d === BSL) {
        prevDollar = false;
        j += 2;
        continue;
      }
      prevDollar = d === DOLLAR;
      j++;
    }
    if (j > n) j = n;
    if (onlyTemplate && stmtFirst < 0) {
      // A bare `{{ … }}` where a directive would start is template control flow, not a directive.
      push(K_TEMPLATE, at, j, lineFirst);
      return j;
    }
    const t = push(K_WORD, at, j, lineFirst);
    if (stmtFirst < 0) stmtFirst = t;
    return j;
  }

  /** Skips a Lua body after its `{` (at `from`), emitting the body and the closing `}`. */
  function readVerbatim(from: number): number {
    const j = luaBodyEnd(text, from);
    push(K_VERBATIM, from, j, false);
    if (j >= n) {
      atLineStart = false;
      return n;
    }
    // Is the closing brace first on its line? Look back within the body only.
    let k = j - 1;
    while (k >= from && (text.charCodeAt(k) === SP || text.charCodeAt(k) === TAB)) k--;
    const first = k < from ? false : text.charCodeAt(k) === LF || text.charCodeAt(k) === CR;
    push(K_CLOSE, j, j + 1, first);
    atLineStart = false;
    return j + 1;
  }
}

/**
 * The value nginx sees for a word or string token: quotes removed, `\"`, `\'` and `\\` unescaped,
 * `\t`, `\r`, `\n` turned into control characters, other escapes kept as written.
 */
export function tokenValue(text: string, t: Token): string {
  return valueOf(text, t.start, t.end, t.kind === 'string', t.closed === true);
}

/** `tokenValue` for a token given by offsets (the compact form). */
export function valueOf(text: string, start: number, end: number, quoted: boolean, closed: boolean): string {
  let s = start;
  let e = end;
  if (quoted) {
    s++;
    if (closed) e--;
  }
  let hasEscape = false;
  for (let j = s; j < e && !hasEscape; j++) hasEscape = text.charCodeAt(j) === BSL;
  if (!hasEscape) return text.slice(s, e);
  let out = '';
  for (let j = s; j < e; j++) {
    const c = text.charCodeAt(j);
    if (c === BSL && j + 1 < e) {
      const d = text[j + 1];
      if (d === '"' || d === "'" || d === '\\') {
        out += d;
        j++;
        continue;
      }
      if (d === 't' || d === 'r' || d === 'n') {
        out += d === 't' ? '\t' : d === 'r' ? '\r' : '\n';
        j++;
        continue;
      }
    }
    out += text[j];
  }
  return out;
}
