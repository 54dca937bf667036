// Every regular expression in server/src meets adversarial strings in `npm test`: the attack
// shapes of the regex audit (prefix + pump×n + suffix, built from a string the regex matches),
// at a length where exponential backtracking would not finish. No timing is asserted (timed
// assertions flake on shared machines): a catastrophic regex makes this test hang until the
// runner's timeout, which fails it; `npm run fuzz` adds the timed growth check at larger n.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { attacks, attackString, sampleOf, type Attack } from './regex-audit';
import { shapeOf } from '../../server/src/languages/traefik/detect';
import { detectIndent } from '../../server/src/languages/traefik/parse';
import { withoutTemplates } from '../../server/src/languages/traefik/templates';
import { dockerfileImages } from '../../server/src/engine/image-refs';
import { trimTrailingSlashes } from '../../server/src/engine/posix-path';
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

/**
 * The attack strings with which the timed audit (`npm run fuzz -- --regex-audit`) caught the
 * regexes of these files growing faster than linear (issue #8), at the length that stalled:
 * the table header of traefik/detect.ts was cubic (20 s at 4,000 characters, some 20 minutes at
 * 16,000), the others quadratic. Every regex of each file meets them here, so a regression is at
 * least run (a cubic one hangs this test until the runner's timeout); nothing is timed. The
 * `/\/+$/` of eleven sites became trimTrailingSlashes, tested below on its attack (`/`×n + `!`).
 */
const PINNED: Array<{ file: string; attacks: Attack[] }> = [
  { file: 'server/src/languages/traefik/detect.ts', attacks: [{ prefix: '[', unit: ' ', suffix: '!' }, { prefix: '[', unit: '\t', suffix: '\n' }, { prefix: '[a', unit: ' ', suffix: '\u0001' }] },
  { file: 'server/src/languages/traefik/edits.ts', attacks: [{ prefix: ' [a] ', unit: ' ', suffix: '\u0001' }] },
  { file: 'server/src/languages/traefik/parse.ts', attacks: [{ prefix: 'aa', unit: ': #a', suffix: '\n' }] },
  { file: 'server/src/languages/traefik/templates.ts', attacks: [{ prefix: '', unit: '{', suffix: '!' }] },
  { file: 'server/src/languages/nginx/hover.ts', attacks: [{ prefix: '\n', unit: '\t', suffix: '!' }] },
  { file: 'server/src/engine/image-refs.ts', attacks: [{ prefix: '${AA:-', unit: '${AA:-', suffix: '!' }] },
];
const PINNED_N = 16_000;

function run(re: RegExp, s: string): void {
  const r = new RegExp(re.source, re.flags);
  if (r.global || r.sticky) {
    let guard = 0;
    for (let m = r.exec(s); m && guard < 10_000; m = r.exec(s), guard++) if (m[0] === '') r.lastIndex++;
  } else r.test(s);
}

function exercise(site: RegexSite): number {
  const re = site.regex!;
  const sample = sampleOf(re.source, re.flags);
  // The sample itself first (the common case must match as the code expects), then attacks.
  const chosen = spread(attacks(sample), PER_REGEX);
  let runs = 0;
  for (const a of chosen) {
    run(re, attackString(a, N));
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

  it(`finish on the attack strings that caught superlinear ones (issue #8), at ${PINNED_N} characters`, { timeout: 600_000 }, () => {
    for (const { file, attacks: shapes } of PINNED) {
      const here = sites.filter((s) => s.file === file && s.regex && s.note === undefined);
      assert.ok(here.length > 0, `no literal regex left in ${file}: move its pinned attacks`);
      for (const site of here) for (const a of shapes) run(site.regex!, attackString(a, PINNED_N));
    }
  });
});

// The regexes replaced by scans or cut inputs (issue #8), on the strings that made the old ones
// slow: same answers as the old regexes (checked against them on random texts when written).
describe('replacements of superlinear regexes', () => {
  const n = PINNED_N;

  it('TOML table headers: a line of blanks after `[` is no header; names are read as before', () => {
    assert.deepEqual(shapeOf('x.toml', '[' + ' '.repeat(n) + '!\n'), new Map());
    assert.deepEqual(shapeOf('x.toml', '[' + ' '.repeat(n) + '!\n[ http . routers . r ]\nrule = "x"\n'), new Map([['http', new Set(['routers'])]]));
    assert.deepEqual(shapeOf('x.toml', '[[\t"tls" .certificates ]]  # c\n'), new Map([['tls', new Set(['certificates'])]]));
    assert.deepEqual(shapeOf('x.toml', '[' + '\t'.repeat(n) + ']\n'), new Map());
  });

  it('the indentation step: the first indented line after a top-level `key:` line', () => {
    assert.equal(detectIndent('aa' + ': #a'.repeat(n / 4) + '\n'), '  ');
    assert.equal(detectIndent('aa' + ': #a'.repeat(n / 4) + '\n\n   # c\n    b: 1\n'), '    ');
    assert.equal(detectIndent('a: b # c:\r\n   # c\nd: 1\n'), '   ');
    assert.equal(detectIndent('- x\nhttp:\n\n # c\n\tx\n'), ' ');
    assert.equal(detectIndent('x\rhttp: # c\n   routers:\n'), '   ');
  });

  it('templates are cut from `{{` to the first `}}`; an unclosed `{{` stays', () => {
    assert.equal(withoutTemplates('{'.repeat(n) + '!'), '{'.repeat(n) + '!');
    assert.equal(withoutTemplates('a{{ x }}b{{{y}}c{{'), 'abc{{');
    assert.equal(withoutTemplates('{{}}'), '');
  });

  it('trailing slashes', () => {
    assert.equal(trimTrailingSlashes('/'.repeat(n) + '!'), '/'.repeat(n) + '!');
    assert.equal(trimTrailingSlashes('a/b///'), 'a/b');
    assert.equal(trimTrailingSlashes('///'), '');
    assert.equal(trimTrailingSlashes(''), '');
  });

  it('FROM lines substitute ${NAME:-default} before the last `}` and $NAME after it', () => {
    const attack = '${A:-'.repeat(n / 5);
    assert.deepEqual(dockerfileImages(`FROM ${attack}\n`), [attack]);
    assert.deepEqual(dockerfileImages('ARG V=1.25\nFROM nginx:${V}-${X:-alpine}$V\n'), ['nginx:1.25-alpine1.25']);
    assert.deepEqual(dockerfileImages('ARG V=1.25\nFROM ${R:-docker.io/}nginx:${V:-x}$V\n'), ['docker.io/nginx:1.251.25']);
  });
});
