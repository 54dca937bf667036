// Fix safety, as properties over every fixture of every registered language (a new language is
// covered as soon as its fixtures exist):
//   - each safe fix, applied alone, leaves a document that still parses (no new
//     rampart/parse-error or nginx/syntax finding), removes a finding of its rule, and causes no
//     new finding (except the follow-ups a fixture's expected.json documents);
//   - "fix all" (the engine's fixAll) picks edits that never overlap, is idempotent (a second run
//     changes nothing) and adds no syntax error.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { DEFAULT_CONFIG, mergeConfig, type RampartConfig } from '../../server/src/engine/config';
import { lint } from '../../server/src/engine/lint';
import { applyEdits, fixAll, selectSafeEdits } from '../../server/src/engine/fixes';
import { parseConfigFile } from '../../server/src/engine/config-file';
import type { Diagnostic, Language } from '../../server/src/engine/types';
import { FsWorkspace } from '../../server/src/node/fs-workspace';
import { fixtureSeeds, fuzzLanguages, FIXTURES_DIR } from '../fuzz/targets';
import { SYNTAX_RULES, overlapping } from '../fuzz/properties';
import { repoRoot } from '../helpers/paths';

const STRICT = mergeConfig(DEFAULT_CONFIG, { profile: 'strict' });

/** Rule → the rules its fix is documented to lead to (expected.json `followUps`, any fixture). */
function followUps(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('expected.json')) {
        const raw = JSON.parse(readFileSync(p, 'utf8')) as unknown;
        const list = !Array.isArray(raw) ? (raw as { followUps?: string[] }).followUps : undefined;
        if (!list) continue;
        // test/fixtures/<language>/<name>/… names the rule.
        const [language, rule] = relative(FIXTURES_DIR, p).split(/[\\/]/);
        const id = `${language}/${rule}`;
        const set = out.get(id) ?? new Set<string>();
        for (const f of list) set.add(f);
        out.set(id, set);
      }
    }
  };
  walk(FIXTURES_DIR);
  return out;
}

/** The case folder's `.rampart.yaml`, as the fixture runner applies it. */
function configFor(path: string): RampartConfig {
  const cfg = join(dirname(path), '.rampart.yaml');
  if (!existsSync(cfg)) return STRICT;
  return mergeConfig(STRICT, parseConfigFile(readFileSync(cfg, 'utf8'), cfg.replace(/\\/g, '/')).layer);
}

function count(ds: Diagnostic[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of ds) m.set(d.rule, (m.get(d.rule) ?? 0) + 1);
  return m;
}

function syntax(ds: Diagnostic[]): number {
  return ds.filter((d) => SYNTAX_RULES.has(d.rule)).length;
}

const FOLLOW_UPS = followUps();

/**
 * Findings the catalog moves to another rule instead of removing them. An nginx header fix adds
 * the header where the server's header set is defined; a location with its own `add_header` then
 * drops it, and nginx/add-header-inheritance owns that finding (rules.md: "This rule owns the
 * finding: the header-missing rules do not also fire for the dropped headers"). The two rules are
 * counted together: the fix must lower their sum.
 */
const OWNED_BY: Record<string, string> = Object.fromEntries(
  ['nginx/hsts-missing', 'nginx/x-frame-options-missing', 'nginx/x-content-type-options-missing', 'nginx/referrer-policy-missing', 'nginx/csp-missing'].map((r) => [
    r,
    'nginx/add-header-inheritance',
  ]),
);

/**
 * A header fix that copies the server's inherited headers down (so that adding one does not drop
 * the others) copies them as they are: a Content-Security-Policy weak enough for
 * nginx/csp-missing, whose fix is only a suggestion (a stricter policy can break the site), is
 * then reported at the copy as well.
 */
function copiesWeakCsp(fixTitle: string, rule: string): boolean {
  return rule === 'nginx/csp-missing' && /\(and copy its/.test(fixTitle);
}

for (const language of fuzzLanguages() as Language[]) {
  describe(`fix safety: ${language}`, () => {
    for (const seed of fixtureSeeds(language)) {
      const name = relative(join(repoRoot(), 'test', 'fixtures'), seed.path);
      it(name, () => {
        const config = configFor(seed.path);
        const workspace = new FsWorkspace();
        const run = (text: string) => lint(seed.path, text, { config, workspace, language })!;
        const before = run(seed.text);
        const counts = count(before.diagnostics);

        // Each safe fix on its own.
        for (const d of before.diagnostics) {
          const fix = d.fixes.find((f) => f.kind === 'safe');
          if (!fix) continue;
          const what = `${d.rule} at ${d.range.start.line + 1}:${d.range.start.character + 1} ("${fix.title}")`;
          assert.equal(overlapping(fix.edits), undefined, `${what}: overlapping edits`);
          const fixed = applyEdits(seed.text, fix.edits);
          assert.notEqual(fixed, seed.text, `${what}: the fix changes nothing`);
          const after = run(fixed);
          assert.ok(syntax(after.diagnostics) <= syntax(before.diagnostics), `${what}: the fixed file no longer parses: ${after.diagnostics.filter((x) => SYNTAX_RULES.has(x.rule)).map((x) => x.message)[0]}`);
          const afterCounts = count(after.diagnostics);
          assert.ok((afterCounts.get(d.rule) ?? 0) < counts.get(d.rule)!, `${what}: the finding is still there`);
          const allowed = FOLLOW_UPS.get(d.rule) ?? new Set<string>();
          const owner = OWNED_BY[d.rule];
          for (const [rule, n] of afterCounts) {
            if (allowed.has(rule) || copiesWeakCsp(fix.title, rule)) continue;
            if (rule === owner) {
              const sum = (m: Map<string, number>) => (m.get(d.rule) ?? 0) + (m.get(owner) ?? 0);
              assert.ok(sum(afterCounts) < sum(counts), `${what}: ${owner} gained more findings than ${d.rule} lost`);
              continue;
            }
            assert.ok(n <= (counts.get(rule) ?? 0), `${what}: the fix caused a new ${rule} finding`);
          }
        }

        // Fix all: non-overlapping rounds, idempotent, no new syntax error.
        let text = seed.text;
        for (let round = 0; round < 10; round++) {
          const edits = selectSafeEdits(run(text).diagnostics);
          if (edits.length === 0) break;
          assert.equal(overlapping(edits), undefined, `fix-all round ${round + 1} picked overlapping edits`);
          text = applyEdits(text, edits);
        }
        const once = fixAll(seed.path, seed.text, { config, workspace, language });
        assert.equal(once.text, text, 'fixAll applies the same rounds');
        const twice = fixAll(seed.path, once.text, { config, workspace, language });
        assert.equal(twice.rounds, 0, 'a second fix-all changes nothing');
        assert.equal(twice.text, once.text);
        assert.ok(syntax(run(once.text).diagnostics) <= syntax(before.diagnostics), 'fix-all made the file unparseable');
      });
    }
  });
}
