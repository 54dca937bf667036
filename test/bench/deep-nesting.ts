// Cold and warm lint time of the deeply nested ~60 KB documents of issue #8 (test/fuzz/deep-inputs.ts).
// `node out/test/bench/deep-nesting.js`: each input is linted in a fresh process (cold: the first
// lint there, compilation included), then 5 more times with a changed comment so no cache
// answers (warm: the median). Prints one line per input with the findings. Not part of npm test.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { DEFAULT_CONFIG } from '../../server/src/engine/config';
import { lint } from '../../server/src/engine/lint';
import type { WorkspaceView } from '../../server/src/engine/types';
import { deepInputs } from '../fuzz/deep-inputs';

const workspace: WorkspaceView = { readFile: () => undefined, exists: () => false };

function measure(which: number): void {
  const input = deepInputs()[which]!;
  const options = { config: DEFAULT_CONFIG, workspace, language: input.language };
  let t0 = performance.now();
  const first = lint(input.path, input.text, options);
  const cold = performance.now() - t0;
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) {
    const text = `${input.text}# ${i}\n`;
    t0 = performance.now();
    lint(input.path, text, options);
    warm.push(performance.now() - t0);
  }
  warm.sort((a, b) => a - b);
  const ds = first?.diagnostics ?? [];
  const what = ds.length === 1 ? `${ds[0]!.rule} ${ds[0]!.range.start.line}:${ds[0]!.range.start.character} ${ds[0]!.message.slice(0, 70)}` : `${ds.length} findings`;
  console.log(`${input.name.padEnd(48)} ${(input.text.length / 1024).toFixed(1).padStart(5)} KB  cold ${cold.toFixed(0).padStart(5)} ms  warm ${warm[2]!.toFixed(1).padStart(6)} ms  ${what}`);
}

const arg = process.argv[2];
if (arg !== undefined) measure(Number(arg));
else {
  deepInputs().forEach((_, i) => {
    const r = spawnSync(process.execPath, [__filename, String(i)], { stdio: 'inherit', timeout: 120_000 });
    if (r.status !== 0) console.log(`input ${i}: exit ${r.status ?? r.signal}`);
  });
}
