// "Did you mean …?" for misspelt rule ids, shared by suppression comments and `.rampart.yaml`.
import { allRules, ruleMeta } from './registry';

/**
 * A known id within a small edit distance, or the ids whose name part matches (`user-root`).
 * When several languages share the name, `prefer` (the linted file's rules) narrows the answer.
 */
export function closestRuleId(name: string, prefer?: (id: string) => boolean): string | undefined {
  const lower = name.toLowerCase();
  if (ruleMeta(lower)) return lower;
  let byName = allRules.filter((m) => m.id.slice(m.id.indexOf('/') + 1) === lower);
  if (prefer && byName.some((m) => prefer(m.id))) byName = byName.filter((m) => prefer(m.id));
  if (byName.length > 0) return byName.map((m) => m.id).join(' or ');
  let best: string | undefined;
  let bestDist = Infinity;
  for (const m of allRules) {
    const d = editDistance(lower, m.id);
    if (d < bestDist) {
      bestDist = d;
      best = m.id;
    }
  }
  return bestDist <= Math.max(2, Math.floor(name.length / 6)) ? best : undefined;
}

/** Levenshtein distance; Infinity when the lengths alone rule a near match out. */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
