// engine/text.ts flatText: lint() reads every text through it; it must never change a character,
// or every offset after it would move.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flatText } from '../../server/src/engine/text';
import { lint } from '../../server/src/engine/lint';
import { DEFAULT_CONFIG } from '../../server/src/engine/config';
import type { WorkspaceView } from '../../server/src/engine/types';

test('a rope comes back with the same characters', () => {
  const parts = ['services:\n', '  web:\n', '    image: nginx:latest\n', '    privileged: true\n'];
  let rope = '';
  for (const p of parts) rope += p;
  assert.equal(flatText(rope), parts.join(''));
  assert.equal(flatText(''), '');
});

test('text not in normal form is returned as it is, not normalized', () => {
  // "é" written as e + combining acute (NFD), and the angstrom sign (NFC makes it Å, U+00C5).
  for (const s of ['# cafe\u0301\nservices: {}\n', 'labels: ["\u212b"]\n']) {
    assert.notEqual(s.normalize(), s, 'the case is one normalize() would change');
    assert.equal(flatText(s), s);
    assert.equal(flatText(s).length, s.length);
  }
});

test('non-ASCII text in normal form and lone surrogates keep every code unit', () => {
  for (const s of ['# 日本 ☕ café\nservices: {}\n', 'x: "\ud800"\n', 'x: "\udc00y"\n']) {
    const out = flatText(s);
    assert.equal(out.length, s.length);
    for (let i = 0; i < s.length; i++) assert.equal(out.charCodeAt(i), s.charCodeAt(i), `code unit ${i}`);
  }
});

test('lint gives the same findings for a rope and for a flat string', () => {
  const workspace: WorkspaceView = { readFile: () => undefined, exists: () => false };
  const flat = 'services:\n  web:\n    image: nginx:latest\n    privileged: true\n    ports: ["80:80"]\n';
  let rope = '';
  for (const line of flat.split(/(?<=\n)/)) rope += line;
  const a = lint('/w/compose.yaml', flat, { config: DEFAULT_CONFIG, workspace })!;
  const b = lint('/w/compose.yaml', rope, { config: DEFAULT_CONFIG, workspace })!;
  assert.ok(a.diagnostics.length > 0);
  assert.deepEqual(
    b.diagnostics.map((d) => [d.rule, d.range, d.message]),
    a.diagnostics.map((d) => [d.rule, d.range, d.message]),
  );
});
