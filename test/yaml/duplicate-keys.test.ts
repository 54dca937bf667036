// Repeated mapping keys found in one pass (yaml/duplicate-keys.ts) give the errors the `yaml`
// library's own quadratic check gives: same codes, messages, offsets and order, on the fixtures,
// on mutated fixtures (duplicated lines and blocks, broken syntax) and on the odd key forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments, type Document } from 'yaml';
import { addDuplicateKeyErrors } from '../../server/src/yaml/duplicate-keys';
import { yamlNestingOverflow } from '../../server/src/yaml/nesting';
import { mutationFor } from '../fuzz/mutate';
import { fixtureSeeds } from '../fuzz/targets';

const OPTIONS = { prettyErrors: false, version: '1.2', strict: true } as const;

function describe(docs: ReadonlyArray<{ errors: Document['errors'] }>): string[] {
  return docs.flatMap((d, i) => d.errors.map((e) => `${i} ${e.code} ${e.pos[0]}-${e.pos[1]} ${e.message}`));
}

/**
 * Checks one text; returns how many repeated keys it has. The other errors are the library's, in
 * its order; the repeated keys are the library's, in the order of the text, each at the key's first
 * character, where the library points at the whitespace before it in one case (the first key of a
 * mapping that starts on the line after its parent's `&anchor`: the mapping's own offset). Among
 * errors at one offset the library's order depends on when it noticed each; Rampart sorts its
 * diagnostics by range, so that order is not kept.
 */
function check(text: string, label: string): number {
  let library: ReturnType<typeof parseAllDocuments>;
  try {
    library = parseAllDocuments(text, { ...OPTIONS, uniqueKeys: true });
  } catch (err) {
    // The library's parser recurses on some shapes the nesting pre-scan does not count (a line of
    // ` : : : …`): the callers refuse such files as they do deep ones.
    if (err instanceof RangeError) return 0;
    throw err;
  }
  const ours = parseAllDocuments(text, { ...OPTIONS, uniqueKeys: false });
  if (!Array.isArray(library) || !Array.isArray(ours)) return 0; // an empty stream
  for (const d of ours) addDuplicateKeyErrors(d);
  const want = describe(library);
  const got = describe(ours);
  const dup = (e: string) => e.includes(' DUPLICATE_KEY ');
  assert.deepEqual(got.filter((e) => !dup(e)), want.filter((e) => !dup(e)), label);
  const at = (e: string) => Number(/ (\d+)-/.exec(e)![1]);
  const gotDup = got.filter(dup).map(at).sort((a, b) => a - b);
  const wantDup = want.filter(dup).map(at).sort((a, b) => a - b);
  assert.equal(gotDup.length, wantDup.length, `${label}: ${gotDup} for ${wantDup}`);
  gotDup.forEach((g, i) => {
    const w = wantDup[i]!;
    assert.ok(g === w || (w < g && /^\s+$/.test(text.slice(w, g))), `${label}: a repeated key at ${g} for ${w}`);
  });
  // Each repeated key goes before the first error that starts at or after it.
  got.forEach((e, i) => dup(e) && got.slice(0, i).forEach((prior) => assert.ok(at(prior) <= at(e), `${label}: ${e} after ${prior}`)));
  return wantDup.length;
}

test('the key forms: plain, quoted, props, explicit, flow, empty, numbers and booleans', () => {
  const cases: Array<[string, number]> = [
    ['a: 1\na: 2\n', 1],
    ['"a": 1\n\'a\': 2\na: 3\n', 2],
    ['&x a: 1\n&y a: 2\n', 1],
    ['!!str a: 1\n!!str a: 2\n', 1],
    ['{a: 1, a: 2, "a": 3}\n', 2],
    ['? a\n: 1\n? a\n: 2\n', 1],
    ['x:\n  a: 1\n  # c\n  a: 2\ny: {b: 1, b: 2}\n', 2],
    ['[{a: 1, a: 2}, [a: 1, a: 2]]\n', 1],
    [': 1\n: 2\n', 1],
    ['{a, a}\n', 1],
    ['1: x\n01: y\n1.0: z\n', 2],
    ['true: 1\nTrue: 2\n~: 3\nnull: 4\n', 2],
    ['.nan: 1\n.NaN: 2\n', 0],
    ['? {a: 1, a: 2}\n: x\n? [b]\n: y\n? [b]\n: z\n', 1],
    ['a: &m {k: 1}\nb: *m\nb: 2\n', 1],
    ['a: 1\n---\na: 1\na: 2\n', 1],
    ['x: &m\n  k: 1\n  k: 2\ny: &n\n  k: 1\nk: 2\n', 1],
    ['a: [1\na: 2\nb: }\nb: 3\n', 1],
  ];
  for (const [text, dups] of cases) assert.equal(check(text, JSON.stringify(text)), dups, JSON.stringify(text));
});

test('mutated compose and Traefik fixtures give the library errors', () => {
  let withDuplicates = 0;
  for (const language of ['compose', 'traefik'] as const) {
    const seeds = fixtureSeeds(language);
    for (let i = 0; i < 1500; i++) {
      const m = mutationFor(20261123, language, i, seeds);
      if (m.text.length > 20_000) continue; // the library's own check is quadratic
      if (yamlNestingOverflow(m.text) !== undefined) continue; // refused before either parse
      if (check(m.text, `${language} #${i} (${m.steps.join(' + ')})`) > 0) withDuplicates++;
    }
  }
  // The corpus does exercise the check.
  assert.ok(withDuplicates > 100, `${withDuplicates} inputs with repeated keys`);
});
