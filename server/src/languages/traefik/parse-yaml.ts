// YAML → the normalised tree. The `yaml` package with CST positions (like the compose parser);
// aliases and `<<` merge keys (go-yaml, which Traefik uses, applies them) resolved by compose's
// TreeBuilder so every value keeps its source range. Field names are lower-cased; two spellings
// of one field in a mapping (`entryPoints`, `entrypoints`) merge, as paerser merges them.
import * as yaml from 'yaml';
import type { Document, Pair, Scalar as YScalar, YAMLMap } from 'yaml';
import type { CommentInfo, Finding, Range } from '../../engine/types';
import { quotedVerbatim, type LineIndex } from '../../engine/text';
import { keyString, scalarText, TreeBuilder, type CMap, type CNode } from '../compose/tree';
import { emptyMap, FieldIndex, type Span, type TField, type TMap, type TNode, type TScalar } from './model';
import { overlapsTemplate } from './templates';
import { fastParseYaml, type FastYamlConfig } from '../../yaml/fast-yaml';
import { addDuplicateKeyErrors } from '../../yaml/duplicate-keys';
import * as kinds from '../../yaml/kinds';
import { nestingMessage, yamlNestingOverflow } from '../../yaml/nesting';
import { loneCrAsLf } from '../../yaml/chars';
import { commentInfo } from '../../yaml/comment-info';

// Local copies: esbuild's CommonJS output (out/, which tests and the benchmark run) reads every
// import through a getter on each use, and these run once per YAML node. The kind checks are
// yaml/kinds.ts's `instanceof` ones (see there why not the library's).
const { Composer, Parser, Scalar } = yaml;
const { isMapNode: isMap, isScalarNode: isScalar, isSeqNode: isSeq } = kinds;
type Scalar = YScalar;

/** Syntax errors reported per file. */
const MAX_PARSE_ERRORS = 50;

export interface YamlParse {
  root: TMap | undefined;
  errors: Finding[];
  comments: CommentInfo[];
  /**
   * The YAML had errors, shown or not: an error next to a Go template is not reported (the
   * template is not YAML), but the tree around it is still a guess, so no fix is safe there.
   */
  broken?: boolean;
}

/**
 * Parses (template-masked) YAML text into the tree; `index` is over the original text.
 * `resolve` forces the TreeBuilder path even when there is nothing to resolve (tests compare both).
 */
export function parseTraefikYaml(masked: string, index: LineIndex, regions: ReadonlyArray<[number, number]>, options: { resolve?: boolean } = {}): YamlParse {
  let docs: Document.Parsed[];
  let comments: CommentInfo[];
  let aliases: boolean;
  const fast = fastParseYaml(masked, TRAEFIK_FAST);
  if (fast) {
    docs = fast.docs;
    comments = fast.comments.map((c) => commentInfo(c, index));
    aliases = fast.hasAliasesOrTags;
  } else {
    // Nesting past the cap is refused before the library reads it (yaml/nesting.ts says why).
    // The fast path bails past the same depth itself, so a file it reads needs no pre-scan.
    const tooDeep = yamlNestingOverflow(masked);
    if (tooDeep !== undefined) return { root: undefined, errors: [nestingError(index, tooDeep)], comments: [] };
    let lib: ReturnType<typeof traefikYamlLibrary>;
    try {
      lib = traefikYamlLibrary(masked);
    } catch (err) {
      // The library recurses once per level of shapes the pre-scan does not count as nesting
      // (a line of ` : : : …`, found by the fuzzer): the stack it runs out of is the same answer.
      if (!(err instanceof RangeError)) throw err;
      return { root: undefined, errors: [{ range: index.rangeOf(0, index.lineEnd(0)), message: 'Values are nested too deeply for the YAML parser: Rampart does not lint this file.' }], comments: [] };
    }
    docs = lib.docs;
    ({ comments, aliases } = collectComments(lib.tokens, index));
  }
  const errors: Finding[] = [];
  const templated = regions.length > 0;
  // At most MAX_PARSE_ERRORS, as for compose: one broken bracket can make every following token an
  // error (400 KB of `{` gave 200,000 diagnostics), and the first ones say enough.
  for (const d of docs) {
    for (const e of d.errors) {
      if (errors.length >= MAX_PARSE_ERRORS) break;
      let [s, t] = e.pos;
      if (templated && overlapsTemplate(regions, s - 2, t + 2)) continue;
      if (t <= s) {
        const lineEnd = index.lineEnd(index.positionAt(s).line);
        t = Math.min(s + 1, Math.max(s, lineEnd));
      }
      const m = e.message.replace(/\s+/g, ' ').trim().replace(/[.:]$/, '');
      errors.push({ range: index.rangeOf(s, t), message: `${m}: the file is not valid YAML, so Traefik cannot load it.` });
    }
  }
  // Traefik reads the first document of the stream.
  const doc = docs[0];
  let root: TMap | undefined;
  if (doc) {
    if (!aliases && !options.resolve) {
      // Nothing to resolve (no anchors, aliases, merge keys or tags): read the YAML nodes directly.
      const c = doc.contents;
      if (isMap(c)) root = new DirectConverter(index, regions).map(c);
    } else {
      const tb = new TreeBuilder(doc, index);
      const c = tb.root();
      if (c?.kind === 'map') root = new Converter(index, regions).map(c);
    }
  }
  return { root, errors, comments, broken: errors.length > 0 || docs.some((d) => d.errors.length > 0) };
}

/** The parse error of a file nested past the cap: at the character where it was passed. */
export function nestingError(index: LineIndex, offset: number): Finding {
  return { range: index.rangeOf(offset, Math.min(offset + 1, index.lineEnd(index.positionAt(offset).line))), message: nestingMessage() };
}

const TRAEFIK_YAML_OPTIONS = { prettyErrors: false, version: '1.2', strict: true } as const;

/** The fast path's configuration for Traefik files: the library options, no local tags. */
export const TRAEFIK_FAST: FastYamlConfig = { options: TRAEFIK_YAML_OPTIONS, localTags: new Set() };

/** The documents and CST tokens as the `yaml` library reads them: the fallback and the tests' reference. */
export function traefikYamlLibrary(masked: string): { docs: Document.Parsed[]; tokens: unknown[] } {
  // As in compose's composeYamlLibrary: the library builds an Error per syntax problem, and
  // capturing the stack traces of tens of thousands of them (400 KB of a broken file) took 1.2 of
  // the 1.7 s a lint took (found by `npm run fuzz`). Their stacks are never read.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const tokens = [...new Parser().parse(loneCrAsLf(masked))];
    // Repeated keys are found in one pass (yaml/duplicate-keys.ts says why not by the library).
    const composer = new Composer({ ...TRAEFIK_YAML_OPTIONS, uniqueKeys: false });
    const docs = [...composer.compose(tokens)] as Document.Parsed[];
    for (const d of docs) addDuplicateKeyErrors(d);
    return { docs, tokens };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

class Converter {
  constructor(
    private readonly index: LineIndex,
    private readonly regions: ReadonlyArray<[number, number]>,
  ) {}

  private span(r: Range): Span {
    return { start: this.index.offsetAt(r.start), end: this.index.offsetAt(r.end) };
  }

  node(c: CNode): TNode {
    if (c.kind === 'map') return this.map(c);
    if (c.kind === 'seq') return { kind: 'list', items: c.items.map((it) => this.node(it.value)), range: c.range, flow: c.flow };
    return this.scalar(c);
  }

  scalar(c: CNode & { kind: 'scalar' }): TScalar {
    const v = c.value;
    const value: TScalar['value'] = v === null || v === undefined ? null : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
    const plain = !c.type || c.type === Scalar.PLAIN;
    const raw = value === null ? '' : plain ? c.source : (scalarText(c) ?? '');
    const r0 = c.node?.range?.[0];
    let inner: Span | undefined;
    if (r0 !== undefined && value !== null) {
      if (plain && c.source === raw) inner = { start: r0, end: r0 + raw.length };
      else if ((c.type === Scalar.QUOTE_DOUBLE || c.type === Scalar.QUOTE_SINGLE) && c.source.slice(1, -1) === raw) inner = { start: r0 + 1, end: r0 + 1 + raw.length };
    }
    const sp = this.span(c.range);
    const template = this.regions.length > 0 && overlapsTemplate(this.regions, sp.start, sp.end);
    const out: TScalar = {
      kind: 'scalar',
      value,
      text: template || value === null ? undefined : typeof value === 'string' ? value : raw,
      raw,
      range: c.range,
      inner,
    };
    if (!plain) out.quoted = true;
    if (template) out.template = true;
    return out;
  }

  map(c: CMap): TMap {
    const m = emptyMap(c.range, c.flow);
    for (const e of c.entries) {
      const key = e.pair.key as Scalar | null;
      const kr = key?.range;
      let keyRange = e.keyRange;
      let keyExact = false;
      if (kr) {
        if (kr[1] - kr[0] === e.key.length && this.index.text.startsWith(e.key, kr[0])) keyExact = true;
        else {
          if (quotedVerbatim(this.index.text.slice(kr[0], kr[1]), e.key)) {
            keyExact = true;
            keyRange = this.index.rangeOf(kr[0] + 1, kr[1] - 1);
          }
        }
      }
      const ks = this.span(e.keyRange);
      const field: TField = { name: e.key.toLowerCase(), raw: e.key, keyRange, keyExact, node: this.node(e.value) };
      if (this.regions.length > 0 && overlapsTemplate(this.regions, ks.start, ks.end)) field.template = true;
      // A merged entry's text belongs to an anchor other mappings share: no statement to edit.
      if (e.via.length === 0 && kr) {
        const end = pairEnd(e.pair) ?? kr[1];
        field.decl = { form: 'yaml', span: { start: kr[0], end }, layout: c.flow ? 'flow' : 'block' };
      }
      addField(m, field);
    }
    return m;
  }
}

/**
 * The same tree as Converter, read straight from the `yaml` nodes of a document that has nothing
 * for compose's TreeBuilder to resolve. Most Traefik files: half the parse time.
 */
/**
 * Where a node or key is, as offsets; its Range (three objects and two line searches) is made
 * only when something asks: most nodes of a file are never reported or edited, and building
 * every range was a tenth of what a Traefik lint allocated.
 */
class LazyRange {
  private r: Range | undefined;
  constructor(
    private readonly index: LineIndex,
    private readonly s: number,
    private readonly e: number,
  ) {}

  get(): Range {
    return (this.r ??= this.index.rangeOf(this.s, this.e));
  }
}

/** A node whose `range` is made on first use (or set: a flag tree may replace it). */
abstract class Located {
  private fixed: Range | undefined;
  constructor(private readonly where: LazyRange) {}
  get range(): Range {
    return this.fixed ?? this.where.get();
  }
  set range(r: Range) {
    this.fixed = r;
  }
}

class DirectScalar extends Located implements TScalar {
  readonly kind = 'scalar' as const;
  inner?: Span;
  quoted?: boolean;
  template?: boolean;
  constructor(
    readonly value: TScalar['value'],
    readonly text: string | undefined,
    readonly raw: string,
    where: LazyRange,
  ) {
    super(where);
  }
}

class DirectList extends Located {
  readonly kind = 'list' as const;
  constructor(
    readonly items: TNode[],
    readonly flow: boolean,
    where: LazyRange,
  ) {
    super(where);
  }
}

class DirectMap extends Located implements TMap {
  readonly kind = 'map' as const;
  readonly fields: TField[] = [];
  readonly byName = new FieldIndex(this.fields);
  self?: TScalar;
  constructor(
    readonly flow: boolean,
    where: LazyRange,
  ) {
    super(where);
  }
}

class DirectField implements TField {
  decl?: TField['decl'];
  template?: boolean;
  private fixed: Range | undefined;
  constructor(
    readonly name: string,
    readonly raw: string,
    readonly keyExact: boolean,
    public node: TNode,
    private readonly where: LazyRange,
  ) {}
  get keyRange(): Range {
    return this.fixed ?? this.where.get();
  }
  set keyRange(r: Range) {
    this.fixed = r;
  }
}

class DirectConverter {
  private readonly nowhere: LazyRange;
  constructor(
    private readonly index: LineIndex,
    private readonly regions: ReadonlyArray<[number, number]>,
  ) {
    this.nowhere = new LazyRange(index, 0, 0);
  }

  private where(r: [number, number, number] | null | undefined, fallback?: LazyRange): LazyRange {
    if (!r) return fallback ?? this.nowhere;
    return new LazyRange(this.index, r[0], r[1]);
  }

  node(n: unknown, at: LazyRange): TNode {
    if (isMap(n)) return this.map(n);
    if (isSeq(n)) {
      const r = this.where(n.range, at);
      return new DirectList(n.items.map((it) => this.node(it, r)), !!n.flow, r);
    }
    if (isScalar(n)) return this.scalar(n, at);
    return new DirectScalar(null, undefined, '', at);
  }

  scalar(n: Scalar, at: LazyRange): TScalar {
    const v = n.value;
    const value: TScalar['value'] = v === null || v === undefined ? null : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
    const plain = !n.type || n.type === Scalar.PLAIN;
    const r = n.range;
    const source = r ? this.index.text.slice(r[0], r[1]) : '';
    const raw = value === null ? '' : plain ? source : typeof value === 'string' ? value : String(value);
    let inner: Span | undefined;
    if (r && value !== null) {
      if (plain && source === raw) inner = { start: r[0], end: r[0] + raw.length };
      else if ((n.type === Scalar.QUOTE_DOUBLE || n.type === Scalar.QUOTE_SINGLE) && quotedVerbatim(source, raw)) inner = { start: r[0] + 1, end: r[0] + 1 + raw.length };
    }
    const template = this.regions.length > 0 && !!r && overlapsTemplate(this.regions, r[0], r[1]);
    const out = new DirectScalar(value, template || value === null ? undefined : typeof value === 'string' ? value : raw, raw, this.where(r, at));
    out.inner = inner;
    if (!plain) out.quoted = true;
    if (template) out.template = true;
    return out;
  }

  map(c: YAMLMap): TMap {
    const m = new DirectMap(!!c.flow, this.where(c.range));
    for (const p of c.items as Pair[]) {
      const key = p.key as Scalar | null;
      const name = keyString(key);
      if (name === undefined) continue;
      const kr = key!.range;
      // The key's range, also where a value without a range (`key:`) is reported.
      const at = this.where(kr);
      let keyWhere = at;
      let keyExact = false;
      if (kr) {
        // A plain key is its text: compared in place, without a slice per key.
        if (kr[1] - kr[0] === name.length && this.index.text.startsWith(name, kr[0])) keyExact = true;
        else {
          if (quotedVerbatim(this.index.text.slice(kr[0], kr[1]), name)) {
            keyExact = true;
            keyWhere = new LazyRange(this.index, kr[0] + 1, kr[1] - 1);
          }
        }
      }
      const field = new DirectField(name.toLowerCase(), name, keyExact, this.node(p.value, at), keyWhere);
      if (kr && this.regions.length > 0 && overlapsTemplate(this.regions, kr[0], kr[1])) field.template = true;
      if (kr) field.decl = { form: 'yaml', span: { start: kr[0], end: pairEnd(p) ?? kr[1] }, layout: c.flow ? 'flow' : 'block' };
      addField(m, field);
    }
    return m;
  }
}

function pairEnd(p: Pair): number | undefined {
  const v = p.value as { range?: [number, number, number] } | null;
  const k = p.key as { range?: [number, number, number] } | null;
  return v?.range?.[1] ?? k?.range?.[1];
}

/** Adds a field; a second spelling of a name merges maps (fields of the later win) or replaces. */
export function addField(m: TMap, f: TField): void {
  const prev = m.byName.get(f.name);
  if (prev && prev.node.kind === 'map' && f.node.kind === 'map') {
    for (const g of f.node.fields) addField(prev.node, g);
    return;
  }
  if (prev) m.fields.splice(m.fields.indexOf(prev), 1);
  m.fields.push(f);
  m.byName.set(f.name, f);
}

const CST_CHILDREN = ['start', 'key', 'sep', 'value', 'items', 'props', 'end'] as const;

/**
 * Every `#` comment in the CST, with whether it stands on a line of its own; and whether the
 * document has anything compose's TreeBuilder resolves (anchors, aliases, `<<` keys, tags).
 */
export function collectComments(tokens: unknown[], index: LineIndex): { comments: CommentInfo[]; aliases: boolean } {
  const out: CommentInfo[] = [];
  let aliases = false;
  type Tok = { type?: string; offset?: number; source?: string } & Record<string, unknown>;
  const source = (tok: Tok) => {
    const type = tok.type;
    if (type === 'comment') {
      if (typeof tok.offset !== 'number' || typeof tok.source !== 'string') return;
      out.push(commentInfo({ offset: tok.offset, source: tok.source }, index));
    } else if (type === 'anchor' || type === 'alias' || type === 'tag') aliases = true;
  };
  // Deeply nested input is walked with an explicit stack instead (no recursion limit).
  const generic = (root: unknown) => {
    const stack: unknown[] = [root];
    while (stack.length > 0) {
      const t = stack.pop();
      if (!t || typeof t !== 'object') continue;
      if (Array.isArray(t)) {
        for (const x of t) stack.push(x);
        continue;
      }
      const tok = t as Tok;
      if (tok.type === 'scalar' && tok.source === '<<') aliases = true;
      if (tok.type === 'comment' || tok.type === 'anchor' || tok.type === 'alias' || tok.type === 'tag') {
        if (tok.type === 'alias') aliases = true;
        else source(tok);
        if (tok.type === 'comment') continue;
      }
      for (const k of CST_CHILDREN) {
        const v = tok[k];
        if (v && typeof v === 'object') stack.push(v);
      }
    }
  };
  let depth = 0;
  const list = (xs: unknown) => {
    if (!Array.isArray(xs)) return;
    for (const x of xs) if (x && typeof x === 'object') node(x as Tok);
  };
  const items = (xs: unknown) => {
    if (!Array.isArray(xs)) return;
    for (const it of xs as Tok[]) {
      list(it.start);
      if (it.key && typeof it.key === 'object') node(it.key as Tok);
      list(it.sep);
      if (it.value && typeof it.value === 'object') node(it.value as Tok);
    }
  };
  // The CST's shapes (yaml's cst.d.ts); anything else is walked generically.
  const node = (tok: Tok): void => {
    if (depth > 200) return generic(tok);
    depth++;
    try {
      shape(tok);
    } finally {
      depth--;
    }
  };
  const shape = (tok: Tok): void => {
    switch (tok.type) {
      case 'document':
        list(tok.start);
        if (tok.value && typeof tok.value === 'object') node(tok.value as Tok);
        list(tok.end);
        return;
      case 'block-map':
      case 'block-seq':
        items(tok.items);
        return;
      case 'flow-collection':
        if (tok.start && typeof tok.start === 'object') node(tok.start as Tok);
        items(tok.items);
        list(tok.end);
        return;
      case 'block-scalar':
        list(tok.props);
        return;
      case 'scalar':
        if (tok.source === '<<') aliases = true;
        list(tok.end);
        return;
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'doc-end':
        list(tok.end);
        return;
      case 'alias':
        aliases = true;
        list(tok.end);
        return;
      case 'comment':
      case 'anchor':
      case 'tag':
        source(tok);
        return;
      default:
        // Source tokens (spaces, newlines, indicators) have no children.
        if (tok.start !== undefined || tok.key !== undefined || tok.sep !== undefined || tok.value !== undefined || tok.items !== undefined || tok.props !== undefined || tok.end !== undefined) generic(tok);
    }
  };
  list(tokens);
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { comments: out, aliases };
}

