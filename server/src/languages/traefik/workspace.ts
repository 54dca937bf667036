// What a Traefik file learns from the files around it, through `ctx.workspace` only:
//   - the compose file beside or above it (compose.yaml, docker-compose.yml …) and the Traefik
//     services in it (image tag → version, volumes → where the ACME storage lives on the host);
//   - the static configuration beside or above it (traefik.yml|yaml|toml), for dynamic files;
//   - whether `.gitignore` ignores a path (the `ignore` package, files read through the view).
// Parsed neighbours are cached by (path, text), so a keystroke in one file does not re-parse the
// others. The workspace graph (graph.ts) builds on these to gather every Traefik source.
import ignore from 'ignore';
import type { RuleContext, WorkspaceView } from '../../engine/types';
import { composeModelOf } from '../compose/project';
import type { ComposeModel } from '../compose/model';
import { composeTraefik, type ComposeTraefik } from './compose';
import { parsedTraefik, type TraefikDocument } from './parse';

export const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
/** Override files `docker compose` merges into the base file of their folder. */
export const OVERRIDE_NAMES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'];

export function isOverrideName(path: string): boolean {
  return OVERRIDE_NAMES.includes(path.slice(path.lastIndexOf('/') + 1));
}
export const STATIC_NAMES = ['traefik.yml', 'traefik.yaml', 'traefik.toml'];

/** How many folders up neighbours are looked for (the file's own folder counts as one). */
const MAX_UP = 4;

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** The file's folder and its ancestors, nearest first, at most `n`. */
export function ancestors(path: string, n = MAX_UP): string[] {
  const out: string[] = [];
  let d = dirOf(path);
  for (let i = 0; i < n; i++) {
    out.push(d);
    if (d === '/' || !d.includes('/')) break;
    d = dirOf(d);
  }
  return out;
}

function join(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

export interface NearbyCompose {
  path: string;
  model: ComposeModel;
  traefik: ComposeTraefik;
  /** An override file merged into the base file(s) of its folder. */
  override?: boolean;
}

/** Compose files in the nearest folder (the file's own, then up) that has any, with their Traefik services. */
export function nearbyCompose(ctx: RuleContext): NearbyCompose[] {
  for (const dir of ancestors(ctx.path)) {
    const found: NearbyCompose[] = [];
    const load = (name: string, override?: true): boolean => {
      const p = join(dir, name);
      if (p === ctx.path) return false;
      const text = ctx.workspace.readFile(p);
      if (text === undefined) return false;
      const model = composeModelOf(p, text);
      found.push({ path: p, model, traefik: composeTraefik(model, { ...ctx, path: p }), ...(override ? { override } : {}) });
      return true;
    };
    let base = COMPOSE_NAMES.some((name) => join(dir, name) === ctx.path);
    for (const name of COMPOSE_NAMES) if (load(name)) base = true;
    // The override file beside a base file: its labels land on the same containers.
    if (base) for (const name of OVERRIDE_NAMES) if (load(name, true)) break;
    if (found.length > 0) return found;
  }
  return [];
}

/** The static configuration file beside or above a file (not the file itself), parsed. */
export function nearbyStaticFile(ctx: RuleContext): TraefikDocument | undefined {
  for (const dir of ancestors(ctx.path)) {
    for (const name of STATIC_NAMES) {
      const p = join(dir, name);
      if (p === ctx.path) continue;
      const text = ctx.workspace.readFile(p);
      if (text === undefined) continue;
      const doc = parsedTraefik(p, text).model;
      if (doc.roles.includes('static')) return doc;
    }
  }
  return undefined;
}

export type IgnoreVerdict = 'ignored' | 'not-ignored' | 'no-repository';

/**
 * Whether git would ignore `path`: every `.gitignore` from the file's folder up to the work
 * tree's root (the folder holding `.git`), plus `.git/info/exclude`; the deepest file with an
 * opinion wins, as in git. `no-repository` when no `.git` is found above the file.
 */
export function gitIgnoreVerdict(path: string, ws: WorkspaceView): IgnoreVerdict {
  const chain: string[] = [];
  let root: string | undefined;
  let d = dirOf(path);
  for (let i = 0; i < 64; i++) {
    chain.push(d);
    if (ws.exists(join(d, '.git'))) {
      root = d;
      break;
    }
    if (d === '/' || !d.includes('/')) break;
    d = dirOf(d);
  }
  if (!root) return 'no-repository';
  const files = chain.map((dir) => ({ dir, text: ws.readFile(join(dir, '.gitignore')) }));
  files.push({ dir: root, text: ws.readFile(join(root, '.git/info/exclude')) });
  for (const { dir, text } of files) {
    if (!text) continue;
    const rel = path.slice(dir === '/' ? 1 : dir.length + 1);
    const r = ignore().add(text).test(rel);
    if (r.ignored) return 'ignored';
    if (r.unignored) return 'not-ignored';
  }
  return 'not-ignored';
}
