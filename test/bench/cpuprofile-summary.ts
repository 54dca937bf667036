// Not a test: self time per function of a `node --cpu-prof` profile, the heaviest first.
//   node out/test/bench/cpuprofile-summary.js FILE.cpuprofile [--top N] [--by file]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) throw new Error('usage: cpuprofile-summary FILE [--top N] [--by file]');
const topArg = process.argv.indexOf('--top');
const top = topArg >= 0 ? Number(process.argv[topArg + 1]) : 40;
const byFile = process.argv.includes('--by') && process.argv[process.argv.indexOf('--by') + 1] === 'file';
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, k) => {
  const dt = profile.timeDeltas[k] ?? 0;
  const n = byId.get(id)!;
  const url = n.callFrame.url.replace(/^.*\/(server|node_modules|test)\//, '$1/');
  const key = byFile ? url || '(native)' : `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + dt);
  total += dt;
});
// Inclusive time of the functions named with --incl a,b,c (each sample counted once per name).
const inclArg = process.argv.indexOf('--incl');
if (inclArg >= 0) {
  const wanted = new Set(process.argv[inclArg + 1]!.split(','));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map<string, number>();
  profile.samples.forEach((id, k) => {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at)!.callFrame.functionName;
      if (wanted.has(name) && !seen.has(name)) {
        seen.add(name);
        incl.set(name, (incl.get(name) ?? 0) + (profile.timeDeltas[k] ?? 0));
      }
    }
  });
  for (const name of wanted) console.log(`incl ${(((incl.get(name) ?? 0) * 100) / total).toFixed(1).padStart(5)}%  ${name}`);
}
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
console.log(`total ${(total / 1000).toFixed(0)} ms`);
for (const [key, us] of rows) console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
