// Which container images the files around a configuration run: the image references of
// Dockerfile `FROM` lines and Compose `image:` keys beside a file or a few folders above it,
// nearest folder first. nginx and Traefik read their version from such a tag when
// `.rampart.yaml` names none; each language says which images are its own and what version a
// reference pins. Reads go through `ctx.workspace` only (the language server records them, so
// an edit to the Dockerfile re-lints the configuration).
import { RecentCache } from './recent-cache';
import type { RuleContext } from './types';

export const DOCKERFILE_NAMES = ['Dockerfile', 'Containerfile'];
export const COMPOSE_IMAGE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
/** Folders above the file's own that are searched. */
const LEVELS = 3;

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

const IMAGE_CACHE_MAX = 256;

/**
 * The image references of a Dockerfile or compose file, by path, while its text is the same:
 * every configuration file of a folder looks at the same neighbours (a 10,000-file scan read and
 * split them 2,000 times).
 */
// A RecentCache, not a Map used as an LRU: see engine/recent-cache.ts.
const imageCache = new RecentCache<{ text: string; images: string[] }>(() => IMAGE_CACHE_MAX);

function imagesOf(file: string, text: string, dockerfile: boolean): string[] {
  const hit = imageCache.get(file);
  if (hit && hit.text === text) return hit.images;
  const images = dockerfile ? dockerfileImages(text) : composeImages(text);
  imageCache.set(file, { text, images });
  return images;
}

function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i);
}

export interface ImageVersion<V> {
  version: V;
  /** The image reference the version came from, and the file that names it. */
  image: string;
  file: string;
}

/**
 * The version an image pins in the nearest folder (the linted file's, then up to three above)
 * whose Dockerfile or compose file names one of the language's images; Dockerfiles before
 * compose files within a folder. `versionOf` answers for one reference (undefined: not this
 * language's image, or no version in its tag). A file naming several versions gives the oldest,
 * the one rules must allow for.
 */
export function nearestImageVersion<V>(
  ctx: RuleContext,
  versionOf: (image: string) => V | undefined,
  compare: (a: V, b: V) => number,
): ImageVersion<V> | undefined {
  let dir = dirname(ctx.path);
  for (let level = 0; level <= LEVELS; level++) {
    const base = dir === '/' ? '' : dir;
    for (const name of [...DOCKERFILE_NAMES, ...COMPOSE_IMAGE_FILES]) {
      const file = `${base}/${name}`;
      if (!ctx.workspace.exists(file)) continue;
      const text = ctx.workspace.readFile(file);
      if (text === undefined) continue;
      let best: ImageVersion<V> | undefined;
      for (const image of imagesOf(file, text, DOCKERFILE_NAMES.includes(name))) {
        const version = versionOf(image);
        if (version !== undefined && (!best || compare(version, best.version) < 0)) best = { version, image, file };
      }
      if (best) return best;
    }
    const up = dirname(dir);
    if (up === dir || up === '.') break;
    dir = up;
  }
  return undefined;
}
