// The Traefik version rules judge against: `.rampart.yaml` (`traefik: {version: "3"}`), else the
// tag of a Traefik image in the workspace (`traefik:v3.1`, `traefik:3`, `traefik:2.11.3`: the
// compose service's own, or a Dockerfile `FROM` or compose `image:` beside or above the file),
// else the current stable release (`latest`, codenames and no tag at all count as that). A
// version from that default is unknown: fixes that depend on it are not safe, and messages say
// the version is assumed.

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

/** The version a full image reference (`traefik:v2.10`, `docker.io/library/traefik:3.1@sha256:…`) pins; undefined when it is not Traefik's or its tag names no version. */
export function versionFromImageRef(ref: string): TraefikVersion | undefined {
  const at = ref.indexOf('@');
  const noDigest = at >= 0 ? ref.slice(0, at) : ref;
  const colon = noDigest.lastIndexOf(':');
  if (colon <= noDigest.lastIndexOf('/') || !isTraefikImage(noDigest.slice(0, colon))) return undefined;
  return versionFromTag(noDigest.slice(colon + 1));
}

/** True when a version was named (configuration or image tag) rather than assumed. */
export function isKnownVersion(v: TraefikVersion): boolean {
  return v.source !== 'default';
}

/**
 * `Traefik v3.1` for messages that say what a version does; for an assumed version, says so
 * (the message must not claim a version nothing in the workspace names).
 */
export function traefikVersionPhrase(v: TraefikVersion): string {
  if (isKnownVersion(v)) return `Traefik ${describeVersion(v)}`;
  return `Traefik ${describeVersion(v)} (the current release: no image tag or traefik.version setting says which version runs here)`;
}

/** `v3.1` for messages: the version as the user will recognise it. */
export function describeVersion(v: TraefikVersion): string {
  if (v.source === 'default') return `v${v.major}`;
  return `v${v.text.replace(/^v/i, '')}`;
}
