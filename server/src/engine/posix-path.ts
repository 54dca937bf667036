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
