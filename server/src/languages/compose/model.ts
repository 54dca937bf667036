// The compose file model: the YAML stream resolved into services (anchors, `<<` merges,
// `!reset`/`!override`, every document of the stream as a layer), with exact ranges everywhere.
// It needs no I/O; the interpolated view that reads `.env` lives in view.ts and takes the
// rule context.
import type { Document } from 'yaml';
import type { Finding, Range } from '../../engine/types';
import type { LineIndex } from '../../engine/text';
import { TreeBuilder, type CEntry, type CMap, type CNode, type ConvertLimits, type MergeSite } from './tree';

/** One definition of a service: in one document of this file, or (in a project view) in another file. */
export interface ServiceDefinition {
  /** Index of the document in its file's stream. */
  doc: number;
  /**
   * Absent: the linted file. Otherwise the absolute path of the file that holds this definition:
   * another compose file of the project (an override file, COMPOSE_FILE), the file an `extends`
   * names, or an `include`d file. Ranges of the definition (and of every value read from it) are
   * in that file; rules report only what has no `file`, except a value that reaches a service of
   * the linted file through its own `extends: {file: …}`, which is reported at that `extends` key
   * (rules/shared.ts fromBaseFile).
   */
  file?: string;
  /** The service's key under `services:`. */
  keyRange: Range;
  /** The entry under `services:` (its value may be an alias, or null for `web:`). */
  entry: CEntry;
  /** The service's own effective mapping (merges applied); undefined when the value is null. */
  map?: CMap;
  /** When the service's value is an alias (`web: *base`): that alias, as a merge site. */
  aliasSite?: MergeSite;
  /**
   * Set when the definition is another service's text that this service inherits: the base of an
   * `extends` (possibly through a chain), or a service of an `include`d file that this one
   * overrides. Absent for the service's own definitions (in this file or in an override file).
   */
  inherited?: InheritedFrom;
  /** Folder that relative paths in this definition resolve against (project views only). */
  dir?: string;
}

/** How an inherited definition reaches the service (see `ServiceDefinition.inherited`). */
export interface InheritedFrom {
  kind: 'extends' | 'include';
  /** The name of the service the text belongs to (`base` in `extends: base`). */
  service: string;
  /**
   * For `extends`: each `extends` key on the way, outermost first (the service's own `extends:`
   * first). For `include`: the item of the `include:` list. `file` absent = the linted file.
   */
  sites: Array<{ range: Range; file?: string }>;
}

/** An entry as `layers`/`get`/`at` return it: with the definition (layer) it was read from. */
export interface LayerEntry extends CEntry {
  def?: ServiceDefinition;
}

/** Keys whose value a later layer replaces rather than merges (compose-spec 13-merge.md). */
const REPLACED_KEYS = new Set(['command', 'entrypoint']);

export class ComposeService {
  readonly definitions: ServiceDefinition[] = [];
  /** `layers` per key, valid while `definitions` keeps its length (definitions are only ever appended). */
  private layerMemo?: { n: number; byKey: Map<string, LayerEntry[]> };
  constructor(readonly name: string) {}

  /**
   * The service's key in its first own definition in the linted file (inherited and other files'
   * definitions skipped): where findings about something missing go.
   */
  get keyRange(): Range {
    return (this.localDefinition ?? this.definitions[0]!).keyRange;
  }

  /** The first definition written in the linted file for this service itself (where a fix inserts keys). */
  get localDefinition(): ServiceDefinition | undefined {
    return this.definitions.find((d) => d.file === undefined && !d.inherited);
  }

  /**
   * The entries for `key` across layers, oldest first, after `!reset` (drops earlier layers and
   * the key itself) and `!override` (drops earlier layers). Lists and maps merge across layers;
   * scalars take the last one (see `get`). The array is memoised: read it, never change it.
   */
  layers(key: string): LayerEntry[] {
    // Every rule asks for the same few keys of every service: computed once per key.
    let memo = this.layerMemo;
    if (!memo || memo.n !== this.definitions.length) memo = this.layerMemo = { n: this.definitions.length, byKey: new Map() };
    let known = memo.byKey.get(key);
    if (!known) {
      known = this.computeLayers(key);
      memo.byKey.set(key, known);
    }
    return known;
  }

  private computeLayers(key: string): LayerEntry[] {
    let out: LayerEntry[] = [];
    for (const d of this.definitions) {
      if (!d.map) continue;
      if (d.map.resets.has(key)) out = [];
      const e = d.map.byKey.get(key);
      if (!e) continue;
      if (e.value.tag === '!override' || REPLACED_KEYS.has(key)) out = [];
      // `web: *base`: the whole service is an anchor shared with others; say so in `via`.
      out.push(layerEntry(e, d.aliasSite ? [d.aliasSite, ...e.via] : e.via, d));
    }
    return out;
  }

  /** The definition an entry returned by `layers`/`get` belongs to (where an edit for it goes). */
  definitionOf(entry: CEntry): ServiceDefinition | undefined {
    const known = (entry as LayerEntry).def;
    if (known && this.definitions.includes(known)) return known;
    for (let i = this.definitions.length - 1; i >= 0; i--) {
      const d = this.definitions[i]!;
      const e = d.map?.byKey.get(entry.key);
      if (e && e.value === entry.value && e.pair === entry.pair) return d;
    }
    return undefined;
  }

  /** The effective entry for a key: the last layer's. */
  get(key: string): LayerEntry | undefined {
    const l = this.layers(key);
    return l[l.length - 1];
  }

  has(key: string): boolean {
    return this.layers(key).length > 0;
  }

  /** Looks a nested key up (`['deploy','resources','limits','memory']`), the last layer that has it winning. */
  at(path: string[]): LayerEntry | undefined {
    const first = this.layers(path[0]!);
    for (let i = first.length - 1; i >= 0; i--) {
      let e: CEntry | undefined = first[i];
      let via = first[i]!.via;
      for (let k = 1; k < path.length && e; k++) {
        e = e.value.kind === 'map' ? e.value.byKey.get(path[k]!) : undefined;
        if (e && e.via.length > 0) via = [...via, ...e.via];
      }
      // The merge sites on the way down are kept (a nested value merged from an anchor says so).
      if (e) return path.length === 1 ? e : layerEntry(e, via, first[i]!.def);
    }
    return undefined;
  }

  /** Every key the effective service has (written, merged or from another layer). */
  keys(): string[] {
    const seen = new Set<string>();
    for (const d of this.definitions) for (const e of d.map?.entries ?? []) seen.add(e.key);
    return [...seen].filter((k) => this.has(k));
  }
}

/** An entry with its merge sites and definition (one literal, one shape: see view.ts volume()). */
function layerEntry(e: CEntry, via: MergeSite[], def: ServiceDefinition | undefined): LayerEntry {
  return new Layered(e, via, def);
}

/** An entry with its layer; its ranges are the entry's, read when asked for (tree.ts: they are made lazily). */
class Layered implements LayerEntry {
  readonly key: string;
  readonly value: CNode;
  readonly pair: CEntry['pair'];
  constructor(
    private readonly e: CEntry,
    readonly via: MergeSite[],
    readonly def: ServiceDefinition | undefined,
  ) {
    this.key = e.key;
    this.value = e.value;
    this.pair = e.pair;
  }

  get keyRange(): Range {
    return this.e.keyRange;
  }

  get aliasRange(): Range | undefined {
    return this.e.aliasRange;
  }
}

export interface ComposeDocumentInfo {
  doc: Document.Parsed;
  /** The resolved root (a mapping for a compose file). */
  root?: CNode;
  /** The `services:` entry of this document. */
  services?: CEntry;
}

export interface ComposeModel {
  path: string;
  text: string;
  index: LineIndex;
  documents: ComposeDocumentInfo[];
  /** Services in order of first appearance across the stream. */
  services: ComposeService[];
  service(name: string): ComposeService | undefined;
  /** Every mapping in the file (anchors and `x-` blocks included), each once. */
  maps: CMap[];
  /** Indentation unit of the file's block mappings (`"  "` unless the file says otherwise). */
  indent: string;
  /** True when no service names an `image`, a `build` or `extends`: an override file. */
  isOverride: boolean;
  /** Errors found while resolving (missing anchors, merge misuse, bombs), as parse errors. */
  resolveErrors: Finding[];
  /** Memo slot for the interpolated view (view.ts); not for rules. */
  viewCache?: { key: string | undefined; view: unknown };
  /** Memo slot for the project view (project.ts); not for rules. */
  projectCache?: unknown;
}

export function buildModel(path: string, index: LineIndex, docs: Document.Parsed[], limits?: ConvertLimits): ComposeModel {
  const services: ComposeService[] = [];
  const byName = new Map<string, ComposeService>();
  const documents: ComposeDocumentInfo[] = [];
  const maps: CMap[] = [];
  const resolveErrors: Finding[] = [];
  const src = { path, index };

  docs.forEach((doc, i) => {
    const tb = new TreeBuilder(doc, index, limits, src);
    const root = tb.root();
    const info: ComposeDocumentInfo = { doc, root };
    documents.push(info);
    maps.push(...tb.maps);
    resolveErrors.push(...tb.errors);
    if (root?.kind !== 'map') return;
    const se = root.byKey.get('services');
    info.services = se;
    if (!se || se.value.kind !== 'map') return;
    for (const e of se.value.entries) {
      if (e.key === '') {
        // ` :` (a null key, read as text) or `"":`: Compose refuses a service without a name, and
        // a fix inserted under it lands where the next parse does not see it (found by the fuzzer).
        resolveErrors.push({ range: emptyKeyRange(index, e.keyRange), message: 'A service under "services" has an empty name: Compose refuses the file.' });
        continue;
      }
      let svc = byName.get(e.key);
      if (!svc) {
        svc = new ComposeService(e.key);
        byName.set(e.key, svc);
        services.push(svc);
      }
      const aliasSite: MergeSite | undefined = e.aliasRange
        ? { alias: true, keyRange: e.aliasRange, sourceRange: e.aliasRange, anchor: index.text.slice(index.offsetAt(e.aliasRange.start) + 1, index.offsetAt(e.aliasRange.end)) }
        : undefined;
      svc.definitions.push({ doc: i, keyRange: e.keyRange, entry: e, map: e.value.kind === 'map' ? e.value : undefined, aliasSite });
    }
  });

  const isOverride = services.length > 0 && !services.some((s) => s.has('image') || s.has('build') || s.has('extends'));
  return {
    path,
    text: index.text,
    index,
    documents,
    services,
    service: (name) => byName.get(name),
    maps,
    indent: detectIndent(services, index),
    isOverride,
    resolveErrors,
  };
}

/**
 * Where to show an empty key: the yaml library gives a null key (` :`) a zero-width range before
 * the blanks that precede its `:`, often at the end of the previous line; the `:` itself is shown.
 */
function emptyKeyRange(index: LineIndex, keyRange: Range): Range {
  const s = index.offsetAt(keyRange.start);
  if (index.offsetAt(keyRange.end) > s) return keyRange;
  const text = index.text;
  let i = s;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return text[i] === ':' ? index.rangeOf(i, i + 1) : keyRange;
}

/** The indentation step the file uses: the column of the first service key, else two spaces. */
function detectIndent(services: ComposeService[], index: LineIndex): string {
  for (const s of services) {
    const col = s.keyRange.start.character;
    const line = index.lineText(s.keyRange.start.line);
    if (col > 0 && /^ +$/.test(line.slice(0, col))) return ' '.repeat(col);
    const m = s.definitions[0]?.map;
    if (m && !m.flow && m.entries.length > 0) {
      const inner = m.entries.find((e) => e.via.length === 0);
      if (inner && inner.keyRange.start.line !== s.keyRange.start.line) {
        const d = inner.keyRange.start.character - col;
        if (d > 0) return ' '.repeat(d);
      }
    }
  }
  return '  ';
}
