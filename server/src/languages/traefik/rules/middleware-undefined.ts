import { defineMeta } from '../../../engine/meta';
import type { Finding, RelatedLocation } from '../../../engine/types';
import { middlewares, type Ref } from '../facts';
import { chainRefs, type GMiddleware, type TraefikGraph } from '../graph';
import type { Provider } from '../model';
import type { TraefikRule } from './shared';
import { epLabel, graphOf, relatedAt } from './graph-shared';

export const meta = defineMeta({
  id: 'traefik/middleware-undefined',
  language: 'traefik',
  title: 'Middleware reference that nothing defines',
  description:
    'A router, chain or entry point references a middleware (`name@file`, `name@docker`, `name@swarm`, or a bare name, which means the referring provider) that no visible file or label defines: Traefik leaves the router out and its requests get a 404. References to providers Rampart cannot see (`@kubernetescrd`, `@consul`, plugins) are not reported.',
  severity: 'error',
  fix: 'none',
  sources: ['Traefik docs: "Provider namespace" (a bare name is resolved in the referring provider)', 'Traefik: "middleware … does not exist" drops the router'],
  tags: ['correctness'],
  securitySeverity: '5.0',
});

const PROVIDER_NAMES: Record<Provider, string> = { file: 'file provider', docker: 'Docker provider (labels)', swarm: 'Swarm provider (deploy labels)' };

/** Levenshtein distance when it is at most `max`, else `max + 1` (two rows, early exit). */
export function distanceAtMost(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[b.length]!, max + 1);
}

interface Problem {
  message: string;
  related: RelatedLocation[];
}

function explain(graph: TraefikGraph, ref: Ref, own: Provider | undefined, protocol: 'http' | 'tcp', consequence: string): Problem | undefined {
  const res = graph.resolve(ref, own, protocol);
  if (res.kind !== 'missing') return undefined;
  const related: RelatedLocation[] = [];
  const shown = ref.qualified ? `"${ref.raw}"` : `"${ref.raw}" (read as ${res.key}: a name without @provider stays in the provider that uses it)`;
  const hints: string[] = [];
  const elsewhere = graph.providersDefining(protocol, res.name).filter((p) => p !== res.provider);
  // `@docker` is only worth writing when the static configuration enables the Docker provider
  // (`enabled` undefined: no static configuration seen, so it may).
  const usable = elsewhere.filter((p) => graph.providers[p].enabled !== false);
  if (usable.length > 0) {
    const p = usable[0]!;
    const def = graph.middleware(protocol, res.name, p)![0]!;
    hints.push(`The ${PROVIDER_NAMES[p]} defines "${def.raw}": write "${ref.raw.replace(/@[^@]*$/, '')}@${p}".`);
    related.push(relatedAt(def, `"${def.raw}@${p}" is defined here`));
  } else if (elsewhere.length > 0) {
    const p = elsewhere[0]!;
    const def = graph.middleware(protocol, res.name, p)![0]!;
    const where = graph.staticConfig ? ` in ${graph.staticConfig.label}` : '';
    hints.push(`"${def.raw}" is defined for the ${PROVIDER_NAMES[p]}, but that provider is not enabled${where}.`);
    related.push(relatedAt(def, `"${def.raw}@${p}" is defined here, for a provider that is not enabled`));
  }
  const inactive = graph.inactiveMiddleware(protocol, res.name, res.provider);
  if (inactive && inactive.length > 0) {
    const def = inactive[0]!;
    hints.push(`Service "${def.g.src.service}" defines it, but Traefik does not read that container (it is not labelled traefik.enable=true while exposedByDefault is false).`);
    related.push(relatedAt(def, `"${res.key}" is defined on a container Traefik ignores`));
  }
  if (hints.length === 0) {
    let near: { n: string; d: number } | undefined;
    for (const n of graph.middlewareNames(protocol, res.provider)) {
      const d = distanceAtMost(n, res.name, near ? near.d : 2);
      if (d <= 2 && (!near || d < near.d || (d === near.d && n < near.n))) near = { n, d };
    }
    if (near) {
      const def = graph.middleware(protocol, near.n, res.provider)![0]!;
      hints.push(`Did you mean "${def.raw}"?`);
      related.push(relatedAt(def, `"${def.raw}@${res.provider}" is defined here`));
    }
  }
  const state = graph.providers[res.provider];
  const written = ref.qualified ? ref.raw.slice(0, ref.raw.lastIndexOf('@')) : ref.raw;
  const where = state.enabled === false ? state.note : `${state.note}, and nothing there defines "${written}"`;
  const message = `Middleware ${shown} is not defined: ${where}, so ${consequence}.${hints.length > 0 ? ` ${hints.join(' ')}` : ''}`;
  return { message, related };
}

export const middlewareUndefined: TraefikRule = {
  meta,
  check(view, ctx) {
    const out: Finding[] = [];
    const graph = graphOf(view, ctx);
    const push = (ref: Ref, p: Problem | undefined) => {
      if (p) out.push({ range: ref.node.range, message: p.message, related: p.related });
    };
    for (const r of graph.routers) {
      if (!r.g.doc.own || !r.g.active || r.protocol === 'udp') continue;
      const protocol = r.protocol === 'tcp' ? 'tcp' : 'http';
      for (const ref of r.middlewares) push(ref, explain(graph, ref, r.provider, protocol, `Traefik leaves router "${r.raw}"${view.where(r.source)} out and its requests get a 404`));
    }
    // Chains written here.
    const chains: GMiddleware[] = [];
    for (const g of graph.sources) {
      if (!g.doc.own || !g.active || g.src.role !== 'dynamic') continue;
      for (const m of middlewares(g.src)) if (m.type === 'chain' && m.protocol === 'http') chains.push({ ...m, g });
    }
    for (const c of chains) {
      for (const ref of chainRefs(c)) push(ref, explain(graph, ref, c.provider, 'http', `Traefik drops chain "${c.raw}"${view.where(c.source)} and every router using it`));
    }
    // Default middlewares of entry points written here (qualified names only: a bare name is
    // resolved in each router's own provider).
    for (const ep of graph.entryPoints.values()) {
      if (!ep.g?.doc.own) continue;
      for (const ref of ep.middlewares) {
        if (!ref.qualified) continue;
        push(ref, explain(graph, ref, undefined, 'http', `Traefik leaves out every router on entry point ${epLabel(ep)}`));
      }
    }
    return out;
  },
};
