// The line break fixes insert: the file's own (LF, CRLF, or CR for old Mac files).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/engine/text';

test('the line break of the first line break, CR alone only in a file without LF', () => {
  assert.equal(new LineIndex('a\nb\n').eol, '\n');
  assert.equal(new LineIndex('a\r\nb\r\n').eol, '\r\n');
  assert.equal(new LineIndex('a\rb\r').eol, '\r');
  // A stray CR in an LF file does not make the file a CR file.
  assert.equal(new LineIndex('a\rb\nc\n').eol, '\n');
  assert.equal(new LineIndex('one line').eol, '\n');
  assert.equal(new LineIndex('').eol, '\n');
});
