// DependencyGraph: which documents read a changed path, for one path or a watcher batch of many.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DependencyGraph } from '../../server/src/lsp/dependencies';

test('dependents: documents whose last lint read a changed path, never the path itself', () => {
  const g = new DependencyGraph();
  g.record('/w/compose.yaml', ['/w/Dockerfile', '/w/.env', '/w/compose.yaml']);
  g.record('/w/api/compose.yaml', ['/w/api/Dockerfile']);
  g.record('/w/Dockerfile', ['/w/.dockerignore']);
  assert.deepEqual(g.dependents(['/w/Dockerfile']), ['/w/compose.yaml']);
  assert.deepEqual(g.dependents(new Set(['/w/.env', '/w/api/Dockerfile'])).sort(), ['/w/api/compose.yaml', '/w/compose.yaml']);
  assert.deepEqual(g.dependents(['/w/compose.yaml']), []);
  assert.deepEqual(g.dependents([]), []);
  // A batch larger than any document's reads, and one smaller: the same answer.
  const many = Array.from({ length: 50 }, (_, i) => `/w/other${i}`).concat('/w/.dockerignore');
  assert.deepEqual(g.dependents(many), ['/w/Dockerfile']);
  g.forget('/w/Dockerfile');
  assert.deepEqual(g.dependents(many), []);
  g.record('/w/compose.yaml', []);
  assert.deepEqual(g.dependents(['/w/Dockerfile']), []);
});
