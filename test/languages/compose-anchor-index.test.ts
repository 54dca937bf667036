// compose/tree.ts resolves aliases from the anchor index the fast YAML path records (yaml/parser.ts
// AnchorIndex) and skips the walk that bounds alias expansion when no anchored node holds an alias.
// Both must give exactly what the walks give on the library's documents: the same alias targets,
// the same effective entries, the same alias-bomb reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/engine/text';
import { fastParseYaml } from '../../server/src/yaml/fast-yaml';
import { anchorIndexOf } from '../../server/src/yaml/parser';
import { COMPOSE_FAST, composeYamlLibrary } from '../../server/src/languages/compose/parse';
import { DEFAULT_LIMITS, TreeBuilder, type CNode, type ConvertLimits } from '../../server/src/languages/compose/tree';
import { fmtRange } from '../helpers/lint';

/** A converted tree as plain data: keys, values, merge sources and ranges. */
function shape(n: CNode): unknown {
  if (n.kind === 'scalar') return { v: n.value, r: fmtRange(n.range), t: n.truncated ?? false };
  if (n.kind === 'seq') return n.items.map((i) => shape(i.value));
  return n.entries.map((e) => [e.key, fmtRange(e.keyRange), e.via.map((v) => v.anchor ?? '-'), shape(e.value)]);
}

function both(text: string, limits: ConvertLimits = DEFAULT_LIMITS) {
  const index = new LineIndex(text);
  const fast = fastParseYaml(text, COMPOSE_FAST);
  assert.ok(fast, 'the fast path reads the text');
  assert.ok(anchorIndexOf(fast.docs[0]!), 'the fast path recorded its anchors');
  const lib = composeYamlLibrary(text).docs[0]!;
  assert.equal(anchorIndexOf(lib), undefined);
  const a = new TreeBuilder(fast.docs[0]!, index, limits);
  const b = new TreeBuilder(lib, index, limits);
  return { fast: { root: shape(a.root()!), errors: a.errors.map((e) => `${fmtRange(e.range)} ${e.message}`) }, lib: { root: shape(b.root()!), errors: b.errors.map((e) => `${fmtRange(e.range)} ${e.message}`) } };
}

const ANCHORS = `x-logging: &logging
  logging: {driver: json-file}
x-env: &env
  TZ: UTC
services:
  web:
    <<: *logging
    image: nginx:1.27
    environment:
      <<: *env
      MODE: web
  worker:
    <<: [*logging]
    image: &img busybox:1.36
    environment: *env
  again:
    image: *img
`;

test('anchors and aliases: the same tree from the anchor index as from the walk', () => {
  const { fast, lib } = both(ANCHORS);
  assert.deepEqual(fast, lib);
  assert.deepEqual(fast.errors, []);
});

test('an anchor redefined later: each alias takes the closest one before it', () => {
  const text = 'a: &x 1\nb: *x\nc: &x 2\nd: *x\n';
  const { fast, lib } = both(text);
  assert.deepEqual(fast, lib);
  assert.deepEqual(fast.root, [
    ['a', '1:1-1:2', [], { v: 1, r: '1:7-1:8', t: false }],
    ['b', '2:1-2:2', [], { v: 1, r: '1:7-1:8', t: false }],
    ['c', '3:1-3:2', [], { v: 2, r: '3:7-3:8', t: false }],
    ['d', '4:1-4:2', [], { v: 2, r: '3:7-3:8', t: false }],
  ]);
});

test('an alias bomb (aliases inside anchors) is still bounded by the walk', () => {
  const text = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
  const limits = { ...DEFAULT_LIMITS, maxExpanded: 2_000 };
  const { fast, lib } = both(text, limits);
  assert.deepEqual(fast, lib);
  assert.equal(fast.errors.length, 1);
  assert.match(fast.errors[0]!, /^4:\d+-4:\d+ Alias "\*c" would expand this file past 2,000 values \(an alias bomb\)/);
});

test('flat aliases of a large anchor past the limit: the walk decides, as before', () => {
  const items = Array.from({ length: 40 }, (_, i) => `k${i}: v`).join(', ');
  const text = `big: &big {${items}}\n` + Array.from({ length: 30 }, (_, i) => `u${i}: *big`).join('\n') + '\n';
  const limits = { ...DEFAULT_LIMITS, maxExpanded: 1_000 };
  const { fast, lib } = both(text, limits);
  assert.deepEqual(fast, lib);
  assert.equal(fast.errors.length, 1);
  assert.match(fast.errors[0]!, /Alias "\*big" would expand this file past 1,000 values/);
});
