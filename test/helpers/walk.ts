// The files under a folder, depth first and sorted (reproducible test inputs), that a predicate
// on the file name keeps. A missing folder gives none.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function filesUnder(dir: string, keep: (name: string) => boolean, out: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) filesUnder(p, keep, out);
    else if (keep(name)) out.push(p);
  }
  return out;
}
