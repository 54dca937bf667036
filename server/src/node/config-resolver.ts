// Finds and caches the effective config for a file: defaults < editor settings < nearest
// `.rampart.yaml` < command-line flags. Shared by the CLI and the server.
import { DEFAULT_CONFIG, mergeConfig, type ConfigLayer, type RampartConfig } from '../engine/config';
import { findConfigFile, parseConfigFile, type ConfigFileResult } from '../engine/config-file';
import type { WorkspaceView } from '../engine/types';

export class ConfigResolver {
  private readonly parsed = new Map<string, ConfigFileResult>();
  private readonly nearest = new Map<string, string | undefined>();
  /**
   * Merged configs by config file (or none), with the layers they were merged from: a walk asks
   * for every file, and merging per file was a tenth of the CLI's walk. The server swaps
   * `settings` for a new object on each call, which simply misses.
   */
  private readonly merged = new Map<string | undefined, { settings?: ConfigLayer; overrides?: ConfigLayer; file?: ConfigFileResult; config: RampartConfig }>();

  constructor(
    private readonly workspace: WorkspaceView,
    /** Layer under the project file (editor settings). */
    public settings: ConfigLayer | undefined = undefined,
    /** Layer over the project file (CLI flags). */
    public overrides: ConfigLayer | undefined = undefined,
    /** An explicit config file (`--config`) used instead of discovery. */
    private readonly explicit?: string,
  ) {}

  /** The config file that governs a path, if any. */
  configPathFor(path: string): string | undefined {
    if (this.explicit) return this.explicit;
    const dir = path.slice(0, path.lastIndexOf('/'));
    if (this.nearest.has(dir)) return this.nearest.get(dir);
    // Up the tree until a folder whose answer is known: a walk over thousands of folders looked
    // for `.rampart.yaml` in every ancestor of every folder (findConfigFile's search, one folder
    // at a time, with the answer remembered for each folder passed).
    const passed: string[] = [];
    let found: string | undefined;
    let d = dir;
    for (let guard = 0; guard < 200; guard++) {
      if (this.nearest.has(d)) {
        found = this.nearest.get(d);
        break;
      }
      passed.push(d);
      found = findConfigFile(`${d === '' ? '' : d}/x`, (p) => this.workspace.exists(p), d || '/');
      if (found !== undefined) break;
      if (d === '' || d === '/' || !d.includes('/')) break;
      const parent = d.slice(0, d.lastIndexOf('/'));
      if (parent === d) break;
      d = parent;
    }
    for (const p of passed) this.nearest.set(p, found);
    return found;
  }

  /** Parsed config file (cached until `invalidate`). */
  loadFile(configPath: string): ConfigFileResult | undefined {
    let r = this.parsed.get(configPath);
    if (!r) {
      const text = this.workspace.readFile(configPath);
      if (text === undefined) return undefined;
      r = parseConfigFile(text, configPath);
      this.parsed.set(configPath, r);
    }
    return r;
  }

  configFor(path: string): RampartConfig {
    const cp = this.configPathFor(path);
    const file = cp ? this.loadFile(cp) : undefined;
    const hit = this.merged.get(cp);
    if (hit && hit.file === file && hit.settings === this.settings && hit.overrides === this.overrides) return hit.config;
    const config = mergeConfig(DEFAULT_CONFIG, this.settings, file?.layer, this.overrides);
    this.merged.set(cp, { settings: this.settings, overrides: this.overrides, file, config });
    return config;
  }

  /** Drops cached knowledge after a config file (or any file) was created, changed or deleted. */
  invalidate(): void {
    this.parsed.clear();
    this.nearest.clear();
    this.merged.clear();
  }
}
