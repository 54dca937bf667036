// Stage-segmented parsing with a cache, so a keystroke re-parses one stage instead of the file.
//
// dockerfile-ast (the mandated parser) has no incremental mode and costs about 3 ms per
// 1,000 lines, most of the per-keystroke budget. A Dockerfile splits cleanly at every FROM
// that starts an instruction: nothing an instruction's parse depends on (escape character,
// continuation, heredoc bodies) crosses such a line. Each segment is parsed on its own, padded
// with blank lines so that every range keeps its real line number, and cached with the
// document's latest parse by (escape character, first line, segment text). Editing inside one
// stage (the common case) re-parses only that stage; ranges are line/character based, so stages
// after the edit stay valid as long as the edit keeps the line count.
//
// The pre-scan that finds the split points is deliberately cautious: anything that might be a
// continuation or a heredoc keeps the next FROM inside the current segment. A missed split
// only costs speed; the segments' instructions are the same objects a whole-file parse makes.
import { cacheCapacity } from '../../engine/cache-budget';
import { RecentCache } from '../../engine/recent-cache';
import { DockerfileParser } from 'dockerfile-ast';
import type { Dockerfile, Instruction, Arg, Comment, ParserDirective } from 'dockerfile-ast';
import { boundDirectiveScan, organizeCommentsByStage } from './ast-memo';

boundDirectiveScan();
organizeCommentsByStage();

/** The part of dockerfile-ast's Dockerfile that the model reads, over all segments. */
export interface DockerfileAst {
  getInstructions(): Instruction[];
  getInitialARGs(): Arg[];
  getEscapeCharacter(): string;
  getDirectives(): ParserDirective[];
  getComments(): Comment[];
}

/**
 * Segment parses by document (the path lint() is given; '' without one): exactly the segments
 * its latest parse used. An edit reuses every unchanged stage, and the stale versions of an
 * edited stage go with the next parse. (A global LRU of 1,024 segments filled up with them as
 * the user typed: padded parses of old versions, hundreds of megabytes that every garbage
 * collection then had to walk.)
 */
// A RecentCache, not a Map used as an LRU: see engine/recent-cache.ts (the 3,269 Dockerfiles of
// the bench workspace promoted 270 MB of dropped segments through a Map).
const documents = new RecentCache<Map<string, DockerfileAst>>(() => cacheCapacity(MAX_DOCUMENTS));
/** Documents kept, least recently parsed first out. */
const MAX_DOCUMENTS = 64;
/** Segments kept over all documents (the latest document's are always kept). */
const MAX_SEGMENTS = 4096;
let keptSegments = 0;

/** How many segments (or whole files) dockerfile-ast parsed: tests check that an edit re-parses one. */
export const segmentStats = { parsed: 0 };

/** Forgets every cached segment (tests compare a cached parse with a cold one). */
export function clearSegmentCache(): void {
  documents.clear();
  keptSegments = 0;
}

/** One parse's view of the cache: the document's previous segments in, the ones it used out. */
class Generation {
  readonly used = new Map<string, DockerfileAst>();
  constructor(
    private readonly document: string,
    readonly previous: Map<string, DockerfileAst> | undefined,
  ) {}

  has(key: string): boolean {
    return this.previous?.has(key) === true;
  }

  parse(key: string, build: () => string): DockerfileAst {
    let df = this.used.get(key) ?? this.previous?.get(key);
    if (!df) {
      segmentStats.parsed++;
      df = DockerfileParser.parse(build());
    }
    this.used.set(key, df);
    return df;
  }

  /** Caches `view` (a stage of a whole-file parse) as the parse of segment `key`. */
  adopt(key: string, view: DockerfileAst): void {
    this.used.set(key, view);
  }

  /** Makes the segments this parse used the document's cached ones. */
  commit(): void {
    const old = documents.delete(this.document);
    if (old) keptSegments -= old.size;
    for (const dropped of documents.set(this.document, this.used)) keptSegments -= dropped.size;
    keptSegments += this.used.size;
    while (documents.size > 1 && keptSegments > cacheCapacity(MAX_SEGMENTS)) keptSegments -= documents.evictOldest()!.size;
  }
}

// The value is captured greedily and trimmed in code: `(.*?)\s*$` backtracks quadratically.
const DIRECTIVE_RE = /^#\s*([A-Za-z][A-Za-z0-9_-]*)\s*=(.*)$/;

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

/** What String.prototype.trim removes (and `\s` matches): ECMAScript white space and line terminators. */
function isTrimmed(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** `/^from(?:\s|$)/i` on the trimmed line, without slicing it: `from`, any case, then white space or the end. */
function startsWithFrom(text: string, first: number, last: number): boolean {
  if (last - first < 3) return false;
  if ((text.charCodeAt(first) | 32) !== 102 || (text.charCodeAt(first + 1) | 32) !== 114) return false;
  if ((text.charCodeAt(first + 2) | 32) !== 111 || (text.charCodeAt(first + 3) | 32) !== 109) return false;
  return first + 3 === last || isTrimmed(text.charCodeAt(first + 4));
}

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
  let nextHeredoc = -1;
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
    // The line's trimmed extent [first, last], read in place: slicing and trimming every line
    // was most of this function's time.
    let first = pos;
    while (first < end && isTrimmed(text.charCodeAt(first))) first++;
    let last = end - 1;
    while (last >= first && isTrimmed(text.charCodeAt(last))) last--;
    if (queue.length > 0) {
      const h = queue[0]!;
      const raw = text.slice(pos, end);
      const candidate = h.tabbed ? raw.replace(/^\t+/, '') : raw;
      // A terminator must be followed by a line break.
      if (end < n && candidate === h.name) queue.shift();
    } else if (first > last || text.charCodeAt(first) === 35 /* # */) {
      // Blank and comment lines neither start nor end an instruction (nor a continuation).
    } else {
      if (!continued) {
        if (line > 0 && startsWithFrom(text, first, last)) out.push({ line, offset: pos });
        collecting = [];
        tabbed = false;
      }
      // The next `<<` in the text, looked up again only once passed: a search from every
      // instruction line to the end of a text without one was quadratic (found by `npm run fuzz`).
      if (nextHeredoc < pos) {
        nextHeredoc = text.indexOf('<<', pos);
        if (nextHeredoc < 0) nextHeredoc = n;
      }
      if (nextHeredoc + 2 <= end && !markers(text.slice(pos, end))) return out;
      continued = text[last] === escape;
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

/**
 * Parses a Dockerfile segment by segment, reusing the parse of every unchanged stage of the
 * previous parse of the same `document` (its path).
 */
export function parseSegmented(text: string, document = ''): DockerfileAst {
  const generation = new Generation(document, documents.get(document));
  const ast = parseParts(text, generation);
  generation.commit();
  return ast;
}

function parseParts(text: string, cache: Generation): DockerfileAst {
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
  if (padding > 64 * startLine + 1_000_000) return cache.parse(`${escape}\u0000whole\u0000${text}`, () => text);
  // A document seen for the first time (every file of a CLI run, a file just opened) has no
  // segment to reuse: one whole parse reads no padding and costs about half of parsing every
  // segment. Its stages are cached as views of it, so the next edit still re-parses one stage.
  if (cache.previous === undefined && parts.length > 1) return parseWhole(text, escape, parts, cache);
  const segments: DockerfileAst[] = [];
  for (let k = 0; k < parts.length; k++) {
    const { key, slice, line } = parts[k]!;
    // Later segments are padded to their real line; a non-default escape character is
    // restated as a directive on line 0 (a FROM line is never line 0, so it always fits).
    const pad = () => (escape === '\\' ? '\n'.repeat(line) : `# escape=${escape}\n` + '\n'.repeat(line - 1));
    segments.push(cache.parse(key, k === 0 ? () => slice : () => pad() + slice));
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

/** Parses `text` in one go and caches each part (a stage) as a lazy view of that parse. */
function parseWhole(text: string, escape: string, parts: Array<{ key: string; line: number }>, cache: Generation): DockerfileAst {
  segmentStats.parsed++;
  const whole = DockerfileParser.parse(text);
  // As for segments: should the pre-scan and the parser disagree on escapes, cache nothing.
  if (whole.getEscapeCharacter() !== escape) return whole;
  for (let k = 0; k < parts.length; k++) {
    const from = parts[k]!.line;
    const to = k + 1 < parts.length ? parts[k + 1]!.line : Infinity;
    cache.adopt(parts[k]!.key, k === 0 ? firstView(whole, to) : stageView(whole, from, to));
  }
  return whole;
}

/** The instructions and comments of `whole` that start on lines [from, to). */
function stageView(whole: Dockerfile, from: number, to: number): DockerfileAst {
  let instructions: Instruction[] | undefined;
  let comments: Comment[] | undefined;
  return {
    getInstructions: () => (instructions ??= inLines(whole.getInstructions(), from, to)),
    getComments: () => (comments ??= inLines(whole.getComments(), from, to)),
    // Only the first segment answers these (see parseParts): a stage never holds them.
    getInitialARGs: () => [],
    getEscapeCharacter: () => whole.getEscapeCharacter(),
    getDirectives: () => [],
  };
}

/** The first part: everything before the second stage, directives and global ARGs included. */
function firstView(whole: Dockerfile, to: number): DockerfileAst {
  const view = stageView(whole, 0, to);
  return { ...view, getInitialARGs: () => whole.getInitialARGs(), getDirectives: () => whole.getDirectives() };
}

function inLines<T extends { getRange(): { start: { line: number } } }>(items: T[], from: number, to: number): T[] {
  return items.filter((i) => {
    const line = i.getRange().start.line;
    return line >= from && line < to;
  });
}
