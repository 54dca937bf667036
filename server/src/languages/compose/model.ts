// The compose file model: the YAML stream resolved into services (anchors, `<<` merges,
// `!reset`/`!override`, every document of the stream as a layer), with exact ranges everywhere.
// It needs no I/O; the interpolated view that reads `.env` lives in view.ts and takes the
// rule context.
import type { Document } from 'yaml';
import type { Finding, Range } from '../../engine/types';
import type { LineIndex } from '../../engine/text';
import { TreeBuilder, type CEntry, type CMap, type CNode, type ConvertLimits, type MergeSite } from './tree';

/** One definition of a service: in one document of this file (later: in another file). */
export interface ServiceDefinition {
  /** Index of the document in the stream. */
  doc: number;
  /** Absent: this file. Reserved for `extends`, `include` and override files. */
  file?: string;
  /** The service's key under `services:`. */
  keyRange: Range;
  /** The entry under `services:` (its value may be an alias, or null for `web:`). */
  entry: CEntry;
  /** The service's own effective mapping (merges applied); undefined when the value is null. */
  map?: CMap;
  /** When the service's value is an alias (`web: *base`): that alias, as a merge site. */
  aliasSite?: MergeSite;
}

/** Keys whose value a later layer replaces rather than merges (compose-spec 13-merge.md). */
const REPLACED_KEYS = new Set(['command', 'entrypoint']);

export class ComposeService {
  readonly definitions: ServiceDefinition[] = [];
  constructor(readonly name: string) {}

  /** The service's key in the first definition: where findings about something missing go. */
  get keyRange(): Range {
    return this.definitions[0]!.keyRange;
  }

  /**
   * The entries for `key` across layers, oldest first, after `!reset` (drops earlier layers and
   * the key itself) and `!override` (drops earlier layers). Lists and maps merge across layers;
   * scalars take the last one (see `get`).
   */
  layers(key: string): CEntry[] {
    let out: CEntry[] = [];
    for (const d of this.definitions) {
      if (!d.map) continue;
      if (d.map.resets.has(key)) out = [];
      let e = d.map.byKey.get(key);
      if (!e) continue;
      if (e.value.tag === '!override' || REPLACED_KEYS.has(key)) out = [];
      // `web: *base`: the whole service is an anchor shared with others; say so in `via`.
      if (d.aliasSite) e = { ...e, via: [d.aliasSite, ...e.via] };
      out.push(e);
    }
    return out;
  }

  /** The definition an entry returned by `layers`/`get` belongs to (where an edit for it goes). */
  definitionOf(entry: CEntry): ServiceDefinition | undefined {
    for (let i = this.definitions.length - 1; i >= 0; i--) {
      const d = this.definitions[i]!;
      const e = d.map?.byKey.get(entry.key);
      if (e && e.value === entry.value && e.pair === entry.pair) return d;
    }
    return undefined;
  }

  /** The effective entry for a key: the last layer's. */
  get(key: string): CEntry | undefined {
    const l = this.layers(key);
    return l[l.length - 1];
  }

  has(key: string): boolean {
    return this.layers(key).length > 0;
  }

  /** Looks a nested key up (`['deploy','resources','limits','memory']`), the last layer that has it winning. */
  at(path: string[]): CEntry | undefined {
    const first = this.layers(path[0]!);
    for (let i = first.length - 1; i >= 0; i--) {
      let e: CEntry | undefined = first[i];
      for (let k = 1; k < path.length && e; k++) e = e.value.kind === 'map' ? e.value.byKey.get(path[k]!) : undefined;
      if (e) return e;
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
}

export function buildModel(path: string, index: LineIndex, docs: Document.Parsed[], limits?: ConvertLimits): ComposeModel {
  const services: ComposeService[] = [];
  const byName = new Map<string, ComposeService>();
  const documents: ComposeDocumentInfo[] = [];
  const maps: CMap[] = [];
  const resolveErrors: Finding[] = [];

  docs.forEach((doc, i) => {
    const tb = new TreeBuilder(doc, index, limits);
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
