// FsWorkspace answers lookups of missing files from its folder's listing (one readdir instead of a
// stat per name), and forgets the listing when a watcher reports a change below the folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsWorkspace } from '../../server/src/node/fs-workspace';

function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-fsws-')).replace(/\\/g, '/');
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'compose.yaml'), 'services: {}\n');
  writeFileSync(join(dir, 'sub', 'Dockerfile'), 'FROM alpine:3.20\n');
  return dir;
}

test('present files, folders and missing names in a listed folder', () => {
  const dir = tree();
  try {
    const ws = new FsWorkspace();
    assert.equal(ws.exists(`${dir}/compose.yml`), false);
    assert.equal(ws.readFile(`${dir}/docker-compose.yaml`), undefined);
    assert.equal(ws.exists(`${dir}/compose.yaml`), true);
    assert.equal(ws.readFile(`${dir}/compose.yaml`), 'services: {}\n');
    assert.equal(ws.exists(`${dir}/sub`), true);
    assert.equal(ws.readFile(`${dir}/sub/Dockerfile`), 'FROM alpine:3.20\n');
    // A folder that is not there, and a path below a file: missing, not an error.
    assert.equal(ws.exists(`${dir}/nope/compose.yaml`), false);
    assert.equal(ws.readFile(`${dir}/compose.yaml/x`), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file created after its folder was listed is found once the watcher reports it', () => {
  const dir = tree();
  try {
    const ws = new FsWorkspace();
    assert.equal(ws.readFile(`${dir}/.env`), undefined);
    writeFileSync(join(dir, '.env'), 'TAG=1\n');
    ws.invalidate(`${dir}/.env`);
    assert.equal(ws.readFile(`${dir}/.env`), 'TAG=1\n');
    // A new subfolder's file: the parent's listing is dropped too.
    assert.equal(ws.exists(`${dir}/deploy`), false);
    mkdirSync(join(dir, 'deploy'));
    writeFileSync(join(dir, 'deploy', 'compose.yaml'), 'services: {}\n');
    ws.invalidate(`${dir}/deploy/compose.yaml`);
    assert.equal(ws.exists(`${dir}/deploy`), true);
    assert.equal(ws.readFile(`${dir}/deploy/compose.yaml`), 'services: {}\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a listing read by one workspace answers another (the CLI hands its walk to its workers)', () => {
  const dir = tree();
  try {
    const main = new FsWorkspace();
    assert.equal(main.knownNames(dir), undefined);
    assert.equal(main.exists(`${dir}/.env`), false);
    assert.deepEqual(main.knownNames(dir)?.sort(), ['compose.yaml', 'sub']);
    // The worker's workspace takes the listing as its own: a name missing from it is missing
    // without a look at the disk, so a file created since stays unseen, as in the main thread
    // (where names are case-sensitive: elsewhere listings are not used, see notListed).
    writeFileSync(join(dir, '.env'), 'TAG=1\n');
    const worker = new FsWorkspace();
    worker.seedNames(dir, main.knownNames(dir)!);
    assert.equal(worker.exists(`${dir}/.env`), process.platform !== 'linux');
    assert.equal(worker.readFile(`${dir}/compose.yaml`), 'services: {}\n');
    assert.equal(new FsWorkspace().exists(`${dir}/.env`), true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
