// Editor settings (`rampart.*`): the raw object a client sends is normalised here, then laid
// under `.rampart.yaml` as the ConfigResolver's settings layer. Pure: no connection, no disk.
import type { ConfigLayer } from '../engine/config';
import type { Profile, SeveritySetting } from '../engine/types';

export type DiagnosticMode = 'openFiles' | 'workspace';

export interface RampartSettings {
  enable: boolean;
  /** Undefined when the client did not set one: the built-in default applies. */
  profile: Profile | undefined;
  rules: Record<string, SeveritySetting>;
  /** Stored for the workspace scan; open files are always linted. */
  diagnosticMode: DiagnosticMode;
  /** Documents larger than this (UTF-8 bytes) are reported as skipped, not linted. */
  maxFileSize: number;
  trace: 'off' | 'messages' | 'verbose';
}

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export const DEFAULT_SETTINGS: RampartSettings = {
  enable: true,
  profile: undefined,
  rules: {},
  diagnosticMode: 'workspace',
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
  trace: 'off',
};

const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Turns whatever a client answered for section `rampart` (an object, null, a wrong type …) into
 * settings. Invalid values fall back to defaults one by one, so a typo in one setting does not
 * discard the others.
 */
export function normalizeSettings(raw: unknown): RampartSettings {
  if (!isObject(raw)) return { ...DEFAULT_SETTINGS, rules: {} };
  const s: RampartSettings = { ...DEFAULT_SETTINGS, rules: {} };
  if (typeof raw.enable === 'boolean') s.enable = raw.enable;
  if (raw.profile === 'recommended' || raw.profile === 'strict') s.profile = raw.profile;
  if (isObject(raw.rules)) {
    for (const [id, sev] of Object.entries(raw.rules)) {
      if (typeof sev === 'string' && SEVERITIES.has(sev)) s.rules[id] = sev as SeveritySetting;
    }
  }
  if (raw.diagnosticMode === 'openFiles' || raw.diagnosticMode === 'workspace') s.diagnosticMode = raw.diagnosticMode;
  if (typeof raw.maxFileSize === 'number' && Number.isFinite(raw.maxFileSize) && raw.maxFileSize > 0) s.maxFileSize = Math.floor(raw.maxFileSize);
  const trace = isObject(raw.trace) ? raw.trace.server : undefined;
  if (trace === 'off' || trace === 'messages' || trace === 'verbose') s.trace = trace;
  return s;
}

/** The settings' share of the effective config: the layer under `.rampart.yaml`. */
export function settingsLayer(s: RampartSettings): ConfigLayer {
  const layer: ConfigLayer = { rules: { ...s.rules } };
  if (s.profile) layer.profile = s.profile;
  return layer;
}
