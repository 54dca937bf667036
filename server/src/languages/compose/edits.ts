// Text edits compose fixes share: insert a key into a service, append an item to a list, remove
// a pair's lines. Edits keep comments and formatting (the document is never re-serialised) and
// follow the file's own style: its indentation, block or flow collections, its line breaks.
import type { Range, TextEdit } from '../../engine/types';
import type { ComposeModel, ServiceDefinition } from './model';
import type { CEntry, CMap, CNode, CSeq } from './tree';
import { MemoSlot } from '../../engine/memo-slot';

/** Last line of a node's value (a value range ending at a line start belongs to the line before). */
export function lastLine(r: Range): number {
  return r.end.character === 0 && r.end.line > r.start.line ? r.end.line - 1 : r.end.line;
}

function insertAt(model: ComposeModel, offset: number, text: string): TextEdit {
  const p = model.index.positionAt(offset);
  return { range: { start: p, end: p }, newText: text };
}

/** Quotes a scalar for a flow context when it holds flow indicators or starts like something else. */
export function flowScalar(text: string): string {
  return /^[\w./@~-][^,[\]{}#]*$/.test(text) && !/: /.test(text) ? text : JSON.stringify(text);
}

/** Column of the `-` of a block sequence's items, or undefined for an empty or flow sequence. */
function dashColumn(model: ComposeModel, seq: CSeq): number | undefined {
  const first = seq.items[0];
  if (!first || seq.flow) return undefined;
  const start = first.value.range.start;
  if (start.character === 0) return undefined;
  // Strictly before the item's value: an item that is itself a sequence (`- - x`) or a scalar
  // starting with a dash (`- -foo`) has one at its own start (found by the fuzzer: fix-all then
  // appended to the inner list for ever).
  const dash = model.index.lineText(start.line).lastIndexOf('-', start.character - 1);
  return dash >= 0 ? dash : undefined;
}

/**
 * Appends an item to a sequence written in the file: a new `- item` line under the last item
 * (same column) for a block list, `, item` before the `]` of a flow list.
 */
export function appendToSeq(model: ComposeModel, seq: CSeq, item: string): TextEdit | undefined {
  const text = model.index.text;
  if (!seq.node?.range || !inFile(model, seq)) return undefined;
  if (seq.flow) {
    const last = seq.items[seq.items.length - 1];
    if (!last) {
      const open = text.indexOf('[', seq.node.range[0]);
      return open < 0 ? undefined : insertAt(model, open + 1, flowScalar(item));
    }
    const end = model.index.offsetAt(last.value.range.end);
    let i = end;
    while (i < text.length && /[ \t\r\n]/.test(text[i]!)) i++;
    if (text[i] === ',') return insertAt(model, i + 1, ` ${flowScalar(item)}`);
    return insertAt(model, end, `, ${flowScalar(item)}`);
  }
  const col = dashColumn(model, seq);
  const last = seq.items[seq.items.length - 1];
  if (col === undefined || !last) return undefined;
  const line = lastLine(last.value.range);
  return insertAt(model, model.index.lineEnd(line), `${model.index.eol}${' '.repeat(col)}- ${item}`);
}

/**
 * An edit decided on at check time and built when its fix is asked for (LazyFixes). The `plan…`
 * functions answer at once whether their edit exists (the same cheap, structural conditions the
 * builders check) and defer the building.
 */
export type EditPlan = () => TextEdit;

/** Whether appendToSeq makes an edit. */
function canAppendToSeq(model: ComposeModel, seq: CSeq): boolean {
  if (!seq.node?.range || !inFile(model, seq)) return false;
  if (seq.flow) return seq.items.length > 0 || model.index.text.indexOf('[', seq.node.range[0]) >= 0;
  return dashColumn(model, seq) !== undefined;
}

/** appendToSeq, built later. */
export function planAppendToSeq(model: ComposeModel, seq: CSeq, item: string): EditPlan | undefined {
  return canAppendToSeq(model, seq) ? () => appendToSeq(model, seq, item)! : undefined;
}

const seqIndents = new MemoSlot<ComposeModel, string>();

/** How this file indents block sequences under a key: `- ` at the key's column, or indented. */
export function sequenceIndent(model: ComposeModel): string {
  // Memoised: fixes ask once per service, and the answer is a property of the whole file.
  let known = seqIndents.get(model);
  if (known === undefined) {
    known = findSequenceIndent(model);
    seqIndents.set(model, known);
  }
  return known;
}

function findSequenceIndent(model: ComposeModel): string {
  for (const m of model.maps) {
    if (m.flow) continue;
    for (const e of m.entries) {
      if (e.via.length > 0 || e.value.kind !== 'seq' || e.value.flow || e.aliasRange) continue;
      const col = dashColumn(model, e.value);
      if (col === undefined || e.value.items[0]!.value.range.start.line === e.keyRange.start.line) continue;
      const d = col - e.keyRange.start.character;
      return d <= 0 ? '' : ' '.repeat(d);
    }
  }
  return model.indent;
}

/**
 * Inserts `key` with a block value (`lines`, relative to the key's column) or an `inline` value on
 * the key's line into one definition of a service, after its
 * last written key. Flow mappings get `, key: flowValue`. Undefined when the service's mapping is
 * an alias (the text belongs to an anchor shared with others).
 */
export function insertServiceKey(
  model: ComposeModel,
  def: ServiceDefinition,
  key: string,
  block: { lines: string[]; inline?: string; flowValue: string },
): TextEdit | undefined {
  const eol = model.index.eol;
  // Another file's definition (override file, `extends` base, include) or another service's text
  // (an `extends` base in this file): an edit here would land in the wrong place.
  if (def.file !== undefined || def.inherited || !inFile(model, def.entry.value)) return undefined;
  if (def.entry.aliasRange) return undefined;
  const map: CMap | undefined = def.map;
  const keyCol = def.keyRange.start.character;
  const serviceLine = model.index.lineText(def.keyRange.start.line);
  const baseIndent = serviceLine.slice(0, keyCol).replace(/[^ ]/g, ' ');
  const head = block.inline !== undefined ? `${key}: ${block.inline}` : `${key}:`;
  const render = (col: string) => [col + head, ...block.lines.map((l) => col + l)].join(eol);

  if (!map || map.pairs.length === 0) {
    // `web:` with no value, or `web: {}`.
    if (map?.flow && map.node?.range) {
      const open = model.index.text.indexOf('{', map.node.range[0]);
      return open < 0 ? undefined : insertAt(model, open + 1, `${key}: ${block.flowValue}`);
    }
    const v = def.entry.value;
    // A service written as a list (or a scalar) is not a mapping to add keys to.
    if (v.kind === 'seq' || (v.kind === 'scalar' && v.value !== null)) return undefined;
    const line = def.keyRange.start.line;
    return insertAt(model, model.index.lineEnd(line), eol + render(baseIndent + model.indent));
  }
  if (map.flow) {
    const last = map.pairs[map.pairs.length - 1]!;
    const end = pairEnd(last);
    if (end === undefined) return undefined;
    const text = model.index.text;
    let i = end;
    while (i < text.length && /[ \t\r\n]/.test(text[i]!)) i++;
    if (text[i] === ',') return insertAt(model, i + 1, ` ${key}: ${block.flowValue}`);
    return insertAt(model, end, `, ${key}: ${block.flowValue}`);
  }
  const firstKey = map.pairs[0]!.key as { range?: [number, number, number] } | null;
  if (!firstKey?.range) return undefined;
  const col = model.index.positionAt(firstKey.range[0]).character;
  const lastPair = map.pairs[map.pairs.length - 1]!;
  const end = pairEnd(lastPair);
  if (end === undefined) return undefined;
  const endPos = model.index.positionAt(end);
  const line = endPos.character === 0 && endPos.line > 0 && end > firstKey.range[0] ? endPos.line - 1 : endPos.line;
  return insertAt(model, model.index.lineEnd(line), eol + render(' '.repeat(col)));
}

/** Whether insertServiceKey makes an edit. */
export function canInsertServiceKey(model: ComposeModel, def: ServiceDefinition): boolean {
  if (def.file !== undefined || def.inherited || !inFile(model, def.entry.value) || def.entry.aliasRange) return false;
  const map: CMap | undefined = def.map;
  if (!map || map.pairs.length === 0) {
    if (map?.flow && map.node?.range) return model.index.text.indexOf('{', map.node.range[0]) >= 0;
    const v = def.entry.value;
    return !(v.kind === 'seq' || (v.kind === 'scalar' && v.value !== null));
  }
  if (!map.flow && !(map.pairs[0]!.key as { range?: unknown } | null)?.range) return false;
  return pairEnd(map.pairs[map.pairs.length - 1]!) !== undefined;
}

/** insertServiceKey, built later (with the block `block()` renders then). */
export function planServiceKey(model: ComposeModel, def: ServiceDefinition, key: string, block: () => { lines: string[]; inline?: string; flowValue: string }): EditPlan | undefined {
  return canInsertServiceKey(model, def) ? () => insertServiceKey(model, def, key, block())! : undefined;
}

function pairEnd(p: { key: unknown; value: unknown }): number | undefined {
  const v = p.value as { range?: [number, number, number] } | null;
  const k = p.key as { range?: [number, number, number] } | null;
  return v?.range?.[1] ?? k?.range?.[1];
}

/** The text of a node as written (in the node's own file). */
export function sourceText(model: ComposeModel, n: CNode): string {
  const r = n.node?.range;
  const text = n.src?.index.text ?? model.index.text;
  return r ? text.slice(r[0], r[1]) : '';
}

/** True when a node's text is in the model's file (not read from another compose file). */
export function inFile(model: ComposeModel, n: CNode): boolean {
  return n.src === undefined || n.src.path === model.path;
}

/**
 * Inserts `key` into a mapping written in the file (a service's nested `deploy:` block, a
 * long-syntax port or volume item): a new line after its last pair at the column of its first
 * key, with `lines` below it (relative to that column) or `inline` after the colon; a flow mapping
 * gets `, key: flowValue` (an empty `{}` gets `key: flowValue`). Undefined when the mapping has no
 * written pairs in block style (its indentation is not known) or its positions are missing.
 */
export function insertMapKey(model: ComposeModel, map: CMap, key: string, block: { lines: string[]; inline?: string; flowValue: string }): TextEdit | undefined {
  const eol = model.index.eol;
  const text = model.index.text;
  if (map.flow) {
    if (!map.node?.range) return undefined;
    const last = map.pairs[map.pairs.length - 1];
    if (!last) {
      const open = text.indexOf('{', map.node.range[0]);
      return open < 0 ? undefined : insertAt(model, open + 1, `${key}: ${block.flowValue}`);
    }
    const end = pairEnd(last);
    if (end === undefined) return undefined;
    let i = end;
    while (i < text.length && /[ \t\r\n]/.test(text[i]!)) i++;
    if (text[i] === ',') return insertAt(model, i + 1, ` ${key}: ${block.flowValue}`);
    return insertAt(model, end, `, ${key}: ${block.flowValue}`);
  }
  const first = map.pairs[0]?.key as { range?: [number, number, number] } | null | undefined;
  const lastPair = map.pairs[map.pairs.length - 1];
  if (!first?.range || !lastPair) return undefined;
  const col = ' '.repeat(model.index.positionAt(first.range[0]).character);
  const end = pairEnd(lastPair);
  if (end === undefined) return undefined;
  const endPos = model.index.positionAt(end);
  const line = endPos.character === 0 && endPos.line > 0 && end > first.range[0] ? endPos.line - 1 : endPos.line;
  const head = block.inline !== undefined ? `${key}: ${block.inline}` : `${key}:`;
  return insertAt(model, model.index.lineEnd(line), eol + [col + head, ...block.lines.map((l) => col + l)].join(eol));
}

/** Whether insertMapKey makes an edit. */
function canInsertMapKey(model: ComposeModel, map: CMap): boolean {
  if (map.flow) {
    if (!map.node?.range) return false;
    const last = map.pairs[map.pairs.length - 1];
    return last ? pairEnd(last) !== undefined : model.index.text.indexOf('{', map.node.range[0]) >= 0;
  }
  const first = map.pairs[0]?.key as { range?: unknown } | null | undefined;
  const lastPair = map.pairs[map.pairs.length - 1];
  return !!first?.range && !!lastPair && pairEnd(lastPair) !== undefined;
}

/** insertMapKey, built later. */
export function planMapKey(model: ComposeModel, map: CMap, key: string, block: () => { lines: string[]; inline?: string; flowValue: string }): EditPlan | undefined {
  return canInsertMapKey(model, map) ? () => insertMapKey(model, map, key, block())! : undefined;
}

// --- Removing list items and pairs, inserting into any mapping (added with the capability,
// socket, namespace and security-profile rules).

type YRange = { range?: [number, number, number] | null } | null | undefined;

function yStart(n: unknown): number | undefined {
  return (n as YRange)?.range?.[0];
}
function yEnd(n: unknown): number | undefined {
  return (n as YRange)?.range?.[1];
}

/** The lines `[first, last]` a span covers, or undefined when it shares a line with other text. */
function wholeLines(model: ComposeModel, start: number, end: number): { first: number; last: number } | undefined {
  const index = model.index;
  const text = index.text;
  const first = index.positionAt(start);
  const endPos = index.positionAt(end);
  const last = endPos.character === 0 && endPos.line > first.line ? endPos.line - 1 : endPos.line;
  if (text.slice(index.lineStart(first.line), start).trim() !== '') return undefined;
  const rest = text.slice(end, index.lineEnd(last));
  if (rest.trim() !== '' && !rest.trim().startsWith('#')) return undefined;
  return { first: first.line, last };
}

/**
 * An edit found as offsets first (cheap: no Range is made), so a rule can tell whether a fix
 * exists while it checks and build the edit only when the fix is asked for.
 */
interface Span {
  start: number;
  end: number;
  newText: string;
}

function editOf(model: ComposeModel, sp: Span): TextEdit {
  return { range: model.index.rangeOf(sp.start, sp.end), newText: sp.newText };
}

/** The whole lines holding `[start, end)`, or undefined when the span shares a line with other text. */
function linesSpan(model: ComposeModel, start: number, end: number): Span | undefined {
  const lines = wholeLines(model, start, end);
  if (!lines) return undefined;
  const index = model.index;
  const from = index.lineStart(lines.first);
  const to = lines.last + 1 < index.lineCount ? index.lineStart(lines.last + 1) : index.lineEnd(lines.last);
  return { start: from, end: to, newText: '' };
}

/**
 * Removes item `i` of a sequence written in the file. `removed` holds the indices of every item
 * that fixes for the same list take out (`i` included), so that edits made for several items at
 * once never overlap and always leave a valid list: in a flow list an item before the last kept
 * item takes the separator after it, an item after it the separator before it. Undefined when
 * `removed` covers every item (remove or empty the whole list instead) or the text is unusual.
 */
export function removeSeqItem(model: ComposeModel, seq: CSeq, i: number, removed: ReadonlySet<number>): TextEdit | undefined {
  const sp = seqItemSpan(model, seq, i, removed);
  return sp && editOf(model, sp);
}

/** removeSeqItem, built later. */
export function planRemoveSeqItem(model: ComposeModel, seq: CSeq, i: number, removed: ReadonlySet<number>): EditPlan | undefined {
  const sp = seqItemSpan(model, seq, i, removed);
  return sp && (() => editOf(model, sp));
}

function seqItemSpan(model: ComposeModel, seq: CSeq, i: number, removed: ReadonlySet<number>): Span | undefined {
  const items = seq.node?.items;
  if (!items || i < 0 || i >= items.length || items.length !== seq.items.length) return undefined;
  let lastKept = -1;
  for (let k = 0; k < items.length; k++) if (!removed.has(k)) lastKept = k;
  if (lastKept < 0) return undefined;
  const s = yStart(items[i]);
  const e = yEnd(items[i]);
  if (s === undefined || e === undefined) return undefined;
  if (!seq.flow) {
    // The `-` before the item starts the line.
    const text = model.index.text;
    const dash = text.lastIndexOf('-', s);
    if (dash < 0 || text.slice(dash + 1, s).trim() !== '') return undefined;
    return linesSpan(model, dash, e);
  }
  if (i < lastKept) {
    const next = yStart(items[i + 1]);
    return next === undefined ? undefined : { start: s, end: next, newText: '' };
  }
  const prevEnd = yEnd(items[i - 1]);
  return prevEnd === undefined ? undefined : { start: prevEnd, end: e, newText: '' };
}

/**
 * Removes a key and its value from a mapping written in the file: the pair's lines in a block
 * mapping, the pair and one separator in a flow mapping. A block mapping's only pair leaves
 * `key: {}` (not a null). Undefined when the pair shares its lines with other text.
 */
export function removePair(model: ComposeModel, map: CMap, pair: CEntry['pair']): TextEdit | undefined {
  const sp = pairSpan(model, map, pair);
  return sp && editOf(model, sp);
}

/** removePair, built later. */
export function planRemovePair(model: ComposeModel, map: CMap, pair: CEntry['pair']): EditPlan | undefined {
  const sp = pairSpan(model, map, pair);
  return sp && (() => editOf(model, sp));
}

function pairSpan(model: ComposeModel, map: CMap, pair: CEntry['pair']): Span | undefined {
  const i = map.pairs.indexOf(pair);
  if (i < 0) return undefined;
  const s = yStart(pair.key);
  const e = yEnd(pair.value) ?? yEnd(pair.key);
  if (s === undefined || e === undefined) return undefined;
  if (!map.flow) {
    if (map.pairs.length >= 2) return linesSpan(model, s, e);
    // The only pair: `web:` would be null, so the mapping becomes `web: {}`.
    const text = model.index.text;
    let c = s - 1;
    while (c >= 0 && /\s/.test(text[c]!)) c--;
    const end = s + text.slice(s, e).trimEnd().length;
    const rest = text.slice(end, model.index.lineEnd(model.index.positionAt(end).line));
    if (text[c] !== ':' || rest.trim() !== '') return undefined;
    return { start: c + 1, end, newText: ' {}' };
  }
  if (map.pairs.length === 1) return { start: s, end: e, newText: '' };
  if (i < map.pairs.length - 1) {
    const next = yStart(map.pairs[i + 1]!.key);
    return next === undefined ? undefined : { start: s, end: next, newText: '' };
  }
  const prev = map.pairs[i - 1]!;
  const prevEnd = yEnd(prev.value) ?? yEnd(prev.key);
  return prevEnd === undefined ? undefined : { start: prevEnd, end: e, newText: '' };
}

/** The mapping a written pair belongs to. */
export function mapOfPair(model: ComposeModel, pair: CEntry['pair']): CMap | undefined {
  return model.maps.find((m) => m.pairs.includes(pair));
}
