// Side by side in the same run: dclint 3.1.0 and Rampart's CLI on the same 200 generated compose
// files, as whole processes (start-up included), compared by CPU time (user + system): the
// machine is shared, so wall time says more about the neighbours than about the tools. dclint is
// installed into .cache/bench/dclint with npm on first use, never as a dependency.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCompose } from './generate';
import { CACHE, ROOT, fmtInt, measureProcess, type ProcessCost } from './measure';
import type { Table } from './table';

export const DCLINT_VERSION = '3.1.0';

/** dclint's CLI, installed on first use; undefined when npm cannot install it (no registry). */
export function dclintBin(): string | undefined {
  const dir = join(CACHE, 'dclint');
  const bin = join(dir, 'node_modules', 'dclint', 'bin', 'dclint.cjs');
  const pkg = join(dir, 'node_modules', 'dclint', 'package.json');
  const installed = existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version === DCLINT_VERSION;
  if (!installed) {
    mkdirSync(dir, { recursive: true });
    if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), '{"private": true}\n');
    process.stderr.write(`  installing dclint@${DCLINT_VERSION} into ${dir} …\n`);
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', `dclint@${DCLINT_VERSION}`], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0 || !existsSync(bin)) return undefined;
  }
  return bin;
}

/** 200 compose files of 40 to 200 lines, every one different. */
export function compose200(): { dir: string; lines: number } {
  const dir = join(CACHE, 'compose200');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, '.git'), { recursive: true }); // its own repository: .cache is gitignored here
  let lines = 0;
  for (let k = 0; k < 200; k++) {
    const text = generateCompose(40 + ((k * 37) % 161), 1000 + k);
    lines += text.split('\n').length;
    writeFileSync(join(dir, `compose.${String(k).padStart(3, '0')}.yaml`), text);
  }
  return { dir, lines };
}

export function compareWithDclint(table: Table, runs: number): void {
  const { dir, lines } = compose200();
  const bin = dclintBin();
  if (!bin) {
    table.add({ measure: 'CPU vs dclint', subject: '200 compose files', result: `dclint ${DCLINT_VERSION} could not be installed: not measured` });
    return;
  }
  const ourOut = join(CACHE, 'rampart-200.json');
  const theirOut = join(CACHE, 'dclint-200.json');
  const best = (args: string[]): ProcessCost => {
    let b: ProcessCost | undefined;
    for (let i = 0; i < runs; i++) {
      const t = measureProcess(process.execPath, args, { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
      if (!b || t.cpu < b.cpu) b = t;
    }
    return b!;
  };
  const ours = best([join(ROOT, 'bin', 'rampart.js'), 'lint', dir, '--format', 'json', '--fail-on', 'never', '--output', ourOut]);
  const theirs = best([bin, dir, '--no-color', '-f', 'json', '-o', theirOut]);
  const count = (file: string, f: (j: unknown) => number) => {
    try {
      return f(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      return NaN;
    }
  };
  const ourFindings = count(ourOut, (j) => (j as { files: Array<{ diagnostics: unknown[] }> }).files.reduce((n, x) => n + x.diagnostics.length, 0));
  const theirFindings = count(theirOut, (j) => (j as Array<{ messages: unknown[] }>).reduce((n, x) => n + x.messages.length, 0));
  const ratio = theirs.cpu / Math.max(ours.cpu, 0.001);
  table.add({
    measure: `CPU vs dclint ${DCLINT_VERSION}`,
    subject: `200 compose files, ${fmtInt(lines)} lines (best of ${runs})`,
    result: `dclint ${theirs.cpu.toFixed(2)} s (${fmtInt(theirFindings)} findings), rampart ${ours.cpu.toFixed(2)} s (${fmtInt(ourFindings)} findings): ${ratio.toFixed(0)}× less CPU`,
    budget: '≥ 50× less CPU',
    pass: ratio >= 50,
  });
}
