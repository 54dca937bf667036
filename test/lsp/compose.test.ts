// Compose in the language server: anchored findings with related information at each `<<`, a
// quick fix applied and gone on re-pull, fix-all with the safe compose fixes, and findings of an
// override file published in that file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { TestServer, applyEdits } from './harness';

function editsOf(edit: WorkspaceEdit | undefined): TextEdit[] {
  assert.ok(edit?.documentChanges);
  return (edit.documentChanges[0] as { edits: TextEdit[] }).edits;
}

const TEXT = [
  'x-common: &common', //            0
  '  privileged: true', //           1
  'services:', //                    2
  '  web:', //                       3
  '    <<: *common', //              4
  '    image: nginx:1.27', //        5
  '  api:', //                       6
  '    <<: *common', //              7
  '    image: acme/api:1.4', //      8
  '',
].join('\n');

test('compose: anchored findings carry related information; a quick fix applied and pulled again is gone', async () => {
  const s = await TestServer.start({ settings: { rules: { 'compose/resource-limits': 'off', 'compose/cap-drop-all': 'off', 'compose/read-only-rootfs': 'off', 'compose/healthcheck-missing': 'off' } } });
  try {
    const uri = s.uri('compose.yaml');
    await s.open(uri, TEXT, 'dockercompose');
    const items = await s.pullItems(uri);
    assert.deepEqual(
      items.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [
        ['compose/privileged', 1, 14],
        ['compose/privileged', 1, 14],
        ['compose/no-new-privileges', 3, 2],
        ['compose/no-new-privileges', 6, 2],
      ],
    );
    assert.deepEqual(
      items[0]!.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.message]),
      [[uri, 4, 'Service "web" merges "*common" here']],
    );
    const nnp = items[2]!;
    const actions = await s.codeActions(uri, nnp.range, [nnp]);
    const fix = actions.find((a) => a.kind === 'quickfix.rampart.compose.no-new-privileges')!;
    assert.equal(fix.title, 'Add "no-new-privileges:true" to service "web"');
    const next = applyEdits(TEXT, editsOf(fix.edit));
    assert.equal(next, TEXT.replace('    image: nginx:1.27\n', '    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n'));
    await s.change(uri, next);
    // (Two lines inserted above: api is on line 8 now.)
    assert.deepEqual((await s.pullItems(uri)).filter((d) => d.code === 'compose/no-new-privileges').map((d) => d.range.start.line), [8]);

    // Fix all (safe fixes only): the other service gets the option too; privileged stays (a suggestion).
    const all = await s.codeActions(uri, nnp.range, [], ['source.fixAll.rampart']);
    assert.equal(all.length, 1);
    const fixed = applyEdits(next, editsOf(all[0]!.edit));
    assert.ok(fixed.endsWith('    image: acme/api:1.4\n    security_opt:\n      - no-new-privileges:true\n'), fixed);
    await s.change(uri, fixed);
    assert.deepEqual((await s.pullItems(uri)).map((d) => d.code), ['compose/privileged', 'compose/privileged']);
  } finally {
    await s.stop();
  }
});

test('compose: an override file is published with what it adds, and not judged for what its base provides', async () => {
  const s = await TestServer.start();
  try {
    s.writeFile('compose.yaml', 'services:\n  web:\n    image: nginx:1.27\n');
    const uri = s.uri('compose.override.yaml');
    await s.open(uri, 'services:\n  web:\n    cap_add: [SYS_ADMIN]\n', 'dockercompose');
    assert.deepEqual((await s.pullItems(uri)).map((d) => [d.code, d.range.start.line]), [['compose/dangerous-capability', 2]]);
  } finally {
    await s.stop();
  }
});
