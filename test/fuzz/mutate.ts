// Deterministic, seeded mutations of a seed text. Input number `i` of a run is a pure function
// of (run seed, language, i), so a failing or hanging input can be rebuilt from its number.
import type { Language } from '../../server/src/engine/types';
import { extrasFor, type Seed } from './targets';

/** mulberry32: small, fast, good enough to pick mutations. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** FNV-1a over a string: a 32-bit seed from (run seed, language, index). */
export function hashSeed(...parts: Array<string | number>): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Inputs never grow past this many UTF-16 units (the pathological tests go bigger). */
export const MAX_INPUT = 400_000;

const ODD_CHARS = [
  '\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\u0085', '\u00a0', '\u00e9', '\u0301', '\u200b', '\u200d', '\u2028', '\u2029', '\u202e', '\ufeff', '\ufffd', '\uffff',
  '\ud83d\ude00', '\ud83d', '\ude00', '\udbff\udfff', '\uff1a', '\uff5b', '\u3000', '\u0130', '\u212a', '\u00df', 'ǅ', '\r', '\n', '\t', '\v', '\f',
];

type Mutator = (text: string, rng: Rng, ctx: MutationContext) => string;

export interface MutationContext {
  language: Language;
  /** Other seeds of the language, for splicing. */
  seeds: readonly Seed[];
}

function at(text: string, rng: Rng): number {
  return rng.int(text.length + 1);
}

function insert(text: string, pos: number, s: string): string {
  return text.slice(0, pos) + s + text.slice(pos);
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** Picks a random length, mostly small, sometimes large. */
function size(rng: Rng, small: number, large: number): number {
  return rng.chance(0.8) ? 1 + rng.int(small) : 1 + rng.int(large);
}

export const MUTATORS: Record<string, Mutator> = {
  flipBits(text, rng) {
    if (text.length === 0) return text;
    const chars = text.split('');
    for (let k = size(rng, 4, 64); k > 0; k--) {
      const i = rng.int(chars.length);
      chars[i] = String.fromCharCode(chars[i]!.charCodeAt(0) ^ (1 << rng.int(rng.chance(0.9) ? 7 : 16)));
    }
    return chars.join('');
  },
  truncate(text, rng) {
    return text.slice(0, at(text, rng));
  },
  deleteRange(text, rng) {
    const s = at(text, rng);
    return text.slice(0, s) + text.slice(s + size(rng, 20, 400));
  },
  duplicateLines(text, rng) {
    const starts = lineStarts(text);
    const a = rng.int(starts.length);
    const b = Math.min(starts.length, a + 1 + rng.int(4));
    const from = starts[a]!;
    const to = b < starts.length ? starts[b]! : text.length;
    const chunk = text.slice(from, to) + (b >= starts.length ? '\n' : '');
    return insert(text, to, chunk.repeat(size(rng, 3, 500)));
  },
  duplicateBlock(text, rng) {
    const s = at(text, rng);
    const e = Math.min(text.length, s + size(rng, 40, 2000));
    return insert(text, e, text.slice(s, e).repeat(size(rng, 3, 50)));
  },
  swapLines(text, rng) {
    const lines = text.split('\n');
    if (lines.length < 2) return text;
    const i = rng.int(lines.length);
    const j = rng.int(lines.length);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  },
  deepNesting(text, rng, ctx) {
    const depth = rng.pick([10, 50, 150, 199, 200, 201, 250, 1000, 5000]);
    const frag = extrasFor(ctx.language).nest(depth);
    const starts = lineStarts(text);
    return insert(text, rng.pick(starts), frag);
  },
  longLine(text, rng, ctx) {
    const unit = rng.chance(0.5) ? rng.pick(extrasFor(ctx.language).dictionary) : rng.pick(['a', ' ', '\t', '$', '{', '"', '#', '\\', 'x=', '*', '0', ':', '-', '/', '${a-']);
    const n = rng.pick([100, 1000, 10_000, 60_000]);
    return insert(text, at(text, rng), unit.repeat(Math.max(1, Math.floor(n / Math.max(1, unit.length)))));
  },
  lineEndings(text, rng) {
    switch (rng.int(4)) {
      case 0:
        return text.replace(/\r?\n/g, '\r\n');
      case 1:
        return text.replace(/\r?\n/g, '\r');
      case 2:
        return text.replace(/\n/g, () => rng.pick(['\n', '\r\n', '\r', '\n\r']));
      default:
        return text.replace(/\r?\n$/, '');
    }
  },
  bom(text, rng) {
    return rng.chance(0.7) ? '\ufeff' + text : insert(text, at(text, rng), '\ufeff');
  },
  tabs(text, rng) {
    return rng.chance(0.5) ? text.replace(/^( {2}|\t)/gm, () => rng.pick(['\t', ' \t', '\t ', '    '])) : text.replace(/ /g, () => (rng.chance(0.3) ? '\t' : ' '));
  },
  nonAscii(text, rng) {
    let out = text;
    for (let k = size(rng, 4, 40); k > 0; k--) out = insert(out, at(out, rng), rng.pick(ODD_CHARS));
    return out;
  },
  randomChars(text, rng) {
    let s = '';
    for (let k = size(rng, 16, 512); k > 0; k--) s += String.fromCharCode(rng.chance(0.7) ? rng.int(128) : rng.int(0x10000));
    return insert(text, at(text, rng), s);
  },
  dictionary(text, rng, ctx) {
    const dict = extrasFor(ctx.language).dictionary;
    let out = text;
    for (let k = size(rng, 4, 30); k > 0; k--) {
      const tok = rng.pick(dict);
      // Half at a line start, where directives and keys begin.
      const pos = rng.chance(0.5) ? rng.pick(lineStarts(out)) : at(out, rng);
      out = insert(out, pos, tok);
    }
    return out;
  },
  splice(text, rng, ctx) {
    if (ctx.seeds.length === 0) return text;
    const other = rng.pick(ctx.seeds).text;
    const s = at(other, rng);
    return insert(text, at(text, rng), other.slice(s, s + size(rng, 200, 3000)));
  },
  indentShift(text, rng) {
    const starts = lineStarts(text);
    const a = rng.int(starts.length);
    const lines = text.split('\n');
    const pad = rng.pick(['', ' ', '  ', '    ', '\t']);
    const drop = rng.chance(0.5);
    for (let i = a; i < Math.min(lines.length, a + 1 + rng.int(20)); i++) lines[i] = drop ? lines[i]!.replace(/^\s{1,2}/, '') : pad + lines[i];
    return lines.join('\n');
  },
};

const NAMES = Object.keys(MUTATORS);

export interface Mutation {
  seed: Seed;
  text: string;
  /** Names of the mutators applied, in order. */
  steps: string[];
}

/** Input number `index` of a run: a seed and a stack of one to five mutations. */
export function mutationFor(runSeed: number, language: Language, index: number, seeds: readonly Seed[]): Mutation {
  const rng = new Rng(hashSeed(runSeed, language, index));
  const seed = rng.pick(seeds);
  let text = seed.text;
  const steps: string[] = [];
  const n = 1 + rng.int(rng.chance(0.7) ? 2 : 5);
  for (let k = 0; k < n; k++) {
    const name = rng.pick(NAMES);
    text = MUTATORS[name]!(text, rng, { language, seeds });
    if (text.length > MAX_INPUT) text = text.slice(0, MAX_INPUT);
    steps.push(name);
  }
  return { seed, text, steps };
}
