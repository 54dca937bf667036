// "Apply Mozilla intermediate TLS profile" (nginx): one code action on a TLS server block that sets
// protocols, ciphers, server cipher preference, session settings and HSTS; applying it and pulling
// again shows the server's TLS findings gone, nothing new, and the http-level headers kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { TestServer, applyEdits } from './harness';
import { MOZILLA_INTERMEDIATE } from '../../server/src/languages/nginx/rules/ssl-ciphers-weak';

const KIND = 'refactor.rewrite.rampart.tlsProfile';
const TITLE = 'Apply Mozilla intermediate TLS profile';

function editsOf(edit: WorkspaceEdit | undefined, uri: string, version: number): TextEdit[] {
  assert.ok(edit?.documentChanges, 'a versioned documentChanges edit');
  const change = edit.documentChanges[0]! as { textDocument: { uri: string; version: number }; edits: TextEdit[] };
  assert.deepEqual(change.textDocument, { uri, version });
  return change.edits;
}

const CONF = [
  'events {}', //                                        0
  'http {', //                                           1
  '    server_tokens off;', //                           2
  '    add_header X-Frame-Options DENY always;', //      3
  '    server {', //                                     4
  '        listen 443 ssl;', //                          5
  '        server_name example.com;', //                 6
  '        ssl_certificate /etc/ssl/example.crt;', //    7
  '        ssl_certificate_key /etc/ssl/example.key;', // 8
  '        ssl_protocols TLSv1 TLSv1.1 TLSv1.2;', //     9
  '        ssl_prefer_server_ciphers on;', //            10
  '        location / {', //                             11
  '            root /srv;', //                           12
  '        }', //                                        13
  '    }', //                                            14
  '    server {', //                                     15
  '        listen 80;', //                               16
  '        server_name example.com;', //                 17
  '        return 301 https://$host$request_uri;', //   18
  '    }', //                                            19
  '}', //                                                20
  '',
].join('\n');

const TLS_RULES = ['nginx/ssl-protocols-weak', 'nginx/ssl-ciphers-weak', 'nginx/ssl-session-tickets', 'nginx/hsts-missing', 'nginx/hsts-weak'];
const tlsFindings = (ds: Diagnostic[]) => ds.filter((d) => TLS_RULES.includes(String(d.code))).map((d) => `${d.code}@${d.range.start.line}`).sort();

test('on the server line: one edit sets the profile in the TLS server, keeps the inherited header, and its TLS findings go', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('nginx.conf');
    await s.open(uri, CONF, 'nginx');
    const before = await s.pullItems(uri);
    assert.ok(tlsFindings(before).includes('nginx/ssl-protocols-weak@9'), 'the weak protocols are reported');
    const actions = await s.codeActions(uri, { start: { line: 4, character: 6 }, end: { line: 4, character: 6 } }, []);
    const profile = actions.filter((a) => a.kind === KIND);
    assert.deepEqual(profile.map((a) => a.title), [TITLE]);
    const next = applyEdits(CONF, editsOf(profile[0]!.edit, uri, 1));
    assert.equal(
      next,
      [
        'events {}',
        'http {',
        '    server_tokens off;',
        '    add_header X-Frame-Options DENY always;',
        '    server {',
        '        listen 443 ssl;',
        '        server_name example.com;',
        '        ssl_certificate /etc/ssl/example.crt;',
        '        ssl_certificate_key /etc/ssl/example.key;',
        // The server now declares add_header, so it inherits none: the http level's is copied.
        '        add_header X-Frame-Options DENY always;',
        '        add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;',
        '        ssl_protocols TLSv1.2 TLSv1.3;',
        '        ssl_prefer_server_ciphers off;',
        `        ssl_ciphers ${MOZILLA_INTERMEDIATE};`,
        '        ssl_session_timeout 1d;',
        '        ssl_session_cache shared:MozSSL:10m;',
        '        ssl_session_tickets off;',
        '        location / {',
        '            root /srv;',
        '        }',
        '    }',
        '    server {',
        '        listen 80;',
        '        server_name example.com;',
        '        return 301 https://$host$request_uri;',
        '    }',
        '}',
        '',
      ].join('\n'),
    );
    // Applied: the server's TLS findings are gone and nothing new appears.
    await s.change(uri, next);
    const after = await s.pullItems(uri);
    assert.deepEqual(tlsFindings(after), []);
    const key = (d: Diagnostic) => `${d.code}\0${d.message}`;
    const old = new Set(before.map(key));
    assert.deepEqual(after.filter((d) => !old.has(key(d))).map(key), []);
    // Nothing left to apply: the action is no longer offered.
    const again = await s.codeActions(uri, { start: { line: 4, character: 6 }, end: { line: 4, character: 6 } }, []);
    assert.deepEqual(again.filter((a) => a.kind === KIND), []);
  } finally {
    await s.stop();
  }
});

test('offered on a TLS finding inside the server; not on the plain-HTTP server, and not outside nginx', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('nginx.conf');
    await s.open(uri, CONF, 'nginx');
    const items = await s.pullItems(uri);
    const weak = items.find((d) => d.code === 'nginx/ssl-protocols-weak')!;
    const onFinding = await s.codeActions(uri, weak.range, [weak]);
    assert.deepEqual(onFinding.filter((a) => a.kind === KIND).map((a) => a.title), [TITLE]);
    const onHttp = await s.codeActions(uri, { start: { line: 16, character: 9 }, end: { line: 16, character: 9 } }, []);
    assert.deepEqual(onHttp.filter((a) => a.kind === KIND), []);
    const only = await s.codeActions(uri, { start: { line: 4, character: 6 }, end: { line: 4, character: 6 } }, [], ['quickfix']);
    assert.deepEqual(only.filter((a) => a.kind === KIND), [], 'not a quick fix: only refactor requests get it');

    const docker = s.uri('Dockerfile');
    await s.open(docker, 'FROM alpine:3.20\nUSER nobody\n', 'dockerfile');
    const none = await s.codeActions(docker, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []);
    assert.deepEqual(none.filter((a) => a.kind === KIND), []);
  } finally {
    await s.stop();
  }
});

test('a one-line server block gets the directives after its brace, in the block', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('nginx.conf');
    const text = 'events {}\nhttp {\n    server { listen 443 ssl; ssl_certificate /c.pem; ssl_certificate_key /k.pem; }\n}\n';
    await s.open(uri, text, 'nginx');
    const actions = await s.codeActions(uri, { start: { line: 2, character: 5 }, end: { line: 2, character: 5 } }, []);
    const profile = actions.filter((a) => a.kind === KIND);
    assert.deepEqual(profile.map((a) => a.title), [TITLE]);
    const next = applyEdits(text, editsOf(profile[0]!.edit, uri, 1));
    await s.change(uri, next);
    assert.deepEqual(tlsFindings(await s.pullItems(uri)), []);
    assert.equal(
      next,
      [
        'events {}',
        'http {',
        '    server {',
        '        add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;',
        '        ssl_protocols TLSv1.2 TLSv1.3;',
        `        ssl_ciphers ${MOZILLA_INTERMEDIATE};`,
        '        ssl_prefer_server_ciphers off;',
        '        ssl_session_timeout 1d;',
        '        ssl_session_cache shared:MozSSL:10m;',
        '        ssl_session_tickets off;',
        '        listen 443 ssl; ssl_certificate /c.pem; ssl_certificate_key /k.pem; }',
        '}',
        '',
      ].join('\n'),
    );
  } finally {
    await s.stop();
  }
});
