// What the graph rules (dashboard-no-auth, http-no-redirect, security-headers-missing,
// hsts-weak, rate-limit-missing, router-without-tls, middleware-undefined) share: the routers
// they judge, how a router and an entry point are named, what a headers middleware protects
// against, and the fix that adds a middleware and attaches it to a router in the user's form.
import type { Range, TextEdit } from '../../../engine/types';
import { appendListItem, canAppendListItem, canInsertNested, insertNested, mergeInserts, type Leaf } from '../edits';
import type { GEntryPoint, GMiddleware, GRouter, TraefikGraph } from '../graph';
import { traefikGraph } from '../graph';
import { boolOf, child, scalarOf, textOf, type TField, type TNode, type TSource } from '../model';
import type { TraefikView } from '../view';
import type { RuleContext } from '../../../engine/types';
import { camelStyle } from './shared';
import { MemoSlot } from '../../../engine/memo-slot';

export { traefikGraph };

/** HTTP routers written in the linted document that Traefik reads (their container is enabled). */
export function ownHttpRouters(graph: TraefikGraph): GRouter[] {
  return graph.routers.filter((r) => r.g.doc.own && r.g.active && r.protocol === 'http' && !r.unknown);
}

export function graphOf(view: TraefikView, ctx: RuleContext): TraefikGraph {
  return traefikGraph(view, ctx);
}

/**
 * The dynamic sources some enabled provider reads: labels (`labels:` for the Docker provider,
 * `deploy.labels` for Swarm) only when the static configuration enables their provider, or when
 * no static configuration is visible (then nobody knows, and they are judged). Files always.
 */
export function dynamicSourcesRead(view: TraefikView, ctx: RuleContext): TSource[] {
  const all = view.dynamicSources;
  if (!all.some((s) => s.form === 'label')) return all;
  const providers = graphOf(view, ctx).providers;
  return all.filter((s) => s.form !== 'label' || !s.provider || providers[s.provider].enabled !== false);
}

/** `Router "app"`, `Router "app" in service "web"`. */
export function routerLabel(view: TraefikView, r: GRouter): string {
  return `Router "${r.raw}"${view.where(r.source)}`;
}

/** `"websecure" (:443)`. */
export function epLabel(ep: GEntryPoint): string {
  return `"${ep.raw}"${ep.address ? ` (${ep.address})` : ''}`;
}

/** A router's service is Traefik's own API or dashboard. */
export function servesDashboard(r: GRouter): boolean {
  const s = r.service;
  return !!s && s.qualified && s.provider === 'internal' && (s.name === 'api' || s.name === 'dashboard');
}

/** A router's service is another internal service (noop@internal for redirect routers, ping, metrics …). */
export function servesOtherInternal(r: GRouter): boolean {
  const s = r.service;
  return !!s && s.qualified && s.provider === 'internal' && !(s.name === 'api' || s.name === 'dashboard');
}

export type Tri = 'yes' | 'no' | 'unknown';

function any(...xs: Tri[]): Tri {
  return xs.includes('yes') ? 'yes' : xs.includes('unknown') ? 'unknown' : 'no';
}

/** A header set in `customResponseHeaders` (an empty value removes the header instead). */
function customHeader(config: TNode | undefined, name: string): { tri: Tri; field?: TField } {
  const f = child(child(config, 'customresponseheaders')?.node, name);
  if (!f) return { tri: 'no' };
  const s = scalarOf(f);
  if (!s || s.template || s.text === undefined) return { tri: 'unknown', field: f };
  return { tri: s.text.trim() !== '' ? 'yes' : 'no', field: f };
}

function flag(config: TNode | undefined, name: string): Tri {
  const f = child(config, name);
  if (!f) return 'no';
  const b = boolOf(scalarOf(f));
  return b === true ? 'yes' : b === false ? 'no' : 'unknown';
}

function present(config: TNode | undefined, name: string): Tri {
  const f = child(config, name);
  if (!f) return 'no';
  const s = scalarOf(f);
  if (!s || s.template || s.text === undefined) return 'unknown';
  return s.text.trim() !== '' ? 'yes' : 'no';
}

export interface HeaderProtections {
  hsts: Tri;
  frame: Tri;
  nosniff: Tri;
}

/** What one headers middleware sets. HSTS counts when set at all: a weak value is hsts-weak's. */
export function headerProtections(config: TNode | undefined): HeaderProtections {
  const sts = child(config, 'stsseconds');
  const hsts: Tri = sts ? (scalarOf(sts)?.text === undefined ? 'unknown' : 'yes') : 'no';
  const csp = textOf(child(config, 'contentsecuritypolicy'));
  return {
    hsts: any(hsts, customHeader(config, 'strict-transport-security').tri),
    frame: any(flag(config, 'framedeny'), present(config, 'customframeoptionsvalue'), customHeader(config, 'x-frame-options').tri, csp && /frame-ancestors/i.test(csp) ? 'yes' : 'no'),
    nosniff: any(flag(config, 'contenttypenosniff'), customHeader(config, 'x-content-type-options').tri),
  };
}

/** What the headers middlewares in effect set together. */
export function protectionsOf(mws: readonly GMiddleware[]): HeaderProtections {
  const hs = mws.filter((m) => m.type === 'headers').map((m) => headerProtections(m.config));
  return {
    hsts: any('no', ...hs.map((h) => h.hsts)),
    frame: any('no', ...hs.map((h) => h.frame)),
    nosniff: any('no', ...hs.map((h) => h.nosniff)),
  };
}

/** A middleware to create (or an existing one to reuse) and attach to a router. */
export interface NewMiddleware {
  /** The name to use (`security-headers`; `-2`, `-3` … when taken by something else). */
  base: string;
  /** The middleware type in Traefik's camelCase (`headers`, `rateLimit`, `ipAllowList`). */
  type: string;
  options: Array<[string, Leaf]>;
  /** An existing middleware of the same provider that already does the job. */
  reuse(m: GMiddleware): boolean;
}

export interface MiddlewareFix {
  name: string;
  /** False when an existing middleware is attached. */
  created: boolean;
  /** Built when the fix is asked for (LazyFixes): whether there are edits is known already. */
  edits: () => TextEdit[];
}

function casing(camel: boolean, name: string): string {
  return camel ? name : name.toLowerCase();
}

/**
 * Adds a middleware next to a router and attaches it, in the router's own form: YAML or TOML
 * keys of the dynamic file, or labels (list or map) of the same service. When a middleware of
 * that name already exists in the router's provider and does the job, it is only attached.
 */
export function addMiddlewareFix(view: TraefikView, graph: TraefikGraph, r: GRouter, spec: NewMiddleware): MiddlewareFix | undefined {
  const src = r.source;
  if (!r.g.doc.own || !(src.form === 'yaml' || src.form === 'toml' || src.form === 'label')) return undefined;
  const provider = r.provider ?? 'file';
  let name: string | undefined;
  let created = true;
  for (let i = 1; i <= 9 && !name; i++) {
    const candidate = i === 1 ? spec.base : `${spec.base}-${i}`;
    const defs = graph.middleware('http', candidate, provider);
    const inactive = graph.inactiveMiddleware('http', candidate, provider);
    if (!defs && !inactive) name = candidate;
    else if (defs && !inactive && defs.every((d) => spec.reuse(d))) {
      name = candidate;
      created = false;
    }
  }
  if (!name) return undefined;
  const http = child(src.root, r.protocol);
  const routersField = child(http?.node, 'routers');
  if (!http || !routersField) return undefined;
  const routerTrail = [http, routersField, r.field];
  const camel = camelStyle(src);
  const mwField = child(r.field.node, 'middlewares');
  const attachLeaves: Array<[string, Leaf]> = [['middlewares', [name]]];
  if (mwField) {
    if (r.middlewares.some((m) => m.name === name && !m.qualified)) return undefined;
    if (!canAppendListItem(view, mwField)) return undefined;
  } else if (!canInsertNested(view, src, routerTrail, [], attachLeaves)) return undefined;
  const options = spec.options.map(([k, v]): [string, Leaf] => [casing(camel, k), v]);
  const type = casing(camel, spec.type);
  // Labels go with the router's own labels, in the same service.
  const after = created && src.form === 'label' ? lastLabelOf(r.field) : undefined;
  if (created) {
    if (src.form === 'label' && !after) return undefined;
    if (!canInsertNested(view, src, [http], ['middlewares', name, type], options, after)) return undefined;
  }
  const chosen = name;
  const edits = () => {
    const attach = mwField ? [appendListItem(view, mwField, chosen)!] : insertNested(view, src, routerTrail, [], attachLeaves)!;
    const define = !created ? [] : after ? insertNested(view, src, [http], ['middlewares', chosen, type], options, after)! : definition(view, src, http, chosen, type, options)!;
    return mergeInserts([...attach, ...define])!;
  };
  return { name, created, edits };
}

/**
 * The edits defining a middleware in a file's `http`/`tcp` section: the same for every router of
 * the source that a rule gives the same middleware (a file of 100 routers without headers built
 * it 100 times), so kept per source, name, type and options.
 */
const definitions = new MemoSlot<TSource, Map<string, TextEdit[] | null>>();

function definition(view: TraefikView, src: TSource, section: TField, name: string, type: string, options: Array<[string, Leaf]>): TextEdit[] | undefined {
  let memo = definitions.get(src);
  if (!memo) {
    memo = new Map();
    definitions.set(src, memo);
  }
  const key = `${section.name}\0${name}\0${type}\0${options.map(([k, v]) => `${k}=${String(v)}`).join('\0')}`;
  let d = memo.get(key);
  if (d === undefined) {
    d = insertNested(view, src, [section], ['middlewares', name, type], options) ?? null;
    memo.set(key, d);
  }
  return d ?? undefined;
}

function lastLabelOf(f: TField): NonNullable<TField['decl']> | undefined {
  let last: TField['decl'];
  const visit = (g: TField) => {
    if (g.decl && g.decl.form === 'label' && (!last || g.decl.span.end > last.span.end)) last = g.decl;
    if (g.node.kind === 'map') for (const h of g.node.fields) visit(h);
  };
  visit(f);
  return last;
}

/** The related location of a definition in another file (or this one). */
export function relatedAt(m: { g: { doc: { path: string; own: boolean } }; field: TField }, message: string): { path?: string; range: Range; message: string } {
  return { ...(m.g.doc.own ? {} : { path: m.g.doc.path }), range: m.field.keyRange, message };
}
