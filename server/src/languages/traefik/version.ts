// The Traefik version rules judge against: `.rampart.yaml` (`traefik: {version: "3"}`), else the
// tag of a Traefik image in the workspace (`traefik:v3.1`, `traefik:3`, `traefik:2.11.3`), else
// the current stable release (`latest`, codenames and no tag at all count as that).

export interface TraefikVersion {
  major: number;
  minor: number;
  patch: number;
  /** Where it came from, for messages and docs. */
  source: 'config' | 'image' | 'default';
  /** As written (`3.1`, `v2.11`), or the assumed release. */
  text: string;
}

/** The release Rampart assumes when nothing says otherwise: current stable v3. */
export const CURRENT_STABLE = { major: 3, minor: 6, patch: 0 };

/** `3`, `v3.1`, `2.11.3`, `v3.1-windowsservercore-ltsc2022` → numbers; undefined for anything else. */
export function parseVersion(text: string | undefined): { major: number; minor: number; patch: number } | undefined {
  if (!text) return undefined;
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$/i.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0) };
}

export function versionFromConfig(text: string | undefined): TraefikVersion | undefined {
  const v = parseVersion(text);
  return v ? { ...v, source: 'config', text: text!.trim() } : undefined;
}

/** The version an image tag names; undefined for `latest`, codenames or no tag (the default applies). */
export function versionFromTag(tag: string | undefined): TraefikVersion | undefined {
  const v = parseVersion(tag);
  // Traefik 1.x images are a different product (no v2 key model); treat like unknown.
  if (!v || v.major < 2) return undefined;
  return { ...v, source: 'image', text: tag! };
}

export function defaultVersion(): TraefikVersion {
  return { ...CURRENT_STABLE, source: 'default', text: `${CURRENT_STABLE.major}.${CURRENT_STABLE.minor}` };
}

/** Negative when a < b. */
export function compareVersion(a: { major: number; minor: number; patch: number }, b: { major: number; minor?: number; patch?: number }): number {
  return a.major - b.major || a.minor - (b.minor ?? 0) || a.patch - (b.patch ?? 0);
}

/** True when the image reference names Traefik itself (`traefik`, `library/traefik`, `docker.io/traefik:v3`). */
export function isTraefikImage(name: string | undefined): boolean {
  if (!name) return false;
  const last = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  return last === 'traefik';
}

/** `v3.1` for messages: the version as the user will recognise it. */
export function describeVersion(v: TraefikVersion): string {
  if (v.source === 'default') return `v${v.major}`;
  return `v${v.text.replace(/^v/i, '')}`;
}
