// Stage-segmented parsing with a cache, so a keystroke re-parses one stage instead of the file.
//
// dockerfile-ast (the mandated parser) has no incremental mode and costs about 3 ms per
// 1,000 lines, most of the per-keystroke budget. A Dockerfile splits cleanly at every FROM
// that starts an instruction: nothing an instruction's parse depends on (escape character,
// continuation, heredoc bodies) crosses such a line. Each segment is parsed on its own, padded
// with blank lines so that every range keeps its real line number, and cached by
// (escape character, first line, segment text). Editing inside one stage (the common case)
// re-parses only that stage; ranges are line/character based, so stages after the edit stay
// valid as long as the edit keeps the line count.
//
// The pre-scan that finds the split points is deliberately cautious: anything that might be a
// continuation or a heredoc keeps the next FROM inside the current segment. A missed split
// only costs speed; the segments' instructions are the same objects a whole-file parse makes.
import { DockerfileParser } from 'dockerfile-ast';
import type { Dockerfile, Instruction, Arg, Comment, ParserDirective } from 'dockerfile-ast';

/** The part of dockerfile-ast's Dockerfile that the model reads, over all segments. */
export interface DockerfileAst {
  getInstructions(): Instruction[];
  getInitialARGs(): Arg[];
  getEscapeCharacter(): string;
  getDirectives(): ParserDirective[];
  getComments(): Comment[];
}

const CAPACITY = 1024;
const cache = new Map<string, Dockerfile>();

/** How many segments (or whole files) dockerfile-ast parsed: tests check that an edit re-parses one. */
export const segmentStats = { parsed: 0 };

/** Forgets every cached segment (tests compare a cached parse with a cold one). */
export function clearSegmentCache(): void {
  cache.clear();
}

function cachedParse(key: string, build: () => string): Dockerfile {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  segmentStats.parsed++;
  const df = DockerfileParser.parse(build());
  cache.set(key, df);
  if (cache.size > CAPACITY) cache.delete(cache.keys().next().value!);
  return df;
}

// The value is captured greedily and trimmed in code: `(.*?)\s*$` backtracks quadratically.
const DIRECTIVE_RE = /^#\s*([A-Za-z][A-Za-z0-9_-]*)\s*=(.*)$/;
const FROM_RE = /^from(?:\s|$)/i;

/** The escape character a Dockerfile's parser directives set (`\` unless `# escape=\``). */
export function escapeOf(text: string): string {
  let pos = 0;
  for (let guard = 0; guard < 64 && pos < text.length; guard++) {
    const nl = text.indexOf('\n', pos);
    const line = text.slice(pos, nl < 0 ? text.length : nl).replace(/\r$/, '');
    const m = DIRECTIVE_RE.exec(line.trimStart());
    if (!m) break;
    const value = m[2]!.trim();
    if (m[1]!.toLowerCase() === 'escape' && (value === '`' || value === '\\')) return value;
    if (nl < 0) break;
    pos = nl + 1;
  }
  return '\\';
}

// A heredoc marker dockerfile-ast reads the same way whitespace splitting does: `<<NAME`,
// `<<-NAME`, `<<"NAME"`, `<<'NAME'` (see parseHeredocName in dockerfile-ast's util.js).
const CLEAN_MARKER = /^<<-?(?:"([^"\s]+)"|'([^'\s]+)'|([^"'\s<][^"'\s]*))$/;

/**
 * Line numbers and offsets where a FROM instruction starts a new segment (never line 0). Mirrors
 * dockerfile-ast's reading of instructions: lines break at `\r\n`, `\r` and `\n`; an escape at
 * the end of a line continues the instruction across blank and comment lines; heredoc bodies
 * start after the instruction and end at a line that is exactly the name (after leading tabs
 * for `<<-`). A marker it cannot read for sure stops all further splitting.
 */
export function splitPoints(text: string, escape: string): Array<{ line: number; offset: number }> {
  const out: Array<{ line: number; offset: number }> = [];
  let queue: Array<{ name: string; tabbed: boolean }> = [];
  let collecting: string[] = [];
  let tabbed = false;
  let continued = false;
  let line = 0;
  let pos = 0;
  const n = text.length;
  // Reads an instruction line's heredoc markers; false when one is ambiguous.
  const markers = (raw: string): boolean => {
    for (const token of raw.split(/[ \t]+/)) {
      const at = token.indexOf('<<');
      if (at < 0) continue;
      // Escapes and quotes before `<<` may vanish from the argument dockerfile-ast reads.
      if (at > 0) {
        if (/^[\\`"']+$/.test(token.slice(0, at))) return false;
        continue;
      }
      if (token.length <= 2) continue;
      const m = CLEAN_MARKER.exec(token);
      if (!m) return false;
      if (token.startsWith('<<-')) tabbed = true;
      collecting.push((m[1] ?? m[2] ?? m[3])!);
    }
    return true;
  };
  while (pos <= n) {
    let end = pos;
    while (end < n && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const raw = text.slice(pos, end);
    const trimmed = raw.trim();
    if (queue.length > 0) {
      const h = queue[0]!;
      const candidate = h.tabbed ? raw.replace(/^\t+/, '') : raw;
      // A terminator must be followed by a line break.
      if (end < n && candidate === h.name) queue.shift();
    } else if (trimmed === '' || trimmed.startsWith('#')) {
      // Blank and comment lines neither start nor end an instruction (nor a continuation).
    } else {
      if (!continued) {
        if (line > 0 && FROM_RE.test(trimmed)) out.push({ line, offset: pos });
        collecting = [];
        tabbed = false;
      }
      if (raw.includes('<<') && !markers(raw)) return out;
      continued = trimmed.endsWith(escape);
      if (!continued && collecting.length > 0) {
        queue = collecting.map((name) => ({ name, tabbed }));
        collecting = [];
      }
    }
    if (end >= n) break;
    pos = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    line++;
  }
  return out;
}

/** Parses a Dockerfile segment by segment, reusing the parse of every unchanged stage. */
export function parseSegmented(text: string): DockerfileAst {
  const escape = escapeOf(text);
  const points = splitPoints(text, escape);
  const parts: Array<{ key: string; slice: string; line: number }> = [];
  let start = 0;
  let startLine = 0;
  for (let k = 0; k <= points.length; k++) {
    const end = k < points.length ? points[k]!.offset : text.length;
    const slice = text.slice(start, end);
    parts.push({ key: `${escape}\u0000${startLine}\u0000${slice}`, slice, line: startLine });
    if (k < points.length) {
      start = end;
      startLine = points[k]!.line;
    }
  }
  // Each segment parsed afresh is padded with a blank line per line before it, so parsing every
  // segment of a file with thousands of stages would be quadratic. When the padding of the
  // segments not in the cache would outweigh the file, one whole parse is cheaper; an edit
  // re-parses one segment, whose padding is at most the file.
  let padding = 0;
  for (const p of parts) if (!cache.has(p.key)) padding += p.line;
  if (padding > 64 * startLine + 1_000_000) return cachedParse(`${escape}\u0000whole\u0000${text}`, () => text);
  const segments: Dockerfile[] = [];
  for (let k = 0; k < parts.length; k++) {
    const { key, slice, line } = parts[k]!;
    // Later segments are padded to their real line; a non-default escape character is
    // restated as a directive on line 0 (a FROM line is never line 0, so it always fits).
    const pad = () => (escape === '\\' ? '\n'.repeat(line) : `# escape=${escape}\n` + '\n'.repeat(line - 1));
    segments.push(cachedParse(key, k === 0 ? () => slice : () => pad() + slice));
  }
  const first = segments[0]!;
  // Should the pre-scan and the parser ever disagree on the escape character, trust a whole parse.
  if (segments.length > 1 && first.getEscapeCharacter() !== escape) return DockerfileParser.parse(text);
  if (segments.length === 1) return first;
  let instructions: Instruction[] | undefined;
  return {
    getInstructions: () => (instructions ??= segments.flatMap((s) => s.getInstructions())),
    getInitialARGs: () => first.getInitialARGs(),
    getEscapeCharacter: () => first.getEscapeCharacter(),
    getDirectives: () => first.getDirectives(),
    getComments: () => segments.flatMap((s) => s.getComments()),
  };
}
