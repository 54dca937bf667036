// Large folders are linted in worker threads: the report is byte for byte the one a single
// thread writes (same files, order, findings, notes), in every format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { rampart, tempTree, writeTree } from './run';
import { generateWorkspace } from '../bench/generate';

/** A compose file naming a Dockerfile nothing else claims, and one whose build context has a .dockerignore. */
const RELATED = {
  'odd/related/compose.yaml': 'services:\n  api:\n    build:\n      context: ./ctx\n      dockerfile: ../docker/app.build\n  web:\n    build: ./web\n',
  'odd/related/docker/app.build': 'FROM node:latest\nCOPY . /app\n',
  'odd/related/ctx/.dockerignore': '*\n',
  'odd/related/web/Dockerfile': 'FROM nginx:latest\nCOPY . /usr/share/nginx/html\n',
  'odd/related/web/.dockerignore': '.env\n',
};

test('worker threads and a single thread write the same report', () => {
  const dir = tempTree({ '.git/HEAD': 'ref: refs/heads/main\n' });
  try {
    generateWorkspace(dir, 120, 5);
    writeTree(dir, { 'odd/big/Dockerfile': `FROM alpine:latest\n${'# padding\n'.repeat(2500)}`, 'odd/binary/Dockerfile': Buffer.from([0x46, 0, 1]), ...RELATED });
    for (const format of ['json', 'sarif', 'text']) {
      const args = ['lint', '.', '--format', format, '--fail-on', 'never', '--max-file-size', '20000'];
      const one = rampart(dir, args, undefined, { RAMPART_WORKERS: '0' });
      const many = rampart(dir, args, undefined, { RAMPART_WORKERS: '3' });
      assert.equal(one.code, 0, one.stderr);
      assert.equal(many.code, 0, many.stderr);
      assert.equal(many.stdout, one.stdout, format);
      assert.equal(many.stderr, one.stderr, `${format} notes`);
      assert.match(one.stderr, /odd\/big\/Dockerfile: skipped, larger than 20000 bytes/);
    }
    // --fix never runs in workers (it writes files): same exit code and output either way.
    const fixOne = rampart(dir, ['lint', '.', '--fix-dry-run'], undefined, { RAMPART_WORKERS: '0' });
    const fixMany = rampart(dir, ['lint', '.', '--fix-dry-run'], undefined, { RAMPART_WORKERS: '3' });
    assert.equal(fixMany.stdout, fixOne.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('linting while walking gives what walking first, then linting, gives', () => {
  // A run with stdin takes the walk-then-lint path (discover() with its related files, then each
  // file in order): the same files, findings and notes as the plain run, which lints while it walks.
  const dir = tempTree({ '.git/HEAD': 'ref: refs/heads/main\n' });
  try {
    generateWorkspace(dir, 60, 9);
    writeTree(dir, RELATED);
    const args = ['lint', 'odd/related', '.', 'odd/related/docker/app.build', '--format', 'json', '--fail-on', 'never'];
    for (const workers of ['0', '2']) {
      const plain = rampart(dir, args, undefined, { RAMPART_WORKERS: workers });
      const walkFirst = rampart(dir, [...args, '-'], '', { RAMPART_WORKERS: workers });
      assert.equal(plain.code, 0, plain.stderr);
      const files = (out: string) => (JSON.parse(out) as { files: Array<{ path: string }> }).files.filter((f) => f.path !== '-');
      assert.deepEqual(files(plain.stdout), files(walkFirst.stdout));
      assert.equal(walkFirst.stderr.replace(/^rampart: -: .*\n/m, ''), plain.stderr);
      assert.ok(files(plain.stdout).some((f) => f.path === 'odd/related/docker/app.build'));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
