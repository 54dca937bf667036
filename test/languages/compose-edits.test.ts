// The list and mapping edits the compose fixes share: removing any set of items from a block or
// flow list, together or one at a time, always leaves a valid list with exactly the other items;
// removing pairs keeps the mapping valid.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCompose } from '../../server/src/languages/compose/parse';
import { appendToSeq, insertMapKey, mapOfPair, removePair, removeSeqItem } from '../../server/src/languages/compose/edits';
import { applyEdits } from '../../server/src/engine/fixes';
import { scalarText, type CSeq } from '../../server/src/languages/compose/tree';
import type { TextEdit } from '../../server/src/engine/types';

const PATH = '/w/compose.yaml';

function seqOf(text: string) {
  const parsed = parseCompose(text, PATH);
  assert.deepEqual(parsed.parseErrors.map((e) => e.message), []);
  const e = parsed.model.service('web')!.get('cap_add')!;
  assert.equal(e.value.kind, 'seq');
  return { model: parsed.model, seq: e.value as CSeq };
}

function itemsAfter(text: string): string[] {
  const { seq } = seqOf(text);
  return seq.items.map((it) => scalarText(it.value) ?? '');
}

const ITEMS = ['SYS_ADMIN', '"NET_ADMIN"', 'CHOWN', "'BPF'"];
const plain = (s: string) => s.replace(/^["']|["']$/g, '');

function texts(n: number): Array<{ style: string; text: string }> {
  const items = ITEMS.slice(0, n);
  return [
    { style: 'flow', text: `services:\n  web:\n    image: x:1\n    cap_add: [${items.join(', ')}]\n    restart: always\n` },
    { style: 'flow, multi-line', text: `services:\n  web:\n    image: x:1\n    cap_add: [\n      ${items.join(',\n      ')}\n    ]\n` },
    { style: 'block', text: `services:\n  web:\n    image: x:1\n    cap_add:\n${items.map((i) => `      - ${i}  # why\n`).join('')}    restart: always\n` },
    { style: 'block, compact', text: `services:\n  web:\n    image: x:1\n    cap_add:\n${items.map((i) => `    - ${i}\n`).join('')}` },
  ];
}

describe('compose edits: removeSeqItem', () => {
  for (let n = 2; n <= 4; n++) {
    for (const { style, text } of texts(n)) {
      it(`${style} list of ${n}: every proper subset, together and one at a time`, () => {
        for (let mask = 1; mask < (1 << n) - 1; mask++) {
          const removed = new Set([...Array(n).keys()].filter((i) => mask & (1 << i)));
          const { model, seq } = seqOf(text);
          const edits = new Map<number, TextEdit>();
          for (const i of removed) {
            const e = removeSeqItem(model, seq, i, removed);
            assert.ok(e, `${style} ${[...removed]}: item ${i} has an edit`);
            edits.set(i, e);
          }
          const want = ITEMS.slice(0, n).map(plain).filter((_, i) => !removed.has(i));
          assert.deepEqual(itemsAfter(applyEdits(text, [...edits.values()])), want, `${style}: remove ${[...removed]} together`);
          for (const [i, e] of edits) {
            const alone = ITEMS.slice(0, n).map(plain).filter((_, k) => k !== i);
            assert.deepEqual(itemsAfter(applyEdits(text, [e])), alone, `${style}: remove ${i} alone (planned with ${[...removed]})`);
          }
        }
      });
    }
  }

  it('refuses to empty a list (the caller removes the key instead)', () => {
    const { model, seq } = seqOf('services:\n  web:\n    image: x:1\n    cap_add: [A, B]\n');
    assert.equal(removeSeqItem(model, seq, 0, new Set([0, 1])), undefined);
  });
});

describe('compose edits: removePair and insertMapKey', () => {
  function pairEdit(text: string, key: string): string | undefined {
    const { model } = parseCompose(text, PATH);
    const e = model.service('web')!.get(key)!;
    const map = mapOfPair(model, e.pair)!;
    const edit = removePair(model, map, e.pair);
    return edit && applyEdits(text, [edit]);
  }

  it('block mapping: the pair\'s lines, nested values included', () => {
    const text = 'services:\n  web:\n    image: x:1\n    pid: host # why\n    cap_add:\n      - A\n    restart: always\n';
    assert.equal(pairEdit(text, 'pid'), 'services:\n  web:\n    image: x:1\n    cap_add:\n      - A\n    restart: always\n');
    assert.equal(pairEdit(text, 'cap_add'), 'services:\n  web:\n    image: x:1\n    pid: host # why\n    restart: always\n');
  });

  it('the only pair of a block mapping leaves `{}`, not a null', () => {
    assert.equal(pairEdit('services:\n  web:\n    pid: host\n', 'pid'), 'services:\n  web: {}\n');
    assert.equal(pairEdit('services:\n  web:\n    cap_add:\n      - A\n', 'cap_add'), 'services:\n  web: {}\n');
  });

  it('flow mapping: first, middle, last and only pair', () => {
    const t = 'services:\n  web: {image: x, pid: host, ipc: host}\n';
    assert.equal(pairEdit(t, 'image'), 'services:\n  web: {pid: host, ipc: host}\n');
    assert.equal(pairEdit(t, 'pid'), 'services:\n  web: {image: x, ipc: host}\n');
    assert.equal(pairEdit(t, 'ipc'), 'services:\n  web: {image: x, pid: host}\n');
    assert.equal(pairEdit('services:\n  web: {pid: host}\n', 'pid'), 'services:\n  web: {}\n');
  });

  it('insertMapKey adds a key to a long-syntax volume, block or flow', () => {
    const block = 'services:\n  web:\n    image: x:1\n    volumes:\n      - type: bind\n        source: /a\n        target: /b\n    restart: always\n';
    const flow = 'services:\n  web:\n    image: x:1\n    volumes: [{type: bind, source: /a, target: /b}]\n';
    for (const [text, want] of [
      [block, 'services:\n  web:\n    image: x:1\n    volumes:\n      - type: bind\n        source: /a\n        target: /b\n        read_only: true\n    restart: always\n'],
      [flow, 'services:\n  web:\n    image: x:1\n    volumes: [{type: bind, source: /a, target: /b, read_only: true}]\n'],
    ] as const) {
      const { model } = parseCompose(text, PATH);
      const vol = model.service('web')!.get('volumes')!.value;
      assert.equal(vol.kind, 'seq');
      const map = (vol as CSeq).items[0]!.value;
      assert.equal(map.kind, 'map');
      const edit = insertMapKey(model, map as never, 'read_only', { lines: [], inline: 'true', flowValue: 'true' });
      assert.ok(edit);
      assert.equal(applyEdits(text, [edit]), want);
    }
  });
});

describe('compose edits: appendToSeq', () => {
  const cases: Array<[string, string]> = [
    ['a plain item', '      - SYS_ADMIN\n'],
    ['an item starting with a dash', '      - -weird\n'],
    ['an item that is itself a list', '      - - NESTED\n'],
  ];
  for (const [what, items] of cases) {
    it(`appends at the list's own dash column after ${what}`, () => {
      const text = `services:\n  web:\n    image: x:1\n    cap_add:\n${items}    restart: always\n`;
      const { model, seq } = seqOf(text);
      const e = appendToSeq(model, seq, 'CHOWN');
      assert.ok(e);
      const after = applyEdits(text, [e]);
      assert.equal(after, `services:\n  web:\n    image: x:1\n    cap_add:\n${items}      - CHOWN\n    restart: always\n`);
      assert.equal(seqOf(after).seq.items.length, 2);
    });
  }
});
