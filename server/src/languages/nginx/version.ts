// Which nginx version a configuration runs on. `.rampart.yaml` `nginx: {version: "1.27"}` wins;
// else the tag of an nginx image in a Dockerfile `FROM` or a Compose `image:` beside the config
// or up to three folders above it (`nginx:1.27.3-alpine`, `nginxinc/nginx-unprivileged:1.27`,
// `bitnami/nginx:1.27.3-debian-12-r5`, and OpenResty, whose 1.25.3.1 is nginx 1.25.3). A tag
// without a version (`latest`, `stable`, `mainline`, `alpine`) or a digest tells nothing; with
// no usable version, rules assume the current stable release (they treat `undefined` so).
import type { RuleContext } from '../../engine/types';
import { compareVersions, usableVersion } from './model';
import { nearestImageVersion } from '../../engine/image-refs';
import { MemoSlot } from '../../engine/memo-slot';

export interface NginxVersionInfo {
  /** `1.27` or `1.27.3`; undefined means "the current stable release". */
  version?: string;
  source: 'config' | 'image' | 'default';
  /** The image reference the version came from, and the file that names it. */
  image?: string;
  file?: string;
}

/**
 * The nginx version an image reference pins, or undefined: the image must be nginx's (official,
 * unprivileged, Bitnami, Chainguard) or OpenResty's, with a tag that starts with a version.
 */
export function versionFromImage(ref: string): string | undefined {
  const at = ref.indexOf('@');
  const noDigest = at >= 0 ? ref.slice(0, at) : ref;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  if (colon <= slash) return undefined;
  const repo = noDigest.slice(0, colon).toLowerCase();
  const tag = noDigest.slice(colon + 1);
  const name = repo.slice(repo.lastIndexOf('/') + 1);
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(tag);
  if (!m) return undefined;
  const version = m[3] !== undefined ? `${m[1]}.${m[2]}.${m[3]}` : `${m[1]}.${m[2]}`;
  if (name === 'nginx' || name === 'nginx-unprivileged') return usableVersion(version);
  // OpenResty numbers its releases after the nginx core they bundle, plus a fourth part.
  if (name === 'openresty') return usableVersion(version);
  return undefined;
}

const cache = new MemoSlot<RuleContext, NginxVersionInfo>();

/** The nginx version of the linted configuration (cached per lint). */
export function nginxVersion(ctx: RuleContext): NginxVersionInfo {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const info = findVersion(ctx);
  cache.set(ctx, info);
  return info;
}

function findVersion(ctx: RuleContext): NginxVersionInfo {
  const configured = usableVersion(ctx.settings.nginxVersion);
  if (configured) return { version: configured, source: 'config' };
  const found = nearestImageVersion(ctx, versionFromImage, compareVersions);
  if (found) return { version: found.version, source: 'image', image: found.image, file: found.file };
  return { source: 'default' };
}

/** `nginx 1.22`, or `nginx 1.22 (image nginx:1.22-alpine in compose.yaml)` when a tag told. */
export function versionLabel(info: NginxVersionInfo): string {
  if (!info.version) return 'the current stable nginx';
  if (info.source === 'image' && info.image && info.file) return `nginx ${info.version} (image ${info.image} in ${info.file.slice(info.file.lastIndexOf('/') + 1)})`;
  return `nginx ${info.version}`;
}

