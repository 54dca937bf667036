// bin/compile-cache.js: the command starts from a V8 code cache it keeps in a folder of its own,
// and whatever the cache holds (nothing, garbage, a cache made by a short run), the report is the
// one a run without it writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rampart, tempTree } from './run';

const FILES = {
  'compose.yaml': 'services:\n  web:\n    image: nginx:latest\n    privileged: true\n    ports: ["80:80"]\n',
  'Dockerfile': 'FROM node:latest\nCOPY . /app\n',
};
const ARGS = ['lint', '.', '--format', 'json', '--fail-on', 'never'];

function cacheFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.bin'));
}

test('a run writes one cache file, and runs from it, from garbage or without it report the same', () => {
  const dir = tempTree(FILES);
  const cache = join(dir, '.cache-dir');
  try {
    const without = rampart(dir, ARGS, undefined, { RAMPART_NO_COMPILE_CACHE: '1', RAMPART_CACHE_DIR: cache });
    assert.equal(without.code, 0, without.stderr);
    assert.deepEqual(readdirSync(dir).includes('.cache-dir'), false, 'RAMPART_NO_COMPILE_CACHE: no folder made');

    const first = rampart(dir, ARGS, undefined, { RAMPART_CACHE_DIR: cache });
    assert.equal(first.stdout, without.stdout);
    const written = cacheFiles(cache);
    assert.equal(written.length, 1);
    assert.match(written[0]!, new RegExp(`^cli\\.js-${process.version.replace(/\./g, '\\.')}-${process.arch}-\\d+-\\d+\\.bin$`));
    assert.equal(statSync(join(cache, written[0]!)).mode & 0o777, 0o600);
    assert.equal(statSync(cache).mode & 0o777, 0o700);

    const second = rampart(dir, ARGS, undefined, { RAMPART_CACHE_DIR: cache });
    assert.equal(second.stdout, without.stdout);
    assert.equal(second.stderr, without.stderr);

    // V8 rejects a cache that is not its own: the bundle compiles as usual and the cache is rewritten.
    writeFileSync(join(cache, written[0]!), Buffer.alloc(4096, 0xab));
    const garbage = rampart(dir, ARGS, undefined, { RAMPART_CACHE_DIR: cache });
    assert.equal(garbage.code, 0, garbage.stderr);
    assert.equal(garbage.stdout, without.stdout);
    assert.notEqual(statSync(join(cache, written[0]!)).size, 4096);

    // A stale cache of another bundle or node version is removed when a new one is written.
    writeFileSync(join(cache, 'cli.js-v0.0.0-x64-1-1.bin'), 'old');
    writeFileSync(join(cache, 'cli.js-v0.0.0-x64-1-1.bin.full'), '');
    rmSync(join(cache, written[0]!));
    rampart(dir, ARGS, undefined, { RAMPART_CACHE_DIR: cache });
    assert.deepEqual(cacheFiles(cache), written);
    // A short run's cache is not marked as a long run's (the next long run still compares sizes).
    assert.deepEqual(readdirSync(cache).sort(), written);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a cache folder others can write to is not used', { skip: process.platform === 'win32' }, () => {
  const dir = tempTree(FILES);
  const cache = join(dir, 'shared');
  try {
    mkdirSync(cache);
    chmodSync(cache, 0o777);
    const r = rampart(dir, ARGS, undefined, { RAMPART_CACHE_DIR: cache });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(cacheFiles(cache), []);
    const without = rampart(dir, ARGS, undefined, { RAMPART_NO_COMPILE_CACHE: '1' });
    assert.equal(r.stdout, without.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('worker threads start from the loader and report what one thread reports', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) Object.assign(files, { [`s${i}/compose.yaml`]: FILES['compose.yaml'], [`s${i}/Dockerfile`]: FILES.Dockerfile });
  const dir = tempTree(files);
  const cache = join(dir, '.cache-dir');
  try {
    const one = rampart(dir, ARGS, undefined, { RAMPART_WORKERS: '0', RAMPART_CACHE_DIR: cache });
    const many = rampart(dir, ARGS, undefined, { RAMPART_WORKERS: '2', RAMPART_CACHE_DIR: cache });
    assert.equal(many.code, 0, many.stderr);
    assert.equal(many.stdout, one.stdout);
    assert.equal(JSON.parse(one.stdout).files.length, 80);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
