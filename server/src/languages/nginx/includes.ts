// `include` as nginx does it, in the workspace. Every nginx rule that reads another file goes
// through here.
//
// - Relative paths resolve against the main configuration's folder (nginx's prefix), never the
//   including fragment's folder: `include snippets/ssl.conf;` in conf.d/site.conf names
//   <prefix>/snippets/ssl.conf. Absolute paths under nginx's usual homes (`/etc/nginx/`,
//   `/usr/local/nginx/conf/`, OpenResty's, Homebrew's) map onto that folder; other absolute
//   paths are taken as they are.
// - Only files inside the workspace are read (its roots, else the git work tree around the linted
//   file, else the linted file's prefix folder): an include naming `../outside.conf` or
//   `/tmp/x.conf` reads as unreadable ("unknown"), and the includer search does not look above it.
// - Globs (`*`, `?`, `[…]`, per path segment, no dot files) are expanded through the workspace,
//   sorted like glob(3). A glob that matches nothing in the workspace is "unknown", not "empty":
//   its files may be generated at deploy time (the official image renders templates/ into
//   conf.d/ when the container starts).
// - A fragment's includer: nginx.conf in the fragment's folder or up to three folders above,
//   or in an `nginx/` folder beside one of them, whose includes (followed a few levels deep)
//   name the fragment. A Docker template `templates/x.conf.template` counts as the `conf.d/x.conf`
//   the image renders from it. The includer fixes the fragment's prefix and the context its top
//   level runs in (`http`, `server`, …, and the http/stream/mail family); without one, the first
//   block implies the context (a file of `server` blocks sits in http, stream or mail) and the
//   prefix is the fragment's folder, or its parent for conf.d/, sites-enabled/ and the like.
// - Files are parsed once per lint (the resolver lives as long as the rule context), and across
//   lints while their text is unchanged; nothing here touches the disk except through the view.
import { cacheCapacity } from '../../engine/cache-budget';
import { RecentCache } from '../../engine/recent-cache';
import picomatch from 'picomatch';
import type { RuleContext, WorkspaceView } from '../../engine/types';
import { posixNormalize } from '../../engine/posix-path';
import { isWithin, workspaceBounds } from '../../engine/workspace-bounds';
import type { NginxBlock, NginxDirective, NginxModel } from './model';
import { buildNginx } from './parse';
import { CHECKED_CONTEXTS, type Family } from './reference/index';

/** Files nginx ships; they never hold limits, access rules, headers or TLS settings. */
export const STOCK_INCLUDES = /(^|\/)(mime\.types|fastcgi_params|fastcgi\.conf|scgi_params|uwsgi_params|proxy_params|koi-utf|koi-win|win-utf)$/;

/** Where nginx builds keep their configuration: absolute includes under these map onto the prefix. */
export const CONF_HOMES = ['/etc/nginx/', '/usr/local/nginx/conf/', '/usr/local/etc/nginx/', '/usr/local/openresty/nginx/conf/', '/opt/homebrew/etc/nginx/'];

/** Folders that hold fragments, one level below the prefix. */
const FRAGMENT_FOLDERS = new Set(['conf.d', 'sites-enabled', 'sites-available', 'snippets', 'templates', 'vhosts.d', 'http.d', 'stream.d', 'vhosts', 'servers', 'includes', 'locations']);

/** Folders above a fragment searched for its nginx.conf. */
const INCLUDER_LEVELS = 3;
/** Nested include levels followed. */
const MAX_DEPTH = 4;
/** Other files an include on the way to a fragment reads that are spliced into its level, at most (see IncludeResolver.peers). */
const MAX_PEERS = 16;
/** Include paths (file visits) the includer search follows, at most. */
const MAX_FRAMES = 1000;
/** Files one lint reads through includes, at most. */
const MAX_FILES = 300;
/** Glob matches followed per include, at most. */
const MAX_MATCHES = 500;

export interface IncludedFile {
  path: string;
  model: NginxModel;
}

export interface ResolvedInclude {
  /** What the include names, as a workspace path (globs kept); undefined for an empty argument. */
  pattern?: string;
  /** The workspace files it reads, in nginx's order. */
  files: IncludedFile[];
  /** False when nginx may read something Rampart cannot see (unreadable path, unlistable or empty glob). */
  complete: boolean;
  /** A stock file (mime.types, fastcgi_params, …): skipped, complete. */
  stock: boolean;
  glob: boolean;
}

export interface FileContext {
  /** `main` for a full configuration; `includer` when a main config including the file was found; `inferred` from its first block; `unknown`. */
  source: 'main' | 'includer' | 'inferred' | 'unknown';
  /** Contexts (nginx reference names) the top level may run in; empty when unknown. */
  contexts: readonly string[];
  /** Module family at the top level, when one is known (an includer inside `stream {}`). */
  family?: Family;
  /** nginx's prefix: the main config's folder. */
  prefix: string;
  /** The main config that includes the file, and the include that names it (in whichever file holds it). */
  includer?: { main: string; file: string; line: number };
  /**
   * The includer's levels around each include site that names the file (one chain per site,
   * in the order found): what the fragment's outer levels hold, so rules can judge inherited
   * directives (add_header, limit_req, allow/deny, …) as nginx does. Absent without an includer.
   */
  outer?: readonly OuterChain[];
  /** The includer search stopped early (too many include paths): other sites may pass down something else. */
  partial?: boolean;
}

/** A directive on an includer's level, and the file it is written in (for related locations). */
export interface OuterDirective {
  directive: NginxDirective;
  file: string;
}

/** One level of the includer around an include site. */
export interface OuterLevel {
  /** The block of the includer (or of a file included on the way) the level is; its kind and owner say which. */
  block: NginxBlock;
  /** The file that holds `block`. */
  file: string;
  /** The level's directives, with the top-level directives of the files its includes read spliced in. */
  directives: OuterDirective[];
  /** An include on this level could not be read (or nests too deep): it may declare more. */
  unknown: boolean;
}

/**
 * The includer's levels around one include site, innermost first. The first is the level the
 * fragment's top level joins: nginx splices an included file into the block of the `include`, so
 * the fragment's top-level directives and that block's own are one level.
 */
export type OuterChain = readonly OuterLevel[];

/**
 * The chain the fragment inherits the named directives through, when every include site agrees
 * on them; `differs` when sites disagree (rules then treat the outer levels as unknown rather
 * than report what holds at one site only); undefined without a known includer.
 */
export function agreedChain(file: FileContext, names: readonly string[]): OuterChain | 'differs' | undefined {
  const chains = file.outer;
  if (!chains || chains.length === 0) return undefined;
  if (file.partial) return 'differs';
  const first = chains[0]!;
  if (chains.length === 1) return first;
  const sig = chainSignature(first, names);
  return chains.every((c) => chainSignature(c, names) === sig) ? first : 'differs';
}

/**
 * What a chain says about some directive names: per level that holds one of them or is unknown,
 * the directives as written. Two chains with the same signature give the same inherited set.
 */
function chainSignature(chain: OuterChain, names: readonly string[]): string {
  const parts: string[] = [];
  for (const l of chain) {
    const ds = l.directives.filter((o) => names.includes(o.directive.name)).map((o) => `${o.directive.name} ${o.directive.args.map((a) => a.value).join(' ')}`);
    if (ds.length > 0 || l.unknown) parts.push(`${l.unknown ? '?' : ''}${ds.join(';')}`);
  }
  return parts.join('|');
}

export interface BlockContext {
  contexts: readonly string[];
  family?: Family;
}

// --- paths ----------------------------------------------------------------------------------

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i);
}

export function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Joins and removes `.`, `..` and doubled slashes (absolute paths stay absolute). */
export function normalizePath(p: string): string {
  // posixNormalize writes an empty relative path as `.`; include patterns want it empty.
  const n = posixNormalize(p);
  return n === '.' ? '' : n;
}

/** A path as messages show it: relative to nginx's prefix when it is under it (`conf.d/a.conf`), else as it is. */
export function prefixRelative(prefix: string, path: string): string {
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length + 1) : path;
}

const GLOB_CHARS = /[*?[]/;

export function isGlob(p: string): boolean {
  return GLOB_CHARS.test(p);
}

/** An include argument as a workspace path, given nginx's prefix. */
export function mapIncludeTarget(target: string, prefix: string): string {
  for (const home of CONF_HOMES) if (target.startsWith(home)) return normalizePath(`${prefix}/${target.slice(home.length)}`);
  if (target.startsWith('/') || /^[A-Za-z]:\//.test(target)) return normalizePath(target);
  return normalizePath(`${prefix}/${target}`);
}

/** The part of a path before its first wildcard segment (the path itself when it has none). */
function globBase(pattern: string): string {
  const parts = pattern.split('/');
  const first = parts.findIndex((p) => isGlob(p));
  return first < 0 ? pattern : parts.slice(0, first).join('/') || '/';
}

/** The prefix of a fragment nobody is known to include: its folder, or the parent of conf.d/ and the like. */
export function fallbackPrefix(path: string): string {
  const dir = dirname(path);
  return FRAGMENT_FOLDERS.has(basename(dir)) ? dirname(dir) : dir;
}

const segmentMatchers = new Map<string, (name: string) => boolean>();

const NAME_MAX = 255;
const NOTHING = (): boolean => false;

function safeMatcher(glob: string): (name: string) => boolean {
  try {
    return picomatch(glob, { dot: false, nobrace: true, noextglob: true, noglobstar: true });
  } catch {
    return NOTHING; // a pattern picomatch cannot compile matches no file
  }
}

/** A glob(3) matcher for one path segment (no `/`; `*` does not match a leading dot). */
function segmentMatcher(glob: string): (name: string) => boolean {
  let m = segmentMatchers.get(glob);
  if (!m) {
    // A file name has at most 255 bytes (NAME_MAX): a longer segment names nothing, and picomatch
    // would build a regular expression too large for V8 from it (a SyntaxError; found by the fuzzer).
    m = glob.length > NAME_MAX ? NOTHING : safeMatcher(glob);
    if (segmentMatchers.size > 500) segmentMatchers.clear();
    segmentMatchers.set(glob, m);
  }
  return m;
}

/** Whether a path is one an include pattern names (segment by segment, like glob(3)). */
export function patternMatches(pattern: string, path: string): boolean {
  if (!isGlob(pattern)) return pattern === path;
  const ps = pattern.split('/');
  const xs = path.split('/');
  if (ps.length !== xs.length) return false;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i]!;
    if (isGlob(p) ? !segmentMatcher(p)(xs[i]!) : p !== xs[i]) return false;
  }
  return true;
}

/**
 * A folder's matches for one glob segment, by the listing they came from: the paths `${base}/name`,
 * sorted. A workspace view hands out the same listing until the folder changes (FsWorkspace
 * caches it, and a watcher's change makes a new one), so every fragment of a large conf.d/ that
 * expands `conf.d/*.conf` matches its names once, not once per fragment (quadratic over a folder:
 * 4,000 sites took 7 s, most of it here). A view that lists anew each time only misses the cache.
 */
const segmentMatches = new WeakMap<readonly string[], Map<string, readonly string[]>>();

function matchesIn(names: readonly string[], base: string, part: string): readonly string[] {
  let byPart = segmentMatches.get(names);
  if (!byPart) segmentMatches.set(names, (byPart = new Map()));
  const key = `${base}\0${part}`;
  let out = byPart.get(key);
  if (!out) {
    const match = segmentMatcher(part);
    const found: string[] = [];
    for (const entry of names) {
      // Folders are listed with a trailing `/`.
      const n = entry.endsWith('/') ? entry.slice(0, -1) : entry;
      if (match(n)) found.push(`${base}/${n}`);
    }
    out = found.sort();
    byPart.set(key, out);
  }
  return out;
}

/** The files a glob names in the workspace, sorted; undefined when the view cannot list folders. */
export function expandGlob(ctx: Pick<RuleContext, 'workspace'>, pattern: string): readonly string[] | undefined {
  const ws = ctx.workspace;
  if (!ws.list) return undefined;
  const parts = pattern.split('/');
  let bases: readonly string[] = [parts[0]!];
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i]!;
    if (!isGlob(part)) {
      bases = bases.map((b) => `${b}/${part}`);
      continue;
    }
    const next: Array<readonly string[]> = [];
    for (const b of bases) {
      // The root of a POSIX path, or of a Windows drive (`C:` lists `C:/`).
      const names = ws.list(b === '' ? '/' : /^[A-Za-z]:$/.test(b) ? `${b}/` : b);
      if (names) next.push(matchesIn(names, b, part));
    }
    bases = next.length === 1 ? next[0]! : next.flat().sort();
    if (bases.length > MAX_MATCHES) bases = bases.slice(0, MAX_MATCHES);
  }
  return bases;
}

/** Whether an include pattern names `target`, or the file the image renders from it (`renderedPath`, see renderedTemplate). */
function namesTarget(pattern: string, target: string, renderedPath: string | undefined): boolean {
  return patternMatches(pattern, target) || (renderedPath !== undefined && patternMatches(pattern, renderedPath));
}

/** `templates/x.conf.template` → the `conf.d/x.conf` the official image renders from it (relative), if it is one. */
function renderedTemplate(path: string): string | undefined {
  if (!path.endsWith('.template')) return undefined;
  const at = path.lastIndexOf('/templates/');
  if (at < 0) return undefined;
  return `conf.d/${path.slice(at + '/templates/'.length, -'.template'.length)}`;
}

// --- parsing, shared across lints while the text is the same -------------------------------

/** At most this many files, and this much text (a model takes several times its text in memory). */
const PARSED_CAPACITY = 256;
const PARSED_TEXT_BUDGET = 4 * 1024 * 1024;
// A RecentCache, not a Map used as an LRU: see engine/recent-cache.ts.
const parsedFiles = new RecentCache<{ text: string; model: NginxModel }>(() => cacheCapacity(PARSED_CAPACITY));
let parsedText = 0;

function parseWorkspaceFile(path: string, text: string): NginxModel {
  const hit = parsedFiles.get(path);
  if (hit && hit.text === text) {
    parsedFiles.touch(path);
    return hit.model;
  }
  const model = buildNginx(text).model;
  if (hit) {
    parsedFiles.delete(path);
    parsedText -= hit.text.length;
  }
  for (const dropped of parsedFiles.set(path, { text, model })) parsedText -= dropped.text.length;
  parsedText += text.length;
  while (parsedText > PARSED_TEXT_BUDGET && parsedFiles.size > 1) parsedText -= parsedFiles.evictOldest()!.text.length;
  return model;
}

// --- contexts -------------------------------------------------------------------------------

/** Directives that only exist in the main context: a file with them is a full configuration. */
const PROTOCOL_BLOCKS = new Set(['http', 'events', 'stream', 'mail']);

/**
 * The contexts a fragment's top level may run in, from its first block (or telling directives):
 * `server` blocks sit in http, stream or mail; `location` and `if` in a server or a location;
 * `listen` and `server_name` in a server. Empty when nothing tells.
 */
export function inferContexts(model: NginxModel): string[] {
  const top = model.root.children;
  if (!model.fragment || top.some((d) => d.block && PROTOCOL_BLOCKS.has(d.name))) return ['main'];
  for (const d of top) {
    if (!d.block) continue;
    switch (d.name) {
      case 'server':
        return ['http', 'stream', 'mail'];
      case 'upstream':
      case 'map':
      case 'geo':
      case 'split_clients':
      case 'match':
        return ['http', 'stream'];
      case 'location':
      case 'if':
        return ['server', 'location'];
      case 'limit_except':
        return ['location'];
    }
  }
  for (const d of top) {
    if (d.name === 'listen' || d.name === 'server_name') return ['server'];
    if (['limit_req_zone', 'proxy_cache_path', 'fastcgi_cache_path'].includes(d.name)) return ['http'];
  }
  return [];
}

/** Where a block's directives run, given the contexts and family of its file's top level. */
function childContext(b: NginxBlock, parent: BlockContext): BlockContext {
  const owner = b.owner!;
  const family: Family | undefined = b.kind === 'http' || b.kind === 'stream' || b.kind === 'mail' ? b.kind : parent.family;
  switch (b.kind) {
    case 'http':
    case 'events':
    case 'server':
    case 'location':
    case 'limit_except':
    case 'upstream':
    case 'stream':
    case 'mail':
      return { contexts: [b.kind], family };
    case 'if': {
      // The reference writes `if` for the rewrite module's directives, which work in every
      // `if` (in a server or a location), and `if in location` for those that only work there.
      const out: string[] = [];
      if (parent.contexts.includes('location')) out.push('if in location');
      if (parent.contexts.includes('server') || parent.contexts.includes('location')) out.push('if');
      return { contexts: out, family };
    }
    case 'other':
      return { contexts: CHECKED_CONTEXTS.has(owner.name) ? [owner.name] : [], family };
    default:
      // Hash entries, Lua code, third-party blocks: not nginx directives Rampart can place.
      return { contexts: [], family };
  }
}

/** Every `include` of a file, those inside map/geo/types bodies too (they include entry lists). */
function includeDirectives(model: NginxModel): NginxDirective[] {
  // On the model, not in a WeakMap keyed by it (see NginxModel.perRun).
  return model.memo('includeDirectives', () => {
    const out: NginxDirective[] = [];
    // Pre-order, so the first include in the file comes first.
    const stack: NginxDirective[] = [...model.root.children].reverse();
    while (stack.length > 0) {
      const d = stack.pop()!;
      if (d.name === 'include') out.push(d);
      if (d.block && d.block.kind !== 'lua') for (let i = d.block.children.length - 1; i >= 0; i--) stack.push(d.block.children[i]!);
    }
    return out;
  });
}

// --- the resolver ---------------------------------------------------------------------------

export class IncludeResolver {
  private readonly resolved = new Map<NginxDirective, ResolvedInclude>();
  private readonly models = new Map<string, NginxModel | null>();
  private readonly blockContexts = new Map<NginxBlock, BlockContext>();
  private file?: FileContext;
  private reads = 0;
  private bounds?: readonly string[];

  constructor(
    private readonly ctx: RuleContext,
    readonly model: NginxModel,
  ) {}

  /** Whether a path lies in the workspace, where includes may be read (see the header). */
  private inWorkspace(path: string): boolean {
    this.bounds ??= workspaceBounds(this.ctx.path, this.ctx.workspace) ?? [fallbackPrefix(this.ctx.path)];
    return this.bounds.some((b) => isWithin(path, b));
  }

  /** The model of a workspace file (the linted one included), or undefined when it cannot be read or lies outside the workspace. */
  read(path: string): NginxModel | undefined {
    if (path === this.ctx.path) return this.model;
    let m = this.models.get(path);
    if (m === undefined) {
      if (this.reads >= MAX_FILES || STOCK_INCLUDES.test(path) || !this.inWorkspace(path)) m = null;
      else {
        this.reads++;
        const text = this.ctx.workspace.readFile(path);
        m = text === undefined ? null : parseWorkspaceFile(path, text);
      }
      this.models.set(path, m);
    }
    return m ?? undefined;
  }

  /** The linted file's path. */
  get path(): string {
    return this.ctx.path;
  }

  /**
   * Whether `d`, an include of the linted fragment's includer, is a glob that reads the fragment
   * together with more than MAX_PEERS other files. Those are not read for the includer's level
   * (see includerLevel), as peers() does not read them for the levels around the fragment.
   */
  crowdedVia(d: NginxDirective): boolean {
    const arg = d.args[0]?.value;
    if (!arg || STOCK_INCLUDES.test(arg)) return false;
    const prefix = this.context().prefix;
    const pattern = mapIncludeTarget(arg, prefix);
    if (!isGlob(pattern)) return false;
    const rendered = renderedTemplate(this.ctx.path);
    if (!namesTarget(pattern, this.ctx.path, rendered && normalizePath(`${prefix}/${rendered}`))) return false;
    const paths = expandGlob(this.ctx, pattern);
    return paths !== undefined && paths.length - 1 > MAX_PEERS;
  }

  /** Where the linted file's top level runs, and nginx's prefix for it. */
  context(): FileContext {
    if (this.file) return this.file;
    const path = this.ctx.path;
    if (!this.model.fragment) {
      this.file = { source: 'main', contexts: ['main'], prefix: dirname(path) };
      return this.file;
    }
    // Placeholder while searching, so a cycle back to this file cannot recurse.
    const contexts = inferContexts(this.model);
    this.file = { source: contexts.length > 0 ? 'inferred' : 'unknown', contexts, prefix: fallbackPrefix(path) };
    const found = this.findIncluder();
    if (found) this.file = found;
    return this.file;
  }

  /** The files an include reads. */
  resolve(d: NginxDirective): ResolvedInclude {
    let r = this.resolved.get(d);
    if (!r) {
      r = this.resolveTarget(d.args[0]?.value ?? '', this.context().prefix);
      this.resolved.set(d, r);
    }
    return r;
  }

  private readonly memos = new Map<string, Map<NginxBlock, unknown>>();

  /** A per-lint cache of facts about a block of the linted file (a scan, a level view). */
  memo<T>(kind: string, block: NginxBlock, make: () => T): T {
    let m = this.memos.get(kind);
    if (!m) this.memos.set(kind, (m = new Map()));
    if (m.has(block)) return m.get(block) as T;
    const v = make();
    m.set(block, v);
    return v;
  }

  /** Contexts and family of the directives directly inside a block of the linted file. */
  contextOf(block: NginxBlock): BlockContext {
    let c = this.blockContexts.get(block);
    if (c) return c;
    if (!block.owner || !block.parent) {
      const f = this.context();
      c = { contexts: f.contexts, family: f.family };
    } else c = childContext(block, this.contextOf(block.parent));
    this.blockContexts.set(block, c);
    return c;
  }

  private resolveTarget(target: string, prefix: string): ResolvedInclude {
    if (target === '') return { files: [], complete: true, stock: false, glob: false };
    if (STOCK_INCLUDES.test(target)) return { files: [], complete: true, stock: true, glob: false };
    const pattern = mapIncludeTarget(target, prefix);
    // A glob's matches lie below its folders before the first wildcard (`*` matches no `..`).
    if (!this.inWorkspace(globBase(pattern))) return { pattern, files: [], complete: false, stock: false, glob: isGlob(pattern) };
    if (!isGlob(pattern)) {
      const model = this.read(pattern);
      return { pattern, files: model ? [{ path: pattern, model }] : [], complete: model !== undefined, stock: false, glob: false };
    }
    const paths = expandGlob(this.ctx, pattern);
    if (!paths) return { pattern, files: [], complete: false, stock: false, glob: true };
    const files: IncludedFile[] = [];
    let complete = paths.length > 0;
    for (const p of paths) {
      if (STOCK_INCLUDES.test(p)) continue;
      const model = this.read(p);
      if (model) files.push({ path: p, model });
      else if (this.ctx.workspace.list?.(p) === undefined) complete = false; // unreadable file (folders are skipped like nginx's glob would fail on them)
    }
    return { pattern, files, complete, stock: false, glob: true };
  }

  /** The nearest main config whose includes name the linted fragment. */
  private findIncluder(): FileContext | undefined {
    const path = this.ctx.path;
    const rendered = renderedTemplate(path);
    const seen = new Set<string>();
    let dir = dirname(path);
    for (let level = 0; level <= INCLUDER_LEVELS; level++) {
      for (const candidate of [`${dir === '/' ? '' : dir}/nginx.conf`, `${dir === '/' ? '' : dir}/nginx/nginx.conf`]) {
        if (candidate === path || seen.has(candidate)) continue;
        seen.add(candidate);
        if (!this.inWorkspace(candidate) || !this.ctx.workspace.exists(candidate)) continue;
        const main = this.read(candidate);
        if (!main || main.fragment) continue;
        const found = this.sitesIncluding(main, candidate, path, rendered);
        if (found) return found;
      }
      const up = dirname(dir);
      if (up === dir || up === '.') break;
      dir = up;
    }
    return undefined;
  }

  /** Follows a main config's includes; the context(s) the target file is included in, if it is. */
  private sitesIncluding(main: NginxModel, mainPath: string, target: string, rendered: string | undefined): FileContext | undefined {
    const prefix = dirname(mainPath);
    const renderedPath = rendered ? normalizePath(`${prefix}/${rendered}`) : undefined;
    const isTarget = (p: string): boolean => p === target || p === renderedPath;
    const sites: Array<BlockContext & { file: string; line: number; chain: () => OuterChain }> = [];
    interface Frame {
      model: NginxModel;
      path: string;
      root: BlockContext;
      depth: number;
      /**
       * The files on the way here. A file is followed once per include that reads it, not once
       * overall: a snippet included in two servers leads to the fragment from both, and each
       * site's levels count (only a cycle stops the walk).
       */
      ancestors: ReadonlySet<string>;
      /** The levels around the include that reads this file (see OuterChain); built only when a site is found below it. */
      chain: () => OuterChain;
    }
    const queue: Frame[] = [{ model: main, path: mainPath, root: { contexts: ['main'] }, depth: 0, ancestors: new Set([mainPath]), chain: () => [] }];
    let frames = 0;
    let partial = false;
    while (queue.length > 0) {
      const frame = queue.shift()!;
      if (++frames > MAX_FRAMES) {
        partial = true;
        break;
      }
      const contexts = new Map<NginxBlock, BlockContext>();
      const contextOf = (b: NginxBlock): BlockContext => {
        let c = contexts.get(b);
        if (!c) {
          c = !b.owner || !b.parent ? frame.root : childContext(b, contextOf(b.parent));
          contexts.set(b, c);
        }
        return c;
      };
      for (const d of includeDirectives(frame.model)) {
        const arg = d.args[0]?.value;
        if (!arg || STOCK_INCLUDES.test(arg)) continue;
        const pattern = mapIncludeTarget(arg, prefix);
        const site = contextOf(d.parent);
        if (namesTarget(pattern, target, renderedPath)) {
          sites.push({ ...site, file: frame.path, line: d.line, chain: () => this.chainAround(frame, d, prefix, isTarget) });
          continue;
        }
        if (frame.depth >= MAX_DEPTH) continue;
        const r = this.resolveTarget(arg, prefix);
        for (const f of r.files) {
          if (frame.ancestors.has(f.path) || f.path === target) continue;
          let chain: OuterChain | undefined;
          const path = f.path;
          queue.push({
            model: f.model,
            path,
            root: site,
            depth: frame.depth + 1,
            ancestors: new Set([...frame.ancestors, path]),
            chain: () => (chain ??= this.chainAround(frame, d, prefix, (p) => p === path)),
          });
        }
      }
    }
    if (sites.length === 0) return undefined;
    const contexts = [...new Set(sites.flatMap((s) => s.contexts))];
    const families = new Set(sites.map((s) => s.family));
    const first = sites[0]!;
    let outer: OuterChain[] | undefined;
    return {
      source: 'includer',
      contexts,
      family: families.size === 1 ? first.family : undefined,
      prefix,
      includer: { main: mainPath, file: first.file, line: first.line },
      ...(partial ? { partial } : {}),
      // Built on first use: detection only asks whether an includer exists, and placing a
      // fragment only needs its contexts.
      get outer() {
        return (outer ??= sites.map((s) => s.chain()));
      },
    };
  }

  /**
   * The levels around an `include` of a file the includer search reads (`frame`), innermost
   * first, continuing into the levels around the include that reads that file. `onPath` names
   * the file(s) the include leads to on the way to the fragment: they are not spliced into the
   * level (the fragment is linted itself; an intermediate file's top level joins the level as
   * its own root).
   */
  private chainAround(frame: { path: string; chain: () => OuterChain }, via: NginxDirective, prefix: string, onPath: (p: string) => boolean): OuterChain {
    const out: OuterLevel[] = [];
    for (let b: NginxBlock | undefined = via.parent; b; b = b.parent) {
      const level = this.outerLevel(b, frame.path, prefix, via, onPath);
      if (b.parent) {
        out.push(level);
        continue;
      }
      // The file's top level is the level of the include that reads it.
      const up = frame.chain();
      const joined = up[0];
      if (!joined) out.push(level);
      else {
        out.push({ block: joined.block, file: joined.file, directives: [...joined.directives, ...level.directives], unknown: joined.unknown || level.unknown });
        out.push(...up.slice(1));
      }
    }
    return out;
  }

  /**
   * The files an include on the way to the fragment reads besides the one(s) on the path. Only
   * up to MAX_PEERS of them: every fragment of a large conf.d/ would otherwise read (and, in the
   * language server, depend on) every other one, quadratic over a workspace scan. Beyond that,
   * peers are taken for what they nearly always are, other sites' `server` blocks, and not read.
   */
  private peers(arg: string, prefix: string, onPath: (p: string) => boolean): IncludedFile[] {
    const pattern = mapIncludeTarget(arg, prefix);
    if (!isGlob(pattern) || STOCK_INCLUDES.test(arg)) return [];
    const paths = (expandGlob(this.ctx, pattern) ?? []).filter((p) => !onPath(p) && !STOCK_INCLUDES.test(p));
    if (paths.length > MAX_PEERS) return [];
    const out: IncludedFile[] = [];
    for (const path of paths) {
      const model = this.read(path);
      if (model) out.push({ path, model });
    }
    return out;
  }

  /** One includer level: its directives, with what its includes read spliced in (see OuterLevel). */
  private outerLevel(block: NginxBlock, file: string, prefix: string, via: NginxDirective, onPath: (p: string) => boolean): OuterLevel {
    const directives: OuterDirective[] = [];
    let unknown = false;
    const splice = (children: readonly NginxDirective[], path: string, depth: number, seen: ReadonlySet<string>): void => {
      for (const c of children) {
        if (c.name !== 'include') {
          directives.push({ directive: c, file: path });
          continue;
        }
        const arg = c.args[0]?.value;
        if (!arg) continue;
        if (c === via) {
          // The include on the way to the fragment: the other files a glob reads (its peers,
          // conf.d/headers.conf beside conf.d/site.conf) join the level too. What it cannot read
          // is not held against the level: it is typically the fragment itself, or files
          // rendered at deploy time like it (templates/ → conf.d/).
          for (const f of this.peers(arg, prefix, onPath)) if (!seen.has(f.path)) spliceFile(f, depth, seen);
          continue;
        }
        const r = this.resolveTarget(arg, prefix);
        if (!r.complete) unknown = true;
        for (const f of r.files) if (!seen.has(f.path)) spliceFile(f, depth, seen);
      }
    };
    const spliceFile = (f: IncludedFile, depth: number, seen: ReadonlySet<string>): void => {
      // The fragment itself, read again at an outer level, is another include site (found as one).
      if (f.path === this.ctx.path) return;
      if (depth >= MAX_DEPTH) {
        unknown = true;
        return;
      }
      splice(f.model.root.children, f.path, depth + 1, new Set([...seen, f.path]));
    };
    if (block.kind !== 'hash' && block.kind !== 'lua') splice(block.children, file, 0, new Set([file]));
    return { block, file, directives, unknown };
  }
}

/** A stand-in model for a file seen only by its path (detection). */
let emptyFragment: NginxModel | undefined;

/**
 * Whether a main config (nginx.conf in the file's folder, up to three above, or an nginx/ folder
 * beside those) includes the file: then it is nginx configuration, whatever its content looks
 * like (a snippet of fastcgi_param lines).
 */
export function includedByMainConfig(path: string, workspace: WorkspaceView): boolean {
  emptyFragment ??= buildNginx('').model;
  return new IncludeResolver({ path, workspace, settings: {} }, emptyFragment).context().source === 'includer';
}

/** The include resolver of one lint (one rule context and its model; kept on the model, see NginxModel.perRun). */
export function includes(ctx: RuleContext, model: NginxModel): IncludeResolver {
  return model.perRun(ctx, 'includes', () => new IncludeResolver(ctx, model));
}

// --- what rules read through includes --------------------------------------------------------

export interface LevelView {
  /** The level's own directives, with each `include`'s top-level directives spliced in its place. */
  directives: NginxDirective[];
  /** Some include could not be read (an unreadable file, an unlistable or empty glob). */
  unknown: boolean;
}

/**
 * The directives one block level holds, reading the files its `include`s name (recursively, a
 * few levels deep). Directives from other files carry that file's ranges: use them as facts,
 * never for ranges or edits.
 */
export function levelDirectives(ctx: RuleContext, model: NginxModel, block: NginxBlock): LevelView {
  if (!block.children.some((d) => d.name === 'include')) return { directives: block.children, unknown: false };
  const r = includes(ctx, model);
  return r.memo('level', block, () => level(ctx.path, r, block));
}

/**
 * The directives of a level of the linted fragment's main config (its http block, found through
 * FileContext.includer), including files it includes there: the fragment's own top level among
 * them when that is where the fragment is included.
 */
export function includerLevel(ctx: RuleContext, model: NginxModel, block: NginxBlock, mainPath: string): LevelView {
  const r = includes(ctx, model);
  return r.memo('includer-level', block, () => level(mainPath, r, block, true));
}

/**
 * A level's directives with its includes spliced in; `start` is the file holding the block (not
 * followed again). `forFragment`: the level is the linted fragment's includer's, where a glob that
 * reads the fragment with more than MAX_PEERS others (a large conf.d/) gives the fragment's own
 * top level alone and makes the level unknown: every fragment reading every other one was
 * quadratic over a folder (2,000 sites in conf.d/ took 11.6 s to lint, 47% of it collecting the
 * garbage of their parses), and what the others hold at that level (a limit_req_zone) is then
 * not known.
 */
function level(start: string, r: IncludeResolver, block: NginxBlock, forFragment = false): LevelView {
  const out: NginxDirective[] = [];
  let unknown = false;
  const visit = (list: NginxDirective[], depth: number, seen: Set<string>): void => {
    for (const d of list) {
      if (d.name !== 'include') {
        out.push(d);
        continue;
      }
      if (forFragment && r.crowdedVia(d)) {
        unknown = true;
        if (depth < MAX_DEPTH && !seen.has(r.path)) visit(r.model.root.children, depth + 1, new Set([...seen, r.path]));
        continue;
      }
      const res = r.resolve(d);
      if (!res.complete) unknown = true;
      for (const f of res.files) {
        if (depth >= MAX_DEPTH || seen.has(f.path)) {
          unknown = true;
          continue;
        }
        visit(f.model.root.children, depth + 1, new Set([...seen, f.path]));
      }
    }
  };
  visit(block.children, 0, new Set([start]));
  return { directives: out, unknown };
}

export interface Scan {
  /** Every directive inside the block (this file's own first), then those of the files its includes name (any depth). */
  directives: NginxDirective[];
  /** How many of `directives` are this file's own (their ranges are usable). */
  ownCount: number;
  /** Some include could not be read. */
  unknown: boolean;
}

/** Every directive under a block, following includes into other workspace files. */
export function scanBlock(ctx: RuleContext, model: NginxModel, block: NginxBlock): Scan {
  const r = includes(ctx, model);
  return r.memo('scan', block, () => scan(ctx, r, block));
}

function scan(ctx: RuleContext, r: IncludeResolver, block: NginxBlock): Scan {
  // One list, this file's directives first: included ones are appended after `ownCount` (no
  // copy of the own part and no set of it, which nothing read).
  const directives: NginxDirective[] = [];
  const stack = [...block.children].reverse();
  while (stack.length > 0) {
    const d = stack.pop()!;
    directives.push(d);
    if (d.block && d.block.kind !== 'hash' && d.block.kind !== 'lua') for (let i = d.block.children.length - 1; i >= 0; i--) stack.push(d.block.children[i]!);
  }
  const ownCount = directives.length;
  let unknown = false;
  const visited = new Set<string>([ctx.path]);
  /** Follows the includes among the first `count` entries of a list (the list may grow meanwhile). */
  const follow = (list: NginxDirective[], count: number, depth: number): void => {
    for (let i = 0; i < count; i++) {
      const d = list[i]!;
      if (d.name !== 'include') continue;
      const res = r.resolve(d);
      if (!res.complete) unknown = true;
      for (const f of res.files) {
        if (visited.has(f.path)) continue;
        if (depth >= MAX_DEPTH) {
          unknown = true;
          continue;
        }
        visited.add(f.path);
        const inner = f.model.directives;
        for (const x of inner) directives.push(x);
        follow(inner, inner.length, depth + 1);
      }
    }
  };
  follow(directives, ownCount, 0);
  return { directives, ownCount, unknown };
}
