// Discovery of lintable files under folders: the CLI's walk and the server's workspace scan use
// this one function, so both see the same files. `.gitignore` files are honoured with the
// `ignore` package (git itself is never run); node_modules and .git are always skipped.
import { readdirSync, readFileSync, statSync } from 'node:fs';
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

function defaultSniff(path: string): string {
  try {
    const buf = readFileSync(path);
    return buf.subarray(0, SNIFF_BYTES).toString('utf8');
  } catch {
    return '';
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
    let local = rules;
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try {
        const ig = ignore().add(readFileSync(`${dir}/.gitignore`, 'utf8'));
        local = [...rules, { base: dir, ig }];
      } catch {
        // An unreadable .gitignore ignores nothing.
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.length >= max) return;
      const path = `${dir}/${e.name}`;
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
    if (st.isDirectory()) visit(root.replace(/\/+$/, '') || '/', []);
  }
  return out;
}

function isGitIgnored(path: string, isDir: boolean, rules: Array<{ base: string; ig: Ignore }>): boolean {
  for (const { base, ig } of rules) {
    let rel = path.slice(base.length + 1);
    if (isDir) rel += '/';
    if (rel && ig.ignores(rel)) return true;
  }
  return false;
}
