// dockerfile-ast recomputes an instruction's arguments (and keyword) from its text on every
// call, and the parser itself asks about six times per instruction (heredocs, flags, JSON
// form …), which made parsing the slowest part of a lint (about 60% of it). Instructions are
// immutable once built, so the arguments are computed once per instance and handed out as fresh
// arrays (callers such as ModifiableInstruction.getArguments mutate what they get).
import { Instruction, type Heredoc } from 'dockerfile-ast';

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

/**
 * `ins.getHeredocs()`, without its scan of the instruction's whole text when no argument starts
 * with `<<`. dockerfile-ast only ever makes a heredoc of such an argument (on one line and on
 * several alike), and most RUN and COPY instructions have none: the scan was about 3% of a lint.
 */
export function heredocsOf(ins: { getArguments(): Array<{ getValue(): string }>; getHeredocs?(): Heredoc[] }): Heredoc[] {
  if (typeof ins.getHeredocs !== 'function') return [];
  if (!ins.getArguments().some((a) => a.getValue().startsWith('<<'))) return [];
  return ins.getHeredocs();
}
