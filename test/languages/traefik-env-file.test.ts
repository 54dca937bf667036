// TRAEFIK_* variables a Traefik service reads from its env_file(s): judged like `environment:`
// entries, reported on the env_file item (the message names the variable and the file, never the
// value), with related information at the variable's line, and no fix that edits the item.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fmtRange, lintText, MemoryWorkspace, only } from '../helpers/lint';
import type { Diagnostic } from '../../server/src/engine/types';

const ENV = '# Traefik\nTRAEFIK_API_INSECURE=true\nTRAEFIK_ENTRYPOINTS_WEB_ADDRESS=:80\n';

function lintCompose(text: string, files: Record<string, string>): Diagnostic[] {
  const path = '/w/compose.yaml';
  return lintText(text, { path, workspace: new MemoryWorkspace({ ...files, [path]: text }) }).diagnostics;
}

function summary(ds: Diagnostic[]) {
  return ds.map((d) => ({ range: fmtRange(d.range), message: d.message, related: (d.related ?? []).map((r) => `${r.path ?? ''}@${fmtRange(r.range)}: ${r.message}`), fixes: d.fixes.length }));
}

const INSECURE = (file: string, svc = 'proxy') =>
  `Variable "TRAEFIK_API_INSECURE" from env_file "${file}" in service "${svc}" is true: Traefik serves its API and dashboard without authentication on the "traefik" entry point (port 8080), so anyone who reaches that port can read every router, service and middleware.`;

describe('traefik: env_file variables of a Traefik service', () => {
  it('string form: api-insecure on the path, related info at the line, no fix', () => {
    const text = 'services:\n  proxy:\n    image: traefik:v3.1\n    env_file: traefik.env\n';
    assert.deepEqual(summary(only(lintCompose(text, { '/w/traefik.env': ENV }), 'traefik/api-insecure')), [
      { range: '4:15-4:26', message: INSECURE('traefik.env'), related: ['/w/traefik.env@2:1-2:26: TRAEFIK_API_INSECURE is set here'], fixes: 0 },
    ]);
  });

  it('list and long forms; a later env_file wins over an earlier one; paths relative to the compose file', () => {
    const files = { '/w/env/on.env': 'TRAEFIK_API_INSECURE=true\n', '/w/env/off.env': 'TRAEFIK_API_INSECURE=false\n' };
    const list = (a: string, b: string) => `services:\n  proxy:\n    image: traefik:v3.1\n    env_file:\n      - ${a}\n      - path: ${b}\n        required: true\n`;
    assert.deepEqual(only(lintCompose(list('./env/on.env', './env/off.env'), files), 'traefik/api-insecure'), []);
    assert.deepEqual(summary(only(lintCompose(list('./env/off.env', './env/on.env'), files), 'traefik/api-insecure')), [
      { range: '6:15-6:27', message: INSECURE('env/on.env'), related: ['/w/env/on.env@1:1-1:26: TRAEFIK_API_INSECURE is set here'], fixes: 0 },
    ]);
  });

  it('environment: wins over env_file; a missing optional file and a pass-through variable say nothing', () => {
    const both = 'services:\n  proxy:\n    image: traefik:v3.1\n    env_file: traefik.env\n    environment:\n      TRAEFIK_API_INSECURE: "false"\n';
    assert.deepEqual(only(lintCompose(both, { '/w/traefik.env': ENV }), 'traefik/api-insecure'), []);
    const optional = 'services:\n  proxy:\n    image: traefik:v3.1\n    env_file:\n      - path: missing.env\n        required: false\n';
    assert.deepEqual(only(lintCompose(optional, {}), 'traefik/api-insecure'), []);
    const passThrough = 'services:\n  proxy:\n    image: traefik:v3.1\n    env_file: traefik.env\n';
    assert.deepEqual(only(lintCompose(passThrough, { '/w/traefik.env': 'TRAEFIK_API_INSECURE\n' }), 'traefik/api-insecure'), []);
  });

  it('a service that is not Traefik: its env file is not judged', () => {
    const text = 'services:\n  app:\n    image: ghcr.io/acme/app:1\n    env_file: traefik.env\n';
    assert.deepEqual(only(lintCompose(text, { '/w/traefik.env': ENV }), 'traefik/api-insecure'), []);
  });

  it('static-config-conflict names the env file and points at each ignored variable', () => {
    const text = 'services:\n  proxy:\n    image: traefik:v3.1\n    command:\n      - --providers.docker=true\n    env_file: traefik.env\n';
    assert.deepEqual(summary(only(lintCompose(text, { '/w/traefik.env': ENV }), 'traefik/static-config-conflict')), [
      {
        range: '6:5-6:13',
        message:
          'Service "proxy" passes static flags in "command", so Traefik ignores its 2 TRAEFIK_* variables from env_file "traefik.env": it reads one static source (a file, else flags, else environment), and settings written only in the others have no effect.',
        related: ['@4:5-4:12: Traefik reads these flags instead', '/w/traefik.env@2:1-2:26: TRAEFIK_API_INSECURE is ignored', '/w/traefik.env@3:1-3:36: TRAEFIK_ENTRYPOINTS_WEB_ADDRESS is ignored'],
        fixes: 0,
      },
    ]);
  });

  it('a provider enabled from an env file: exposed-by-default names the variable and the file', () => {
    const text = 'services:\n  proxy:\n    image: traefik:v3.1\n    env_file: traefik.env\n';
    assert.deepEqual(summary(only(lintCompose(text, { '/w/traefik.env': 'TRAEFIK_PROVIDERS_DOCKER=true\n' }), 'traefik/exposed-by-default')), [
      {
        range: '4:15-4:26',
        message:
          'The Docker provider in service "proxy" (set by "TRAEFIK_PROVIDERS_DOCKER" from env_file "traefik.env") is enabled without "exposedByDefault: false": every container it sees gets a router by default, including databases and admin tools never meant to be public.',
        related: ['/w/traefik.env@1:1-1:30: TRAEFIK_PROVIDERS_DOCKER is set here'],
        fixes: 0,
      },
    ]);
  });

  it('the next lint of the same compose text reads the env file again (a changed file is seen)', () => {
    const text = 'services:\n  proxy:\n    image: traefik:v3.1\n    env_file: traefik.env\n';
    assert.equal(only(lintCompose(text, { '/w/traefik.env': ENV }), 'traefik/api-insecure').length, 1);
    assert.equal(only(lintCompose(text, { '/w/traefik.env': 'TRAEFIK_API_INSECURE=false\n' }), 'traefik/api-insecure').length, 0);
    assert.equal(only(lintCompose(text, { '/w/traefik.env': ENV }), 'traefik/api-insecure').length, 1);
  });
});
