// WorkspaceView over the real file system, for the CLI and for the server's unopened files.
// Reads are cached per run; the server drops entries when a file watcher reports a change.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { WorkspaceView } from '../engine/types';

/** Larger files read as missing: no neighbour Rampart reads is that large. */
export const MAX_READ = 8 * 1024 * 1024;

/**
 * Missing paths are the common answer (config files, neighbours, version files looked for in
 * every folder up), and a throwing statSync builds an Error with a stack trace for each: several
 * times the cost of the system call.
 */
const NO_THROW = { throwIfNoEntry: false } as const;

export class FsWorkspace implements WorkspaceView {
  private readonly texts = new Map<string, string | undefined>();
  private readonly exist = new Map<string, boolean>();
  private readonly listings = new Map<string, string[] | undefined>();

  /** The folders the workspace spans (the CLI's lint roots, the editor's folders); see WorkspaceView.roots. */
  roots?: readonly string[];

  /** Lets open editor buffers shadow the disk (the server passes its document store). */
  constructor(private readonly overlay?: (path: string) => string | undefined) {}

  readFile(path: string): string | undefined {
    const open = this.overlay?.(path);
    if (open !== undefined) return open;
    if (this.texts.has(path)) return this.texts.get(path);
    let text: string | undefined;
    // A path known to be missing is not asked again (a lint asks for many that are).
    if (this.exist.get(path) !== false) {
      try {
        const st = statSync(path, NO_THROW);
        if (!this.exist.has(path)) this.exist.set(path, st !== undefined);
        text = st?.isFile() && st.size <= MAX_READ ? readFileSync(path, 'utf8') : undefined;
      } catch {
        text = undefined;
      }
    }
    this.texts.set(path, text);
    return text;
  }

  exists(path: string): boolean {
    if (this.overlay?.(path) !== undefined) return true;
    let e = this.exist.get(path);
    if (e === undefined) {
      try {
        e = statSync(path, NO_THROW) !== undefined;
      } catch {
        e = false; // ENOTDIR, EACCES …
      }
      this.exist.set(path, e);
    }
    return e;
  }

  /** POSIX permission bits; undefined on Windows (where they mean nothing) or for a missing file. */
  mode(path: string): number | undefined {
    if (process.platform === 'win32') return undefined;
    try {
      const st = statSync(path);
      return st.isFile() ? st.mode & 0o777 : undefined;
    } catch {
      return undefined;
    }
  }

  /** A folder's entries, sorted, folders with a trailing `/`; undefined when it is not a readable folder. */
  list(dir: string): string[] | undefined {
    if (this.listings.has(dir)) return this.listings.get(dir);
    let names: string[] | undefined;
    try {
      names = readdirSync(dir, { withFileTypes: true })
        .map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
        .sort();
    } catch {
      names = undefined;
    }
    this.listings.set(dir, names);
    return names;
  }

  /**
   * Forgets what is known about a path (a watcher saw it change), and the listings of the folders
   * above it (a file created in a new subfolder changes its parent's listing too).
   */
  invalidate(path: string): void {
    this.texts.delete(path);
    this.exist.delete(path);
    this.listings.delete(path);
    for (let p = path; ; ) {
      const slash = p.lastIndexOf('/');
      if (slash < 0) break;
      p = slash === 0 ? '/' : p.slice(0, slash);
      this.listings.delete(p);
      this.exist.delete(p);
      if (p === '/') break;
    }
  }

  clear(): void {
    this.texts.clear();
    this.exist.clear();
    this.listings.clear();
  }
}
