// `npm run bench`: warm per-document lint time by language and size, against the budgets
// (p95 under 2 ms for ~100 lines, 5 ms for ~1,000, 25 ms for ~5,000). Not a test file: run it
// on a quiet machine. `--check` exits non-zero when a budget is missed. Traefik adds the
// workspace-graph cases: a 1,000-line dynamic file with its static configuration, file-provider
// folder and labels around it, a dynamic file with 500 routers and a compose file with 200
// labelled services (their budget is the 5,000-line one).
import { performance } from 'node:perf_hooks';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/engine/config';
import { lint, ParseCache } from '../../server/src/engine/lint';
import type { Language, WorkspaceView } from '../../server/src/engine/types';
import { composeWithTraefikLabels, generateTraefikDynamic, generators, traefikDynamic } from './generate';
import { MemoryWorkspace } from '../helpers/lint';

const SIZES: Array<{ lines: number; budget: number; iterations: number }> = [
  { lines: 100, budget: 2, iterations: 400 },
  { lines: 1000, budget: 5, iterations: 150 },
  { lines: 5000, budget: 25, iterations: 50 },
];

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
  cachedP50: number;
  cachedP95: number;
  budget: number;
}

function measure(language: Language, text: string, budget: number, iterations: number, at?: { path: string; workspace: WorkspaceView; label: string }): Row {
  const path = at?.path ?? `/bench/${language === 'dockerfile' ? 'Dockerfile' : language}`;
  const workspace = at?.workspace ?? emptyWorkspace;
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
    language: at?.label ?? language,
    lines,
    findings,
    p50: percentile(cold, 50),
    p95: percentile(cold, 95),
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
  for (const [language, generate] of Object.entries(generators)) {
    for (const size of SIZES) rows.push(measure(language as Language, generate(size.lines, 42), size.budget, size.iterations));
  }
  rows.push(...traefikRows());
  const fmt = (n: number) => n.toFixed(2).padStart(8);
  console.log('language       lines  findings   p50 ms   p95 ms  cached p50  cached p95  budget p95');
  let missed = 0;
  for (const r of rows) {
    const ok = r.p95 < r.budget;
    if (!ok) missed++;
    console.log(
      `${r.language.padEnd(13)} ${String(r.lines).padStart(6)} ${String(r.findings).padStart(9)} ${fmt(r.p50)} ${fmt(r.p95)}    ${fmt(r.cachedP50)}    ${fmt(r.cachedP95)}   < ${String(r.budget).padStart(2)} ms ${ok ? 'PASS' : 'MISS'}`,
    );
  }
  console.log('traefik-ws: a 1,000-line dynamic file with its static configuration, file-provider folder and labels in the workspace;');
  console.log('500 routers: a dynamic file; 200 labelled: a compose file with a Traefik service and 200 labelled services (compose + traefik rules).');
  if (missed > 0 && process.argv.includes('--check')) process.exit(1);
}

main();
