// dockerfile-ast builds every range it hands out with `Range.create(start, end)` from two
// positions. That call first tests whether its arguments are four numbers, then whether they
// are two positions, each test an `Object.prototype.toString` call: seven per range, about 4%
// of a Dockerfile lint (profiled over thousands of generated files). A fast path answers the
// two-positions case with plain property checks and falls back to the original for anything
// else, so every result (and every error) is the same as before.
// Required, not imported: the patch must reach the module object dockerfile-ast's own require()
// gets (the package's CommonJS build); an import would get its ESM build, a second copy.
import types = require('vscode-languageserver-types');

const { Range } = types;

const MAX = 2147483647;
let installed = false;

function isPosition(p: unknown): p is { line: number; character: number } {
  if (typeof p !== 'object' || p === null) return false;
  const { line, character } = p as { line: unknown; character: unknown };
  return typeof line === 'number' && typeof character === 'number' && line >= 0 && line <= MAX && character >= 0 && character <= MAX;
}

export function fastRangeCreate(): void {
  if (installed) return;
  installed = true;
  const ns = Range as unknown as { create: (...args: unknown[]) => unknown };
  const original = ns.create;
  if (typeof original !== 'function') return;
  ns.create = function (one: unknown, two: unknown, three?: unknown, four?: unknown) {
    // Position.is: an object whose line and character are unsigned 32-bit-range numbers. A
    // boxed Number also passes the original's test: such rare inputs take the original path.
    if (three === undefined && four === undefined && isPosition(one) && isPosition(two)) return { start: one, end: two };
    return original(one, two, three, four);
  };
}
