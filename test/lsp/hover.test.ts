// textDocument/hover: nginx directives and variables are documented from nginx.org's reference;
// other files answer nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { TestServer } from './harness';

function markdown(h: Hover | null): string {
  assert.ok(h, 'expected a hover');
  const c = h.contents as MarkupContent;
  assert.equal(c.kind, 'markdown');
  return c.value;
}

const CONF = [
  'events {}',
  'http {',
  '    server_tokens off;',
  '    server {',
  '        listen 443 ssl;',
  '        location / {',
  '            proxy_pass http://app$request_uri;',
  '            more_set_headers "Server: x";',
  '        }',
  '    }',
  '}',
  'stream {',
  '    server {',
  '        proxy_pass db:5432;',
  '    }',
  '}',
  '',
].join('\n');

test('hover on an nginx directive: syntax, default, context, trimmed docs and the nginx.org link', async () => {
  const s = await TestServer.start();
  try {
    assert.equal(s.initializeResult.capabilities.hoverProvider, true);
    const uri = s.uri('nginx.conf');
    await s.open(uri, CONF, 'nginx');

    const tokens = await s.hover(uri, 2, 6);
    assert.deepEqual(tokens?.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 17 } });
    const md = markdown(tokens);
    assert.ok(md.startsWith('**`server_tokens`** · ngx_http_core_module\n'), md);
    assert.ok(md.includes('**Syntax:** `server_tokens` `on` | `off` | `build` | *`string`*;'), md);
    assert.ok(md.includes('**Default:** `server_tokens on;`'), md);
    assert.ok(md.includes('**Context:** http, server, location'), md);
    assert.ok(md.endsWith('[nginx.org documentation](https://nginx.org/en/docs/http/ngx_http_core_module.html#server_tokens)'), md);

    // The same name documents the module of the block it is written in.
    const httpPass = markdown(await s.hover(uri, 6, 15));
    assert.ok(httpPass.startsWith('**`proxy_pass`** · ngx_http_proxy_module'), httpPass);
    const streamPass = markdown(await s.hover(uri, 13, 10));
    assert.ok(streamPass.startsWith('**`proxy_pass`** · ngx_stream_proxy_module'), streamPass);
    assert.ok(streamPass.includes('https://nginx.org/en/docs/stream/ngx_stream_proxy_module.html#proxy_pass'));

    // Long pages are cut at a paragraph, never inside a code fence.
    const listen = markdown(await s.hover(uri, 4, 9));
    assert.ok(listen.length < 4000, `listen hover is ${listen.length} chars`);
    assert.equal((listen.match(/```/g) ?? []).length % 2, 0);

    // A variable in an argument, a third-party directive, whitespace.
    const v = await s.hover(uri, 6, 36);
    assert.deepEqual(v?.range, { start: { line: 6, character: 33 }, end: { line: 6, character: 45 } });
    assert.ok(markdown(v).startsWith('**`$request_uri`** · ngx_http_core_module'));
    assert.ok(markdown(v).includes('#var_request_uri'));
    assert.match(markdown(await s.hover(uri, 7, 14)), /third-party module headers-more/);
    assert.equal(await s.hover(uri, 6, 2), null);
  } finally {
    await s.stop();
  }
});

test('hover answers nothing for other languages, unclaimed files, or when Rampart is disabled', async () => {
  const s = await TestServer.start({ settings: { enable: false } });
  try {
    const conf = s.uri('nginx.conf');
    await s.open(conf, CONF, 'nginx');
    assert.equal(await s.hover(conf, 2, 6), null);
    await s.setSettings({ enable: true });
    const docker = s.uri('Dockerfile');
    await s.open(docker, 'FROM nginx:1.27\n');
    assert.equal(await s.hover(docker, 0, 1), null);
    const txt = s.uri('notes.txt');
    await s.open(txt, 'listen 80;\n', 'plaintext');
    assert.equal(await s.hover(txt, 0, 1), null);
  } finally {
    await s.stop();
  }
});
