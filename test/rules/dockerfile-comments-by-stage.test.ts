// dockerfile-ast's organizeComments, replaced by a binary search over the build stages
// (ast-memo.ts): every comment still goes to the stage, or the instructions before the first FROM,
// that dockerfile-ast's own loop (every comment against every stage) gives it, in the same order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { Util } from 'dockerfile-ast/lib/util';
import { organizeCommentsByStage } from '../../server/src/languages/dockerfile/ast-memo';
import { rng } from '../bench/generate';
import { repoRoot } from '../helpers/paths';

organizeCommentsByStage();

type Pos = { line: number; character: number };
type Span = { start: Pos; end: Pos };
interface Template {
  getRange(): Span;
  getComments(): unknown[];
}
interface Internals {
  getComments(): Array<{ getRange(): Span }>;
  initialInstructions: Template;
  buildStages: Template[];
}

/** What the library's loop gives: for each template, the comments it holds, in order. */
function expected(d: Internals): unknown[][] {
  const out: unknown[][] = [[], ...d.buildStages.map(() => [])];
  for (const c of d.getComments()) {
    if (Util.isInsideRange(c.getRange().end, d.initialInstructions.getRange())) out[0]!.push(c);
    else d.buildStages.forEach((s, k) => Util.isInsideRange(c.getRange().start, s.getRange()) && out[k + 1]!.push(c));
  }
  return out;
}

function check(text: string, label: string): void {
  const d = DockerfileParser.parse(text) as unknown as Internals;
  const actual = [d.initialInstructions.getComments(), ...d.buildStages.map((s) => s.getComments())];
  assert.deepEqual(
    actual.map((cs) => cs.length),
    expected(d).map((cs) => cs.length),
    label,
  );
  expected(d).forEach((cs, k) => cs.forEach((c, i) => assert.equal(actual[k]![i], c, `${label}: template ${k}, comment ${i}`)));
}

const LINES = ['FROM alpine:3.20 AS a', 'from scratch', '# a comment', '   # indented', '#', 'RUN echo a \\', '  # inside a continuation', '  && echo b', 'RUN <<EOF', 'echo in a heredoc', '# heredoc line', 'EOF', '', 'ARG V=1', 'USER app', '# escape=`', 'COPY . /app'];
const EOLS = ['\n', '\r\n', '\r'];

test('comments land in the same build stages as dockerfile-ast puts them', () => {
  const r = rng(2026);
  for (let n = 0; n < 2000; n++) {
    const count = 1 + Math.floor(r() * 40);
    let text = '';
    for (let i = 0; i < count; i++) text += LINES[Math.floor(r() * LINES.length)]! + EOLS[r() < 0.8 ? 0 : Math.floor(r() * 3)]!;
    if (r() < 0.3) text = text.trimEnd();
    check(text, `random ${n}: ${JSON.stringify(text)}`);
  }
});

test('and in every Dockerfile fixture', () => {
  const dir = join(repoRoot(), 'test', 'fixtures', 'dockerfile');
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  const files = walk(dir);
  assert.ok(files.length > 50, `${files.length} fixtures`);
  for (const f of files) check(readFileSync(f, 'utf8'), f);
});

test('alternating FROM and comment lines: one pass, not comments × stages', () => {
  // 20,000 stages with a comment in each: 400 million range tests in the library's loop (minutes).
  const text = 'FROM a\n# c\nRUN x\n'.repeat(20_000);
  const d = DockerfileParser.parse(text) as unknown as Internals;
  assert.equal(d.buildStages.length, 20_000);
  assert.equal(d.initialInstructions.getComments().length, 0);
  assert.deepEqual(new Set(d.buildStages.map((s) => s.getComments().length)), new Set([1]));
});
