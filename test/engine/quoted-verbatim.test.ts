// quotedVerbatim decides whether a quoted key or value's text can be pointed at one character in
// (Traefik keys and labels, compose sub-ranges): only when both quotes are written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quotedVerbatim } from '../../server/src/engine/text';

test('a value between two matching quotes, as written', () => {
  assert.equal(quotedVerbatim('"web"', 'web'), true);
  assert.equal(quotedVerbatim("'web'", 'web'), true);
  assert.equal(quotedVerbatim('""', ''), true);
});

test('not when a quote is missing, mismatched or the text is escaped', () => {
  // The fuzzer's input: `"` alone at the end of the file, read as the key "".
  assert.equal(quotedVerbatim('"', ''), false);
  assert.equal(quotedVerbatim("'", ''), false);
  assert.equal(quotedVerbatim('"web', 'we'), false);
  assert.equal(quotedVerbatim('"web\'', 'web'), false);
  assert.equal(quotedVerbatim('web', 'e'), false);
  assert.equal(quotedVerbatim('"a\\"b"', 'a"b'), false);
  assert.equal(quotedVerbatim("'it''s'", "it's"), false);
});
