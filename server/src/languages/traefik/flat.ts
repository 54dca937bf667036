// The flat forms — labels (`traefik.http.routers.api.rule=…`), flags (`--api.insecure=true`)
// and environment variables (`TRAEFIK_API_INSECURE=true`) — become the same tree as a file.
// A value given both to a path and below it (`--providers.docker` and
// `--providers.docker.exposedbydefault=false`) is kept as the map's `self`.
import type { Range } from '../../engine/types';
import { emptyMap, type Decl, type TField, type TMap, type TScalar } from './model';

export interface FlatSegment {
  name: string;
  raw: string;
  range: Range;
  exact: boolean;
}

export interface FlatEntry {
  segments: FlatSegment[];
  value: TScalar;
  decl?: Decl;
}

/** Builds one tree from flat entries; a later entry for the same path wins (as in Traefik). */
export function buildFlatTree(entries: FlatEntry[], range: Range): TMap {
  const root = emptyMap(range);
  for (const e of entries) insertFlat(root, e);
  return root;
}

function seen(f: TField, seg: FlatSegment): void {
  (f.occurrences ??= []).push({ range: seg.range, exact: seg.exact });
}

export function insertFlat(root: TMap, e: FlatEntry): void {
  if (e.segments.length === 0) return;
  let m = root;
  for (let i = 0; i < e.segments.length - 1; i++) {
    const seg = e.segments[i]!;
    let f = m.byName.get(seg.name);
    if (!f) {
      f = { name: seg.name, raw: seg.raw, keyRange: seg.range, keyExact: seg.exact, node: emptyMap(seg.range) };
      m.fields.push(f);
      m.byName.set(seg.name, f);
    }
    seen(f, seg);
    if (f.node.kind !== 'map') {
      const map = emptyMap(f.node.range);
      if (f.node.kind === 'scalar') map.self = f.node;
      f.node = map;
    }
    m = f.node as TMap;
  }
  const last = e.segments[e.segments.length - 1]!;
  const prev = m.byName.get(last.name);
  if (prev && prev.node.kind === 'map') {
    seen(prev, last);
    prev.node.self = e.value;
    if (e.decl) prev.decl = e.decl;
    return;
  }
  const f: TField = { name: last.name, raw: last.raw, keyRange: last.range, keyExact: last.exact, node: e.value };
  seen(f, last);
  if (e.decl) f.decl = e.decl;
  if (prev) m.fields.splice(m.fields.indexOf(prev), 1);
  m.fields.push(f);
  m.byName.set(last.name, f);
}

/**
 * Leaf names of boolean or section options that flags may give without a value
 * (`--api.insecure`, `--providers.docker`): the next word is then not their value.
 */
const FLAG_SWITCHES = new Set([
  'api',
  'insecure',
  'dashboard',
  'debug',
  'docker',
  'swarm',
  'file',
  'ping',
  'accesslog',
  'metrics',
  'prometheus',
  'watch',
  'exposedbydefault',
  'permanent',
  'insecureskipverify',
  'tlschallenge',
  'httpchallenge',
  'dnschallenge',
  'sendanonymoususage',
  'checknewversion',
  'allowemptyservices',
  'usebindportip',
  'swarmmode',
  'addinternals',
  'passhostheader',
  'proxyprotocol',
  'forwardedheaders',
  'kubernetescrd',
  'kubernetesingress',
  'kubernetesgateway',
  'consulcatalog',
  'nomad',
  'ecs',
  'http3',
  'sanitizepath',
  'allowcrossnamespace',
  'allowexternalnameservices',
]);

export function isFlagSwitch(lastSegment: string): boolean {
  return FLAG_SWITCHES.has(lastSegment.toLowerCase());
}
