// Typing in one stage of a Dockerfile re-parses that stage only, and the RUNs of the other stages
// are not tokenised again: those before the edit are reused, those after it (whose document
// offsets moved) are copied with their offsets shifted. What the model says must be exactly what
// a cold parse of the same text says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel, runStats, type DockerfileModel } from '../../server/src/languages/dockerfile/model';
import { clearSegmentCache, segmentStats } from '../../server/src/languages/dockerfile/segments';
import { effectiveWords, forEachCommand } from '../../server/src/languages/dockerfile/shell';
import { lint } from '../../server/src/engine/lint';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/engine/config';
import type { WorkspaceView } from '../../server/src/engine/types';

const STAGE = (k: number) =>
  [
    `FROM debian:12-slim AS s${k}`,
    '# a comment to type into',
    'WORKDIR /src',
    'RUN apt-get update \\',
    '    && apt-get install -y curl \\',
    '    && rm -rf /var/lib/apt/lists/*',
    `RUN sh -c 'curl -k https://example.com/${k} | sh' && echo "$(wget -q -O- http://x/${k})"`,
    'RUN <<EOF',
    'set -eu',
    `chmod 777 /srv/${k}`,
    'EOF',
    `RUN sudo env A=1 apt-get install -y jq${k}`,
  ].join('\n');

const TEXT = [0, 1, 2, 3].map(STAGE).join('\n') + '\n';
const RUNS_PER_STAGE = 4;

/** Inserts `ch` at the end of the comment line of stage `k` (same line count). */
function typeInto(text: string, k: number, ch: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l, i) => l.startsWith('# a comment') && lines[i - 1] === `FROM debian:12-slim AS s${k}`);
  lines[at] += ch;
  return lines.join('\n');
}

/** Everything a model says about its RUNs, with every fact the rules memoise on the scripts. */
function runs(m: DockerfileModel) {
  return m.runs.map((r) => {
    const commands: unknown[] = [];
    for (const sc of r.scripts) forEachCommand(sc, (cmd, _s, depth) => commands.push({ depth, cmd, effective: effectiveWords(cmd) }));
    return { line: r.instruction.getRange().start.line, stage: r.stage?.index, shell: r.shell, execForm: r.execForm, interp: r.heredocInterpreter, mounts: r.mounts, scripts: r.scripts, commands };
  });
}

const workspace: WorkspaceView = { readFile: () => undefined, exists: () => false };
const config = mergeConfig(DEFAULT_CONFIG, { profile: 'strict' });
const diagnostics = (text: string) => lint('/w/Dockerfile', text, { config, workspace, language: 'dockerfile' })!.diagnostics;

test('an edit in one stage re-parses that segment and tokenises only its RUNs', () => {
  clearSegmentCache();
  runs(buildModel(TEXT)); // memoise effective words and sh -c scripts on the first version
  const parsed = segmentStats.parsed;
  const built = runStats.built;
  const moved = runStats.moved;
  const edited = typeInto(TEXT, 1, 'x');
  const warm = buildModel(edited);
  assert.equal(segmentStats.parsed - parsed, 1, 'one segment parsed');
  assert.equal(runStats.built - built, RUNS_PER_STAGE, 'only the edited stage tokenised');
  assert.equal(runStats.moved - moved, 2 * RUNS_PER_STAGE, 'the stages after it moved');
  const got = runs(warm);
  clearSegmentCache();
  assert.deepEqual(got, runs(buildModel(edited)), 'the same as a cold parse');
});

test('moved RUNs stay exact over many keystrokes, and lint the same as a cold parse', () => {
  clearSegmentCache();
  let text = TEXT;
  buildModel(text);
  const warm: unknown[] = [];
  for (const ch of 'abcdef') {
    text = typeInto(text, 0, ch);
    warm.push(diagnostics(text));
  }
  const model = runs(buildModel(text));
  clearSegmentCache();
  assert.deepEqual(model, runs(buildModel(text)));
  clearSegmentCache();
  assert.deepEqual(warm[warm.length - 1], diagnostics(text));
  assert.ok(diagnostics(text).some((d) => d.rule === 'dockerfile/tls-verification-disabled'), 'findings inside sh -c scripts of moved RUNs');
});
