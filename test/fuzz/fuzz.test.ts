// The fuzz properties in `npm test`, deterministic: a fixed seed and a fixed number of mutated
// inputs per language, then every saved regression input (test/fuzz/regressions/<language>/).
// Nothing here measures time: a hang shows as the test runner's own timeout, never as a flaky
// assertion. `npm run fuzz` is the open-ended, time-bounded search that finds new inputs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { mutationFor } from './mutate';
import { checkInput } from './properties';
import { fixtureSeeds, fuzzLanguages, regressionSeeds } from './targets';
import { repoRoot } from '../helpers/paths';

const SEED = 20240611;
const INPUTS_PER_LANGUAGE = 100;

for (const language of fuzzLanguages()) {
  describe(`fuzz ${language}`, () => {
    const seeds = fixtureSeeds(language);
    const regressions = regressionSeeds(language);

    it('has fixtures to start from (every registered language is fuzzed)', () => {
      assert.ok(seeds.length > 0, `no fixtures under test/fixtures/${language}`);
    });

    it(`replays the ${regressions.length} saved regression inputs`, () => {
      for (const s of regressions) {
        const r = checkInput(s.text, { language, path: s.path, fixAll: true });
        assert.deepEqual(r.failures.map((f) => f.detail), [], relative(repoRoot(), s.path));
      }
    });

    it(`holds the properties on ${INPUTS_PER_LANGUAGE} mutated inputs (seed ${SEED})`, () => {
      const all = [...seeds, ...regressions];
      for (let i = 0; i < INPUTS_PER_LANGUAGE; i++) {
        const m = mutationFor(SEED, language, i, all);
        const r = checkInput(m.text, { language, path: m.seed.path, fixAll: i % 4 === 0 });
        assert.deepEqual(
          r.failures.map((f) => f.detail),
          [],
          `input #${i} (${m.steps.join(' + ')} on ${relative(repoRoot(), m.seed.path)}); rebuild it with mutationFor(${SEED}, '${language}', ${i}, seeds)`,
        );
      }
    });
  });
}
