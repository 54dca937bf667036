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

/** Whether a listing's names are the only names a folder answers to (see notListed). */
const CASE_SENSITIVE = process.platform === 'linux';

export class FsWorkspace implements WorkspaceView {
  private readonly texts = new Map<string, string | undefined>();
  private readonly exist = new Map<string, boolean>();
  private readonly listings = new Map<string, string[] | undefined>();
  /** Entry names by folder, for notListed (null: not a readable folder). */
  private readonly names = new Map<string, Set<string> | null>();

  /** The folders the workspace spans (the CLI's lint roots, the editor's folders); see WorkspaceView.roots. */
  roots?: readonly string[];

  /** Lets open editor buffers shadow the disk (the server passes its document store). */
  constructor(private readonly overlay?: (path: string) => string | undefined) {}

  readFile(path: string): string | undefined {
    const open = this.overlay?.(path);
    if (open !== undefined) return open;
    const known = this.texts.get(path);
    if (known !== undefined || this.texts.has(path)) return known;
    let text: string | undefined;
    // A path known to be missing is not asked again (a lint asks for many that are).
    if (this.exist.get(path) !== false && !this.notListed(path)) {
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
    if (e !== undefined) return e;
    if (this.notListed(path)) {
      // Remembered like a stat's answer: the next ask is one lookup.
      this.exist.set(path, false);
      return false;
    }
    try {
      e = statSync(path, NO_THROW) !== undefined;
    } catch {
      e = false; // ENOTDIR, EACCES …
    }
    this.exist.set(path, e);
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

  /**
   * True when the path's folder has no such entry. A lint looks for many files that are not there,
   * most in the same few folders (`compose.yaml`, `compose.yml`, `docker-compose.yaml` … in every
   * folder up; `.dockerignore`, `.env`, version files): one listing of the folder answers them all
   * instead of a stat each. Only where names are case-sensitive (Linux): elsewhere a stat finds
   * `Compose.yaml` for `compose.yaml` and a listing would not. A watcher's change drops the
   * listings above the changed path (invalidate).
   */
  private notListed(path: string): boolean {
    if (!CASE_SENSITIVE) return false;
    const slash = path.lastIndexOf('/');
    if (slash < 0) return false;
    const dir = slash === 0 ? '/' : path.slice(0, slash);
    let names = this.names.get(dir);
    if (names === undefined) {
      // Names only: no file types to ask for, nothing to sort (a quarter of the cost of list()).
      try {
        names = new Set(readdirSync(dir));
      } catch {
        names = null;
      }
      this.names.set(dir, names);
    }
    return names !== null && !names.has(path.slice(slash + 1));
  }

  /** A folder's entry names as a walk just read them: notListed needs no listing of its own then. */
  seedNames(dir: string, names: readonly string[]): void {
    if (!this.names.has(dir)) this.names.set(dir, new Set(names));
  }

  /** The entry names this workspace has read for `dir` (a walk's or notListed's), if any. */
  knownNames(dir: string): string[] | undefined {
    const names = this.names.get(dir);
    return names ? [...names] : undefined;
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
    this.names.delete(path);
    for (let p = path; ; ) {
      const slash = p.lastIndexOf('/');
      if (slash < 0) break;
      p = slash === 0 ? '/' : p.slice(0, slash);
      this.listings.delete(p);
      this.names.delete(p);
      this.exist.delete(p);
      if (p === '/') break;
    }
  }

  clear(): void {
    this.texts.clear();
    this.exist.clear();
    this.listings.clear();
    this.names.clear();
  }
}
