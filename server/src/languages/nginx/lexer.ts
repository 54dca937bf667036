// A position-tracking lexer that follows nginx's own token rules (ngx_conf_read_token):
// whitespace is space, tab, CR and LF; `#` starts a comment only where a token could start;
// `;`, `{` and `}` are punctuation at a token start; single- and double-quoted strings honour
// `\` escapes and may span lines; a bare word runs to whitespace, `;` or `{` (so `}` and quotes
// inside a word belong to it), `${` does not end a word, and `\` escapes the next character.
// `*_by_lua_block` bodies are skipped with the same naive brace counting nginx-conf uses, so both
// agree on where the block ends even when a brace inside a Lua string fools them both.
// One pass over char codes, no regular expression per character: linear in the text length.

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

export function lex(text: string, options: LexOptions = {}): LexResult {
  const n = text.length;
  const tokens: Token[] = [];
  const issues: LexIssue[] = [];
  const template = options.template === true;
  const forceClose = options.forceClose;
  let i = 0;
  let atLineStart = true;
  // The first token of the statement being read, to recognise `*_by_lua_block {`.
  let stmtFirst: Token | undefined;

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

  const push = (t: Token): Token => {
    tokens.push(t);
    atLineStart = false;
    return t;
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
      push({ kind: 'comment', start: i, end: j, lineFirst });
      i = j;
      continue;
    }
    if (c === SEMI || c === RBRACE) {
      push({ kind: c === SEMI ? ';' : '}', start: i, end: i + 1, lineFirst });
      stmtFirst = undefined;
      i++;
      continue;
    }
    if (c === LBRACE) {
      const te = templateEnd(i);
      if (te > 0) {
        i = readWord(i, lineFirst, te);
        continue;
      }
      push({ kind: '{', start: i, end: i + 1, lineFirst });
      const first = stmtFirst;
      stmtFirst = undefined;
      i++;
      if (first && text.slice(first.start, first.end).replace(/["']/g, '').endsWith(LUA_SUFFIX)) i = readVerbatim(i);
      continue;
    }
    if (c === DQ || c === SQ) {
      i = readString(i, c, lineFirst);
      continue;
    }
    i = readWord(i, lineFirst, -1);
  }
  return { tokens, issues };

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
    const t = push({ kind: 'string', start: at, end: j, lineFirst, closed });
    if (!stmtFirst) stmtFirst = t;
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
    if (onlyTemplate && !stmtFirst) {
      // A bare `{{ … }}` where a directive would start is template control flow, not a directive.
      push({ kind: 'template', start: at, end: j, lineFirst });
      return j;
    }
    const t = push({ kind: 'word', start: at, end: j, lineFirst });
    if (!stmtFirst) stmtFirst = t;
    return j;
  }

  /** Skips a Lua body after its `{` (at `from`), emitting the body and the closing `}`. */
  function readVerbatim(from: number): number {
    let depth = 1;
    let j = from;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === LBRACE) depth++;
      else if (d === RBRACE) {
        depth--;
        if (depth === 0) break;
      }
      j++;
    }
    tokens.push({ kind: 'verbatim', start: from, end: j, lineFirst: false });
    if (j >= n) {
      atLineStart = false;
      return n;
    }
    // Is the closing brace first on its line? Look back within the body only.
    let k = j - 1;
    while (k >= from && (text.charCodeAt(k) === SP || text.charCodeAt(k) === TAB)) k--;
    const first = k < from ? false : text.charCodeAt(k) === LF || text.charCodeAt(k) === CR;
    tokens.push({ kind: '}', start: j, end: j + 1, lineFirst: first });
    atLineStart = false;
    return j + 1;
  }
}

/**
 * The value nginx sees for a word or string token: quotes removed, `\"`, `\'` and `\\` unescaped,
 * `\t`, `\r`, `\n` turned into control characters, other escapes kept as written.
 */
export function tokenValue(text: string, t: Token): string {
  let s = t.start;
  let e = t.end;
  if (t.kind === 'string') {
    s++;
    if (t.closed) e--;
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
