// The Compose project a file belongs to, loaded the way Compose loads it, through the rule
// context's workspace (never the disk directly):
//
// - the file set: the file itself plus the automatic override (`compose.override.yaml` beside
//   `compose.yaml`), or `COMPOSE_FILE` from the `.env` beside the file (which switches the
//   automatic override off); an override file is merged over its base, found by name beside it;
// - `include:` (paths, or {path, project_directory, env_file}): included services are added to
//   the project, and a service of the file with the same name is merged over the included one;
// - `extends:` (same file, or `file:`), recursively, cycles cut.
//
// `projectView(model, ctx)` is a ComposeView whose services are the file's own services merged
// with every definition from those files, each definition tagged with its file (ranges stay in
// their own file: rules report another file's value only at the `extends: {file:}` key that
// brings it into a service here), the folder its relative paths resolve against, and how it
// was inherited. `serviceDockerfile(svc, ctx)` reads the Dockerfile
// a service builds. Compose's merge rules are ComposeService.layers' (13-merge.md).
import { MemoSlot } from '../../engine/memo-slot';
import { cacheCapacity } from '../../engine/cache-budget';
import { RecentCache } from '../../engine/recent-cache';
import type { ParsedDocument, Range, RuleContext } from '../../engine/types';
import { buildModel as buildDockerfileModel, targetStage, type DockerfileModel, type DockerStage } from '../dockerfile/model';
import { parseCompose } from './parse';
import { ComposeService, type ComposeModel, type InheritedFrom, type ServiceDefinition } from './model';
import { ComposeView, ServiceView, composeView, type BuildSpec, type Value } from './view';
import { interpolate, parseEnvFile, type EnvVars } from './interpolate';
import { scalarText, type CEntry, type CNode } from './tree';
import { trimTrailingSlashes } from '../../engine/posix-path';

/** Compose's default file names, in its order of preference (compose-go cli/options.go). */
export const DEFAULT_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
export const DEFAULT_OVERRIDE_NAMES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];

const MAX_FILES = 64;
const MAX_DEPTH = 16;

// ---------------------------------------------------------------------------------------------
// Paths (absolute, `/`-separated; Windows drive paths keep their `c:` prefix)

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  if (/^[A-Za-z]:$/.test(p.slice(0, i))) return p.slice(0, i + 1);
  return p.slice(0, i);
}

export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p);
}

/** `dir` joined with a relative path (or the path itself when absolute), `.` and `..` resolved. */
export function resolvePath(dir: string, rel: string): string {
  const p = rel.replace(/\\/g, '/');
  const full = isAbsolutePath(p) ? p : `${trimTrailingSlashes(dir)}/${p}`;
  const drive = /^[A-Za-z]:/.exec(full)?.[0] ?? '';
  const out: string[] = [];
  for (const seg of full.slice(drive.length).split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `${drive}/${out.join('/')}`;
}

// ---------------------------------------------------------------------------------------------
// Parse caches (module level: parsing another file once per text, not once per rule)

/**
 * Compose parses by path and text, shared by the plugin's own parse, project loading and the
 * Traefik graph's nearby compose files: in a project with an override, each of the two files
 * was parsed up to three times in one run (as the linted file, as the other's project file, as
 * the other's Traefik neighbour).
 */
const composeCache = new RecentCache<{ text: string; model: ParsedDocument<ComposeModel> }>(() => cacheCapacity(64));
const dockerfileCache = new RecentCache<{ text: string; model: DockerfileModel }>(() => cacheCapacity(64));

function cached<T>(cache: RecentCache<{ text: string; model: T }>, key: string, text: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit && hit.text === text) return hit.model;
  // The stale entry goes first: kept until the new parse was made, the previous keystroke's model
  // lived through that parse's young-generation collections and was promoted to the old one.
  if (hit) cache.delete(key);
  const model = make();
  cache.set(key, { text, model });
  return model;
}

/** parseCompose(text, path), reused while the same path has the same text. */
export function parsedCompose(path: string, text: string): ParsedDocument<ComposeModel> {
  return cached(composeCache, path, text, () => parseCompose(text, path));
}

/** Forgets the cached parse of `path` (LanguagePlugin.forget). */
export function forgetCompose(path: string): void {
  composeCache.delete(path);
}

/** The model of another compose file (one a project or a Traefik graph reads). */
export function composeModelOf(path: string, text: string): ComposeModel {
  return parsedCompose(path, text).model;
}

/** The Dockerfile model for a text (cached by path and text). */
export function dockerfileModelOf(key: string, text: string): DockerfileModel {
  return cached(dockerfileCache, key, text, () => buildDockerfileModel(text));
}

// ---------------------------------------------------------------------------------------------
// The project

export interface ComposeProject {
  /** The compose files merged, in order (absolute paths; the linted file is one of them). */
  files: string[];
  /**
   * How the file set was chosen: `default` (the file and its automatic override), `COMPOSE_FILE`
   * (from `.env`), `override` (an override file merged over the base file beside it), `alone`.
   */
  source: 'default' | 'COMPOSE_FILE' | 'override' | 'alone';
  /** The folder relative paths of the project files resolve against (where `.env` is read). */
  dir: string;
  /** Every service of the project: the files', the included ones; each merged across files. */
  services: ComposeService[];
  /** What Compose would refuse or Rampart could not read (a missing `extends` base, an include cycle). */
  problems: Array<{ range: Range; file?: string; message: string }>;
}

/** A ComposeView over the project: `services` are the linted file's, merged; `all` every service of the project. */
export class ProjectView extends ComposeView {
  private allViews?: ServiceView[];
  project!: ComposeProject;

  /** Every service of the project (other files' and included ones too), in first-appearance order. */
  get all(): ServiceView[] {
    if (!this.allViews) {
      const own = new Map(this.services.map((s) => [s.service, s]));
      this.allViews = this.project.services.map((s) => own.get(s) ?? new ServiceView(this, s));
    }
    return this.allViews;
  }
}

interface Memo {
  reads: Map<string, string | undefined>;
  exists: Map<string, boolean>;
  view: ProjectView;
}

/**
 * The project view of a compose file (memoised on the model while every file it read is
 * unchanged; the reads go through `ctx.workspace` every time, so the language server sees them).
 */
export function projectView(model: ComposeModel, ctx: RuleContext): ProjectView {
  const memo = model.projectCache as Memo | undefined;
  // Checked once per lint: every rule of a lint asks, and the first ask already read (and so, in
  // the language server, recorded) every file the project depends on.
  if (memo && (checkedIn.get(ctx) === memo || unchanged(memo, ctx))) {
    checkedIn.set(ctx, memo);
    return memo.view;
  }
  const loader = new Loader(model, ctx);
  const view = loader.load();
  model.projectCache = { reads: loader.reads, exists: loader.existence, view } satisfies Memo;
  checkedIn.set(ctx, model.projectCache as Memo);
  return view;
}

/**
 * The project found current in a lint, on the lint's context: the context goes with the lint, and
 * the model keeps nothing of it. (A WeakRef to the context on the model did the same, but V8
 * keeps a WeakRef's target alive until the running job ends: a synchronous loop of lints, like
 * the benchmark's, kept every lint's context, views and graphs.)
 */
const checkedIn = new MemoSlot<RuleContext, Memo>();

function unchanged(memo: Memo, ctx: RuleContext): boolean {
  for (const [p, t] of memo.reads) if (ctx.workspace.readFile(p) !== t) return false;
  for (const [p, e] of memo.exists) if (ctx.workspace.exists(p) !== e) return false;
  return true;
}

interface Loaded {
  services: Map<string, ComposeService>;
  /** Services whose `extends`/`include` base could not be read. */
  incomplete: Set<string>;
}

class Loader {
  readonly reads = new Map<string, string | undefined>();
  readonly existence = new Map<string, boolean>();
  readonly envs = new Map<string, EnvVars>();
  readonly problems: ComposeProject['problems'] = [];
  private readonly path: string;
  private loadedFiles = 0;

  constructor(
    private readonly linted: ComposeModel,
    private readonly ctx: RuleContext,
  ) {
    this.path = ctx.path || linted.path;
  }

  read(path: string): string | undefined {
    if (!this.reads.has(path)) this.reads.set(path, this.ctx.workspace.readFile(path));
    return this.reads.get(path);
  }

  exists(path: string): boolean {
    let e = this.existence.get(path);
    if (e === undefined) {
      e = this.ctx.workspace.exists(path);
      this.existence.set(path, e);
    }
    return e;
  }

  /** A compose file's model: the linted one, or another file parsed (undefined when unreadable). */
  model(path: string, env: EnvVars, rootEnv: EnvVars): ComposeModel | undefined {
    if (path === this.path || path === this.linted.path) return this.linted;
    if (this.loadedFiles >= MAX_FILES) return undefined;
    const text = this.read(path);
    if (text === undefined) return undefined;
    this.loadedFiles++;
    if (env !== rootEnv && !this.envs.has(path)) this.envs.set(path, env);
    return composeModelOf(path, text);
  }

  fileOf(path: string): string | undefined {
    return path === this.path || path === this.linted.path ? undefined : path;
  }

  load(): ProjectView {
    const base = composeView(this.linted, this.ctx);
    const dir = dirname(this.path);
    // The `.env` is read through the loader too, so a change to it invalidates the memo.
    const envText = this.read(`${dir}/.env`);
    const env: EnvVars = envText === undefined ? new Map() : parseEnvFile(envText);
    const { files, source } = this.fileSet(dir, env);
    const loaded = this.loadFiles(files, dir, env, env, 0, []);
    const merged = loaded.services;
    const services = this.linted.services.map((s) => merged.get(s.name)).filter((s): s is ComposeService => !!s);
    const isOverride = this.linted.isOverride;
    const verdicts = new Map<ComposeService, boolean>();
    const judged = (svc: ComposeService): boolean => {
      let v = verdicts.get(svc);
      if (v === undefined) {
        const first = svc.definitions.find((d) => !d.inherited);
        // A file whose services name no image or build is an override file, unless the service
        // overrides an included one: then its base is known and merged here.
        const includedBase = svc.definitions.some((d) => d.inherited?.kind === 'include');
        v = (!isOverride || includedBase) && !loaded.incomplete.has(svc.name) && !!first && first.file === undefined;
        verdicts.set(svc, v);
      }
      return v;
    };
    const view = new ProjectView(this.linted, base.env, { services, envs: this.envs, judged });
    view.project = { files, source, dir, services: [...merged.values()], problems: this.problems };
    return view;
  }

  /** The compose files Compose merges for this file, in order. */
  private fileSet(dir: string, env: EnvVars): { files: string[]; source: ComposeProject['source'] } {
    const path = this.path;
    const composeFile = env.get('COMPOSE_FILE');
    if (typeof composeFile === 'string' && composeFile.trim() !== '') {
      const sepVar = env.get('COMPOSE_PATH_SEPARATOR');
      const sep = typeof sepVar === 'string' && sepVar !== '' ? sepVar : composeFile.includes(';') ? ';' : ':';
      const files = composeFile
        .split(sep)
        .map((f) => f.trim())
        .filter((f) => f !== '')
        .map((f) => resolvePath(dir, f))
        .slice(0, MAX_FILES);
      if (files.includes(path)) return { files, source: 'COMPOSE_FILE' };
      if (this.linted.isOverride && files.length > 0) return { files: [files[0]!, path], source: 'COMPOSE_FILE' };
      return { files: [path], source: 'alone' };
    }
    if (env.has('COMPOSE_FILE')) return { files: [path], source: 'alone' }; // set to something Rampart cannot see
    const winner = DEFAULT_FILE_NAMES.map((n) => `${dir}/${n}`).find((p) => p === path || this.exists(p));
    const override = DEFAULT_OVERRIDE_NAMES.map((n) => `${dir}/${n}`).find((p) => p === path || this.exists(p));
    if (winner === path) return { files: override ? [path, override] : [path], source: 'default' };
    if (winner && override === path) return { files: [winner, path], source: 'default' };
    if (winner && this.linted.isOverride) return { files: [winner, path], source: 'override' };
    return { files: [path], source: 'alone' };
  }

  /** Loads compose files in order (later ones override earlier ones), with their includes and extends. */
  private loadFiles(files: string[], dir: string, env: EnvVars, rootEnv: EnvVars, depth: number, chain: string[], rootItem?: Range): Loaded {
    const services = new Map<string, ComposeService>();
    const incomplete = new Set<string>();
    const add = (name: string, defs: ServiceDefinition[]) => {
      let s = services.get(name);
      if (!s) {
        s = new ComposeService(name);
        services.set(name, s);
      }
      s.definitions.push(...defs);
    };
    for (const file of files) {
      const m = this.model(file, env, rootEnv);
      if (!m) continue;
      const included = depth < MAX_DEPTH ? this.includes(m, file, dir, env, rootEnv, depth, [...chain, file], rootItem) : undefined;
      const own = new Set(m.services.map((s) => s.name));
      if (included) {
        for (const name of included.incomplete) incomplete.add(name);
        // Included services the file does not redefine join the project as they are.
        for (const [name, s] of included.services) if (!own.has(name)) add(name, s.definitions);
      }
      for (const svc of m.services) {
        const base = included?.services.get(svc.name);
        if (base) add(svc.name, base.definitions.map((d) => (d.inherited ? d : { ...d, inherited: included!.sites.get(svc.name) })));
        const r = this.withExtends(m, file, svc, dir, env, rootEnv, [`${file}#${svc.name}`]);
        if (!r.complete) incomplete.add(svc.name);
        add(svc.name, r.defs);
      }
    }
    return { services, incomplete };
  }

  /** A service's definitions in one file, preceded by its `extends` bases (recursively). */
  private withExtends(
    m: ComposeModel,
    file: string,
    svc: ComposeService,
    dir: string,
    env: EnvVars,
    rootEnv: EnvVars,
    chain: string[],
  ): { defs: ServiceDefinition[]; complete: boolean } {
    const fileTag = this.fileOf(file);
    const own = svc.definitions.map((d) => ({ ...d, file: fileTag, dir }));
    const e = svc.get('extends');
    if (!e) return { defs: own, complete: true };
    let name: string | undefined;
    let extFile: string | undefined;
    let fileEntry: CEntry | undefined;
    if (e.value.kind === 'map') {
      name = text(e.value.byKey.get('service')?.value, env);
      fileEntry = e.value.byKey.get('file');
      if (fileEntry) extFile = text(fileEntry.value, env);
    } else name = text(e.value, env);
    const fail = (message: string, range: Range = e.keyRange) => {
      this.problems.push({ range, file: fileTag, message });
      return { defs: own, complete: false };
    };
    const serviceRange = (e.value.kind === 'map' ? e.value.byKey.get('service')?.value : e.value)?.range ?? e.keyRange;
    if (name === undefined || (fileEntry && extFile === undefined)) return { defs: own, complete: false }; // a variable Rampart cannot read
    let baseModel: ComposeModel | undefined = m;
    let basePath = file;
    let baseDir = dir;
    if (extFile !== undefined) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(extFile) || extFile.startsWith('oci:')) return { defs: own, complete: false }; // remote resource
      basePath = resolvePath(dir, extFile);
      baseDir = dirname(basePath);
      baseModel = this.model(basePath, env, rootEnv);
      if (!baseModel) {
        // A file that exists but was not read (too many files) leaves the service unjudged, silently.
        if (this.read(basePath) !== undefined || this.exists(basePath)) return { defs: own, complete: false };
        return fail(`Service "${svc.name}" extends "${name}" from ${extFile}, which does not exist: Compose refuses to load the project.`, fileEntry?.value.range);
      }
    }
    const baseSvc = baseModel.service(name);
    if (!baseSvc) return fail(`Service "${svc.name}" extends "${name}", which ${extFile ?? 'this file'} does not define: Compose refuses to load the project.`, serviceRange);
    const key = `${basePath}#${name}`;
    if (chain.includes(key)) return fail(`Service "${svc.name}" extends "${name}" in a cycle: Compose refuses to load the project.`, serviceRange);
    if (chain.length > MAX_DEPTH) return { defs: own, complete: false };
    const sub = this.withExtends(baseModel, basePath, baseSvc, baseDir, env, rootEnv, [...chain, key]);
    const site = { range: e.keyRange, file: fileTag };
    const inherited = sub.defs.map((d): ServiceDefinition => {
      const from: InheritedFrom = d.inherited?.kind === 'extends' ? { ...d.inherited, sites: [site, ...d.inherited.sites] } : d.inherited ?? { kind: 'extends', service: name!, sites: [site] };
      return { ...d, inherited: from };
    });
    return { defs: [...inherited, ...own], complete: sub.complete };
  }

  /** The services of a file's `include:` entries, merged, with the include item of each. */
  private includes(
    m: ComposeModel,
    file: string,
    dir: string,
    env: EnvVars,
    rootEnv: EnvVars,
    depth: number,
    chain: string[],
    rootItem?: Range,
  ): (Loaded & { sites: Map<string, InheritedFrom> }) | undefined {
    const items: Array<{ node: CNode }> = [];
    for (const d of m.documents) {
      const inc = d.root?.kind === 'map' ? d.root.byKey.get('include') : undefined;
      if (inc?.value.kind === 'seq') for (const it of inc.value.items) items.push({ node: it.value });
    }
    if (items.length === 0) return undefined;
    const services = new Map<string, ComposeService>();
    const incomplete = new Set<string>();
    const sites = new Map<string, InheritedFrom>();
    const fileTag = this.fileOf(file);
    for (const { node } of items) {
      let paths: string[] = [];
      let projectDir: string | undefined;
      let envFiles: string[] | undefined;
      let unknown = false;
      const strings = (n: CNode | undefined): string[] | undefined => {
        if (!n) return undefined;
        if (n.kind === 'seq') {
          const out = n.items.map((it) => text(it.value, env));
          if (out.some((x) => x === undefined)) unknown = true;
          return out.filter((x): x is string => x !== undefined);
        }
        const t = text(n, env);
        if (t === undefined) unknown = true;
        return t === undefined ? [] : [t];
      };
      if (node.kind === 'map') {
        paths = strings(node.byKey.get('path')?.value) ?? [];
        const pd = node.byKey.get('project_directory');
        if (pd) {
          projectDir = text(pd.value, env);
          if (projectDir === undefined) unknown = true;
        }
        envFiles = strings(node.byKey.get('env_file')?.value);
      } else paths = strings(node) ?? [];
      if (unknown || paths.length === 0) continue;
      if (paths.some((p) => /^[a-z][a-z0-9+.-]*:\/\//i.test(p) || p.startsWith('oci:'))) continue; // remote
      const abs = paths.map((p) => resolvePath(dir, p));
      if (chain.includes(abs[0]!)) {
        this.problems.push({ range: node.range, file: fileTag, message: `This include leads back to ${relativePath(dir, abs[0]!)}: Compose refuses an include cycle.` });
        // A cycle back to the linted file is also reported on the linted file's own include that starts it.
        if ((abs[0] === this.path || abs[0] === this.linted.path) && rootItem && fileTag !== undefined) {
          this.problems.push({ range: rootItem, message: `This include leads back to this file through ${relativePath(dirname(this.path), file)}: Compose refuses an include cycle.` });
        }
        continue;
      }
      // A file that does not exist: Compose refuses to load the project.
      const missing = abs.findIndex((p) => this.read(p) === undefined && !this.exists(p));
      if (missing >= 0) {
        const pathNode = node.kind === 'map' ? node.byKey.get('path')?.value : node;
        const at = pathNode?.kind === 'seq' ? pathNode.items[missing]?.value.range : pathNode?.range;
        this.problems.push({ range: at ?? node.range, file: fileTag, message: `The included file ${paths[missing]} does not exist: Compose refuses to load the project.` });
        continue;
      }
      const pdir = projectDir !== undefined ? resolvePath(dir, projectDir) : dirname(abs[0]!);
      // The included project interpolates with its own .env (or env_file), over the includer's variables.
      const vars = new Map(env);
      const envPaths = envFiles !== undefined ? envFiles.filter((f) => f !== '/dev/null').map((f) => resolvePath(dir, f)) : [`${pdir}/.env`];
      for (const p of envPaths) {
        const t = this.read(p);
        if (t !== undefined) for (const [k, v] of parseEnvFile(t)) vars.set(k, v);
      }
      const sub = this.loadFiles(abs, pdir, vars, rootEnv, depth + 1, chain, rootItem ?? (fileTag === undefined ? node.range : undefined));
      for (const n of sub.incomplete) incomplete.add(n);
      for (const [name, s] of sub.services) {
        let t = services.get(name);
        if (!t) {
          t = new ComposeService(name);
          services.set(name, t);
          sites.set(name, { kind: 'include', service: name, sites: [{ range: node.range, file: fileTag }] });
        }
        t.definitions.push(...s.definitions);
      }
    }
    return { services, incomplete, sites };
  }
}

/** A scalar's text after interpolation; undefined when it is not a scalar or a variable is unknown. */
function text(n: CNode | undefined, env: EnvVars): string | undefined {
  const raw = scalarText(n);
  if (raw === undefined) return undefined;
  return interpolate(raw, env).value;
}

// ---------------------------------------------------------------------------------------------
// The Dockerfile a service builds

/** What Rampart knows about the image a service runs. */
export type ServiceImage =
  /** No `build`: the service runs a published image Rampart cannot look into. */
  | { kind: 'image' }
  /** A build Rampart cannot follow: remote context, a variable with no value, a missing file, an unknown target. */
  | { kind: 'unknown'; reason: string }
  | ServiceDockerfile;

export interface ServiceDockerfile {
  kind: 'dockerfile';
  /** Absolute path of the Dockerfile; undefined for `dockerfile_inline`. */
  path?: string;
  /** The `dockerfile_inline` value, when the Dockerfile is written in the compose file. */
  inline?: Value;
  /** Absolute path of the build context. */
  context: string;
  model: DockerfileModel;
  /** The stage the image is built from: `build.target`, else the final stage. */
  stage: DockerStage;
  /** `build.target` as Compose reads it. */
  target?: string;
  build: BuildSpec;
}

const REMOTE_CONTEXT = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/i;

/**
 * The Dockerfile a service builds, read through `ctx.workspace`: `build.context` (relative to the
 * folder of the definition that writes it) and `build.dockerfile` (relative to the context,
 * default `Dockerfile`), or `dockerfile_inline`; `build.target` picks the stage.
 */
/** Where a service's Dockerfile is, before it is read: its path (or inline text) and build context. */
export type DockerfileLocation =
  | { kind: 'image' }
  | { kind: 'unknown'; reason: string }
  | { kind: 'file'; path: string; context: string; target?: Value; build: BuildSpec }
  | { kind: 'inline'; inline: Value & { text: string }; context: string; target?: Value; build: BuildSpec };

/** The Dockerfile a service builds, located (not read): `build.context`, `build.dockerfile` or `dockerfile_inline`. */
export function dockerfileLocation(svc: ServiceView, ctx: RuleContext): DockerfileLocation {
  const build = svc.build;
  if (!build) return { kind: 'image' };
  const target = build.target;
  if (target && target.text === undefined) return { kind: 'unknown', reason: 'build.target has no known value' };
  const inline = build.dockerfileInline;
  const fallbackDir = (v: Value | undefined) => v?.layer?.dir ?? build.layer?.dir ?? dirname(ctx.path || svc.view.model.path);
  let context = '.';
  if (build.context) {
    if (build.context.text === undefined) return { kind: 'unknown', reason: 'build.context has no known value' };
    context = build.context.text.trim() || '.';
  }
  if (REMOTE_CONTEXT.test(context) || /\.git(?:#|$)/.test(context)) return { kind: 'unknown', reason: 'the build context is remote' };
  const contextPath = resolvePath(fallbackDir(build.context), context);
  if (inline) {
    if (inline.text === undefined) return { kind: 'unknown', reason: 'dockerfile_inline has no known value' };
    return { kind: 'inline', inline: inline as Value & { text: string }, context: contextPath, target, build };
  }
  let name = 'Dockerfile';
  if (build.dockerfile) {
    if (build.dockerfile.text === undefined) return { kind: 'unknown', reason: 'build.dockerfile has no known value' };
    name = build.dockerfile.text.trim() || 'Dockerfile';
  }
  return { kind: 'file', path: resolvePath(contextPath, name), context: contextPath, target, build };
}

export function serviceDockerfile(svc: ServiceView, ctx: RuleContext): ServiceImage {
  const loc = dockerfileLocation(svc, ctx);
  if (loc.kind === 'image' || loc.kind === 'unknown') return loc;
  const { target, build, context: contextPath } = loc;
  const pick = (model: DockerfileModel) => targetStage(model, target?.text);
  if (loc.kind === 'inline') {
    const inline = loc.inline;
    const model = dockerfileModelOf(`inline:${inline.text}`, inline.text);
    const stage = pick(model);
    if (!stage) return { kind: 'unknown', reason: target ? `no stage is named "${target.text}"` : 'the Dockerfile has no FROM' };
    return { kind: 'dockerfile', inline, context: contextPath, model, stage, target: target?.text, build };
  }
  const path = loc.path;
  const text = ctx.workspace.readFile(path);
  if (text === undefined) return { kind: 'unknown', reason: `${path} cannot be read` };
  const model = dockerfileModelOf(path, text.replace(/^\uFEFF/, ''));
  const stage = pick(model);
  if (!stage) return { kind: 'unknown', reason: target ? `no stage is named "${target.text}"` : 'the Dockerfile has no FROM' };
  return { kind: 'dockerfile', path, context: contextPath, model, stage, target: target?.text, build };
}

/** A path relative to a folder, for messages (`docker/app.build` rather than an absolute path). */
export function relativePath(from: string, to: string): string {
  const a = from.split('/').filter((s) => s !== '');
  const b = to.split('/').filter((s) => s !== '');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === 0 && to.startsWith('/') !== from.startsWith('/')) return to;
  const up = a.slice(i).map(() => '..');
  const rel = [...up, ...b.slice(i)].join('/');
  return rel === '' ? '.' : rel;
}

/**
 * The Dockerfiles this file's services build in the workspace, with their build context: the
 * raw material for a cross-file detection hint (a Dockerfile with any name, `docker/app.build`,
 * is a Dockerfile because a compose file says so; its `.dockerignore` is in that context).
 */
export function builtDockerfiles(model: ComposeModel, ctx: RuleContext): Array<{ path: string; context: string; service: string; target?: string }> {
  // (Reads and parses each Dockerfile; `builtDockerfileFiles` only locates them.)
  const out: Array<{ path: string; context: string; service: string; target?: string }> = [];
  for (const svc of projectView(model, ctx).services) {
    const df = serviceDockerfile(svc, ctx);
    if (df.kind === 'dockerfile' && df.path) out.push({ path: df.path, context: df.context, service: svc.name, target: df.target });
  }
  return out;
}

/**
 * The Dockerfiles this file's services build that exist in the workspace, located without being
 * read, each once (the first service's build context wins): the compose plugin's `relatedFiles`.
 */
export function builtDockerfileFiles(model: ComposeModel, ctx: RuleContext): Array<{ path: string; context: string; services: string[] }> {
  const out: Array<{ path: string; context: string; services: string[] }> = [];
  for (const svc of projectView(model, ctx).services) {
    const loc = dockerfileLocation(svc, ctx);
    if (loc.kind !== 'file') continue;
    const known = out.find((o) => o.path === loc.path);
    if (known) known.services.push(svc.name);
    else if (ctx.workspace.exists(loc.path)) out.push({ path: loc.path, context: loc.context, services: [svc.name] });
  }
  return out;
}

/**
 * Compose files that may build a file at `path`: the default names (and override names) in its
 * folder and the `depth` folders above it, nearest first, that exist.
 */
export function composeFilesNear(path: string, exists: (p: string) => boolean, depth = 4): string[] {
  const out: string[] = [];
  let dir = dirname(path);
  for (let i = 0; i <= depth; i++) {
    for (const n of [...DEFAULT_FILE_NAMES, ...DEFAULT_OVERRIDE_NAMES]) {
      const p = dir.endsWith('/') ? `${dir}${n}` : `${dir}/${n}`;
      if (p !== path && exists(p)) out.push(p);
    }
    const up = dirname(dir);
    if (up === dir || up === '.') break;
    dir = up;
  }
  return out;
}
