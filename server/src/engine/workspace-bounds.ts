// Which folders a lint may follow references into. A configuration naming `../outside.conf` or
// `/tmp/x.conf` must not pull a file from outside the project into the verdict (its headers
// would silence a finding the project's own files deserve), nor make the linter read it.
import type { WorkspaceView } from './types';

/** Whether `path` is `dir` or lies below it (both absolute, `/`-separated). */
export function isWithin(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}

function parent(dir: string): string | undefined {
  const i = dir.lastIndexOf('/');
  if (i < 0) return undefined;
  const p = i === 0 ? '/' : dir.slice(0, i);
  return p === dir ? undefined : p;
}

/** The nearest folder above `path` holding `.git` (a work tree's root), if any. */
export function gitWorkTree(path: string, workspace: WorkspaceView): string | undefined {
  for (let d = parent(path), n = 0; d !== undefined && n < 200; d = parent(d), n++) if (workspace.exists(`${d === '/' ? '' : d}/.git`)) return d;
  return undefined;
}

/**
 * The folders a lint of `path` may read other files from: the view's roots when one of them
 * holds the file (all of them: a multi-root workspace is one project), else the git work tree
 * around the file; undefined when neither is known (the caller picks a narrow folder then).
 */
export function workspaceBounds(path: string, workspace: WorkspaceView): readonly string[] | undefined {
  const roots = workspace.roots;
  if (roots && roots.some((r) => isWithin(path, r))) return roots;
  const tree = gitWorkTree(path, workspace);
  return tree === undefined ? undefined : [tree];
}
