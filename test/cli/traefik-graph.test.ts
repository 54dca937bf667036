// The Traefik workspace graph from the command line: a compose label that uses a middleware of
// the file provider is judged against the dynamic folder the Traefik service mounts, and --fix
// applies the graph rules' safe fixes (hsts-weak) in the dynamic file.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rampart, removeTree, tempTree } from './run';

const COMPOSE = `services:
  traefik:
    image: traefik:v3.1
    command:
      - --providers.docker=true
      - --providers.file.directory=/etc/traefik/dynamic
      - --entrypoints.websecure.address=:443
      - --entrypoints.websecure.http.tls=true
    volumes:
      - ./dynamic:/etc/traefik/dynamic:ro
  app:
    image: ghcr.io/acme/app:1.4
    labels:
      - traefik.http.routers.app.rule=Host(\`app.example.com\`)
      - traefik.http.routers.app.middlewares=headers@file,secure@file,limit@file
`;
const DYNAMIC = `http:
  middlewares:
    headers:
      headers:
        stsSeconds: 300
        frameDeny: true
        contentTypeNosniff: true
    limit:
      rateLimit:
        average: 20
`;
const ONLY = ['traefik/middleware-undefined', 'traefik/hsts-weak', 'traefik/security-headers-missing', 'traefik/rate-limit-missing'];

function onlyTraefik(args: string[]): string[] {
  // Every other rule off, so the report shows the graph rules alone.
  return [...args, '--config', 'cfg.yaml'];
}

describe('rampart lint: the Traefik workspace graph', () => {
  let dir = '';
  before(() => {
    dir = tempTree({
      'compose.yaml': COMPOSE,
      'dynamic/middlewares.yml': DYNAMIC,
      'cfg.yaml': `profile: strict\nrules:\n${['compose/cap-drop-all', 'compose/healthcheck-missing', 'compose/no-new-privileges', 'compose/read-only-rootfs', 'compose/resource-limits', 'compose/pids-limit', 'compose/image-latest', 'compose/docker-socket-readonly', 'traefik/exposed-by-default'].map((r) => `  ${r}: off\n`).join('')}`,
    });
  });
  after(() => removeTree(dir));

  it('json: the label reference is resolved across the mounted folder; the dynamic file is linted with the compose static configuration', () => {
    const r = rampart(dir, onlyTraefik(['lint', '--format', 'json']));
    assert.equal(r.stderr, '');
    const report = JSON.parse(r.stdout) as { files: Array<{ path: string; diagnostics: Array<{ rule: string; message: string; range: { start: { line: number; character: number } } }> }> };
    const byFile = Object.fromEntries(report.files.map((f) => [f.path, f.diagnostics.filter((d) => ONLY.includes(d.rule)).map((d) => `${d.rule} ${d.range.start.line}:${d.range.start.character}`)]));
    assert.deepEqual(byFile, {
      'compose.yaml': ['traefik/middleware-undefined 14:58'],
      'dynamic/middlewares.yml': ['traefik/hsts-weak 4:20'],
    });
    const undef = report.files[0]!.diagnostics.find((d) => d.rule === 'traefik/middleware-undefined')!;
    assert.equal(
      undef.message,
      'Middleware "secure@file" is not defined: the file provider reads dynamic/ (1 file), and nothing there defines "secure", so Traefik leaves router "app" in service "app" out and its requests get a 404.',
    );
    assert.equal(r.code, 1);
  });

  it('--fix applies the safe hsts-weak fix in the dynamic file; the undefined reference stays reported', () => {
    const r = rampart(dir, onlyTraefik(['lint', '--fix']));
    assert.equal(r.stderr, '');
    assert.equal(readFileSync(join(dir, 'dynamic/middlewares.yml'), 'utf8'), DYNAMIC.replace('stsSeconds: 300', 'stsSeconds: 31536000').replace('contentTypeNosniff: true\n', 'contentTypeNosniff: true\n        stsIncludeSubdomains: true\n'));
    assert.match(r.stdout, /compose\.yaml:15:59: error traefik\/middleware-undefined Middleware "secure@file" is not defined/);
    assert.doesNotMatch(r.stdout, /hsts-weak/);
  });
});
