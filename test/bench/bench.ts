// `npm run bench`: one run, one table (test/bench/table.ts). Sections, each adding rows:
//   engine  warm in-process lint time by language and size (p95 under 2 ms for ~100 lines, 5 ms
//           for ~1,000, 25 ms for ~5,000), with the parse cached and not
//   edit    per-edit latency through a spawned language server (edit-latency.ts)
//   cli     `rampart lint .` on 1,000 and 10,000 generated files (scan.ts)
//   server  the language server's RSS after scanning the 10,000-file workspace (scan.ts)
//   dclint  CPU time against dclint 3.1.0 on the same 200 compose files (dclint.ts)
// Not a test file: run it on a quiet machine (the load average is printed with the table).
// Options: `--only edit,cli` picks sections; a bare word (`-- nginx`) narrows the per-language
// sections to that language; `--runs N` repeats each measured process (best kept, default 3);
// `--check` exits non-zero when a budget is missed. Generated files live in .cache/bench.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/engine/config';
import { lint, ParseCache } from '../../server/src/engine/lint';
import type { Language, WorkspaceView } from '../../server/src/engine/types';
import { generators } from './generate';
import { Table } from './table';
import { editLatency } from './edit-latency';
import { cliScan, serverScan } from './scan';
import { compareWithDclint } from './dclint';
import { fmtMs, loadAverage } from './measure';

const SIZES: Array<{ lines: number; budget: number; iterations: number }> = [
  { lines: 100, budget: 2, iterations: 400 },
  { lines: 1000, budget: 5, iterations: 150 },
  { lines: 5000, budget: 25, iterations: 50 },
];

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
  budget: number;
}

function measure(language: Language, text: string, budget: number, iterations: number): Row {
  const path = `/bench/${language === 'dockerfile' ? 'Dockerfile' : language}`;
  const lines = text.split('\n').length - 1;
  // Fresh texts (a distinct trailing comment each time), built before timing starts.
  const variants = Array.from({ length: iterations + 20 }, (_, k) => `${text}# iteration ${k}\n`);
  let findings = 0;
  for (let k = 0; k < 20; k++) findings = lint(path, variants[k]!, { config, workspace, language })!.diagnostics.length;
  const cold: number[] = [];
  for (let k = 20; k < variants.length; k++) {
    const t0 = performance.now();
    lint(path, variants[k]!, { config, workspace, language });
    cold.push(performance.now() - t0);
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
  return {
    language,
    lines,
    findings,
    p50: percentile(cold, 50),
    p95: percentile(cold, 95),
    cachedP50: percentile(cached, 50),
    cachedP95: percentile(cached, 95),
    budget,
  };
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const SECTIONS = ['engine', 'edit', 'cli', 'server', 'dclint'];

async function main(): Promise<void> {
  const onlyArg = argValue('--only');
  const sections = new Set(onlyArg ? onlyArg.split(',') : SECTIONS);
  const runs = Math.max(1, Number(argValue('--runs') ?? 3));
  const values = new Set([onlyArg, argValue('--runs')].filter((v): v is string => v !== undefined));
  const languages = process.argv.slice(2).filter((a) => !a.startsWith('--') && !values.has(a));
  const only = (language: string) => languages.length === 0 || languages.includes(language);
  const loadBefore = loadAverage();
  console.error(`Rampart benchmark: node ${process.version}, ${cpus().length} CPUs, load average ${loadBefore}`);
  const table = new Table();

  if (sections.has('engine')) {
    for (const [language, generate] of Object.entries(generators)) {
      if (!only(language)) continue;
      for (const size of SIZES) {
        const r = measure(language as Language, generate(size.lines, 42), size.budget, size.iterations);
        table.add({
          measure: 'engine lint (in-process)',
          subject: `${r.language}, ${r.lines.toLocaleString('en-US')} lines, ${r.findings} findings`,
          result: `p50 ${fmtMs(r.p50)} ms, p95 ${fmtMs(r.p95)} ms; parse cached: p50 ${fmtMs(r.cachedP50)} ms, p95 ${fmtMs(r.cachedP95)} ms`,
        });
      }
    }
  }
  if (sections.has('edit')) await editLatency(table, only);
  if (sections.has('cli')) cliScan(table, [1_000, 10_000], runs);
  if (sections.has('server')) await serverScan(table, 10_000);
  if (sections.has('dclint')) compareWithDclint(table, runs);

  console.log(`\nRampart benchmark — node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average ${loadBefore} at the start, ${loadAverage()} at the end\n`);
  console.log(table.render());
  if (table.missed > 0 && process.argv.includes('--check')) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 2;
});
