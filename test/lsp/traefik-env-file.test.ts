// A compose file whose Traefik service reads TRAEFIK_* variables from an env_file depends on that
// file: editing it on disk (a watcher event) re-lints the compose file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestServer } from './harness';
import { URI } from '../../server/src/lsp/uri';

const COMPOSE = 'services:\n  proxy:\n    image: traefik:v3.1\n    env_file: traefik.env\n';

function insecure(items: Array<{ code?: string | number; range: { start: { line: number; character: number } } }>): string[] {
  return items.filter((d) => d.code === 'traefik/api-insecure').map((d) => `${d.range.start.line}:${d.range.start.character}`);
}

test('pull: changing the env_file on disk re-lints the compose file that reads it', async () => {
  const s = await TestServer.start();
  try {
    const envFile = s.writeFile('traefik.env', 'TRAEFIK_API_INSECURE=true\n');
    const compose = s.uri('compose.yaml');
    await s.open(compose, COMPOSE, 'dockercompose');
    const first = await s.pull(compose);
    assert.equal(first.kind, 'full');
    assert.deepEqual(insecure(first.kind === 'full' ? first.items : []), ['3:14'], 'on the env_file path');

    s.writeFile('traefik.env', 'TRAEFIK_API_INSECURE=false\n');
    const n = s.refreshes;
    await s.fileChanged([{ uri: URI.fromPath(envFile), type: 2 }]);
    await s.waitFor(() => s.refreshes > n, 'refresh after the env file changed');
    assert.deepEqual(insecure(await s.pullItems(compose)), []);
  } finally {
    await s.stop();
  }
});
