// lsp/json-equal.ts sameDiagnostics: the diagnostic store's "same report" test, field by field,
// must give jsonEqual's answer on every difference a report can have.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import { jsonEqual, sameDiagnostics } from '../../server/src/lsp/json-equal';

const range = (line: number, a: number, b: number) => ({ start: { line, character: a }, end: { line, character: b } });

function diag(over: Partial<Diagnostic> = {}): Diagnostic {
  return {
    range: range(3, 4, 14),
    severity: 2,
    source: 'rampart',
    code: 'compose/privileged',
    codeDescription: { href: 'https://rampart.dev/rules/compose/privileged' },
    message: 'Service "web" runs privileged.',
    relatedInformation: [{ location: { uri: 'file:///w/compose.yaml', range: range(1, 0, 4) }, message: 'anchored here' }],
    data: { rule: 'compose/privileged' },
    ...over,
  };
}

/** Both answers, which must agree. */
function same(a: Diagnostic[], b: Diagnostic[]): boolean {
  const fast = sameDiagnostics(a, b);
  assert.equal(fast, jsonEqual(a, b), 'sameDiagnostics and jsonEqual disagree');
  return fast;
}

test('equal lists, built separately, are the same', () => {
  assert.equal(same([diag(), diag({ code: 'compose/cap-drop-all' })], [diag(), diag({ code: 'compose/cap-drop-all' })]), true);
  assert.equal(same([], []), true);
});

test('a list of another length is not the same', () => {
  assert.equal(same([diag()], [diag(), diag()]), false);
});

test('each field of a diagnostic makes a difference', () => {
  const variants: Array<Partial<Diagnostic>> = [
    { range: range(3, 4, 15) },
    { range: range(4, 4, 14) },
    { severity: 1 },
    { source: 'other' },
    { code: 'compose/cap-drop-all' },
    { codeDescription: { href: 'https://rampart.dev/rules/other' } },
    { message: 'Service "api" runs privileged.' },
    { relatedInformation: [{ location: { uri: 'file:///w/compose.yaml', range: range(2, 0, 4) }, message: 'anchored here' }] },
    { relatedInformation: [{ location: { uri: 'file:///w/other.yaml', range: range(1, 0, 4) }, message: 'anchored here' }] },
    { relatedInformation: [] },
    { data: { rule: 'compose/cap-drop-all' } },
    { data: { rule: 'compose/privileged', fixes: 1 } } as Partial<Diagnostic>,
    { data: 'compose/privileged' },
    { codeDescription: { href: 'https://rampart.dev/rules/compose/privileged', title: 'x' } } as Partial<Diagnostic>,
    { tags: [1] },
  ];
  for (const v of variants) assert.equal(same([diag()], [diag(v)]), false, JSON.stringify(v));
});

test('a field present on one side only is a difference', () => {
  const { relatedInformation: _r, ...noRelated } = diag();
  const { data: _d, ...noData } = diag();
  assert.equal(same([diag()], [noRelated as Diagnostic]), false);
  assert.equal(same([noData as Diagnostic], [diag()]), false);
  // A key no diagnostic of Rampart's has is compared too.
  assert.equal(same([diag()], [{ ...diag(), extra: 1 } as Diagnostic]), false);
  assert.equal(same([{ ...diag(), extra: 1 } as Diagnostic], [{ ...diag(), extra: 1 } as Diagnostic]), true);
  assert.equal(same([{ ...diag(), extra: 1 } as Diagnostic], [{ ...diag(), extra: 2 } as Diagnostic]), false);
});
