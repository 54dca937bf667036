// The rule fixture runner. For every rule in the registry, test/fixtures/<language>/<name>/ holds:
//   fires-<case>.<ext>            must produce exactly the findings in fires-<case>.expected.json
//   silent-<case>.<ext>           must produce no finding of the rule
//   fires-<case>.fixed.<ext>      the text after applying the rule's first fix to every finding;
//                                 re-linting it shows the finding gone and nothing new
// A case may instead be a folder (fires-<case>/ with side files such as .dockerignore); then the
// linted file is named in expected.json ({"file": "Dockerfile", "findings": [...]}) or is the
// first file the language claims, and its fixed text is <file>.fixed.
// A folder case may hold a `.rampart.yaml` (settings such as `nginx: {version: "1.22"}`); the
// case is linted with it like the CLI would.
// An object-form expected.json may list `followUps`: rules a fix is documented to lead to
// (a socket made read-only becomes compose/docker-socket-readonly).
// A rule may judge files of another language (traefik/* rules run on compose labels, flags and
// env): a case named `<case>.<language>.<ext>` (`fires-labels.compose.yaml`) is linted as that
// language, and a folder case may say `"language": "compose"` in its object-form expected.json.
// Expected findings are {range: "L:C-L:C" (1-based), message}. RAMPART_UPDATE_FIXTURES=1 rewrites
// the expected files from the current output (review the diff before committing).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../server/src/engine/registry';
import { pluginFor } from '../../server/src/engine/lint';
import { applyEdits } from '../../server/src/engine/fixes';
import { LineIndex, comparePositions } from '../../server/src/engine/text';
import type { Diagnostic, Language, Range } from '../../server/src/engine/types';
import { FsWorkspace } from '../../server/src/node/fs-workspace';
import { parseConfigFile } from '../../server/src/engine/config-file';
import type { ConfigLayer } from '../../server/src/engine/config';
import { FIXTURES } from '../helpers/paths';
import { fmtRange, lintText, only } from '../helpers/lint';

const UPDATE = process.env.RAMPART_UPDATE_FIXTURES === '1';

interface Case {
  name: string;
  kind: 'fires' | 'silent';
  /** Absolute path of the linted file. */
  file: string;
  expectedPath?: string;
  fixedPath: string;
  /** Settings from the case folder's `.rampart.yaml`. */
  config?: ConfigLayer;
  /** The language the case is linted as (the rule's own unless the case names another). */
  language: Language;
}

const LANGUAGES: Language[] = ['dockerfile', 'compose', 'nginx', 'traefik'];

/** `fires-labels.compose.yaml` → compose; otherwise the rule's language. */
function caseLanguage(ext: string, fallback: Language): Language {
  const parts = ext.split('.').filter(Boolean);
  return LANGUAGES.find((l) => l !== fallback && parts.slice(0, -1).includes(l)) ?? fallback;
}

function stem(name: string): { base: string; ext: string } {
  const dot = name.indexOf('.');
  return dot < 0 ? { base: name, ext: '' } : { base: name.slice(0, dot), ext: name.slice(dot) };
}

function casesFor(dir: string, language: Language): Case[] {
  const out: Case[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const kind = entry.startsWith('fires-') ? 'fires' : entry.startsWith('silent-') ? 'silent' : undefined;
    if (!kind) continue;
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      const exp = join(full, 'expected.json');
      let file: string | undefined;
      let caseLang = language;
      if (existsSync(exp)) {
        const parsed = JSON.parse(readFileSync(exp, 'utf8')) as { file?: string; language?: Language };
        if (!Array.isArray(parsed) && parsed.file) file = join(full, parsed.file);
        if (!Array.isArray(parsed) && parsed.language) caseLang = parsed.language;
      }
      if (!file) {
        const plugin = pluginFor(caseLang)!;
        const claimed = readdirSync(full).sort().find((f) => !f.endsWith('.fixed') && plugin.matchesName(join(full, f)));
        file = claimed ? join(full, claimed) : undefined;
      }
      assert.ok(file, `${full}: no file to lint`);
      const cfg = join(full, '.rampart.yaml');
      const config = existsSync(cfg) ? parseConfigFile(readFileSync(cfg, 'utf8'), cfg.replace(/\\/g, '/')).layer : undefined;
      out.push({ name: entry, kind, file, expectedPath: kind === 'fires' ? exp : undefined, fixedPath: `${file}.fixed`, config, language: caseLang });
      continue;
    }
    if (entry.endsWith('.expected.json') || entry.includes('.fixed.')) continue;
    const { base, ext } = stem(entry);
    out.push({
      name: entry,
      kind,
      file: full,
      expectedPath: kind === 'fires' ? join(dir, `${base}.expected.json`) : undefined,
      fixedPath: join(dir, `${base}.fixed${ext}`),
      language: caseLanguage(ext, language),
    });
  }
  return out;
}

function inside(index: LineIndex, r: Range): boolean {
  const end = index.positionAt(index.text.length);
  const ok = (p: Range['start']) => p.line >= 0 && p.character >= 0 && comparePositions(p, end) <= 0 && p.character <= index.lineText(p.line).length;
  return ok(r.start) && ok(r.end) && comparePositions(r.start, r.end) <= 0;
}

function lintCase(c: Case, text: string): Diagnostic[] {
  return lintText(text, { path: c.file.replace(/\\/g, '/'), language: c.language, workspace: new FsWorkspace(), config: c.config }).diagnostics;
}

function countByRule(diags: Diagnostic[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of diags) m.set(d.rule, (m.get(d.rule) ?? 0) + 1);
  return m;
}

for (const meta of allRules) {
  if (meta.language === 'rampart') continue;
  const language = meta.language;
  const name = meta.id.slice(meta.id.indexOf('/') + 1);
  const dir = join(FIXTURES, language, name);

  describe(meta.id, () => {
    it('has fixtures that fire and fixtures that stay silent', () => {
      assert.ok(existsSync(dir), `missing fixture folder ${dir}`);
      const cases = casesFor(dir, language);
      assert.ok(cases.some((c) => c.kind === 'fires'), 'no fires-* fixture');
      assert.ok(cases.some((c) => c.kind === 'silent'), 'no silent-* fixture');
    });
    if (!existsSync(dir)) return;

    for (const c of casesFor(dir, language)) {
      it(c.name, () => {
        const text = readFileSync(c.file, 'utf8');
        const index = new LineIndex(text);
        const all = lintCase(c, text);
        for (const d of all) {
          assert.ok(inside(index, d.range), `${d.rule} range ${fmtRange(d.range)} outside the document`);
          for (const f of d.fixes) for (const e of f.edits) assert.ok(inside(index, e.range), `${d.rule} fix edit outside the document`);
        }
        const mine = only(all, meta.id);
        const got = mine.map((d) => ({ range: fmtRange(d.range), message: d.message }));
        if (c.kind === 'silent') {
          assert.deepEqual(got, [], `${c.name} must not fire`);
          return;
        }
        const expPath = c.expectedPath!;
        if (UPDATE) {
          const prev = existsSync(expPath) ? (JSON.parse(readFileSync(expPath, 'utf8')) as unknown) : undefined;
          const wrap = prev && !Array.isArray(prev) ? { ...(prev as object), findings: got } : got;
          writeFileSync(expPath, JSON.stringify(wrap, null, 2) + '\n');
        }
        assert.ok(existsSync(expPath), `missing ${expPath}`);
        const expectedRaw = JSON.parse(readFileSync(expPath, 'utf8')) as unknown;
        const expected = Array.isArray(expectedRaw) ? expectedRaw : (expectedRaw as { findings: unknown[] }).findings;
        assert.ok(expected.length > 0, `${c.name}: a fires-* fixture must expect at least one finding`);
        assert.deepEqual(got, expected);

        // Fix test: apply the rule's first fix of every finding, compare, re-lint.
        const withFix = mine.filter((d) => d.fixes.length > 0);
        if (withFix.length === 0) {
          assert.ok(!existsSync(c.fixedPath), `${c.fixedPath} exists but the findings carry no fix`);
          return;
        }
        // Findings in one list may share a fix (a list whose items are all reported goes whole;
        // a shared list is overridden once in the service): an identical edit is applied once.
        const seen = new Set<string>();
        const edits = withFix.flatMap((d) => d.fixes[0]!.edits).filter((e) => {
          const key = JSON.stringify(e);
          return !seen.has(key) && !!seen.add(key);
        });
        const fixed = applyEdits(text, edits);
        if (UPDATE && !existsSync(c.fixedPath)) writeFileSync(c.fixedPath, fixed);
        assert.ok(existsSync(c.fixedPath), `missing fix expectation ${c.fixedPath}`);
        assert.equal(fixed, readFileSync(c.fixedPath, 'utf8'), 'fixed text differs');
        const after = lintCase(c, fixed);
        assert.deepEqual(only(after, meta.id).map((d) => d.message), [], 'the finding must be gone after the fix');
        const followUps = Array.isArray(expectedRaw) ? [] : ((expectedRaw as { followUps?: string[] }).followUps ?? []);
        const before = countByRule(all);
        for (const [rule, n] of countByRule(after)) {
          if (followUps.includes(rule)) continue;
          assert.ok(n <= (before.get(rule) ?? 0), `the fix introduced a new ${rule} finding`);
        }
      });
    }
  });
}
