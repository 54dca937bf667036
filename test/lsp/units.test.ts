// The server's pure helpers, without a connection: settings normalisation, minimal diff edits,
// suppression edits on edge-case documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeSettings, settingsLayer, DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { diffEdits } from '../../server/src/lsp/text-diff';
import { disableFileEdit, disableLineEdit, statementStart } from '../../server/src/lsp/suppress-edits';
import { wanted } from '../../server/src/lsp/code-actions';
import { applyEdits } from '../../server/src/engine/fixes';
import { parseDockerfile } from '../../server/src/languages/dockerfile/parse';

test('settings: garbage falls back to defaults value by value', () => {
  assert.deepEqual(normalizeSettings(null), DEFAULT_SETTINGS);
  assert.deepEqual(normalizeSettings('x'), DEFAULT_SETTINGS);
  const s = normalizeSettings({
    enable: 'yes',
    profile: 'strict',
    rules: { 'dockerfile/image-latest': 'off', 'dockerfile/add-instead-of-copy': 'loud', x: 3 },
    diagnosticMode: 'workspace',
    maxFileSize: -1,
    trace: { server: 'verbose' },
  });
  assert.deepEqual(s, {
    enable: true,
    profile: 'strict',
    rules: { 'dockerfile/image-latest': 'off' },
    diagnosticMode: 'workspace',
    maxFileSize: 2 * 1024 * 1024,
    trace: 'verbose',
  });
  assert.deepEqual(settingsLayer(s), { profile: 'strict', rules: { 'dockerfile/image-latest': 'off' } });
  assert.deepEqual(settingsLayer(normalizeSettings({})), { rules: {} });
});

test('diff edits are minimal and reproduce the target text', () => {
  const a = 'FROM x\nADD a /a\nRUN y\nADD b /b\n';
  const b = 'FROM x\nCOPY a /a\nRUN y\nCOPY b /b\n';
  const edits = diffEdits(a, b);
  assert.deepEqual(edits, [
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, newText: 'COPY' },
    { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 3 } }, newText: 'COPY' },
  ]);
  assert.equal(applyEdits(a, edits), b);
  for (const [x, y] of [
    ['', 'a\n'],
    ['a\n', ''],
    ['a\r\nb\r\n', 'a\r\nc\r\nb\r\n'],
    ['one', 'one\ntwo'],
    ['same', 'same'],
  ] as const) {
    assert.equal(applyEdits(x, diffEdits(x, y)), y, JSON.stringify([x, y]));
  }
});

test('suppression edits: directive-only files, CRLF, and the instruction that holds a continuation line', () => {
  const onlyDirective = parseDockerfile('# syntax=docker/dockerfile:1');
  const e = disableFileEdit(onlyDirective, 'dockerfile/image-latest');
  assert.equal(applyEdits('# syntax=docker/dockerfile:1', [e]), '# syntax=docker/dockerfile:1\n# rampart-ignore-file dockerfile/image-latest');

  const crlf = 'FROM alpine:latest\r\nRUN a \\\r\n  && b\r\n';
  const parsed = parseDockerfile(crlf);
  assert.equal(statementStart(parsed, 2), 1);
  assert.equal(applyEdits(crlf, [disableLineEdit(parsed, 'dockerfile/image-latest', 2)]), 'FROM alpine:latest\r\n# rampart-ignore dockerfile/image-latest\r\nRUN a \\\r\n  && b\r\n');
  assert.equal(applyEdits(crlf, [disableFileEdit(parsed, 'dockerfile/image-latest')]), '# rampart-ignore-file dockerfile/image-latest\r\nFROM alpine:latest\r\nRUN a \\\r\n  && b\r\n');

  // A bare `# rampart-ignore` above gets the rule without a comma.
  const bare = '# rampart-ignore\nFROM alpine:latest\n';
  assert.equal(applyEdits(bare, [disableLineEdit(parseDockerfile(bare), 'dockerfile/image-latest', 1)]), '# rampart-ignore dockerfile/image-latest\nFROM alpine:latest\n');
});

test('code action kinds match the request filter hierarchically', () => {
  assert.ok(wanted('quickfix.rampart.docs', undefined));
  assert.ok(wanted('quickfix.rampart.docs', ['quickfix']));
  assert.ok(wanted('source.fixAll.rampart', ['source']));
  assert.ok(wanted('source.fixAll.rampart', ['source.fixAll']));
  assert.ok(!wanted('source.fixAll.rampart', ['source.fixAll.eslint']));
  assert.ok(!wanted('quickfix.rampart.docs', ['quick']));
});
