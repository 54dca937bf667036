// "Harden service <name>" (compose): one code action that applies every hardening fix of one
// service, converging like fix-all; applying it and pulling again shows those findings gone and
// the other services untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { TestServer, applyEdits } from './harness';

const HARDEN = 'refactor.rewrite.rampart.harden';

function editsOf(edit: WorkspaceEdit | undefined, uri: string, version: number): TextEdit[] {
  assert.ok(edit?.documentChanges, 'a versioned documentChanges edit');
  const change = edit.documentChanges[0]! as { textDocument: { uri: string; version: number }; edits: TextEdit[] };
  assert.deepEqual(change.textDocument, { uri, version });
  return change.edits;
}

const COMPOSE = [
  'x-common: &common', //              0
  '  restart: unless-stopped', //      1
  '  privileged: true', //             2
  '', //                               3
  'services:', //                      4
  '  web:', //                         5
  '    <<: *common', //                6
  '    image: nginx:1.27', //          7
  '    ports:', //                     8
  '      - "8080:80"', //              9
  '    volumes:', //                   10
  '      - /etc:/host/etc', //         11
  '  db:', //                          12
  '    <<: *common', //                13
  '    image: postgres:16', //         14
  '',
].join('\n');

const byService = (ds: Diagnostic[], name: string) => ds.filter((d) => String(d.message).includes(`"${name}"`)).map((d) => d.code).sort();

test('Harden service "web": one edit with every hardening fix of web, in the file\'s style; its findings gone, db untouched', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('compose.yaml');
    await s.open(uri, COMPOSE, 'dockercompose');
    const before = await s.pullItems(uri);
    const dbBefore = byService(before, 'db');
    assert.ok(byService(before, 'web').length >= 6, 'web has findings to fix');
    // On the service's key.
    const key = { start: { line: 5, character: 3 }, end: { line: 5, character: 3 } };
    const actions = await s.codeActions(uri, key, []);
    const harden = actions.filter((a) => a.kind === HARDEN);
    assert.deepEqual(harden.map((a) => a.title), ['Harden service "web"']);
    const next = applyEdits(COMPOSE, editsOf(harden[0]!.edit, uri, 1));
    assert.equal(
      next,
      [
        'x-common: &common',
        '  restart: unless-stopped',
        '  privileged: true',
        '',
        'services:',
        '  web:',
        '    <<: *common',
        '    image: nginx:1.27',
        '    ports:',
        '      - "127.0.0.1:8080:80"',
        '    volumes:',
        '      - /etc:/host/etc:ro',
        '    privileged: false',
        '    cap_drop:',
        '      - ALL',
        '    healthcheck:',
        '      test: ["CMD-SHELL", "curl -fsS http://localhost:80/health || exit 1"]',
        '      interval: 30s',
        '      timeout: 5s',
        '      retries: 3',
        '      start_period: 10s',
        '    security_opt:',
        '      - no-new-privileges:true',
        '    read_only: true',
        '    tmpfs:',
        '      - /tmp',
        '    deploy:',
        '      resources:',
        '        limits:',
        '          cpus: "1.0"',
        '          memory: 512M',
        '  db:',
        '    <<: *common',
        '    image: postgres:16',
        '',
      ].join('\n'),
    );
    await s.change(uri, next);
    const after = await s.pullItems(uri);
    assert.deepEqual(byService(after, 'web'), [], 'every finding of web is gone');
    assert.deepEqual(byService(after, 'db'), dbBefore, 'db keeps its findings');
  } finally {
    await s.stop();
  }
});

test('Harden service is offered on a finding of the service, not on other files, and not when nothing is left to fix', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('compose.yaml');
    await s.open(uri, COMPOSE, 'dockercompose');
    const items = await s.pullItems(uri);
    // The anchored privileged: true is reported for web and db: the action is offered for both.
    const priv = items.filter((d) => d.code === 'compose/privileged');
    assert.equal(priv.length, 2);
    const onAnchor = await s.codeActions(uri, priv[0]!.range, priv);
    assert.deepEqual(onAnchor.filter((a) => a.kind === HARDEN).map((a) => a.title), ['Harden service "web"', 'Harden service "db"']);
    // Only refactors asked for: the harden actions alone.
    const only = await s.codeActions(uri, priv[0]!.range, priv, ['refactor']);
    assert.deepEqual(only.map((a) => a.kind), [HARDEN, HARDEN]);
    // A hardened service offers nothing more.
    const hardened = 'services:\n  api:\n    image: acme/api:1.4\n    read_only: true\n    cap_drop: [ALL]\n    security_opt: [no-new-privileges:true]\n    deploy: {resources: {limits: {cpus: "1", memory: 256M}}}\n    healthcheck: {test: ["CMD", "true"]}\n';
    const other = s.uri('other/compose.yaml');
    await s.open(other, hardened, 'dockercompose');
    assert.deepEqual((await s.codeActions(other, { start: { line: 1, character: 3 }, end: { line: 1, character: 3 } }, [])).filter((a) => a.kind === HARDEN), []);
    // Not in a Dockerfile.
    const df = s.uri('Dockerfile');
    await s.open(df, 'FROM alpine:3.20\nUSER nobody\n');
    assert.deepEqual(await s.codeActions(df, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['refactor']), []);
  } finally {
    await s.stop();
  }
});
