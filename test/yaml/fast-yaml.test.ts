// The fast YAML path (server/src/yaml/) against the `yaml` library: on every YAML file of the
// repository, the benchmark's generated files and a few thousand seeded mutations of them, a
// fast-path answer must equal the library's (trees, comments, alias flag), and the fast path
// must keep answering for the files it was built for (a regression to "always bail" fails here).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mutationFor } from '../fuzz/mutate';
import type { Seed } from '../fuzz/targets';
import type { Language } from '../../server/src/engine/types';
import { differential, generatedYamlFiles, repoYamlFiles, type Flavor, type YamlFile } from './differential';
import { fastParseYaml } from '../../server/src/yaml/fast-yaml';
import { COMPOSE_FAST } from '../../server/src/languages/compose/parse';
import { structuredYaml } from './structured';

const SEED = 20261122;
const MUTATIONS = 3000;
/** Mutated inputs past this size are skipped: they cost seconds in the library and add little. */
const MAX_MUTATED = 60_000;
const STRUCTURED = 1500;

function check(f: YamlFile, flavor: Flavor): boolean {
  const r = differential(f.text, flavor);
  assert.equal(r.mismatch, undefined, `${f.name} (${flavor}): ${r.mismatch}`);
  return r.taken;
}

describe('fast YAML path', () => {
  const repo = repoYamlFiles();
  const generated = generatedYamlFiles();

  it('equals the library on every YAML file of the repository, read both ways', () => {
    assert.ok(repo.length > 100, 'the fixtures are found');
    for (const f of repo) for (const flavor of ['compose', 'traefik'] as const) check(f, flavor);
  });

  it('takes the fast path for the fixtures it supports', () => {
    // Files outside the subset: multi-line plain scalars, templates, syntax errors (the fuzz
    // regressions). Everything else is read by the fast path.
    const ordinary = repo.filter((f) => !/regressions|template/.test(f.name));
    const taken = ordinary.filter((f) => check(f, f.flavor));
    const share = taken.length / ordinary.length;
    assert.ok(share >= 0.98, `fast path taken for ${taken.length} of ${ordinary.length} fixture files`);
  });

  it('takes the fast path for every generated benchmark file, equal to the library', () => {
    for (const f of generated) assert.ok(check(f, f.flavor), `${f.name} bailed`);
  });

  it(`equals the library on ${MUTATIONS} mutated inputs (seed ${SEED})`, () => {
    const seeds = (flavor: Flavor): Seed[] =>
      [...repo, ...generated.filter((g) => g.text.length < 5000)].filter((f) => f.flavor === flavor).map((f) => ({ path: f.name, text: f.text }));
    const bySeed = { compose: seeds('compose'), traefik: seeds('traefik') };
    let taken = 0;
    for (let i = 0; i < MUTATIONS; i++) {
      const flavor: Flavor = i % 3 === 2 ? 'traefik' : 'compose';
      const m = mutationFor(SEED, flavor as Language, i, bySeed[flavor]);
      if (m.text.length > MAX_MUTATED) continue;
      const r = differential(m.text, flavor);
      assert.equal(r.mismatch, undefined, `mutation #${i} (${m.steps.join(' + ')} on ${m.seed.path}): ${r.mismatch}`);
      if (r.taken) taken++;
    }
    // Mutations mostly break the YAML; enough of them must still be read fast for this to test it.
    assert.ok(taken > MUTATIONS / 10, `fast path taken for ${taken} mutations`);
  });

  it(`equals the library on ${STRUCTURED} generated documents read both ways (seed ${SEED})`, () => {
    let taken = 0;
    for (let i = 0; i < STRUCTURED; i++) {
      const text = structuredYaml(SEED + i);
      for (const flavor of ['compose', 'traefik'] as const) {
        const r = differential(text, flavor);
        assert.equal(r.mismatch, undefined, `structured document ${SEED + i} (${flavor}): ${r.mismatch}\n${JSON.stringify(text)}`);
        if (r.taken) taken++;
      }
    }
    assert.ok(taken > STRUCTURED / 10, `fast path taken for ${taken} generated documents`);
  });

  it('bails on hostile nesting and stays linear on long lines', () => {
    assert.equal(fastParseYaml('a: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n', COMPOSE_FAST), undefined);
    let deep = '';
    for (let i = 0; i < 300; i++) deep += ' '.repeat(i) + 'a:\n';
    assert.equal(fastParseYaml(deep + ' '.repeat(300) + 'b: 1\n', COMPOSE_FAST), undefined);
    const long = 'a: ' + 'x'.repeat(2_000_000) + '\n';
    const t0 = Date.now();
    assert.ok(fastParseYaml(long, COMPOSE_FAST));
    assert.ok(Date.now() - t0 < 1000);
  });
});
