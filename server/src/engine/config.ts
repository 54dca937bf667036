// Effective configuration: built-in defaults < editor settings < `.rampart.yaml` < CLI flags.
// This module holds the resolved shape and the severity lookup; reading and validating
// `.rampart.yaml` lives in config-file.ts.
import type { Language, Profile, RuleMeta, SeveritySetting } from './types';

export interface RampartConfig {
  profile: Profile;
  /** Per-rule severity overrides by rule id. */
  rules: Record<string, SeveritySetting>;
  /** Globs (relative to `configDir`) of files never linted. */
  ignore: string[];
  /** Extra detection globs per language (relative to `configDir`). */
  files: Partial<Record<Language, string[]>>;
  nginxVersion?: string;
  /** Third-party nginx directive names or `*` globs nginx/unknown-directive accepts. */
  nginxDirectives?: string[];
  traefikVersion?: string;
  /** Folder of the `.rampart.yaml` that contributed, absolute with `/`. */
  configDir?: string;
  /** Path of that file, for messages. */
  configPath?: string;
}

export const DEFAULT_CONFIG: RampartConfig = { profile: 'recommended', rules: {}, ignore: [], files: {} };

/** A partial layer (settings, project file, CLI flags) laid over a config. */
export type ConfigLayer = Partial<RampartConfig>;

export function mergeConfig(base: RampartConfig, ...layers: Array<ConfigLayer | undefined>): RampartConfig {
  let out: RampartConfig = { ...base, rules: { ...base.rules }, files: { ...base.files }, ignore: [...base.ignore] };
  for (const layer of layers) {
    if (!layer) continue;
    out = {
      ...out,
      ...stripUndefined(layer),
      rules: { ...out.rules, ...(layer.rules ?? {}) },
      files: { ...out.files, ...(layer.files ?? {}) },
      ignore: layer.ignore ? [...out.ignore, ...layer.ignore] : out.ignore,
    };
  }
  return out;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const r: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (r as Record<string, unknown>)[k] = v;
  return r;
}

/** The severity a rule runs at under this config, or `off`. Rampart's own rules are always on. */
export function effectiveSeverity(meta: RuleMeta, config: RampartConfig): SeveritySetting {
  const override = config.rules[meta.id];
  if (override) return override;
  if (meta.profile === 'strict' && config.profile !== 'strict') return 'off';
  return meta.severity;
}
