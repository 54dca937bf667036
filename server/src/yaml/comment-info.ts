// A `#` comment the YAML readers (the fast parser, the library's lexer) report, as the engine's
// CommentInfo. Compose and Traefik read comments alike. A comment ends at its line break: the
// library's lexer sees no lone CR (yaml/chars.ts loneCrAsLf) and the fast parser reads no text
// with one.
import type { CommentInfo } from '../engine/types';
import type { LineIndex } from '../engine/text';
import type { RawComment } from './parser';

/** Its text after `#`, its range, alone on its line or not. */
export function commentInfo(c: RawComment, index: LineIndex): CommentInfo {
  const range = index.rangeOf(c.offset, c.offset + c.source.length);
  const before = index.text.slice(index.lineStart(range.start.line), c.offset);
  return { text: c.source.slice(1), range, ownLine: before.trim() === '' };
}
