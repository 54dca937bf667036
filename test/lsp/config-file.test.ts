// `.rampart.yaml` in the editor: validation diagnostics, completion, and edits (in the buffer or
// on disk) that re-lint open files without a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { rmSync } from 'node:fs';
import { TestServer } from './harness';
import { URI } from '../../server/src/lsp/uri';

const ADD = 'dockerfile/add-instead-of-copy';
// The final stage runs as a non-root user, so only the rule under test fires.
const DOCKERFILE = 'FROM alpine:3.20\nADD app.py /srv/\nUSER nobody\n';

test('an open .rampart.yaml is validated: problems with exact ranges, code rampart/config', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('.rampart.yaml');
    await s.open(uri, 'profile: paranoid\nrules:\n  dockerfile/nope: off\n  dockerfile/image-latest: loud\nbogus: 1\n', 'yaml');
    const items = await s.pullItems(uri);
    for (const d of items) assert.deepEqual(d.codeDescription, { href: 'https://github.com/rampart-dev/rampart/blob/main/docs/rules/rampart/config.md' });
    assert.deepEqual(
      items.map((d) => ({ code: d.code, severity: d.severity, source: d.source, line: d.range.start.line, start: d.range.start.character, end: d.range.end.character, message: d.message })),
      [
        { code: 'rampart/config', severity: 1, source: 'rampart', line: 0, start: 9, end: 17, message: 'Unknown profile "paranoid": use "recommended" or "strict".' },
        { code: 'rampart/config', severity: 1, source: 'rampart', line: 2, start: 2, end: 17, message: 'Unknown rule "dockerfile/nope". Run `rampart rules` for the list.' },
        { code: 'rampart/config', severity: 1, source: 'rampart', line: 3, start: 27, end: 31, message: 'Severity of dockerfile/image-latest must be off, info, warning or error, not "loud".' },
        { code: 'rampart/config', severity: 1, source: 'rampart', line: 4, start: 0, end: 5, message: 'Unknown key "bogus": expected one of profile, rules, ignore, files, nginx, traefik.' },
      ],
    );
    await s.change(uri, 'profile: strict\n');
    assert.deepEqual(await s.pullItems(uri), []);
    // A registered rule: the editor's rules setting changes its severity (the file cannot).
    await s.change(uri, 'bogus: 1\n');
    await s.setSettings({ rules: { 'rampart/config': 'warning' } });
    assert.deepEqual((await s.pullItems(uri)).map((d) => [d.code, d.severity, d.range.start.line]), [['rampart/config', 2, 0]]);
  } finally {
    await s.stop();
  }
});

test('completion in .rampart.yaml: rule ids under rules:, severities as values, top-level keys', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('.rampart.yaml');
    const text = 'profile: \nrules:\n  dockerfile/image-latest: off\n  docker\n  rampart/unused-ignore: \n';
    await s.open(uri, text, 'yaml');

    const ids = await s.complete(uri, 3, 8);
    const labels = ids.map((i) => i.label);
    assert.ok(labels.includes(ADD));
    assert.ok(labels.includes('rampart/parse-error'));
    assert.ok(!labels.includes('dockerfile/image-latest') && !labels.includes('rampart/unused-ignore'), 'ids already listed are not offered again');
    const add = ids.find((i) => i.label === ADD)!;
    assert.deepEqual(add.textEdit, { range: { start: { line: 3, character: 2 }, end: { line: 3, character: 8 } }, newText: `${ADD}: ` });
    assert.equal(add.detail, 'warning · ADD used for a local file');

    const sev = await s.complete(uri, 4, 25, ' ');
    assert.deepEqual(sev.map((i) => i.label), ['off', 'info', 'warning', 'error']);
    assert.deepEqual(sev[0]!.textEdit, { range: { start: { line: 4, character: 25 }, end: { line: 4, character: 25 } }, newText: 'off' });

    assert.deepEqual((await s.complete(uri, 0, 9, ' ')).map((i) => i.label), ['recommended', 'strict']);
    // A new top-level key: those already present are left out.
    await s.change(uri, text + 'ig');
    assert.deepEqual((await s.complete(uri, 5, 2)).map((i) => i.label), ['ignore', 'files', 'nginx', 'traefik']);
    // A space typed in key position opens nothing.
    assert.deepEqual(await s.complete(uri, 3, 2, ' '), []);
    // Other files get no completion from Rampart.
    const df = s.uri('Dockerfile');
    await s.open(df, DOCKERFILE);
    assert.deepEqual(await s.complete(df, 0, 2), []);
  } finally {
    await s.stop();
  }
});

test('editing an open .rampart.yaml re-lints open files at once (unsaved buffer shadows the disk)', async () => {
  const s = await TestServer.start();
  try {
    const df = s.uri('Dockerfile');
    await s.open(df, DOCKERFILE);
    assert.deepEqual((await s.pullItems(df)).map((d) => d.code), [ADD]);

    const cfg = s.uri('.rampart.yaml');
    let refreshes = s.refreshes;
    await s.open(cfg, `rules:\n  ${ADD}: off\n`, 'yaml');
    await s.waitFor(() => s.refreshes > refreshes, 'refresh after opening the config');
    assert.deepEqual(await s.pullItems(df), []);

    refreshes = s.refreshes;
    await s.change(cfg, `rules:\n  ${ADD}: error\n`);
    await s.waitFor(() => s.refreshes > refreshes, 'refresh after editing the config');
    assert.deepEqual((await s.pullItems(df)).map((d) => [d.code, d.severity]), [[ADD, 1]]);

    // Closing the unsaved buffer: the disk (no config file) counts again.
    refreshes = s.refreshes;
    await s.close(cfg);
    await s.waitFor(() => s.refreshes > refreshes, 'refresh after closing the config');
    assert.deepEqual((await s.pullItems(df)).map((d) => [d.code, d.severity]), [[ADD, 2]]);
  } finally {
    await s.stop();
  }
});

test('a .rampart.yaml created, changed or deleted on disk re-lints open files (didChangeWatchedFiles)', async () => {
  const s = await TestServer.start();
  try {
    const df = s.uri('sub/Dockerfile');
    await s.open(df, DOCKERFILE);
    assert.deepEqual((await s.pullItems(df)).map((d) => d.code), [ADD]);

    const path = s.writeFile('.rampart.yaml', `rules:\n  ${ADD}: off\n`);
    let refreshes = s.refreshes;
    await s.fileChanged([{ uri: URI.fromPath(path), type: FileChangeType.Created }]);
    await s.waitFor(() => s.refreshes > refreshes, 'refresh after create');
    assert.deepEqual(await s.pullItems(df), []);

    s.writeFile('.rampart.yaml', `rules:\n  ${ADD}: info\n`);
    refreshes = s.refreshes;
    await s.fileChanged([{ uri: URI.fromPath(path), type: FileChangeType.Changed }]);
    await s.waitFor(() => s.refreshes > refreshes, 'refresh after change');
    assert.deepEqual((await s.pullItems(df)).map((d) => [d.code, d.severity]), [[ADD, 3]]);

    rmSync(path);
    refreshes = s.refreshes;
    await s.fileChanged([{ uri: URI.fromPath(path), type: FileChangeType.Deleted }]);
    await s.waitFor(() => s.refreshes > refreshes, 'refresh after delete');
    assert.deepEqual((await s.pullItems(df)).map((d) => [d.code, d.severity]), [[ADD, 2]]);
  } finally {
    await s.stop();
  }
});

test('push clients: config edits re-publish open files', async () => {
  const s = await TestServer.start({ pull: false });
  try {
    const df = s.uri('Dockerfile');
    await s.open(df, DOCKERFILE);
    await s.waitFor(() => s.published.some((p) => p.uri === df && p.diagnostics.length === 1), 'first publish');
    const cfg = s.uri('.rampart.yaml');
    await s.open(cfg, `rules:\n  ${ADD}: off\nbogus: 1\n`, 'yaml');
    await s.waitFor(() => s.published.some((p) => p.uri === df && p.diagnostics.length === 0), 'publish after the config opened');
    await s.waitFor(() => s.published.some((p) => p.uri === cfg && p.diagnostics.length === 1), 'config problems published');
  } finally {
    await s.stop();
  }
});
