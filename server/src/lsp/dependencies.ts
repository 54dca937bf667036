// Which files a lint read, so that a change to one of them re-lints the open documents that
// depend on it (a compose file reads the Dockerfile a service builds, its `.env`, override files,
// `extends` bases, `env_file`s and `.gitignore`s; a Dockerfile reads its `.dockerignore`).
import type { WorkspaceView } from '../engine/types';

/** A WorkspaceView that records every path asked for (read or existence check, found or not). */
export class RecordingWorkspace implements WorkspaceView {
  readonly paths = new Set<string>();
  constructor(private readonly inner: WorkspaceView) {}

  readFile(path: string): string | undefined {
    this.paths.add(path);
    return this.inner.readFile(path);
  }

  exists(path: string): boolean {
    this.paths.add(path);
    return this.inner.exists(path);
  }
}

/** Document path -> the other paths its last lint read, and the reverse lookup. */
export class DependencyGraph {
  private readonly reads = new Map<string, Set<string>>();

  /** Replaces what a document depends on with what its latest lint read. */
  record(document: string, paths: Iterable<string>): void {
    const set = new Set(paths);
    set.delete(document);
    if (set.size === 0) this.reads.delete(document);
    else this.reads.set(document, set);
  }

  forget(document: string): void {
    this.reads.delete(document);
  }

  /** The documents whose last lint read any of these paths. */
  dependents(changed: Iterable<string>): string[] {
    const paths = changed instanceof Set ? (changed as Set<string>) : new Set(changed);
    const out: string[] = [];
    if (paths.size === 0) return out;
    // Whichever side is smaller is walked: a watcher batch can name thousands of paths, and the
    // workspace scan records thousands of documents.
    for (const [doc, deps] of this.reads) {
      if (deps.size <= paths.size) {
        for (const d of deps) {
          if (d !== doc && paths.has(d)) {
            out.push(doc);
            break;
          }
        }
      } else {
        for (const p of paths) {
          if (p !== doc && deps.has(p)) {
            out.push(doc);
            break;
          }
        }
      }
    }
    return out;
  }

  /** What a document's last lint read (tests and diagnostics). */
  of(document: string): ReadonlySet<string> {
    return this.reads.get(document) ?? new Set();
  }
}
