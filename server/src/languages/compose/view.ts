// The view rules read: each service after interpolation with the `.env` beside the file, and
// every short and long syntax normalised (ports, volumes, environment, labels, security_opt,
// capabilities, build, image, healthcheck). Built lazily per (model, .env text) and memoised,
// because parsing has no rule context and the `.env` can change while the compose file does not.
import { quotedVerbatim } from '../../engine/text';
import type { Range, RuleContext } from '../../engine/types';
import type { ComposeModel, ComposeService, LayerEntry, ServiceDefinition } from './model';
import type { CEntry, CMap, CNode, CScalar, MergeSite } from './tree';
import { scalarText } from './tree';
import { interpolate, parseComposeBool, parseEnvFile, type EnvVars, type Interpolated } from './interpolate';
import { blockOffset, mapBlockScalar, type BlockMap } from '../../yaml/block-map';
import { MemoSlot } from '../../engine/memo-slot';

/** Where a normalised value was written, and the `<<` sites that brought it into the service. */
export interface Origin {
  range: Range;
  via: MergeSite[];
  /**
   * The file `range` is in when it is not the linted file (project views read other compose
   * files: override files, `extends` bases, includes). Such a value is reported at its range by
   * that file's own lint, never here; when it reaches a service of the linted file through that
   * service's own `extends: {file: …}`, the linted file reports it at the `extends` key
   * (rules/shared.ts fromBaseFile).
   */
  file?: string;
  /** The service definition (layer) the value was read from: `layer.inherited` says it came through `extends` or `include`. */
  layer?: ServiceDefinition;
}

/** A scalar as Compose will read it. */
export interface Value extends Origin {
  node: CScalar;
  /** The text as written (YAML booleans and numbers as text); undefined for null. */
  raw: string | undefined;
  /** After interpolation. */
  iv: Interpolated;
  /** Interpolated text; undefined when unknown (or null). */
  text: string | undefined;
}

/** Part of a short-syntax string (`127.0.0.1` in `127.0.0.1:80:80`). */
export interface Part {
  /** After interpolation; undefined when unknown. */
  text: string | undefined;
  /** As written. */
  raw: string;
  /** The part's own span when it can be located exactly, else the whole value. */
  range: Range;
  exact: boolean;
  state: Interpolated['state'];
}

export interface PortSpec extends Origin {
  node: CNode;
  syntax: 'short' | 'long';
  /** Host address; undefined when none is written (all interfaces). IPv6 without brackets. */
  hostIp?: Part;
  /** Host port or range (`8000-8010`); undefined or empty text = an ephemeral host port. */
  published?: Part;
  /** Container port or range. */
  target?: Part;
  /** Lower-case protocol, `tcp` when not written. */
  protocol: string;
  mode?: string;
  name?: string;
  appProtocol?: string;
}

export type VolumeType = 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'image' | 'cluster';

export interface VolumeSpec extends Origin {
  node: CNode;
  syntax: 'short' | 'long';
  /** undefined when it cannot be told (an unknown variable in the source). */
  type?: VolumeType;
  source?: Part;
  target?: Part;
  /** True for `:ro` / `read_only: true`; undefined when unknown. */
  readOnly: boolean | undefined;
  /** Short-syntax options after the target (`ro`, `z`, `rshared`, …), as written. */
  modes: string[];
  /** The options part of a short volume (`ro,z`), exact when locatable. */
  modeRange?: Range;
  propagation?: string;
  selinux?: string;
  createHostPath?: boolean;
}

export interface KeyValue extends Origin {
  key: string;
  keyRange: Range;
  /** undefined: no value written (`- KEY`, `KEY:`), Compose passes the variable through. */
  value?: Part;
  form: 'list' | 'map';
  node: CNode;
}

export interface SecurityOpt extends Origin {
  node: CNode;
  value: Value;
  /** The option name as Docker compares it (`no-new-privileges`, `seccomp`, `apparmor`, `label`). */
  name?: string;
  /** The part after `:` or `=`. */
  arg?: string;
  sep?: ':' | '=';
}

export interface Capability extends Origin {
  node: CNode;
  value: Value;
  /** Upper case without `CAP_` (`SYS_ADMIN`); undefined when unknown. */
  name?: string;
}

export interface BuildSpec extends Origin {
  form: 'string' | 'map';
  context?: Value;
  dockerfile?: Value;
  dockerfileInline?: Value;
  target?: Value;
  args: KeyValue[];
}

export interface ImageSpec extends Value {
  /** Parsed from the interpolated text. */
  name?: string;
  tag?: string;
  digest?: string;
}

export interface HealthcheckSpec extends Origin {
  entry: CEntry;
  /** `disable: true` or `test: ["NONE"]`. */
  disabled: boolean;
  /** The value that turns it off: the `disable` value, or the `NONE` of `test`. */
  disabledBy?: Value;
  test?: CNode;
  /** The effective `test` entry (for edits), with its definition. */
  testEntry?: LayerEntry;
}

/** One `env_file` entry (string, or `{path, required}`). */
export interface EnvFileRef extends Origin {
  node: CNode;
  /** The path as written and as Compose reads it (`text` undefined when a variable is unknown). */
  path: Value;
  /** `required:` when written (`false`: a missing file is fine). */
  required?: boolean;
}

export interface EnvFileInfo {
  path: string;
  exists: boolean;
  vars: EnvVars;
}

function originOf(view: ComposeView, node: CNode, via: MergeSite[], layer: ServiceDefinition | undefined): Origin {
  return { range: node.range, via, file: view.fileOf(node), layer };
}

/** Options of a view over more than the file itself (project.ts builds them). */
export interface ComposeViewOptions {
  /** The services to view (merged across files); default: the model's own. */
  services?: ComposeService[];
  /** Variables for nodes of other files (an `include` with its own `.env`), by file path. */
  envs?: ReadonlyMap<string, EnvVars>;
  /** Whether a service's missing settings are judged in this file (see ServiceView.judgedHere). */
  judged?: (service: ComposeService) => boolean;
}

export class ComposeView {
  readonly services: ServiceView[];
  // Interpolations of the scalars whose own memo (CScalar.memoOwner) another view holds. A Map,
  // not a WeakMap: the view lives as long as its model, and a large ephemeron table makes every
  // young-generation GC walk it (quadratic on big files).
  private memo: Map<CScalar, Interpolated> | undefined;
  constructor(
    readonly model: ComposeModel,
    readonly env: EnvFileInfo,
    readonly options: ComposeViewOptions = {},
  ) {
    this.services = (options.services ?? model.services).map((s) => new ServiceView(this, s));
  }

  /** The file a node's text is in, when it is not the linted file. */
  fileOf(node: CNode): string | undefined {
    const p = node.src?.path;
    return p !== undefined && p !== this.model.path ? p : undefined;
  }

  /** Whether a service's missing settings are judged here (see ServiceView.judgedHere). */
  judged(service: ComposeService): boolean {
    if (this.options.judged) return this.options.judged(service);
    return !this.model.isOverride && !service.has('extends');
  }

  private varsFor(node: CNode): EnvVars {
    const file = this.fileOf(node);
    return (file !== undefined ? this.options.envs?.get(file) : undefined) ?? this.env.vars;
  }

  service(name: string): ServiceView | undefined {
    return this.services.find((s) => s.name === name);
  }

  /** The interpolated reading of a scalar (memoised per node). */
  interpolate(node: CScalar): Interpolated {
    if (node.memoOwner === this) return node.memoValue as Interpolated;
    let r = node.memoOwner === undefined ? undefined : this.memo?.get(node);
    if (!r) {
      const raw = scalarText(node);
      r = raw === undefined ? { state: node.truncated ? 'unknown' : 'literal', value: undefined, vars: [] } : interpolate(raw, this.varsFor(node));
      if (node.memoOwner === undefined) {
        node.memoOwner = this;
        node.memoValue = r;
      } else (this.memo ??= new Map()).set(node, r);
    }
    return r;
  }

  /** A scalar node as a Value; undefined for collections. `layer`: the definition it was read from. */
  value(node: CNode, via: MergeSite[], range?: Range, layer?: ServiceDefinition): Value | undefined {
    if (node.kind !== 'scalar') return undefined;
    const iv = this.interpolate(node);
    return { node, range: range ?? node.range, via, file: this.fileOf(node), layer, raw: scalarText(node), iv, text: iv.value };
  }

  /**
   * A slice `[start, end)` of a scalar's text as a Part, located exactly when the source allows.
   * `blocks`: inside a block scalar too (a slice within one line of its body, `blockSubRange`).
   */
  part(node: CScalar, start: number, end: number, blocks = false): Part {
    const raw = (scalarText(node) ?? '').slice(start, end);
    const iv = interpolate(raw, this.varsFor(node));
    const { range, exact } = blocks ? blockSubRange(this.model, node, start, end) : subRange(this.model, node, start, end);
    return { text: iv.value, raw, range, exact, state: iv.state };
  }

  /** A whole scalar as a Part. */
  wholePart(node: CScalar): Part {
    const iv = this.interpolate(node);
    return { text: iv.value, raw: scalarText(node) ?? '', range: node.range, exact: true, state: iv.state };
  }
}

/**
 * The exact range of `[start, end)` of a scalar's value when its source spells the value verbatim
 * (in the node's own file: a node read from another compose file carries its line index).
 */
export function subRange(model: ComposeModel, node: CScalar, start: number, end: number): { range: Range; exact: boolean } {
  const raw = scalarText(node);
  const r0 = node.node?.range?.[0];
  if (raw !== undefined && r0 !== undefined) {
    let inner: number | undefined;
    if ((node.type === 'PLAIN' || typeof node.value !== 'string') && node.source === raw) inner = r0;
    else if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && quotedVerbatim(node.source, raw)) inner = r0 + 1;
    const index = node.src?.index ?? model.index;
    if (inner !== undefined) return { range: index.rangeOf(inner + start, inner + end), exact: true };
  }
  return { range: node.range, exact: false };
}

/** Whether subRange locates slices of a scalar exactly (the same test, without building a range). */
export function exactSource(node: CScalar): boolean {
  const raw = scalarText(node);
  if (raw === undefined || node.node?.range?.[0] === undefined) return false;
  if ((node.type === 'PLAIN' || typeof node.value !== 'string') && node.source === raw) return true;
  return (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && quotedVerbatim(node.source, raw);
}

// On the node (MemoSlot), not in a WeakMap keyed by per-parse nodes: see engine/memo-slot.ts.
const blockMaps = new MemoSlot<CScalar, BlockMap | null>();

/** The map of a block scalar's value onto its source (memoised per node); undefined for other scalars. */
export function blockMapOf(node: CScalar): BlockMap | undefined {
  if (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED') return undefined;
  let m = blockMaps.get(node);
  if (m === undefined) {
    const raw = scalarText(node);
    m = (raw !== undefined && mapBlockScalar(node.source, raw)) || null;
    blockMaps.set(node, m);
  }
  return m ?? undefined;
}

/**
 * `subRange`, and inside a block scalar (`|`, `>`) as well: a slice lying within one line of the
 * body is located exactly; one that spans a line break (or a fold) is not. Opt-in, because a fix
 * that edits inside a block scalar must keep its lines (only the Traefik flags of `command:` do so
 * today).
 */
export function blockSubRange(model: ComposeModel, node: CScalar, start: number, end: number): { range: Range; exact: boolean } {
  const map = blockMapOf(node);
  const r0 = node.node?.range?.[0];
  if (!map || r0 === undefined) return subRange(model, node, start, end);
  const at = blockOffset(map, start, end);
  if (at === undefined) return { range: node.range, exact: false };
  const index = node.src?.index ?? model.index;
  return { range: index.rangeOf(r0 + at, r0 + at + (end - start)), exact: true };
}

/** Replaces `${…}` bodies by `x` so that splitting on `:` `/` `,` ignores them; same length. */
function mask(raw: string): string {
  // Most ports and volumes hold no `${`: nothing to mask (and no string built char by char).
  if (!raw.includes('${')) return raw;
  let out = '';
  let i = 0;
  while (i < raw.length) {
    if (raw[i] === '$' && raw[i + 1] === '{') {
      let depth = 0;
      let j = i;
      for (; j < raw.length; j++) {
        if (raw[j] === '{') depth++;
        else if (raw[j] === '}' && --depth === 0) break;
      }
      out += 'x'.repeat(Math.min(j, raw.length - 1) - i + 1);
      i = j + 1;
    } else {
      out += raw[i];
      i++;
    }
  }
  return out.slice(0, raw.length);
}

/** Splits on a separator outside `${…}`, returning [start, end) offsets. */
function splitOffsets(raw: string, sep: string, from = 0, to = raw.length): Array<[number, number]> {
  const m = mask(raw);
  const out: Array<[number, number]> = [];
  let s = from;
  for (let i = from; i < to; i++) {
    if (m[i] === sep) {
      out.push([s, i]);
      s = i + 1;
    }
  }
  out.push([s, to]);
  return out;
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Go's strconv.ParseBool, which Docker uses for `no-new-privileges:<bool>`. */
export function goParseBool(s: string): boolean | undefined {
  return GO_TRUE.has(s) ? true : GO_FALSE.has(s) ? false : undefined;
}

export function parseImageRef(text: string): { name: string; tag?: string; digest?: string } {
  let rest = text.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, digest };
}

export class ServiceView {
  private readonly cache = new Map<string, unknown>();
  constructor(
    readonly view: ComposeView,
    readonly service: ComposeService,
  ) {}

  get name(): string {
    return this.service.name;
  }
  get keyRange(): Range {
    return this.service.keyRange;
  }

  /**
   * True when this file judges (and reports) what the service lacks: it holds the service's first
   * own definition in the project and every `extends`/`include` base could be read. False in an
   * override file whose base defines the service, or for a service whose base is unknown. Rules
   * about missing hardening skip a service when it is false.
   */
  get judgedHere(): boolean {
    return this.view.judged(this.service);
  }

  private memo<T>(key: string, f: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, f());
    return this.cache.get(key) as T;
  }

  /** The effective entry for a key (last layer), with the definition it comes from in `def`. */
  entry(key: string): LayerEntry | undefined {
    return this.service.get(key);
  }

  /** A scalar key's value (`user`, `network_mode`, `pid`, …); undefined when absent or not a scalar. */
  scalar(key: string): Value | undefined {
    const e = this.service.get(key);
    return e ? this.view.value(e.value, e.via, undefined, e.def) : undefined;
  }

  /** A nested scalar (`['deploy','resources','limits','memory']`). */
  scalarAt(path: string[]): Value | undefined {
    const e = this.service.at(path);
    return e ? this.view.value(e.value, e.via, undefined, e.def) : undefined;
  }

  /**
   * A boolean key (`privileged`, `read_only`, `init`): YAML booleans, and strings Compose casts
   * (`"true"`, `yes`, `on`, any case), after interpolation. `bool` is undefined when unknown.
   */
  bool(key: string): (Value & { bool: boolean | undefined }) | undefined {
    const v = this.scalar(key);
    if (!v) return undefined;
    const b = typeof v.node.value === 'boolean' ? v.node.value : v.text === undefined ? undefined : parseComposeBool(v.text);
    return { node: v.node, range: v.range, via: v.via, file: v.file, layer: v.layer, raw: v.raw, iv: v.iv, text: v.text, bool: b };
  }

  get image(): ImageSpec | undefined {
    return this.memo('image', () => {
      const v = this.scalar('image');
      if (!v) return undefined;
      if (v.text === undefined) return v;
      const ref = parseImageRef(v.text);
      return { node: v.node, range: v.range, via: v.via, file: v.file, layer: v.layer, raw: v.raw, iv: v.iv, text: v.text, name: ref.name, tag: ref.tag, digest: ref.digest };
    });
  }

  get user(): Value | undefined {
    return this.scalar('user');
  }

  get networkMode(): Value | undefined {
    return this.scalar('network_mode');
  }

  /** Items of a list key across layers, each with the merge sites and the definition of the entry that holds it. */
  items(key: string): Array<{ node: CNode; range: Range; via: MergeSite[]; file?: string; layer?: ServiceDefinition }> {
    const out: Array<{ node: CNode; range: Range; via: MergeSite[]; file?: string; layer?: ServiceDefinition }> = [];
    const push = (node: CNode, e: LayerEntry) => out.push({ node, range: node.range, via: e.via, file: this.view.fileOf(node), layer: e.def });
    for (const e of this.service.layers(key)) {
      if (e.value.kind === 'seq') for (const it of e.value.items) push(it.value, e);
      else if (e.value.kind === 'scalar' && scalarText(e.value) !== undefined) push(e.value, e);
    }
    return out;
  }

  get ports(): PortSpec[] {
    return this.memo('ports', () => this.items('ports').map((it) => this.port(it.node, it.via, it.layer)).filter((p): p is PortSpec => !!p));
  }

  private port(node: CNode, via: MergeSite[], layer: ServiceDefinition | undefined): PortSpec | undefined {
    const o = originOf(this.view, node, via, layer);
    if (node.kind === 'map') {
      const part = (k: string) => {
        const e = node.byKey.get(k);
        return e && e.value.kind === 'scalar' && scalarText(e.value) !== undefined ? this.view.wholePart(e.value) : undefined;
      };
      const str = (k: string) => part(k)?.text;
      return {
        range: o.range,
        via: o.via,
        file: o.file,
        layer: o.layer,
        node,
        syntax: 'long',
        target: part('target'),
        published: part('published'),
        hostIp: part('host_ip'),
        protocol: (str('protocol') ?? 'tcp').toLowerCase(),
        mode: str('mode'),
        name: str('name'),
        appProtocol: str('app_protocol'),
      };
    }
    if (node.kind !== 'scalar') return undefined;
    const raw = scalarText(node);
    if (raw === undefined) return undefined;
    const m = mask(raw);
    let end = raw.length;
    let protocol = 'tcp';
    const slash = m.lastIndexOf('/');
    if (slash >= 0) {
      protocol = this.view.part(node, slash + 1, raw.length).text?.toLowerCase() ?? 'tcp';
      end = slash;
    }
    const parts = splitOffsets(raw, ':', 0, end);
    const n = parts.length;
    const at = (i: number) => this.view.part(node, parts[i]![0], parts[i]![1]);
    let hostIp: Part | undefined;
    if (n >= 3) {
      const s = parts[0]![0];
      const t = parts[n - 3]![1];
      const ip = this.view.part(node, s, t);
      if (ip.raw.startsWith('[') && ip.raw.endsWith(']')) {
        const inner = this.view.part(node, s + 1, t - 1);
        hostIp = { text: inner.text, raw: inner.raw, range: ip.range, exact: ip.exact, state: inner.state };
      } else hostIp = ip;
    }
    // One literal with every field (see volume()).
    return {
      range: o.range,
      via: o.via,
      file: o.file,
      layer: o.layer,
      node,
      syntax: 'short',
      hostIp,
      published: n >= 2 ? at(n - 2) : undefined,
      target: at(n - 1),
      protocol,
      mode: undefined,
      name: undefined,
      appProtocol: undefined,
    };
  }

  get volumes(): VolumeSpec[] {
    return this.memo('volumes', () => {
      const all = this.items('volumes').map((it) => this.volume(it.node, it.via, it.layer)).filter((v): v is VolumeSpec => !!v);
      // Across layers a later mount on the same target replaces the earlier one (13-merge.md).
      const byTarget = new Map<string, VolumeSpec>();
      const out: VolumeSpec[] = [];
      for (const v of all) {
        const t = v.target?.text;
        if (t !== undefined) {
          const prev = byTarget.get(t);
          if (prev) out.splice(out.indexOf(prev), 1);
          byTarget.set(t, v);
        }
        out.push(v);
      }
      return out;
    });
  }

  private volume(node: CNode, via: MergeSite[], layer: ServiceDefinition | undefined): VolumeSpec | undefined {
    const o = originOf(this.view, node, via, layer);
    if (node.kind === 'map') {
      const sc = (m: CMap | undefined, k: string) => {
        const e = m?.byKey.get(k);
        return e && e.value.kind === 'scalar' && scalarText(e.value) !== undefined ? e.value : undefined;
      };
      const part = (m: CMap | undefined, k: string) => {
        const s = sc(m, k);
        return s ? this.view.wholePart(s) : undefined;
      };
      const boolOf = (m: CMap | undefined, k: string): boolean | undefined => {
        const s = sc(m, k);
        if (!s) return false;
        if (typeof s.value === 'boolean') return s.value;
        const t = this.view.interpolate(s).value;
        return t === undefined ? undefined : parseComposeBool(t);
      };
      const typeText = part(node, 'type')?.text;
      const bind = node.byKey.get('bind')?.value;
      const bindMap = bind?.kind === 'map' ? bind : undefined;
      const chp = boolOf(bindMap, 'create_host_path');
      return {
        range: o.range,
        via: o.via,
        file: o.file,
        layer: o.layer,
        node,
        syntax: 'long',
        type: (typeText as VolumeType | undefined) ?? (part(node, 'type') ? undefined : 'volume'),
        source: part(node, 'source'),
        target: part(node, 'target'),
        readOnly: boolOf(node, 'read_only'),
        modes: [],
        propagation: part(bindMap, 'propagation')?.text,
        selinux: part(bindMap, 'selinux')?.text,
        modeRange: undefined,
        createHostPath: sc(bindMap, 'create_host_path') ? chp : undefined,
      };
    }
    if (node.kind !== 'scalar') return undefined;
    const raw = scalarText(node);
    if (raw === undefined) return undefined;
    const parts = splitVolume(raw);
    // Built in one literal with every field (not a spread plus additions): V8 keeps one shape
    // for all of them, which made this several times faster.
    let source: Part | undefined;
    let target: Part;
    let readOnly: boolean | undefined = false;
    let modes: string[] = [];
    let modeRange: Range | undefined;
    let propagation: string | undefined;
    let selinux: string | undefined;
    let type: VolumeType | undefined;
    if (parts.length === 1) {
      target = this.view.part(node, parts[0]![0], parts[0]![1]);
      type = 'volume';
    } else {
      source = this.view.part(node, parts[0]![0], parts[0]![1]);
      target = this.view.part(node, parts[1]![0], parts[1]![1]);
      if (parts.length >= 3) {
        const m = this.view.part(node, parts[2]![0], parts[parts.length - 1]![1]);
        modeRange = m.range;
        if (m.text === undefined) readOnly = undefined;
        else {
          modes = m.text.split(',').map((x) => x.trim()).filter((x) => x !== '');
          if (modes.includes('ro')) readOnly = true;
          propagation = modes.find((x) => PROPAGATION.test(x));
          selinux = modes.find((x) => x === 'z' || x === 'Z');
        }
      }
      const src = source.text;
      type = src === undefined ? undefined : isHostPath(src) ? 'bind' : 'volume';
    }
    return { range: o.range, via: o.via, file: o.file, layer: o.layer, node, syntax: 'short', type, source, target, readOnly, modes, propagation, selinux, modeRange, createHostPath: undefined };
  }

  get environment(): KeyValue[] {
    return this.memo('environment', () => this.keyValues(this.service.layers('environment')));
  }

  get labels(): KeyValue[] {
    return this.memo('labels', () => this.keyValues(this.service.layers('labels')));
  }

  /** `environment`, `labels`, `build.args`, `sysctls`… in list or map form; a later key wins. */
  keyValues(entries: readonly CEntry[]): KeyValue[] {
    const byKey = new Map<string, KeyValue>();
    for (const e of entries) {
      const v = e.value;
      const layer = (e as LayerEntry).def;
      const file = this.view.fileOf(v);
      if (v.kind === 'map') {
        for (const me of v.entries) {
          // `via` arrays are never written to: share one when the other side adds nothing.
          const via = me.via.length === 0 ? e.via : e.via.length === 0 ? me.via : [...e.via, ...me.via];
          const val = me.value;
          const has = val.kind === 'scalar' && scalarText(val) !== undefined;
          byKey.delete(me.key);
          byKey.set(me.key, {
            range: me.keyRange,
            via,
            file,
            layer,
            key: me.key,
            keyRange: me.keyRange,
            value: has ? this.view.wholePart(val as CScalar) : undefined,
            form: 'map',
            node: val,
          });
        }
      } else if (v.kind === 'seq') {
        for (const it of v.items) {
          const n = it.value;
          if (n.kind !== 'scalar') continue;
          const raw = scalarText(n);
          if (raw === undefined) continue;
          const eq = raw.indexOf('=');
          const keyEnd = eq < 0 ? raw.length : eq;
          const key = raw.slice(0, keyEnd).trim();
          if (key === '') continue;
          byKey.delete(key);
          byKey.set(key, {
            range: n.range,
            via: e.via,
            file,
            layer,
            key,
            keyRange: subRange(this.view.model, n, 0, keyEnd).range,
            value: eq < 0 ? undefined : this.view.part(n, eq + 1, raw.length),
            form: 'list',
            node: n,
          });
        }
      }
    }
    return [...byKey.values()];
  }

  get securityOpt(): SecurityOpt[] {
    return this.memo('security_opt', () => {
      const out: SecurityOpt[] = [];
      for (const it of this.items('security_opt')) {
        const value = this.view.value(it.node, it.via, undefined, it.layer);
        if (!value) continue;
        const opt: SecurityOpt = { range: it.range, via: it.via, file: it.file, layer: it.layer, node: it.node, value };
        const t = value.text;
        if (t !== undefined) {
          // Docker splits on `=` first, then (legacy form) on `:`; `no-new-privileges` may stand alone.
          const eq = t.indexOf('=');
          const colon = t.indexOf(':');
          if (eq >= 0) {
            opt.name = t.slice(0, eq);
            opt.arg = t.slice(eq + 1);
            opt.sep = '=';
          } else if (t !== 'no-new-privileges' && colon >= 0) {
            opt.name = t.slice(0, colon);
            opt.arg = t.slice(colon + 1);
            opt.sep = ':';
          } else opt.name = t;
        }
        out.push(opt);
      }
      return out;
    });
  }

  get capAdd(): Capability[] {
    return this.memo('cap_add', () => this.caps('cap_add'));
  }

  get capDrop(): Capability[] {
    return this.memo('cap_drop', () => this.caps('cap_drop'));
  }

  private caps(key: string): Capability[] {
    const out: Capability[] = [];
    for (const it of this.items(key)) {
      const value = this.view.value(it.node, it.via, undefined, it.layer);
      if (!value) continue;
      const name = value.text?.trim().toUpperCase().replace(/^CAP_/, '');
      out.push({ range: it.range, via: it.via, file: it.file, layer: it.layer, node: it.node, value, name });
    }
    return out;
  }

  /** `env_file` entries across layers (string, list, or `{path, required}` items); a later entry for the same path wins. */
  get envFiles(): EnvFileRef[] {
    return this.memo('env_file', () => {
      const out: EnvFileRef[] = [];
      for (const it of this.items('env_file')) {
        const n = it.node;
        let pathNode: CNode | undefined = n;
        let required: boolean | undefined;
        if (n.kind === 'map') {
          pathNode = n.byKey.get('path')?.value;
          const r = n.byKey.get('required')?.value;
          if (r?.kind === 'scalar') required = typeof r.value === 'boolean' ? r.value : parseComposeBool(this.view.interpolate(r).value ?? '');
        }
        const path = pathNode ? this.view.value(pathNode, it.via, undefined, it.layer) : undefined;
        if (!path || path.raw === undefined) continue;
        const i = out.findIndex((x) => x.path.text !== undefined && x.path.text === path.text);
        if (i >= 0) out.splice(i, 1);
        out.push({ range: path.range, via: it.via, file: it.file, layer: it.layer, node: n, path, required });
      }
      return out;
    });
  }

  get build(): BuildSpec | undefined {
    return this.memo('build', () => {
      const layers = this.service.layers('build');
      if (layers.length === 0) return undefined;
      const last = layers[layers.length - 1]!;
      if (last.value.kind !== 'scalar' && last.value.kind !== 'map') return undefined;
      // Later layers' build keys win key by key (maps merge); a string layer (`build: ./api`)
      // is its `context` (compose-go mergeBuild), so another file can add a `target` to it.
      const pick = (k: string): Value | undefined => {
        for (let i = layers.length - 1; i >= 0; i--) {
          const m = layers[i]!.value;
          if (m.kind === 'scalar' && k === 'context') return this.view.value(m, layers[i]!.via, undefined, layers[i]!.def);
          const e = m.kind === 'map' ? m.byKey.get(k) : undefined;
          if (e) return this.view.value(e.value, [...layers[i]!.via, ...e.via], undefined, layers[i]!.def);
        }
        return undefined;
      };
      if (layers.length === 1 && last.value.kind === 'scalar') {
        const context = this.view.value(last.value, last.via, undefined, last.def);
        return { range: last.value.range, via: last.via, file: this.view.fileOf(last.value), layer: last.def, form: 'string', context, args: [] };
      }
      const argEntries: CEntry[] = [];
      for (const l of layers) {
        const a = l.value.kind === 'map' ? l.value.byKey.get('args') : undefined;
        if (a) argEntries.push({ key: a.key, keyRange: a.keyRange, value: a.value, aliasRange: a.aliasRange, via: [...l.via, ...a.via], pair: a.pair, def: l.def } as LayerEntry);
      }
      return {
        range: last.value.range,
        via: last.via,
        file: this.view.fileOf(last.value),
        layer: last.def,
        form: last.value.kind === 'scalar' ? 'string' : 'map',
        context: pick('context'),
        dockerfile: pick('dockerfile'),
        dockerfileInline: pick('dockerfile_inline'),
        target: pick('target'),
        args: this.keyValues(argEntries),
      };
    });
  }

  get healthcheck(): HealthcheckSpec | undefined {
    const e = this.service.get('healthcheck');
    if (!e) return undefined;
    const disable = this.service.at(['healthcheck', 'disable']);
    const test = this.service.at(['healthcheck', 'test']);
    let disabled = false;
    let disabledBy: Value | undefined;
    if (disable?.value.kind === 'scalar') {
      const v = disable.value.value;
      disabled = v === true || (typeof v === 'string' && parseComposeBool(this.view.interpolate(disable.value).value ?? '') === true);
      if (disabled) disabledBy = this.view.value(disable.value, disable.via, undefined, disable.def);
    }
    if (test?.value.kind === 'seq') {
      const firstNode = test.value.items[0]?.value;
      if (scalarText(firstNode)?.toUpperCase() === 'NONE') {
        disabled = true;
        disabledBy ??= this.view.value(firstNode!, test.via, undefined, test.def);
      }
    } else if (test && scalarText(test.value)?.toUpperCase() === 'NONE') {
      disabled = true;
      disabledBy ??= this.view.value(test.value, test.via, undefined, test.def);
    }
    return { range: e.keyRange, via: e.via, file: this.view.fileOf(e.value), layer: e.def, entry: e, disabled, disabledBy, test: test?.value, testEntry: test };
  }
}

const PROPAGATION = /^r?(shared|slave|private)$/;

/** Host paths in short volume syntax: `/`, `.`, `~`, `\\server`, `C:\`, `C:/`. */
export function isHostPath(s: string): boolean {
  return /^(?:[/.~]|\\\\|[A-Za-z]:[\\/])/.test(s);
}

/** Splits a short volume on `:`, keeping Windows drive letters (`C:\data:/data:ro`) and `${…}` whole. */
function splitVolume(raw: string): Array<[number, number]> {
  const m = mask(raw);
  const out: Array<[number, number]> = [];
  let s = 0;
  for (let i = 0; i < raw.length; i++) {
    if (m[i] !== ':') continue;
    // A drive letter: one letter before, `\` or `/` after.
    if (i - s === 1 && /[A-Za-z]/.test(raw[s]!) && (raw[i + 1] === '\\' || raw[i + 1] === '/')) continue;
    out.push([s, i]);
    s = i + 1;
  }
  out.push([s, raw.length]);
  if (out.length > 3) {
    // More colons than Compose allows: keep source and target, fold the rest into the options.
    return [out[0]!, out[1]!, [out[2]![0], raw.length]];
  }
  return out;
}

/** The interpolated view for this model and rule context (memoised per `.env` text). */
export function composeView(model: ComposeModel, ctx: RuleContext): ComposeView {
  const path = ctx.path || model.path;
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.';
  const envPath = `${dir}/.env`;
  const text = ctx.workspace.readFile(envPath);
  const key = text === undefined ? undefined : `${envPath}\0${text}`;
  if (model.viewCache && model.viewCache.key === key) return model.viewCache.view as ComposeView;
  const view = new ComposeView(model, { path: envPath, exists: text !== undefined, vars: text === undefined ? new Map() : parseEnvFile(text) });
  model.viewCache = { key, view };
  return view;
}
