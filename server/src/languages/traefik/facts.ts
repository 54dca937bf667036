// Traefik concepts read off the tree: entry points (static), routers and middlewares (dynamic),
// with provider-qualified names (`auth@file`, `auth@docker`). They are the vocabulary of the
// workspace graph (graph.ts): a router judged "with its entry points' defaults applied" is
// `routers()` joined with `entryPoints()` by name.
import type { Range } from '../../engine/types';
import { at, boolOf, child, isTrue, listItems, scalarOf, textOf, type Provider, type TField, type TNode, type TScalar, type TSource } from './model';

type Index = { rangeOf(s: number, e: number): Range };

/** `auth@file` → {name: 'auth', provider: 'file'}; a bare name belongs to the router's own provider. */
export interface Ref {
  /** Lower case (Traefik merges names case-insensitively within a provider). */
  name: string;
  provider: string;
  /** As written. */
  raw: string;
  /** True when the provider was written (`@file`), false when implied. */
  qualified: boolean;
  node: TScalar;
}

export function parseRef(s: TScalar, own: Provider | undefined): Ref | undefined {
  const raw = s.text?.trim();
  if (!raw) return undefined;
  const at_ = raw.lastIndexOf('@');
  const name = at_ > 0 ? raw.slice(0, at_) : raw;
  const provider = at_ > 0 ? raw.slice(at_ + 1).toLowerCase() : (own ?? 'file');
  return { name: name.toLowerCase(), provider, raw, qualified: at_ > 0, node: s };
}

export interface EntryPointFact {
  /** Lower case. */
  name: string;
  raw: string;
  field: TField;
  source: TSource;
  /** `:443`, `0.0.0.0:8443/tcp`. */
  address?: string;
  port?: number;
  /**
   * HTTPS: TLS set on the entry point (`http.tls`), else Traefik's documented convention (`:443`,
   * or the name `websecure`/`https`); false for `:80` or `web`/`http`; undefined when unknown.
   */
  https: boolean | undefined;
  /** `http.redirections.entryPoint.to`, lower case. */
  redirectsTo?: string;
  /** `http.redirections.entryPoint.to` is set (to a known name or not). */
  redirects: boolean;
  /** `http.middlewares`: applied to every router on the entry point. */
  middlewares: Ref[];
  /** `http.tls` is set: routers on it get TLS. */
  tls: boolean;
  /** One of `http.middlewares` is not known (a template, a variable without value). */
  middlewaresUnknown: boolean;
}

function portOf(address: string | undefined): number | undefined {
  const m = address ? /:(\d+)(?:\/\w+)?$/.exec(address.trim()) : null;
  return m ? Number(m[1]) : undefined;
}

/** HTTPS by Traefik's convention when nothing else says: `:443`/`websecure`/`https` yes, `:80`/`web`/`http` no. */
export function conventionHttps(name: string, port: number | undefined): boolean | undefined {
  if (port === 443 || name === 'websecure' || name === 'https') return true;
  if (port === 80 || name === 'web' || name === 'http') return false;
  return undefined;
}

export function entryPoints(src: TSource, index: Index): EntryPointFact[] {
  const eps = child(src.root, 'entrypoints');
  if (!eps || eps.node.kind !== 'map') return [];
  return eps.node.fields.map((f) => {
    const address = textOf(child(f.node, 'address'));
    const port = portOf(address);
    const tlsField = at(f.node, ['http', 'tls']);
    const tls = !!tlsField && scalarOf(tlsField)?.text !== 'false';
    const toField = at(f.node, ['http', 'redirections', 'entrypoint', 'to']);
    const redirectsTo = textOf(toField)?.toLowerCase();
    const items = listItems(at(f.node, ['http', 'middlewares']), index).filter((n): n is TScalar => n.kind === 'scalar');
    const middlewares = items.map((s) => parseRef(s, src.provider)).filter((r): r is Ref => !!r);
    const middlewaresUnknown = items.some((s) => s.template || (s.text === undefined && s.value !== null));
    return { name: f.name, raw: f.raw, field: f, source: src, address, port, https: tls ? true : conventionHttps(f.name, port), redirectsTo, redirects: !!toField, middlewares, tls, middlewaresUnknown };
  });
}

export interface RouterFact {
  name: string;
  raw: string;
  protocol: 'http' | 'tcp' | 'udp';
  field: TField;
  source: TSource;
  provider: Provider | undefined;
  rule?: TScalar;
  /** Lower case; empty = every default entry point. */
  entryPoints: string[];
  /** The same names as written. */
  entryPointsRaw: string[];
  middlewares: Ref[];
  service?: Ref;
  /** `tls` (any value but false) or `tls.certResolver` set on the router. */
  tls: boolean;
  /**
   * Part of the router is not known (a Go template or a variable without value in its name,
   * entry points, middlewares or tls): rules that judge the router as a whole leave it alone.
   */
  unknown: boolean;
}

export function routers(src: TSource, index: Index): RouterFact[] {
  const out: RouterFact[] = [];
  for (const protocol of ['http', 'tcp', 'udp'] as const) {
    const rs = at(src.root, [protocol, 'routers']);
    if (!rs || rs.node.kind !== 'map') continue;
    for (const f of rs.node.fields) {
      const scalars = (name: string) =>
        listItems(child(f.node, name), index).filter((n): n is TScalar => n.kind === 'scalar');
      const tlsField = child(f.node, 'tls');
      const service = scalarOf(child(f.node, 'service'));
      const unknownIn = (xs: TScalar[]) => xs.some((s) => s.template || (s.text === undefined && s.value !== null));
      const epScalars = scalars('entrypoints');
      const mwScalars = scalars('middlewares');
      const eps = epScalars.map((s) => s.text?.trim() ?? '').filter(Boolean);
      const tlsScalar = tlsField?.node.kind === 'scalar' ? tlsField.node : undefined;
      const tlsUnknown = !!tlsScalar && tlsScalar.value !== null && boolOf(tlsScalar) === undefined && (tlsScalar.template || tlsScalar.text === undefined);
      out.push({
        name: f.name,
        raw: f.raw,
        protocol,
        field: f,
        source: src,
        provider: src.provider,
        rule: scalarOf(child(f.node, 'rule')),
        entryPoints: eps.map((e) => e.toLowerCase()),
        entryPointsRaw: eps,
        middlewares: mwScalars.map((s) => parseRef(s, src.provider)).filter((r): r is Ref => !!r),
        service: service ? parseRef(service, src.provider) : undefined,
        tls: !!tlsField && (tlsField.node.kind !== 'scalar' || tlsField.node.value === null || isTrue(tlsField)),
        unknown: !!f.template || unknownIn(epScalars) || unknownIn(mwScalars) || tlsUnknown,
      });
    }
  }
  return out;
}

export interface MiddlewareFact {
  name: string;
  raw: string;
  protocol: 'http' | 'tcp';
  field: TField;
  source: TSource;
  provider: Provider | undefined;
  /** The middleware type, lower case (`basicauth`, `headers`, `ratelimit`, `ipallowlist` …). */
  type?: string;
  config?: TNode;
}

export function middlewares(src: TSource): MiddlewareFact[] {
  const out: MiddlewareFact[] = [];
  for (const protocol of ['http', 'tcp'] as const) {
    const ms = at(src.root, [protocol, 'middlewares']);
    if (!ms || ms.node.kind !== 'map') continue;
    for (const f of ms.node.fields) {
      const first = f.node.kind === 'map' ? f.node.fields[0] : undefined;
      out.push({ name: f.name, raw: f.raw, protocol, field: f, source: src, provider: src.provider, type: first?.name, config: first?.node });
    }
  }
  return out;
}
