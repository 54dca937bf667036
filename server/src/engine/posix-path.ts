// POSIX path normalisation shared by the languages that resolve paths inside a workspace
// (Dockerfile COPY sources and WORKDIRs, nginx includes).

/** `/a/./b//c/../d/` → `/a/b/d`; relative paths stay relative (`./x` → `x`, `.` → `.`). */
export function posixNormalize(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const joined = out.join('/');
  return abs ? `/${joined}` : joined === '' ? '.' : joined;
}

/**
 * `a/b///` → `a/b` (`///` → ``). A loop from the end instead of `s.replace(/\/+$/, '')`: that
 * regex is tried at every `/` of a run and scans the run each time, quadratic on a long run of
 * slashes not at the end (16,000 of them took 170 ms; found by the timed regex audit).
 */
export function trimTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47 /* / */) end--;
  return end === s.length ? s : s.slice(0, end);
}
