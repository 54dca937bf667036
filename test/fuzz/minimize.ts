// Shrinks a failing input while it keeps failing the same way (delta debugging over lines, then
// over characters), so a saved regression is small enough to read. Bounded by a number of checks.
export function minimize(text: string, stillFails: (t: string) => boolean, maxChecks = 400): string {
  let checks = 0;
  const fails = (t: string) => checks++ < maxChecks && stillFails(t);
  let cur = text;
  for (const unit of ['line', 'char'] as const) {
    let parts = unit === 'line' ? cur.split(/(?<=\n)/) : cur.split('');
    let n = 2;
    while (parts.length >= 2 && checks < maxChecks) {
      const chunk = Math.ceil(parts.length / n);
      let reduced = false;
      for (let s = 0; s < parts.length; s += chunk) {
        const candidate = [...parts.slice(0, s), ...parts.slice(s + chunk)];
        if (candidate.length > 0 && fails(candidate.join(''))) {
          parts = candidate;
          n = Math.max(n - 1, 2);
          reduced = true;
          break;
        }
      }
      if (!reduced) {
        if (n >= parts.length) break;
        n = Math.min(parts.length, n * 2);
      }
    }
    cur = parts.join('');
    // Character-level passes are costly on large inputs: only when lines got it small.
    if (cur.length > 4000) break;
  }
  return cur;
}
