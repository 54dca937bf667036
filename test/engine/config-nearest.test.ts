// ConfigResolver finds the nearest .rampart.yaml of a file once per folder on the way up: a
// walk over thousands of folders asked every ancestor of every folder again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigResolver } from '../../server/src/node/config-resolver';
import type { WorkspaceView } from '../../server/src/engine/types';

function workspace(files: string[]): WorkspaceView & { asked: string[] } {
  const set = new Set(files);
  const asked: string[] = [];
  return { asked, readFile: (p) => (set.has(p) ? 'profile: strict\n' : undefined), exists: (p) => (asked.push(p), set.has(p)) };
}

test('the nearest config of each folder, the deepest one winning', () => {
  const ws = workspace(['/repo/.rampart.yaml', '/repo/svc/b/.rampart.yml']);
  const r = new ConfigResolver(ws);
  assert.equal(r.configPathFor('/repo/svc/a/Dockerfile'), '/repo/.rampart.yaml');
  assert.equal(r.configPathFor('/repo/svc/b/Dockerfile'), '/repo/svc/b/.rampart.yml');
  assert.equal(r.configPathFor('/repo/svc/b/deep/er/compose.yaml'), '/repo/svc/b/.rampart.yml');
  assert.equal(r.configPathFor('/repo/Dockerfile'), '/repo/.rampart.yaml');
  assert.equal(r.configPathFor('/other/Dockerfile'), undefined);
  assert.equal(r.configPathFor('/Dockerfile'), undefined);
});

test('each folder is looked into once, however many folders share its ancestors', () => {
  const ws = workspace([]);
  const r = new ConfigResolver(ws);
  for (let i = 0; i < 100; i++) assert.equal(r.configPathFor(`/w/group/p${i}/Dockerfile`), undefined);
  // 100 project folders, then /w/group, /w and / once each, two names each.
  assert.equal(ws.asked.length, (100 + 3) * 2);
  assert.equal(new Set(ws.asked).size, ws.asked.length);
});

test('a created config is found after invalidate', () => {
  const files = ['/repo/.rampart.yaml'];
  const ws = workspace(files);
  const r = new ConfigResolver(ws);
  assert.equal(r.configPathFor('/repo/a/b/Dockerfile'), '/repo/.rampart.yaml');
  const ws2 = workspace([...files, '/repo/a/.rampart.yaml']);
  const r2 = new ConfigResolver(ws2);
  assert.equal(r2.configPathFor('/repo/a/b/Dockerfile'), '/repo/a/.rampart.yaml');
  r.invalidate();
  assert.equal(r.configPathFor('/repo/a/b/Dockerfile'), '/repo/.rampart.yaml');
});
