// The normalised Traefik configuration model. Every source Traefik reads — a static or dynamic
// YAML/TOML file, `traefik.*` labels, `--flags` and `TRAEFIK_*` environment variables — becomes
// the same tree: path segments lower-cased (Traefik matches every field name case-insensitively,
// paerser `strings.EqualFold`), each value with its exact range, its form as written and the
// statement that wrote it (so fixes can edit it in the user's own form).
//
// Rules query a tree by lower-case path (`at(root, ['api', 'insecure'])`), with `*` for the
// user-chosen names (`match(root, ['tls', 'options', '*', 'minversion'])`).
import type { Range } from '../../engine/types';

/** How a value was written. */
export type SourceForm = 'yaml' | 'toml' | 'label' | 'flag' | 'env';
/** Install configuration (entry points, providers, API) or routing configuration (routers, middlewares …). */
export type ConfigRole = 'static' | 'dynamic';
/** Where dynamic configuration comes from: `@file`, `@docker`, `@swarm`. */
export type Provider = 'file' | 'docker' | 'swarm';

/** Offsets `[start, end)` in the document's text. */
export interface Span {
  start: number;
  end: number;
}

export interface TScalar {
  kind: 'scalar';
  /** The value as written: YAML/TOML booleans and numbers stay typed; labels, flags and env are strings. */
  value: string | number | boolean | null;
  /**
   * The text Traefik reads: the string form of the value, after Compose interpolation for
   * labels, flags and env. Undefined when unknown (a Go template, a `${VAR}` without value) or null.
   */
  text: string | undefined;
  /** The value as written (before interpolation), without quotes. */
  raw: string;
  /** The value token (quotes included). For an implicit flag (`--api.insecure`), empty, after the name. */
  range: Range;
  /** Where `raw` sits in the document, when the file spells it verbatim (no escapes): fixes edit inside it. */
  inner?: Span;
  /** YAML/TOML: written as a quoted string. */
  quoted?: boolean;
  /** A flag written without a value: Traefik reads `true`. */
  implicit?: boolean;
  /** The value holds a Go template (`{{ … }}`) the file provider renders: unknown. */
  template?: boolean;
}

export interface TList {
  kind: 'list';
  items: TNode[];
  range: Range;
  /** `[a, b]` rather than block `- a` items. */
  flow: boolean;
}

export interface TMap {
  kind: 'map';
  fields: TField[];
  /** By lower-case name. */
  byName: FieldIndex;
  range: Range;
  flow: boolean;
  /**
   * A value given to the map's own path as well as to paths below it: `--providers.docker` (or
   * `=true`/`=false`) next to `--providers.docker.exposedbydefault=false`.
   */
  self?: TScalar;
}

export type TNode = TScalar | TList | TMap;

/** The text that wrote a field, for fixes that remove it or insert next to it. */
export interface Decl {
  form: SourceForm;
  /**
   * The whole statement: a YAML `key: value` pair, a TOML `key = value` or `[table]` header, a
   * label, flag or env entry (the list item scalar, or the map pair), several flag words for
   * `--name value`.
   */
  span: Span;
  /**
   * `block`: on lines of its own; `flow`: an element of a `[…]`/`{…}` collection or a TOML inline
   * table; `words`: a word of a shell-style `command:` string (plain, quoted or block scalar).
   */
  layout: 'block' | 'flow' | 'words';
  /** YAML sequence item carrying a label, flag or env entry: its quote character (`"`, `'` or none). */
  quote?: string;
  /** Label and env entries in compose: list item (`- KEY=value`) or map pair (`KEY: value`). */
  entry?: 'item' | 'pair';
  /**
   * Words of a block scalar `command:` (`|`, `>-` …): new flags go on lines of their own at the
   * body's content `indent`. `firstLine` (offset) and `explicitIndent` (`|2`) tell whether
   * removing a line could change the indentation YAML detects from the first line.
   */
  block?: { indent: string; firstLine: number; explicitIndent: boolean };
}

export interface TField {
  /** Lower-case name (what Traefik matches). */
  name: string;
  /** As written (`exposedByDefault`). */
  raw: string;
  /** This segment as written; for a segment of a label, flag or env key, its part of the key. */
  keyRange: Range;
  /** False when the segment could not be located exactly (an escaped key): keyRange is the whole key. */
  keyExact: boolean;
  node: TNode;
  /** The statement that wrote this field (the last segment of a label, flag, env or dotted key; a YAML key). */
  decl?: Decl;
  /** The key is (part of) a Go template. */
  template?: boolean;
  /**
   * Flat forms: every place this segment is written (each label, flag or env entry below it
   * repeats it), so a rename edits them all. Absent for YAML and TOML (written once).
   */
  occurrences?: Array<{ range: Range; exact: boolean }>;
}

/** One configuration source: a file's tree, or the labels, flags or env of one compose service. */
export interface TSource {
  form: SourceForm;
  role: ConfigRole;
  /** Dynamic sources: which provider reads them. */
  provider?: Provider;
  root: TMap;
  /** The compose service carrying labels, flags or env. */
  service?: string;
  /**
   * Static sources: false when Traefik ignores this one because another wins (a configuration
   * file over flags, flags over environment variables).
   */
  inEffect: boolean;
  /** The compose key holding the entries (`labels`, `deploy.labels`, `command`, `environment`). */
  holder?: { keyRange: Range };
  /** Flat forms: how many entries (labels, flags, variables) the source has. */
  entries?: number;
}

export function emptyMap(range: Range, flow = false): TMap {
  const fields: TField[] = [];
  return { kind: 'map', fields, byName: new FieldIndex(fields), range, flow };
}

/**
 * A map's fields by name. Most maps of a Traefik configuration have a few fields (a label's
 * `traefik.http.routers.api.rule` makes three maps of one field each), where a look through the
 * fields is as fast as a Map and allocates nothing; past 8 fields a Map is built and kept. The
 * fields array is the truth: `set` follows the push of the field it names (the last field of a
 * name wins, as the Map's last `set` did).
 */
export class FieldIndex {
  private big: Map<string, TField> | undefined;
  constructor(private readonly fields: readonly TField[]) {}

  get(name: string): TField | undefined {
    if (this.big) return this.big.get(name);
    const fs = this.fields;
    for (let i = fs.length - 1; i >= 0; i--) if (fs[i]!.name === name) return fs[i];
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  set(name: string, f: TField): void {
    if (this.big) this.big.set(name, f);
    else if (this.fields.length > 8) {
      this.big = new Map();
      for (const x of this.fields) this.big.set(x.name, x);
      this.big.set(name, f);
    }
  }
}

/** The field `name` (lower case) of a map node; undefined for other nodes. */
export function child(node: TNode | undefined, name: string): TField | undefined {
  return node?.kind === 'map' ? node.byName.get(name) : undefined;
}

/** The field at a lower-case path below `node`. */
export function at(node: TNode | undefined, path: readonly string[]): TField | undefined {
  let f: TField | undefined;
  let n = node;
  for (const seg of path) {
    f = child(n, seg);
    if (!f) return undefined;
    n = f.node;
  }
  return f;
}

export interface Match {
  field: TField;
  /** The segments `*` stood for, as written (router, middleware, option names). */
  names: string[];
  /** Every field on the way, the matched one last. */
  trail: TField[];
}

/**
 * Every field whose path matches `pattern` (lower case; `*` = any one segment), in document
 * order. `match(root, ['http', 'middlewares', '*', 'headers', 'stsseconds'])`.
 */
export function match(node: TNode | undefined, pattern: readonly string[]): Match[] {
  const out: Match[] = [];
  if (pattern.length === 0) return out;
  // One path of names and fields, pushed and popped on the way down and copied only for a match
  // (copies at every step were a twentieth of what a Traefik lint allocated).
  const names: string[] = [];
  const trail: TField[] = [];
  const last = pattern.length - 1;
  const visit = (f: TField, i: number, any: boolean) => {
    if (any) names.push(f.raw);
    trail.push(f);
    if (i === last) out.push({ field: f, names: names.slice(), trail: trail.slice() });
    else go(f.node, i + 1);
    trail.pop();
    if (any) names.pop();
  };
  const go = (n: TNode | undefined, i: number): void => {
    if (!n || n.kind !== 'map') return;
    const seg = pattern[i]!;
    if (seg === '*') {
      for (const f of n.fields) visit(f, i, true);
    } else {
      const f = n.byName.get(seg);
      if (f) visit(f, i, false);
    }
  };
  go(node, 0);
  return out;
}

/** A field's own scalar: the node itself, or a map's `self` value. */
export function scalarOf(f: TField | undefined): TScalar | undefined {
  if (!f) return undefined;
  if (f.node.kind === 'scalar') return f.node;
  if (f.node.kind === 'map') return f.node.self;
  return undefined;
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/**
 * A boolean as Traefik reads it: YAML/TOML booleans, and strings through Go's
 * `strconv.ParseBool` (`true`, `TRUE`, `1`, `t` …). Undefined when unknown or not a boolean.
 */
export function boolOf(s: TScalar | undefined): boolean | undefined {
  if (!s || s.template) return undefined;
  if (typeof s.value === 'boolean') return s.value;
  if (s.text === undefined) return undefined;
  const t = s.text.trim();
  return GO_TRUE.has(t) ? true : GO_FALSE.has(t) ? false : undefined;
}

/** The text of a scalar field, trimmed; undefined when unknown or not a scalar. */
export function textOf(f: TField | undefined): string | undefined {
  const s = scalarOf(f);
  return s?.template ? undefined : s?.text?.trim();
}

/** True when a field's value is known to be true. */
export function isTrue(f: TField | undefined): boolean {
  return boolOf(scalarOf(f)) === true;
}

/**
 * The items of a list-valued option in any form: YAML/TOML arrays, indexed maps
 * (`domains[0]`, `domains[1]`), and comma-separated strings from labels, flags and env
 * (`entrypoints=web,websecure`), each part with its own range.
 */
export function listItems(f: TField | undefined, index: { rangeOf(s: number, e: number): Range }): TNode[] {
  if (!f) return [];
  const n = f.node;
  if (n.kind === 'list') return n.items;
  if (n.kind === 'map') {
    const numbered = n.fields.filter((x) => /^\d+$/.test(x.name));
    if (numbered.length > 0 && numbered.length === n.fields.length) return numbered.sort((a, b) => Number(a.name) - Number(b.name)).map((x) => x.node);
    return [];
  }
  if (n.template) return [n];
  if (typeof n.value !== 'string' || n.text === undefined) return n.value === null ? [] : [n];
  const form = f.decl?.form;
  if (form === 'yaml' || form === 'toml') return [n];
  return splitCommaScalar(n, index);
}

/** Splits a comma-separated scalar into parts with exact ranges where the source allows. */
export function splitCommaScalar(n: TScalar, index: { rangeOf(s: number, e: number): Range }): TScalar[] {
  const text = n.text ?? '';
  if (!text.includes(',')) return [n];
  const out: TScalar[] = [];
  const sameSpelling = n.inner !== undefined && n.raw === text;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== ',') continue;
    let s = start;
    let e = i;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    start = i + 1;
    if (s === e) continue;
    const part = text.slice(s, e);
    const inner = sameSpelling ? { start: n.inner!.start + s, end: n.inner!.start + e } : undefined;
    out.push({
      kind: 'scalar',
      value: part,
      text: part,
      raw: part,
      range: inner ? index.rangeOf(inner.start, inner.end) : n.range,
      inner,
    });
  }
  return out;
}

/** The dotted path of a match as the user wrote it (`tls.options.modern.minVersion`). */
export function writtenPath(trail: readonly TField[]): string {
  return trail.map((f) => f.raw).join('.');
}
