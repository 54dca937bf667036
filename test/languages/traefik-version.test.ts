// The Traefik version rules judge with: `.rampart.yaml`, a compose service's own image, a
// Dockerfile `FROM` or compose `image:` beside or above the file; and what an unknown version
// changes (fixes that rename for v3 only suggested, messages that say the version is assumed).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine/fixes';
import { versionFromImageRef } from '../../server/src/languages/traefik/version';
import { fmtRange, lintText, MemoryWorkspace, only } from '../helpers/lint';

const DYN = 'http:\n  middlewares:\n    office-only:\n      ipWhiteList:\n        sourceRange:\n          - 192.168.1.0/24\n';
const SWARM = 'providers:\n  docker:\n    swarmMode: true\n';

function lintIn(path: string, text: string, files: Record<string, string>, version?: string) {
  return lintText(text, { path, workspace: new MemoryWorkspace({ ...files, [path]: text }), config: version ? { traefikVersion: version } : undefined }).diagnostics;
}

describe('traefik version from the workspace', () => {
  it('reads Traefik image references (registry, digest, tags without a version)', () => {
    const cases: Array<[string, string | undefined]> = [
      ['traefik:v2.10', '2.10'],
      ['docker.io/library/traefik:3.1.2@sha256:0123', '3.1.2'],
      ['registry.example.com:5000/traefik:v3.2', '3.2'],
      ['traefik:latest', undefined],
      ['traefik', undefined],
      ['traefik/whoami:v1.10', undefined],
      ['nginx:1.27', undefined],
    ];
    for (const [ref, want] of cases) {
      const v = versionFromImageRef(ref);
      assert.equal(v ? `${v.major}.${v.minor}${v.patch ? `.${v.patch}` : ''}` : undefined, want, ref);
    }
  });

  it('a Dockerfile FROM traefik:v2.10 beside the static file: swarmMode is fine, ipWhiteList is not renamed', () => {
    const files = { '/w/Dockerfile': 'FROM traefik:v2.10\n' };
    assert.deepEqual(only(lintIn('/w/traefik.yml', SWARM, files), 'traefik/swarm-mode-removed'), []);
    assert.deepEqual(only(lintIn('/w/dyn.yml', DYN, files), 'traefik/deprecated-option'), []);
  });

  it('a Dockerfile two folders up, ARG substituted, is read; a nearer compose file wins', () => {
    const files = { '/w/Dockerfile': 'ARG V=v3.1\nFROM traefik:${V} AS base\nFROM base\n' };
    const d = only(lintIn('/w/conf/dynamic/dyn.yml', DYN, files), 'traefik/deprecated-option');
    assert.equal(d.length, 1);
    assert.equal(d[0]!.fixes[0]!.kind, 'safe');
    const nearer = { ...files, '/w/conf/compose.yaml': 'services:\n  proxy:\n    image: traefik:v2.10\n' };
    assert.deepEqual(only(lintIn('/w/conf/dynamic/dyn.yml', DYN, nearer), 'traefik/deprecated-option'), []);
  });

  it('.rampart.yaml wins over the Dockerfile', () => {
    const files = { '/w/Dockerfile': 'FROM traefik:v2.10\n' };
    const d = only(lintIn('/w/traefik.yml', SWARM, files, '3.0'), 'traefik/swarm-mode-removed');
    assert.deepEqual(
      d.map((x) => [fmtRange(x.range), x.message]),
      [['3:5-3:20', '"providers.docker.swarmMode" was removed in Traefik v3.0: Traefik refuses to start while it is set (Swarm services are read by providers.swarm now).']],
    );
  });

  it('unknown version: the rename and the removal are suggested, not safe, and the message says the version is assumed', () => {
    const d = only(lintIn('/w/dyn.yml', DYN, {}), 'traefik/deprecated-option');
    assert.equal(d.length, 1);
    assert.deepEqual(
      d[0]!.fixes.map((f) => [f.title, f.kind]),
      [['Rename "ipWhiteList" to "ipAllowList" (needs Traefik v2.11 or later)', 'suggest']],
    );
    const fixed = applyEdits(DYN, d[0]!.fixes[0]!.edits);
    assert.deepEqual(only(lintIn('/w/dyn.yml', fixed, {}), 'traefik/deprecated-option'), []);

    const headers = 'http:\n  middlewares:\n    sec:\n      headers:\n        sslRedirect: true\n        frameDeny: true\n';
    const h = only(lintIn('/w/dyn.yml', headers, {}), 'traefik/deprecated-option');
    assert.deepEqual(
      h.map((x) => [x.message, x.fixes.map((f) => f.kind)]),
      [
        [
          'Headers option "sslRedirect" of middleware "sec" does nothing on Traefik v3 (the current release: no image tag or traefik.version setting says which version runs here): v3 still accepts it but ignores it, so requests are not redirected to HTTPS.',
          ['suggest'],
        ],
      ],
    );
    const known = only(lintIn('/w/dyn.yml', headers, { '/w/Dockerfile': 'FROM traefik:v3.2\n' }), 'traefik/deprecated-option');
    assert.deepEqual(
      known.map((x) => [x.message, x.fixes.map((f) => f.kind)]),
      [['Headers option "sslRedirect" of middleware "sec" does nothing on Traefik v3.2: v3 still accepts it but ignores it, so requests are not redirected to HTTPS.', ['safe']]],
    );
  });
});

describe('traefik version per compose service', () => {
  const compose = (first: string, second: string) => `services:\n${first}${second}`;
  const v3 = '  proxy:\n    image: traefik:v3.1\n    command:\n      - --providers.swarm=true\n';
  const v2 = '  proxy3:\n    image: traefik:2.11\n    command:\n      - --providers.docker.swarmMode=true\n';

  it('a v2 service beside a v3 one keeps swarmMode, in either order', () => {
    for (const text of [compose(v3, v2), compose(v2, v3)]) assert.deepEqual(only(lintIn('/w/compose.yaml', text, {}), 'traefik/swarm-mode-removed'), [], text);
  });

  it('the v3 service is judged by its own tag', () => {
    const v3swarm = '  proxy:\n    image: traefik:v3.1\n    command:\n      - --providers.docker.swarmMode=true\n';
    for (const text of [compose(v3swarm, v2), compose(v2, v3swarm)]) {
      const d = only(lintIn('/w/compose.yaml', text, {}), 'traefik/swarm-mode-removed');
      assert.deepEqual(
        d.map((x) => x.message),
        ['Flag "--providers.docker.swarmMode" in service "proxy" was removed in Traefik v3.1: Traefik refuses to start while it is set (Swarm services are read by providers.swarm now).'],
      );
    }
  });
});
