// maskCredentials: the engine's last line of defence for messages, related messages and fix
// titles. Every credential shape is masked, every occurrence; what is not a secret stays readable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskCredentials } from '../../server/src/engine/secrets';
import { lint } from '../../server/src/engine/lint';
import { DEFAULT_CONFIG } from '../../server/src/engine/config';
import { plugins } from '../../server/src/engine/registry';
import { defineMeta } from '../../server/src/engine/meta';
import type { Rule } from '../../server/src/engine/types';

test('credential shapes are masked wherever they stand, and each occurrence', () => {
  assert.equal(maskCredentials('to "https://x.example/v1?token=ghp_abcdefghijklmnopqrstuvwxyz0123456789"'), 'to "https://x.example/v1?token=********"');
  assert.equal(maskCredentials('a AKIAABCDEFGHIJKLMNOP and AKIAQRSTUVWXYZ234567'), 'a ******** and ********');
  assert.equal(maskCredentials('"https://deploy:Sup3rS3cretPw@legacy.example.com/api"'), '"https://deploy:********@legacy.example.com/api"');
  assert.equal(maskCredentials('key sk_live_abcdefghijklmnop1234;'), 'key ********;');
  assert.equal(maskCredentials('-----BEGIN RSA PRIVATE KEY----- x'), '******** x');
});

test('secret-named query parameters are masked whatever their value; others are kept', () => {
  assert.equal(maskCredentials('"http://api/v1?page=2&api_key=abc123&sort=asc"'), '"http://api/v1?page=2&api_key=********&sort=asc"');
  assert.equal(maskCredentials('"http://api/?access_token=xyz&password=hunter2"'), '"http://api/?access_token=********&password=********"');
  assert.equal(maskCredentials('"http://api/?user=bob&id=7"'), '"http://api/?user=bob&id=7"');
  // Not a URL query: `max-age=600` stays as it is.
  assert.equal(maskCredentials('Strict-Transport-Security "max-age=600; preload"'), 'Strict-Transport-Security "max-age=600; preload"');
  // Variables are not values: `:${PASS}@` has no password to hide.
  assert.equal(maskCredentials('"postgres://app:$PASS@db/app"'), '"postgres://app:$PASS@db/app"');
});

test('the engine masks what a rule quotes: message, related messages and fix titles', () => {
  const TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
  const leaky: Rule<unknown> = {
    meta: defineMeta({ id: 'test/leaky', language: 'dockerfile', title: 'Leaky', description: 'Quotes too much.', severity: 'warning', fix: 'suggest', sources: [], securitySeverity: '0.0' }),
    check: () => [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
        message: `uses "${TOKEN}"`,
        related: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, message: `also ${TOKEN}` }],
        fixes: [{ title: `Remove ${TOKEN}`, kind: 'suggest', edits: [] }],
      },
    ],
  };
  const plugin = plugins.find((p) => p.language === 'dockerfile')!;
  plugin.rules.push(leaky);
  try {
    const r = lint('/w/Dockerfile', 'FROM alpine:3.20\n', { config: DEFAULT_CONFIG, workspace: { readFile: () => undefined, exists: () => false }, language: 'dockerfile' })!;
    const d = r.diagnostics.find((x) => x.rule === 'test/leaky')!;
    assert.equal(d.message, 'uses "********"');
    assert.equal(d.related[0]!.message, 'also ********');
    assert.equal(d.fixes[0]!.title, 'Remove ********');
  } finally {
    plugin.rules.splice(plugin.rules.indexOf(leaky), 1);
  }
});
