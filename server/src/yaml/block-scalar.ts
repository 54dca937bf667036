// Block scalars (`|`, `|-`, `>`, `>-`) for the fast YAML path: where their text ends and the
// value YAML 1.2 gives it (§8.1), in the subset the fast path reads. Keep chomping (`+`),
// indentation indicators, leading blank lines, blank lines with more spaces than the content's
// indentation and tabs in the indentation are left to the library.
import { bail } from './bail';

export interface BlockScalarText {
  /** Offset just past the scalar's last line break (the library's range end). */
  end: number;
  value: string;
}

/**
 * Reads the body of a block scalar whose header line ended at `bodyStart`, inside a collection
 * indented `parent` columns. Lines belong to it while they are blank or indented at least as
 * deep as its first line; trailing blank lines are not part of it (clip and strip chomping).
 */
export function readBlockScalar(text: string, bodyStart: number, parent: number, folded: boolean, strip: boolean): BlockScalarText {
  const len = text.length;
  // Content lines as [start of the line, its end before the line break]; blank lines as -1.
  const starts: number[] = [];
  const ends: number[] = [];
  let indent = -1;
  let p = bodyStart;
  let lastContentEnd = -1; // offset after the line break of the last content line
  while (p < len) {
    let k = p;
    while (text.charCodeAt(k) === 32) k++;
    const c = text.charCodeAt(k);
    if (c === 9) bail();
    const eol = c === 10 ? 1 : c === 13 ? 2 : 0;
    if (eol > 0) {
      if (indent < 0) bail(); // a leading blank line: the library's indentation rules differ
      if (k - p > indent) bail(); // a more-indented blank line is content
      starts.push(-1);
      ends.push(-1);
      p = k + eol;
      continue;
    }
    if (k >= len) bail(); // spaces at the end of the text
    const sp = k - p;
    if (indent < 0) {
      if (sp <= parent) bail(); // the body must be indented deeper than its collection
      indent = sp;
    } else if (sp < indent) break;
    let e = text.indexOf('\n', k);
    if (e < 0) bail(); // the last line has no line break
    const after = e + 1;
    if (text.charCodeAt(e - 1) === 13) e--;
    starts.push(p);
    ends.push(e);
    lastContentEnd = after;
    p = after;
  }
  if (indent < 0) bail();
  // The line after the scalar must not start with spaces then a tab (the library reads those
  // lines into the scalar to report them).
  let q = p;
  while (text.charCodeAt(q) === 32) q++;
  if (text.charCodeAt(q) === 9) bail();
  // Trailing blank lines are dropped (they belong to what follows).
  let n = starts.length;
  while (n > 0 && starts[n - 1] === -1) n--;

  let value = '';
  if (!folded) {
    for (let i = 0; i < n; i++) {
      if (i > 0) value += '\n';
      if (starts[i] !== -1) value += text.slice(starts[i]! + indent, ends[i]);
    }
  } else {
    // Folding: a line break between two ordinary lines becomes a space; blank lines stay line
    // breaks; lines indented deeper (or starting with a tab) keep their line breaks around them.
    let sep = '';
    let prevMore = false;
    for (let i = 0; i < n; i++) {
      if (starts[i] === -1) {
        if (sep === '\n') value += '\n';
        else sep = '\n';
        continue;
      }
      const line = text.slice(starts[i]! + indent, ends[i]);
      const more = text.charCodeAt(starts[i]! + indent) === 32 || line.charCodeAt(0) === 9;
      if (more) {
        if (sep === ' ') sep = '\n';
        else if (!prevMore && sep === '\n') sep = '\n\n';
        value += sep + line;
        sep = '\n';
        prevMore = true;
      } else {
        value += sep + line;
        sep = ' ';
        prevMore = false;
      }
    }
  }
  if (!strip) value += '\n';
  return { end: lastContentEnd, value };
}
