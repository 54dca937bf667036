// `npm run bench`: warm per-document lint time by language and size, against the budgets
// (p95 under 2 ms for ~100 lines, 5 ms for ~1,000, 25 ms for ~5,000; nginx, whose rules follow
// includes and inheritance: 3, 10 and 50 ms). Not a test file: run it on a quiet machine.
// `--check` exits non-zero when a budget is missed; `-- nginx` narrows to one language; each
// statistic is the best of `--rounds` (default 3) runs. The cpu
// columns (process CPU time of the same lints) show the cost on a busy machine, where wall-clock
// percentiles mostly measure the scheduler.
import { performance } from 'node:perf_hooks';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/engine/config';
import { lint, ParseCache } from '../../server/src/engine/lint';
import type { Language, WorkspaceView } from '../../server/src/engine/types';
import { generators } from './generate';

const SIZES: Array<{ lines: number; budget: number; iterations: number }> = [
  { lines: 100, budget: 2, iterations: 400 },
  { lines: 1000, budget: 5, iterations: 150 },
  { lines: 5000, budget: 25, iterations: 50 },
];

/** Languages whose budgets differ from SIZES' (p95 ms by line count). */
const BUDGETS: Partial<Record<Language, Record<number, number>>> = {
  nginx: { 100: 3, 1000: 10, 5000: 50 },
};

const FILE_NAMES: Partial<Record<Language, string>> = { dockerfile: 'Dockerfile', nginx: 'nginx.conf', compose: 'compose.yaml', traefik: 'traefik.yml' };

const workspace: WorkspaceView = { readFile: () => undefined, exists: () => false };
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
  cachedP50: number;
  cachedP95: number;
  /** CPU time of the same cold lints (user + system, all threads): what a busy machine cannot inflate. */
  cpuP50: number;
  cpuP95: number;
  budget: number;
}

function measureOnce(language: Language, text: string, budget: number, iterations: number): Row {
  const path = `/bench/${FILE_NAMES[language] ?? language}`;
  const lines = text.split('\n').length - 1;
  // Fresh texts (a distinct trailing comment each time), built before timing starts.
  const variants = Array.from({ length: iterations + 20 }, (_, k) => `${text}# iteration ${k}\n`);
  let findings = 0;
  for (let k = 0; k < 20; k++) findings = lint(path, variants[k]!, { config, workspace, language })!.diagnostics.length;
  const cold: number[] = [];
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
  cached.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    language,
    lines,
    findings,
    p50: percentile(cold, 50),
    p95: percentile(cold, 95),
    cachedP50: percentile(cached, 50),
    cachedP95: percentile(cached, 95),
    cpuP50: percentile(cpu, 50),
    cpuP95: percentile(cpu, 95),
    budget,
  };
}

/**
 * The best of `rounds` measurements, statistic by statistic: on a shared machine a round that
 * another process preempted says nothing about the code (`--rounds 1` for a single round).
 */
function measure(language: Language, text: string, budget: number, iterations: number, rounds: number): Row {
  const all = Array.from({ length: rounds }, () => measureOnce(language, text, budget, iterations));
  const best = (k: keyof Row) => Math.min(...all.map((r) => r[k] as number));
  return {
    ...all[0]!,
    p50: best('p50'),
    p95: best('p95'),
    cachedP50: best('cachedP50'),
    cachedP95: best('cachedP95'),
    cpuP50: best('cpuP50'),
    cpuP95: best('cpuP95'),
  };
}

function main(): void {
  const rows: Row[] = [];
  const args = process.argv.slice(2);
  const r = args.indexOf('--rounds');
  const rounds = r >= 0 ? Math.max(1, parseInt(args[r + 1] ?? '3', 10) || 3) : 3;
  const only = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds');
  for (const [language, generate] of Object.entries(generators)) {
    if (only.length > 0 && !only.includes(language)) continue;
    for (const size of SIZES) {
      const budget = BUDGETS[language as Language]?.[size.lines] ?? size.budget;
      rows.push(measure(language as Language, generate(size.lines, 42), budget, size.iterations, rounds));
    }
  }
  const fmt = (n: number) => n.toFixed(2).padStart(8);
  console.log('language    lines  findings   p50 ms   p95 ms  cached p50  cached p95  cpu p50  cpu p95  budget p95');
  let missed = 0;
  for (const r of rows) {
    const ok = r.p95 < r.budget;
    if (!ok) missed++;
    console.log(
      `${r.language.padEnd(10)} ${String(r.lines).padStart(6)} ${String(r.findings).padStart(9)} ${fmt(r.p50)} ${fmt(r.p95)}    ${fmt(r.cachedP50)}    ${fmt(r.cachedP95)} ${fmt(r.cpuP50)} ${fmt(r.cpuP95)}   < ${String(r.budget).padStart(2)} ms ${ok ? 'PASS' : 'MISS'}`,
    );
  }
  if (missed > 0 && process.argv.includes('--check')) process.exit(1);
}

main();
