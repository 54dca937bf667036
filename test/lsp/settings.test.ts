// Editor settings: workspace/configuration, didChangeConfiguration, precedence under
// .rampart.yaml, enable, maxFileSize, and clients that cannot answer configuration requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestServer } from './harness';

// The final stage runs as a non-root user, so only the rules under test fire.
const TEXT = 'FROM alpine:latest\nADD app.py /srv/\nUSER nobody\n';
const ADD = 'dockerfile/add-instead-of-copy';

test('turning a rule off in the settings re-lints open files (diagnostic refresh for pull clients)', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('Dockerfile');
    await s.open(uri, TEXT);
    assert.deepEqual((await s.pullItems(uri)).map((d) => d.code), ['dockerfile/image-latest', ADD]);
    const before = s.refreshes;
    await s.setSettings({ rules: { [ADD]: 'off' } });
    await s.waitFor(() => s.refreshes > before, 'diagnostic refresh');
    assert.deepEqual((await s.pullItems(uri)).map((d) => d.code), ['dockerfile/image-latest']);
    // A severity override changes the severity.
    await s.setSettings({ rules: { 'dockerfile/image-latest': 'error' } });
    assert.deepEqual((await s.pullItems(uri)).map((d) => [d.code, d.severity]), [['dockerfile/image-latest', 1], [ADD, 2]]);
  } finally {
    await s.stop();
  }
});

test('push clients get the new diagnostics published after a settings change', async () => {
  const s = await TestServer.start({ pull: false });
  try {
    const uri = s.uri('Dockerfile');
    await s.open(uri, TEXT);
    await s.waitFor(() => s.published.length === 1, 'first publish');
    await s.setSettings({ rules: { [ADD]: 'off', 'dockerfile/image-latest': 'off' } });
    await s.waitFor(() => s.published.length === 2, 'publish after settings change');
    assert.deepEqual(s.published[1]!.diagnostics, []);
  } finally {
    await s.stop();
  }
});

test('rampart.enable false: no diagnostics, no code actions', async () => {
  const s = await TestServer.start({ settings: { enable: false } });
  try {
    const uri = s.uri('Dockerfile');
    await s.open(uri, TEXT);
    assert.deepEqual(await s.pullItems(uri), []);
    const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } };
    assert.deepEqual(await s.codeActions(uri, range, [{ range, message: 'x', source: 'rampart', data: { rule: ADD, version: 1, fixes: [] } }]), []);
  } finally {
    await s.stop();
  }
});

test('settings are asked per document with section rampart, and .rampart.yaml wins over them', async () => {
  const s = await TestServer.start({ settings: { rules: { [ADD]: 'off', 'dockerfile/image-latest': 'off' } } });
  try {
    s.writeFile('app/.rampart.yaml', `rules:\n  ${ADD}: error\n`);
    const uri = s.uri('app/Dockerfile');
    await s.open(uri, TEXT);
    assert.deepEqual((await s.pullItems(uri)).map((d) => [d.code, d.severity]), [[ADD, 1]]);
    assert.ok(s.configurationRequests >= 1);
  } finally {
    await s.stop();
  }
});

test('a document over rampart.maxFileSize gets one info diagnostic saying it was skipped, and no rule runs', async () => {
  const s = await TestServer.start({ settings: { maxFileSize: 40 } });
  try {
    const uri = s.uri('Dockerfile');
    const big = TEXT + '# padding padding padding\n';
    await s.open(uri, big);
    const items = await s.pullItems(uri);
    assert.deepEqual(items, [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 18 } },
        severity: 3,
        source: 'rampart',
        code: 'rampart/file-too-large',
        codeDescription: { href: 'https://github.com/rampart-dev/rampart/blob/main/docs/rules/rampart/file-too-large.md' },
        message: 'Rampart skipped this file: it is 74 bytes, more than rampart.maxFileSize (40 bytes), so no rule ran. Raise the setting to lint it.',
      },
    ]);
    // It is a registered rule: the rules setting changes its severity or turns it off.
    await s.setSettings({ maxFileSize: 40, rules: { 'rampart/file-too-large': 'warning' } });
    assert.deepEqual((await s.pullItems(uri)).map((d) => [d.code, d.severity]), [['rampart/file-too-large', 2]]);
    await s.setSettings({ maxFileSize: 40, rules: { 'rampart/file-too-large': 'off' } });
    assert.deepEqual(await s.pullItems(uri), []);
    // A file that is not Rampart's says nothing, however large.
    const other = s.uri('notes.txt');
    await s.open(other, big, 'plaintext');
    assert.deepEqual(await s.pullItems(other), []);
    // Raising the limit lints it.
    await s.setSettings({ maxFileSize: 1000 });
    assert.deepEqual((await s.pullItems(uri)).map((d) => d.code), ['dockerfile/image-latest', ADD]);
  } finally {
    await s.stop();
  }
});

test('clients without workspace/configuration use the defaults, or the settings they send in didChangeConfiguration', async () => {
  const s = await TestServer.start({ configuration: false });
  try {
    const uri = s.uri('Dockerfile');
    await s.open(uri, TEXT);
    assert.deepEqual((await s.pullItems(uri)).map((d) => d.code), ['dockerfile/image-latest', ADD]);
    await s.setSettings({ rules: { 'dockerfile/image-latest': 'off' } });
    assert.deepEqual((await s.pullItems(uri)).map((d) => d.code), [ADD]);
    assert.equal(s.configurationRequests, 0);
  } finally {
    await s.stop();
  }
});

test('the server registers for configuration changes and watched config files when the client allows it', async () => {
  const s = await TestServer.start();
  try {
    await s.waitFor(() => s.registrations.length >= 3, 'registrations');
    const byMethod = Object.fromEntries(s.registrations.map((r) => [r.method, r.registerOptions]));
    assert.deepEqual(byMethod['workspace/didChangeConfiguration'], { section: 'rampart' });
    assert.deepEqual(byMethod['workspace/didChangeWatchedFiles'], {
      watchers: [
        '**/.rampart.{yaml,yml}',
        '**/.dockerignore',
        '**/*.dockerignore',
        '**/Dockerfile*',
        '**/Containerfile*',
        '**/*.{dockerfile,Dockerfile}',
        '**/*.{yaml,yml}',
        '**/*.toml',
        '**/.env*',
        '**/*.env',
        '**/.gitignore',
        '**/*.{conf,nginx,conf.template}',
      ].map((globPattern) => ({ globPattern })),
    });
    assert.deepEqual(byMethod['textDocument/completion'], {
      documentSelector: [{ pattern: '**/.rampart.yaml' }, { pattern: '**/.rampart.yml' }],
      triggerCharacters: [' ', '/'],
    });
    assert.equal(s.initializeResult.capabilities.completionProvider, undefined);
  } finally {
    await s.stop();
  }
  const plain = await TestServer.start({ dynamicRegistration: false });
  try {
    assert.deepEqual(plain.initializeResult.capabilities.completionProvider, { triggerCharacters: [' ', '/'], resolveProvider: false });
  } finally {
    await plain.stop();
  }
});

test('clients without workspace/configuration can pass settings in initializationOptions', async () => {
  const s = await TestServer.start({ configuration: false, initializationOptions: { settings: { rampart: { rules: { [ADD]: 'off' } } } } });
  try {
    const uri = s.uri('Dockerfile');
    await s.open(uri, TEXT);
    assert.deepEqual((await s.pullItems(uri)).map((d) => d.code), ['dockerfile/image-latest']);
  } finally {
    await s.stop();
  }
});
