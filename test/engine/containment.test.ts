// Containment, for every registered language plugin: a rule that throws becomes one
// rampart/internal-error naming it while every other rule's findings stand; a rule that returns
// nonsense (ranges outside the document, overlapping fix edits) is repaired before anyone sees
// it; a parser that throws (or overflows the stack) yields one diagnostic, never an exception;
// and no error text quotes the file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/engine/config';
import { lint } from '../../server/src/engine/lint';
import { plugins } from '../../server/src/engine/registry';
import { LineIndex } from '../../server/src/engine/text';
import type { Diagnostic, LanguagePlugin, Rule } from '../../server/src/engine/types';
import { FsWorkspace } from '../../server/src/node/fs-workspace';
import { describeError } from '../../server/src/engine/errors';
import { fixtureSeeds } from '../fuzz/targets';
import { testRule } from '../helpers/rules';
import { checkDiagnostics, type Failure } from '../fuzz/properties';

const config = mergeConfig(DEFAULT_CONFIG, { profile: 'strict' });
const SECRET = 'AKIAIOSFODNN7EXAMPLE';

function withRules<T>(plugin: LanguagePlugin<unknown>, rules: Rule<unknown>[], fn: () => T): T {
  plugin.rules.push(...rules);
  try {
    return fn();
  } finally {
    for (const r of rules) plugin.rules.splice(plugin.rules.indexOf(r), 1);
  }
}

function view(ds: Diagnostic[]): string[] {
  return ds.map((d) => `${d.rule} ${d.range.start.line}:${d.range.start.character} ${d.message}`);
}

for (const plugin of plugins) {
  const language = plugin.language;
  // A fixture that fires: a realistic file where other rules report something.
  const seed = fixtureSeeds(language).find((s) => /\/fires-[^/]*$/.test(s.path))!;

  describe(`containment: ${language}`, () => {
    const run = (onContained?: (rule: string, problem: string) => void) =>
      lint(seed.path, seed.text, { config, workspace: new FsWorkspace(), language, onContained })!;

    it('a throwing rule: one rampart/internal-error naming it, every other finding unchanged', () => {
      const before = run();
      assert.ok(before.diagnostics.length > 0, `${seed.path} should produce findings`);
      const contained: string[] = [];
      const after = withRules(
        plugin,
        [
          testRule(language, 'throws', () => {
            throw new TypeError('boom');
          }),
          testRule(language, 'throws-a-string', () => {
            throw 'not an Error';
          }),
        ],
        () => run((rule, problem) => contained.push(`${rule}: ${problem}`)),
      );
      const internal = after.diagnostics.filter((d) => d.rule === 'rampart/internal-error');
      assert.deepEqual(
        internal.map((d) => d.message),
        [
          'Rule test/throws failed on this file (TypeError: boom); its findings are missing. Please report this.',
          'Rule test/throws-a-string failed on this file (unknown error); its findings are missing. Please report this.',
        ],
      );
      assert.deepEqual(view(after.diagnostics.filter((d) => d.rule !== 'rampart/internal-error')), view(before.diagnostics));
      assert.deepEqual(contained, ['test/throws: threw TypeError: boom', 'test/throws-a-string: threw unknown error']);
    });

    it('an error message quoting the file is not echoed', () => {
      const after = withRules(
        plugin,
        [
          testRule(language, 'throws-json', () => {
            JSON.parse(SECRET);
            return [];
          }),
        ],
        () => run(),
      );
      const internal = after.diagnostics.find((d) => d.rule === 'rampart/internal-error')!;
      assert.match(internal.message, /^Rule test\/throws-json failed on this file \(SyntaxError: /);
      assert.ok(!internal.message.includes(SECRET.slice(0, 8)), internal.message);
    });

    it('a rule returning nonsense is repaired and reported: ranges clamped, bad fixes dropped', () => {
      const index = new LineIndex(seed.text);
      const last = index.lineCount - 1;
      const contained: string[] = [];
      const after = withRules(
        plugin,
        [
          testRule(language, 'nonsense', () => [
            {
              range: { start: { line: last + 5, character: 0 }, end: { line: -1, character: 99 } },
              message: 'x',
              related: [{ range: { start: { line: 1e9, character: 0 }, end: { line: 1e9, character: 1 } }, message: 'r' }],
              secretRanges: [{ start: { line: 0, character: -4 }, end: { line: 0, character: 1e6 } }],
              fixes: [
                {
                  title: 'overlapping',
                  kind: 'safe',
                  edits: [
                    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, newText: 'a' },
                    { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, newText: 'b' },
                  ],
                },
                { title: 'outside', kind: 'safe', edits: [{ range: { start: { line: last + 1, character: 0 }, end: { line: last + 1, character: 0 } }, newText: 'c' }] },
                { title: 'fine', kind: 'safe', edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '' }] },
              ],
            },
            // No message at all: dropped.
            { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } as never,
          ]),
        ],
        () => run((rule, problem) => contained.push(`${rule}: ${problem}`)),
      );
      const mine = after.diagnostics.filter((d) => d.rule === 'test/nonsense');
      assert.equal(mine.length, 1);
      assert.deepEqual(mine[0]!.fixes.map((f) => f.title), ['fine']);
      const failures: Failure[] = [];
      checkDiagnostics(index, after.diagnostics, failures);
      assert.deepEqual(failures, []);
      assert.equal(contained.length, 6, contained.join('\n'));
    });

    it('a throwing parser: one diagnostic, no exception; with rampart/internal-error off, nothing', () => {
      const parse = plugin.parse;
      const contained: string[] = [];
      try {
        plugin.parse = () => {
          throw new RangeError('Maximum call stack size exceeded');
        };
        const r = run((rule, problem) => contained.push(`${rule}: ${problem}`));
        assert.deepEqual(view(r.diagnostics), [
          'rampart/internal-error 0:0 Rampart could not lint this file (RangeError: Maximum call stack size exceeded); no findings are shown. Please report this.',
        ]);
        assert.deepEqual(contained, [`${language} parser: threw RangeError: Maximum call stack size exceeded`]);
        const off = lint(seed.path, seed.text, {
          config: mergeConfig(config, { rules: { 'rampart/internal-error': 'off' } }),
          workspace: new FsWorkspace(),
          language,
        })!;
        assert.deepEqual(off.diagnostics, []);
      } finally {
        plugin.parse = parse;
      }
    });
  });
}

describe('describeError', () => {
  it('keeps the class and the message, elides quoted input and credential-shaped values', () => {
    assert.equal(describeError(new TypeError("Cannot read properties of undefined (reading 'x')")), "TypeError: Cannot read properties of undefined (reading '…')");
    assert.equal(describeError(new Error(`token ${SECRET} rejected`)), 'Error: token ******** rejected');
    assert.equal(describeError('a string'), 'unknown error');
    assert.ok(describeError(new Error('x'.repeat(10_000))).length <= 210);
  });
});
