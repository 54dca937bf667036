// The workspace graph: routers, middlewares, services and TLS options from every Traefik source
// the linted file can see, and the entry points of the static configuration in effect. Rules ask
// it what a router really gets: its entry points (the defaults when it names none), each entry
// point's default middlewares and TLS, and its middlewares resolved across files, labels and
// providers (chains expanded).
//
// Everything is found through ctx.workspace (so the language server records what a lint read):
//   - the static configuration: the linted file itself, the Traefik services of the linted or a
//     nearby compose file (a mounted config file, else flags, else env), else the nearest
//     traefik.yml|yaml|toml beside or above;
//   - the file provider's `filename` or `directory` (listed recursively through the optional
//     `WorkspaceView.list`), resolved against the static file's folder, or for a Traefik
//     container through its bind mounts (`/etc/traefik/dynamic` → `./dynamic`);
//   - the labels of every service in the linted and nearby compose files (Docker and Swarm).
//
// What cannot be seen stays unknown and is never reported: a provider whose configuration is out
// of sight (no static configuration, a folder that cannot be listed, a path no mount explains, a
// Go template that may generate names, `@kubernetescrd`, `@consul`, plugins …).
import { BATCH_CAPACITY, cacheCapacity } from '../../engine/cache-budget';
import { RecentCache } from '../../engine/recent-cache';
import type { Range, RuleContext } from '../../engine/types';
import type { LineIndex } from '../../engine/text';
import type { ComposeTraefik, TraefikService } from './compose';
import { mountedHostPath, normalisePath } from './compose';
import { conventionHttps, entryPoints, middlewares, parseRef, routers, type EntryPointFact, type MiddlewareFact, type Ref, type RouterFact } from './facts';
import { boolOf, child, listItems, match, scalarOf, textOf, type Provider, type TField, type TScalar, type TSource } from './model';
import { parsedTraefik, type TraefikDocument } from './parse';
import type { TraefikView } from './view';
import { ancestors, dirOf, nearbyCompose, STATIC_NAMES } from './workspace';
import { mergeOverrideRouters, reconcileEnable } from './override-merge';
import { MemoSlot } from '../../engine/memo-slot';

/** A document a source lives in. Ranges of its sources are in its own coordinates. */
export interface GraphDoc {
  path: string;
  index: LineIndex;
  /** The linted document: findings and fixes only ever go there. */
  own: boolean;
}

/** One source of the graph, with the document it is in. */
export interface GSource {
  src: TSource;
  doc: GraphDoc;
  /**
   * Label sources: false when Traefik does not read the container (`traefik.enable=false`, or
   * `exposedByDefault: false` without `traefik.enable=true`). Always true for files.
   */
  active: boolean;
}

export interface GRouter extends RouterFact {
  g: GSource;
}

export interface GMiddleware extends MiddlewareFact {
  g: GSource;
}

export interface GEntryPoint {
  /** Lower case. */
  name: string;
  raw: string;
  port?: number;
  address?: string;
  https: boolean | undefined;
  tls: boolean;
  redirectsTo?: string;
  /** Every request is redirected to another entry point (`http.redirections.entryPoint.to`, known or not). */
  redirects?: boolean;
  middlewares: Ref[];
  /** A default middleware is not known (a template, a variable without value). */
  middlewaresUnknown?: boolean;
  /** Where it is defined; undefined for Traefik's implicit `http` entry point and for names judged by convention. */
  fact?: EntryPointFact;
  g?: GSource;
  /** `convention`: no static configuration is visible, so only the name tells (websecure/https, web/http). */
  origin: 'static' | 'implicit' | 'convention';
}

/** Whether Rampart sees everything a provider defines. */
export interface ProviderState {
  /** True when every definition of this provider is visible (a missing name is really missing). */
  visible: boolean;
  /** The static configuration enables the provider (undefined: not known). */
  enabled?: boolean;
  /** What was read (`dynamic/ (3 files)`, `labels of compose.yaml`) or why it is out of sight. */
  note: string;
}

/** The static configuration the graph judges with. */
export interface StaticConfig {
  /** For messages: `traefik.yml`, `the flags of service "traefik" in compose.yaml`. */
  label: string;
  sources: GSource[];
  /** The static file, when the configuration is one. */
  filePath?: string;
  /** The compose service running Traefik with this configuration, for container paths. */
  service?: { t: TraefikService; composePath: string };
}

export type Resolution =
  | { kind: 'found'; key: string; defs: GMiddleware[] }
  | { kind: 'internal'; key: string }
  | { kind: 'unseen'; key: string; provider: string }
  | { kind: 'missing'; key: string; provider: Provider; name: string };

export interface Effective {
  /** The middlewares in effect, in order (chains expanded). */
  middlewares: GMiddleware[];
  /** True when a reference could not be resolved (its type and options are unknown). */
  unknown: boolean;
}

/** Provider namespaces Rampart reads. */
const SEEN_PROVIDERS = new Set(['file', 'docker', 'swarm']);
const MAX_DIR_DEPTH = 4;
const MAX_DIR_FILES = 400;

function providerOf(name: string): Provider | undefined {
  return SEEN_PROVIDERS.has(name) ? (name as Provider) : undefined;
}

/** `a/b/c` from a folder to a path, for messages. */
export function relativeTo(fromDir: string, to: string): string {
  const a = fromDir.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const up = a.length - i;
  return [...Array<string>(up).fill('..'), ...b.slice(i)].join('/') || '.';
}

export class TraefikGraph {
  readonly routers: GRouter[] = [];
  private readonly mws = new Map<string, GMiddleware[]>();
  private readonly inactiveMws = new Map<string, GMiddleware[]>();
  /** Service definitions by `protocol:name@provider`. */
  readonly services = new Map<string, GSource[]>();
  /** TLS options by `name@file`. */
  readonly tlsOptions = new Map<string, GSource[]>();
  /** Entry points of the static configuration in effect (empty when none is visible). */
  readonly entryPoints = new Map<string, GEntryPoint>();
  /** Names of the default entry points; undefined when no static configuration is visible. */
  defaultEntryPoints?: string[];
  readonly providers: Record<Provider, ProviderState> = {
    file: { visible: false, note: 'no static configuration is visible' },
    docker: { visible: false, note: 'no static configuration is visible' },
    swarm: { visible: false, note: 'no static configuration is visible' },
  };
  private readonly effMemo = new Map<GRouter, Map<string, Effective>>();

  constructor(
    /** The linted file's path. */
    readonly path: string,
    readonly sources: GSource[],
    readonly staticConfig: StaticConfig | undefined,
  ) {}

  /** Every source a definition came from, for cache comparison. */
  get key(): unknown[] {
    return this.sources.flatMap((g) => [g.src.root, g.active]);
  }

  addMiddleware(m: GMiddleware, active: boolean): void {
    const key = `${m.protocol}:${m.name}@${m.provider ?? 'file'}`;
    const map = active ? this.mws : this.inactiveMws;
    const list = map.get(key);
    if (list) list.push(m);
    else map.set(key, [m]);
  }

  /** Definitions of `name@provider` (lower-case name) of a protocol. */
  middleware(protocol: 'http' | 'tcp', name: string, provider: string): GMiddleware[] | undefined {
    return this.mws.get(`${protocol}:${name}@${provider}`);
  }

  /** Definitions on containers Traefik does not read. */
  inactiveMiddleware(protocol: 'http' | 'tcp', name: string, provider: string): GMiddleware[] | undefined {
    return this.inactiveMws.get(`${protocol}:${name}@${provider}`);
  }

  private namesMemo = new Map<string, string[]>();

  /** Every middleware name defined for a provider (for "did you mean"). */
  middlewareNames(protocol: 'http' | 'tcp', provider: string): string[] {
    const memoKey = `${protocol}:${provider}`;
    const hit = this.namesMemo.get(memoKey);
    if (hit) return hit;
    const out: string[] = [];
    const prefix = `${protocol}:`;
    const suffix = `@${provider}`;
    for (const k of this.mws.keys()) if (k.startsWith(prefix) && k.endsWith(suffix)) out.push(k.slice(prefix.length, k.length - suffix.length));
    this.namesMemo.set(memoKey, out);
    return out;
  }

  /** Providers where a middleware of this name is defined. */
  providersDefining(protocol: 'http' | 'tcp', name: string): Provider[] {
    const out: Provider[] = [];
    for (const p of ['file', 'docker', 'swarm'] as const) if (this.mws.has(`${protocol}:${name}@${p}`)) out.push(p);
    return out;
  }

  /** Resolves a middleware reference as Traefik does: a bare name in the referring provider. */
  resolve(ref: Ref, own: Provider | undefined, protocol: 'http' | 'tcp'): Resolution {
    const provider = ref.qualified ? ref.provider : (own ?? 'file');
    const key = `${ref.name}@${provider}`;
    if (provider === 'internal') return { kind: 'internal', key };
    const p = providerOf(provider);
    if (!p) return { kind: 'unseen', key, provider };
    const defs = this.mws.get(`${protocol}:${key}`);
    if (defs && defs.length > 0) return { kind: 'found', key, defs };
    if (!this.providers[p].visible) return { kind: 'unseen', key, provider };
    return { kind: 'missing', key, provider: p, name: ref.name };
  }

  /**
   * The entry points a router is served on: the ones it names (those the static configuration
   * defines; by name convention when none is visible), else the default entry points. An entry
   * `undefined` stands for "not known" (a router naming none, with no static configuration).
   */
  entryPointsOf(r: RouterFact): Array<GEntryPoint | undefined> {
    if (r.entryPoints.length > 0) {
      const out: GEntryPoint[] = [];
      r.entryPoints.forEach((name, i) => {
        if (this.defaultEntryPoints) {
          const ep = this.entryPoints.get(name);
          if (ep) out.push(ep);
        } else {
          out.push({ name, raw: r.entryPointsRaw[i] ?? name, https: conventionHttps(name, undefined), tls: false, middlewares: [], origin: 'convention' });
        }
      });
      return out;
    }
    if (!this.defaultEntryPoints) return [undefined];
    return this.defaultEntryPoints.map((n) => this.entryPoints.get(n)!).filter(Boolean);
  }

  /**
   * The middlewares in effect for a router on an entry point: the entry point's defaults, then
   * its own, chains expanded, each resolved in the router's provider (or the chain's).
   */
  effective(r: GRouter, ep: GEntryPoint | undefined): Effective {
    // By router object, then entry point: a router's index (indexOf) made every call a scan of
    // every router, quadratic in a file with hundreds of them.
    let byEp = this.effMemo.get(r);
    if (!byEp) {
      byEp = new Map();
      this.effMemo.set(r, byEp);
    }
    const memoKey = ep?.name ?? '';
    const hit = byEp.get(memoKey);
    if (hit) return hit;
    const out: Effective = { middlewares: [], unknown: r.unknown };
    const protocol = r.protocol === 'tcp' ? 'tcp' : 'http';
    const seen = new Set<string>();
    const visit = (ref: Ref, own: Provider | undefined, depth: number) => {
      const res = this.resolve(ref, own, protocol);
      if (res.kind === 'internal') return;
      if (res.kind !== 'found') {
        out.unknown = true;
        return;
      }
      if (seen.has(res.key) || depth > 8) return;
      seen.add(res.key);
      const types = new Set(res.defs.map((d) => d.type));
      if (types.size > 1) {
        out.unknown = true; // defined twice, differently: Traefik drops it
        return;
      }
      const def = res.defs[0]!;
      if (def.type === 'chain') {
        if (chainItems(def).some((x) => x.template || (x.text === undefined && x.value !== null))) out.unknown = true;
        for (const inner of chainRefs(def)) visit(inner, def.provider, depth + 1);
        return;
      }
      if (def.type === undefined || def.type.startsWith('plugin')) out.unknown = true;
      out.middlewares.push(def);
    };
    if (ep?.middlewaresUnknown) out.unknown = true;
    for (const ref of ep?.middlewares ?? []) visit(ref, r.provider, 0);
    for (const ref of r.middlewares) visit(ref, r.provider, 0);
    byEp.set(memoKey, out);
    return out;
  }
}

/** The references of a chain middleware, resolved in the chain's provider. */
export function chainRefs(m: GMiddleware): Ref[] {
  return chainItems(m)
    .map((s) => parseRef(s, m.provider))
    .filter((x): x is Ref => !!x);
}

function chainItems(m: GMiddleware): TScalar[] {
  return listItems(child(m.config, 'middlewares'), m.g.doc.index).filter((n): n is TScalar => n.kind === 'scalar');
}

// ---------------------------------------------------------------------------------------------
// Building

interface ParsedFile {
  text: string;
  doc: TraefikDocument;
  dynamic?: TSource;
  static?: TSource;
}

/**
 * Parsed neighbour files by path, reused while their text is the same string. A batch run keeps a
 * provider directory's worth (MAX_DIR_FILES): every file of the directory reads all the others,
 * and with the batch size of other caches each lint parsed the directory again (240 dynamic files
 * took 2.9 s to lint, a third of it collecting the garbage of those parses).
 */
const fileCache = new RecentCache<ParsedFile>(() => cacheCapacity(FILE_CACHE_MAX, MAX_DIR_FILES + BATCH_CAPACITY));
const FILE_CACHE_MAX = 1024;

function parsedFile(path: string, text: string): ParsedFile {
  const hit = fileCache.get(path);
  if (hit && hit.text === text) return hit;
  const doc = parsedTraefik(path, text).model;
  const pf: ParsedFile = { text, doc };
  if (doc.root && !doc.compose) {
    if (doc.roles.includes('dynamic')) pf.dynamic = { form: doc.format, role: 'dynamic', provider: 'file', root: doc.root, inEffect: true };
    if (doc.roles.includes('static')) pf.static = { form: doc.format, role: 'static', root: doc.root, inEffect: true };
  }
  fileCache.set(path, pf);
  return pf;
}

interface ComposeFile {
  path: string;
  doc: GraphDoc;
  traefik: ComposeTraefik;
}

interface Candidate {
  label: string;
  sources: GSource[];
  /** False when the configuration exists but cannot be read (a config file out of sight). */
  known: boolean;
  filePath?: string;
  service?: { t: TraefikService; composePath: string };
}

type FileProviderPlan =
  | { kind: 'disabled' }
  | { kind: 'unresolved'; why: string }
  | { kind: 'filename'; path: string; shown: string }
  | { kind: 'directory'; path: string; shown: string };

function enabled(providers: TField | undefined, name: string): TField | undefined {
  const p = child(providers?.node, name);
  if (!p) return undefined;
  return boolOf(scalarOf(p)) === false ? undefined : p;
}

/** Host paths a path written in the static configuration may stand for, most likely first. */
function hostCandidates(p: string, cand: Candidate): string[] {
  const out: string[] = [];
  if (cand.service) {
    const container = p.startsWith('/') ? normalisePath(p) : normalisePath(`/${p}`);
    const m = mountedHostPath(cand.service.t, container, cand.service.composePath);
    if (m) out.push(m.host);
    return out;
  }
  if (!cand.filePath) return out;
  const dir = dirOf(cand.filePath);
  if (p.startsWith('/')) {
    // The official layout: the static file is /etc/traefik/traefik.yml, so /etc/traefik/… sits
    // beside it in the repository (preferred over the machine Rampart runs on).
    if (p.startsWith('/etc/traefik/')) out.push(normalisePath(`${dir}/${p.slice('/etc/traefik/'.length)}`));
    out.push(normalisePath(p));
  } else out.push(normalisePath(`${dir}/${p}`));
  return out.filter((h) => h !== '/');
}

function planFileProvider(cand: Candidate, ctx: RuleContext): FileProviderPlan {
  let file: TField | undefined;
  for (const g of cand.sources) file = enabled(child(g.src.root, 'providers'), 'file') ?? file;
  if (!file) return { kind: 'disabled' };
  const filename = child(file.node, 'filename');
  const directory = child(file.node, 'directory');
  if (filename && directory) return { kind: 'unresolved', why: 'both filename and directory are set' };
  const f = filename ?? directory;
  if (!f) return { kind: 'unresolved', why: 'providers.file names no filename or directory' };
  const value = textOf(f);
  if (!value) return { kind: 'unresolved', why: `providers.file.${f.raw} is not known` };
  const kind = filename ? 'filename' : 'directory';
  for (const host of hostCandidates(value, cand)) {
    if (ctx.workspace.exists(host)) return { kind, path: host, shown: value };
  }
  return { kind: 'unresolved', why: `${value} is not in the workspace${cand.service ? ` (no volume of service "${cand.service.t.name}" mounts it)` : ''}` };
}

/** Every .yml/.yaml/.toml file below a folder (as Traefik's file provider loads them); undefined when it cannot be listed. */
function scanFolder(ctx: RuleContext, dir: string): string[] | undefined {
  const list = ctx.workspace.list?.bind(ctx.workspace);
  if (!list) return undefined;
  const out: string[] = [];
  let complete = true;
  const go = (d: string, depth: number) => {
    const names = list(d);
    if (!names) {
      complete = false;
      return;
    }
    for (const n of names) {
      if (out.length >= MAX_DIR_FILES) {
        complete = false;
        return;
      }
      const p = d === '/' ? `/${n}` : `${d}/${n}`;
      if (n.endsWith('/')) {
        if (n === '.git/' || n === 'node_modules/') continue; // never Traefik's, and large
        if (depth < MAX_DIR_DEPTH) go(p.slice(0, -1), depth + 1);
        else complete = false;
      } else if (/\.(ya?ml|toml)$/i.test(n)) out.push(p);
    }
  };
  go(dir, 0);
  return complete ? out : undefined;
}

function staticFileCandidate(path: string, pf: ParsedFile, label: string, service?: Candidate['service']): Candidate {
  const doc: GraphDoc = { path, index: pf.doc.index, own: false };
  return { label, sources: pf.static ? [{ src: pf.static, doc, active: true }] : [], known: !!pf.static, filePath: path, service };
}

export function buildGraph(view: TraefikView, ctx: RuleContext): TraefikGraph {
  const ws = ctx.workspace;
  const ownDoc: GraphDoc = { path: view.path, index: view.index, own: true };
  const here = dirOf(view.path);

  // Compose files: the linted one, and those beside or above.
  const composes: ComposeFile[] = [];
  if (view.host === 'compose') composes.push({ path: view.path, doc: ownDoc, traefik: { services: view.services, sources: view.sources } });
  for (const c of nearbyCompose(ctx)) {
    // An override file adds labels to the base's containers; its partial services are not read as
    // Traefik services of their own (a `command:` there changes a base service Rampart judges whole).
    const traefik = c.override ? { services: [], sources: c.traefik.sources.filter((s) => s.form === 'label') } : c.traefik;
    composes.push({ path: c.path, doc: { path: c.path, index: c.model.index, own: false }, traefik });
  }

  // Static configuration candidates, most specific first.
  const candidates: Candidate[] = [];
  const ownStatic = view.host === 'file' ? view.staticSources : [];
  const serviceMounting = (p: string) => {
    for (const c of composes) for (const t of c.traefik.services) if (t.configFile?.hostPath === p) return { t, composePath: c.path };
    return undefined;
  };
  if (ownStatic.length > 0) {
    candidates.push({ label: relativeTo(here, view.path), sources: ownStatic.map((src) => ({ src, doc: ownDoc, active: true })), known: true, filePath: view.path, service: serviceMounting(view.path) });
  }
  for (const c of composes) {
    for (const t of c.traefik.services) {
      const where = `service "${t.name}" in ${relativeTo(here, c.path) || c.path}`;
      const service = { t, composePath: c.path };
      if (t.effective === 'file') {
        const host = t.configFile?.hostPath;
        if (host && host === view.path && ownStatic.length > 0) continue; // the candidate above
        const text = host ? ws.readFile(host) : undefined;
        if (host && text !== undefined) candidates.push(staticFileCandidate(host, parsedFile(host, text), `${relativeTo(here, host)} (mounted by ${where})`, service));
        else candidates.push({ label: `the configuration file of ${where}`, sources: [], known: false, service });
      } else if (t.effective === 'flags' && t.flags) {
        candidates.push({ label: `the flags of ${where}`, sources: [{ src: t.flags, doc: c.doc, active: true }], known: true, service });
      } else if (t.effective === 'env' && t.env) {
        candidates.push({ label: `the environment of ${where}`, sources: [{ src: t.env, doc: c.doc, active: true }], known: true, service });
      } else {
        candidates.push({ label: `the defaults of ${where}`, sources: [], known: true, service });
      }
    }
  }
  if (ownStatic.length === 0) {
    for (const dir of ancestors(view.path)) {
      let found = false;
      for (const name of STATIC_NAMES) {
        const p = dir === '/' ? `/${name}` : `${dir}/${name}`;
        if (p === view.path || candidates.some((c) => c.filePath === p)) continue;
        const text = ws.readFile(p);
        if (text === undefined) continue;
        const pf = parsedFile(p, text);
        if (!pf.static) continue;
        candidates.push(staticFileCandidate(p, pf, relativeTo(here, p), serviceMounting(p)));
        found = true;
        break;
      }
      if (found) break;
    }
  }

  // A dynamic file is judged with the static configuration whose file provider loads it.
  const ownDynamic = view.host === 'file' ? view.dynamicSources : [];
  const plans = new Map<Candidate, FileProviderPlan>();
  const plan = (c: Candidate) => {
    let p = plans.get(c);
    if (!p) {
      p = c.known ? planFileProvider(c, ctx) : { kind: 'unresolved', why: `${c.label} cannot be read` };
      plans.set(c, p);
    }
    return p;
  };
  const covers = (p: FileProviderPlan) =>
    (p.kind === 'filename' && p.path === view.path) || (p.kind === 'directory' && (view.path === p.path || view.path.startsWith(p.path + '/')));
  let chosen: Candidate | undefined;
  if (ownStatic.length > 0) chosen = candidates[0];
  else if (ownDynamic.length > 0) chosen = candidates.find((c) => covers(plan(c))) ?? candidates[0];
  else chosen = candidates[0];

  const sources: GSource[] = [];
  const staticConfig: StaticConfig | undefined = chosen?.known ? { label: chosen.label, sources: chosen.sources, filePath: chosen.filePath, service: chosen.service } : undefined;

  // The file provider.
  const fileState: ProviderState = { visible: false, note: chosen ? '' : 'no static configuration is visible' };
  let ownCovered = false;
  if (chosen) {
    const p = plan(chosen);
    if (p.kind === 'disabled') {
      fileState.visible = chosen.known;
      fileState.enabled = false;
      fileState.note = `${chosen.label} enables no file provider`;
    } else if (p.kind === 'unresolved') {
      fileState.enabled = true;
      fileState.note = p.why;
    } else {
      fileState.enabled = true;
      const paths = p.kind === 'filename' ? [p.path] : scanFolder(ctx, p.path);
      if (!paths) fileState.note = `${relativeTo(here, p.path)}/ cannot be listed`;
      else {
        let complete = true;
        for (const fp of paths) {
          if (fp === view.path) {
            ownCovered = true;
            continue;
          }
          const text = ws.readFile(fp);
          if (text === undefined) {
            complete = false;
            continue;
          }
          const pf = parsedFile(fp, text);
          if (!pf.doc.root && !pf.doc.compose && text.trim() !== '') complete = false; // unparsable: Traefik rejects the provider's configuration
          if (pf.doc.templates.length > 0) complete = false; // a template may generate names
          if (pf.dynamic) sources.push({ src: pf.dynamic, doc: { path: fp, index: pf.doc.index, own: false }, active: true });
        }
        const folder = relativeTo(here, p.path);
        const count = `${paths.length} file${paths.length === 1 ? '' : 's'}`;
        const shown = p.kind === 'filename' ? folder : folder === '.' ? `this folder (${count})` : `${folder}/ (${count})`;
        fileState.visible = complete && (ownDynamic.length === 0 || ownCovered);
        fileState.note = complete ? `the file provider reads ${shown}` : `some files of ${shown} cannot be read`;
        if (ownDynamic.length > 0 && !ownCovered) fileState.note = `the file provider (${shown}) does not read this file`;
      }
    }
  }
  if (ownDynamic.length > 0 && view.templated) fileState.visible = false; // a template may generate names

  // Own sources first (dynamic ones; the static ones only matter as the chosen configuration).
  const ownSources: GSource[] = view.sources.map((src) => ({ src, doc: ownDoc, active: true }));
  sources.unshift(...ownSources.filter((g) => g.src.role === 'dynamic'));

  // Labels of compose services.
  const providersField = staticConfig ? staticConfig.sources.map((g) => child(g.src.root, 'providers')).find(Boolean) : undefined;
  const docker = staticConfig ? enabled(providersField, 'docker') : undefined;
  const swarmP = staticConfig ? enabled(providersField, 'swarm') : undefined;
  const swarmMode = docker ? boolOf(scalarOf(child(docker.node, 'swarmmode'))) === true : false;
  const exposed = (p: TField | undefined) => (p ? boolOf(scalarOf(child(p.node, 'exposedbydefault'))) : undefined);
  const exposedDocker = exposed(docker);
  const exposedSwarm = swarmP ? exposed(swarmP) : exposedDocker;
  for (const c of composes) {
    for (const src of c.traefik.sources) {
      if (src.role !== 'dynamic') continue;
      const g: GSource = c.doc.own ? ownSources.find((o) => o.src === src)! : { src, doc: c.doc, active: true };
      const enable = boolOf(scalarOf(child(src.root, 'enable')));
      const exposedByDefault = src.provider === 'swarm' ? exposedSwarm : exposedDocker;
      g.active = enable === true || (enable === undefined && !(staticConfig && exposedByDefault === false && !child(src.root, 'enable')));
      if (!c.doc.own) sources.push(g);
    }
  }
  reconcileEnable(sources);
  const labelsSeen = composes.length > 0;
  const labelNote = (what: string) => (labelsSeen ? `the ${what} provider reads the labels of ${composes.map((c) => relativeTo(here, c.path)).join(', ')}` : 'no compose file is visible');
  const dockerState: ProviderState = {
    visible: !!staticConfig && !!docker && labelsSeen,
    enabled: staticConfig ? !!docker : undefined,
    note: !staticConfig ? 'no static configuration is visible' : !docker ? `${staticConfig.label} enables no Docker provider` : labelNote('Docker'),
  };
  const swarmOn = !!swarmP || swarmMode;
  const swarmState: ProviderState = {
    visible: !!staticConfig && swarmOn && labelsSeen,
    enabled: staticConfig ? swarmOn : undefined,
    note: !staticConfig ? 'no static configuration is visible' : !swarmOn ? `${staticConfig.label} enables no Swarm provider` : labelNote('Swarm'),
  };

  const graph = new TraefikGraph(view.path, sources, staticConfig);
  graph.providers.file = fileState;
  graph.providers.docker = dockerState;
  graph.providers.swarm = swarmState;

  // The same sources as the last lint of this file found: its graph still holds.
  const prev = lastOfParse.get(view.index);
  if (prev && prev.path === view.path && sameKey(prev, graph)) return prev;

  // Entry points.
  if (staticConfig) {
    for (const g of staticConfig.sources) {
      for (const ep of entryPoints(g.src, g.doc.index)) {
        graph.entryPoints.set(ep.name, {
          name: ep.name,
          raw: ep.raw,
          port: ep.port,
          address: ep.address,
          https: ep.https,
          tls: ep.tls,
          redirectsTo: ep.redirectsTo,
          redirects: ep.redirects,
          middlewares: ep.middlewares,
          middlewaresUnknown: ep.middlewaresUnknown,
          fact: ep,
          g,
          origin: 'static',
        });
      }
    }
    if (graph.entryPoints.size === 0) {
      // Traefik's own default: one `http` entry point on :80.
      graph.entryPoints.set('http', { name: 'http', raw: 'http', port: 80, address: ':80', https: false, tls: false, middlewares: [], origin: 'implicit' });
    }
    const eps = [...graph.entryPoints.values()];
    const isUdp = (ep: GEntryPoint) => /\/udp$/i.test(ep.address ?? '');
    const asDefault = eps.filter((ep) => ep.fact && boolOf(scalarOf(child(ep.fact.field.node, 'asdefault'))) === true && !isUdp(ep));
    graph.defaultEntryPoints = (asDefault.length > 0 ? asDefault : eps.filter((ep) => ep.name !== 'traefik' && !isUdp(ep))).map((ep) => ep.name);
  }

  // Definitions.
  for (const g of sources) {
    if (g.src.role !== 'dynamic') continue;
    for (const r of routersOf(g)) graph.routers.push(r);
    for (const m of middlewares(g.src)) graph.addMiddleware({ ...m, g }, g.active);
    if (!g.active) continue;
    const provider = g.src.provider ?? 'file';
    for (const protocol of ['http', 'tcp', 'udp'] as const) {
      for (const m of match(g.src.root, [protocol, 'services', '*'])) {
        const key = `${protocol}:${m.field.name}@${provider}`;
        const list = graph.services.get(key);
        if (list) list.push(g);
        else graph.services.set(key, [g]);
      }
    }
    if (provider === 'file') {
      for (const m of match(g.src.root, ['tls', 'options', '*'])) {
        const key = `${m.field.name}@file`;
        const list = graph.tlsOptions.get(key);
        if (list) list.push(g);
        else graph.tlsOptions.set(key, [g]);
      }
    }
  }
  mergeOverrideRouters(graph.routers, sources);
  return graph;
}

/** Routers of a source, memoised per source object (neighbour files are parsed once per text). */
const routerMemo = new MemoSlot<TSource, RouterFact[]>();

function routersOf(g: GSource): GRouter[] {
  let rs = routerMemo.get(g.src);
  if (!rs) {
    rs = routers(g.src, g.doc.index);
    routerMemo.set(g.src, rs);
  }
  return rs.map((r) => ({ ...r, g }));
}

// One graph per lint (every rule of the lint shares it); the previous graph of a parse is reused
// when a lint of that same parse finds exactly the same sources again (a re-lint after a neighbour
// was saved unchanged, a change of settings). It hangs on the parse's line index, so it goes with
// the parse: a graph kept by path held the previous keystroke's whole model through the next lint,
// where the young-generation collections copied it and promoted it to the old generation.
const perLint = new MemoSlot<RuleContext, Map<TraefikView, TraefikGraph>>();
const lastOfParse = new MemoSlot<LineIndex, TraefikGraph>();

export function traefikGraph(view: TraefikView, ctx: RuleContext): TraefikGraph {
  let m = perLint.get(ctx);
  if (!m) {
    // A Map, not a MemoSlot: it lives for one lint, and a slot made per lint would give each view
    // a new symbol property (and hidden class) per lint.
    m = new Map();
    perLint.set(ctx, m);
  }
  let g = m.get(view);
  if (g) return g;
  g = buildGraph(view, ctx);
  lastOfParse.set(view.index, g);
  m.set(view, g);
  return g;
}

function sameKey(a: TraefikGraph, b: TraefikGraph): boolean {
  const ka = a.key;
  const kb = b.key;
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return false;
  const sa = a.staticConfig?.sources ?? [];
  const sb = b.staticConfig?.sources ?? [];
  if (sa.length !== sb.length || sa.some((s, i) => s.src.root !== sb[i]!.src.root)) return false;
  return JSON.stringify(a.providers) === JSON.stringify(b.providers);
}

/** The range of a router's definition for "something is missing" findings: its name key, or the label that defines its rule. */
export function routerRange(r: RouterFact, index: LineIndex): Range {
  if (r.source.form === 'label') {
    const rule = child(r.field.node, 'rule');
    if (rule?.decl) return index.rangeOf(rule.decl.span.start, rule.decl.span.end);
  }
  return r.field.keyRange;
}

