// Where a `*_by_lua_block { … }` body ends. lua-nginx-module reads the body with a Lua lexer, so
// a brace inside a Lua string or comment (`ngx.say("}")`, `{ a = "{" }`, `-- }`) does not end
// the block; naive brace counting (nginx-conf's) gets those wrong and reports the rest of the
// file as broken. Hand-written: no library lexes Lua for this one question, and it is small.
// One forward pass over char codes: linear in the body length.

const LBRACE = 0x7b;
const RBRACE = 0x7d;
const DQ = 0x22;
const SQ = 0x27;
const BSL = 0x5c;
const LF = 0x0a;
const DASH = 0x2d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const EQ = 0x3d;

/** The level of a long bracket `[==[` opening at `at` (number of `=`), or -1 when there is none. */
function longBracketLevel(text: string, at: number): number {
  if (text.charCodeAt(at) !== LBRACKET) return -1;
  let k = at + 1;
  while (text.charCodeAt(k) === EQ) k++;
  return text.charCodeAt(k) === LBRACKET ? k - at - 1 : -1;
}

/** The offset just past the `]==]` closing a long bracket of `level` opened before `from`; the text length when unclosed. */
function longBracketEnd(text: string, from: number, level: number): number {
  const n = text.length;
  let j = from;
  while (j < n) {
    const close = text.indexOf(']', j);
    if (close < 0) return n;
    let k = close + 1;
    while (k - close - 1 < level && text.charCodeAt(k) === EQ) k++;
    if (k - close - 1 === level && text.charCodeAt(k) === RBRACKET) return k + 1;
    j = close + 1;
  }
  return n;
}

/**
 * The offset of the `}` that closes a Lua body starting at `from` (just after its `{`), or the
 * text length when the body is never closed.
 */
export function luaBodyEnd(text: string, from: number): number {
  const n = text.length;
  let depth = 1;
  let j = from;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === LBRACE) {
      depth++;
      j++;
    } else if (c === RBRACE) {
      if (--depth === 0) return j;
      j++;
    } else if (c === DQ || c === SQ) {
      // A short string ends at its quote, or (unfinished, which Lua rejects) at the line end.
      j++;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === BSL) j += 2;
        else if (d === c) {
          j++;
          break;
        } else if (d === LF) break;
        else j++;
      }
    } else if (c === DASH && text.charCodeAt(j + 1) === DASH) {
      const level = longBracketLevel(text, j + 2);
      if (level >= 0) j = longBracketEnd(text, j + 4 + level, level);
      else {
        const eol = text.indexOf('\n', j);
        j = eol < 0 ? n : eol;
      }
    } else if (c === LBRACKET) {
      const level = longBracketLevel(text, j);
      j = level >= 0 ? longBracketEnd(text, j + 2 + level, level) : j + 1;
    } else j++;
  }
  return n;
}

/**
 * The text with every Lua body (the given [start, end) spans) blanked: characters become spaces,
 * line breaks stay, so offsets and lines are unchanged and a brace-counting parser sees empty blocks.
 */
export function blankSpans(text: string, spans: ReadonlyArray<readonly [number, number]>): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [s, e] of spans) {
    out += text.slice(at, s) + text.slice(s, e).replace(/[^\r\n]/g, ' ');
    at = e;
  }
  return out + text.slice(at);
}
