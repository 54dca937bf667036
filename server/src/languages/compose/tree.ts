// The resolved YAML tree every compose rule reads: aliases followed, `<<` merge keys applied
// (keys written in a mapping win, then the first merge source), `!reset` keys removed, and every
// value still pointing at the exact text it came from.
//
// Conversion is memoised per YAML node, so an alias does not copy its anchor: the result is a
// DAG no larger than the file. Work that could still explode (merge copies, nesting through
// chains of aliases, a full walk of an alias bomb) is capped and reported as a parse error.
import * as yaml from 'yaml';
import type { Alias, Document, Node as YNode, Pair, Scalar as YScalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Finding, Range } from '../../engine/types';
import { MAX_NESTING } from '../../yaml/nesting';
import { anchorIndexOf, type AnchorIndex } from '../../yaml/parser';
import type { LineIndex } from '../../engine/text';
import * as kinds from '../../yaml/kinds';

// Local copies: esbuild's CommonJS output (out/, which tests and the benchmark run) reads every
// import through a getter on each use, and these run once per YAML node. The kind checks are
// yaml/kinds.ts's `instanceof` ones (see there why not the library's).
const { Scalar } = yaml;
const { isAliasNode: isAlias, isMapNode: isMap, isScalarNode: isScalar, isSeqNode: isSeq } = kinds;

/** Where a `<<` merge brought a value from. */
export interface MergeSite {
  /** The `<<` key that merged it. */
  keyRange: Range;
  /** The merge source as written: the `*name` alias or an inline mapping. */
  sourceRange: Range;
  /** Anchor name when the source is an alias. */
  anchor?: string;
  /** The `&name` token of that anchor, when found. */
  anchorRange?: Range;
  /** True when the site is a plain alias (`web: *base`) rather than a `<<` merge. */
  alias?: boolean;
}

/** The file a node was read from (shared by every node of one parse). */
export interface NodeSource {
  /** Absolute path of the compose file, as given to the parser. */
  path: string;
  index: LineIndex;
}

interface CBase {
  /** The node's value range (for a tagged node, after the tag). */
  range: Range;
  /** The file the node's text is in (ranges are in its line index). */
  src?: NodeSource;
  /** The YAML node; absent for placeholders. */
  node?: YNode;
  /** `!reset`, `!override` or another explicit tag. */
  tag?: string;
  anchor?: string;
}

export interface CScalar extends CBase {
  kind: 'scalar';
  /** The parsed value (YAML 1.2 core schema): string, number, boolean or null. */
  value: unknown;
  /** PLAIN, QUOTE_DOUBLE, QUOTE_SINGLE, BLOCK_LITERAL, BLOCK_FOLDED. */
  type?: YScalar.Type;
  /** The scalar's text as written, quotes included. */
  source: string;
  /** A placeholder standing for something Rampart would not expand (bomb, cycle, depth, missing anchor). */
  truncated?: boolean;
  /**
   * One memo for the first reader that asks (ComposeView.interpolate): who owns it and what it
   * holds. On the node, because a Map entry per scalar per lint was a twentieth of a compose lint's
   * allocation; a second reader keeps its own Map.
   */
  memoOwner: object | undefined;
  memoValue: unknown;
}

export interface CItem {
  value: CNode;
  /** Range of the `*name` alias when the item is one. */
  aliasRange?: Range;
}

export interface CSeq extends CBase {
  kind: 'seq';
  items: CItem[];
  flow: boolean;
  node?: YAMLSeq;
}

export interface CEntry {
  key: string;
  keyRange: Range;
  value: CNode;
  /** Range of the `*name` alias when the value is one (`environment: *env`). */
  aliasRange?: Range;
  /** Merge sites, outermost first; empty when the key is written in the mapping itself. */
  via: MergeSite[];
  /** The YAML pair, for fixes. */
  pair: Pair;
}

export interface MergeSource {
  range: Range;
  /** Anchor name when the source is an alias. */
  alias?: string;
  /** Source text as written (`*base`, or an inline mapping). */
  text: string;
}

/** A `<<` key as written in a mapping. */
export interface MergePair {
  keyRange: Range;
  valueRange: Range;
  sources: MergeSource[];
  /** True when the value is a `[...]` flow list of sources. */
  list: boolean;
  pair: Pair;
}

export interface CMap extends CBase {
  kind: 'map';
  /** Effective entries: written keys first in written order, merged keys where their `<<` stands. */
  entries: CEntry[];
  byKey: EntryIndex;
  flow: boolean;
  node?: YAMLMap;
  /** Keys written with `!reset` (removed from the effective view), with the key's range. */
  resets: Map<string, Range>;
  /** The `<<` pairs written in this mapping, in order (more than one is an error in Compose). */
  merges: MergePair[];
  /** Every written key pair in order, merge keys included (for insertion points and fixes). */
  pairs: Pair[];
}

export type CNode = CScalar | CSeq | CMap;

export interface ConvertLimits {
  /** Total expanded size of a document (nodes, counting each alias expansion). */
  maxExpanded: number;
  /** Nesting depth, counting nesting through aliases. */
  maxDepth: number;
  /** Entries copied by `<<` merges across the document. */
  maxMergeCopies: number;
}

// maxDepth: the cap of the YAML nesting pre-scan (yaml/nesting.ts), here counting nesting through aliases too.
export const DEFAULT_LIMITS: ConvertLimits = { maxExpanded: 200_000, maxDepth: MAX_NESTING, maxMergeCopies: 500_000 };

export function keyString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return undefined;
  return typeof v === 'string' ? v : String(v);
}

/** Mappings up to this many pairs find a repeated key by scanning the keys before it. */
const SCAN_KEYS = 8;

/** The keys a mapping writes itself (not merged), for a mapping that merges. */
class Written {
  private set: Set<string> | undefined;
  constructor(private readonly pairs: readonly Pair[]) {
    if (pairs.length > SCAN_KEYS) {
      this.set = new Set();
      for (const q of pairs) {
        if (isMergeKey(q.key)) continue;
        const k = keyString(q.key);
        if (k !== undefined) this.set.add(k);
      }
    }
  }

  has(key: string): boolean {
    if (this.set) return this.set.has(key);
    for (const q of this.pairs) if (!isMergeKey(q.key) && keyString(q.key) === key) return true;
    return false;
  }
}

function isMergeKey(node: unknown): boolean {
  return isScalar(node) && node.value === '<<' && (!node.type || node.type === Scalar.PLAIN);
}

/**
 * A converted node's range, made when first read from the offsets of its YAML node: most nodes
 * of a file are never reported, and a Range is three objects (a tenth of a compose lint's
 * allocation was ranges nobody read). The nodes are classes with the range as a getter: build
 * new objects from them field by field, never by spreading them (a spread loses getters).
 */
abstract class Located {
  private r: Range | undefined;
  constructor(
    private readonly index: LineIndex,
    private readonly at: { range?: [number, number, number] | null } | undefined,
    fixed: Range | undefined,
  ) {
    this.r = fixed;
  }

  get range(): Range {
    return (this.r ??= rangeOfNode(this.index, this.at));
  }
}

function rangeOfNode(index: LineIndex, node: { range?: [number, number, number] | null } | null | undefined): Range {
  const r = node?.range;
  return r ? index.rangeOf(r[0], r[1]) : index.rangeOf(0, 0);
}

/** Where a value stands when it has no node of its own (an empty value: its key; an alias: the alias). */
type At = YNode | Range | undefined;

function isRange(at: At): at is Range {
  return !!at && 'start' in at && 'end' in at && !('range' in at);
}

class ScalarNode extends Located implements CScalar {
  readonly kind = 'scalar' as const;
  private text: string | undefined;
  memoOwner: object | undefined = undefined;
  memoValue: unknown = undefined;
  constructor(
    index: LineIndex,
    at: YNode | undefined,
    fixed: Range | undefined,
    readonly src: NodeSource | undefined,
    readonly node: YScalar | undefined,
    readonly value: unknown,
    readonly type: YScalar.Type | undefined,
    readonly tag: string | undefined,
    readonly anchor: string | undefined,
    readonly truncated: boolean | undefined,
    private readonly whole: string,
  ) {
    super(index, at, fixed);
  }

  get source(): string {
    if (this.text !== undefined) return this.text;
    const r = this.node?.range;
    return (this.text = r ? this.whole.slice(r[0], r[1]) : '');
  }
}

class SeqNode extends Located implements CSeq {
  readonly kind = 'seq' as const;
  constructor(
    index: LineIndex,
    readonly node: YAMLSeq,
    readonly src: NodeSource | undefined,
    readonly tag: string | undefined,
    readonly anchor: string | undefined,
    readonly items: CItem[],
    readonly flow: boolean,
  ) {
    super(index, node, undefined);
  }
}

class MapNode extends Located implements CMap {
  readonly kind = 'map' as const;
  readonly entries: CEntry[] = [];
  readonly byKey: EntryIndex;
  // Shared while empty (most mappings reset nothing); replaced on the first `!reset`.
  resets: Map<string, Range> = NO_RESETS;
  // Shared while empty (most mappings merge nothing); replaced on the first `<<`.
  merges: MergePair[] = NO_MERGES;
  readonly pairs: Pair[];
  readonly flow: boolean;
  constructor(
    index: LineIndex,
    readonly node: YAMLMap,
    readonly src: NodeSource | undefined,
    readonly tag: string | undefined,
    readonly anchor: string | undefined,
  ) {
    super(index, node, undefined);
    this.byKey = new EntryIndex(this.entries);
    this.pairs = node.items as Pair[];
    this.flow = !!node.flow;
  }
}

/** A sequence item: the alias's range (when the item is one) made when first read. */
class Item implements CItem {
  private r: Range | undefined;
  constructor(
    readonly value: CNode,
    private readonly index: LineIndex,
    private readonly alias: YNode | undefined,
  ) {}

  get aliasRange(): Range | undefined {
    return this.alias ? (this.r ??= rangeOfNode(this.index, this.alias)) : undefined;
  }
}

/** A mapping entry: its key's range and the alias's (when the value is one) made when first read. */
class Entry implements CEntry {
  private kr: Range | undefined;
  private ar: Range | undefined;
  constructor(
    readonly key: string,
    readonly value: CNode,
    readonly via: MergeSite[],
    readonly pair: Pair,
    private readonly index: LineIndex,
  ) {}

  get keyRange(): Range {
    return (this.kr ??= rangeOfNode(this.index, this.pair.key as YNode));
  }

  get aliasRange(): Range | undefined {
    const v = this.pair.value as YNode | null;
    return v && isAlias(v) ? (this.ar ??= rangeOfNode(this.index, v)) : undefined;
  }
}

/** Converts one YAML document; collects parse-error findings for what it refuses to expand. */
export class TreeBuilder {
  readonly errors: Finding[] = [];
  /** Every mapping converted, in conversion order (each YAML mapping once). */
  readonly maps: CMap[] = [];
  private readonly memo = new Map<YNode, CNode>();
  private readonly inProgress = new Set<YNode>();
  private readonly aliasTargets = new Map<Alias, YNode | undefined>();
  private readonly truncated = new Set<Alias>();
  private readonly reported = new Set<string>();
  private mergeCopies = 0;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly index: LineIndex,
    private readonly limits: ConvertLimits = DEFAULT_LIMITS,
    /** Recorded on every node, so a node read through another file's service still says where it is. */
    private readonly src?: NodeSource,
  ) {
    // Without aliases nothing expands: the bound walk is only needed when there are some.
    // The fast YAML path lists the anchors and aliases it read: no walk to find them, and usually
    // none to bound the expansion either (boundedWithoutWalk).
    const known = anchorIndexOf(doc);
    const aliases = known ? this.link(known.anchored, known.aliases) : this.resolveAliases();
    if (aliases > 0 && !(known && this.boundedWithoutWalk(known))) this.boundExpansion();
  }

  rangeOf(node: { range?: [number, number, number] | null } | null | undefined): Range {
    const r = node?.range;
    if (!r) return this.index.rangeOf(0, 0);
    return this.index.rangeOf(r[0], r[1]);
  }

  /** The root node of the document, converted. */
  root(): CNode | undefined {
    const c = this.doc.contents;
    return c ? this.convert(c as YNode, 0) : undefined;
  }

  private report(key: string, range: Range, message: string): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.errors.push({ range, message });
  }

  /** Anchors are resolved in document order: an alias names the closest anchor before it. Returns how many aliases there are. */
  private resolveAliases(): number {
    const anchored: YNode[] = [];
    const aliases: Alias[] = [];
    const stack: unknown[] = [this.doc.contents];
    while (stack.length > 0) {
      const n = stack.pop();
      if (!n || typeof n !== 'object') continue;
      if (isAlias(n)) {
        aliases.push(n);
        continue;
      }
      const node = n as YNode;
      if (node.anchor) anchored.push(node);
      if (isMap(node)) {
        for (const p of node.items) {
          stack.push(p.value);
          stack.push(p.key);
        }
      } else if (isSeq(node)) {
        for (const it of node.items) stack.push(it);
      }
    }
    return this.link(anchored, aliases);
  }

  /** Each alias to the closest anchor of its name before it; returns how many aliases there are. */
  private link(anchored: readonly YNode[], aliases: readonly Alias[]): number {
    const anchors = new Map<string, Array<{ offset: number; node: YNode }>>();
    for (const node of anchored) {
      if (!node.anchor || !node.range) continue;
      const list = anchors.get(node.anchor) ?? [];
      list.push({ offset: node.range[0], node });
      anchors.set(node.anchor, list);
    }
    for (const list of anchors.values()) list.sort((a, b) => a.offset - b.offset);
    for (const a of aliases) {
      const list = anchors.get(a.source);
      const at = a.range?.[0] ?? 0;
      let target: YNode | undefined;
      if (list) for (const c of list) if (c.offset < at) target = c.node;
      this.aliasTargets.set(a, target);
    }
    return aliases.length;
  }

  /**
   * Whether the expansion is known to stay under the limit without the walk of boundExpansion.
   * When no anchored node holds an alias, nothing expands inside an expansion, and the expanded
   * document is at most the nodes written (fewer than the text's characters: each node starts at
   * a character of its own, a block mapping at its first `:`) plus each alias's target, counted.
   */
  private boundedWithoutWalk(known: AnchorIndex): boolean {
    const aliases = known.aliases;
    for (const n of known.anchored) {
      const r = n.range;
      if (!r || isScalar(n)) continue;
      // The first alias at or after the anchored node's start (aliases are in document order).
      let lo = 0;
      let hi = aliases.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((aliases[mid]!.range?.[0] ?? 0) < r[0]) lo = mid + 1;
        else hi = mid;
      }
      if (lo < aliases.length && (aliases[lo]!.range?.[0] ?? Infinity) < r[1]) return false;
    }
    let total = this.index.text.length;
    const sizes = new Map<YNode, number>();
    for (const a of aliases) {
      const t = this.aliasTargets.get(a);
      if (!t) continue;
      let size = sizes.get(t);
      if (size === undefined) sizes.set(t, (size = countNodes(t)));
      total += size;
      if (total > this.limits.maxExpanded) return false;
    }
    return true;
  }

  /**
   * Alias bombs: walks the document in order and adds up how large it would be with every
   * alias expanded. Aliases whose expansion would push the total past the limit are cut (they
   * become placeholders), so any later full walk of the tree stays bounded too.
   */
  private boundExpansion(): void {
    const sizes = new Map<YNode, number>();
    const CAP = this.limits.maxExpanded * 10;
    const sizeOf = (n: unknown, depth: number, onPath: Set<YNode>): number => {
      if (!n || typeof n !== 'object') return 1;
      let node = n as YNode;
      if (isAlias(node)) {
        const t = this.aliasTargets.get(node);
        if (!t) return 1;
        node = t;
      }
      const known = sizes.get(node);
      if (known !== undefined) return known;
      if (depth > this.limits.maxDepth || onPath.has(node)) return 1;
      let s = 1;
      onPath.add(node);
      if (isMap(node)) {
        for (const p of node.items) {
          s += sizeOf(p.key, depth + 1, onPath) + sizeOf(p.value, depth + 1, onPath);
          if (s > CAP) break;
        }
      } else if (isSeq(node)) {
        for (const it of node.items) {
          s += sizeOf(it, depth + 1, onPath);
          if (s > CAP) break;
        }
      }
      onPath.delete(node);
      s = Math.min(s, CAP);
      sizes.set(node, s);
      return s;
    };

    let total = 0;
    const stack: unknown[] = [this.doc.contents];
    while (stack.length > 0) {
      const n = stack.pop();
      if (!n || typeof n !== 'object') continue;
      if (isAlias(n)) {
        const t = this.aliasTargets.get(n);
        const s = t ? sizeOf(t, 0, new Set()) : 1;
        if (total + s > this.limits.maxExpanded) {
          this.truncated.add(n);
          total += 1;
          this.report(
            'bomb',
            this.rangeOf(n),
            `Alias "*${n.source}" would expand this file past ${this.limits.maxExpanded.toLocaleString('en-US')} values (an alias bomb): Rampart does not expand it, and Compose may run out of memory loading the file.`,
          );
        } else total += s;
        continue;
      }
      total += 1;
      const node = n as YNode;
      if (isMap(node)) {
        for (let i = node.items.length - 1; i >= 0; i--) {
          stack.push(node.items[i]!.value);
          stack.push(node.items[i]!.key);
        }
      } else if (isSeq(node)) {
        for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
      }
    }
  }

  private placeholder(at: At): CScalar {
    return new ScalarNode(this.index, isRange(at) ? undefined : at, isRange(at) ? at : undefined, this.src, undefined, null, undefined, undefined, undefined, true, '');
  }

  private where(at: At): Range {
    return isRange(at) ? at : this.rangeOf(at);
  }

  /** Follows an alias; undefined (after reporting) when it cannot be followed. */
  private target(a: Alias): YNode | undefined {
    if (this.truncated.has(a)) return undefined;
    const t = this.aliasTargets.get(a);
    if (!t) {
      this.report(
        `alias:${a.range?.[0]}`,
        this.rangeOf(a),
        `Alias "*${a.source}" refers to no anchor "&${a.source}" defined before it: Compose refuses the file.`,
      );
    }
    return t;
  }

  /** `at`: where the value stands when it has no node of its own (an empty value, a cycle). */
  convert(n: YNode | null | undefined, depth: number, at?: At): CNode {
    if (!n) return new ScalarNode(this.index, isRange(at) ? undefined : at, isRange(at) ? at : undefined, this.src, undefined, null, undefined, undefined, undefined, undefined, '');
    if (isAlias(n)) {
      const t = this.target(n);
      return t ? this.convert(t, depth + 1, n) : this.placeholder(n);
    }
    // Only an anchored node can be reached twice (through an alias): only those are memoised
    // and guarded against cycles.
    const anchored = !!n.anchor;
    if (anchored) {
      const memo = this.memo.get(n);
      if (memo) return memo;
    }
    if (anchored && this.inProgress.has(n)) {
      this.report(`cycle:${n.range?.[0]}`, this.where(at ?? n), `Anchor "&${n.anchor ?? '?'}" contains an alias to itself: the value is infinitely deep.`);
      return this.placeholder(at ?? n);
    }
    if (depth > this.limits.maxDepth) {
      this.report('depth', this.rangeOf(n), `Values are nested more than ${this.limits.maxDepth} levels deep (counting aliases): Rampart does not look deeper.`);
      return this.placeholder(n);
    }
    const tag = n.tag && !n.tag.startsWith('tag:yaml.org,2002:') ? n.tag : undefined;
    const anchor = n.anchor ?? undefined;
    let out: CNode;
    if (isScalar(n)) {
      out = new ScalarNode(this.index, n, undefined, this.src, n, n.value, n.type, tag, anchor, undefined, this.index.text);
    } else if (isSeq(n)) {
      if (anchored) this.inProgress.add(n);
      const items: CItem[] = [];
      for (const it of n.items) {
        const y = it as YNode;
        items.push(new Item(this.convert(y, depth + 1), this.index, isAlias(y) ? y : undefined));
      }
      if (anchored) this.inProgress.delete(n);
      out = new SeqNode(this.index, n, this.src, tag, anchor, items, !!n.flow);
    } else if (isMap(n)) {
      if (anchored) this.inProgress.add(n);
      out = this.convertMap(n, tag, anchor, depth);
      if (anchored) this.inProgress.delete(n);
    } else {
      out = this.placeholder(n);
    }
    if (anchored) this.memo.set(n, out);
    return out;
  }

  private convertMap(n: YAMLMap, tag: string | undefined, anchor: string | undefined, depth: number): CMap {
    const map = new MapNode(this.index, n, this.src, tag, anchor);
    this.maps.push(map);

    // Keys written in the mapping win over merged ones, wherever they stand (only needed when
    // the mapping merges something): a small mapping is scanned, a larger one gets a Set.
    let written: Written | undefined;
    for (const p of n.items) {
      if (!isMergeKey(p.key)) continue;
      written = new Written(n.items as Pair[]);
      break;
    }
    // Written keys seen so far (for repeated keys): a small mapping scans the keys before (no
    // allocation), a larger one keeps a Map. A Map per mapping was a tenth of a compose parse's
    // allocation, and most mappings of a compose file have a handful of keys.
    const items = n.items as Pair[];
    let seen: Map<string, YNode> | undefined = items.length > SCAN_KEYS ? new Map() : undefined;
    for (let i = 0; i < items.length; i++) {
      const p = items[i]!;
      const keyNode = p.key as YNode;
      if (isMergeKey(p.key)) {
        this.applyMerge(map, p, this.rangeOf(keyNode), written!, depth);
        continue;
      }
      const key = keyString(p.key);
      if (key === undefined) continue; // complex or null keys carry nothing Compose reads
      let prev: YNode | undefined;
      if (seen) {
        prev = seen.get(key);
        if (!prev) seen.set(key, keyNode);
      } else {
        for (let j = 0; j < i; j++) {
          const q = items[j]!;
          if (!isMergeKey(q.key) && keyString(q.key) === key) {
            prev = q.key as YNode;
            break;
          }
        }
      }
      if (prev) {
        this.report(
          `dup:${keyNode && keyNode.range?.[0]}`,
          this.rangeOf(keyNode),
          `Key "${key}" is already defined on line ${this.rangeOf(prev).start.line + 1}: Compose refuses a mapping with a repeated key.`,
        );
      }
      const v = p.value as YNode | null;
      if (v && !isAlias(v) && v.tag === '!reset') {
        if (map.resets === NO_RESETS) map.resets = new Map();
        map.resets.set(key, this.rangeOf(keyNode));
        const old = map.byKey.get(key);
        if (old) removeEntry(map, old);
        continue;
      }
      const entry = new Entry(key, this.convert(v, depth + 1, keyNode), NO_VIA, p, this.index);
      // A repeated key: the later one wins, as in every YAML loader that accepts it.
      const old = map.byKey.get(key);
      if (old) removeEntry(map, old);
      if (map.resets !== NO_RESETS) map.resets.delete(key);
      map.entries.push(entry);
      map.byKey.added(entry);
    }
    return map;
  }

  private applyMerge(map: CMap, p: Pair, keyRange: Range, written: Written, depth: number): void {
    const v = p.value as YNode | null;
    const valueRange = v ? this.rangeOf(v) : keyRange;
    const mp: MergePair = { keyRange, valueRange, sources: [], list: false, pair: p };
    if (map.merges === NO_MERGES) map.merges = [];
    map.merges.push(mp);
    const sourceNodes: YNode[] = [];
    if (v && isSeq(v)) {
      mp.list = true;
      for (const it of v.items) sourceNodes.push(it as YNode);
    } else if (v) sourceNodes.push(v);
    for (const s of sourceNodes) {
      const range = this.rangeOf(s);
      const text = s.range ? this.index.text.slice(s.range[0], s.range[1]) : '';
      const alias = isAlias(s) ? s.source : undefined;
      mp.sources.push({ range, alias, text });
      let target: YNode | undefined = s;
      if (isAlias(s)) target = this.target(s);
      if (!target) continue;
      if (this.inProgress.has(target)) {
        this.report(`mcycle:${s.range?.[0]}`, range, `Merge key "<<" merges "${text}" into itself: the mapping would be infinitely deep.`);
        continue;
      }
      const src = this.convert(target, depth + 1, range);
      if (src.kind !== 'map') {
        if (!(src.kind === 'scalar' && src.truncated)) {
          this.report(`msrc:${s.range?.[0]}`, range, `Merge key "<<" takes a mapping or a list of mappings; "${text.slice(0, 40)}" is not one, so Compose refuses the file.`);
        }
        continue;
      }
      const site: MergeSite = { keyRange, sourceRange: range, anchor: alias, anchorRange: alias ? this.anchorRange(target, alias) : undefined };
      // The `via` of every entry the source writes itself: one array per site, not one per entry
      // (`via` arrays are never written to).
      const siteVia = [site];
      for (const e of src.entries) {
        if (written.has(e.key) || map.byKey.has(e.key)) continue;
        if (++this.mergeCopies > this.limits.maxMergeCopies) {
          this.report('merges', keyRange, `Merge keys copy more than ${this.limits.maxMergeCopies.toLocaleString('en-US')} entries in this file: Rampart stops merging here.`);
          return;
        }
        const entry = new Entry(e.key, e.value, e.via.length === 0 ? siteVia : [site, ...e.via], e.pair, this.index);
        map.entries.push(entry);
        map.byKey.added(entry);
      }
    }
  }

  /** The `&name` token in front of an anchored node. */
  private anchorRange(node: YNode, name: string): Range | undefined {
    const start = node.range?.[0];
    if (start === undefined) return undefined;
    const token = '&' + name;
    const from = Math.max(0, start - 2000);
    const at = this.index.text.lastIndexOf(token, start);
    if (at < from) return undefined;
    return this.index.rangeOf(at, at + token.length);
  }
}

/**
 * A mapping's entries by key. Most mappings of a compose file have a handful of keys, where a
 * look through the entries is as fast as a Map and allocates nothing (a Map per mapping was a
 * twentieth of a compose lint's allocation); past 8 entries a Map is built and kept up to date.
 * The entries array is the truth: keys in it are unique (a repeated key replaces the old entry).
 */
export class EntryIndex {
  private big: Map<string, CEntry> | undefined;
  constructor(private readonly entries: readonly CEntry[]) {}

  get(key: string): CEntry | undefined {
    if (this.big) return this.big.get(key);
    const es = this.entries;
    for (let i = 0; i < es.length; i++) if (es[i]!.key === key) return es[i];
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** After `entry` was pushed onto the entries. */
  added(entry: CEntry): void {
    if (this.big) this.big.set(entry.key, entry);
    else if (this.entries.length > 8) this.big = new Map(this.entries.map((e) => [e.key, e]));
  }

  /** After the entry of `key` was taken out of the entries. */
  removed(key: string): void {
    this.big?.delete(key);
  }
}

/** Nodes of a subtree without aliases, as boundExpansion counts them (keys and values). */
function countNodes(root: YNode): number {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    count++;
    if (isMap(n)) {
      for (const p of (n as YAMLMap).items) {
        stack.push(p.value);
        stack.push(p.key);
      }
    } else if (isSeq(n)) for (const it of (n as YAMLSeq).items) stack.push(it);
  }
  return count;
}

/** The `via` of every written entry (never written to): one empty array, not one per entry. */
const NO_VIA: MergeSite[] = Object.freeze([]) as unknown as MergeSite[];

/** The `merges` of every mapping without `<<` (never written to). */
const NO_MERGES: MergePair[] = Object.freeze([]) as unknown as MergePair[];

/** The `resets` of every mapping that resets nothing (never written to). */
const NO_RESETS: Map<string, Range> = new Map();

function removeEntry(map: CMap, e: CEntry): void {
  const i = map.entries.indexOf(e);
  if (i >= 0) map.entries.splice(i, 1);
  map.byKey.removed(e.key);
}

/** The string form of a scalar as Compose reads it (YAML booleans and numbers as text). */
export function scalarText(n: CNode | undefined): string | undefined {
  if (!n || n.kind !== 'scalar' || n.truncated) return undefined;
  const v = n.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return undefined;
}

/** Visits every node reachable from `root` (aliases expanded), with a hard budget. */
export function walk(root: CNode, visit: (n: CNode, path: string[]) => void, budget = 100_000): void {
  const stack: Array<{ n: CNode; path: string[] }> = [{ n: root, path: [] }];
  let left = budget;
  while (stack.length > 0 && left-- > 0) {
    const { n, path } = stack.pop()!;
    visit(n, path);
    if (n.kind === 'map') for (let i = n.entries.length - 1; i >= 0; i--) stack.push({ n: n.entries[i]!.value, path: [...path, n.entries[i]!.key] });
    else if (n.kind === 'seq') for (let i = n.items.length - 1; i >= 0; i--) stack.push({ n: n.items[i]!.value, path: [...path, String(i)] });
  }
}
