// The client's options and helpers, without VS Code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  baseClientOptions,
  DOCUMENT_SELECTOR,
  docsPageSegments,
  parseShowDocsArgs,
  COMMANDS,
  DOCUMENT_LANGUAGE_NOTIFICATION,
  parseDocumentLanguage,
  shouldSetLanguage,
} from '../../client/src/client-options';
import { repoRoot } from '../helpers/paths';
import { plugins } from '../../server/src/engine/registry';
import { CLIENT_SHOW_DOCS_COMMAND, DOCUMENT_LANGUAGE_NOTIFICATION as SERVER_NOTIFICATION } from '../../server/src/lsp/capabilities';

test('the selector covers the four languages, TOML, .conf and the config file, on disk only', () => {
  assert.deepEqual(
    DOCUMENT_SELECTOR.map((f) => ('language' in f && f.language) || ('pattern' in f && f.pattern)),
    ['dockerfile', 'dockercompose', 'yaml', 'nginx', '**/*.toml', '**/*.conf', '**/.rampart.yaml', '**/.rampart.yml'],
  );
  for (const f of DOCUMENT_SELECTOR) assert.equal((f as { scheme?: string }).scheme, 'file');
});

test('pull on change and save, synchronise the rampart section, declare the docs command', () => {
  const o = baseClientOptions();
  assert.deepEqual(o.diagnosticPullOptions, { onChange: true, onSave: true, onFocus: false, onTabs: false });
  assert.deepEqual(o.synchronize, { configurationSection: 'rampart' });
  assert.deepEqual(o.initializationOptions, { clientCommands: [COMMANDS.showDocumentation], languageHints: true, statusNotifications: true });
  assert.equal(COMMANDS.showDocumentation, CLIENT_SHOW_DOCS_COMMAND);
});

test('show documentation arguments: rule ids only, Rampart URLs only', () => {
  assert.deepEqual(parseShowDocsArgs({ rule: 'dockerfile/image-latest', url: 'https://github.com/rampart-dev/rampart/blob/main/docs/rules/dockerfile/image-latest.md' }), {
    rule: 'dockerfile/image-latest',
    url: 'https://github.com/rampart-dev/rampart/blob/main/docs/rules/dockerfile/image-latest.md',
  });
  assert.deepEqual(parseShowDocsArgs('dockerfile/image-latest'), { rule: 'dockerfile/image-latest', url: undefined });
  assert.equal(parseShowDocsArgs({ rule: '../../etc/passwd' }), undefined);
  assert.equal(parseShowDocsArgs({ rule: 'dockerfile/../x' }), undefined);
  assert.equal(parseShowDocsArgs(undefined), undefined);
  assert.deepEqual(parseShowDocsArgs({ rule: 'compose/privileged', url: 'https://evil.example/' }), { rule: 'compose/privileged', url: undefined });
});

test('every language rule has the bundled page the docs command opens', () => {
  for (const p of plugins) {
    for (const r of p.rules) assert.ok(existsSync(join(repoRoot(), ...docsPageSegments(r.meta.id))), r.meta.id);
  }
});

test('language hints: a .conf opened as plain text or properties becomes nginx; nothing else is switched', () => {
  assert.equal(DOCUMENT_LANGUAGE_NOTIFICATION, SERVER_NOTIFICATION);
  assert.ok(shouldSetLanguage('plaintext', 'nginx'));
  assert.ok(shouldSetLanguage('properties', 'nginx'));
  assert.ok(!shouldSetLanguage('nginx', 'nginx'));
  assert.ok(!shouldSetLanguage('apacheconf', 'nginx'));
  assert.ok(!shouldSetLanguage('plaintext', 'dockerfile'));
  assert.deepEqual(parseDocumentLanguage({ uri: 'file:///a.conf', languageId: 'nginx' }), { uri: 'file:///a.conf', languageId: 'nginx' });
  assert.equal(parseDocumentLanguage({ uri: 3 }), undefined);
  assert.equal(parseDocumentLanguage(null), undefined);
});
