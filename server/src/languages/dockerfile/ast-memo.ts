// dockerfile-ast recomputes an instruction's arguments (and keyword) from its text on every
// call, and the parser itself asks about six times per instruction (heredocs, flags, JSON
// form …), which made parsing the slowest part of a lint (about 60% of it). Instructions are
// immutable once built, so the arguments are computed once per instance and handed out as fresh
// arrays (callers such as ModifiableInstruction.getArguments mutate what they get).
import { Instruction, type Heredoc } from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser';
import { Dockerfile as DockerfileClass } from 'dockerfile-ast/lib/dockerfile';
import { comparePositions } from '../../engine/text';
import type { Position, Range } from '../../engine/types';

const KEY = Symbol('rampart.rawArguments');
const KEYWORD = Symbol('rampart.keyword');
let installed = false;

export function memoizeInstructionArguments(): void {
  if (installed) return;
  installed = true;
  const proto = Instruction.prototype as unknown as { getRawArguments?: () => unknown[]; getKeyword?: () => string };
  // getKeyword upper-cases the instruction's text on every call, and the model and most rules
  // ask every instruction for it on every lint: a string, immutable, computed once.
  const keyword = proto.getKeyword;
  if (typeof keyword === 'function') {
    proto.getKeyword = function (this: { [KEYWORD]?: string }) {
      return (this[KEYWORD] ??= keyword.call(this));
    };
  }
  const original = proto.getRawArguments;
  if (typeof original !== 'function') return;
  proto.getRawArguments = function (this: { [KEY]?: unknown[] }) {
    let cached = this[KEY];
    if (!cached) {
      cached = original.call(this);
      this[KEY] = cached;
    }
    return cached.slice();
  };
}

/** The longest `<<…` argument read as a heredoc (see heredocsOf). */
export const MAX_HEREDOC_ARGUMENT = 256;

/**
 * `ins.getHeredocs()`, without its scan of the instruction's whole text when no argument starts
 * with `<<`. dockerfile-ast only ever makes a heredoc of such an argument (on one line and on
 * several alike), and most RUN and COPY instructions have none: the scan was about 3% of a lint.
 */
export function heredocsOf(ins: { getArguments(): Array<{ getValue(): string }>; getHeredocs?(): Heredoc[] }): Heredoc[] {
  if (typeof ins.getHeredocs !== 'function') return [];
  let marked = false;
  for (const a of ins.getArguments()) {
    const v = a.getValue();
    if (!v.startsWith('<<')) continue;
    // dockerfile-ast reads a heredoc's name by scanning, for every escape character in the
    // `<<…` argument, to the end of the text: quadratic, 11 s for a 60,000-character argument of
    // backslashes (found by `npm run fuzz`). A real name is a word (`<<EOF`, `<<-"EOT"`): an
    // instruction with a `<<` argument longer than this is read without heredocs.
    if (v.length > MAX_HEREDOC_ARGUMENT) return [];
    marked = true;
  }
  if (!marked) return [];
  try {
    return ins.getHeredocs();
  } catch {
    // dockerfile-ast 0.7 throws on some broken heredocs (`RUN <<EOF` then `\;EOF`, found by the
    // fuzzer): the instruction is then read without heredocs rather than losing the whole file.
    return [];
  }
}

/**
 * The longest line dockerfile-ast's parser-directive scan is shown. Real directives
 * (`# syntax=docker/dockerfile:1.7@sha256:…`, `# check=skip=…`) are a few hundred characters.
 */
export const MAX_DIRECTIVE_LINE = 1024;
let directiveScanBounded = false;

/**
 * dockerfile-ast looks for parser directives (`# escape=…`) in the leading comment lines, and
 * its scan restarts from every character of a line that is not ended by a line break nor holds
 * a `=`, and rescans a line to its end for every `=` in it: a 60 KB one-line file of `#` took 9 s
 * to parse (found by `npm run fuzz`). The scan is shown the text only up to the first line of the
 * leading `#…=…` lines that is longer than MAX_DIRECTIVE_LINE: that line counts as no directive
 * (the parser then reads it as a comment), every shorter line is scanned as before.
 */
export function boundDirectiveScan(): void {
  if (directiveScanBounded) return;
  directiveScanBounded = true;
  const proto = Parser.prototype as unknown as { getParserDirectives?: (document: unknown, buffer: string) => unknown[] };
  const original = proto.getParserDirectives;
  if (typeof original !== 'function') return;
  proto.getParserDirectives = function (this: unknown, document: unknown, buffer: string) {
    return original.call(this, document, directiveRegion(buffer));
  };
}

/** `buffer` cut before the first over-long line among its leading `#…=…` lines (unchanged if none). */
export function directiveRegion(buffer: string): string {
  let start = 0;
  while (start < buffer.length) {
    let end = start;
    while (end < buffer.length && buffer.charCodeAt(end) !== 10 && buffer.charCodeAt(end) !== 13) end++;
    if (end - start > MAX_DIRECTIVE_LINE) return buffer.slice(0, start);
    const line = buffer.slice(start, end).trimStart();
    // The scan stops at the first line that is no directive: nothing after it is read.
    if (!line.startsWith('#') || !line.includes('=')) return buffer;
    start = end + (buffer.charCodeAt(end) === 13 && buffer.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return buffer;
}

interface StageLike {
  getRange(): Range | null;
  addComment(comment: unknown): void;
}
/** The parts of dockerfile-ast's Dockerfile that organizeComments reads (private in its types). */
interface DockerfileInternals {
  getComments(): Array<{ getRange(): Range }>;
  initialInstructions: StageLike;
  buildStages: StageLike[];
}

/** dockerfile-ast's Util.isInsideRange: both ends inclusive. */
function inside(p: Position, r: Range): boolean {
  return comparePositions(p, r.start) >= 0 && comparePositions(p, r.end) <= 0;
}

let commentsOrganized = false;

/**
 * dockerfile-ast hands each comment to the build stage that contains it by testing every stage,
 * and works each stage's range out again for every test: comments × stages. A 134 KB file of
 * alternating `FROM` and comment lines took 0.45 s, and a 1 MB one would take minutes (found by
 * `npm run fuzz`). The stages follow one another without overlapping (each is a run of consecutive
 * instructions), so the one stage that can contain a comment is the last one starting at or
 * before it: a binary search over ranges computed once. Comments go to the same stages, in the
 * same order. Stages that do not follow one another (never seen) get the library's own loop.
 */
export function organizeCommentsByStage(): void {
  if (commentsOrganized) return;
  commentsOrganized = true;
  const proto = DockerfileClass.prototype as unknown as { organizeComments?: () => void };
  const original = proto.organizeComments;
  if (typeof original !== 'function') return;
  proto.organizeComments = function (this: DockerfileInternals) {
    const stages = this.buildStages;
    const ranges: Range[] = [];
    for (const stage of stages) {
      const r = stage.getRange();
      if (!r || (ranges.length > 0 && comparePositions(ranges[ranges.length - 1]!.end, r.start) >= 0)) return original.call(this);
      ranges.push(r);
    }
    const initial = this.initialInstructions.getRange();
    for (const comment of this.getComments()) {
      const r = comment.getRange();
      if (initial && inside(r.end, initial)) {
        this.initialInstructions.addComment(comment);
        continue;
      }
      let lo = 0;
      let hi = ranges.length - 1;
      let k = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (comparePositions(r.start, ranges[mid]!.start) < 0) hi = mid - 1;
        else {
          k = mid;
          lo = mid + 1;
        }
      }
      if (k >= 0 && inside(r.start, ranges[k]!)) stages[k]!.addComment(comment);
    }
  };
}
