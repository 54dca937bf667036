// lsp/idle-gc.ts: after a lint, on the next turn of the event loop, the young generation is
// collected once when what is left of it would not hold two lints like the largest recent one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IdleCollector, type NewSpace } from '../../server/src/lsp/idle-gc';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A young generation whose use the test scripts: each read takes the next value. */
function scripted(values: NewSpace[]): () => NewSpace {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)]!;
}

test('a lint that leaves too little room is followed by one collection, on the next turn', async () => {
  let collections = 0;
  // before, after (the lint took 4 MB), then at the idle check only 6 MB are left (< 2 × 4 MB).
  const idle = new IdleCollector(() => collections++, scripted([{ used: 10e6, available: 20e6 }, { used: 14e6, available: 16e6 }, { used: 14e6, available: 6e6 }]));
  assert.equal(idle.around(() => 'report'), 'report');
  assert.equal(collections, 0, 'never inside the request');
  await turn();
  assert.equal(collections, 1);
  assert.equal(idle.collections, 1);
});

test('enough room left: no collection', async () => {
  let collections = 0;
  const idle = new IdleCollector(() => collections++, scripted([{ used: 10e6, available: 20e6 }, { used: 14e6, available: 16e6 }, { used: 14e6, available: 9e6 }]));
  idle.around(() => undefined);
  await turn();
  assert.equal(collections, 0);
});

test('several lints in one turn: one check, one collection at most', async () => {
  let collections = 0;
  const idle = new IdleCollector(() => collections++, scripted([{ used: 1e6, available: 20e6 }, { used: 5e6, available: 16e6 }, { used: 5e6, available: 16e6 }, { used: 9e6, available: 12e6 }, { used: 9e6, available: 1e6 }]));
  idle.around(() => 1);
  idle.around(() => 2);
  await turn();
  assert.equal(collections, 1);
});

test('a collection inside the lint (use went down) keeps the last estimate', async () => {
  let collections = 0;
  const idle = new IdleCollector(() => collections++, scripted([{ used: 10e6, available: 20e6 }, { used: 2e6, available: 28e6 }, { used: 2e6, available: 1e6 }]));
  idle.around(() => 0);
  await turn();
  // Nothing known about the lint's size (0): any room is enough.
  assert.equal(collections, 0);
});

test('without gc() (no --expose-gc) the lint just runs', async () => {
  const idle = new IdleCollector(undefined);
  assert.equal(idle.around(() => 42), 42);
  await turn();
  assert.equal(idle.collections, 0);
});
