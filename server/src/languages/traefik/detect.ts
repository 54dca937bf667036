// Which files are Traefik configuration. By name: `traefik.yml`, `traefik.yaml`, `traefik.toml`.
// By content (YAML and TOML files with other names): static configuration has top-level
// `entryPoints`, `certificatesResolvers` or `providers` holding a Traefik provider (or `api` with
// its options next to another static key); dynamic configuration has a top-level `http`, `tcp`,
// `udp` or `tls` holding routers, services, middlewares, serversTransports or TLS options. A line
// scan, no parse. Compose files (`services:`), Kubernetes manifests (`apiVersion` + `kind`) and
// CI workflows (`jobs:`) are never claimed.
import { DYNAMIC_CHILDREN, PROVIDERS } from './keys';

const SNIFF_LIMIT = 64 * 1024;
const NAMES = new Set(['traefik.yml', 'traefik.yaml', 'traefik.toml']);

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function isTraefikName(path: string): boolean {
  return NAMES.has(baseName(path).toLowerCase());
}

/** Top-level keys with the keys one level below them, lower case. */
type Shape = Map<string, Set<string>>;

const YAML_KEY = /^(?:"([^"]*)"|'([^']*)'|([A-Za-z_][\w.-]*))[ \t]*:(?:[ \t]|$)/;

function yamlShape(text: string): Shape {
  // A scan over the first 4,000 lines that slices only the lines it reads keys from (top-level
  // ones, and their children's): it runs on every keystroke in a YAML file, and splitting and
  // trimming every line was a tenth of a keystroke in a 1,000-line Traefik file.
  const shape: Shape = new Map();
  let current: Set<string> | undefined;
  let childIndent = -1;
  let from = 0;
  for (let n = 0; n < 4000 && from <= text.length; n++) {
    const nl = text.indexOf('\n', from);
    let le = nl < 0 ? text.length : nl;
    const next = nl < 0 ? text.length + 1 : nl + 1;
    if (nl >= 0 && le > from && text.charCodeAt(le - 1) === 13) le--; // `\r\n` ends the line
    const ls = from;
    from = next;
    let a = ls;
    while (a < le && isTrimmed(text.charCodeAt(a))) a++;
    if (a === le || text.charCodeAt(a) === 35) continue; // blank, `#`
    let b = le;
    while (b > a && isTrimmed(text.charCodeAt(b - 1))) b--;
    if (b - a === 3 && (text.startsWith('---', a) || text.startsWith('...', a))) {
      current = undefined;
      continue;
    }
    const indent = a - ls;
    if (indent === 0) {
      const line = text.slice(ls, le);
      const m = YAML_KEY.exec(line);
      childIndent = -1;
      if (!m) {
        current = undefined;
        continue;
      }
      const key = (m[1] ?? m[2] ?? m[3]!).toLowerCase();
      current = shape.get(key) ?? new Set();
      shape.set(key, current);
      // `http: {routers: …}` on one line
      const rest = line.slice(m[0].length).trim();
      if (rest.startsWith('{')) for (const k of rest.matchAll(/[{,]\s*["']?([A-Za-z_][\w-]*)["']?\s*:/g)) current.add(k[1]!.toLowerCase());
      continue;
    }
    if (!current) continue;
    if (childIndent < 0) childIndent = indent;
    if (indent !== childIndent) continue;
    const t = text.slice(a, b);
    const m = YAML_KEY.exec(t.startsWith('- ') ? '' : t);
    if (m) current.add((m[1] ?? m[2] ?? m[3]!).toLowerCase());
  }
  return shape;
}

/** What `String.prototype.trim` removes (the scan above keeps trim()'s answers). */
function isTrimmed(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

// The table name is captured untrimmed: `[^\]\r\n]+` ends only at the `]`, so there is one way to
// match. Trimming it inside the regex (`[ \t]*([^\]\r\n]+?)[ \t]*\]`, as it was) let three
// quantifiers share the blanks: cubic backtracking, 2.7 s on a line of `[` and 2,000 spaces, 20 s
// on 4,000, some 20 minutes on 16,000 (the stall the timed regex audit, `npm run fuzz --
// --regex-audit`, hit), and every .toml file is sniffed. tomlSegments ignores blanks outside
// quotes, so the untrimmed name gives the same segments (checked against the old regex on two
// million random lines).
const TOML_TABLE = /^[ \t]*\[\[?([^\]\r\n]+)\]\]?[ \t]*(?:#.*)?$/;
const TOML_KEY = /^[ \t]*((?:"[^"\r\n]*"|'[^'\r\n]*'|[A-Za-z0-9_-]+)(?:[ \t]*\.[ \t]*(?:"[^"\r\n]*"|'[^'\r\n]*'|[A-Za-z0-9_-]+))*)[ \t]*=/;

function tomlSegments(key: string): string[] {
  const out: string[] = [];
  for (const m of key.matchAll(/"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+)/g)) out.push((m[1] ?? m[2] ?? m[3]!).toLowerCase());
  return out;
}

function tomlShape(text: string): Shape {
  const shape: Shape = new Map();
  const add = (segs: string[]) => {
    if (segs.length === 0) return;
    const set = shape.get(segs[0]!) ?? new Set<string>();
    shape.set(segs[0]!, set);
    if (segs[1]) set.add(segs[1]);
  };
  let table: string[] | undefined;
  for (const line of text.split(/\r?\n/, 4000)) {
    const tm = TOML_TABLE.exec(line);
    if (tm) {
      table = tomlSegments(tm[1]!);
      add(table);
      continue;
    }
    const km = TOML_KEY.exec(line);
    if (!km) continue;
    const segs = tomlSegments(km[1]!);
    if (!table) add(segs);
    else if (table.length === 1) add([table[0]!, segs[0]!]);
  }
  return shape;
}

export interface ShapeVerdict {
  static: boolean;
  dynamic: boolean;
}

/** Providers only Traefik has; `file`, `http`, `redis` … are common words in other configuration. */
const DISTINCT_PROVIDERS = new Set(['docker', 'swarm', 'kubernetescrd', 'kubernetesingress', 'kubernetesgateway', 'consulcatalog', 'nomad', 'ecs', 'providersthrottleduration']);

/**
 * Judges a shape: static when the evidence adds up to 2 (`entryPoints` and `certificatesResolvers`
 * are enough alone, a Traefik-only provider too), dynamic when a root holds its own kind of
 * children. `lenient` (the file name mentions Traefik) lets any static root count fully.
 */
export function judgeShape(shape: Shape, lenient = false): ShapeVerdict {
  if (shape.has('services') || (shape.has('apiversion') && shape.has('kind')) || shape.has('jobs')) return { static: false, dynamic: false };
  let score = 0;
  if (shape.has('entrypoints')) score += 2;
  if (shape.has('certificatesresolvers')) score += 2;
  const providers = shape.get('providers');
  if (providers) {
    if ([...providers].some((p) => DISTINCT_PROVIDERS.has(p))) score += 2;
    else if ([...providers].some((p) => PROVIDERS.has(p))) score += lenient ? 2 : 1;
  }
  const api = shape.get('api');
  if (api && [...api].some((k) => k === 'dashboard' || k === 'insecure' || k === 'debug' || k === 'basepath')) score += lenient ? 2 : 1;
  for (const k of ['log', 'accesslog', 'metrics', 'ping', 'global', 'serverstransport', 'experimental', 'tracing']) if (shape.has(k)) score += lenient ? 2 : 0.5;
  let dynamic = false;
  for (const [root, kids] of Object.entries(DYNAMIC_CHILDREN)) {
    const got = shape.get(root);
    if (got && [...got].some((k) => kids.has(k))) dynamic = true;
  }
  return { static: score >= 2, dynamic };
}

/** Reads a YAML or TOML text's top-level shape. */
export function shapeOf(path: string, text: string): Shape | undefined {
  const head = text.length > SNIFF_LIMIT ? text.slice(0, SNIFF_LIMIT) : text;
  if (/\.ya?ml$/i.test(path)) return yamlShape(head);
  if (/\.toml$/i.test(path)) return tomlShape(head);
  return undefined;
}

/** Content check for YAML and TOML files with other names. */
export function matchesTraefikContent(path: string, text: string): boolean {
  const shape = shapeOf(path, text);
  if (!shape) return false;
  const v = judgeShape(shape, /traefik/i.test(baseName(path)));
  return v.static || v.dynamic;
}
