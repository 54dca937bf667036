// The CLI's folder walk and the server's workspace scan agree on the same folder: the same files
// (discovery is shared), and for each one the same findings (rule, severity, range, message).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { TestServer } from './harness';
import { WorkspaceClient } from './workspace-client';
import { rampart, writeTree } from '../cli/run';
import { generateWorkspace } from '../bench/generate';
import { URI } from '../../server/src/lsp/uri';

const SEVERITY: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info' };

interface Finding {
  rule: string;
  severity: string;
  range: unknown;
  message: string;
}

test('`rampart lint <folder> --format json` and the workspace scan report the same files and findings', async () => {
  const s = await TestServer.start({ sections: { 'files.exclude': {} } });
  try {
    // Every kind of file, clean and not, next to files both must skip; plus byte-level oddities.
    const stats = generateWorkspace(s.dir, 80, 11);
    writeTree(s.dir, {
      'odd/bom/Dockerfile': '\ufeffFROM alpine:latest\r\nUSER root\r\n',
      'odd/binary/Dockerfile': Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01]),
      'odd/.rampart.yaml': 'profile: strict\nrules:\n  dockerfile/user-root: info\n',
      'odd/strict/Dockerfile': 'FROM alpine:3.20\nUSER root\n',
    });

    const out = rampart(s.dir, ['lint', '.', '--format', 'json', '--fail-on', 'never']);
    assert.equal(out.code, 0, out.stderr);
    const report = JSON.parse(out.stdout) as { files: Array<{ path: string; diagnostics: Finding[] }> };
    const cli = new Map<string, Finding[]>();
    for (const f of report.files) cli.set(f.path, f.diagnostics.map((d) => ({ rule: d.rule, severity: d.severity, range: d.range, message: d.message })));
    assert.ok(cli.size >= stats.total, 'the CLI saw every generated file');

    const c = new WorkspaceClient(s);
    await c.pull();
    const server = new Map<string, Finding[]>();
    for (const [uri, items] of c.diagnostics) {
      const rel = relative(s.dir, URI.toPath(uri)!).replace(/\\/g, '/');
      server.set(
        rel,
        items.map((d) => ({ rule: String(d.code), severity: SEVERITY[d.severity!]!, range: d.range, message: String(d.message) })),
      );
    }
    const withFindings = [...cli].filter(([, ds]) => ds.length > 0).map(([p]) => p).sort();
    assert.deepEqual([...server.keys()].sort(), withFindings);
    for (const p of withFindings) assert.deepEqual(server.get(p), cli.get(p), p);
    // And the clean files the CLI lists are files the server knows too (scanned, nothing to say).
    const clean = [...cli].filter(([, ds]) => ds.length === 0).length;
    assert.ok(clean > 0, 'some files are clean');
    assert.ok(withFindings.includes('odd/bom/Dockerfile'));
    assert.ok(!cli.has('odd/binary/Dockerfile') || cli.get('odd/binary/Dockerfile')!.length === 0);
  } finally {
    await s.stop();
  }
});
