// Random YAML documents built from the constructs the fast path reads (and some it must refuse):
// nested block mappings and sequences at varied indentation, compact `- key: v`, scalars of every
// core-schema type, quoted scalars with escapes, flow collections over several lines, anchors,
// aliases, tags, block scalars, blank and comment lines at every indentation, `---`, CRLF.
// Mutating real files mostly breaks them; these stay close enough to valid YAML that the range
// rules for comments and trailing lines get exercised.
import { Rng } from '../fuzz/mutate';

const SCALARS = [
  'a', 'b c', '1', '0x1F', '0o17', '-2', '+3', '1.5', '1e3', '.inf', '-.inf', '.nan', 'true', 'False', 'null', '~', 'Null', 'nul', '"q"', "'s'", "'it''s'",
  '"e\\n\\t\\u00e9"', 'http://x:80/y', 'a#b', 'x: y', '*a1', '&a1 v', '!!str 5', '!reset x', '[1, 2]', '{k: v, k2: [a, b]}', '[]', '{}', 'a:b', '-1', '--flag',
  '"a" ', 'é😀', '<<', '"<<"', '[a, {b: c}]', '[ a , b ]', '{ a : 1 }', '[\n  a,\n  "b"\n]', '[ "a" # c\n   , b , # d\n   {x: 1,\n  y: [2, 3] }\n  ]',
  '{\n  a: 1,\n  b: [x, y] # c\n}', '[ [a] , [b]\n ]', '{"j": 1}', '{a: "b" , c: *a1}', '[&z q, *z]', '*m0',
];
const KEYS = ['k', 'key two', '"quoted"', "'sq'", '1', 'true', '<<', 'a.b', 'x-y', 'null'];
const HEADERS = ['|', '>', '|-', '>-', '|+', '>2'];

export function structuredYaml(seed: number): string {
  const rng = new Rng(seed);
  const out: string[] = [];
  const empties = (base: number) => {
    while (rng.chance(0.3)) {
      const r = rng.next();
      if (r < 0.4) out.push('');
      else if (r < 0.5) out.push(' '.repeat(rng.int(4)));
      else out.push(' '.repeat(Math.max(0, base + rng.int(7) - 3)) + '# e');
    }
  };
  const kind = (depth: number): 'map' | 'seq' | undefined => {
    const r = rng.next();
    if (depth > 3 || r < 0.3) return undefined;
    return r < 0.65 ? 'map' : 'seq';
  };
  const map = (ind: number, depth: number, firstPrefix?: string) => {
    const n = 1 + rng.int(4);
    for (let i = 0; i < n; i++) {
      const pre = i === 0 && firstPrefix !== undefined ? firstPrefix : ' '.repeat(ind);
      const key = rng.pick(KEYS) + (i ? String(i) : '');
      const k = kind(depth);
      const tail = rng.chance(0.2) ? '   # t' : '';
      if (!k && rng.chance(0.2)) {
        out.push(`${pre}${key}: ${rng.pick(HEADERS)}${rng.chance(0.2) ? ' # h' : ''}`);
        const bi = ind + rng.pick([1, 2, 2, 4]);
        for (let j = 1 + rng.int(5); j > 0; j--) {
          const r = rng.next();
          if (r < 0.15) out.push('');
          else if (r < 0.25) out.push(' '.repeat(bi + 2) + `more ${j}`);
          else if (r < 0.3) out.push(' '.repeat(bi) + '# not a comment');
          else out.push(' '.repeat(bi) + `line ${j}${rng.chance(0.2) ? '  ' : ''}`);
        }
      } else if (!k) {
        out.push(`${pre}${key}:${rng.chance(0.1) ? '' : ' ' + rng.pick(SCALARS)}${tail}`);
      } else {
        const props = rng.chance(0.2) ? ` &m${depth}` : rng.chance(0.1) ? ' !reset' : '';
        out.push(`${pre}${key}:${props}${tail}`);
        empties(ind);
        const step = rng.pick([2, 2, 4, 1]);
        if (k === 'map') map(ind + step, depth + 1);
        else seq(rng.chance(0.4) ? ind : ind + step, depth + 1);
      }
      empties(ind);
    }
  };
  const seq = (ind: number, depth: number) => {
    for (let i = 1 + rng.int(4); i > 0; i--) {
      const k = kind(depth);
      const pre = ' '.repeat(ind) + '-' + (rng.chance(0.8) ? ' ' : '   ');
      if (!k) out.push(pre + rng.pick(SCALARS) + (rng.chance(0.2) ? ' # t' : ''));
      else if (k === 'map') map(pre.length, depth + 1, pre);
      else {
        out.push(' '.repeat(ind) + '-');
        seq(ind + 2, depth + 1);
      }
      empties(ind);
    }
  };
  empties(0);
  if (rng.chance(0.1)) out.push('---');
  if (rng.chance(0.85)) map(0, 0);
  else seq(0, 0);
  if (rng.chance(0.15)) {
    out.push('---');
    map(0, 1);
  }
  empties(0);
  let text = out.join('\n') + (rng.chance(0.8) ? '\n' : '');
  if (rng.chance(0.15)) text = text.replace(/\n/g, '\r\n');
  return text;
}
