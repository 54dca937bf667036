// Which nginx version a configuration runs on. `.rampart.yaml` `nginx: {version: "1.27"}` wins;
// else the tag of an nginx image in a Dockerfile `FROM` or a Compose `image:` beside the config
// or up to three folders above it (`nginx:1.27.3-alpine`, `nginxinc/nginx-unprivileged:1.27`,
// `bitnami/nginx:1.27.3-debian-12-r5`, and OpenResty, whose 1.25.3.1 is nginx 1.25.3). A tag
// without a version (`latest`, `stable`, `mainline`, `alpine`) or a digest tells nothing; with
// no usable version, rules assume the current stable release (they treat `undefined` so).
import type { RuleContext } from '../../engine/types';
import { compareVersions, usableVersion } from './model';
import { dirname } from './includes';
import { MemoSlot } from '../../engine/memo-slot';

export interface NginxVersionInfo {
  /** `1.27` or `1.27.3`; undefined means "the current stable release". */
  version?: string;
  source: 'config' | 'image' | 'default';
  /** The image reference the version came from, and the file that names it. */
  image?: string;
  file?: string;
}

const DOCKERFILES = ['Dockerfile', 'Containerfile'];
const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
/** Folders above the config's own that are searched. */
const LEVELS = 3;

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

// regex-audit: quadratic alone, linear as used (only on the text up to its last `}`, in substitute).
const BRACED_OR_PLAIN_VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-=]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
const PLAIN_VAR = /\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** `${NAME}`, `${NAME:-default}`, `$NAME` with the values known (else the default, else nothing). */
function substitute(s: string, vars: ReadonlyMap<string, string>): string {
  const value = (_: string, a: string | undefined, def: string | undefined, b: string | undefined): string => {
    const v = vars.get((a ?? b)!);
    return v !== undefined && v !== '' ? v : (def ?? '');
  };
  // `[^}]*\}` rescans to the end from every `${NAME:-` that no `}` follows: quadratic on a FROM
  // line of `${A:-${A:-…` (16,000 characters took 75 ms; found by the timed regex audit). No
  // braced form can start after the last `}`, so only `$NAME` is looked for there (as in
  // dockerfile/model.ts substituteArgs).
  const cut = s.lastIndexOf('}') + 1;
  const head = cut > 0 ? s.slice(0, cut).replace(BRACED_OR_PLAIN_VAR, value) : '';
  return head + s.slice(cut).replace(PLAIN_VAR, (_, b: string) => value(_, undefined, undefined, b));
}

/** Image references of a Dockerfile's `FROM` lines (ARG defaults substituted, stage names followed), last first. */
export function dockerfileImages(text: string): string[] {
  const args = new Map<string, string>();
  const stages = new Map<string, string>();
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const arg = /^ARG\s+([A-Za-z_][A-Za-z0-9_]*)(?:=("?)([^"\s]*)\2)?/i.exec(line);
    if (arg) {
      if (arg[3] !== undefined && !args.has(arg[1]!)) args.set(arg[1]!, arg[3]);
      continue;
    }
    const from = /^FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (!from) continue;
    let image = substitute(from[1]!, args);
    image = stages.get(image.toLowerCase()) ?? image;
    if (from[2]) stages.set(from[2].toLowerCase(), image);
    out.push(image);
  }
  return out.reverse();
}

/** Image references of a Compose file's `image:` keys (`${VAR:-default}` resolved to the default). */
export function composeImages(text: string): string[] {
  const out: string[] = [];
  const re = /^[ \t]*image[ \t]*:[ \t]*(["']?)([^"'\s#]+)\1/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(substitute(m[2]!, new Map()));
  return out;
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

/**
 * The image references of a Dockerfile or compose file, by path, while its text is the same:
 * every nginx file of a folder looks at the same neighbours (a 10,000-file scan read and split
 * them 2,000 times).
 */
const imageCache = new Map<string, { text: string; images: string[] }>();
const IMAGE_CACHE_MAX = 256;

function imagesOf(file: string, text: string, dockerfile: boolean): string[] {
  const hit = imageCache.get(file);
  if (hit && hit.text === text) return hit.images;
  const images = dockerfile ? dockerfileImages(text) : composeImages(text);
  imageCache.delete(file);
  imageCache.set(file, { text, images });
  if (imageCache.size > IMAGE_CACHE_MAX) imageCache.delete(imageCache.keys().next().value as string);
  return images;
}

function findVersion(ctx: RuleContext): NginxVersionInfo {
  const configured = usableVersion(ctx.settings.nginxVersion);
  if (configured) return { version: configured, source: 'config' };
  let dir = dirname(ctx.path);
  for (let level = 0; level <= LEVELS; level++) {
    const base = dir === '/' ? '' : dir;
    for (const name of [...DOCKERFILES, ...COMPOSE_FILES]) {
      const file = `${base}/${name}`;
      if (!ctx.workspace.exists(file)) continue;
      const text = ctx.workspace.readFile(file);
      if (text === undefined) continue;
      const images = imagesOf(file, text, DOCKERFILES.includes(name));
      // A file naming several nginx versions: the oldest is the one rules must allow for.
      let best: { version: string; image: string } | undefined;
      for (const image of images) {
        const version = versionFromImage(image);
        if (version && (!best || compareVersions(version, best.version) < 0)) best = { version, image };
      }
      if (best) return { version: best.version, source: 'image', image: best.image, file };
    }
    const up = dirname(dir);
    if (up === dir || up === '.') break;
    dir = up;
  }
  return { source: 'default' };
}

/** `nginx 1.22`, or `nginx 1.22 (image nginx:1.22-alpine in compose.yaml)` when a tag told. */
export function versionLabel(info: NginxVersionInfo): string {
  if (!info.version) return 'the current stable nginx';
  if (info.source === 'image' && info.image && info.file) return `nginx ${info.version} (image ${info.image} in ${info.file.slice(info.file.lastIndexOf('/') + 1)})`;
  return `nginx ${info.version}`;
}
