import { defineMeta } from '../../../engine/meta';
import type { Finding } from '../../../engine/types';
import { routerRange } from '../graph';
import type { TraefikRule } from './shared';
import { addMiddlewareFix, graphOf, ownHttpRouters, routerLabel, servesOtherInternal } from './graph-shared';

export const meta = defineMeta({
  id: 'traefik/rate-limit-missing',
  language: 'traefik',
  title: 'Router without rate limiting',
  description:
    'A router has no `rateLimit` middleware in effect (its own, a chain\'s, or its entry points\' defaults): one client can send requests as fast as the backend accepts them. Routers that only redirect (an entry point redirection, a `redirectScheme` on plain HTTP) are not judged.',
  severity: 'info',
  fix: 'suggest',
  sources: ['M: "Coming soon: rate limiting"', 'H: "Rate limiting configured"', 'Traefik docs: RateLimit middleware'],
  tags: ['security', 'CWE-770', 'CWE-307'],
  securitySeverity: '3.7',
});

export const rateLimitMissing: TraefikRule = {
  meta,
  check(view, ctx) {
    const out: Finding[] = [];
    const graph = graphOf(view, ctx);
    for (const r of ownHttpRouters(graph)) {
      if (servesOtherInternal(r)) continue;
      let lacking = false;
      for (const ep of graph.entryPointsOf(r)) {
        if (ep?.redirects) continue; // the entry point redirects every request before routing
        const eff = graph.effective(r, ep);
        if (eff.unknown) continue;
        const plain = !(r.tls || ep?.https === true || ep?.tls === true);
        if (plain && eff.middlewares.some((m) => m.type === 'redirectscheme')) continue; // only redirects
        if (!eff.middlewares.some((m) => m.type === 'ratelimit')) lacking = true;
      }
      if (!lacking) continue;
      const fix = addMiddlewareFix(view, graph, r, {
        base: 'rate-limit',
        type: 'rateLimit',
        options: [
          ['average', 10],
          ['burst', 50],
        ],
        reuse: (m) => m.type === 'ratelimit',
      });
      out.push({
        range: routerRange(r, view.index),
        message: `${routerLabel(view, r)} has no rateLimit middleware in effect: one client can send requests as fast as the backend accepts them (password guessing, scraping, exhausting the service).`,
        lazyFixes: fix && {
          best: 'suggest',
          make: () => [
            {
              title: fix.created ? `Add a rateLimit middleware "${fix.name}" (average 10, burst 50 requests per second) and attach it` : `Attach the rateLimit middleware "${fix.name}"`,
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
