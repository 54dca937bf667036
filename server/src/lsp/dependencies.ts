// Which files a lint read, so that a change to one of them re-lints the open documents that
// depend on it (a compose file reads the Dockerfile a service builds, its `.env`, override files,
// `extends` bases, `env_file`s and `.gitignore`s; a Dockerfile reads its `.dockerignore`; a
// Traefik file reads the static configuration, the file provider's files and folders and the
// compose files around it).
import type { WorkspaceView } from '../engine/types';
import { trimTrailingSlashes } from '../engine/posix-path';

/** A WorkspaceView that records every path asked for (read, existence or mode check, found or not) and every folder listed. */
export class RecordingWorkspace implements WorkspaceView {
  readonly paths = new Set<string>();
  /** Folders whose listing a lint asked for: a file appearing in or vanishing from one matters. */
  readonly dirs = new Set<string>();
  constructor(private readonly inner: WorkspaceView) {}

  get roots(): readonly string[] | undefined {
    return this.inner.roots;
  }

  readFile(path: string): string | undefined {
    this.paths.add(path);
    return this.inner.readFile(path);
  }

  exists(path: string): boolean {
    this.paths.add(path);
    return this.inner.exists(path);
  }

  mode(path: string): number | undefined {
    this.paths.add(path);
    return this.inner.mode?.(path);
  }

  list(dir: string): string[] | undefined {
    if (!this.inner.list) return undefined;
    this.dirs.add(dir.length > 1 ? trimTrailingSlashes(dir) : dir);
    return this.inner.list(dir);
  }
}

function parentOf(path: string): string | undefined {
  const i = path.lastIndexOf('/');
  if (i < 0 || path === '/') return undefined;
  return i === 0 ? '/' : path.slice(0, i);
}

function insideAny(path: string, dirs: ReadonlySet<string>): boolean {
  for (let d = parentOf(path); d !== undefined; d = parentOf(d)) if (dirs.has(d)) return true;
  return false;
}

/** Document path -> the other paths its last lint read, and the reverse lookup. */
export class DependencyGraph {
  private readonly reads = new Map<string, Set<string>>();
  private readonly listed = new Map<string, Set<string>>();

  /** Replaces what a document depends on with what its latest lint read (and the folders it listed). */
  record(document: string, paths: Iterable<string>, dirs: Iterable<string> = []): void {
    const set = new Set(paths);
    set.delete(document);
    if (set.size === 0) this.reads.delete(document);
    else this.reads.set(document, set);
    const ds = new Set(dirs);
    if (ds.size === 0) this.listed.delete(document);
    else this.listed.set(document, ds);
  }

  forget(document: string): void {
    this.reads.delete(document);
    this.listed.delete(document);
  }

  /**
   * The documents whose last lint read any of these paths, or listed a folder one of them is in
   * (at any depth: folder scans are recursive, and a new subfolder's files count).
   */
  dependents(changed: Iterable<string>): string[] {
    const paths = changed instanceof Set ? (changed as Set<string>) : new Set(changed);
    const out = new Set<string>();
    if (paths.size === 0) return [];
    // Whichever side is smaller is walked: a watcher batch can name thousands of paths, and the
    // workspace scan records thousands of documents.
    for (const [doc, deps] of this.reads) {
      if (deps.size <= paths.size) {
        for (const d of deps) {
          if (d !== doc && paths.has(d)) {
            out.add(doc);
            break;
          }
        }
      } else {
        for (const p of paths) {
          if (p !== doc && deps.has(p)) {
            out.add(doc);
            break;
          }
        }
      }
    }
    for (const [doc, dirs] of this.listed) {
      if (out.has(doc)) continue;
      for (const p of paths) {
        if (p !== doc && (dirs.has(p) || insideAny(p, dirs))) {
          out.add(doc);
          break;
        }
      }
    }
    return [...out];
  }

  /** What a document's last lint read (tests and diagnostics). */
  of(document: string): ReadonlySet<string> {
    return this.reads.get(document) ?? new Set();
  }

  /** The folders a document's last lint listed. */
  foldersOf(document: string): ReadonlySet<string> {
    return this.listed.get(document) ?? new Set();
  }
}
