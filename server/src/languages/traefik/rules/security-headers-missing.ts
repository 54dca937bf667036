import { defineMeta } from '../../../engine/meta';
import type { Finding } from '../../../engine/types';
import type { Leaf } from '../edits';
import { routerRange } from '../graph';
import type { TraefikRule } from './shared';
import { listWords } from './shared';
import { addMiddlewareFix, graphOf, headerProtections, ownHttpRouters, protectionsOf, routerLabel, servesOtherInternal } from './graph-shared';

export const meta = defineMeta({
  id: 'traefik/security-headers-missing',
  language: 'traefik',
  title: 'HTTPS router without security headers',
  description:
    'A router on an HTTPS entry point whose middlewares in effect (its own and its entry points\' defaults) set no HSTS (`stsSeconds`), no clickjacking protection (`frameDeny` or `customFrameOptionsValue`) or no `contentTypeNosniff`. A header that is set but weak is `traefik/hsts-weak`\'s.',
  severity: 'warning',
  fix: 'suggest',
  sources: ['M: "Coming Soon: HSTS headers and security policies"', 'H: "Security headers configured (HSTS, X-Frame-Options, X-Content-Type-Options)"', 'OWASP Secure Headers Project', 'Traefik docs: Headers middleware'],
  tags: ['security', 'CWE-693', 'CWE-1021', 'CWE-319'],
  securitySeverity: '4.3',
});

type Missing = 'hsts' | 'frame' | 'nosniff';

const SHOWN: Record<Missing, string> = {
  hsts: 'HSTS (stsSeconds)',
  frame: 'clickjacking protection (frameDeny)',
  nosniff: 'contentTypeNosniff',
};

const EFFECT: Record<Missing, string> = {
  hsts: 'browsers keep trying plain HTTP first (SSL stripping)',
  frame: 'other sites can frame its pages (clickjacking)',
  nosniff: 'browsers may run a file as a script by guessing its type (MIME sniffing)',
};

/** The catalog's values, by what they protect. */
const OPTIONS: Record<Missing, Array<[string, Leaf]>> = {
  hsts: [
    ['stsSeconds', 31536000],
    ['stsIncludeSubdomains', true],
  ],
  frame: [['frameDeny', true]],
  nosniff: [['contentTypeNosniff', true]],
};

const ORDER: Missing[] = ['hsts', 'frame', 'nosniff'];

export const securityHeadersMissing: TraefikRule = {
  meta,
  check(view, ctx) {
    const out: Finding[] = [];
    const graph = graphOf(view, ctx);
    for (const r of ownHttpRouters(graph)) {
      if (servesOtherInternal(r)) continue;
      const missing = new Set<Missing>();
      for (const ep of graph.entryPointsOf(r)) {
        const https = r.tls || ep?.https === true || ep?.tls === true;
        if (!https) continue;
        const eff = graph.effective(r, ep);
        if (eff.unknown) continue;
        const p = protectionsOf(eff.middlewares);
        for (const k of ORDER) if (p[k] === 'no') missing.add(k);
      }
      if (missing.size === 0) continue;
      const list = ORDER.filter((k) => missing.has(k));
      const options = list.flatMap((k) => OPTIONS[k]);
      const fix = addMiddlewareFix(view, graph, r, {
        base: 'security-headers',
        type: 'headers',
        options,
        reuse: (m) => {
          if (m.type !== 'headers') return false;
          const h = headerProtections(m.config);
          return list.every((k) => h[k] === 'yes');
        },
      });
      out.push({
        range: routerRange(r, view.index),
        message: `${routerLabel(view, r)} serves HTTPS without ${listWords(list.map((k) => SHOWN[k]))}: ${listWords(list.map((k) => EFFECT[k]))}.`,
        lazyFixes: fix && {
          best: 'suggest',
          make: () => [
            {
              title: fix.created ? `Add a headers middleware "${fix.name}" (${options.map(([k, v]) => (v === true ? k : `${k} ${String(v)}`)).join(', ')}) and attach it` : `Attach the headers middleware "${fix.name}"`,
              kind: 'suggest',
              edits: fix.edits(),
            },
          ],
        },
      });
    }
    return out;
  },
};
