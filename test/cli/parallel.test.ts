// Large folders are linted in worker threads: the report is byte for byte the one a single
// thread writes (same files, order, findings, notes), in every format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { rampart, tempTree, writeTree } from './run';
import { generateWorkspace } from '../bench/generate';

test('worker threads and a single thread write the same report', () => {
  const dir = tempTree({ '.git/HEAD': 'ref: refs/heads/main\n' });
  try {
    generateWorkspace(dir, 120, 5);
    writeTree(dir, { 'odd/big/Dockerfile': `FROM alpine:latest\n${'# padding\n'.repeat(2500)}`, 'odd/binary/Dockerfile': Buffer.from([0x46, 0, 1]) });
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
