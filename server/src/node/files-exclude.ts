// The editor's `files.exclude` as a predicate on absolute paths. VS Code matches each glob
// against the path relative to the workspace folder (`**/.git`, `build`, `**/*.tmp`), a matching
// folder hides everything inside it, and a value is `true`, `false` or a `{when: …}` sibling
// clause (which Rampart does not evaluate: such a pattern hides nothing here).
import picomatch from 'picomatch';
import { trimTrailingSlashes } from '../engine/posix-path';

export type PathPredicate = (path: string) => boolean;

/** Globs whose value is `true`, from whatever a client sent for `files.exclude`. */
export function excludeGlobs(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  return Object.entries(raw as Record<string, unknown>)
    .filter(([glob, on]) => on === true && glob.trim() !== '')
    .map(([glob]) => trimTrailingSlashes(glob.trim().replace(/^\.\//, '')));
}

/**
 * A predicate for paths inside `folder` (absolute, `/`-separated); paths outside it are never
 * excluded. Undefined when there is nothing to exclude.
 */
export function filesExcludeMatcher(folder: string, globs: string[]): PathPredicate | undefined {
  if (globs.length === 0) return undefined;
  const matchers = globs.map((g) => picomatch(g, { dot: true }));
  const base = trimTrailingSlashes(folder);
  const prefix = base === '' ? '/' : `${base}/`;
  return (path) => {
    if (!path.startsWith(prefix)) return false;
    const rel = path.slice(prefix.length);
    return matchers.some((m) => m(rel));
  };
}
