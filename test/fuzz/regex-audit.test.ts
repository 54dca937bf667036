// Every regular expression in server/src meets adversarial strings in `npm test`: the attack
// shapes of the regex audit (prefix + pump×n + suffix, built from a string the regex matches),
// at a length where exponential backtracking would not finish. No timing is asserted (timed
// assertions flake on shared machines): a catastrophic regex makes this test hang until the
// runner's timeout, which fails it; `npm run fuzz` adds the timed growth check at larger n.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { attacks, attackString, sampleOf, type Attack } from './regex-audit';
import { regexSites, type RegexSite } from './regex-source';

const ROOT = join(__dirname, '..', '..', '..');
const N = 2000;
/** Attacks per regex: an even spread over the audit's shapes (all of them would take minutes). */
const PER_REGEX = 48;

function spread(all: Attack[], count: number): Attack[] {
  if (all.length <= count) return all;
  const step = all.length / count;
  return Array.from({ length: count }, (_, k) => all[Math.floor(k * step)]!);
}

function exercise(site: RegexSite): number {
  const re = site.regex!;
  const sample = sampleOf(re.source, re.flags);
  // The sample itself first (the common case must match as the code expects), then attacks.
  const chosen = spread(attacks(sample), PER_REGEX);
  let runs = 0;
  for (const a of chosen) {
    const s = attackString(a, N);
    const r = new RegExp(re.source, re.flags);
    if (r.global || r.sticky) {
      let guard = 0;
      for (let m = r.exec(s); m && guard < 10_000; m = r.exec(s), guard++) if (m[0] === '') r.lastIndex++;
    } else r.test(s);
    runs++;
  }
  return runs;
}

describe('regular expressions under server/src', () => {
  const sites = regexSites(ROOT);

  it('are all found and compile (the audit sees the whole code base)', () => {
    assert.ok(sites.length > 200, `only ${sites.length} regex sites found: the scanner lost track`);
    const literals = sites.filter((s) => s.text.startsWith('/'));
    const broken = literals.filter((s) => s.regex === undefined).map((s) => `${s.file}:${s.line} ${s.text}`);
    assert.deepEqual(broken, []);
  });

  it('that are superlinear alone carry a reviewer note saying what bounds their input', () => {
    const thin = sites.filter((s) => s.note !== undefined && s.note.length < 15).map((s) => `${s.file}:${s.line}`);
    assert.deepEqual(thin, []);
  });

  it(`finish on the audit's attack strings of ${N} characters (a catastrophic one would hang here)`, { timeout: 600_000 }, () => {
    const seen = new Set<string>();
    let runs = 0;
    for (const site of sites) {
      if (!site.regex || site.note !== undefined || seen.has(site.text)) continue;
      seen.add(site.text);
      runs += exercise(site);
    }
    assert.ok(seen.size > 150, `only ${seen.size} distinct regexes exercised`);
    assert.ok(runs >= seen.size, 'every regex met at least one attack string');
  });
});
