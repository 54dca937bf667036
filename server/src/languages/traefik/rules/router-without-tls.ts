import { defineMeta } from '../../../engine/meta';
import type { Finding } from '../../../engine/types';
import { routerRange, type GEntryPoint } from '../graph';
import type { TraefikRule } from './shared';
import { listWords } from './shared';
import { epLabel, graphOf, ownHttpRouters, routerLabel } from './graph-shared';

export const meta = defineMeta({
  id: 'traefik/router-without-tls',
  language: 'traefik',
  title: 'Router on an HTTPS entry point without TLS',
  description:
    'A router on an HTTPS entry point (`websecure`, `https`, `:443`) has no `tls` or `tls.certResolver`, and the entry point sets no TLS default (`http.tls`): Traefik matches it only for plain-HTTP requests on that port, so HTTPS visitors get a 404 and the service answers unencrypted.',
  severity: 'warning',
  fix: 'none',
  sources: ['M: "SSL/TLS enabled for all public domains"', 'Traefik docs: routers, `tls` ("a router with tls set handles HTTPS requests only")'],
  tags: ['security', 'CWE-319'],
  securitySeverity: '5.3',
});

export const routerWithoutTls: TraefikRule = {
  meta,
  check(view, ctx) {
    const out: Finding[] = [];
    const graph = graphOf(view, ctx);
    for (const r of ownHttpRouters(graph)) {
      if (r.tls) continue;
      const eps = graph.entryPointsOf(r).filter((ep): ep is GEntryPoint => !!ep && ep.https === true && !ep.tls);
      if (eps.length === 0) continue;
      const known = eps.filter((ep) => ep.origin !== 'convention');
      const byName = eps.filter((ep) => ep.origin === 'convention');
      const tail = 'Traefik matches it only for plain-HTTP requests on that port, so HTTPS visitors get a 404 and the service answers unencrypted.';
      const message =
        known.length > 0
          ? `${routerLabel(view, r)} is on the HTTPS entry point${known.length > 1 ? 's' : ''} ${listWords(known.map(epLabel))} but sets no tls or tls.certResolver, and the entry point adds no TLS default: ${tail}`
          : `${routerLabel(view, r)} is on entry point${byName.length > 1 ? 's' : ''} ${listWords(byName.map(epLabel))}, HTTPS by ${byName.length > 1 ? 'their names' : 'its name'}, but sets no tls or tls.certResolver (no static configuration is visible to add a TLS default): ${tail}`;
      out.push({
        range: routerRange(r, view.index),
        message,
      });
    }
    return out;
  },
};
