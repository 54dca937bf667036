// Not a test: bytes allocated per function (self) of a sampling heap profile written by
// `profile.ts --heap FILE`, the heaviest first.
//   node out/test/bench/heapprofile-summary.js FILE [--top N]
import { readFileSync } from 'node:fs';

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

const file = process.argv[2];
if (!file) throw new Error('usage: heapprofile-summary FILE [--top N]');
const topArg = process.argv.indexOf('--top');
const top = topArg >= 0 ? Number(process.argv[topArg + 1]) : 40;
const { head } = JSON.parse(readFileSync(file, 'utf8')) as { head: HeapNode };
const self = new Map<string, number>();
let total = 0;
// A built-in (Map, Set.add, Array.push, split…) is named with its caller: `set :0` alone says nothing.
const stack: Array<{ n: HeapNode; caller: string }> = [{ n: head, caller: '' }];
while (stack.length > 0) {
  const { n, caller } = stack.pop()!;
  const url = n.callFrame.url.replace(/^.*\/(server|node_modules|test)\//, '$1/');
  const name = `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
  const key = url === '' ? `${n.callFrame.functionName} < ${caller}` : name;
  self.set(key, (self.get(key) ?? 0) + n.selfSize);
  total += n.selfSize;
  for (const c of n.children) stack.push({ n: c, caller: url === '' ? caller : name });
}
console.log(`total ${(total / 1e6).toFixed(1)} MB sampled`);
for (const [key, bytes] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${((100 * bytes) / total).toFixed(1).padStart(5)}%  ${(bytes / 1e6).toFixed(1).padStart(7)} MB  ${key}`);
}
