// `npm run bench`: warm per-document lint time by language and size, against the budgets
// (p95 under 2 ms for ~100 lines, 5 ms for ~1,000, 25 ms for ~5,000; compose: 1 ms for ~50
// lines, 3 ms for ~500, 30 ms for ~5,000). Then, for compose, the CLI against dclint 3.1.0 on the
// same 200 generated files: CPU time (user + sys) of each whole process, as a ratio. Not a test
// file: run it on a quiet machine. `--check` exits non-zero when a budget is missed;
// `--no-dclint` skips the comparison; `--runs N` repeats each process N times (best kept);
// `--only <language>` measures one language.
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/engine/config';
import { lint, ParseCache } from '../../server/src/engine/lint';
import type { Language, WorkspaceView } from '../../server/src/engine/types';
import { composeWithTraefikLabels, generateCompose, generateTraefikDynamic, generators, rng, traefikDynamic } from './generate';
import { MemoryWorkspace } from '../helpers/lint';

const SIZES: Array<{ lines: number; budget: number; iterations: number }> = [
  { lines: 100, budget: 2, iterations: 400 },
  { lines: 1000, budget: 5, iterations: 150 },
  { lines: 5000, budget: 25, iterations: 50 },
];

/** Sizes and budgets per language where they differ from SIZES. */
const SIZES_BY_LANGUAGE: Record<string, typeof SIZES> = {
  compose: [
    { lines: 50, budget: 1, iterations: 400 },
    { lines: 500, budget: 3, iterations: 150 },
    { lines: 5000, budget: 30, iterations: 50 },
  ],
  // nginx rules follow includes and inheritance; its mandated parser costs more.
  nginx: [
    { lines: 100, budget: 3, iterations: 400 },
    { lines: 1000, budget: 10, iterations: 150 },
    { lines: 5000, budget: 50, iterations: 50 },
  ],
};

/** The linted path per language (a name the language claims, so nothing depends on forcing it). */
const BENCH_PATHS: Record<string, string> = { dockerfile: '/bench/Dockerfile', compose: '/bench/compose.yaml', nginx: '/bench/nginx.conf' };

const emptyWorkspace: WorkspaceView = { readFile: () => undefined, exists: () => false };
const config = mergeConfig(DEFAULT_CONFIG, { profile: 'strict' });

function percentile(sorted: number[], p: number): number {
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[k]!;
}

interface Row {
  language: string;
  lines: number;
  findings: number;
  p50: number;
  p95: number;
  cpuP50: number;
  cpuP95: number;
  cachedP50: number;
  cachedP95: number;
  budget: number;
}

function measure(language: Language, text: string, budget: number, iterations: number, at?: { path: string; workspace: WorkspaceView; label: string }): Row {
  const path = at?.path ?? BENCH_PATHS[language] ?? `/bench/${language}`;
  const workspace = at?.workspace ?? emptyWorkspace;
  const lines = text.split('\n').length - 1;
  // Fresh texts (a distinct trailing comment each time), built before timing starts.
  const variants = Array.from({ length: iterations + 20 }, (_, k) => `${text}# iteration ${k}\n`);
  let findings = 0;
  for (let k = 0; k < 20; k++) findings = lint(path, variants[k]!, { config, workspace, language })!.diagnostics.length;
  const cold: number[] = [];
  // CPU time of the same lints: on a shared, loaded machine wall time includes the time the
  // process waited for a core, CPU time does not.
  const cpu: number[] = [];
  for (let k = 20; k < variants.length; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    lint(path, variants[k]!, { config, workspace, language });
    cold.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  // Re-lint of an unchanged document: the parse is reused, every rule runs again.
  const cache = new ParseCache();
  lint(path, text, { config, workspace, language, cache, version: 1 });
  const cached: number[] = [];
  for (let k = 0; k < iterations; k++) {
    const t0 = performance.now();
    lint(path, text, { config, workspace, language, cache, version: 1 });
    cached.push(performance.now() - t0);
  }
  cold.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  cached.sort((a, b) => a - b);
  return {
    language: at?.label ?? language,
    lines,
    findings,
    p50: percentile(cold, 50),
    p95: percentile(cold, 95),
    cpuP50: percentile(cpu, 50),
    cpuP95: percentile(cpu, 95),
    cachedP50: percentile(cached, 50),
    cachedP95: percentile(cached, 95),
    budget,
  };
}

/** A Traefik workspace: static configuration, a file-provider folder and a compose file around the measured document. */
function traefikWorkspace(extra: Record<string, string>): WorkspaceView {
  return new MemoryWorkspace({
    '/bench/w/traefik.yml': 'entryPoints:\n  web:\n    address: ":80"\n  websecure:\n    address: ":443"\nproviders:\n  docker:\n    exposedByDefault: false\n  file:\n    directory: /etc/traefik/dynamic\n',
    '/bench/w/dynamic/middlewares.yml': 'http:\n  middlewares:\n    secure:\n      headers:\n        stsSeconds: 31536000\n        stsIncludeSubdomains: true\n        frameDeny: true\n        contentTypeNosniff: true\n',
    ...extra,
  });
}

/** The Traefik workspace-graph cases: every graph rule engaged (static configuration, file provider folder, labels). */
function traefikRows(): Row[] {
  const rows: Row[] = [];
  const dyn500 = traefikDynamic(500, 7);
  const compose200 = composeWithTraefikLabels(200, 7);
  const dyn1000 = generateTraefikDynamic(1000, 42);
  const dynPath = '/bench/w/dynamic/routers.yml';
  const composePath = '/bench/w/compose.yaml';
  rows.push(measure('traefik', dyn1000, 5, 150, { path: dynPath, workspace: traefikWorkspace({ [dynPath]: dyn1000 }), label: 'traefik-ws' }));
  rows.push(measure('traefik', dyn500, 25, 50, { path: dynPath, workspace: traefikWorkspace({ [dynPath]: dyn500 }), label: '500 routers' }));
  rows.push(measure('compose', compose200, 25, 50, { path: composePath, workspace: traefikWorkspace({ [composePath]: compose200 }), label: '200 labelled' }));
  return rows;
}


function main(): void {
  const rows: Row[] = [];
  const only = argValue('--only');
  for (const [language, generate] of Object.entries(generators)) {
    if (only && language !== only) continue;
    for (const size of SIZES_BY_LANGUAGE[language] ?? SIZES) rows.push(measure(language as Language, generate(size.lines, 42), size.budget, size.iterations));
  }
  if (!only || only === 'traefik') rows.push(...traefikRows());
  const fmt = (n: number) => n.toFixed(2).padStart(8);
  console.log('language    lines  findings   p50 ms   p95 ms  cpu p50  cpu p95  cached p50  cached p95  budget p95');
  let missed = 0;
  for (const r of rows) {
    const ok = r.p95 < r.budget;
    if (!ok) missed++;
    console.log(
      `${r.language.padEnd(10)} ${String(r.lines).padStart(6)} ${String(r.findings).padStart(9)} ${fmt(r.p50)} ${fmt(r.p95)} ${fmt(r.cpuP50)} ${fmt(r.cpuP95)}    ${fmt(r.cachedP50)}    ${fmt(r.cachedP95)}   < ${String(r.budget).padStart(2)} ms ${ok ? 'PASS' : 'MISS'}`,
    );
  }
  console.log('traefik-ws: a 1,000-line dynamic file with its static configuration, file-provider folder and labels in the workspace;');
  console.log('500 routers: a dynamic file; 200 labelled: a compose file with a Traefik service and 200 labelled services (compose + traefik rules).');
  if (!process.argv.includes('--no-dclint')) compareWithDclint();
  if (missed > 0 && process.argv.includes('--check')) process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// The CLI against dclint on 200 compose files: CPU time of each whole process.

const DCLINT_VERSION = '3.1.0';
const ROOT = resolve(__dirname, '../../..');
const CACHE = join(ROOT, '.cache', 'bench');

/** CPU seconds (user + sys) of the children this process has waited for (Linux /proc/self/stat). */
function childCpu(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: state is field 3, cutime 16 and cstime 17 (1-based), in clock ticks.
    return (Number(f[16 - 3]) + Number(f[17 - 3])) / clockTicks();
  } catch {
    return undefined;
  }
}

let ticks: number | undefined;
function clockTicks(): number {
  if (ticks === undefined) {
    const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    ticks = Number(r.stdout.trim()) || 100;
  }
  return ticks;
}

/** Runs a command to completion; its CPU time (seconds) and wall time. */
function timed(cmd: string, args: string[], cwd: string): { cpu: number; wall: number; status: number | null } {
  const before = childCpu();
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  const wall = (performance.now() - t0) / 1000;
  const after = childCpu();
  return { cpu: before !== undefined && after !== undefined ? after - before : wall, wall, status: r.status };
}

/** dclint 3.1.0 in .cache/bench/dclint (installed with npm on first use, never a dependency). */
function dclintBin(): string | undefined {
  const dir = join(CACHE, 'dclint');
  const bin = join(dir, 'node_modules', 'dclint', 'bin', 'dclint.cjs');
  const pkg = join(dir, 'node_modules', 'dclint', 'package.json');
  const installed = existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version === DCLINT_VERSION;
  if (!installed) {
    mkdirSync(dir, { recursive: true });
    if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), '{"private": true}\n');
    console.log(`installing dclint@${DCLINT_VERSION} into ${dir} …`);
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', `dclint@${DCLINT_VERSION}`], { cwd: dir, stdio: 'inherit' });
    if (r.status !== 0 || !existsSync(bin)) return undefined;
  }
  return bin;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function compareWithDclint(): void {
  // Outside the repository: its .gitignore ignores .cache/, and Rampart's walk honours it.
  const dir = join(realpathSync(tmpdir()), 'rampart-bench-compose200');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Sizes as real projects have them: most compose files are short, a few are long. About 30 to
  // 270 lines (median about 55), every file different.
  const sizes: number[] = [];
  const r = rng(2024);
  for (let k = 0; k < 200; k++) {
    const u = r();
    const text = generateCompose(20 + Math.floor(230 * u * u * u), 1000 + k);
    sizes.push(text.split('\n').length - 1);
    writeFileSync(join(dir, `compose.${String(k).padStart(3, '0')}.yaml`), text);
  }
  const lines = sizes.reduce((a, b) => a + b, 0);
  const sorted = [...sizes].sort((a, b) => a - b);
  const bin = dclintBin();
  if (!bin) {
    console.log('\ndclint could not be installed (no registry access?): comparison skipped.');
    return;
  }
  const runs = Math.max(1, Number(argValue('--runs') ?? 3));
  const rampartBin = join(ROOT, 'bin', 'rampart.js');
  const rampartArgs = [rampartBin, 'lint', dir, '--format', 'json', '--fail-on', 'never', '--output', join(CACHE, 'rampart-200.json')];
  const dclintArgs = [bin, dir, '--no-color', '-f', 'json', '-o', join(CACHE, 'dclint-200.json')];
  const best = (cmd: string[]) => {
    let b: { cpu: number; wall: number; status: number | null } | undefined;
    for (let i = 0; i < runs; i++) {
      const t = timed(process.execPath, cmd, dir);
      if (!b || t.cpu < b.cpu) b = t;
    }
    return b!;
  };
  const ours = best(rampartArgs);
  const theirs = best(dclintArgs);
  const count = (file: string, pick: (j: unknown) => number) => {
    try {
      return pick(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      return NaN;
    }
  };
  const ourFindings = count(join(CACHE, 'rampart-200.json'), (j) => (j as { files: Array<{ diagnostics: unknown[] }> }).files.reduce((n, f) => n + f.diagnostics.length, 0));
  const theirFindings = count(join(CACHE, 'dclint-200.json'), (j) => (j as Array<{ messages: unknown[] }>).reduce((n, f) => n + f.messages.length, 0));
  const load = readFileSafe('/proc/loadavg')?.split(' ').slice(0, 3).join(' ') ?? '?';
  console.log(
    `\ncompose: the CLI against dclint ${DCLINT_VERSION} on 200 generated files (${lines} lines; ${sorted[0]} to ${sorted[sorted.length - 1]} lines, median ${sorted[100]}), best of ${runs} runs, load average ${load}`,
  );
  console.log('tool          CPU s (user+sys)   wall s   findings');
  console.log(`rampart       ${ours.cpu.toFixed(2).padStart(16)} ${ours.wall.toFixed(2).padStart(8)} ${String(ourFindings).padStart(10)}`);
  console.log(`dclint        ${theirs.cpu.toFixed(2).padStart(16)} ${theirs.wall.toFixed(2).padStart(8)} ${String(theirFindings).padStart(10)}`);
  const ratio = theirs.cpu / Math.max(ours.cpu, 0.001);
  console.log(`CPU ratio: dclint / rampart = ${ratio.toFixed(1)}x (target: at least 50x) ${ratio >= 50 ? 'PASS' : 'MISS'}`);
}

function readFileSafe(p: string): string | undefined {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

main();
