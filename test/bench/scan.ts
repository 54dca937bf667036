// Whole-workspace numbers: the CLI's scan of 1,000 and 10,000 mixed files (wall time, files per
// second, peak RSS, CPU), and the language server's memory after it scanned the 10,000-file
// workspace through workspace/diagnostic.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WorkspaceDiagnosticRequest, type WorkspaceDiagnosticReportPartialResult } from 'vscode-languageserver-protocol/node';
import { generateWorkspace, type WorkspaceStats } from './generate';
import { startServer } from './lsp';
import { CACHE, ROOT, fmtInt, measureProcess, rssOf } from './measure';
import type { Table } from './table';
import { URI } from '../../server/src/lsp/uri';

/** Bump when generateWorkspace changes, so cached workspaces are rebuilt. */
const GENERATION = 2;

/** A generated workspace of about `count` files under .cache/bench, reused between runs. */
export function workspace(count: number): { dir: string; stats: WorkspaceStats } {
  const dir = join(CACHE, `workspace-${count}`);
  const stamp = join(dir, '.bench-stamp.json');
  if (existsSync(stamp)) {
    const s = JSON.parse(readFileSync(stamp, 'utf8')) as { generation: number; stats: WorkspaceStats };
    if (s.generation === GENERATION) return { dir, stats: s.stats };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.stderr.write(`  generating ${count.toLocaleString('en-US')} files in ${dir} …\n`);
  // Its own repository (as a real project is): the .gitignore of the repository holding .cache
  // would otherwise hide it all.
  mkdirSync(join(dir, '.git'));
  const stats = generateWorkspace(dir, count);
  writeFileSync(stamp, JSON.stringify({ generation: GENERATION, stats }));
  return { dir, stats };
}

export function cliScan(table: Table, sizes: number[], runs: number): void {
  const bin = join(ROOT, 'bin', 'rampart.js');
  for (const count of sizes) {
    const { dir, stats } = workspace(count);
    const out = join(CACHE, `cli-${count}.json`);
    let best: ReturnType<typeof measureProcess> | undefined;
    for (let i = 0; i < runs; i++) {
      const r = measureProcess(process.execPath, [bin, 'lint', '.', '--format', 'json', '--fail-on', 'never', '--output', out], { cwd: dir });
      if (r.status !== 0) throw new Error(`rampart lint failed in ${dir} (exit ${r.status})`);
      if (!best || r.wall < best.wall) best = r;
    }
    const report = JSON.parse(readFileSync(out, 'utf8')) as { files: Array<{ diagnostics: unknown[] }> };
    if (report.files.length !== stats.total) throw new Error(`the CLI linted ${report.files.length} files, the generator wrote ${stats.total}`);
    const findings = report.files.reduce((n, f) => n + f.diagnostics.length, 0);
    const budget = count >= 10_000 ? 5 : undefined;
    table.add({
      measure: 'CLI scan (`rampart lint .`)',
      subject: `${fmtInt(stats.total)} mixed files, ${fmtInt(findings)} findings`,
      result: `${best!.wall.toFixed(2)} s wall, ${fmtInt(stats.total / best!.wall)} files/s, peak RSS ${best!.peakMb !== undefined ? `${fmtInt(best!.peakMb)} MB` : '?'}, CPU ${best!.cpu.toFixed(1)} s`,
      ...(budget !== undefined ? { budget: `< ${budget} s`, pass: best!.wall < budget } : {}),
    });
  }
}

export async function serverScan(table: Table, count: number): Promise<void> {
  const { dir, stats } = workspace(count);
  const server = await startServer({ folders: [{ uri: URI.fromPath(dir), name: 'bench' }] });
  try {
    let reported = 0;
    const token = 'bench-scan';
    const sub = server.connection.onProgress(WorkspaceDiagnosticRequest.partialResult, token, (p: WorkspaceDiagnosticReportPartialResult) => {
      reported += p.items.length;
    });
    const t0 = performance.now();
    const r = await server.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [], partialResultToken: token });
    const seconds = (performance.now() - t0) / 1000;
    reported += r.items.length;
    sub.dispose();
    // Let the server settle (the scan's garbage is collected on its own schedule), then read /proc.
    await new Promise((res) => setTimeout(res, 2000));
    const mem = rssOf(server.process.pid!);
    const budget = 200;
    table.add({
      measure: 'server after a workspace scan',
      subject: `${fmtInt(stats.total)} files (${fmtInt(reported)} with findings reported)`,
      result: mem ? `RSS ${fmtInt(mem.rss)} MB (peak ${fmtInt(mem.peak)} MB), scan ${seconds.toFixed(1)} s` : `scan ${seconds.toFixed(1)} s, RSS unknown`,
      budget: `RSS < ${budget} MB`,
      pass: mem ? mem.rss < budget : undefined,
    });
  } finally {
    await server.stop();
  }
}
