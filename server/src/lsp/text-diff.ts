// Minimal edits that turn one text into another: line hunks from a diff, each trimmed to the
// characters that really change. "Fix all" applies several rounds of fixes; sending their net
// effect as small edits (not one whole-document replacement) keeps cursors, folds and markers.
import { diffLines } from 'diff';
import type { TextEdit } from '../engine/types';
import { LineIndex } from '../engine/text';

export function diffEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const index = new LineIndex(before);
  const hunks: Array<{ start: number; end: number; text: string }> = [];
  let offset = 0;
  let open: { start: number; end: number; text: string } | undefined;
  for (const part of diffLines(before, after)) {
    if (part.added) {
      open ??= { start: offset, end: offset, text: '' };
      open.text += part.value;
    } else if (part.removed) {
      open ??= { start: offset, end: offset, text: '' };
      offset += part.value.length;
      open.end = offset;
    } else {
      if (open) hunks.push(open);
      open = undefined;
      offset += part.value.length;
    }
  }
  if (open) hunks.push(open);

  return hunks.map((h) => {
    // Trim what the old and new text of the hunk share at both ends.
    const old = before.slice(h.start, h.end);
    let p = 0;
    while (p < old.length && p < h.text.length && old[p] === h.text[p]) p++;
    let s = 0;
    while (s < old.length - p && s < h.text.length - p && old[old.length - 1 - s] === h.text[h.text.length - 1 - s]) s++;
    return { range: index.rangeOf(h.start + p, h.end - s), newText: h.text.slice(p, h.text.length - s) };
  });
}
