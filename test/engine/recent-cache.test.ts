// RecentCache: the latest values by key, the one set longest ago out first; its slots are
// overwritten in place so nothing keeps a dropped value (see engine/recent-cache.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecentCache } from '../../server/src/engine/recent-cache';

test('keeps at most its capacity, dropping the entry set longest ago', () => {
  const c = new RecentCache<number>(() => 3);
  assert.deepEqual(c.set('a', 1), []);
  c.set('b', 2);
  c.set('c', 3);
  assert.deepEqual(c.set('d', 4), [1]);
  assert.equal(c.get('a'), undefined);
  assert.equal(c.get('b'), 2);
  assert.equal(c.size, 3);
  assert.deepEqual(c.valuesOldestFirst(), [2, 3, 4]);
});

test('setting a key again makes it the newest; touch does too without setting it', () => {
  const c = new RecentCache<string>(() => 3);
  c.set('a', 'A');
  c.set('b', 'B');
  c.set('c', 'C');
  c.set('a', 'A2');
  assert.deepEqual(c.set('d', 'D'), ['B']);
  c.touch('c');
  assert.deepEqual(c.set('e', 'E'), ['A2']);
  assert.deepEqual(c.valuesOldestFirst(), ['D', 'C', 'E']);
});

test('delete, evictOldest and clear', () => {
  const c = new RecentCache<number>(() => 4);
  for (const [k, v] of [['a', 1], ['b', 2], ['c', 3]] as const) c.set(k, v);
  assert.equal(c.delete('b'), 2);
  assert.equal(c.delete('b'), undefined);
  assert.equal(c.has('b'), false);
  assert.equal(c.evictOldest(), 1);
  assert.equal(c.size, 1);
  c.set('x', 9);
  c.set('y', 10);
  assert.deepEqual(c.valuesOldestFirst(), [3, 9, 10]);
  c.clear();
  assert.equal(c.size, 0);
  assert.equal(c.evictOldest(), undefined);
  assert.equal(c.get('c'), undefined);
});

test('a capacity that shrinks drops the oldest at the next set', () => {
  let cap = 5;
  const c = new RecentCache<number>(() => cap);
  for (let i = 0; i < 5; i++) c.set(`k${i}`, i);
  cap = 2;
  assert.deepEqual(c.set('new', 99), [0, 1, 2, 3]);
  assert.deepEqual(c.valuesOldestFirst(), [4, 99]);
});

test('many sets reuse the same slots', () => {
  const c = new RecentCache<object>(() => 16);
  for (let i = 0; i < 10_000; i++) c.set(`/p/${i}`, { i });
  assert.equal(c.size, 16);
  assert.deepEqual(
    c.valuesOldestFirst().map((v) => (v as { i: number }).i),
    Array.from({ length: 16 }, (_, k) => 10_000 - 16 + k),
  );
});
