// Small helpers the compose rules share: wording for where a value came from, related locations
// for values that arrive through `<<` merges, and fixes for list items (ports, volumes) that may
// live in an anchor shared by several services.
import type { Fix, LazyFixes, Range, RelatedLocation, TextEdit } from '../../../engine/types';
import type { ComposeModel, LayerEntry } from '../model';
import type { CEntry, CItem, CNode, CSeq, MergeSite } from '../tree';
import type { Origin, ServiceView, Value } from '../view';
import { flowScalar, insertServiceKey, sequenceIndent, sourceText } from '../edits';
import { ProjectView, dirname, relativePath } from '../project';

/** Related locations at each `<<` that brought a value into a service. */
export function mergeRelated(service: string, via: MergeSite[]): RelatedLocation[] {
  return via.map((site) => ({
    range: site.keyRange,
    message: site.alias
      ? `Service "${service}" is the anchor "*${site.anchor}" here`
      : site.anchor
        ? `Service "${service}" merges "*${site.anchor}" here`
        : `Service "${service}" merges this mapping here`,
  }));
}

/**
 * Related locations for a value in a project view: each `<<` that merged it, then each `extends`
 * key (or `include` item) that brought it into the service, in whatever file it is.
 */
export function originRelated(service: string, o: Pick<Origin, 'via' | 'layer'>): RelatedLocation[] {
  const out = mergeRelated(service, o.via);
  const inh = o.layer?.inherited;
  if (inh) {
    for (const site of inh.sites) {
      out.push({
        ...(site.file !== undefined ? { path: site.file } : {}),
        range: site.range,
        message: inh.kind === 'extends' ? `Service "${service}" inherits from service "${inh.service}" here (extends)` : `Service "${service}" is merged over the included service "${inh.service}" here`,
      });
    }
  }
  return out;
}

/**
 * A value written in another file that reaches a service of the linted file through that
 * service's own `extends: {file: …}` (directly, or down a chain of bases in other files).
 * The linted file reports it once per service at the service's `extends` key: the value's own
 * range is in the other file, and the `extends` key is the text here that brings it in (the base
 * file still reports its own service). `related` points at the value in the base file, each `<<`
 * there, and each further `extends` key of the chain.
 */
export interface BaseFileOrigin {
  /** The `extends` key of the service in the linted file. */
  range: Range;
  /** ` (inherited from service "base" in common.yml through extends)`, for the message. */
  note: string;
  related: RelatedLocation[];
}

/**
 * Where the linted file reports a value written in another file, or undefined when this file
 * does not report it: written here (the rule's usual case), or brought in by an override file,
 * an `include` or an `extends` written in another file (that file reports it).
 */
export function fromBaseFile(svc: ServiceView, o: Pick<Origin, 'range' | 'via' | 'file' | 'layer'>): BaseFileOrigin | undefined {
  const inh = o.layer?.inherited;
  const site = inh?.kind === 'extends' ? inh.sites[0] : undefined;
  if (o.file === undefined || !inh || !site || site.file !== undefined) return undefined;
  const view = svc.view;
  const dir = view instanceof ProjectView ? view.project.dir : dirname(view.model.path);
  // The base this service names itself (the first link of the chain), for a chain's message.
  const direct = svc.service.definitions.find((d) => d.inherited?.kind === 'extends' && d.inherited.sites.length === 1 && d.inherited.sites[0]!.file === undefined && sameRange(d.inherited.sites[0]!.range, site.range));
  const notes = [`inherited from service "${inh.service}" in ${relativePath(dir, o.file)} through extends`];
  if (direct && inh.sites.length > 1 && direct.inherited!.service !== inh.service) {
    notes[0] += ` of "${direct.inherited!.service}"${direct.file !== undefined ? ` in ${relativePath(dir, direct.file)}` : ''}`;
  }
  const anchor = o.via.find((s) => s.anchor)?.anchor;
  if (o.via.length > 0) notes.push(o.via[0]!.alias ? `from "*${anchor}"` : anchor ? `merged from "*${anchor}"` : 'merged with "<<"');
  const related: RelatedLocation[] = [
    { path: o.file, range: o.range, message: `Service "${svc.name}" inherits this from service "${inh.service}" (extends)` },
    // `<<` sites are in the file of the value they merge.
    ...mergeRelated(svc.name, o.via).map((r) => ({ ...r, path: o.file })),
    ...inh.sites.slice(1).map((s) => ({
      ...(s.file !== undefined ? { path: s.file } : {}),
      range: s.range,
      message: `Service "${svc.name}" inherits from service "${inh.service}" here (extends)`,
    })),
  ];
  return { range: site.range, note: ` (${notes.join('; ')})`, related };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * True when an entry is the service's own text in the linted file: not another file's, not an
 * `extends` base's (which belongs to another service). It may still come through `<<`.
 */
export function isOwn(entry: CEntry): boolean {
  const d = (entry as LayerEntry).def;
  return !d || (d.file === undefined && !d.inherited);
}

/** The `extends` base whose text an entry is, when it is inherited in the linted file. */
export function inheritedBase(entry: CEntry): string | undefined {
  const d = (entry as LayerEntry).def;
  return d && d.file === undefined && d.inherited?.kind === 'extends' ? d.inherited.service : undefined;
}

/** `Edit anchor "common": affects 3 services`. */
export function editAnchorTitle(anchor: string | undefined, n: number): string {
  return `Edit anchor "${anchor ?? 'merged mapping'}": affects ${n} service${n === 1 ? '' : 's'}`;
}

/** `Edit base service "base" (extends): affects 2 services`: an edit in the text of an `extends` base. */
export function editBaseTitle(base: string, n: number): string {
  return `Edit base service "${base}" (extends): affects ${n} service${n === 1 ? '' : 's'}`;
}

/** ` (merged from "*common"; "${PRIV:-true}" resolves to "true")`, or '' for a plain literal. */
export function provenanceNote(v: Pick<Value, 'via' | 'iv' | 'raw' | 'text'> & { layer?: Value['layer'] }): string {
  const notes: string[] = [];
  const inh = v.layer?.inherited;
  if (inh) notes.push(inh.kind === 'extends' ? `inherited from service "${inh.service}" through extends` : `from the included service "${inh.service}"`);
  const anchor = v.via.find((s) => s.anchor)?.anchor;
  if (v.via.length > 0) notes.push(v.via[0]!.alias ? `from "*${anchor}"` : anchor ? `merged from "*${anchor}"` : 'merged with "<<"');
  if (v.iv.state === 'resolved' && v.raw !== undefined && v.text !== undefined) {
    const fromEnv = v.iv.vars.some((u) => u.from === 'env-file');
    notes.push(`"${v.raw}" resolves to "${v.text}"${fromEnv ? ' with .env' : ''}`);
  }
  return notes.length > 0 ? ` (${notes.join('; ')})` : '';
}

/** Where a reported list item (a port, a volume) is written, and whether other services share it. */
export interface ListItemSite {
  /** The layer entry (`ports:`) whose sequence holds the item. */
  entry: CEntry;
  seq: CSeq;
  item: CItem;
  /** True when the item's text belongs to an anchor: a `<<` merge, `ports: *list`, `- *item`, `web: *base`. */
  shared: boolean;
  /** The anchor an in-place edit would change. */
  anchor?: string;
  /** The `extends` base service whose text holds the item (in this file). */
  base?: string;
}

function textAt(model: ComposeModel, r: Range): string {
  return model.index.text.slice(model.index.offsetAt(r.start), model.index.offsetAt(r.end));
}

/** Finds the sequence item `node` of a list key (`ports`, `volumes`) in a service's layers. */
export function listItemSite(model: ComposeModel, svc: ServiceView, key: string, node: CNode): ListItemSite | undefined {
  for (const e of svc.service.layers(key)) {
    if (e.value.kind !== 'seq') continue;
    const item = e.value.items.find((it) => it.value === node);
    if (!item) continue;
    const alias = (r: Range | undefined) => (r ? textAt(model, r).replace(/^\*/, '') : undefined);
    const anchor = alias(item.aliasRange) ?? alias(e.aliasRange) ?? [...e.via].reverse().find((s) => s.anchor)?.anchor;
    const base = inheritedBase(e);
    if (!isOwn(e) && !base) return undefined; // another file's text: that file's lint edits it
    return { entry: e, seq: e.value, item, shared: e.via.length > 0 || !!e.aliasRange || !!item.aliasRange || !!base, anchor, base };
  }
  return undefined;
}

/** How many services list this very item node under `key` (an anchored item reaches all of them). */
export function servicesSharingItem(svc: ServiceView, key: string, node: CNode): number {
  return svc.view.services.filter((s) => s.items(key).some((it) => it.node === node)).length;
}

/**
 * The fixes for a list item that needs `edits` (which lie inside the item's text). An item written
 * in the service is edited in place. An item from an anchor is not: the first fix gives the
 * service its own copy of the list with the item changed (Compose merges are shallow, so a
 * service-level list replaces the merged one), and a second one edits the anchor and says how
 * many services that reaches. Every one is a suggestion, and the anchor's is always there.
 */
export function listItemFixes(model: ComposeModel, svc: ServiceView, key: string, site: ListItemSite | undefined, edits: () => TextEdit[], title: () => string): LazyFixes | undefined {
  if (!site) return undefined;
  if (!site.shared) return { best: 'suggest', make: () => [{ title: title(), kind: 'suggest', edits: edits() }] };
  return {
    best: 'suggest',
    make: () => {
      const e = edits();
      const out: Fix[] = [];
      const own = ownListEdit(model, svc, key, site, e);
      if (own) out.push({ title: title(), kind: 'suggest', edits: [own] });
      const n = servicesSharingItem(svc, key, site.item.value);
      const viaAnchor = site.entry.via.length > 0 || !!site.entry.aliasRange || !!site.item.aliasRange;
      out.push({ title: site.base && !viaAnchor ? editBaseTitle(site.base, n) : editAnchorTitle(site.anchor, n), kind: 'suggest', edits: e });
      return out;
    },
  };
}

/** The text of a node after edits inside it; undefined when an edit reaches outside. */
function editedText(model: ComposeModel, node: CNode, edits: TextEdit[]): string | undefined {
  const r = node.node?.range;
  if (!r) return undefined;
  const [s, t] = [r[0], r[1]];
  const sorted = edits.map((e) => ({ a: model.index.offsetAt(e.range.start), b: model.index.offsetAt(e.range.end), text: e.newText })).sort((x, y) => x.a - y.a);
  let out = '';
  let at = s;
  for (const e of sorted) {
    if (e.a < at || e.b > t) return undefined;
    out += model.index.text.slice(at, e.a) + e.text;
    at = e.b;
  }
  return out + model.index.text.slice(at, t);
}

function flowItem(t: string): string {
  return /^["'*{[]/.test(t) ? t : flowScalar(t);
}

function ownListEdit(model: ComposeModel, svc: ServiceView, key: string, site: ListItemSite, edits: TextEdit[]): TextEdit | undefined {
  const def = svc.service.definitionOf(site.entry);
  if (!def || def.aliasSite) return undefined;
  const texts: string[] = [];
  for (const it of site.seq.items) {
    const t = it === site.item ? editedText(model, it.value, edits) : it.aliasRange ? textAt(model, it.aliasRange) : sourceText(model, it.value);
    if (!t || /[\r\n]/.test(t)) return undefined;
    texts.push(t);
  }
  const flow = `[${texts.map(flowItem).join(', ')}]`;
  // `ports: *list` written in the service: replace the alias by the list itself.
  if (site.entry.aliasRange && site.entry.via.length === 0) return { range: site.entry.aliasRange, newText: flow };
  const dash = sequenceIndent(model);
  return insertServiceKey(model, def, key, { lines: texts.map((t) => `${dash}- ${t}`), flowValue: flow });
}
