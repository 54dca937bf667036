// Discovery of lintable files under folders: the CLI's walk and the server's workspace scan use
// this one function, so both see the same files. `.gitignore` files are honoured with the
// `ignore` package (git itself is never run); node_modules and .git are always skipped.
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import ignore, { type Ignore } from 'ignore';
import type { Language } from '../engine/types';
import type { RampartConfig } from '../engine/config';
import { detectLanguage, isIgnoredByConfig } from '../engine/detect';
import { plugins } from '../engine/registry';

export interface DiscoveredFile {
  path: string;
  language: Language;
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
}

const ALWAYS_SKIP = new Set(['node_modules', '.git', '.hg', '.svn']);
const SNIFF_BYTES = 64 * 1024;

/** The first 64 KiB of a file (never the whole of a large one). */
function defaultSniff(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(SNIFF_BYTES);
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

export function discover(roots: string[], options: DiscoverOptions): DiscoveredFile[] {
  const out: DiscoveredFile[] = [];
  const seen = new Set<string>();
  const max = options.maxFiles ?? 100_000;
  const sniff = options.sniff ?? defaultSniff;

  const visit = (dir: string, rules: Array<{ base: string; ig: Ignore }>) => {
    if (out.length >= max) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const local = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? withGitignore(rules, dir, `${dir}/.gitignore`) : rules;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.length >= max) return;
      const path = dir === '/' ? `/${e.name}` : `${dir}/${e.name}`;
      const isDir = e.isDirectory();
      if (isDir && ALWAYS_SKIP.has(e.name)) continue;
      if (!isDir && !e.isFile()) continue; // symlinks and sockets are not followed
      if (isGitIgnored(path, isDir, local)) continue;
      if (options.exclude?.(path)) continue;
      if (isDir) {
        visit(path, local);
        continue;
      }
      const config = options.configFor(path);
      if (isIgnoredByConfig(path, config)) continue;
      const lang = detectLanguage(path, worthSniffing(path) ? sniff(path) : '', config);
      if (lang && !seen.has(path)) {
        seen.add(path);
        out.push({ path, language: lang });
      }
    }
  };

  for (const root of roots) {
    let st;
    try {
      st = statSync(root);
    } catch {
      continue;
    }
    if (!st.isDirectory()) continue;
    const dir = root.replace(/(?<!\/)\/+$/, '') || '/';
    visit(dir, ancestorGitignores(dir));
  }
  return out;
}

type GitRules = Array<{ base: string; ig: Ignore }>;

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
