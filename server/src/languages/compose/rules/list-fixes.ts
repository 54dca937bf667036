// Fixes the list rules share (cap_add, security_opt, volumes): take items out of a service's
// list, or rewrite one item, following the anchor conventions of the compose rules. A list
// written in the service is edited in place; a list that reaches the service through `<<` or an
// alias is overridden in this service only, and a second suggestion edits the anchor and says
// how many services that changes.
import type { Fix, LazyFixes, RelatedLocation, TextEdit } from '../../../engine/types';
import { planned, type FixPlan } from '../../../engine/fix-plans';
import type { ComposeModel } from '../model';
import type { CEntry, CNode, CSeq } from '../tree';
import type { ServiceView, Value } from '../view';
import { editAnchorTitle, editBaseTitle, inheritedBase, isOwn, originRelated, provenanceNote } from './shared';
export { editAnchorTitle } from './shared';
import { canInsertServiceKey, flowScalar, insertServiceKey, mapOfPair, planRemovePair, planRemoveSeqItem, sequenceIndent, sourceText, type EditPlan } from '../edits';

/** The layer of `key` whose list holds `node`, and the item's index in it. */
export function layerOf(svc: ServiceView, key: string, node: CNode): { entry: CEntry; seq: CSeq; index: number } | undefined {
  for (const entry of svc.service.layers(key)) {
    if (entry.value.kind !== 'seq') continue;
    const index = entry.value.items.findIndex((it) => it.value === node);
    if (index >= 0) return { entry, seq: entry.value, index };
  }
  return undefined;
}

/**
 * Where a list item came from, for the message and related locations: the `<<` sites, plus the
 * alias when the list (`cap_add: *caps`) or the item (`- *sys-admin`) is one.
 */
export function itemProvenance(model: ComposeModel, svc: ServiceView, key: string, node: CNode, value: Pick<Value, 'via' | 'iv' | 'raw' | 'text' | 'layer'>): { note: string; related: RelatedLocation[] } {
  const at = layerOf(svc, key, node);
  const alias = at?.seq.items[at.index]?.aliasRange ?? at?.entry.aliasRange;
  if (!alias) return { note: provenanceNote(value), related: originRelated(svc.name, value) };
  const name = model.index.text.slice(model.index.offsetAt(alias.start) + 1, model.index.offsetAt(alias.end));
  const site = { alias: true, keyRange: alias, sourceRange: alias, anchor: name };
  return {
    note: provenanceNote({ ...value, via: [...value.via, site] }),
    related: [...originRelated(svc.name, value), { range: alias, message: `Service "${svc.name}" uses "*${name}" here` }],
  };
}

/** The anchor a shared list comes from: `*caps` in `cap_add: *caps`, else the innermost `<<` source. */
export function anchorOf(model: ComposeModel, entry: CEntry): string | undefined {
  if (entry.aliasRange) return model.index.text.slice(model.index.offsetAt(entry.aliasRange.start) + 1, model.index.offsetAt(entry.aliasRange.end));
  return [...entry.via].reverse().find((s) => s.anchor)?.anchor;
}

/**
 * True when the list is written in this service's own mapping in the linted file (not merged,
 * not an alias, not an `extends` base's, not another file's).
 */
export function writtenHere(entry: CEntry): boolean {
  return entry.via.length === 0 && !entry.aliasRange && isOwn(entry);
}

/** How many services read this very list (for "Edit anchor …: affects N services"). */
export function servicesSharing(svc: ServiceView, key: string, seq: CSeq): number {
  return svc.view.services.filter((s) => s.service.layers(key).some((e) => e.value === seq)).length;
}

export function quoted(names: string[]): string {
  const q = names.map((n) => `"${n}"`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

/**
 * Replaces a list's items by `[]`: on the key's line (`cap_add: []`) when only blanks separate
 * the key from its block list, else where the list stands.
 */
function emptySeq(model: ComposeModel, seq: CSeq, entry?: CEntry): TextEdit | undefined {
  const r = seq.node?.range;
  if (!r) return undefined;
  const text = model.index.text;
  const end = r[0] + text.slice(r[0], r[1]).trimEnd().length;
  const keyEnd = (entry?.pair.key as { range?: number[] } | null)?.range?.[1];
  if (!seq.flow && keyEnd !== undefined && !entry?.aliasRange) {
    const colon = text.indexOf(':', keyEnd);
    if (colon >= 0 && colon < r[0] && text.slice(colon + 1, r[0]).trim() === '') return { range: model.index.rangeOf(colon + 1, end), newText: ' []' };
  }
  return { range: model.index.rangeOf(r[0], end), newText: '[]' };
}

/** The text edits that take the items `removed` out of a list written somewhere in the file. */
function removeFromWrittenSeq(model: ComposeModel, entry: CEntry, seq: CSeq, removed: ReadonlySet<number>, only?: number): (() => TextEdit[]) | undefined {
  const targets = only === undefined ? [...removed] : [only];
  if (removed.size >= seq.items.length && only === undefined) {
    // Nothing left: drop the key (a `key:` left with no items would be null, which Compose rejects).
    const map = mapOfPair(model, entry.pair);
    const gone = map ? planRemovePair(model, map, entry.pair) : undefined;
    if (gone) return () => [gone()];
    return seq.node?.range ? () => [emptySeq(model, seq, entry)!] : undefined;
  }
  const edits: EditPlan[] = [];
  for (const i of targets) {
    const e = planRemoveSeqItem(model, seq, i, removed);
    if (!e) return undefined;
    edits.push(e);
  }
  return () => edits.map((e) => e());
}

/** Whether copyItems copies the items other than `skip` (single-line scalars, not aliases). */
function copyable(seq: CSeq, skip: ReadonlySet<number>): boolean {
  for (let i = 0; i < seq.items.length; i++) {
    if (skip.has(i)) continue;
    const it = seq.items[i]!;
    const n = it.value;
    if (n.kind !== 'scalar' || it.aliasRange || n.range.start.line !== n.range.end.line) return false;
  }
  return true;
}

/** Single-line scalar items copied as written, for a list this service gets of its own. */
function copyItems(model: ComposeModel, seq: CSeq, skip: ReadonlySet<number>, replace?: { index: number; text: string }): string[] | undefined {
  const out: string[] = [];
  for (let i = 0; i < seq.items.length; i++) {
    if (skip.has(i)) continue;
    if (replace && replace.index === i) {
      out.push(replace.text);
      continue;
    }
    const it = seq.items[i]!;
    const n = it.value;
    if (n.kind !== 'scalar' || it.aliasRange || n.range.start.line !== n.range.end.line) return undefined;
    out.push(sourceText(model, n));
  }
  return out;
}

/** Gives the service its own copy of a shared list (`key:` inserted, or the alias replaced). */
function ownList(model: ComposeModel, svc: ServiceView, entry: CEntry, items: string[]): TextEdit | undefined {
  const def = svc.service.definitionOf(entry);
  if (!def || def.aliasSite) return undefined;
  const flow = `[${items.map((t) => (t.startsWith('"') || t.startsWith("'") ? t : flowScalar(t))).join(', ')}]`;
  if (entry.aliasRange) return { range: entry.aliasRange, newText: flow };
  if (items.length === 0) return insertServiceKey(model, def, entry.key, { lines: [], inline: '[]', flowValue: '[]' });
  const dash = sequenceIndent(model);
  return insertServiceKey(model, def, entry.key, { lines: items.map((t) => `${dash}- ${t}`), flowValue: flow });
}

/** ownList with the items `items()` gives then, built later. */
function planOwnList(model: ComposeModel, svc: ServiceView, entry: CEntry, items: () => string[]): EditPlan | undefined {
  const def = svc.service.definitionOf(entry);
  if (!def || def.aliasSite) return undefined;
  return entry.aliasRange || canInsertServiceKey(model, def) ? () => ownList(model, svc, entry, items())! : undefined;
}

/**
 * Fixes for one reported item of a list: remove it (and, when every item of the list is reported,
 * the whole key). `flagged(n)` says which items of the same list the rule reports, so that the
 * fixes of several findings in one list combine into a valid list.
 */
export function removeItemFixes(
  model: ComposeModel,
  svc: ServiceView,
  key: string,
  node: CNode,
  flagged: (n: CNode) => boolean,
  label: (n: CNode) => string,
  kind: Fix['kind'],
): LazyFixes | undefined {
  const at = layerOf(svc, key, node);
  if (!at) return undefined;
  const { entry, seq, index } = at;
  const removed = new Set<number>();
  seq.items.forEach((it, i) => flagged(it.value) && removed.add(i));
  removed.add(index);
  const names = () => [...removed].sort((a, b) => a - b).map((i) => label(seq.items[i]!.value));
  const removeMe = () => `Remove "${label(node)}" from ${key} in service "${svc.name}"`;
  const out: FixPlan[] = [];

  if (writtenHere(entry)) {
    if (removed.size >= seq.items.length) {
      const all = removeFromWrittenSeq(model, entry, seq, removed);
      if (all) out.push({ title: `Remove ${key} from service "${svc.name}"`, kind, edits: all });
      if (seq.items.length > 1) {
        // Only this item: the others stay (each is still reported).
        const one = planRemoveSeqItem(model, seq, index, new Set([index]));
        if (one) out.push({ title: removeMe, kind, edits: () => [one()] });
      }
      return planned(out);
    }
    const one = removeFromWrittenSeq(model, entry, seq, removed, index);
    if (one) out.push({ title: removeMe, kind, edits: one });
    return planned(out);
  }

  // Another file's list: that file's lint edits it.
  if (!isOwn(entry) && !inheritedBase(entry)) return undefined;
  // Shared through an anchor: override in this service, or edit the anchor for everyone. (Lists
  // append across `extends`, so a service cannot take an item of its base out with a list of its
  // own: only editing the base does.)
  const base = inheritedBase(entry);
  const own = !base && copyable(seq, removed) ? planOwnList(model, svc, entry, () => copyItems(model, seq, removed)!) : undefined;
  if (own) out.push({ title: () => `Override ${key} in service "${svc.name}" without ${quoted(names())}`, kind, edits: () => [own()] });
  // Editing the anchor takes this item out for every service that shares the list.
  let inAnchor: (() => TextEdit[]) | undefined;
  if (seq.items.length > 1) {
    const e = planRemoveSeqItem(model, seq, index, new Set([index]));
    inAnchor = e && (() => [e()]);
  } else if (entry.aliasRange) {
    // `cap_add: *caps`: empty the anchored list (removing its key would break the alias).
    inAnchor = seq.node?.range ? () => [emptySeq(model, seq)!] : undefined;
  } else inAnchor = removeFromWrittenSeq(model, entry, seq, new Set([index]));
  if (inAnchor) out.push({ title: () => sharedTitle(model, entry, servicesSharing(svc, key, seq)), kind: 'suggest', edits: inAnchor });
  return planned(out);
}

/** "Edit anchor …" for a list from an anchor, "Edit base service …" for one written in an `extends` base. */
function sharedTitle(model: ComposeModel, entry: CEntry, n: number): string {
  const base = inheritedBase(entry);
  return base && entry.via.length === 0 && !entry.aliasRange ? editBaseTitle(base, n) : editAnchorTitle(anchorOf(model, entry), n);
}

/**
 * Fixes that rewrite one item of a list (`:ro` on a volume): in place when the list is written
 * in the service; for a shared list, this service gets its own copy with the item rewritten, and
 * a second suggestion edits the anchor.
 */
export function rewriteItemFixes(
  model: ComposeModel,
  svc: ServiceView,
  key: string,
  node: CNode,
  title: string,
  inPlace: TextEdit[] | undefined,
  newItemText: string | undefined,
): Fix[] {
  const at = layerOf(svc, key, node);
  if (!at || !inPlace) return [];
  const { entry, seq, index } = at;
  const alias = seq.items[index]!.aliasRange;
  if (writtenHere(entry) && !alias) return [{ title, kind: 'suggest', edits: inPlace }];
  if (!isOwn(entry) && !inheritedBase(entry)) return [];
  const out: Fix[] = [];
  if (!alias && newItemText !== undefined && !inheritedBase(entry)) {
    const items = copyItems(model, seq, new Set(), { index, text: newItemText });
    const own = items && ownList(model, svc, entry, items);
    if (own) out.push({ title: `${title} in service "${svc.name}" only`, kind: 'suggest', edits: [own] });
  }
  const sharing = alias ? svc.view.services.filter((s) => s.service.layers(key).some((e) => e.value.kind === 'seq' && e.value.items.some((it) => it.value === node))).length : servicesSharing(svc, key, seq);
  const anchor = alias ? model.index.text.slice(model.index.offsetAt(alias.start) + 1, model.index.offsetAt(alias.end)) : anchorOf(model, entry);
  out.push({ title: alias ? editAnchorTitle(anchor, sharing) : sharedTitle(model, entry, sharing), kind: 'suggest', edits: inPlace });
  return out;
}
