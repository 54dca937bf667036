// How deep a YAML or TOML document nests, measured in one linear pass before a parser that
// recurses per level reads it.
//
// Why: the `yaml` library and toml-eslint-parser recurse once per level and slow down sharply on
// deep nesting: a 60 KB Traefik file of 30,000 `[` took over a second to lint cold, and ended in
// a stack overflow anyway. Nothing real nests that deep, so past MAX_NESTING the file is refused
// with one parse error where the cap was passed. For YAML the pre-scan runs only when the fast
// path (parser.ts, which bails past the same depth) gave up, just before the library would read
// the file; TOML files are always pre-scanned (their only parser is toml-eslint-parser).
//
// The count is an estimate on the safe side of real files, not YAML's exact node depth: every
// block indentation level is one, every `- ` or `? ` indicator at the start of a line's content
// one more, every flow `[` or `{` one more (the fast path's count for the usual shapes). Quoted
// scalars (over several lines too), comments and block scalars (`|`, `>`) are skipped, so
// brackets in text never count.

/** Deepest nesting linted: also the fast path's bail depth and compose's tree cap (tree.ts DEFAULT_LIMITS.maxDepth). */
export const MAX_NESTING = 200;

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const HASH = 35;
const DQUOTE = 34;
const SQUOTE = 39;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const COMMA = 44;
const COLON = 58;
const DASH = 45;
const QUESTION = 63;
const PIPE = 124;
const GT = 62;
const AMP = 38;
const BANG = 33;
const BACKSLASH = 92;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

function isBreakOrEnd(c: number): boolean {
  return c === LF || c === CR || Number.isNaN(c);
}

/** The message of the parse error for a file nested deeper than `max` levels. */
export function nestingMessage(max = MAX_NESTING): string {
  return `Nesting deeper than ${max} levels: Rampart does not lint this file.`;
}

/**
 * The offset of the character where a YAML text first nests deeper than `max` levels (the line's
 * first character for block nesting, the bracket for flow nesting), or undefined. Linear time.
 */
export function yamlNestingOverflow(text: string, max = MAX_NESTING): number | undefined {
  const n = text.length;
  const indents: number[] = [];
  let flow = 0;
  /** Block depth of the line a flow collection started on (flow levels add to it). */
  let base = 0;
  /** Inside a quoted scalar that goes on past its line: the quote. */
  let quote = 0;
  /** Inside a block scalar: its lines are those indented more than this (-1: not in one). */
  let blockScalar = -1;
  /** In flow context: whether a quote here would start a scalar (after `[{,:?` or at the start). */
  let tokenStart = true;
  let i = 0;
  while (i < n) {
    // The start of a line.
    const lineStart = i;
    while (text.charCodeAt(i) === SPACE) i++;
    const indent = i - lineStart;
    if (indent === 0 && (text.startsWith('---', i) || text.startsWith('...', i)) && (isBlank(text.charCodeAt(i + 3)) || isBreakOrEnd(text.charCodeAt(i + 3)))) {
      // A document marker: whatever was open is over (the parser reports what was left open).
      indents.length = 0;
      flow = 0;
      quote = 0;
      blockScalar = -1;
      tokenStart = true;
      i += 3;
    } else if (blockScalar >= 0) {
      let j = i;
      while (isBlank(text.charCodeAt(j))) j++;
      if (indent > blockScalar || isBreakOrEnd(text.charCodeAt(j))) {
        i = skipLine(text, i);
        continue;
      }
      blockScalar = -1;
    }
    if (quote === 0 && flow === 0) {
      while (isBlank(text.charCodeAt(i))) i++;
      const c = text.charCodeAt(i);
      if (isBreakOrEnd(c) || c === HASH) {
        i = skipLine(text, i);
        continue;
      }
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      let depth = indents.length;
      if (depth > max) return i;
      // The line's content: indicators, a key, a value.
      for (;;) {
        const d = text.charCodeAt(i);
        if ((d === DASH || d === QUESTION) && (isBlank(text.charCodeAt(i + 1)) || isBreakOrEnd(text.charCodeAt(i + 1)))) {
          if (++depth > max) return i;
          i++;
          while (isBlank(text.charCodeAt(i))) i++;
          continue;
        }
        if (d === AMP || d === BANG) {
          // An anchor or a tag before the node.
          while (!isBlank(text.charCodeAt(i)) && !isBreakOrEnd(text.charCodeAt(i))) i++;
          while (isBlank(text.charCodeAt(i))) i++;
          continue;
        }
        if (d === LBRACKET || d === LBRACE) {
          base = depth;
          flow = 1;
          if (base + flow > max) return i;
          i++;
          tokenStart = true;
          break;
        }
        if (d === DQUOTE || d === SQUOTE) {
          const e = closeQuote(text, i + 1, d);
          if (e < 0) {
            quote = d;
            i = skipLine(text, i);
            break;
          }
          i = e;
          const after = valueAfterKey(text, i);
          if (after < 0) {
            i = skipLine(text, i);
            break;
          }
          i = after;
          continue;
        }
        if (d === PIPE || d === GT) {
          if (isBlockScalarHeader(text, i + 1)) blockScalar = indent;
          i = skipLine(text, i);
          break;
        }
        // A plain scalar: a key (then its value on this line) or the value itself.
        const after = plainKeyEnd(text, i);
        if (after < 0) {
          i = skipLine(text, i);
          break;
        }
        i = after;
      }
      if (flow === 0 || i >= n) continue;
    }
    // Inside a quoted scalar, or flow context, from `i` to the end of the line (or beyond).
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === LF) {
        i++;
        break;
      }
      if (quote !== 0) {
        const e = closeQuote(text, i, quote);
        if (e < 0) {
          i = skipLine(text, i);
          break;
        }
        quote = 0;
        i = e;
        tokenStart = false;
        continue;
      }
      if (flow === 0) {
        // What follows a closed flow collection on its line: a comment, or a `: value` of a flow
        // key, which Compose and Traefik never have; the line is done.
        i = skipLine(text, i);
        break;
      }
      if (c === LBRACKET || c === LBRACE) {
        if (base + ++flow > max) return i;
        tokenStart = true;
      } else if (c === RBRACKET || c === RBRACE) {
        flow--;
        tokenStart = false;
      } else if (c === COMMA || c === COLON || c === QUESTION) {
        tokenStart = true;
      } else if ((c === DQUOTE || c === SQUOTE) && tokenStart) {
        quote = c;
      } else if (c === HASH && (i === 0 || isBlank(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === LF || text.charCodeAt(i - 1) === CR)) {
        i = skipLine(text, i);
        break;
      } else if (!isBlank(c) && c !== CR) {
        tokenStart = false;
      }
      if (quote !== 0) {
        i++;
        continue;
      }
      i++;
    }
  }
  return undefined;
}

/** The offset after the line break ending the line at `i`, or the end of the text. */
function skipLine(text: string, i: number): number {
  const e = text.indexOf('\n', i);
  return e < 0 ? text.length : e + 1;
}

/** After the closing quote of a scalar whose body starts at `i`; -1 when the line ends first. */
function closeQuote(text: string, i: number, q: number): number {
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === LF) return -1;
    if (q === DQUOTE && c === BACKSLASH) j++;
    else if (c === q) {
      if (q === SQUOTE && text.charCodeAt(j + 1) === SQUOTE) j++;
      else return j + 1;
    }
  }
  return -1;
}

/** After a key ending at `i`: where its value starts on this line (`: value`), else -1. */
function valueAfterKey(text: string, i: number): number {
  while (isBlank(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== COLON) return -1;
  const c = text.charCodeAt(i + 1);
  if (!isBlank(c)) return -1;
  i++;
  while (isBlank(text.charCodeAt(i))) i++;
  return isBreakOrEnd(text.charCodeAt(i)) || text.charCodeAt(i) === HASH ? -1 : i;
}

/** A plain scalar at `i`: if it is a key, where its value starts on this line, else -1. */
function plainKeyEnd(text: string, i: number): number {
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (isBreakOrEnd(c)) return -1;
    if (c === HASH && isBlank(text.charCodeAt(j - 1))) return -1;
    if (c === COLON && (isBlank(text.charCodeAt(j + 1)) || isBreakOrEnd(text.charCodeAt(j + 1)))) return valueAfterKey(text, j);
  }
  return -1;
}

/** `|` or `>` then only chomping/indentation indicators, blanks and an optional comment. */
function isBlockScalarHeader(text: string, i: number): boolean {
  while (text.charCodeAt(i) === DASH || text.charCodeAt(i) === 43 /* + */ || (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57)) i++;
  const c = text.charCodeAt(i);
  if (isBreakOrEnd(c)) return true;
  if (!isBlank(c)) return false;
  while (isBlank(text.charCodeAt(i))) i++;
  return isBreakOrEnd(text.charCodeAt(i)) || text.charCodeAt(i) === HASH;
}

/**
 * The offset of the `[` or `{` where a TOML text's values first nest deeper than `max` arrays
 * and inline tables, or undefined. Table headers (`[a.b]`, `[[a]]` at the start of a line
 * outside a value) are not nesting; strings and comments are skipped. Linear time.
 */
export function tomlNestingOverflow(text: string, max = MAX_NESTING): number | undefined {
  const n = text.length;
  let depth = 0;
  /** At the start of a line (blanks aside): where a `[` is a table header when no value is open. */
  let lineStart = true;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) {
      lineStart = true;
      continue;
    }
    if (isBlank(c) || c === CR) continue;
    const atLineStart = lineStart;
    lineStart = false;
    if (c === HASH) {
      i = skipLine(text, i) - 1;
      continue;
    }
    if (c === DQUOTE || c === SQUOTE) {
      i = tomlStringEnd(text, i, c) - 1;
      continue;
    }
    if (c === LBRACKET && depth === 0 && atLineStart) {
      // A table header: `[`, `[[`, a key (quoted parts may hold brackets), then `]`.
      i = tomlHeaderEnd(text, i) - 1;
      continue;
    }
    if (c === LBRACKET || c === LBRACE) {
      if (++depth > max) return i;
    } else if ((c === RBRACKET || c === RBRACE) && depth > 0) depth--;
  }
  return undefined;
}

/** After a TOML string starting at `i` (basic, literal, or their `"""` / `'''` multi-line forms). */
function tomlStringEnd(text: string, i: number, q: number): number {
  const triple = text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q;
  if (triple) {
    const close = q === DQUOTE ? '"""' : "'''";
    for (let j = i + 3; j < text.length; j++) {
      if (q === DQUOTE && text.charCodeAt(j) === BACKSLASH) {
        j++;
        continue;
      }
      if (text.startsWith(close, j)) {
        // Up to two more quotes belong to the string (`""""` ends with a quote inside).
        let e = j + 3;
        while (e < j + 5 && text.charCodeAt(e) === q) e++;
        return e;
      }
    }
    return text.length;
  }
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === LF) return j;
    if (q === DQUOTE && c === BACKSLASH) j++;
    else if (c === q) return j + 1;
  }
  return text.length;
}

/** After a table header starting at `i`: its closing `]` or `]]`, or the end of the line. */
function tomlHeaderEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === LF) return j;
    if (c === DQUOTE || c === SQUOTE) j = tomlStringEnd(text, j, c) - 1;
    else if (c === RBRACKET) return text.charCodeAt(j + 1) === RBRACKET ? j + 2 : j + 1;
  }
  return text.length;
}
