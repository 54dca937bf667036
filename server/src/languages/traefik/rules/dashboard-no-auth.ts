import { defineMeta } from '../../../engine/meta';
import type { Finding } from '../../../engine/types';
import { routerRange } from '../graph';
import { compareVersion } from '../version';
import type { TraefikRule } from './shared';
import { addMiddlewareFix, epLabel, graphOf, ownHttpRouters, routerLabel, servesDashboard } from './graph-shared';

export const meta = defineMeta({
  id: 'traefik/dashboard-no-auth',
  language: 'traefik',
  title: 'Traefik dashboard routed without authentication',
  description:
    'A router sends requests to `api@internal` (the Traefik API and dashboard) with no `basicAuth`, `digestAuth`, `forwardAuth` or `ipAllowList` middleware in effect, its entry points\' default middlewares included: anyone who reaches the entry point reads the whole routing configuration.',
  severity: 'error',
  fix: 'suggest',
  sources: ['M: "Traefik dashboard access restricted"', 'M: "Restrict Traefik dashboard (8081) to localhost only"', 'Traefik docs: API, "secure the dashboard with an authentication middleware"'],
  tags: ['security', 'CWE-306', 'CWE-200'],
  securitySeverity: '8.2',
});

/** Middleware types that keep strangers out. */
const GUARDS = new Set(['basicauth', 'digestauth', 'forwardauth', 'ipallowlist', 'ipwhitelist']);

export const dashboardNoAuth: TraefikRule = {
  meta,
  check(view, ctx) {
    const out: Finding[] = [];
    const graph = graphOf(view, ctx);
    for (const r of ownHttpRouters(graph)) {
      if (!servesDashboard(r)) continue;
      const open: string[] = [];
      let unknownEp = false;
      for (const ep of graph.entryPointsOf(r)) {
        const eff = graph.effective(r, ep);
        if (eff.unknown) continue; // a middleware Rampart cannot see may be the guard
        if (eff.middlewares.some((m) => m.type && GUARDS.has(m.type))) continue;
        if (ep) open.push(epLabel(ep));
        else unknownEp = true;
      }
      if (open.length === 0 && !unknownEp) continue;
      const where = open.length > 0 ? `anyone who reaches entry point${open.length > 1 ? 's' : ''} ${open.join(' and ')}` : 'anyone who reaches its entry points';
      // ipAllowList arrived in v2.11: older releases only know ipWhiteList.
      const allow = compareVersion(view.versionOf(r.g.src), { major: 2, minor: 11 }) >= 0 ? 'ipAllowList' : 'ipWhiteList';
      const fix = addMiddlewareFix(view, graph, r, {
        base: 'dashboard-allowlist',
        type: allow,
        options: [['sourceRange', ['127.0.0.1/32']]],
        reuse: (m) => m.type === 'ipallowlist' || m.type === 'ipwhitelist',
      });
      out.push({
        range: routerRange(r, view.index),
        message: `${routerLabel(view, r)} serves the Traefik dashboard and API (${r.service!.raw}) with no basicAuth, forwardAuth or ${allow} middleware in effect: ${where} can read the whole routing configuration — every router, backend address and middleware.`,
        lazyFixes: fix && {
          best: 'suggest',
          make: () => [
            {
              title: fix.created
                ? `Add an ${allow} middleware "${fix.name}" allowing only 127.0.0.1/32 and attach it (then widen sourceRange to your admin network, or use basicAuth)`
                : `Attach the ${allow} middleware "${fix.name}"`,
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

