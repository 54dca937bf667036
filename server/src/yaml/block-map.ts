// Where the characters of a block scalar's value (`|`, `>`, any chomping or indentation
// indicator, a comment after the header, CRLF) sit in its source, so that a word of the value (a
// flag of a `command: >-`) can be given its exact range and edited in place.
//
// Each content line of the body is copied verbatim into the value, after the content
// indentation; what lies between two lines (a line break, a space where `>` folds, nothing) is
// not in the source as such. So the map is one segment per content line, and a slice of the value
// is located only when it lies inside one segment. The mapping is rebuilt from the source lines
// and accepted only when it reproduces the value the YAML library gave: anything this reading
// does not model (tabs in the indentation, a lone CR, comment lines after the body) makes it
// disagree, and the caller falls back to the whole scalar.

/** `len` characters of the value from `at` are the source's characters from `src`. */
export interface BlockSegment {
  at: number;
  src: number;
  len: number;
}

export interface BlockMap {
  /** One segment per content line, in order (`src` relative to the start of the header). */
  segments: BlockSegment[];
  /** The content indentation in columns (spaces). */
  indent: number;
  /** The header gives the indentation (`|2`): removing a line cannot change it. */
  explicitIndent: boolean;
  /** Where the body's first content line starts (relative to the start of the header). */
  firstLine: number;
}

interface Line {
  start: number;
  /** Before the line break (`\n` or `\r\n`). */
  end: number;
  /** Leading spaces. */
  lead: number;
  /** Nothing but spaces. */
  blank: boolean;
}

/**
 * Maps a block scalar written as `source` (from its `|` or `>` header to the end of its body, as
 * the library's range gives it) onto `value`, the library's value for it. Undefined when the
 * source is not a block scalar or the reading does not reproduce the value.
 */
export function mapBlockScalar(source: string, value: string): BlockMap | undefined {
  const style = source[0];
  if (style !== '|' && style !== '>') return undefined;
  const len = source.length;
  let i = 1;
  let explicitIndent = false;
  // Chomping and indentation indicators, in either order (`|2-`, `>-2`).
  for (let k = 0; k < 2 && i < len; k++) {
    const c = source[i]!;
    if (c === '-' || c === '+') i++;
    else if (c >= '1' && c <= '9') {
      explicitIndent = true;
      i++;
    } else break;
  }
  while (source[i] === ' ' || source[i] === '\t') i++;
  if (source[i] === '#') while (i < len && source[i] !== '\n' && source[i] !== '\r') i++;
  if (source[i] === '\r' && source[i + 1] === '\n') i += 2;
  else if (source[i] === '\n') i++;
  else return undefined; // no body, or something else on the header line

  const lines: Line[] = [];
  while (i < len) {
    let nl = source.indexOf('\n', i);
    if (nl < 0) nl = len;
    const end = nl > i && source[nl - 1] === '\r' ? nl - 1 : nl;
    let lead = 0;
    while (i + lead < end && source[i + lead] === ' ') lead++;
    for (let k = i; k < end; k++) if (source[k] === '\r') return undefined; // a lone CR breaks lines too
    lines.push({ start: i, end, lead, blank: i + lead === end });
    i = nl + 1;
  }
  // Without an indentation indicator the first non-blank line sets the indentation (a later line
  // less indented would have ended the scalar). With one (`|2`), the first line may be deeper and
  // keep its extra spaces in the value: the spaces the value starts with tell how many.
  const first = lines.find((l) => !l.blank);
  if (!first) return undefined;
  let indent = first.lead;
  if (explicitIndent) {
    let v = 0;
    while (value.charCodeAt(v) === 10) v++;
    let kept = 0;
    while (value.charCodeAt(v + kept) === 32) kept++;
    indent -= kept;
  }
  if (indent < 1) return undefined;
  const m = build(source, lines, indent, style === '>');
  if (m && trimBreaks(m.text) === trimBreaks(value)) return { segments: m.segments, indent, explicitIndent, firstLine: m.firstLine };
  return undefined;
}

/**
 * The value without its trailing line breaks (chomping decides those, and they map to nothing).
 * A loop, not `/\n+$/`: that regex retries every break of a long run that does not end the text.
 */
function trimBreaks(v: string): string {
  let e = v.length;
  while (e > 0 && v.charCodeAt(e - 1) === 10) e--;
  return v.slice(0, e);
}

/** The value (before chomping) and the segments of `lines` read at `indent`. */
function build(source: string, lines: readonly Line[], indent: number, folded: boolean): { text: string; segments: BlockSegment[]; firstLine: number } | undefined {
  let text = '';
  const segments: BlockSegment[] = [];
  let empties = 0;
  let prev: 'text' | 'spaced' | undefined;
  let firstLine = -1;
  for (const l of lines) {
    // A line of spaces no deeper than the indentation is empty; deeper, its extra spaces are content.
    if (l.blank && l.end - l.start <= indent) {
      empties++;
      continue;
    }
    if (l.lead < indent) return undefined;
    const src = l.start + indent;
    // `>` folds the break between two lines of text into a space; a line starting with a blank
    // after the indentation (a space or a tab: "more indented") keeps the breaks around it, and
    // empty lines are line breaks in both styles.
    const kind = l.lead > indent || source[src] === '\t' ? 'spaced' : 'text';
    if (prev === undefined) text += '\n'.repeat(empties);
    else if (folded && prev === 'text' && kind === 'text') text += empties === 0 ? ' ' : '\n'.repeat(empties);
    else text += '\n'.repeat(empties + 1);
    if (firstLine < 0) firstLine = l.start;
    segments.push({ at: text.length, src, len: l.end - src });
    text += source.slice(src, l.end);
    prev = kind;
    empties = 0;
  }
  return { text, segments, firstLine };
}

/**
 * The source offset (relative to the header) of the value's slice `[start, end)`, when it lies
 * inside one content line; undefined when it spans a line break or a fold.
 */
export function blockOffset(map: BlockMap, start: number, end: number): number | undefined {
  const segs = map.segments;
  // The last segment starting at or before `start` (binary search: bodies can be long).
  let lo = 0;
  let hi = segs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid]!.at <= start) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return undefined;
  const seg = segs[found]!;
  if (end > seg.at + seg.len) return undefined;
  return seg.src + (start - seg.at);
}
