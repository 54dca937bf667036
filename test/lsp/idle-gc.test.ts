// lsp/idle-gc.ts: the young generation is collected when the user pauses and it would not hold
// four lints like the largest recent one; when lints come back to back, before the lint that
// would not fit, after the document's previous parses are released.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IdleCollector, type NewSpace } from '../../server/src/lsp/idle-gc';

/** The collector's idle time in these tests (ms), and a wait well past it. */
const IDLE = 5;
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, IDLE * 6));

/** A young generation whose use the test scripts: each read takes the next value. */
function scripted(values: NewSpace[]): () => NewSpace {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)]!;
}

test('a lint that leaves too little room is followed by one collection when the user pauses', async () => {
  const events: string[] = [];
  // before, after (the lint took 4 MB), then at the idle check 10 MB are left (< 4 × 4 MB).
  const idle = new IdleCollector(() => events.push('collect'), scripted([{ used: 10e6, available: 24e6 }, { used: 14e6, available: 20e6 }, { used: 14e6, available: 10e6 }]), IDLE);
  assert.equal(
    idle.around(() => {
      events.push('lint');
      return 'report';
    }),
    'report',
  );
  assert.deepEqual(events, ['lint'], 'never inside the request');
  await pause();
  assert.deepEqual(events, ['lint', 'collect']);
  assert.equal(idle.collections, 1);
});

test('enough room left at the pause: no collection', async () => {
  let collections = 0;
  const idle = new IdleCollector(() => collections++, scripted([{ used: 10e6, available: 24e6 }, { used: 14e6, available: 20e6 }, { used: 14e6, available: 17e6 }]), IDLE);
  idle.around(() => undefined);
  await pause();
  assert.equal(collections, 0);
});

test('lints in quick succession: one check after the last, one collection at most', async () => {
  let collections = 0;
  const idle = new IdleCollector(
    () => collections++,
    scripted([{ used: 1e6, available: 40e6 }, { used: 5e6, available: 36e6 }, { used: 5e6, available: 36e6 }, { used: 9e6, available: 32e6 }, { used: 9e6, available: 1e6 }]),
    IDLE,
  );
  idle.around(() => 1);
  idle.around(() => 2);
  await pause();
  assert.equal(collections, 1);
});

test('back to back: the lint that would not fit releases the old parse and collects first', () => {
  const events: string[] = [];
  const idle = new IdleCollector(
    () => events.push('collect'),
    // Lint 1: before, after (4 MB). Lint 2: before (10 MB left < 16 MB), after the collection, after the lint.
    scripted([{ used: 10e6, available: 14e6 }, { used: 14e6, available: 14e6 }, { used: 14e6, available: 10e6 }, { used: 0.3e6, available: 24e6 }, { used: 4.3e6, available: 20e6 }]),
    IDLE,
  );
  idle.around(
    () => events.push('lint 1'),
    () => events.push('release'),
  );
  assert.deepEqual(events, ['lint 1'], 'the first lint: nothing known about its size yet');
  idle.around(
    () => events.push('lint 2'),
    () => events.push('release'),
  );
  assert.deepEqual(events, ['lint 1', 'release', 'collect', 'lint 2']);
  assert.equal(idle.collections, 1);
});

test('without a release callback nothing is collected before a lint', () => {
  let collections = 0;
  const idle = new IdleCollector(() => collections++, scripted([{ used: 10e6, available: 14e6 }, { used: 14e6, available: 10e6 }, { used: 14e6, available: 1e6 }]), IDLE);
  idle.around(() => 1);
  idle.around(() => 2);
  assert.equal(collections, 0);
});

test('a collection inside the lint (use went down) keeps the last estimate', async () => {
  let collections = 0;
  const idle = new IdleCollector(() => collections++, scripted([{ used: 10e6, available: 20e6 }, { used: 2e6, available: 28e6 }, { used: 2e6, available: 1e6 }]), IDLE);
  idle.around(() => 0);
  await pause();
  // Nothing known about the lint's size (0): any room is enough.
  assert.equal(collections, 0);
});

test('without gc() (no --expose-gc) the lint just runs', async () => {
  let released = 0;
  const idle = new IdleCollector(undefined, undefined, IDLE);
  assert.equal(
    idle.around(
      () => 42,
      () => released++,
    ),
    42,
  );
  await pause();
  assert.equal(idle.collections, 0);
  assert.equal(released, 0);
});

test('back to back, small lints are left to V8', () => {
  let collections = 0;
  const idle = new IdleCollector(
    () => collections++,
    // Lints of 0.3 MB in a young generation with 1 MB left: no collection before them.
    scripted([{ used: 10e6, available: 1.3e6 }, { used: 10.3e6, available: 1e6 }, { used: 10.3e6, available: 1e6 }, { used: 10.6e6, available: 0.7e6 }]),
    IDLE,
  );
  idle.around(
    () => 1,
    () => collections++,
  );
  idle.around(
    () => 2,
    () => collections++,
  );
  assert.equal(collections, 0);
});
