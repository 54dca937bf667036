// maskTemplates answers each line's questions (inside quotes? alone on its line? in a key?) once
// per line; the reference asks them afresh for every template. Same masks on every input, and a
// line of thousands of templates stays linear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskTemplates, maskTemplatesReference } from '../../server/src/languages/traefik/templates';

/** A small deterministic generator (no Math.random: a failure must replay). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = ['{{ .Name }}', '{{', '}}', '{{ range $k, $v := .X }}\n', '{{ end }}', '"', "'", "don't", '=', ': ', ':', '#', '[', ']', ' ', '  ', '\n', '\r\n', 'key', 'value', '\\"', 'rule: Host(`a`)', 'x.y = 1', '- ', '}}{{', 'a{{b}}c', '\t'];

test('the line-at-a-time masks equal the reference on 20,000 generated texts', () => {
  const r = rng(7);
  for (let n = 0; n < 20000; n++) {
    let text = '';
    const parts = 1 + Math.floor(r() * 40);
    for (let k = 0; k < parts; k++) text += PIECES[Math.floor(r() * PIECES.length)]!;
    assert.deepEqual(maskTemplates(text), maskTemplatesReference(text), JSON.stringify(text));
  }
});

test('hand-picked lines: keys, values, quotes, comments, table headers, whole-line templates', () => {
  const cases = [
    'http:\n  routers:\n    {{ .Name }}:\n      rule: "Host(`{{ .Domain }}`)"\n',
    '{{ range $i, $e := until 3 }}\n[http.routers.r{{ $i }}]\n  rule = "Host(`a`)"\n{{ end }}\n',
    'a: {{ .A }} # {{ .B }}\nb: \'{{ .C }}\' {{ .D }}\n',
    'key{{ .X }}: v\nk = {{ .Y }}\n[t.{{ .Z }}]\n',
    '{{ .A }}{{ .B }}: {{ .C }}{{ .D }}\n',
  ];
  for (const text of cases) assert.deepEqual(maskTemplates(text), maskTemplatesReference(text), text);
});

test('a line of 5,000 templates is masked whole (the reference took seconds)', () => {
  const text = `minVersion: ${'{{ .Name }}'.repeat(5000)}\n`;
  const m = maskTemplates(text);
  assert.equal(m.regions.length, 5000);
  assert.equal(m.text.length, text.length);
  assert.match(m.text, /^minVersion: "x{9}""x{9}"/);
});
