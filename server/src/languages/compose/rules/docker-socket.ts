import { defineMeta } from '../../../engine/meta';
import type { Finding, Fix, LazyFixes, Range, RelatedLocation, Rule, TextEdit } from '../../../engine/types';
import { planned, plannedFix, type FixPlan } from '../../../engine/fix-plans';
import type { ComposeModel } from '../model';
import { scalarText } from '../tree';
import { subRange, type ServiceView, type Value, type VolumeSpec } from '../view';
import { projectView } from '../project';
import { canInsertServiceKey, flowScalar, insertMapKey, insertServiceKey, planAppendToSeq, planServiceKey, sequenceIndent } from '../edits';
import { interpolate } from '../interpolate';
import { editBaseTitle, fromBaseFile, originRelated, provenanceNote } from './shared';
import { editAnchorTitle, itemProvenance, rewriteItemFixes } from './list-fixes';

export const meta = defineMeta({
  id: 'compose/docker-socket',
  language: 'compose',
  title: 'Service mounts the Docker socket read-write',
  description:
    'A writable mount of the Docker, Podman, containerd or CRI-O socket, or `use_api_socket: true`: whoever controls the container can drive the container engine, and through it the host.',
  severity: 'error',
  fix: 'suggest',
  sources: [
    'M: "Access to the Docker socket = root-level access to the host system. The user running Mist can: Create privileged containers, Mount host filesystem, Escape container isolation"',
    'KICS: Docker Socket Mounted In Container (d6355c88)',
    'compose-lint CL-0001',
    'Semgrep: exposing-docker-socket-volume',
  ],
  peers: ['CL-0001'],
  tags: ['security', 'CWE-250', 'CWE-668'],
  securitySeverity: '9.0',
  precision: 'very-high',
});

const SOCKETS: Record<string, string> = {
  'docker.sock': 'the Docker socket',
  'podman.sock': 'the Podman socket',
  'containerd.sock': 'the containerd socket',
  'crio.sock': 'the CRI-O socket',
};

/** A bind mount of a container-engine socket. */
export interface SocketMount {
  volume: VolumeSpec;
  /** `the Docker socket`, `the Podman socket`, … */
  what: string;
}

/**
 * The engine socket a bind-mount source names, by its file name: `/var/run/docker.sock`,
 * `/run/user/1000/podman/podman.sock`, `${XDG_RUNTIME_DIR}/docker.sock` (the directory may be
 * unknown; the file name is not), `${DOCKER_SOCK:-/var/run/docker.sock}`.
 */
function socketOf(vol: VolumeSpec): string | undefined {
  const src = vol.source;
  if (!src) return undefined;
  let path = src.text;
  if (path === undefined) {
    // Only the directory may be unknown.
    const slash = src.raw.lastIndexOf('/');
    if (slash < 0 || src.raw.slice(slash).includes('$') || !src.raw.startsWith('$')) return undefined;
    path = src.raw;
  }
  path = path.trim().replace(/(?<!\/)\/+$/, '');
  if (!/^(?:\/|~|\$)/.test(path)) return undefined;
  const base = path.slice(path.lastIndexOf('/') + 1);
  return SOCKETS[base];
}

/**
 * Where a socket finding goes: a short-syntax item whole (source and options), the `source:`
 * value of a long-syntax mount.
 */
export function mountRange(vol: VolumeSpec): Range {
  return vol.syntax === 'long' && vol.source ? vol.source.range : vol.range;
}

/** Every socket bind mount of a service whose read-only state is known. */
export function socketMounts(svc: ServiceView): SocketMount[] {
  const out: SocketMount[] = [];
  for (const vol of svc.volumes) {
    if (vol.readOnly === undefined) continue;
    // Long syntax names the type; short syntax with an unknown source is a bind when the file name is a socket.
    if (vol.syntax === 'long' ? vol.type !== 'bind' : vol.type === 'volume') continue;
    const what = socketOf(vol);
    if (what) out.push({ volume: vol, what });
  }
  return out;
}

export function isTraefik(svc: ServiceView): boolean {
  const name = svc.image?.name;
  return !!name && name.slice(name.lastIndexOf('/') + 1).toLowerCase() === 'traefik';
}

/** True when the Traefik service already turns exposedByDefault off (command flag or TRAEFIK_* variable). */
function exposedByDefaultOff(svc: ServiceView): boolean {
  const texts: string[] = [];
  for (const e of svc.service.layers('command')) {
    const nodes = e.value.kind === 'seq' ? e.value.items.map((i) => i.value) : [e.value];
    for (const n of nodes) if (n.kind === 'scalar') texts.push(svc.view.interpolate(n).value ?? scalarText(n) ?? '');
  }
  if (texts.some((t) => /--providers\.docker\.exposedbydefault(?:=|\s+)false\b/i.test(t))) return true;
  return svc.environment.some((kv) => kv.key.toUpperCase() === 'TRAEFIK_PROVIDERS_DOCKER_EXPOSEDBYDEFAULT' && kv.value?.text?.trim().toLowerCase() === 'false');
}

/** The Traefik advice both socket rules add. */
export function traefikAdvice(svc: ServiceView): string {
  const expose = exposedByDefaultOff(svc) ? '' : ', and set providers.docker.exposedByDefault=false so that only labelled containers are routed';
  return `; Traefik only needs read access, so put a socket proxy that allows GET requests only in between${expose}`;
}

export const dockerSocket: Rule<ComposeModel> = {
  meta,
  check(model, ctx) {
    // The effective mounts across override files, `extends` and `include`; each reported in the
    // file that writes it.
    const view = projectView(model, ctx);
    const out: Finding[] = [];
    for (const svc of view.services) {
      const traefik = isTraefik(svc) ? traefikAdvice(svc) : '';
      for (const m of socketMounts(svc)) {
        if (m.volume.readOnly !== false) continue;
        if (m.volume.file !== undefined) {
          const b = fromBaseFile(svc, m.volume);
          if (b) {
            out.push({
              range: b.range,
              message: `Service "${svc.name}" mounts ${m.what} read-write${b.note}: anyone who controls this container controls the host${traefik}.`,
              related: b.related,
              lazyFixes: baseMountReadOnlyFixes(model, svc, m),
            });
          }
          continue;
        }
        const { note, related } = mountProvenance(model, svc, m.volume);
        out.push({
          range: mountRange(m.volume),
          message: `Service "${svc.name}" mounts ${m.what} read-write${note}: anyone who controls this container controls the host${traefik}.`,
          related,
          // Eager: whether the item can be rewritten depends on the edit's place in its text.
          fixes: readOnlyFixes(model, svc, m.volume),
        });
      }
      const api = svc.bool('use_api_socket');
      const apiBase = api?.bool === true && api.file !== undefined ? fromBaseFile(svc, api) : undefined;
      if (api && apiBase) {
        out.push({
          range: apiBase.range,
          message: `Service "${svc.name}" sets use_api_socket${apiBase.note}: Compose mounts the Docker socket and your registry credentials into the container, so anyone who controls it controls the host${traefik}.`,
          related: apiBase.related,
          lazyFixes: apiFixes(model, svc, api),
        });
      }
      if (api?.bool === true && api.file === undefined) {
        out.push({
          range: api.range,
          message: `Service "${svc.name}" sets use_api_socket${provenanceNote(api)}: Compose mounts the Docker socket and your registry credentials into the container, so anyone who controls it controls the host${traefik}.`,
          related: originRelated(svc.name, api),
          lazyFixes: apiFixes(model, svc, api),
        });
      }
    }
    return out;
  },
};

/** Where a mount came from; the interpolation note is about its source path. */
export function mountProvenance(model: ComposeModel, svc: ServiceView, vol: VolumeSpec): { note: string; related: RelatedLocation[] } {
  const raw = vol.source?.raw;
  const iv = raw === undefined ? { state: 'literal' as const, vars: [] } : interpolate(raw, svc.view.env.vars);
  return itemProvenance(model, svc, 'volumes', vol.node, { via: vol.via, iv, raw, text: iv.value, layer: vol.layer });
}

/** The edit that makes one volume read-only, and the item's text after it when it is one line. */
function readOnlyEdit(model: ComposeModel, vol: VolumeSpec): { edit: TextEdit; itemText?: string } | undefined {
  const node = vol.node;
  let edit: TextEdit | undefined;
  if (node.kind === 'scalar') {
    const raw = scalarText(node) ?? '';
    if (vol.modeRange && vol.modes.length > 0) {
      const modes = ['ro', ...vol.modes.filter((m) => m !== 'rw' && m !== 'ro')].join(',');
      const r = subRange(model, node, raw.length, raw.length);
      if (!r.exact) return undefined;
      edit = { range: vol.modeRange, newText: modes };
    } else {
      const r = subRange(model, node, raw.length, raw.length);
      if (!r.exact) return undefined;
      edit = { range: r.range, newText: ':ro' };
    }
  } else if (node.kind === 'map') {
    const ro = node.byKey.get('read_only');
    if (ro && ro.via.length === 0) edit = { range: ro.value.range, newText: 'true' };
    else if (!ro) edit = insertMapKey(model, node, 'read_only', { lines: [], inline: 'true', flowValue: 'true' });
  }
  if (!edit || !node.node?.range) return undefined;
  const [s, e] = node.node.range;
  const es = model.index.offsetAt(edit.range.start);
  const ee = model.index.offsetAt(edit.range.end);
  const text = model.index.text;
  const oneLine = node.range.start.line === node.range.end.line && es >= s && ee <= e;
  return { edit, itemText: oneLine ? text.slice(s, es) + edit.newText + text.slice(ee, e) : undefined };
}

function readOnlyFixes(model: ComposeModel, svc: ServiceView, vol: VolumeSpec): Fix[] {
  const r = readOnlyEdit(model, vol);
  const title = `Mount ${socketOf(vol) ?? 'the socket'} read-only`;
  return rewriteItemFixes(model, svc, 'volumes', vol.node, title, r && [r.edit], r?.itemText);
}

/**
 * A read-write socket mount from a base in another file: Compose keeps one mount per target
 * across `extends` (13-merge.md), the service's own winning, so the service's own read-only
 * mount of the same socket on the same target replaces the base's.
 */
function baseMountReadOnlyFixes(model: ComposeModel, svc: ServiceView, m: SocketMount): LazyFixes | undefined {
  const item = readOnlyItem(m.volume);
  const def = svc.service.localDefinition;
  if (item === undefined || !def || def.aliasSite) return undefined;
  const title = `Mount ${m.what} read-only in service "${svc.name}"`;
  const own = def.map?.byKey.get('volumes');
  if (own) {
    const edit = own.value.kind === 'seq' && own.via.length === 0 && !own.aliasRange ? planAppendToSeq(model, own.value, item) : undefined;
    return plannedFix('suggest', title, edit && (() => [edit()]));
  }
  // No `volumes:` of its own yet: one insertion that carries every such mount of the service,
  // identical for each of their findings, so that applying several never writes the key twice.
  const items = () =>
    socketMounts(svc)
      .filter((o) => o.volume.readOnly === false && o.volume.file !== undefined && fromBaseFile(svc, o.volume))
      .map((o) => readOnlyItem(o.volume))
      .filter((t): t is string => t !== undefined);
  if (!canInsertServiceKey(model, def)) return undefined;
  return {
    best: 'suggest',
    make: () => {
      const texts = items();
      const edit = insertServiceKey(model, def, 'volumes', { lines: texts.map((t) => `${sequenceIndent(model)}- ${t}`), flowValue: `[${texts.map(flowScalar).join(', ')}]` })!;
      return [{ title: texts.length > 1 ? `Mount the inherited sockets read-only in service "${svc.name}"` : title, kind: 'suggest', edits: [edit] }];
    },
  };
}

/** `source:target:ro` for a mount (its other options kept), when it can be written as one. */
function readOnlyItem(vol: VolumeSpec): string | undefined {
  const src = vol.source?.raw;
  const tgt = vol.target?.raw;
  // (A `:` inside `${VAR:-…}` would be read as a separator once interpolated: not attempted.)
  if (src === undefined || tgt === undefined || /[\s,:]/.test(src + tgt)) return undefined;
  return `${src}:${tgt}:${['ro', ...vol.modes.filter((x) => x !== 'rw' && x !== 'ro')].join(',')}`;
}

function apiFixes(model: ComposeModel, svc: ServiceView, v: Value): LazyFixes | undefined {
  const entry = svc.entry('use_api_socket');
  if (!entry) return undefined;
  const title = `Set use_api_socket: false in service "${svc.name}"`;
  if (v.via.length === 0 && !v.layer?.inherited) return plannedFix('suggest', title, () => [{ range: entry.aliasRange ?? v.range, newText: 'false' }]);
  const out: FixPlan[] = [];
  // From an anchor, or an `extends` base: this service's own key wins over the merged one.
  const def = v.layer?.inherited ? svc.service.localDefinition : svc.service.definitionOf(entry);
  const ins = def && !def.aliasSite ? planServiceKey(model, def, 'use_api_socket', () => ({ lines: [], inline: 'false', flowValue: 'false' })) : undefined;
  if (ins) out.push({ title, kind: 'suggest', edits: () => [ins()] });
  // A base in another file is edited there (its own finding offers that).
  if (v.file !== undefined) return planned(out);
  const shared = () => {
    const anchor = [...v.via].reverse().find((s) => s.anchor)?.anchor;
    const sharing = svc.view.services.filter((s) => s.entry('use_api_socket')?.value === v.node && s.bool('use_api_socket')?.bool === true).length;
    const base = v.via.length === 0 ? v.layer?.inherited?.service : undefined;
    return base ? editBaseTitle(base, sharing) : editAnchorTitle(anchor, sharing);
  };
  out.push({ title: shared, kind: 'suggest', edits: () => [{ range: v.range, newText: 'false' }] });
  return planned(out);
}
