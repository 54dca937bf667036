// Key vocabulary: which top-level keys make a file static or dynamic configuration, and how the
// flat forms (labels, flags, env) split into path segments with their offsets.

/** Top-level keys of the static (install) configuration, lower case (v2 and v3). */
export const STATIC_ROOTS = new Set([
  'global',
  'serverstransport',
  'tcpserverstransport',
  'entrypoints',
  'providers',
  'api',
  'metrics',
  'ping',
  'log',
  'accesslog',
  'tracing',
  'hostresolver',
  'certificatesresolvers',
  'experimental',
  'core',
  'spiffe',
  'ocsp',
  'pilot',
]);

/** Top-level keys of the dynamic (routing) configuration, lower case. */
export const DYNAMIC_ROOTS = new Set(['http', 'tcp', 'udp', 'tls']);

/** What each dynamic root holds; a root with none of these is not Traefik's. */
export const DYNAMIC_CHILDREN: Record<string, Set<string>> = {
  http: new Set(['routers', 'services', 'middlewares', 'serverstransports']),
  tcp: new Set(['routers', 'services', 'middlewares', 'serverstransports']),
  udp: new Set(['routers', 'services']),
  tls: new Set(['options', 'certificates', 'stores']),
};

/** Providers of the static configuration (v2 and v3), lower case. */
export const PROVIDERS = new Set([
  'docker',
  'swarm',
  'file',
  'kubernetescrd',
  'kubernetesingress',
  'kubernetesgateway',
  'consulcatalog',
  'nomad',
  'ecs',
  'consul',
  'etcd',
  'zookeeper',
  'redis',
  'http',
  'marathon',
  'rancher',
  'rest',
  'plugin',
  'providersthrottleduration',
]);

export interface KeySegment {
  /** Lower case. */
  name: string;
  /** As written. */
  raw: string;
  /** Offsets inside the key string. */
  start: number;
  end: number;
}

/**
 * Splits a flat key (`http.routers.api.tls.domains[0].main`) into segments on `sep`, turning
 * `name[0]` into the segments `name` and `0` (the index, as labels and flags write list items).
 */
export function splitKey(key: string, sep: '.' | '_', offset = 0): KeySegment[] {
  const out: KeySegment[] = [];
  let s = 0;
  for (let i = 0; i <= key.length; i++) {
    if (i < key.length && key[i] !== sep) continue;
    const part = key.slice(s, i);
    const m = /^(.*?)\[(\d+)\]$/.exec(part);
    if (m && m[1] !== '') {
      const nameEnd = s + m[1]!.length;
      out.push({ name: m[1]!.toLowerCase(), raw: m[1]!, start: offset + s, end: offset + nameEnd });
      out.push({ name: m[2]!, raw: m[2]!, start: offset + nameEnd + 1, end: offset + i - 1 });
    } else out.push({ name: part.toLowerCase(), raw: part, start: offset + s, end: offset + i });
    s = i + 1;
  }
  return out;
}

export const ENV_PREFIX = 'traefik_';

/** True for an environment variable Traefik reads (`TRAEFIK_` prefix, any case). */
export function isTraefikEnvName(name: string): boolean {
  return name.length > ENV_PREFIX.length && name.slice(0, ENV_PREFIX.length).toLowerCase() === ENV_PREFIX;
}

/** The label prefix Traefik's Docker and Swarm providers read (exact case, as paerser requires). */
export const LABEL_PREFIX = 'traefik.';
