// Code actions over the in-process server: exact titles, kinds and edits; applying them and
// re-pulling shows the diagnostic gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExecuteCommandRequest, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestServer, applyEdits, withTimeout } from './harness';
import { withExtraRules, suggestOnlyRule } from './test-rules';
import { FIXTURES } from '../helpers/paths';

const ADD = 'dockerfile/add-instead-of-copy';
const DOCS_URL = `https://github.com/rampart-dev/rampart/blob/main/docs/rules/${ADD}.md`;

/** The edits of a versioned single-document WorkspaceEdit, checking uri and version. */
function editsOf(edit: WorkspaceEdit | undefined, uri: string, version: number): TextEdit[] {
  assert.ok(edit?.documentChanges, 'a versioned documentChanges edit');
  assert.equal(edit.documentChanges.length, 1);
  const change = edit.documentChanges[0]! as { textDocument: { uri: string; version: number }; edits: TextEdit[] };
  assert.deepEqual(change.textDocument, { uri, version });
  return change.edits;
}

async function applyAction(s: TestServer, uri: string, text: string, action: CodeAction): Promise<string> {
  const next = applyEdits(text, editsOf(action.edit, uri, s.version(uri)));
  await s.change(uri, next);
  return next;
}

const pos = (line: number, character: number) => ({ line, character });
const at = (line: number, character: number) => ({ start: pos(line, character), end: pos(line, character) });

test('a finding offers fix, disable line, disable file and docs, with exact titles and edits', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('Dockerfile');
    const text = '# syntax=docker/dockerfile:1\nFROM alpine:3.20\nADD app.py /srv/\nUSER nobody\n';
    await s.open(uri, text);
    const [d] = await s.pullItems(uri);
    assert.ok(d);
    const actions = await s.codeActions(uri, d.range, [d]);
    assert.deepEqual(
      actions.map((a) => ({ title: a.title, kind: a.kind, isPreferred: a.isPreferred })),
      [
        { title: 'Replace ADD with COPY', kind: 'quickfix.rampart.dockerfile.add-instead-of-copy', isPreferred: true },
        { title: `Disable ${ADD} for this line`, kind: 'quickfix.rampart.suppress.line', isPreferred: undefined },
        { title: `Disable ${ADD} for this file`, kind: 'quickfix.rampart.suppress.file', isPreferred: undefined },
        { title: `Show documentation for ${ADD}`, kind: 'quickfix.rampart.docs', isPreferred: undefined },
      ],
    );
    const [fix, line, file, docs] = actions as [CodeAction, CodeAction, CodeAction, CodeAction];
    assert.deepEqual(editsOf(fix.edit, uri, 1), [{ range: { start: pos(2, 0), end: pos(2, 3) }, newText: 'COPY' }]);
    assert.deepEqual(editsOf(line.edit, uri, 1), [{ range: at(2, 0), newText: `# rampart-ignore ${ADD}\n` }]);
    // After the parser directive, never above it.
    assert.deepEqual(editsOf(file.edit, uri, 1), [{ range: at(1, 0), newText: `# rampart-ignore-file ${ADD}\n` }]);
    assert.deepEqual(docs.command, {
      title: `Show documentation for ${ADD}`,
      command: 'rampart.server.showDocumentation',
      arguments: [{ rule: ADD, url: DOCS_URL }],
    });
    for (const a of actions) assert.deepEqual(a.diagnostics, [d]);
    // Asking for quick fixes only gives the same list; source.fixAll gives only fix-all; refactor nothing.
    assert.equal((await s.codeActions(uri, d.range, [d], ['quickfix'])).length, 4);
    assert.deepEqual((await s.codeActions(uri, d.range, [d], ['source.fixAll'])).map((a) => a.kind), ['source.fixAll.rampart']);
    assert.deepEqual(await s.codeActions(uri, d.range, [d], ['refactor']), []);
  } finally {
    await s.stop();
  }
});

test('applying the ADD→COPY fix and pulling again shows the diagnostic gone', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('Dockerfile');
    const text = 'FROM alpine:3.20\nADD app.py /srv/\nUSER nobody\n';
    await s.open(uri, text);
    const [d] = await s.pullItems(uri);
    const [fix] = await s.codeActions(uri, d!.range, [d!]);
    const next = await applyAction(s, uri, text, fix!);
    assert.equal(next, 'FROM alpine:3.20\nCOPY app.py /srv/\nUSER nobody\n');
    assert.deepEqual(await s.pullItems(uri), []);
  } finally {
    await s.stop();
  }
});

test('disable for this line goes above the instruction\'s first line, with its indentation, and silences it', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('Dockerfile');
    // The tag sits on a continuation line; the comment must go above `FROM`.
    const text = 'FROM \\\n    alpine:latest\n  ADD app.py /srv/\n  USER nobody\n';
    await s.open(uri, text);
    const items = await s.pullItems(uri);
    assert.deepEqual(items.map((d) => [d.code, d.range.start.line]), [['dockerfile/image-latest', 1], [ADD, 2]]);
    const latest = items[0]!;
    const lineAction = (await s.codeActions(uri, latest.range, [latest])).find((a) => a.title === 'Disable dockerfile/image-latest for this line')!;
    assert.deepEqual(editsOf(lineAction.edit, uri, 1), [{ range: at(0, 0), newText: '# rampart-ignore dockerfile/image-latest\n' }]);
    let current = await applyAction(s, uri, text, lineAction);

    const add = (await s.pullItems(uri)).find((d) => d.code === ADD)!;
    assert.equal(add.range.start.line, 3);
    const addLine = (await s.codeActions(uri, add.range, [add])).find((a) => a.title === `Disable ${ADD} for this line`)!;
    assert.deepEqual(editsOf(addLine.edit, uri, 2), [{ range: at(3, 0), newText: `  # rampart-ignore ${ADD}\n` }]);
    current = await applyAction(s, uri, current, addLine);
    assert.equal(current, `# rampart-ignore dockerfile/image-latest\nFROM \\\n    alpine:latest\n  # rampart-ignore ${ADD}\n  ADD app.py /srv/\n  USER nobody\n`);
    assert.deepEqual(await s.pullItems(uri), []);
  } finally {
    await s.stop();
  }
});

test('disable for this line appends to a rampart-ignore comment right above instead of stacking', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('Dockerfile');
    const text = 'FROM alpine:3.20\n# rampart-ignore dockerfile/image-latest -- reviewed in #12\nADD app.py /srv/\nUSER nobody\n';
    await s.open(uri, text);
    // The existing comment silences nothing yet, so it is itself reported as unused.
    const items = await s.pullItems(uri);
    assert.deepEqual(items.map((x) => x.code), ['rampart/unused-ignore', ADD]);
    const d = items.find((x) => x.code === ADD);
    const action = (await s.codeActions(uri, d!.range, [d!])).find((a) => a.title === `Disable ${ADD} for this line`)!;
    assert.deepEqual(editsOf(action.edit, uri, 1), [{ range: at(1, 40), newText: `, ${ADD}` }]);
    const next = await applyAction(s, uri, text, action);
    assert.equal(next, `FROM alpine:3.20\n# rampart-ignore dockerfile/image-latest, ${ADD} -- reviewed in #12\nADD app.py /srv/\nUSER nobody\n`);
    // ADD is silenced; image-latest, named in the same comment, still silences nothing.
    assert.deepEqual((await s.pullItems(uri)).map((x) => x.code), ['rampart/unused-ignore']);
  } finally {
    await s.stop();
  }
});

test('disable for this file goes after all parser directives, appends to an existing one, and silences every finding', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('Dockerfile');
    const text = '# syntax=docker/dockerfile:1\n# escape=\\\n# check=error=true\nFROM alpine:latest\nADD a /a\nADD b /b\nUSER nobody\n';
    await s.open(uri, text);
    const items = await s.pullItems(uri);
    const add = items.find((d) => d.code === ADD)!;
    const fileAction = (await s.codeActions(uri, add.range, [add])).find((a) => a.kind === 'quickfix.rampart.suppress.file')!;
    assert.deepEqual(editsOf(fileAction.edit, uri, 1), [{ range: at(3, 0), newText: `# rampart-ignore-file ${ADD}\n` }]);
    let current = await applyAction(s, uri, text, fileAction);
    const left = await s.pullItems(uri);
    assert.deepEqual(left.map((d) => d.code), ['dockerfile/image-latest']);

    const latestFile = (await s.codeActions(uri, left[0]!.range, [left[0]!])).find((a) => a.kind === 'quickfix.rampart.suppress.file')!;
    assert.deepEqual(editsOf(latestFile.edit, uri, 2), [{ range: at(3, 52), newText: ', dockerfile/image-latest' }]);
    current = await applyAction(s, uri, current, latestFile);
    assert.equal(current.split('\n')[3], `# rampart-ignore-file ${ADD}, dockerfile/image-latest`);
    assert.deepEqual(await s.pullItems(uri), []);
  } finally {
    await s.stop();
  }
});

test('source.fixAll.rampart applies every safe fix and nothing else, as one versioned edit', async () => {
  await withExtraRules([suggestOnlyRule], async () => {
    const s = await TestServer.start();
    try {
      const uri = s.uri('Dockerfile');
      const text = readFileSync(join(FIXTURES, 'dockerfile/add-instead-of-copy/fires-local-file.Dockerfile'), 'utf8');
      const expected = readFileSync(join(FIXTURES, 'dockerfile/add-instead-of-copy/fires-local-file.fixed.Dockerfile'), 'utf8');
      await s.open(uri, text);
      const items = await s.pullItems(uri);
      // The test rule offers a suggest-only fix on the FROM line.
      assert.ok(items.some((d) => d.code === suggestOnlyRule.meta.id));

      const actions = await s.codeActions(uri, { start: pos(0, 0), end: pos(0, 0) }, [], ['source.fixAll.rampart']);
      assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all auto-fixable Rampart problems', 'source.fixAll.rampart']]);
      const fixed = await applyAction(s, uri, text, actions[0]!);
      assert.equal(fixed, expected);
      assert.deepEqual((await s.pullItems(uri)).map((d) => d.code), [suggestOnlyRule.meta.id]);

      // `source` (the Source Action menu) and `source.fixAll` include it too; nothing left to fix now.
      assert.deepEqual(await s.codeActions(uri, at(0, 0), [], ['source.fixAll']), []);
    } finally {
      await s.stop();
    }
  });
});

test('with several fixable findings the lightbulb also offers "fix all of this rule" and "fix all"', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('Dockerfile');
    const text = 'FROM alpine:3.20\nADD a /a\nADD b /b\nUSER nobody\n';
    await s.open(uri, text);
    const [first] = await s.pullItems(uri);
    const actions = await s.codeActions(uri, first!.range, [first!]);
    assert.deepEqual(actions.map((a) => a.title), [
      'Replace ADD with COPY',
      `Fix all ${ADD} problems`,
      `Disable ${ADD} for this line`,
      `Disable ${ADD} for this file`,
      `Show documentation for ${ADD}`,
      'Fix all auto-fixable Rampart problems',
    ]);
    const all = actions[1]!;
    assert.deepEqual(editsOf(all.edit, uri, 1), [
      { range: { start: pos(1, 0), end: pos(1, 3) }, newText: 'COPY' },
      { range: { start: pos(2, 0), end: pos(2, 3) }, newText: 'COPY' },
    ]);
    assert.equal(applyEdits(text, editsOf(actions[5]!.edit, uri, 1)), 'FROM alpine:3.20\nCOPY a /a\nCOPY b /b\nUSER nobody\n');
  } finally {
    await s.stop();
  }
});

test('a diagnostic of an older version gets the fixes of the current finding it matches, on the current text; one that matches none gets none', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('Dockerfile');
    await s.open(uri, 'FROM alpine:3.20\nADD app.py /srv/\nUSER nobody\n');
    const [d] = await s.pullItems(uri);
    // Still there, same range and message: the fix, computed on version 2.
    await s.change(uri, 'FROM alpine:3.20\nADD app.py /srv/\nUSER nobody\n\n');
    const kept = await s.codeActions(uri, d!.range, [d!]);
    assert.deepEqual(kept.map((a) => a.title), ['Replace ADD with COPY', `Disable ${ADD} for this line`, `Disable ${ADD} for this file`, `Show documentation for ${ADD}`]);
    assert.deepEqual(kept[0]!.edit, { documentChanges: [{ textDocument: { uri, version: 2 }, edits: [{ range: d!.range, newText: 'COPY' }] }] });
    // The finding moved a line down: the old diagnostic matches nothing current, so no fix edits
    // the wrong text; suppressions and docs are still offered.
    await s.change(uri, '# base\nFROM alpine:3.20\nADD app.py /srv/\nUSER nobody\n');
    const titles = (await s.codeActions(uri, d!.range, [d!])).map((a) => a.title);
    assert.deepEqual(titles, [`Disable ${ADD} for this line`, `Disable ${ADD} for this file`, `Show documentation for ${ADD}`]);
  } finally {
    await s.stop();
  }
});

test('clients without documentChanges get plain `changes`', async () => {
  const s = await TestServer.start({ documentChanges: false });
  try {
    const uri = s.uri('Dockerfile');
    await s.open(uri, 'FROM alpine:3.20\nADD app.py /srv/\nUSER nobody\n');
    const [d] = await s.pullItems(uri);
    const [fix] = await s.codeActions(uri, d!.range, [d!]);
    assert.deepEqual(fix!.edit, { changes: { [uri]: [{ range: d!.range, newText: 'COPY' }] } });
  } finally {
    await s.stop();
  }
});

test('show documentation: the VS Code client runs its own command; other clients get window/showDocument', async () => {
  const vscode = await TestServer.start({ initializationOptions: { clientCommands: ['rampart.showDocumentation'] } });
  try {
    const uri = vscode.uri('Dockerfile');
    await vscode.open(uri, 'FROM alpine:3.20\nADD app.py /srv/\nUSER nobody\n');
    const [d] = await vscode.pullItems(uri);
    const docs = (await vscode.codeActions(uri, d!.range, [d!])).find((a) => a.kind === 'quickfix.rampart.docs')!;
    assert.equal(docs.command?.command, 'rampart.showDocumentation');
  } finally {
    await vscode.stop();
  }

  const other = await TestServer.start({ showDocument: true });
  try {
    assert.deepEqual(other.initializeResult.capabilities.executeCommandProvider, { commands: ['rampart.server.showDocumentation', 'rampart.server.scanWorkspace'] });
    await withTimeout(
      other.client.sendRequest(ExecuteCommandRequest.type, { command: 'rampart.server.showDocumentation', arguments: [{ rule: ADD, url: DOCS_URL }] }),
      'executeCommand',
    );
    assert.deepEqual(other.shownDocuments, [{ uri: DOCS_URL, external: true }]);
    // Only Rampart's own docs URLs are opened.
    await withTimeout(
      other.client.sendRequest(ExecuteCommandRequest.type, { command: 'rampart.server.showDocumentation', arguments: [{ rule: 'x', url: 'https://evil.example/' }] }),
      'executeCommand',
    );
    assert.equal(other.shownDocuments.length, 1);
  } finally {
    await other.stop();
  }
});

test('diagnostics from other tools in the context are ignored', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('Dockerfile');
    await s.open(uri, 'FROM alpine:3.20\n');
    const foreign: Diagnostic = { range: at(0, 0), message: 'x', source: 'hadolint', code: 'DL3006', data: { rule: ADD, version: 1, fixes: [] } };
    assert.deepEqual(await s.codeActions(uri, at(0, 0), [foreign]), []);
  } finally {
    await s.stop();
  }
});

test('a diagnostic without source (as Neovim 0.7 may send) still gets its actions; one without a range is skipped', async () => {
  const s = await TestServer.start();
  try {
    const uri = s.uri('Dockerfile');
    await s.open(uri, 'FROM alpine:3.20\nADD app.py /srv/\nUSER nobody\n');
    const [d] = await s.pullItems(uri);
    const { source: _source, ...withoutSource } = d!;
    const broken = { message: 'x', data: d!.data } as unknown as Diagnostic;
    const titles = (await s.codeActions(uri, d!.range, [broken, withoutSource as Diagnostic])).map((a) => a.title);
    assert.deepEqual(titles, ['Replace ADD with COPY', `Disable ${ADD} for this line`, `Disable ${ADD} for this file`, `Show documentation for ${ADD}`]);
  } finally {
    await s.stop();
  }
});
