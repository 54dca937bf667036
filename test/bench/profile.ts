// Not a test: an in-process loop for `node --cpu-prof` over the generated compose and Traefik
// files (the bench's engine cases), printing min/p50/p95 per case and the bytes allocated per lint.
//   node out/test/bench/profile.js [case…] [--ms N]   cases: compose50 compose500 compose1000
//   compose5000 traefik100 traefik1000 traefik5000 routers500 labels200 (default: all)
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/engine/config';
import { forgetDocument, lint, pluginFor } from '../../server/src/engine/lint';
import type { Language, WorkspaceView } from '../../server/src/engine/types';
import { composeWithTraefikLabels, generators, traefikDynamic } from './generate';
import { IdleCollector } from '../../server/src/lsp/idle-gc';

const workspace: WorkspaceView = { readFile: () => undefined, exists: () => false };
const config = mergeConfig(DEFAULT_CONFIG, { profile: 'strict' });

const CASES: Record<string, { language: Language; path: string; text: () => string }> = {
  compose50: { language: 'compose', path: '/bench/compose.yaml', text: () => generators.compose!(50, 42) },
  compose500: { language: 'compose', path: '/bench/compose.yaml', text: () => generators.compose!(500, 42) },
  compose1000: { language: 'compose', path: '/bench/compose.yaml', text: () => generators.compose!(1000, 42) },
  compose5000: { language: 'compose', path: '/bench/compose.yaml', text: () => generators.compose!(5000, 42) },
  traefik100: { language: 'traefik', path: '/bench/dynamic.yml', text: () => generators.traefik!(100, 42) },
  traefik1000: { language: 'traefik', path: '/bench/dynamic.yml', text: () => generators.traefik!(1000, 42) },
  traefik5000: { language: 'traefik', path: '/bench/dynamic.yml', text: () => generators.traefik!(5000, 42) },
  routers500: { language: 'traefik', path: '/bench/dynamic.yml', text: () => traefikDynamic(500, 42) },
  labels200: { language: 'compose', path: '/bench/compose.yaml', text: () => composeWithTraefikLabels(200, 42) },
};

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

// --rules: time spent per rule (and in parse), summed over the timed lints, printed per lint.
const ruleTimes = new Map<string, number>();
if (process.argv.includes('--rules')) {
  for (const language of ['compose', 'traefik'] as const) {
    const plugin = pluginFor(language)!;
    const parse = plugin.parse;
    plugin.parse = (text, path) => {
      const t0 = performance.now();
      try {
        return parse(text, path);
      } finally {
        ruleTimes.set(`(${language} parse)`, (ruleTimes.get(`(${language} parse)`) ?? 0) + performance.now() - t0);
      }
    };
    for (const rule of plugin.rules) {
      const check = rule.check;
      rule.check = (model, ctx) => {
        const t0 = performance.now();
        try {
          return check(model, ctx);
        } finally {
          ruleTimes.set(rule.meta.id, (ruleTimes.get(rule.meta.id) ?? 0) + performance.now() - t0);
        }
      };
    }
  }
}

// --heap FILE: a sampling heap profile of the timed lints that keeps the samples of objects the
// GC already collected (so it shows where the garbage is made), written as FILE.
const heapArg = process.argv.indexOf('--heap');
const heapFile = heapArg >= 0 ? process.argv[heapArg + 1] : undefined;
const session = heapFile ? new Session() : undefined;
function post(method: string, params: object = {}): Promise<unknown> {
  return new Promise((resolve, reject) => session!.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
}

const idle = process.argv.includes('--idle-gc') ? new IdleCollector() : undefined;
const msArg = process.argv.indexOf('--ms');
const budgetMs = msArg >= 0 ? Number(process.argv[msArg + 1]) : 3000;
const names = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--ms' && all[i - 1] !== '--heap');
async function main(): Promise<void> {
for (const name of names.length > 0 ? names : Object.keys(CASES)) {
  const c = CASES[name];
  if (!c) throw new Error(`unknown case ${name}`);
  const text = c.text();
  let findings = 0;
  // Warm up, then time distinct texts (a trailing comment each) for budgetMs.
  for (let k = 0; k < 30; k++) lint(c.path, `${text}# warm ${k}\n`, { config, workspace, language: c.language });
  const times: number[] = [];
  // CPU time of the process per lint (all threads: the GC's helpers too): steadier than wall time
  // on a shared machine, where the wall time includes waiting for a core.
  const cpu: number[] = [];
  ruleTimes.clear();
  if (session) {
    session.connect();
    await post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  }
  const start = performance.now();
  for (let k = 0; performance.now() - start < budgetMs || k < 20; k++) {
    const variant = `${text}# run ${k}\n`;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const run = () => lint(c.path, variant, { config, workspace, language: c.language });
    // --idle-gc: as the language server does (lsp/idle-gc.ts): back to back, a lint that would not
    // fit in the young generation releases the previous parse and collects first (timed).
    findings = (idle ? idle.around(run, () => forgetDocument(c.path)) : run())!.diagnostics.length;
    times.push(performance.now() - t0);
    if (idle) await new Promise((r) => setImmediate(r));
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1000);
  }
  if (session) {
    const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: unknown };
    writeFileSync(heapFile!, JSON.stringify(profile));
    session.disconnect();
  }
  // Bytes allocated by one lint: the heap's growth across it right after a full GC (run with
  // --expose-gc and a semi-space large enough that no scavenge happens inside one lint).
  const gc = (globalThis as { gc?: () => void }).gc;
  let allocated = NaN;
  let retained = NaN;
  if (gc) {
    const sizes: number[] = [];
    for (let k = 0; k < 10; k++) {
      const variant = `${text}# alloc ${k}\n`;
      gc();
      const h0 = getHeapStatistics().used_heap_size;
      lint(c.path, variant, { config, workspace, language: c.language });
      sizes.push(getHeapStatistics().used_heap_size - h0);
    }
    sizes.sort((a, b) => a - b);
    allocated = pct(sizes, 50);
    // What a lint leaves reachable once it has returned (caches): a scavenge copies it again.
    const kept: number[] = [];
    for (let k = 0; k < 10; k++) {
      gc();
      const h0 = getHeapStatistics().used_heap_size;
      lint(c.path, `${text}# kept ${k}\n`, { config, workspace, language: c.language });
      gc();
      kept.push(getHeapStatistics().used_heap_size - h0);
    }
    kept.sort((a, b) => a - b);
    retained = pct(kept, 50);
  }
  const runs = times.length;
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(x < 10 ? 2 : 1);
  console.log(`${name.padEnd(12)} ${String(text.split('\n').length - 1).padStart(5)} lines ${String(findings).padStart(5)} findings  n=${String(times.length).padStart(5)}  min ${f(times[0]!)}  p50 ${f(pct(times, 50))}  p90 ${f(pct(times, 90))}  p95 ${f(pct(times, 95))}  p99 ${f(pct(times, 99))}  max ${f(times[times.length - 1]!)} ms  cpu p50 ${f(pct(cpu, 50))} mean ${f(cpu.reduce((a, b) => a + b, 0) / runs)} ms  alloc ${(allocated / 1e6).toFixed(2)} MB/lint, kept ${(retained / 1e6).toFixed(2)} MB`);
  if (ruleTimes.size > 0) {
    for (const [id, ms] of [...ruleTimes].sort((a, b) => b[1] - a[1])) console.log(`    ${(ms / runs).toFixed(3).padStart(8)} ms  ${id}`);
  }
}
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
