// Whether git would ignore a path, from the `.gitignore` files (and `.git/info/exclude`) read
// through a WorkspaceView: never by running git, never by touching the disk directly, so the
// language server sees unsaved `.gitignore` buffers and records what a lint depended on.
import ignore, { type Ignore } from 'ignore';
import type { WorkspaceView } from './types';
import { RecentCache } from './recent-cache';

// A RecentCache, not a Map used as an LRU: see engine/recent-cache.ts.
const compiled = new RecentCache<{ text: string; ig: Ignore }>(() => 256);

function rulesOf(path: string, text: string): Ignore {
  const hit = compiled.get(path);
  if (hit && hit.text === text) return hit.ig;
  const ig = ignore().add(text);
  compiled.set(path, { text, ig });
  return ig;
}

function parent(dir: string): string | undefined {
  const i = dir.lastIndexOf('/');
  if (i < 0) return undefined;
  const p = i === 0 ? '/' : dir.slice(0, i);
  return p === dir ? undefined : p;
}

/**
 * True when git would ignore `path` (absolute, `/`-separated): the repository is the nearest
 * folder above it with a `.git`; its `.git/info/exclude` and every `.gitignore` from the
 * repository root down to the file's folder apply, deeper files winning (`!pattern` re-includes),
 * and nothing inside an ignored folder can be re-included. Outside a repository, the
 * `.gitignore` files of every folder above the file apply. Global excludes (`core.excludesFile`)
 * are not read.
 */
export function isGitIgnored(path: string, workspace: WorkspaceView): boolean {
  const folders: string[] = [];
  let root: string | undefined;
  for (let d = parent(path); d !== undefined && folders.length < 200; d = parent(d)) {
    folders.push(d);
    if (workspace.exists(`${d === '/' ? '' : d}/.git`)) {
      root = d;
      break;
    }
  }
  folders.reverse(); // outermost first
  const rules: Array<{ base: string; ig: Ignore }> = [];
  const add = (base: string, file: string) => {
    const text = workspace.readFile(file);
    if (text !== undefined && text.trim() !== '') rules.push({ base, ig: rulesOf(file, text) });
  };
  if (root !== undefined) add(root, `${root === '/' ? '' : root}/.git/info/exclude`);
  for (const d of folders) add(d, `${d === '/' ? '' : d}/.gitignore`);
  if (rules.length === 0) return false;

  const verdict = (p: string, isDir: boolean): boolean => {
    let ignored = false;
    for (const { base, ig } of rules) {
      const prefix = base === '/' ? '/' : `${base}/`;
      if (!p.startsWith(prefix)) continue;
      let rel = p.slice(prefix.length);
      if (rel === '') continue;
      if (isDir) rel += '/';
      const r = ig.test(rel);
      if (r.ignored) ignored = true;
      else if (r.unignored) ignored = false;
    }
    return ignored;
  };
  // A folder on the way that is ignored hides everything in it (git does not descend into it).
  const top = folders[0]!;
  for (const d of folders) if (d !== top && verdict(d, true)) return true;
  return verdict(path, false);
}
