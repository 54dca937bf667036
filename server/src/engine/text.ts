// Offset <-> position conversion and range helpers shared by every language.
import type { Position, Range } from './types';

/** Line-start table over a text, built once per document version. Positions are UTF-16. */
export class LineIndex {
  readonly text: string;
  private readonly starts: number[];
  /** The line of the last positionAt answer. */
  private hint = 0;

  constructor(text: string) {
    this.text = text;
    const starts = [0];
    if (text.indexOf('\r') < 0) {
      // LF only (most files): indexOf finds each break several times faster than a loop over the
      // char codes, and this runs on every keystroke of every language.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    // Parsers and rules mostly ask in text order: try the last answer's line and the next first.
    let lo = this.hint;
    if (!(starts[lo]! <= o && (lo + 1 === starts.length || starts[lo + 1]! > o))) {
      lo++;
      if (!(lo < starts.length && starts[lo]! <= o && (lo + 1 === starts.length || starts[lo + 1]! > o))) {
        lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (starts[mid]! <= o) lo = mid;
          else hi = mid - 1;
        }
      }
    }
    this.hint = lo;
    // An offset inside a line break (between CR and LF) is the end of that line's content.
    return { line: lo, character: Math.min(o, this.lineEnd(lo)) - this.starts[lo]! };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    if (pos.line < 0) return 0;
    const start = this.starts[pos.line]!;
    const end = this.lineEnd(pos.line);
    return Math.min(start + Math.max(0, pos.character), end);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }

  /** Offset of the end of a line's content (before its line break). */
  lineEnd(line: number): number {
    if (line + 1 < this.starts.length) {
      let e = this.starts[line + 1]! - 1;
      if (e > 0 && this.text.charCodeAt(e) === 10 && this.text.charCodeAt(e - 1) === 13) e--;
      return e;
    }
    return this.text.length;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** `lineText(line).length` without building the string, for a line inside the text. */
  lineLength(line: number): number {
    return Math.max(0, this.lineEnd(line) - this.lineStart(line));
  }

  /**
   * The document's line break, used by fixes that insert lines: the first LF's (CRLF or LF), or a
   * lone CR in a file that breaks lines with CRs only (old Mac endings), else LF.
   */
  get eol(): string {
    const i = this.text.indexOf('\n');
    if (i >= 0) return i > 0 && this.text.charCodeAt(i - 1) === 13 ? '\r\n' : '\n';
    return this.text.indexOf('\r') >= 0 ? '\r' : '\n';
  }
}

export function range(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}

export function stripBom(text: string): { text: string; bom: boolean } {
  return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), bom: true } : { text, bom: false };
}

/**
 * The same text as one flat string. An editor's buffer after an edit is a rope (V8 concatenates
 * strings lazily: `before + typed + after`), and V8 reads a character of a rope through an
 * indirection even once it has flattened it: the fast YAML path read a 1,000-line compose buffer
 * in 0.63 ms, and the same text as a flat string in 0.48 ms. `normalize()` hands back V8's flat
 * copy (about 1 µs a KB, most of it the flattening that the first read does anyway); its result
 * is used only when the text was already in normal form, so no offset can move.
 */
export function flatText(text: string): string {
  const flat = text.normalize();
  return flat === text ? flat : text;
}

/**
 * Whether `src`, a scalar's source, is `value` between two quotes as written (no escapes), so that
 * the value's text starts one character in. Both quotes must be there: an unclosed `"` at the end
 * of a file is a one-character scalar whose inside would end before it starts (found by
 * `npm run fuzz`).
 */
export function quotedVerbatim(src: string, value: string): boolean {
  const q = src.charCodeAt(0);
  return src.length >= 2 && (q === 34 || q === 39) && src.charCodeAt(src.length - 1) === q && src.slice(1, -1) === value;
}
