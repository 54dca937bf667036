// One fuzzing worker: mutates the seeds of one language and checks each input until its deadline.
// It announces each input number before checking it, so the main thread can rebuild and save an
// input that never comes back (a hang) and start a fresh worker after it.
import { parentPort, workerData } from 'node:worker_threads';
import type { Language } from '../../server/src/engine/types';
import { mutationFor } from './mutate';
import { checkInput, type Failure } from './properties';
import { fixtureSeeds, regressionSeeds } from './targets';

export interface WorkerJob {
  language: Language;
  runSeed: number;
  startIndex: number;
  /** Date.now() after which no new input starts. */
  deadline: number;
  /** Run fix-all on every n-th input (it costs several lints). */
  fixAllEvery: number;
}

export type WorkerMessage =
  | { type: 'start'; index: number }
  | { type: 'done'; index: number; ms: number; size: number; failures: Failure[]; steps: string[]; seedPath: string }
  | { type: 'end'; next: number };

const job = workerData as WorkerJob;
const seeds = [...fixtureSeeds(job.language), ...regressionSeeds(job.language)];
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

let i = job.startIndex;
for (; Date.now() < job.deadline; i++) {
  post({ type: 'start', index: i });
  const m = mutationFor(job.runSeed, job.language, i, seeds);
  const r = checkInput(m.text, { language: job.language, path: m.seed.path, fixAll: i % job.fixAllEvery === 0 });
  post({ type: 'done', index: i, ms: r.ms, size: m.text.length, failures: r.failures, steps: m.steps, seedPath: m.seed.path });
}
post({ type: 'end', next: i });
