// Regular expressions written in the linted files (nginx `location ~ …`, `server_name ~…`) run
// inside the linter on strings the rules choose. JavaScript's engine backtracks, so a hostile or
// careless pattern can take exponential time (`(a+)+$`, `(a|a)*$`) or a high polynomial one
// (`.*.*.*.*.*x`), and a linter must not hang on a file. So:
//   - a pattern is compiled only when its shape cannot backtrack exponentially: no repeated group
//     that itself contains a repetition or an alternation, no backreference, bounded length;
//   - it runs only when subject length ^ (number of unbounded repetitions) stays under a budget,
//     which bounds the polynomial cases.
// A pattern refused either way is treated like one JavaScript cannot express (PCRE-only syntax):
// the rule does not know whether it matches.
import { RecentCache } from './recent-cache';

const MAX_SOURCE = 1000;
/** Backtracking steps allowed, roughly: subject length ^ unbounded repetitions. */
const BUDGET = 1e7;

interface Shape {
  /** Unbounded or large repetitions (`*`, `+`, `{n,}`, `{n,m}` with m > 8). */
  repeats: number;
  /** A repeated group holds a repetition or an alternation, or a backreference exists. */
  exponential: boolean;
}

const shapes = new WeakMap<RegExp, Shape>();

/** Reads a quantifier at `i`; returns its length and whether it repeats (more than once). */
function quantifierAt(source: string, i: number): { length: number; repeats: boolean; unbounded: boolean } | undefined {
  const c = source[i];
  let length = 0;
  let repeats = false;
  let unbounded = false;
  if (c === '*' || c === '+') {
    length = 1;
    repeats = true;
    unbounded = true;
  } else if (c === '?') {
    length = 1;
  } else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
    if (!m) return undefined;
    length = m[0].length;
    const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
    repeats = max > 1;
    unbounded = max > 8;
  } else return undefined;
  if (source[i + length] === '?') length++; // lazy
  return { length, repeats, unbounded };
}

export function regexShape(source: string): Shape {
  let repeats = 0;
  let exponential = false;
  // Per open group: does it contain a repetition or an alternation (at any depth)?
  const stack: boolean[] = [];
  let lastGroupRisky = false;
  let lastWasGroup = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    let atomEnd = i;
    let isGroupEnd = false;
    if (c === '\\') {
      const d = source[i + 1] ?? '';
      if (/[1-9]/.test(d) || (d === 'k' && source[i + 2] === '<')) exponential = true;
      atomEnd = i + 1;
    } else if (c === '[') {
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      atomEnd = j;
    } else if (c === '(') {
      stack.push(false);
      lastWasGroup = false;
      continue;
    } else if (c === ')') {
      const risky = stack.pop() ?? false;
      if (stack.length > 0 && risky) stack[stack.length - 1] = true;
      lastGroupRisky = risky;
      isGroupEnd = true;
    } else if (c === '|') {
      if (stack.length > 0) stack[stack.length - 1] = true;
      lastWasGroup = false;
      continue;
    }
    const q = quantifierAt(source, atomEnd + 1);
    if (q) {
      if (q.unbounded) repeats++;
      if (q.repeats) {
        if (isGroupEnd && lastGroupRisky) exponential = true;
        if (stack.length > 0) stack[stack.length - 1] = true;
      }
      i = atomEnd + q.length;
    } else i = atomEnd;
    lastWasGroup = isGroupEnd;
  }
  void lastWasGroup;
  return { repeats, exponential };
}

const COMPILED_CAPACITY = 1000;
/** Compiled patterns by flags and source (undefined: refused), least recently used first. */
// A RecentCache, not a Map re-set on every hit: see engine/recent-cache.ts.
const compiled = new RecentCache<RegExp | undefined>(() => COMPILED_CAPACITY);

/**
 * Compiles a regex from a linted file, or undefined when it is invalid for JavaScript, too long,
 * or shaped for exponential backtracking.
 */
export function compileUserRegex(source: string, flags = ''): RegExp | undefined {
  if (source.length > MAX_SOURCE) return undefined;
  // Rules ask for the same patterns on every lint (each location regex, on every keystroke in
  // the server), and compiling plus the shape check was a visible part of an nginx lint. A RegExp
  // without the g or y flag keeps no state between test() calls, so one object can be shared.
  const stateless = !flags.includes('g') && !flags.includes('y');
  const key = `${flags}/${source}`;
  if (stateless && compiled.has(key)) {
    compiled.touch(key);
    return compiled.get(key);
  }
  const re = compileFresh(source, flags);
  if (stateless) compiled.set(key, re);
  return re;
}

function compileFresh(source: string, flags: string): RegExp | undefined {
  const shape = regexShape(source);
  if (shape.exponential) return undefined;
  let re: RegExp;
  try {
    re = new RegExp(source, flags);
  } catch {
    return undefined;
  }
  shapes.set(re, shape);
  return re;
}

/**
 * `re.test(subject)` for a regex from compileUserRegex, or undefined when the subject is long
 * enough for the pattern's repetitions to make matching costly (then nobody knows the answer).
 */
export function testUserRegex(re: RegExp, subject: string): boolean | undefined {
  const shape = shapes.get(re) ?? regexShape(re.source);
  if (shape.exponential) return undefined;
  if (shape.repeats > 0 && Math.pow(Math.max(2, subject.length), shape.repeats) > BUDGET) return undefined;
  re.lastIndex = 0;
  return re.test(subject);
}
