import { defineMeta } from '../../../engine/meta';
import type { Finding, LazyFixes, Range } from '../../../engine/types';
import { plannedFix } from '../../../engine/fix-plans';
import { canInsertNested, insertNested, type Leaf } from '../edits';
import type { GEntryPoint, GRouter, TraefikGraph } from '../graph';
import { child } from '../model';
import type { TraefikView } from '../view';
import type { TraefikRule } from './shared';
import { camelStyle, statementRange } from './shared';
import { epLabel, graphOf, servesOtherInternal } from './graph-shared';

export const meta = defineMeta({
  id: 'traefik/http-no-redirect',
  language: 'traefik',
  title: 'Plain-HTTP entry point without a redirect to HTTPS',
  description:
    'A plain-HTTP entry point (`web`, `http`, `:80`) has no `http.redirections.entryPoint.to` an HTTPS entry point, while routers on it have no `redirectScheme` middleware: their pages, cookies and credentials can travel unencrypted.',
  severity: 'warning',
  fix: 'suggest',
  sources: ['M: "HTTP to HTTPS redirect enabled by default"', 'Traefik docs: EntryPoints, `http.redirections`'],
  tags: ['security', 'CWE-319'],
  securitySeverity: '5.3',
});

/** Routers Traefik serves on an entry point, with whether each redirects to HTTPS itself (undefined: unknown). */
function routersOn(graph: TraefikGraph, ep: GEntryPoint): Array<{ r: GRouter; redirects: boolean | undefined }> {
  const out: Array<{ r: GRouter; redirects: boolean | undefined }> = [];
  for (const r of graph.routers) {
    if (!r.g.active || r.protocol !== 'http' || r.tls) continue; // a TLS router answers no plain HTTP
    if (servesOtherInternal(r)) continue; // ping, metrics, noop@internal: nothing a visitor reads
    if (!graph.entryPointsOf(r).includes(ep)) continue;
    const eff = graph.effective(r, ep);
    const redirects = eff.middlewares.some((m) => m.type === 'redirectscheme') ? true : eff.unknown ? undefined : false;
    out.push({ r, redirects });
  }
  return out;
}

function rangeOf(view: TraefikView, ep: GEntryPoint): Range {
  const f = ep.fact!.field;
  const form = ep.g!.src.form;
  if (form === 'flag' || form === 'env') {
    const address = child(f.node, 'address');
    if (address?.decl) return statementRange(view, address);
  }
  return f.keyRange;
}

export const httpNoRedirect: TraefikRule = {
  meta,
  check(view, ctx) {
    const out: Finding[] = [];
    const graph = graphOf(view, ctx);
    const eps = [...graph.entryPoints.values()];
    const https = eps.filter((ep) => ep.https === true);
    const target = https.find((ep) => ep.name === 'websecure') ?? https.find((ep) => ep.name === 'https') ?? https[0];
    if (!target) return out;
    for (const ep of eps) {
      if (ep.origin !== 'static' || !ep.g?.doc.own || !ep.fact) continue;
      if (ep.https !== false || ep.redirects) continue;
      const on = routersOn(graph, ep);
      const plain = on.filter((x) => x.redirects === false);
      if (plain.length === 0) continue;
      const names = plain.map((x) => `"${x.r.raw}"`);
      const shown = names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
      out.push({
        range: rangeOf(view, ep),
        message: `Entry point ${epLabel(ep)} serves plain HTTP and does not redirect to ${epLabel(target)}: router${plain.length > 1 ? 's' : ''} ${shown} answer${plain.length > 1 ? '' : 's'} on it without a redirectScheme middleware, so pages, cookies and credentials can travel unencrypted.`,
        lazyFixes: fix(view, ep, target),
      });
    }
    return out;
  },
};

function fix(view: TraefikView, ep: GEntryPoint, target: GEntryPoint): LazyFixes | undefined {
  const src = ep.g!.src;
  const root = child(src.root, 'entrypoints');
  if (!root) return undefined;
  const camel = camelStyle(src);
  const entryPoint = camel ? 'entryPoint' : 'entrypoint';
  const trail = [root, ep.fact!.field];
  const rest = ['http', 'redirections', entryPoint];
  const leaves: Array<[string, Leaf]> = [
    ['to', target.raw],
    ['scheme', 'https'],
  ];
  if (!canInsertNested(view, src, trail, rest, leaves)) return undefined;
  return plannedFix('suggest', `Redirect entry point "${ep.raw}" to "${target.raw}" (http.redirections.${entryPoint}.to)`, () => insertNested(view, src, trail, rest, leaves)!);
}
