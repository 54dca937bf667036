// What one lint builds must not outlive the next parse of its file, and re-linting one cached
// parse must not pile anything onto it: a model kept through the next keystroke's parse is copied
// and promoted by the young-generation collections (the compose bench's p95 doubled), and a memo
// made per lint added a symbol property (and kept a whole view) on the document every time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/engine/config';
import { forgetDocument, lint, ParseCache } from '../../server/src/engine/lint';
import type { Language, WorkspaceView } from '../../server/src/engine/types';
import { parsedCompose } from '../../server/src/languages/compose/project';
import { parsedTraefik } from '../../server/src/languages/traefik/parse';

const workspace: WorkspaceView = { readFile: () => undefined, exists: () => false };
const config = mergeConfig(DEFAULT_CONFIG, { profile: 'strict' });

const TRAEFIK = `http:
  routers:
    app:
      rule: Host(\`app.example.com\`)
      service: app
      middlewares: [auth]
  middlewares:
    auth:
      basicAuth:
        users: ["admin:$apr1$x$y"]
  services:
    app:
      loadBalancer:
        servers:
          - url: http://app:8080
`;

const COMPOSE = `services:
  proxy:
    image: traefik:v3.1
    command: ["--api.dashboard=true", "--providers.docker=true"]
  app:
    image: nginx:1.27
    labels:
      - traefik.enable=true
      - traefik.http.routers.app.rule=Host(\`app.example.com\`)
`;

/** Own symbol properties of every object reachable from `root` (bounded walk). */
function symbolCount(root: object): number {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  let n = 0;
  while (stack.length > 0 && seen.size < 200_000) {
    const o = stack.pop();
    if (typeof o !== 'object' || o === null || seen.has(o)) continue;
    seen.add(o);
    n += Object.getOwnPropertySymbols(o).length;
    for (const k of Object.getOwnPropertyNames(o)) {
      const d = Object.getOwnPropertyDescriptor(o, k);
      if (d && 'value' in d) stack.push(d.value);
    }
  }
  return n;
}

for (const [language, path, text] of [
  ['traefik', '/p/dynamic.yml', TRAEFIK],
  ['compose', '/p/compose.yaml', COMPOSE],
] as Array<[Language, string, string]>) {
  test(`${language}: re-linting one cached parse adds nothing to it`, () => {
    const cache = new ParseCache();
    const first = lint(path, text, { config, workspace, language, cache, version: 1 })!;
    const model = (cache.get(path, 1, language) as { model: object }).model;
    const after1 = symbolCount(model);
    for (let k = 0; k < 20; k++) {
      const again = lint(path, text, { config, workspace, language, cache, version: 1 })!;
      assert.deepEqual(
        again.diagnostics.map((d) => `${d.rule} ${d.range.start.line}:${d.range.start.character}`),
        first.diagnostics.map((d) => `${d.rule} ${d.range.start.line}:${d.range.start.character}`),
      );
    }
    assert.equal(symbolCount(model), after1, 'no memo piles up on the document');
  });

  test(`${language}: each cache holds one version of the file`, () => {
    const cache = new ParseCache();
    lint(path, text, { config, workspace, language, cache, version: 1 });
    assert.ok(cache.get(path, 1, language));
    const plugin = language === 'compose' ? parsedCompose : parsedTraefik;
    // The module caches shared with project loading and the Traefik graph hold the latest text only.
    const v1 = plugin(path, text);
    assert.equal(plugin(path, text), v1, 'the same text is served from the cache');
    const v2 = plugin(path, `${text}# edited\n`);
    assert.notEqual(v2, v1);
    assert.equal(plugin(path, `${text}# edited\n`), v2);
    lint(path, `${text}# v2\n`, { config, workspace, language, cache, version: 2 });
    assert.equal(cache.get(path, 1, language), undefined, 'the old version is gone');
    assert.ok(cache.get(path, 2, language));
  });
}

test('no WeakRef on the lint path: V8 keeps its target until the running job ends', async () => {
  // A WeakRef to a lint's context, kept on a cached model, retained every context (and its views
  // and graphs) of a synchronous loop of lints: the compose bench's p95 went from 20 to 117 ms.
  const { readdirSync, readFileSync, statSync } = await import('node:fs');
  const { join } = await import('node:path');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts') && /new WeakRef\b/.test(readFileSync(p, 'utf8'))) found.push(p);
    }
  };
  walk(join(__dirname, '..', '..', '..', 'server', 'src'));
  assert.deepEqual(found, []);
});

test('forgetDocument drops every parse the engine keeps of a path, and nothing else', () => {
  // The language server releases them before collecting the young generation (lsp/idle-gc.ts).
  const cache = new ParseCache();
  lint('/w/compose.yaml', COMPOSE, { config, workspace, language: 'compose', cache, version: 1 });
  lint('/w/dynamic.yml', TRAEFIK, { config, workspace, language: 'traefik', cache, version: 1 });
  const compose = parsedCompose('/w/compose.yaml', COMPOSE);
  const traefik = parsedTraefik('/w/dynamic.yml', TRAEFIK);
  assert.equal(cache.get('/w/compose.yaml', 1, 'compose'), compose, 'the lint parsed through the plugin cache');
  assert.equal(parsedCompose('/w/compose.yaml', COMPOSE), compose);

  forgetDocument('/w/compose.yaml', cache);
  assert.equal(cache.get('/w/compose.yaml', 1, 'compose'), undefined);
  const again = parsedCompose('/w/compose.yaml', COMPOSE);
  assert.notEqual(again, compose, 'parsed anew');
  assert.deepEqual(again.model.services.map((s) => s.name), compose.model.services.map((s) => s.name));
  // The other document keeps its parses.
  assert.equal(cache.get('/w/dynamic.yml', 1, 'traefik'), traefik);
  assert.equal(parsedTraefik('/w/dynamic.yml', TRAEFIK), traefik);

  forgetDocument('/w/dynamic.yml', cache);
  assert.equal(cache.get('/w/dynamic.yml', 1, 'traefik'), undefined);
  assert.notEqual(parsedTraefik('/w/dynamic.yml', TRAEFIK), traefik);
});
