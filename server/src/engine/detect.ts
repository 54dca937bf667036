// Which language a file is: config `files` globs, then the file name, then content sniffing;
// nothing for a file the config's `ignore` globs exclude.
import picomatch from 'picomatch';
import type { Language, WorkspaceView } from './types';
import type { RampartConfig } from './config';
import { plugins } from './registry';

const matcherCache = new Map<string, (p: string) => boolean>();

/** A compiled glob matcher, cached: config globs are compiled once, not per keystroke. */
export function globMatcher(glob: string): (p: string) => boolean {
  let m = matcherCache.get(glob);
  if (!m) {
    m = picomatch(glob, { dot: true, nocase: false });
    matcherCache.set(glob, m);
  }
  return m;
}

/** Path relative to the config's folder, or undefined when the file lies outside it. */
export function relativeToConfig(path: string, config: RampartConfig): string | undefined {
  if (!config.configDir) return undefined;
  const dir = config.configDir.endsWith('/') ? config.configDir : config.configDir + '/';
  return path.startsWith(dir) ? path.slice(dir.length) : undefined;
}

/**
 * Config globs work like `.gitignore` lines, relative to the config's folder: a pattern with a
 * `/` is anchored there (`deploy/*.conf`, `/Dockerfile`), one without matches a name at any depth
 * (`*.tmp`, `Dockerfile.dev`), a trailing `/` matches folders only. For `ignore`, a pattern that
 * matches a folder ignores everything under it (`vendor`, `third_party/`).
 */
function globMatches(glob: string, rel: string, withAncestors: boolean): boolean {
  let g = glob.startsWith('./') ? glob.slice(2) : glob;
  const anchored = g.startsWith('/');
  if (anchored) g = g.slice(1);
  const dirOnly = g.endsWith('/');
  if (dirOnly) g = g.replace(/(?<!\/)\/+$/, '');
  if (g === '') return false;
  const byPath = anchored || g.includes('/');
  const m = globMatcher(g);
  const test = (p: string) => m(byPath ? p : p.slice(p.lastIndexOf('/') + 1));
  if (!dirOnly && test(rel)) return true;
  if (!withAncestors && !dirOnly) return false;
  for (let i = rel.lastIndexOf('/'); i > 0; i = rel.lastIndexOf('/', i - 1)) {
    if (test(rel.slice(0, i))) return true;
  }
  return false;
}

function matchesAny(rel: string, globs: string[] | undefined, withAncestors: boolean): boolean {
  if (!globs) return false;
  return globs.some((g) => globMatches(g, rel, withAncestors));
}

/** True when the config's `ignore` globs exclude this file (or a folder it is in). */
export function isIgnoredByConfig(path: string, config: RampartConfig): boolean {
  const rel = relativeToConfig(path, config);
  return rel !== undefined && matchesAny(rel, config.ignore, true);
}

/** The language a config's `files` globs assign to a path, if any. */
export function languageFromConfigGlobs(path: string, config: RampartConfig): Language | undefined {
  const rel = relativeToConfig(path, config);
  if (rel === undefined) return undefined;
  for (const p of plugins) if (matchesAny(rel, config.files[p.language], false)) return p.language;
  return undefined;
}

/** `workspace` lets a plugin claim a file by who names it (an nginx include); optional. */
export function detectLanguage(path: string, text: string, config: RampartConfig, workspace?: WorkspaceView): Language | undefined {
  if (isIgnoredByConfig(path, config)) return undefined;
  // The project's own globs come first: they are the user's word against Rampart's guess.
  const byGlob = languageFromConfigGlobs(path, config);
  if (byGlob) return byGlob;
  for (const p of plugins) if (p.matchesName(path)) return p.language;
  for (const p of plugins) if (p.matchesContent?.(path, text, workspace)) return p.language;
  return undefined;
}
