// The workspace scan (rampart.diagnosticMode: workspace): unopened files reported through
// workspace/diagnostic (result ids, "unchanged", partial results, long-poll), kept true by file
// watchers (created, changed, deleted, dependents, .rampart.yaml), open files left to the
// document pull, cancellation, superseded requests, dynamic registration by mode, push for
// clients without pull, multi-root folders, and the scan command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  CancellationTokenSource,
  DidChangeWorkspaceFoldersNotification,
  ExecuteCommandRequest,
  FileChangeType,
  WorkDoneProgress,
  type WorkDoneProgressBegin,
  type WorkDoneProgressReport,
  type WorkDoneProgressEnd,
} from 'vscode-languageserver-protocol/node';
import { TestServer, withTimeout, type ClientOptions } from './harness';
import { WorkspaceClient, fullReports, stillPending, unchangedReports } from './workspace-client';
import { SCAN_COMMAND, type ScanResult } from '../../server/src/lsp/workspace-diagnostics';
import { generateDockerfile } from '../bench/generate';

const ROOT_LATEST = 'FROM alpine:latest\nUSER root\n';
const CLEAN = 'FROM alpine:3.20\nRUN adduser -D app\nUSER app\nHEALTHCHECK CMD ["true"]\nCMD ["sh"]\n';
const NGINX = 'events {}\nhttp {\n  server {\n    listen 80;\n    autoindex on;\n  }\n}\n';

/** A small project of every kind, with files each kind of exclusion must hide. */
const PROJECT: Record<string, string> = {
  'api/Dockerfile': ROOT_LATEST,
  'web/Dockerfile': CLEAN,
  'compose.yaml': 'services:\n  api:\n    build: ./api\n    privileged: true\n',
  'web/nginx/nginx.conf': NGINX,
  'proxy/traefik.yml': 'api:\n  insecure: true\nentryPoints:\n  web:\n    address: ":80"\n',
  'README.md': '# not ours\n',
  // Hidden: .gitignore, node_modules, the config's ignore globs, files.exclude.
  '.gitignore': 'build/\n',
  'build/Dockerfile': ROOT_LATEST,
  'node_modules/x/Dockerfile': ROOT_LATEST,
  '.rampart.yaml': 'ignore: [vendor]\n',
  'vendor/Dockerfile': ROOT_LATEST,
  'excluded/Dockerfile': ROOT_LATEST,
  'api/old.tmp.Dockerfile': ROOT_LATEST,
};
const SECTIONS = { 'files.exclude': { excluded: true, '**/*.tmp.Dockerfile': true, '**/.git': true, ignoredFalse: false } };
const REPORTED = ['api/Dockerfile', 'compose.yaml', 'proxy/traefik.yml', 'web/nginx/nginx.conf'];

async function withServer(options: ClientOptions, fn: (s: TestServer, c: WorkspaceClient) => Promise<void>): Promise<void> {
  const s = await TestServer.start({ files: PROJECT, sections: SECTIONS, ...options });
  try {
    await fn(s, new WorkspaceClient(s));
  } finally {
    await s.stop();
  }
}

test('unopened files of every language are reported, with .gitignore, node_modules, ignore globs and files.exclude honoured', async () => {
  await withServer({}, async (s, c) => {
    const first = await c.pull();
    assert.deepEqual(c.withProblems(), REPORTED);
    assert.deepEqual(c.rules('api/Dockerfile'), ['dockerfile/image-latest', 'dockerfile/user-root']);
    assert.ok(c.rules('proxy/traefik.yml').includes('traefik/api-insecure'));
    assert.ok(c.rules('web/nginx/nginx.conf').includes('nginx/autoindex-on'));
    assert.ok(c.rules('compose.yaml').includes('compose/privileged'));
    // Full reports carry a result id and no version (the files are not open); clean files are not reported.
    for (const r of first.reports) {
      assert.equal(r.kind, 'full');
      assert.equal(r.version, null);
      assert.ok(r.kind === 'full' && r.resultId && r.resultId.length > 10);
    }
    assert.deepEqual(fullReports(c, first), REPORTED.map((p) => `${p}:${c.rules(p).length}`).sort());
    // The same links and data as document pull: a docs URL per diagnostic.
    const d = c.diagnostics.get(s.uri('api/Dockerfile'))![0]!;
    assert.match(String(d.codeDescription?.href), /docs\/rules\/dockerfile\//);
  });
});

test('results are streamed in batches through the partial result token, or returned whole without one', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 400; i++) files[`svc${String(i).padStart(3, '0')}/Dockerfile`] = generateDockerfile(40, i);
  const s = await TestServer.start({ files });
  try {
    const streamed = new WorkspaceClient(s);
    const pull = await streamed.pull();
    assert.equal(streamed.withProblems().length, 400);
    assert.ok(pull.batches >= 1, 'partial batches arrived');
    const whole = new WorkspaceClient(s);
    const second = await whole.pull({ partial: false });
    assert.equal(second.batches, 0);
    assert.equal(whole.withProblems().length, 400);
  } finally {
    await s.stop();
  }
});

test('unchanged files answer "unchanged"; the request is held until something changes, then only the change is full', async () => {
  await withServer({}, async (s, c) => {
    await c.pull();
    const ids = new Map(c.ids);
    // Nothing changed: the client re-asks (as VS Code does every 2 s) and the server waits.
    const held = c.start();
    assert.ok(await stillPending(held.result), 'the request is held open while nothing changes');
    // A file changes on disk: the watcher event releases the request.
    s.writeFile('api/Dockerfile', 'FROM alpine:latest\nUSER app\n');
    await s.fileChanged([{ uri: s.uri('api/Dockerfile'), type: FileChangeType.Changed }]);
    const pull = await withTimeout(held.result, 'released request');
    // The Dockerfile, and the compose file that builds it (its compose/user-root finding went).
    assert.deepEqual(fullReports(c, pull), ['api/Dockerfile:1', 'compose.yaml:6']);
    assert.deepEqual(c.rules('api/Dockerfile'), ['dockerfile/image-latest']);
    assert.notEqual(c.ids.get(s.uri('api/Dockerfile')), ids.get(s.uri('api/Dockerfile')));
    assert.deepEqual(unchangedReports(c, pull), ['proxy/traefik.yml', 'web/nginx/nginx.conf']);
    for (const p of ['proxy/traefik.yml', 'web/nginx/nginx.conf']) assert.equal(c.ids.get(s.uri(p)), ids.get(s.uri(p)));
  });
});

test('a rewrite that changes nothing keeps the request waiting; a fixed file gets an empty report', async () => {
  await withServer({}, async (s, c) => {
    await c.pull();
    const held = c.start();
    s.writeFile('proxy/traefik.yml', PROJECT['proxy/traefik.yml']!);
    await s.fileChanged([{ uri: s.uri('proxy/traefik.yml'), type: FileChangeType.Changed }]);
    assert.ok(await stillPending(held.result), 'same findings: nothing to say');
    s.writeFile('proxy/traefik.yml', 'entryPoints:\n  web:\n    address: ":80"\n');
    await s.fileChanged([{ uri: s.uri('proxy/traefik.yml'), type: FileChangeType.Changed }]);
    const pull = await withTimeout(held.result, 'released request');
    assert.deepEqual(fullReports(c, pull), ['proxy/traefik.yml:0']);
    assert.ok(!c.withProblems().includes('proxy/traefik.yml'));
    assert.equal(c.ids.has(s.uri('proxy/traefik.yml')), false, 'an empty report carries no result id');
  });
});

test('watchers: a created file is reported, a deleted one (or a deleted folder) is cleared, a rename moves the findings', async () => {
  await withServer({}, async (s, c) => {
    await c.pull();
    s.writeFile('jobs/batch.Dockerfile', ROOT_LATEST);
    await s.fileChanged([{ uri: s.uri('jobs/batch.Dockerfile'), type: FileChangeType.Created }]);
    assert.deepEqual(fullReports(c, await c.pull()), ['jobs/batch.Dockerfile:2']);

    rmSync(join(s.dir, 'api/Dockerfile'));
    await s.fileChanged([{ uri: s.uri('api/Dockerfile'), type: FileChangeType.Deleted }]);
    const deleted = await c.pull();
    assert.ok(fullReports(c, deleted).includes('api/Dockerfile:0'));
    assert.ok(!c.withProblems().includes('api/Dockerfile'));

    // A folder deleted as a whole: one event for the folder.
    rmSync(join(s.dir, 'web'), { recursive: true });
    await s.fileChanged([{ uri: s.uri('web'), type: FileChangeType.Deleted }]);
    assert.ok(fullReports(c, await c.pull()).includes('web/nginx/nginx.conf:0'));

    // A rename: delete + create; a created folder is walked.
    s.writeFile('renamed/batch.Dockerfile', ROOT_LATEST);
    rmSync(join(s.dir, 'jobs'), { recursive: true });
    await s.fileChanged([
      { uri: s.uri('jobs'), type: FileChangeType.Deleted },
      { uri: s.uri('renamed'), type: FileChangeType.Created },
    ]);
    const moved = await c.pull();
    assert.deepEqual(fullReports(c, moved), ['jobs/batch.Dockerfile:0', 'renamed/batch.Dockerfile:2']);
    assert.deepEqual(c.withProblems(), ['compose.yaml', 'proxy/traefik.yml', 'renamed/batch.Dockerfile']);

    // Created where .gitignore, files.exclude or the config says no: nothing.
    s.writeFile('build/new/Dockerfile', ROOT_LATEST);
    s.writeFile('excluded/more/Dockerfile', ROOT_LATEST);
    s.writeFile('vendor/lib/Dockerfile', ROOT_LATEST);
    const held = c.start();
    await s.fileChanged(['build/new', 'excluded/more', 'vendor/lib'].map((p) => ({ uri: s.uri(p), type: FileChangeType.Created })));
    assert.ok(await stillPending(held.result), 'ignored creations report nothing');
    held.cancel();
  });
});

test('a Dockerfile changed on disk re-lints the unopened compose file that builds it', async () => {
  await withServer({}, async (s, c) => {
    await c.pull();
    assert.ok(c.rules('compose.yaml').includes('compose/user-root'));
    s.writeFile('api/Dockerfile', 'FROM alpine:3.20\nUSER app\n');
    await s.fileChanged([{ uri: s.uri('api/Dockerfile'), type: FileChangeType.Changed }]);
    const pull = await c.pull();
    assert.ok(fullReports(c, pull).some((r) => r.startsWith('compose.yaml:')), 'the compose file was re-linted');
    assert.ok(!c.rules('compose.yaml').includes('compose/user-root'));
  });
});

test('a .rampart.yaml change re-lints the files it covers, and its ignore globs rediscover the folder', async () => {
  await withServer({}, async (s, c) => {
    await c.pull();
    s.writeFile('api/.rampart.yaml', 'rules:\n  dockerfile/user-root: off\n');
    await s.fileChanged([{ uri: s.uri('api/.rampart.yaml'), type: FileChangeType.Created }]);
    const pull = await c.pull();
    assert.deepEqual(fullReports(c, pull), ['api/Dockerfile:1']);
    assert.deepEqual(c.rules('api/Dockerfile'), ['dockerfile/image-latest']);

    s.writeFile('.rampart.yaml', 'ignore: [proxy]\n');
    await s.fileChanged([{ uri: s.uri('.rampart.yaml'), type: FileChangeType.Changed }]);
    const second = await c.pull();
    // vendor/ is no longer ignored, proxy/ now is.
    assert.ok(fullReports(c, second).includes('proxy/traefik.yml:0'));
    assert.ok(fullReports(c, second).includes('vendor/Dockerfile:2'));
    assert.deepEqual(c.withProblems(), ['api/Dockerfile', 'compose.yaml', 'vendor/Dockerfile', 'web/nginx/nginx.conf']);
  });
});

test('open files belong to the document pull: skipped while open, reported from disk again when closed', async () => {
  await withServer({}, async (s, c) => {
    await c.pull();
    const uri = s.uri('web/nginx/nginx.conf');
    await s.open(uri, 'events {}\n', 'nginx');
    // A change on disk while the file is open is not the workspace's to report.
    s.writeFile('web/nginx/nginx.conf', NGINX.replace('autoindex on;', 'server_tokens off;'));
    await s.fileChanged([{ uri, type: FileChangeType.Changed }]);
    const held = c.start();
    assert.ok(await stillPending(held.result));
    // Closing: the client forgets its workspace result for the file (it did a last document pull),
    // and the server reports the disk copy.
    c.ids.delete(uri);
    await s.close(uri);
    const pull = await withTimeout(held.result, 'released by didClose');
    assert.deepEqual(fullReports(c, pull), [`web/nginx/nginx.conf:${c.rules('web/nginx/nginx.conf').length}`]);
    assert.ok(!c.rules('web/nginx/nginx.conf').includes('nginx/autoindex-on'));
    assert.ok(c.rules('web/nginx/nginx.conf').length > 0);
  });
});

test('cancellation: a held request ends with RequestCancelled; a newer request supersedes an older one (ServerCancelled, retrigger)', async () => {
  await withServer({}, async (_s, c) => {
    await c.pull();
    const held = c.start();
    assert.ok(await stillPending(held.result));
    held.cancel();
    await assert.rejects(withTimeout(held.result, 'cancelled request'), (err: { code?: number }) => err.code === -32800);

    const older = c.start();
    assert.ok(await stillPending(older.result, 100));
    const newer = c.start();
    await assert.rejects(withTimeout(older.result, 'superseded request'), (err: { code?: number; data?: { retriggerRequest?: boolean } }) => err.code === -32802 && err.data?.retriggerRequest === true);
    assert.ok(await stillPending(newer.result, 100));
    newer.cancel();
    await assert.rejects(newer.result);
  });
});

test('the scan command re-reads the disk with progress and can be cancelled (files keep their results)', async () => {
  const files: Record<string, string> = { ...PROJECT };
  for (let i = 0; i < 600; i++) files[`many/s${i}/Dockerfile`] = generateDockerfile(60, i);
  const s = await TestServer.start({ files, sections: SECTIONS });
  try {
    const c = new WorkspaceClient(s);
    await c.pull();
    assert.equal(c.withProblems().length, 604);
    // A change the watchers never saw: only a scan finds it.
    s.writeFile('api/Dockerfile', CLEAN);
    const progress: Array<WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd> = [];
    const token = 'scan-1';
    const sub = s.client.onProgress(WorkDoneProgress.type, token, (p) => void progress.push(p));
    const held = c.start();
    const result = (await withTimeout(s.client.sendRequest(ExecuteCommandRequest.type, { command: SCAN_COMMAND, workDoneToken: token }), 'scan', 60_000)) as ScanResult;
    sub.dispose();
    assert.equal(result.scanned, true);
    assert.equal(result.cancelled, false);
    assert.equal(result.files, 605, 'every Rampart file, clean ones included');
    assert.equal(result.filesWithProblems, 603);
    assert.equal(progress[0]?.kind, 'begin');
    assert.equal((progress[0] as WorkDoneProgressBegin).cancellable, true);
    assert.equal(progress.at(-1)?.kind, 'end');
    const pull = await withTimeout(held.result, 'workspace request after the scan');
    // The Dockerfile is clean now, and so are the compose findings that read it.
    assert.deepEqual(fullReports(c, pull), ['api/Dockerfile:0', 'compose.yaml:5']);

    // Cancelled as soon as the first progress report arrives.
    const source = new CancellationTokenSource();
    const sub2 = s.client.onProgress(WorkDoneProgress.type, 'scan-2', (p) => {
      if (p.kind === 'report') source.cancel();
    });
    const cancelled = (await withTimeout(s.client.sendRequest(ExecuteCommandRequest.type, { command: SCAN_COMMAND, workDoneToken: 'scan-2' }, source.token), 'cancelled scan', 60_000)) as ScanResult;
    sub2.dispose();
    assert.equal(cancelled.cancelled, true);
    // Every file still has its result: the next pull has nothing new to say.
    const after = c.start();
    assert.ok(await stillPending(after.result));
    after.cancel();
  } finally {
    await s.stop();
  }
});

test('dynamic registration by rampart.diagnosticMode; openFiles takes the workspace findings back', async () => {
  await withServer({ diagnosticRegistration: true }, async (s) => {
    assert.equal(s.initializeResult.capabilities.diagnosticProvider, undefined);
    await s.waitFor(() => s.registrations.some((r) => r.method === 'textDocument/diagnostic'), 'diagnostic registration');
    const reg = s.registrations.find((r) => r.method === 'textDocument/diagnostic')!;
    assert.equal((reg.registerOptions as { workspaceDiagnostics?: boolean }).workspaceDiagnostics, true);
    assert.equal((reg.registerOptions as { identifier?: string }).identifier, 'rampart');
    await s.setSettings({ diagnosticMode: 'openFiles' });
    await s.waitFor(() => s.registrations.filter((r) => r.method === 'textDocument/diagnostic').length === 2, 're-registration');
    assert.deepEqual(
      s.unregistrations.map((u) => u.id),
      [reg.id],
    );
    const again = s.registrations.filter((r) => r.method === 'textDocument/diagnostic')[1]!;
    assert.equal((again.registerOptions as { workspaceDiagnostics?: boolean }).workspaceDiagnostics, false);
  });
  // Static registration (no dynamic support): an openFiles client's request clears what it holds, then waits.
  await withServer({}, async (s, c) => {
    await c.pull();
    assert.equal(c.withProblems().length, 4);
    await s.setSettings({ diagnosticMode: 'openFiles' });
    const pull = await c.pull();
    assert.deepEqual(fullReports(c, pull), REPORTED.map((p) => `${p}:0`));
    const held = c.start();
    assert.ok(await stillPending(held.result));
    await s.setSettings({ diagnosticMode: 'workspace' });
    await withTimeout(held.result, 'workspace mode again');
    assert.deepEqual(c.withProblems(), REPORTED);
  });
});

test('push clients get publishDiagnostics for unopened files, and an empty publish when one is deleted', async () => {
  await withServer({ pull: false }, async (s) => {
    const latest = (rel: string) => s.published.filter((p) => p.uri === s.uri(rel)).at(-1);
    await s.waitFor(() => REPORTED.every((p) => (latest(p)?.diagnostics.length ?? 0) > 0), 'published workspace files');
    assert.equal(latest('web/Dockerfile'), undefined, 'clean files are not published');
    assert.equal(latest('build/Dockerfile'), undefined);
    rmSync(join(s.dir, 'api/Dockerfile'));
    await s.fileChanged([{ uri: s.uri('api/Dockerfile'), type: FileChangeType.Deleted }]);
    await s.waitFor(() => latest('api/Dockerfile')?.diagnostics.length === 0, 'deleted file cleared');
    await s.setSettings({ diagnosticMode: 'openFiles' });
    await s.waitFor(() => REPORTED.every((p) => latest(p)?.diagnostics.length === 0), 'openFiles clears the workspace files');
  });
});

test('multi-root: every folder is scanned with its own files.exclude; a removed folder takes its findings away', async () => {
  const files: Record<string, string> = {
    'one/Dockerfile': ROOT_LATEST,
    'one/skip/Dockerfile': ROOT_LATEST,
    'two/compose.yaml': 'services:\n  db:\n    image: postgres:latest\n',
    'two/nested/Dockerfile': ROOT_LATEST,
    'outside/Dockerfile': ROOT_LATEST,
  };
  const s = await TestServer.start({ files, folders: ['one', 'two', 'two/nested'], workspaceFolders: true, sections: { 'files.exclude': { skip: true } } });
  try {
    const c = new WorkspaceClient(s);
    await c.pull();
    assert.deepEqual(c.withProblems(), ['one/Dockerfile', 'two/compose.yaml', 'two/nested/Dockerfile']);
    await s.client.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [{ uri: s.uri('one'), name: 'one' }] } });
    const pull = await c.pull();
    assert.deepEqual(fullReports(c, pull), ['one/Dockerfile:0']);
    await s.client.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [{ uri: s.uri('outside'), name: 'outside' }], removed: [] } });
    assert.deepEqual(fullReports(c, await c.pull()), ['outside/Dockerfile:2']);
  } finally {
    await s.stop();
  }
});

test('status notifications carry the counts for clients that ask', async () => {
  await withServer({ initializationOptions: { statusNotifications: true } }, async (s, c) => {
    const statuses: Array<{ files: number; errors: number; warnings: number; infos: number; scanning: boolean; mode: string }> = [];
    s.client.onNotification('rampart/status', (p: (typeof statuses)[number]) => {
      statuses.push(p);
      s.events.emit('event');
      return undefined;
    });
    await c.pull();
    await s.waitFor(() => statuses.some((st) => !st.scanning && st.files === 5), 'a status after the scan');
    const last = statuses.filter((st) => !st.scanning).at(-1)!;
    assert.equal(last.mode, 'workspace');
    const shown = [...c.diagnostics.values()].flat();
    assert.equal(last.errors + last.warnings + last.infos, shown.length);
  });
});

test('an open buffer is what unopened files read: editing the Dockerfile re-lints the closed compose file that builds it', async () => {
  await withServer({}, async (s, c) => {
    await c.pull();
    assert.ok(c.rules('compose.yaml').includes('compose/user-root'));
    const uri = s.uri('api/Dockerfile');
    await s.open(uri, ROOT_LATEST);
    await s.change(uri, 'FROM alpine:latest\nUSER app\n');
    const pull = await c.pull();
    assert.ok(fullReports(c, pull).some((r) => r.startsWith('compose.yaml:')));
    assert.ok(!c.rules('compose.yaml').includes('compose/user-root'), 'the unsaved buffer counts');
    // Closed without saving: the disk copy (USER root) counts again.
    c.ids.delete(uri);
    await s.close(uri);
    await c.pull();
    assert.ok(c.rules('compose.yaml').includes('compose/user-root'));
  });
});

test('without the scan worker (scanWorker: false) the same files are reported, linted on the server thread', async () => {
  await withServer({ initializationOptions: { scanWorker: false } }, async (_s, c) => {
    await c.pull();
    assert.deepEqual(c.withProblems(), REPORTED);
    assert.deepEqual(c.rules('api/Dockerfile'), ['dockerfile/image-latest', 'dockerfile/user-root']);
  });
});
