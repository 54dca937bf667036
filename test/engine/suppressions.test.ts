// Suppression comments and peer pragmas: exact coverage, justifications, the two checks of
// Rampart's own comments (ignore-needs-rule, unused-ignore) and the unused-ignore fix.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, mergeConfig, type ConfigLayer } from '../../server/src/engine/config';
import { applySuppressions, parseIgnoreComment } from '../../server/src/engine/suppressions';
import { PeerIndex, normaliseTrivyId, parsePeerPragma } from '../../server/src/engine/pragmas';
import { applyEdits } from '../../server/src/engine/fixes';
import { toDiagnostic } from '../../server/src/engine/lint';
import { ruleMeta } from '../../server/src/engine/registry';
import { defineMeta } from '../../server/src/engine/meta';
import { LineIndex } from '../../server/src/engine/text';
import type { CommentInfo, Diagnostic, ParsedDocument } from '../../server/src/engine/types';
import { dockerfilePlugin } from '../../server/src/languages/dockerfile/plugin';
import { fmtRange, lintText, view } from '../helpers/lint';

const LATEST = 'dockerfile/image-latest';
const ADD = 'dockerfile/add-instead-of-copy';
// Every rule runs here (strict profile), so the test Dockerfiles are otherwise hardened: the final
// stage sets a non-root USER and a versioned base is pinned by digest. Only the rules a test is
// about fire.
const NODE20 = 'node:20@sha256:194b23bd4ffb132c9a190cac099e31e17ef534cbdad6eeabbc022ed3146220ad';
const DEBIAN12 = 'debian:12@sha256:3be3c43cd7ee541bb601f8131132ed025ff97406130f73774fe3ffcf6ee8b86d';

/** Suppressed findings as `rule range source "justification"`. */
function sup(diags: Diagnostic[]): string[] {
  return diags.map((d) => `${d.rule} ${fmtRange(d.range)} ${d.suppression?.source} "${d.suppression?.justification}"`);
}

/** Kept findings as `rule range`. */
function kept(diags: Diagnostic[]): string[] {
  return diags.map((d) => `${d.rule} ${fmtRange(d.range)}`);
}

function lintDf(text: string, config?: ConfigLayer) {
  return lintText(text, config ? { config } : {});
}

describe('rampart-ignore: parsing', () => {
  const c = (text: string, ownLine = true): CommentInfo => ({
    text,
    range: { start: { line: 2, character: 4 }, end: { line: 2, character: 5 + text.length } },
    ownLine,
  });

  it('reads rules, reason and the exact token ranges (one column after the #)', () => {
    const p = parseIgnoreComment(c(' rampart-ignore dockerfile/image-latest,  dockerfile/add-instead-of-copy -- pinned by digest later'))!;
    assert.equal(p.scope, 'line');
    assert.deepEqual(p.rules, [LATEST, ADD]);
    assert.equal(p.reason, 'pinned by digest later');
    assert.deepEqual(
      p.tokens.map((t) => [t.name, fmtRange(t.range)]),
      [
        [LATEST, '3:22-3:45'],
        [ADD, '3:48-3:78'],
      ],
    );
    assert.equal(fmtRange(p.listRange!), '3:22-3:78');
  });

  it('accepts no space after # and space-separated lists', () => {
    const p = parseIgnoreComment(c('rampart-ignore-file dockerfile/image-latest dockerfile/add-instead-of-copy'))!;
    assert.equal(p.scope, 'file');
    assert.deepEqual(p.rules, [LATEST, ADD]);
    assert.equal(p.reason, '');
  });

  it('keeps hyphens inside ids and splits the reason only at a word-initial --', () => {
    const p = parseIgnoreComment(c(' rampart-ignore dockerfile/add-instead-of-copy --needs --chown'))!;
    assert.deepEqual(p.rules, [ADD]);
    assert.equal(p.reason, 'needs --chown');
  });

  it('ignores comments that merely mention it, and flags misspelt forms', () => {
    assert.equal(parseIgnoreComment(c(' see rampart-ignore docs')), undefined);
    assert.equal(parseIgnoreComment(c(' rampart-ignored')), undefined);
    assert.equal(parseIgnoreComment(c(' rampart-ignore-line dockerfile/image-latest'))!.badKeyword, 'rampart-ignore-line');
  });
});

describe('rampart-ignore: coverage in a Dockerfile', () => {
  it('an own-line comment covers the next instruction and carries the reason', () => {
    const r = lintDf('# rampart-ignore dockerfile/image-latest -- base is rebuilt nightly\nFROM node:latest\nFROM debian:latest\nUSER nobody\n');
    assert.deepEqual(sup(r.suppressed), [`${LATEST} 2:11-2:17 rampart "base is rebuilt nightly"`]);
    assert.deepEqual(kept(r.diagnostics), [`${LATEST} 3:13-3:19`]);
  });

  it('stacked comments and blank lines between the comment and the instruction', () => {
    const text = [
      '# rampart-ignore dockerfile/image-latest -- one',
      '# an ordinary comment',
      '# rampart-ignore dockerfile/add-instead-of-copy -- two',
      '',
      '',
      'FROM node:latest',
      '# rampart-ignore dockerfile/add-instead-of-copy',
      '# rampart-ignore dockerfile/image-latest',
      'ADD app.js /app/',
      'USER node',
    ].join('\n');
    const r = lintDf(text);
    assert.deepEqual(sup(r.suppressed), [`${LATEST} 6:11-6:17 rampart "one"`, `${ADD} 9:1-9:4 rampart ""`]);
    // Each stack also names a rule that found nothing on its instruction.
    assert.deepEqual(view(r.diagnostics), [
      {
        rule: 'rampart/unused-ignore',
        range: '3:1-3:55',
        message: `Unused suppression: ${ADD} found nothing on line 6. A stale suppression would hide a future finding.`,
      },
      {
        rule: 'rampart/unused-ignore',
        range: '8:1-8:41',
        message: `Unused suppression: ${LATEST} found nothing on line 9. A stale suppression would hide a future finding.`,
      },
    ]);
  });

  it('covers every line of an instruction with continuation lines', () => {
    const text = '# rampart-ignore dockerfile/image-latest\nFROM \\\n  node:latest \\\n  AS base\nFROM \\\n  debian:latest\nUSER nobody\n';
    const r = lintDf(text);
    assert.deepEqual(sup(r.suppressed), [`${LATEST} 3:8-3:14 rampart ""`]);
    assert.deepEqual(kept(r.diagnostics), [`${LATEST} 6:10-6:16`]);
  });

  it('does not reach past the instruction it covers', () => {
    const r = lintDf(`FROM ${NODE20}\n# rampart-ignore dockerfile/add-instead-of-copy\nADD a.txt /a\nADD b.txt /b\nUSER node\n`);
    assert.deepEqual(sup(r.suppressed), [`${ADD} 3:1-3:4 rampart ""`]);
    assert.deepEqual(kept(r.diagnostics), [`${ADD} 4:1-4:4`]);
  });

  it('works the same with CRLF line endings (no \\r in ranges or the reason)', () => {
    const text = `# rampart-ignore dockerfile/image-latest -- ok for CI \r\n\r\nFROM node:latest\r\n# rampart-ignore dockerfile/add-instead-of-copy\r\nFROM ${NODE20}\r\nUSER node\r\n`;
    const r = lintDf(text);
    assert.deepEqual(sup(r.suppressed), [`${LATEST} 3:11-3:17 rampart "ok for CI"`]);
    assert.deepEqual(view(r.diagnostics), [
      {
        rule: 'rampart/unused-ignore',
        range: '4:1-4:48',
        message: `Unused suppression: ${ADD} found nothing on line 5. A stale suppression would hide a future finding.`,
      },
    ]);
    // The fix removes the line with its CRLF.
    const fixed = applyEdits(text, r.diagnostics[0]!.fixes[0]!.edits);
    assert.equal(fixed, `# rampart-ignore dockerfile/image-latest -- ok for CI \r\n\r\nFROM node:latest\r\nFROM ${NODE20}\r\nUSER node\r\n`);
  });

  it('rampart-ignore-file covers the whole file wherever it stands', () => {
    const r = lintDf('FROM node:latest\nADD a /a\nFROM debian:latest\nUSER nobody\n# rampart-ignore-file dockerfile/image-latest -- dev image\n');
    assert.deepEqual(sup(r.suppressed), [`${LATEST} 1:11-1:17 rampart "dev image"`, `${LATEST} 3:13-3:19 rampart "dev image"`]);
    assert.deepEqual(kept(r.diagnostics), [`${ADD} 2:1-2:4`]);
  });

  it('a comment on the last line covers nothing and is reported unused', () => {
    const r = lintDf('FROM node:latest\nUSER node\n# rampart-ignore dockerfile/image-latest');
    assert.deepEqual(kept(r.diagnostics), [`${LATEST} 1:11-1:17`, 'rampart/unused-ignore 3:1-3:41']);
    assert.equal(
      r.diagnostics[1]!.message,
      `Unused suppression: ${LATEST} found nothing because no line follows the comment. A stale suppression would hide a future finding.`,
    );
    // No line break after it: the fix takes the one before.
    assert.equal(applyEdits('FROM node:latest\nUSER node\n# rampart-ignore dockerfile/image-latest', r.diagnostics[1]!.fixes[0]!.edits), 'FROM node:latest\nUSER node');
  });
});

describe('rampart/ignore-needs-rule', () => {
  it('a comment with no rule: the range is the whole comment', () => {
    const r = lintDf('# rampart-ignore -- trust me\nFROM node:latest\nUSER node\n');
    assert.deepEqual(view(r.diagnostics), [
      {
        rule: 'rampart/ignore-needs-rule',
        range: '1:1-1:29',
        message: 'This rampart-ignore names no rule, so it silences nothing: name the rules it is for, for example `# rampart-ignore dockerfile/user-root -- why`.',
      },
      {
        rule: LATEST,
        range: '2:11-2:17',
        message: 'Base image "node" uses the "latest" tag: each build may pull a different image. Pin a version.',
      },
    ]);
    assert.equal(r.diagnostics[0]!.severity, 'error');
  });

  it('an unknown id: the range is the id, with a hint; the known ids still apply', () => {
    const text = [
      '# rampart-ignore dockerfile/image-lates, dockerfile/add-instead-of-copy',
      'FROM node:latest AS base',
      '# rampart-ignore-file DL3007',
      '# rampart-ignore image-latest',
      '# rampart-ignore dockerfile/image-latest because we must',
      '# rampart-ignore nginx/zzzzzzzzzzzzzzzz',
      'FROM node:latest',
      'USER node',
    ].join('\n');
    const r = lintDf(text);
    assert.deepEqual(sup(r.suppressed), [`${LATEST} 7:11-7:17 rampart ""`]);
    assert.deepEqual(view(r.diagnostics), [
      {
        rule: 'rampart/ignore-needs-rule',
        range: '1:18-1:40',
        message: 'Unknown rule "dockerfile/image-lates" in suppression: it silences nothing. Did you mean dockerfile/image-latest?',
      },
      {
        // The known id beside the unknown one is judged too; the fix removes only it.
        rule: 'rampart/unused-ignore',
        range: '1:42-1:72',
        message: `Unused suppression: ${ADD} found nothing on line 2. A stale suppression would hide a future finding.`,
      },
      {
        rule: LATEST,
        range: '2:11-2:17',
        message: 'Base image "node" uses the "latest" tag: each build may pull a different image. Pin a version.',
      },
      {
        rule: 'rampart/ignore-needs-rule',
        range: '3:23-3:29',
        message: `Unknown rule "DL3007" in suppression: it silences nothing. "DL3007" is another tool's id; Rampart's rule for it is ${LATEST}.`,
      },
      {
        rule: 'rampart/ignore-needs-rule',
        range: '4:18-4:30',
        message: `Unknown rule "image-latest" in suppression: it silences nothing. Did you mean ${LATEST}?`,
      },
      {
        rule: 'rampart/ignore-needs-rule',
        range: '5:42-5:49',
        message: 'Unknown rule "because" in suppression: it silences nothing. Rule ids look like "dockerfile/user-root"; write any reason after `--`.',
      },
      {
        rule: 'rampart/ignore-needs-rule',
        range: '5:50-5:52',
        message: 'Unknown rule "we" in suppression: it silences nothing. Rule ids look like "dockerfile/user-root"; write any reason after `--`.',
      },
      {
        rule: 'rampart/ignore-needs-rule',
        range: '5:53-5:57',
        message: 'Unknown rule "must" in suppression: it silences nothing. Rule ids look like "dockerfile/user-root"; write any reason after `--`.',
      },
      {
        rule: 'rampart/ignore-needs-rule',
        range: '6:18-6:40',
        message: 'Unknown rule "nginx/zzzzzzzzzzzzzzzz" in suppression: it silences nothing. Run `rampart rules` for the list of ids.',
      },
    ]);
    assert.equal(
      applyEdits(text, r.diagnostics[1]!.fixes[0]!.edits).split('\n')[0],
      '# rampart-ignore dockerfile/image-lates',
    );
  });

  it('a misspelt keyword is reported and silences nothing', () => {
    const r = lintDf('# rampart-ignore-next-line dockerfile/image-latest\nFROM node:latest\nUSER node\n');
    assert.deepEqual(kept(r.diagnostics), ['rampart/ignore-needs-rule 1:1-1:51', `${LATEST} 2:11-2:17`]);
    assert.match(r.diagnostics[0]!.message, /^"rampart-ignore-next-line" is not a Rampart suppression/);
  });

  it('can be turned down by config, not by profile', () => {
    const text = `# rampart-ignore\nFROM ${NODE20}\nUSER node\n`;
    const r = lintDf(text, { rules: { 'rampart/ignore-needs-rule': 'warning' } });
    assert.deepEqual(r.diagnostics.map((d) => `${d.rule} ${d.severity}`), ['rampart/ignore-needs-rule warning']);
    const off = lintText(text, { config: { profile: 'recommended', rules: { 'rampart/ignore-needs-rule': 'off' } } });
    assert.deepEqual(off.diagnostics, []);
  });
});

describe('rampart/unused-ignore', () => {
  it('reports a suppression whose only rule found nothing; the fix deletes the line', () => {
    const text = `FROM ${NODE20}\n# rampart-ignore dockerfile/image-latest -- old\nFROM ${DEBIAN12}\nRUN true\nUSER nobody\n`;
    const r = lintDf(text);
    assert.deepEqual(view(r.diagnostics), [
      {
        rule: 'rampart/unused-ignore',
        range: '2:1-2:48',
        message: `Unused suppression: ${LATEST} found nothing on line 3. A stale suppression would hide a future finding.`,
      },
    ]);
    const d = r.diagnostics[0]!;
    assert.equal(d.severity, 'info');
    assert.equal(d.fix, 'suggest');
    assert.deepEqual(d.fixes.map((f) => [f.title, f.kind]), [['Remove the unused suppression comment', 'suggest']]);
    const fixed = applyEdits(text, d.fixes[0]!.edits);
    assert.equal(fixed, `FROM ${NODE20}\nFROM ${DEBIAN12}\nRUN true\nUSER nobody\n`);
    assert.deepEqual(lintDf(fixed).diagnostics, []);
  });

  it('names the lines of a multi-line instruction', () => {
    const r = lintDf('# rampart-ignore dockerfile/image-latest\nFROM \\\n  node:20\n');
    assert.equal(r.diagnostics[0]!.message, `Unused suppression: ${LATEST} found nothing on lines 2–3. A stale suppression would hide a future finding.`);
  });

  it('when only some named rules are unused, reports that id and the fix removes just it', () => {
    const text = '# rampart-ignore dockerfile/add-instead-of-copy, dockerfile/image-latest -- both\nFROM node:latest\nUSER node\n';
    const r = lintDf(text);
    assert.deepEqual(sup(r.suppressed), [`${LATEST} 2:11-2:17 rampart "both"`]);
    assert.deepEqual(view(r.diagnostics), [
      {
        rule: 'rampart/unused-ignore',
        range: '1:18-1:48',
        message: `Unused suppression of ${ADD}: it found nothing on line 2, while the comment's other rules did.`,
      },
    ]);
    const fix = r.diagnostics[0]!.fixes[0]!;
    assert.equal(fix.title, `Remove ${ADD} from the suppression`);
    const fixed = applyEdits(text, fix.edits);
    assert.equal(fixed, '# rampart-ignore dockerfile/image-latest -- both\nFROM node:latest\nUSER node\n');
    const again = lintDf(fixed);
    assert.deepEqual(again.diagnostics, []);
    assert.deepEqual(sup(again.suppressed), [`${LATEST} 2:11-2:17 rampart "both"`]);
  });

  it('a file suppression is unused only when the rule found nothing in the whole file', () => {
    const r = lintDf(`# rampart-ignore-file dockerfile/image-latest, dockerfile/add-instead-of-copy\nFROM ${NODE20}\nADD a /a\nUSER node\n`);
    assert.deepEqual(view(r.diagnostics), [
      {
        rule: 'rampart/unused-ignore',
        range: '1:23-1:46',
        message: `Unused suppression of ${LATEST}: it found nothing in this file, while the comment's other rules did.`,
      },
    ]);
  });

  it('is not reported for rules that are off by config, or did not run', () => {
    const text = `# rampart-ignore dockerfile/image-latest\nFROM ${NODE20}\nUSER node\n`;
    assert.deepEqual(lintDf(text, { rules: { [LATEST]: 'off' } }).diagnostics, []);
    // A rule the profile leaves off is not in the evaluated set: applySuppressions is told so.
    const parsed = dockerfilePlugin.parse(text, '/w/Dockerfile');
    const out = applySuppressions(parsed, [], new Set(), mergeConfig(DEFAULT_CONFIG, {}));
    assert.deepEqual(out.kept, []);
  });

  it('is not reported for Rampart rules, other languages\' rules, or when turned off', () => {
    const text = `# rampart-ignore rampart/parse-error, compose/privileged\nFROM ${NODE20}\nUSER node\n`;
    assert.deepEqual(lintDf(text).diagnostics.map((d) => d.rule), compose() ? [] : ['rampart/ignore-needs-rule']);
    assert.deepEqual(lintDf(`# rampart-ignore dockerfile/image-latest\nFROM ${NODE20}\nUSER node\n`, { rules: { 'rampart/unused-ignore': 'off' } }).diagnostics, []);
  });

  it('can itself be suppressed for a file', () => {
    const r = lintDf(`# rampart-ignore-file rampart/unused-ignore -- keep the guard\n# rampart-ignore dockerfile/image-latest\nFROM ${NODE20}\nUSER node\n`);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(sup(r.suppressed), ['rampart/unused-ignore 2:1-2:41 rampart "keep the guard"']);
  });

  it('suppressed findings are still counted as used', () => {
    const r = lintDf('# rampart-ignore-file dockerfile/image-latest\n# rampart-ignore dockerfile/image-latest\nFROM node:latest\nUSER node\n');
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.suppressed.length, 1);
  });
});

/** compose/privileged exists once the Compose rules land; until then it is an unknown id. */
function compose(): boolean {
  return ruleMeta('compose/privileged') !== undefined;
}

describe('peer pragmas (registry peers)', () => {
  it('hadolint ignore= covers the next instruction, with a # reason', () => {
    const r = lintDf('# hadolint ignore=DL3007 # base pinned in CI\nFROM node:latest\nFROM debian:latest\nUSER nobody\n');
    assert.deepEqual(sup(r.suppressed), [`${LATEST} 2:11-2:17 hadolint "base pinned in CI"`]);
    assert.deepEqual(kept(r.diagnostics), [`${LATEST} 3:13-3:19`]);
  });

  it('hadolint lists with spaces, stacked pragmas, and continuation lines', () => {
    const r = lintDf(`FROM ${NODE20}\n# hadolint ignore=DL3020, DL3007\n# hadolint ignore=SC2086\nADD \\\n  a.txt /a\nADD b /b\nUSER node\n`);
    assert.deepEqual(sup(r.suppressed), [`${ADD} 4:1-4:4 hadolint ""`]);
    assert.deepEqual(kept(r.diagnostics), [`${ADD} 6:1-6:4`]);
  });

  it('hadolint global ignore= covers the file', () => {
    const r = lintDf('FROM node:latest\nADD a /a\n# hadolint global ignore=DL3020\nADD b /b\nUSER node\n');
    assert.deepEqual(sup(r.suppressed), [`${ADD} 2:1-2:4 hadolint ""`, `${ADD} 4:1-4:4 hadolint ""`]);
    assert.deepEqual(kept(r.diagnostics), [`${LATEST} 1:11-1:17`]);
  });

  it('trivy:ignore in its three spellings; an expired one no longer applies', () => {
    for (const id of ['DS-0001', 'AVD-DS-0001', 'DS001', 'DS-0001[exp:2999-12-31]']) {
      const r = lintDf(`# trivy:ignore:${id}\nFROM node:latest\nFROM debian:latest\nUSER nobody\n`);
      assert.deepEqual(sup(r.suppressed), [`${LATEST} 2:11-2:17 trivy ""`], id);
      assert.deepEqual(kept(r.diagnostics), [`${LATEST} 3:13-3:19`], id);
    }
    const expired = lintDf('# trivy:ignore:DS-0001[exp:2001-01-01]\nFROM node:latest\nUSER node\n');
    assert.deepEqual(expired.suppressed, []);
    assert.deepEqual(kept(expired.diagnostics), [`${LATEST} 2:11-2:17`]);
  });

  it('checkov:skip covers the file and carries its reason', () => {
    const r = lintDf('FROM node:latest\n#checkov:skip=CKV_DOCKER_4: local copy is fine\nADD a /a\nADD b /b\n');
    assert.deepEqual(sup(r.suppressed), [`${ADD} 3:1-3:4 checkov "local copy is fine"`, `${ADD} 4:1-4:4 checkov "local copy is fine"`]);
  });

  it('are never reported: unknown peer ids, nothing to cover, nothing found', () => {
    const text = `# hadolint ignore=DL9999\n# trivy:ignore:DS-0099\n# hadolint ignore=DL3007\nFROM ${NODE20}\nUSER node\n# check=skip=all\n# hadolint global ignore=DL3020\n`;
    const r = lintDf(text);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.suppressed, []);
  });

  it('Rampart\'s own comment wins when both cover a finding (its reason is kept)', () => {
    const r = lintDf('# hadolint ignore=DL3007\n# rampart-ignore dockerfile/image-latest -- ours\nFROM node:latest\nUSER node\n');
    assert.deepEqual(sup(r.suppressed), [`${LATEST} 3:11-3:17 rampart "ours"`]);
    assert.deepEqual(r.diagnostics, []);
  });
});

// BuildKit and dclint map to rules other engineers add; the mapping itself is tested here with
// rules whose peers are set for the test.
function testPeers(peers: Record<string, string[]>): PeerIndex {
  return new PeerIndex(
    Object.entries(peers).map(([id, p]) =>
      defineMeta({ id, language: 'dockerfile', title: 't', description: 'd', severity: 'warning', fix: 'none', sources: [], peers: p, securitySeverity: '1.0' }),
    ),
  );
}

/** The raw (unsuppressed) findings of the registry's Dockerfile rules, then suppression with `peers`. */
function lintWithPeers(text: string, peers: PeerIndex) {
  const parsed = dockerfilePlugin.parse(text, '/w/Dockerfile');
  const config = mergeConfig(DEFAULT_CONFIG, { profile: 'strict' });
  const raw: Diagnostic[] = [];
  const evaluated = new Set<string>();
  for (const rule of dockerfilePlugin.rules) {
    evaluated.add(rule.meta.id);
    const ctx = { path: '/w/Dockerfile', workspace: { readFile: () => undefined, exists: () => false }, settings: {} };
    for (const f of rule.check(parsed.model, ctx)) raw.push(toDiagnostic(rule.meta, rule.meta.severity, f));
  }
  return applySuppressions(parsed, raw, evaluated, config, peers);
}

describe('BuildKit check=skip', () => {
  const peers = testPeers({ [LATEST]: ['JSONArgsRecommended'], [ADD]: ['SecretsUsedInArgOrEnv', 'DL3020'] });

  it('as a parser directive at the top: the whole file', () => {
    const text = '# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended;error=true\nFROM node:latest\nFROM debian:latest\nADD a /a\nUSER nobody\n';
    const r = lintWithPeers(text, peers);
    assert.deepEqual(sup(r.suppressed), [`${LATEST} 3:11-3:17 buildkit ""`, `${LATEST} 4:13-4:19 buildkit ""`]);
    assert.deepEqual(kept(r.kept), [`${ADD} 5:1-5:4`]);
  });

  it('as a comment above an instruction: that instruction only', () => {
    const text = `FROM ${NODE20}\n# check=skip=SecretsUsedInArgOrEnv\nADD a /a\nADD b /b\nUSER node\n`;
    const r = lintWithPeers(text, peers);
    assert.deepEqual(sup(r.suppressed), [`${ADD} 3:1-3:4 buildkit ""`]);
    assert.deepEqual(kept(r.kept), [`${ADD} 4:1-4:4`]);
  });

  it('a directive after a blank line is an ordinary comment (BuildKit stops reading directives)', () => {
    const r = lintWithPeers('\n# check=skip=JSONArgsRecommended\nFROM node:latest\nFROM debian:latest\nUSER nobody\n', peers);
    assert.deepEqual(sup(r.suppressed), [`${LATEST} 3:11-3:17 buildkit ""`]);
    assert.deepEqual(kept(r.kept), [`${LATEST} 4:13-4:19`]);
  });

  it('a comment that is not a directive ends the directives (even one dockerfile-ast reads as such)', () => {
    const text = '# syntax=docker/dockerfile:1\n# hadolint ignore=DL3006\n# check=skip=JSONArgsRecommended\nFROM node:latest\nFROM debian:latest\nUSER nobody\n';
    assert.equal(dockerfilePlugin.parse(text, '/w/Dockerfile').fileSuppressionLine, 1);
    const r = lintWithPeers(text, peers);
    assert.deepEqual(sup(r.suppressed), [`${LATEST} 4:11-4:17 buildkit ""`]);
    assert.deepEqual(kept(r.kept), [`${LATEST} 5:13-5:19`]);
    assert.equal(dockerfilePlugin.parse('# escape=`\n#CHECK = skip=all\nFROM a\n', '/w/Dockerfile').fileSuppressionLine, 2);
    assert.equal(dockerfilePlugin.parse('# rampart-ignore-file a -- b=c\nFROM a\n', '/w/Dockerfile').fileSuppressionLine, 0);
  });

  it('skip=all covers every rule mapped to a BuildKit check', () => {
    const r = lintWithPeers('# check=skip=all\nFROM node:latest\nADD a /a\nUSER node\n', peers);
    assert.deepEqual(kept(r.kept), []);
    assert.equal(r.suppressed.length, 2);
    const other = testPeers({ [LATEST]: ['JSONArgsRecommended'], [ADD]: ['DL3020'] });
    assert.deepEqual(kept(lintWithPeers('# check=skip=all\nFROM node:latest\nADD a /a\nUSER node\n', other).kept), [`${ADD} 3:1-3:4`]);
  });
});

describe('dclint pragmas and end-of-line comments (generic lines)', () => {
  // A YAML-like document: `#` may end a line; every line is its own statement.
  function yamlDoc(text: string): ParsedDocument<unknown> {
    const index = new LineIndex(text);
    const comments: CommentInfo[] = [];
    for (let l = 0; l < index.lineCount; l++) {
      const line = index.lineText(l);
      const at = line.indexOf('#');
      if (at < 0) continue;
      comments.push({
        text: line.slice(at + 1),
        range: { start: { line: l, character: at }, end: { line: l, character: line.length } },
        ownLine: line.slice(0, at).trim() === '',
      });
    }
    return { model: null, index, comments, statementSpan: () => undefined, fileSuppressionLine: 0, parseErrors: [] };
  }
  const finding = (line: number, rule = LATEST): Diagnostic =>
    toDiagnostic(ruleMeta(rule)!, 'warning', { range: { start: { line, character: 4 }, end: { line, character: 9 } }, message: 'm' });
  const peers = testPeers({ [LATEST]: ['no-unbound-port-interfaces'], [ADD]: ['dclint/no-version-field'] });
  const config = mergeConfig(DEFAULT_CONFIG, {});

  it('disable-line at the end of a line covers that line; on its own line the next', () => {
    const doc = yamlDoc('ports:\n  - 80:80 # dclint disable-line no-unbound-port-interfaces\n  # dclint disable-line no-unbound-port-interfaces\n  - 81:81\n  - 82:82\n');
    const r = applySuppressions(doc, [finding(1), finding(3), finding(4)], new Set([LATEST]), config, peers);
    assert.deepEqual(sup(r.suppressed), [`${LATEST} 2:5-2:10 dclint ""`, `${LATEST} 4:5-4:10 dclint ""`]);
    assert.deepEqual(kept(r.kept), [`${LATEST} 5:5-5:10`]);
  });

  it('disable-next-line, disable (file) with a prefixed peer id, and a bare disable', () => {
    const doc = yamlDoc('# dclint disable no-version-field\na: 1 # dclint disable-next-line\nb: 2\nc: 3\n');
    const r = applySuppressions(doc, [finding(0, ADD), finding(2), finding(3)], new Set([LATEST, ADD]), config, peers);
    assert.deepEqual(sup(r.suppressed), [`${ADD} 1:5-1:10 dclint ""`, `${LATEST} 3:5-3:10 dclint ""`]);
    assert.deepEqual(kept(r.kept), [`${LATEST} 4:5-4:10`]);
  });

  it('rampart-ignore at the end of a line covers that line; its unused fix keeps the code', () => {
    const text = 'a: 1  # rampart-ignore dockerfile/image-latest -- here\nb: 2 # rampart-ignore dockerfile/image-latest\nc: 3\n';
    const doc = yamlDoc(text);
    const r = applySuppressions(doc, [finding(0), finding(2)], new Set([LATEST]), config, peers);
    assert.deepEqual(sup(r.suppressed), [`${LATEST} 1:5-1:10 rampart "here"`]);
    assert.deepEqual(kept(r.kept), [`${LATEST} 3:5-3:10`, 'rampart/unused-ignore 2:6-2:46']);
    assert.equal(applyEdits(text, r.kept[1]!.fixes[0]!.edits), 'a: 1  # rampart-ignore dockerfile/image-latest -- here\nb: 2\nc: 3\n');
  });
});

describe('peer pragma parsing', () => {
  const peers = testPeers({ [LATEST]: ['DL3007', 'DS-0001', 'JSONArgsRecommended', 'CKV_DOCKER_7'] });
  const c = (text: string): CommentInfo => ({ text, range: { start: { line: 0, character: 0 }, end: { line: 0, character: text.length + 1 } }, ownLine: true });
  const parse = (text: string, isDirective = false) => {
    const p = parsePeerPragma(c(text), { isDirective, today: '2026-06-01', peers });
    return p && { dialect: p.dialect, scope: p.scope, rules: p.rules, justification: p.justification };
  };

  it('reads each dialect', () => {
    assert.deepEqual(parse(' hadolint ignore=DL3007'), { dialect: 'hadolint', scope: 'next', rules: [LATEST], justification: '' });
    assert.deepEqual(parse(' hadolint ignore=dl3007 # why'), { dialect: 'hadolint', scope: 'next', rules: [LATEST], justification: 'why' });
    assert.deepEqual(parse(' hadolint global ignore=DL3007'), { dialect: 'hadolint', scope: 'file', rules: [LATEST], justification: '' });
    assert.deepEqual(parse(' check=skip=JSONArgsRecommended', true), { dialect: 'buildkit', scope: 'file', rules: [LATEST], justification: '' });
    assert.deepEqual(parse(' check=error=true;skip=JSONArgsRecommended,UndefinedVar'), { dialect: 'buildkit', scope: 'next', rules: [LATEST], justification: '' });
    assert.deepEqual(parse(' trivy:ignore:AVD-DS-0001'), { dialect: 'trivy', scope: 'next', rules: [LATEST], justification: '' });
    assert.deepEqual(parse('trivy:ignore:DS001[exp:2026-06-01]'), { dialect: 'trivy', scope: 'next', rules: [LATEST], justification: '' });
    assert.equal(parse('trivy:ignore:DS001[exp:2026-05-31]'), undefined);
    assert.deepEqual(parse('checkov:skip=CKV_DOCKER_7: tag checked elsewhere'), { dialect: 'checkov', scope: 'file', rules: [LATEST], justification: 'tag checked elsewhere' });
  });

  it('leaves other comments alone', () => {
    assert.equal(parse(' check=error=true'), undefined);
    assert.equal(parse(' hadolint shell=powershell'), undefined);
    assert.equal(parse(' this mentions hadolint ignore=DL3007'), undefined);
    assert.equal(parse(' trivy ignore DS-0001'), undefined);
  });

  it('normalises Trivy ids', () => {
    assert.equal(normaliseTrivyId('AVD-DS-0002'), 'DS-0002');
    assert.equal(normaliseTrivyId('DS002'), 'DS-0002');
    assert.equal(normaliseTrivyId('ds-2'), 'DS-0002');
    assert.equal(normaliseTrivyId('DL3002'), undefined);
  });
});
