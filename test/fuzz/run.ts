// `npm run fuzz [-- --seconds 60] [--seed N] [--language nginx] [--no-save] [--slow-ms 2000]
//   [--hang-ms 15000] [--jobs N] [--regex-audit [--regex-n 4000] [--regex-log] [--regex-only TEXT]]`
// The timed regex audit (--regex-audit) is opt-in: it is not bounded by --seconds (one regex at
// 16,000 characters can take minutes), and `npm test` already feeds every regex its attack strings.
// It prints the slowest regexes (file:line, pattern, input length, ms); --regex-log also prints
// each regex as it starts and ends, so a regex that stalls is the last one named.
// --regex-n sets the short attack length (the long one is 4×); --regex-only audits only the regexes
// whose file:line or pattern contains TEXT. `--seconds 0 --regex-audit` runs the audit alone.
// Mutation fuzzing of every registered language from its fixtures (see targets.ts, mutate.ts,
// properties.ts). Prints the inputs tried and the failures per language, the slowest inputs, and
// saves one minimised input per distinct failure as test/fuzz/regressions/<language>/<hash><ext>,
// which `npm test` replays. An input slower than --slow-ms counts as a failure (saved, replayed
// without any time assertion); one that does not come back within --hang-ms is a hang.
// Exit code 1 when a failure was found. Time-bounded, never part of `npm test`.
import { Worker } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import type { Language } from '../../server/src/engine/types';
import { mutationFor } from './mutate';
import { checkInput, type Failure } from './properties';
import { extrasFor, fixtureSeeds, fuzzLanguages, regressionFile, regressionSeeds, REGRESSIONS_DIR, type Seed } from './targets';
import type { WorkerJob, WorkerMessage } from './worker';
import { minimize } from './minimize';
import { auditRegexes, describeSite, type RegexTiming } from './regex-audit';
import type { RegexSite } from './regex-source';
import { repoRoot } from '../helpers/paths';

interface Args {
  seconds: number;
  seed: number;
  languages: Language[];
  save: boolean;
  slowMs: number;
  hangMs: number;
  jobs: number;
  regexAudit: boolean;
  regexN: number;
  regexLog: boolean;
  regexOnly: string[];
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    seconds: 60,
    seed: Date.now() % 1_000_000_007,
    languages: [],
    save: true,
    slowMs: 2000,
    hangMs: 15_000,
    jobs: Math.max(1, Math.min(cpus().length, 4)),
    regexAudit: false,
    regexN: 4000,
    regexLog: false,
    regexOnly: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${k} needs a value`);
      return x;
    };
    if (k === '--seconds') a.seconds = Number(v());
    else if (k === '--seed') a.seed = Number(v());
    else if (k === '--language') a.languages.push(v() as Language);
    else if (k === '--no-save') a.save = false;
    else if (k === '--slow-ms') a.slowMs = Number(v());
    else if (k === '--hang-ms') a.hangMs = Number(v());
    else if (k === '--jobs') a.jobs = Math.max(1, Number(v()));
    else if (k === '--regex-audit') a.regexAudit = true;
    else if (k === '--no-regex-audit') a.regexAudit = false;
    else if (k === '--regex-n') a.regexN = Number(v());
    else if (k === '--regex-log') a.regexLog = true;
    else if (k === '--regex-only') a.regexOnly.push(v());
    else throw new Error(`unknown option ${k}`);
  }
  const known = fuzzLanguages();
  for (const l of a.languages) if (!known.includes(l)) throw new Error(`unknown language ${l} (known: ${known.join(', ')})`);
  if (a.languages.length === 0) a.languages = known;
  return a;
}

interface Found {
  failure: Failure;
  index: number;
  size: number;
  count: number;
}

interface Stats {
  language: Language;
  inputs: number;
  failures: Map<string, Found>;
  slow: Array<{ index: number; ms: number; size: number; steps: string[] }>;
  totalMs: number;
  maxMs: number;
  kbMs: number;
}

function runLanguage(language: Language, args: Args, budgetMs: number): Promise<Stats> {
  const stats: Stats = { language, inputs: 0, failures: new Map(), slow: [], totalMs: 0, maxMs: 0, kbMs: 0 };
  const deadline = Date.now() + budgetMs;
  const record = (f: Failure, index: number, size: number) => {
    const prev = stats.failures.get(f.signature);
    if (!prev) stats.failures.set(f.signature, { failure: f, index, size, count: 1 });
    else {
      prev.count++;
      if (size < prev.size) Object.assign(prev, { failure: f, index, size });
    }
  };
  return new Promise((resolve) => {
    const launch = (startIndex: number) => {
      const job: WorkerJob = { language, runSeed: args.seed, startIndex, deadline, fixAllEvery: 4 };
      const w = new Worker(join(__dirname, 'worker.js'), { workerData: job });
      let current = -1;
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          // A hang: the input never came back. Record it, replace the worker, go on after it.
          record({ property: 'hang', detail: `no answer within ${args.hangMs} ms`, signature: 'hang' }, current, -1);
          stats.inputs++;
          void w.terminate();
          launch(current + 1);
        }, args.hangMs);
      };
      w.on('message', (m: WorkerMessage) => {
        if (m.type === 'start') {
          current = m.index;
          arm();
        } else if (m.type === 'done') {
          clearTimeout(timer);
          stats.inputs++;
          stats.totalMs += m.ms;
          stats.maxMs = Math.max(stats.maxMs, m.ms);
          if (m.size > 1000) stats.kbMs = Math.max(stats.kbMs, m.ms / (m.size / 1024));
          for (const f of m.failures) record(f, m.index, m.size);
          if (m.ms > args.slowMs) record({ property: 'slow', detail: `${Math.round(m.ms)} ms for ${m.size} characters`, signature: `slow ${m.steps.join('+')}` }, m.index, m.size);
          stats.slow.push({ index: m.index, ms: m.ms, size: m.size, steps: m.steps });
          stats.slow.sort((a, b) => b.ms - a.ms);
          stats.slow.length = Math.min(stats.slow.length, 5);
        } else {
          clearTimeout(timer);
          void w.terminate();
          resolve(stats);
        }
      });
      w.on('error', (err) => {
        clearTimeout(timer);
        record({ property: 'worker-crash', detail: String(err), signature: `worker-crash ${String(err).slice(0, 60)}` }, current, -1);
        if (Date.now() < deadline) launch(current + 1);
        else resolve(stats);
      });
    };
    launch(0);
  });
}

function save(language: Language, text: string): string {
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  const dir = join(REGRESSIONS_DIR, language);
  mkdirSync(dir, { recursive: true });
  const { name, content } = regressionFile(language, hash, text);
  const path = join(dir, name);
  if (!existsSync(path)) writeFileSync(path, content);
  return relative(repoRoot(), path);
}

function timingLine(t: RegexTiming): string {
  return `${t.worst.ms.toFixed(1).padStart(8)} ms at ${String(t.worst.length).padStart(6)} chars  ${describeSite(t.site)}`;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const langs = args.languages;
  const budgetMs = (args.seconds * 1000 * Math.min(args.jobs, langs.length)) / langs.length;
  console.log(`rampart fuzz: seed ${args.seed}, ${args.seconds} s, ${args.jobs} job(s), languages ${langs.join(', ')}`);

  // Saved regressions first: they must all pass before anything new counts.
  let replayFailures = 0;
  for (const language of langs) {
    for (const s of regressionSeeds(language)) {
      const r = checkInput(s.text, { language, path: s.path, fixAll: true });
      if (r.failures.length > 0) {
        replayFailures++;
        console.log(`  replay FAILS ${relative(repoRoot(), s.path)}: ${r.failures[0]!.detail}`);
      }
    }
  }

  const queue = [...langs];
  const results: Stats[] = [];
  await Promise.all(
    Array.from({ length: Math.min(args.jobs, langs.length) }, async () => {
      for (let l = queue.shift(); l; l = queue.shift()) results.push(await runLanguage(l, args, budgetMs));
    }),
  );
  results.sort((a, b) => langs.indexOf(a.language) - langs.indexOf(b.language));

  console.log('');
  console.log('language     inputs   failures  mean ms  max ms  worst ms/KB');
  for (const s of results) {
    const fails = [...s.failures.values()].reduce((n, f) => n + f.count, 0);
    console.log(
      `${s.language.padEnd(12)} ${String(s.inputs).padStart(6)}   ${String(fails).padStart(8)}  ${(s.totalMs / Math.max(1, s.inputs)).toFixed(2).padStart(7)}  ${s.maxMs.toFixed(0).padStart(6)}  ${s.kbMs.toFixed(2).padStart(11)}`,
    );
  }

  let found = 0;
  for (const s of results) {
    const seeds: Seed[] = [...fixtureSeeds(s.language), ...regressionSeeds(s.language)];
    if (s.slow.length > 0) {
      console.log(`\n${s.language}: slowest inputs`);
      for (const x of s.slow) console.log(`  #${x.index}  ${x.ms.toFixed(1)} ms  ${x.size} chars  (${x.steps.join(' + ')})`);
    }
    for (const [sig, f] of s.failures) {
      found++;
      const m = mutationFor(args.seed, s.language, f.index, seeds);
      let text = m.text;
      // Saved inputs are replayed from the regressions folder, without the fixture's side files
      // (.env, .dockerignore): minimise there, so what is saved fails where it is replayed.
      const replayPath = join(REGRESSIONS_DIR, s.language, `input${extrasFor(s.language).ext}`).replace(/\\/g, '/');
      const fixAll = f.failure.property === 'fix-all' || f.failure.signature.startsWith('fix-all');
      const fails = (t: string, path: string) => checkInput(t, { language: s.language, path, fixAll }).failures.some((x) => x.signature === sig);
      const reproducible = f.failure.property !== 'hang' && f.failure.property !== 'slow' && f.failure.property !== 'worker-crash';
      let note = '';
      if (reproducible) {
        if (fails(text, replayPath)) text = minimize(text, (t) => fails(t, replayPath));
        else note = ` (fails only beside ${relative(repoRoot(), m.seed.path)}: needs its side files)`;
      }
      const where = args.save ? ` -> ${save(s.language, text)}` : '';
      console.log(`\n${s.language}: FAILURE ${f.failure.property} x${f.count} (input #${f.index}, ${text.length} chars after minimising)${where}${note}\n  ${f.failure.detail}`);
    }
  }

  if (args.regexAudit) {
    console.log('\nRegular expressions under server/src, fed adversarial strings:');
    // Bounded like the rest of the run (at most a minute): `npm test` feeds every regex its attack
    // strings without timing; this timed growth check goes as far as the minute allows.
    const t0 = performance.now();
    const matches = (site: RegexSite) => args.regexOnly.length === 0 || args.regexOnly.some((t) => `${site.file}:${site.line} ${site.text}`.includes(t));
    const audit = auditRegexes(repoRoot(), args.regexN, {
      deadline: t0 + 60_000,
      only: matches,
      onStart: args.regexLog ? (site) => console.log(`    start ${describeSite(site)}`) : undefined,
      onDone: args.regexLog ? (t) => console.log(`    done  ${timingLine(t)}, ${t.totalMs.toFixed(1)} ms in all`) : undefined,
    });
    console.log(`  audit took ${((performance.now() - t0) / 1000).toFixed(1)} s (attack lengths ~${args.regexN} and ~${4 * args.regexN})`);
    console.log(`  ${audit.checked} of ${audit.total} checked within the time limit, ${audit.dynamic.length} built at run time (reviewed by hand):`);
    for (const d of audit.dynamic) console.log(`    ${d.file}:${d.line}  ${d.text.slice(0, 100)}`);
    console.log(`  ${audit.noted.length} superlinear alone but bounded by their use (regex-audit notes):`);
    for (const d of audit.noted) console.log(`    ${d.file}:${d.line}  ${d.text.slice(0, 80)}  — ${d.note}`);
    if (audit.slow.length === 0) console.log('  none grows faster than linear on the generated strings');
    for (const x of audit.slow) console.log(`  SUPERLINEAR ${x.site.file}:${x.site.line} ${x.site.text.slice(0, 90)}  ${x.detail}`);
    console.log(`  slowest single matches:`);
    for (const t of audit.timings.slice(0, 10)) console.log(`    ${timingLine(t)}`);
  }

  console.log(`\n${found} distinct failure(s) found, ${replayFailures} saved regression(s) failing.`);
  return found > 0 || replayFailures > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`fuzz: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
