// Which language a file is: by name, then config globs, then content sniffing.
import picomatch from 'picomatch';
import type { Language } from './types';
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

function matchesAny(rel: string, globs: string[] | undefined): boolean {
  if (!globs) return false;
  return globs.some((g) => globMatcher(g)(rel) || (!g.includes('/') && globMatcher(g)(rel.slice(rel.lastIndexOf('/') + 1))));
}

/** True when the config's `ignore` globs exclude this file. */
export function isIgnoredByConfig(path: string, config: RampartConfig): boolean {
  const rel = relativeToConfig(path, config);
  return rel !== undefined && matchesAny(rel, config.ignore);
}

export function detectLanguage(path: string, text: string, config: RampartConfig): Language | undefined {
  if (isIgnoredByConfig(path, config)) return undefined;
  for (const p of plugins) if (p.matchesName(path)) return p.language;
  const rel = relativeToConfig(path, config);
  if (rel !== undefined) {
    for (const p of plugins) if (matchesAny(rel, config.files[p.language])) return p.language;
  }
  for (const p of plugins) if (p.matchesContent?.(path, text)) return p.language;
  return undefined;
}
