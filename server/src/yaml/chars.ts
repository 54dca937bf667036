// Character classes of the fast YAML scanner, on UTF-16 char codes.

export const SPACE = 32;
export const TAB = 9;
export const LF = 10;
export const CR = 13;
export const HASH = 35;
export const COLON = 58;
export const DASH = 45;
export const COMMA = 44;
export const DQUOTE = 34;
export const SQUOTE = 39;
export const AMP = 38;
export const STAR = 42;
export const BANG = 33;
export const LBRACKET = 91;
export const RBRACKET = 93;
export const LBRACE = 123;
export const RBRACE = 125;
export const DOT = 46;

/** `,[]{}`: they end plain scalars, anchors and aliases inside flow collections. */
export function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}

/** End of input (NaN from charCodeAt), line feed or carriage return. */
export function isEol(c: number): boolean {
  return c === LF || c === CR || c !== c;
}

/** A separator after an indicator: space, line break or end of input. */
export function isBlankOrEnd(c: number): boolean {
  return c === SPACE || isEol(c);
}

/**
 * Can a plain scalar start with `c` (followed by `next`)? The YAML indicators cannot, except
 * `-` before a non-blank (`-1`, `--flag`). `?` and `:` starts are legal YAML but rare: the fast
 * path leaves them to the library.
 */
export function isPlainStart(c: number, next: number, flow: boolean): boolean {
  switch (c) {
    case DASH:
      return !isBlankOrEnd(next) && next !== TAB && !(flow && isFlowIndicator(next));
    case 63: // ?
    case COLON:
    case COMMA:
    case LBRACKET:
    case RBRACKET:
    case LBRACE:
    case RBRACE:
    case HASH:
    case AMP:
    case STAR:
    case BANG:
    case 124: // |
    case 62: // >
    case SQUOTE:
    case DQUOTE:
    case 37: // %
    case 64: // @
    case 96: // `
    case SPACE:
    case TAB:
    case LF:
    case CR:
      return false;
  }
  return c === c; // not end of input
}

/**
 * Characters the fast path never reads: control characters other than tab and line feed, a CR
 * that is not part of CRLF (the library and the editor disagree on where its lines end), C1
 * controls, a BOM and the Unicode line separators. Returns true when the text has none.
 */
export function plainText(text: string): boolean {
  // One regex test (irregexp's compiled scan) takes about a third less time than a loop over the
  // char codes, and this reads the whole text on every compose and Traefik keystroke.
  return !NOT_PLAIN.test(text);
}

/** A control character other than TAB, LF and CRLF, C1 controls, BOM, LS/PS, noncharacters. */
const NOT_PLAIN = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u2028\u2029\ufffe\uffff]|\r(?!\n)/;

/**
 * The text with every lone CR (one not before an LF) made an LF. YAML 1.2 and the YAML readers
 * of Compose and Traefik (Go's yaml.v3) break lines there, and so do the editor and LineIndex, but
 * the `yaml` library reads a lone CR as part of a scalar or a comment: `read_only: false⏎` (CR)
 * was the string "false\r", whose range reached into the next line, and a fix that replaced it
 * removed the line break (found by `npm run fuzz`). One character for one: every offset holds.
 */
export function loneCrAsLf(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r(?!\n)/g, '\n');
}
