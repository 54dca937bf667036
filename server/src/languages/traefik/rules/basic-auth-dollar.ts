import { defineMeta } from '../../../engine/meta';
import type { Finding, Range, TextEdit } from '../../../engine/types';
import { plannedFix } from '../../../engine/fix-plans';
import { match, scalarOf } from '../model';
import { listWords, type TraefikRule } from './shared';
import { dynamicSourcesRead } from './graph-shared';

export const meta = defineMeta({
  id: 'traefik/basic-auth-dollar',
  language: 'traefik',
  title: 'Basic-auth hash in a compose label has single "$" signs',
  description:
    'A `basicauth.users` label in a compose file writes its password hashes with single `$`: Compose reads each `$…` as a variable and substitutes it, so Traefik gets a mangled hash. Every `$` must be doubled.',
  severity: 'error',
  fix: 'safe',
  sources: ['Traefik docs: BasicAuth middleware ("when used in docker-compose.yml all dollar signs in the hash need to be doubled")', 'Compose spec: interpolation, `$$`'],
  tags: ['correctness', 'security', 'CWE-287'],
  securitySeverity: '5.0',
  precision: 'very-high',
});

interface Dollar {
  /** Offset in the raw value of a `$` that is neither `$$` nor the start of `${…}`. */
  at: number;
}

/** Single `$` signs in `text[start, end)`, and how many `$` groups (single or doubled) there are. */
function scan(text: string, start: number, end: number): { singles: Dollar[]; groups: number } {
  const singles: Dollar[] = [];
  let groups = 0;
  for (let i = start; i < end; i++) {
    if (text[i] !== '$') continue;
    groups++;
    if (text[i + 1] === '$') {
      i++;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = text.indexOf('}', i);
      i = close < 0 || close >= end ? end : close;
      continue;
    }
    singles.push({ at: i });
  }
  return { singles, groups };
}

export const basicAuthDollar: TraefikRule = {
  meta,
  check(view, ctx) {
    if (view.host !== 'compose') return [];
    const out: Finding[] = [];
    for (const src of dynamicSourcesRead(view, ctx)) {
      if (src.form !== 'label') continue;
      for (const m of match(src.root, ['http', 'middlewares', '*', 'basicauth', 'users'])) {
        const s = scalarOf(m.field);
        if (!s || s.raw === '') continue;
        const raw = s.raw;
        const users: string[] = [];
        const hashes: Array<[number, number]> = [];
        const singles: Dollar[] = [];
        // `user:hash,user:hash`: only `$` inside a hash counts (a whole-value `$USERS` is meant).
        let from = 0;
        for (const piece of raw.split(',')) {
          const colon = piece.indexOf(':');
          const start = from + colon + 1;
          const end = from + piece.length;
          from = end + 1;
          if (colon < 0) continue;
          const r = scan(raw, start, end);
          // A crypt hash has several `$` groups (`$apr1$salt$hash`); `user:$HASH` is one variable.
          if (r.singles.length === 0 || r.groups < 2) continue;
          users.push(piece.slice(0, colon).trim());
          hashes.push([start, end]);
          singles.push(...r.singles);
        }
        if (singles.length === 0) continue;
        const inner = s.inner;
        const secretRanges: Range[] = inner ? hashes.map(([a, b]) => view.index.rangeOf(inner.start + a, inner.start + b)) : [s.range];
        const edits = inner
          ? (): TextEdit[] =>
              singles.map((d) => {
                const p = view.index.positionAt(inner.start + d.at);
                return { range: { start: p, end: p }, newText: '$' };
              })
          : undefined;
        const who = users.length > 0 ? ` for ${listWords(users.map((u) => `"${u}"`))}` : '';
        out.push({
          range: s.range,
          message: `Middleware "${m.names[0]}"${view.where(src)} writes its basic-auth hash${users.length > 1 ? 'es' : ''}${who} with single "$" signs: Compose reads each "$…" as a variable and substitutes it, so Traefik gets a mangled hash and the password no longer works.`,
          secretRanges,
          lazyFixes: plannedFix('safe', `Double every "$" in the basic-auth users of "${m.names[0]}"`, edits),
        });
      }
    }
    return out;
  },
};
