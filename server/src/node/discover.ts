// Discovery of lintable files under folders: the CLI's walk and the server's workspace scan use
// this one function, so both see the same files. `.gitignore` files are honoured with the
// `ignore` package (git itself is never run); node_modules and .git are always skipped.
import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import ignore, { type Ignore } from 'ignore';
import type { FileHints, Language, RelatedFile, WorkspaceView } from '../engine/types';
import type { RampartConfig } from '../engine/config';
import { detectLanguage, isIgnoredByConfig, languageFromConfigGlobs } from '../engine/detect';
import { plugins } from '../engine/registry';
import { pluginFor, type ParseCache } from '../engine/lint';
import { relatedFilesOf } from '../engine/related';
import { stripBom } from '../engine/text';
import { FsWorkspace } from './fs-workspace';
import { trimTrailingSlashes } from '../engine/posix-path';

export interface DiscoveredFile {
  path: string;
  language: Language;
  /** What another discovered file says about this one (a compose file's build context for a Dockerfile). */
  hints?: FileHints;
}

export interface DiscoverOptions {
  /** The effective config for a folder (nearest `.rampart.yaml`). */
  configFor(path: string): RampartConfig;
  /** Files larger than this are still reported (so they can be shown as skipped). */
  maxFiles?: number;
  /** Extra exclusions (the editor's `files.exclude`), tested on the absolute path. */
  exclude?: (path: string) => boolean;
  /** Reads the head of a file for content detection. */
  sniff?: (path: string) => string;
  /** Lets plugins claim files other files name (an nginx.conf's includes, a compose file's
   * Dockerfiles); default: the disk. */
  workspace?: WorkspaceView;
  /** Parse cache to share with the lints that follow (the compose files are parsed once). */
  cache?: ParseCache;
}

/** The most files a walk returns. */
export const MAX_FILES = 100_000;
const ALWAYS_SKIP = new Set(['node_modules', '.git', '.hg', '.svn']);
const SNIFF_BYTES = 64 * 1024;

/** One buffer for every sniff: a walk reads thousands of file heads, one at a time. */
let sniffBuffer: Buffer | undefined;

/** The first 64 KiB of a file (never the whole of a large one). */
function defaultSniff(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = (sniffBuffer ??= Buffer.allocUnsafe(SNIFF_BYTES));
    const n = readSync(fd, buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** True for names any plugin may claim by content (YAML, TOML, .conf …); others are skipped unread. */
function worthSniffing(path: string): boolean {
  return plugins.some((p) => p.matchesContent !== undefined) && /\.(ya?ml|toml|conf|template|nginx)$/i.test(path);
}

/**
 * True when detectLanguage decides by the path alone: the config's `files` globs and the plugins'
 * names come before content, so a `compose.yaml` or `nginx.conf` is not read for a sniff (a
 * walk of a large tree read thousands of file heads it did not need).
 */
function decidedByName(path: string, config: RampartConfig): boolean {
  return languageFromConfigGlobs(path, config) !== undefined || plugins.some((p) => p.matchesName(path));
}

export function discover(roots: string[], options: DiscoverOptions): DiscoveredFile[] {
  const walk = new Walk(options);
  for (const root of roots) {
    if (!startWalk(walk, root)) continue;
    walk.run();
  }
  let workspace: WorkspaceView | undefined = options.workspace;
  addRelatedFiles(walk.out, walk.unclaimed, options.maxFiles ?? MAX_FILES, (f) => {
    if (!pluginFor(f.language)?.relatedFiles) return [];
    workspace ??= new FsWorkspace();
    const raw = workspace.readFile(f.path);
    return raw === undefined ? [] : relatedFilesOf(f.path, stripBom(raw).text, f.language, workspace, options.configFor(f.path), options.cache);
  });
  return walk.out;
}

/**
 * Queues a root folder on a walk (false when it is not a folder): `discover` without running the
 * walk, for a caller that runs it in slices (the CLI lints what the walk has found so far).
 */
export function startWalk(walk: Walk, root: string): boolean {
  let st;
  try {
    st = statSync(root);
  } catch {
    return false;
  }
  if (!st.isDirectory()) return false;
  const dir = root.replace(/(?<!\/)\/+$/, '') || '/';
  walk.enter(dir, ancestorGitignores(dir));
  return true;
}

/**
 * What `discover([root])` finds at or under `target` (a file or folder inside `root`), without
 * walking the rest of the root: the folders between them are checked (skipped names, .gitignore
 * files on the way, exclusions) exactly as the full walk meets them. The server uses it when a
 * watcher reports a created, changed or renamed path.
 */
export function discoverAt(root: string, target: string, options: DiscoverOptions, rules?: Map<string, GitRules | null>): DiscoveredFile[] {
  const walk = walkAt(root, target, options, rules);
  walk.run();
  return walk.out;
}

/**
 * A resumable walk of `target` inside `root` (see discoverAt): `run(deadline)` stops when the
 * clock passes the deadline and can be called again, so a long walk can share the event loop.
 * `rules` caches the ignore rules per folder across the walks of one batch of changes.
 */
export function walkAt(root: string, target: string, options: DiscoverOptions, rules: Map<string, GitRules | null> = new Map()): Walk {
  const base = trimTrailingSlashes(root) || '/';
  const path = trimTrailingSlashes(target) || '/';
  const walk = new Walk(options);
  if (path !== base && !path.startsWith(base === '/' ? '/' : `${base}/`)) return walk;
  let st;
  try {
    // The root may be a symlink (as in discover()); nothing inside it is followed.
    st = path === base ? statSync(path) : lstatSync(path);
  } catch {
    return walk;
  }
  if (!st.isDirectory() && !st.isFile()) return walk; // symlinks and sockets are not followed
  if (path === base) {
    if (st.isDirectory()) walk.enter(base, ancestorGitignores(base));
    return walk;
  }
  // The rules in force for the entries of a folder (null: the folder itself is skipped).
  const rulesIn = (dir: string): GitRules | null => {
    const known = rules.get(dir);
    if (known !== undefined) return known;
    let r: GitRules | null;
    if (dir === base) {
      const start = ancestorGitignores(base);
      r = isFile(`${base}/.gitignore`) ? withGitignore(start, base, `${base}/.gitignore`) : start;
    } else {
      const up = rulesIn(dir.slice(0, dir.lastIndexOf('/')) || '/');
      const name = dir.slice(dir.lastIndexOf('/') + 1);
      if (up === null || ALWAYS_SKIP.has(name) || isGitIgnored(dir, true, up) || options.exclude?.(dir)) r = null;
      else r = isFile(`${dir}/.gitignore`) ? withGitignore(up, dir, `${dir}/.gitignore`) : up;
    }
    rules.set(dir, r);
    return r;
  };
  const around = rulesIn(path.slice(0, path.lastIndexOf('/')) || '/');
  if (around === null) return walk;
  if (st.isDirectory()) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (!ALWAYS_SKIP.has(name) && !isGitIgnored(path, true, around) && !options.exclude?.(path)) walk.enter(path, around);
  } else {
    walk.file(path, around);
  }
  return walk;
}

/** One walk: depth-first in name order, resumable; `out` holds what it found so far. */
export class Walk {
  readonly out: DiscoveredFile[] = [];
  /** Files the walk reached (not ignored) that no language claims: a related file may be one. */
  readonly unclaimed = new Set<string>();
  private readonly seen = new Set<string>();
  private readonly max: number;
  private readonly sniff: (path: string) => string;
  private readonly stack: Array<{ dir: string; rules: GitRules; entries: import('node:fs').Dirent[]; next: number }> = [];

  constructor(private readonly options: DiscoverOptions) {
    this.max = options.maxFiles ?? MAX_FILES;
    this.sniff = options.sniff ?? defaultSniff;
  }

  /** Queues a folder whose own entries are judged with `rules` plus its .gitignore. */
  enter(dir: string, rules: GitRules): void {
    if (this.out.length >= this.max) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    // The workspace then answers "is there a compose.yaml here?" without reading the folder again.
    const ws = this.options.workspace;
    if (ws instanceof FsWorkspace) ws.seedNames(dir, entries.map((e) => e.name));
    const local = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? withGitignore(rules, dir, `${dir}/.gitignore`) : rules;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.stack.push({ dir, rules: local, entries, next: 0 });
  }

  /** Walks on until done (true) or until `deadline` (a performance.now() time) passes (false). */
  run(deadline = Infinity): boolean {
    let steps = 0;
    while (this.stack.length > 0) {
      if (this.out.length >= this.max) {
        this.stack.length = 0;
        break;
      }
      const top = this.stack[this.stack.length - 1]!;
      if (top.next >= top.entries.length) {
        this.stack.pop();
        continue;
      }
      const e = top.entries[top.next++]!;
      const path = top.dir === '/' ? `/${e.name}` : `${top.dir}/${e.name}`;
      const isDir = e.isDirectory();
      if (isDir) {
        if (ALWAYS_SKIP.has(e.name) || isGitIgnored(path, true, top.rules) || this.options.exclude?.(path)) continue;
        this.enter(path, top.rules);
      } else if (e.isFile()) {
        this.file(path, top.rules); // symlinks and sockets are not followed
      }
      if ((++steps & 31) === 0 && deadline !== Infinity && performance.now() > deadline) return this.stack.length === 0;
    }
    return true;
  }

  /** A regular file, in a folder whose ignore rules are `rules`. */
  file(path: string, rules: GitRules): void {
    if (this.out.length >= this.max) return;
    if (isGitIgnored(path, false, rules)) return;
    if (this.options.exclude?.(path)) return;
    const config = this.options.configFor(path);
    if (isIgnoredByConfig(path, config)) return;
    const lang = detectLanguage(path, worthSniffing(path) && !decidedByName(path, config) ? this.sniff(path) : '', config, this.options.workspace);
    if (lang && !this.seen.has(path)) {
      this.seen.add(path);
      this.out.push({ path, language: lang });
    } else if (!lang) this.unclaimed.add(path);
  }
}

export type GitRules = Array<{ base: string; ig: Ignore }>;

/** Adds one ignore file's patterns, relative to `base`; an unreadable file ignores nothing. */
function withGitignore(rules: GitRules, base: string, file: string): GitRules {
  try {
    return [...rules, { base, ig: ignore().add(readFileSync(file, 'utf8')) }];
  } catch {
    return rules;
  }
}

/**
 * The ignore rules in force at a walk's starting folder: when it lies inside a git work tree, the
 * `.gitignore` of every folder from the work tree's root down to (not including) the start, plus
 * `.git/info/exclude`, so `rampart lint deploy/` ignores what `git status` would.
 */
export function ancestorGitignores(start: string): GitRules {
  const chain: string[] = [];
  let dir = start;
  for (let guard = 0; guard < 200; guard++) {
    if (exists(`${dir}/.git`)) {
      let rules: GitRules = withGitignore([], dir, `${dir}/.git/info/exclude`);
      for (const d of chain.reverse()) rules = exists(`${d}/.gitignore`) ? withGitignore(rules, d, `${d}/.gitignore`) : rules;
      return rules;
    }
    const parent = dir.slice(0, dir.lastIndexOf('/')) || '/';
    if (parent === dir) break;
    dir = parent;
    chain.push(dir);
  }
  return [];
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Git's answer for a path: rules are checked from the outermost ignore file to the innermost,
 * and a deeper file's `!pattern` re-includes what an outer one excluded (a path inside an
 * excluded folder never gets here: the walk does not enter it).
 */
function isGitIgnored(path: string, isDir: boolean, rules: GitRules): boolean {
  let ignored = false;
  for (const { base, ig } of rules) {
    if (!path.startsWith(base === '/' ? '/' : base + '/')) continue;
    let rel = path.slice(base === '/' ? 1 : base.length + 1);
    if (!rel) continue;
    if (isDir) rel += '/';
    const r = ig.test(rel);
    if (r.ignored) ignored = true;
    else if (r.unignored) ignored = false;
  }
  return ignored;
}

/**
 * The files discovered files name (a compose service's `build.dockerfile: docker/app.build`):
 * one that the walk reached and nothing claimed is added with the language forced; one already
 * discovered in that language gets the hints (its build context). `relatedOf` gives what a
 * discovered file names ([] for most): discover() parses the file for it, the CLI passes what its
 * lint of the file found (so a compose file is parsed once per run).
 */
export function addRelatedFiles(out: DiscoveredFile[], unclaimed: ReadonlySet<string>, max: number, relatedOf: (f: DiscoveredFile) => RelatedFile[]): void {
  const byPath = new Map(out.map((f) => [f.path, f]));
  // Only the files of the walk: the ones added below name nothing further.
  for (const f of out.slice()) {
    for (const r of relatedOf(f)) {
      const known = byPath.get(r.path);
      if (known) {
        if (known.language === r.language && !known.hints && r.hints) known.hints = r.hints;
        continue;
      }
      // Outside the folders walked, ignored, or not a plain file: not ours to lint.
      if (!unclaimed.has(r.path) || out.length >= max) continue;
      const added: DiscoveredFile = { path: r.path, language: r.language, ...(r.hints ? { hints: r.hints } : {}) };
      out.push(added);
      byPath.set(r.path, added);
    }
  }
}
