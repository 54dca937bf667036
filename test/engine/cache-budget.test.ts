// Batch runs (the CLI, the server's scan worker) keep few parses of other files; the editor keeps
// its larger caches. The switch is per thread (module state), and one-way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BATCH_CAPACITY, cacheCapacity, useBatchCaches } from '../../server/src/engine/cache-budget';
import { parsedCompose } from '../../server/src/languages/compose/project';

test('the editor keeps what each cache asks for, a batch run at most BATCH_CAPACITY', () => {
  assert.equal(cacheCapacity(64), 64);
  assert.equal(cacheCapacity(4), 4);
  useBatchCaches();
  assert.equal(BATCH_CAPACITY, 16);
  assert.equal(cacheCapacity(64), 16);
  assert.equal(cacheCapacity(4), 4);
});

test('in a batch run the compose cache keeps only the latest files', () => {
  useBatchCaches();
  const text = 'services:\n  app:\n    image: nginx:1.27\n';
  const first = parsedCompose('/p/0/compose.yaml', text);
  assert.equal(parsedCompose('/p/0/compose.yaml', text), first, 'kept while it is among the latest');
  for (let i = 1; i <= BATCH_CAPACITY; i++) parsedCompose(`/p/${i}/compose.yaml`, text);
  assert.notEqual(parsedCompose('/p/0/compose.yaml', text), first, 'parsed again once 16 newer files came after it');
});
