// Traefik detection's YAML shape scan (the top-level keys and the keys one level below them) runs
// on every keystroke, so it scans without splitting the text; it must read the shape the
// split-and-trim version read, on every fixture and on generated texts (CRLF, lone CR, tabs,
// no-break spaces, BOMs, document markers, flow mappings, more than 4,000 lines).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shapeOf } from '../../server/src/languages/traefik/detect';
import { filesUnder } from '../helpers/walk';
import { repoRoot } from '../helpers/paths';

const YAML_KEY = /^(?:"([^"]*)"|'([^']*)'|([A-Za-z_][\w.-]*))[ \t]*:(?:[ \t]|$)/;

/** The split-and-trim version, kept as the reference. */
function referenceShape(text: string): Map<string, Set<string>> {
  const shape = new Map<string, Set<string>>();
  let current: Set<string> | undefined;
  let childIndent = -1;
  for (const line of text.split(/\r?\n/, 4000)) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    if (t === '---' || t === '...') {
      current = undefined;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      const m = YAML_KEY.exec(line);
      childIndent = -1;
      if (!m) {
        current = undefined;
        continue;
      }
      const key = (m[1] ?? m[2] ?? m[3]!).toLowerCase();
      current = shape.get(key) ?? new Set();
      shape.set(key, current);
      const rest = line.slice(m[0].length).trim();
      if (rest.startsWith('{')) for (const k of rest.matchAll(/[{,]\s*["']?([A-Za-z_][\w-]*)["']?\s*:/g)) current.add(k[1]!.toLowerCase());
      continue;
    }
    if (!current) continue;
    if (childIndent < 0) childIndent = indent;
    if (indent !== childIndent) continue;
    const m = YAML_KEY.exec(t.startsWith('- ') ? '' : t);
    if (m) current.add((m[1] ?? m[2] ?? m[3]!).toLowerCase());
  }
  return shape;
}

const plain = (s: Map<string, Set<string>> | undefined) => [...(s ?? [])].map(([k, v]) => [k, [...v]]);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('every YAML fixture and example reads the same shape', () => {
  const files = filesUnder(join(repoRoot(), 'test', 'fixtures'), (n) => /\.ya?ml$/.test(n));
  filesUnder(join(repoRoot(), 'examples'), (n) => /\.ya?ml$/.test(n), files);
  assert.ok(files.length > 300);
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    assert.deepEqual(plain(shapeOf('/w/x.yml', text)), plain(referenceShape(text.slice(0, 64 * 1024))), f);
  }
});

test('generated texts read the same shape', () => {
  const pieces = ['http', ':', ' ', '  ', '\t', '\n', '\r\n', '\r', '#', '---', '...', '- ', 'routers', 'a: 1', '{routers: {}}', '"q"', "'s'", '\u00a0', 'x', 'tls:', '  options:', '\ufeff'];
  const r = rng(11);
  for (let i = 0; i < 20000; i++) {
    let text = '';
    const k = 1 + Math.floor(r() * 30);
    for (let q = 0; q < k; q++) text += pieces[Math.floor(r() * pieces.length)]!;
    assert.deepEqual(plain(shapeOf('/w/x.yml', text)), plain(referenceShape(text)), JSON.stringify(text));
  }
  // Past 4,000 lines nothing more is read.
  const long = `${'# c\n'.repeat(4000)}http:\n  routers: {}\n`;
  assert.deepEqual(plain(shapeOf('/w/x.yml', long)), plain(referenceShape(long)));
  assert.deepEqual(plain(shapeOf('/w/x.yml', long)), []);
});
