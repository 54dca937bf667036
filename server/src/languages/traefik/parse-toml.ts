// TOML → the normalised tree, with exact ranges from toml-eslint-parser. Tables (`[a.b]`),
// arrays of tables (`[[tls.certificates]]` → a list of maps), dotted keys (`a.b = 1`), inline
// tables and arrays all land in the same lower-cased tree as YAML.
import { parseTOML } from 'toml-eslint-parser';
import type { CommentInfo, Finding, Range } from '../../engine/types';
import { quotedVerbatim, type LineIndex } from '../../engine/text';
import { emptyMap, type Span, type TField, type TList, type TMap, type TNode, type TScalar } from './model';
import { addField, nestingError } from './parse-yaml';
import { tomlNestingOverflow } from '../../yaml/nesting';
import { overlapsTemplate } from './templates';

type AST = ReturnType<typeof parseTOML>;
type TopLevel = AST['body'][0];
type TableNode = Extract<TopLevel['body'][number], { type: 'TOMLTable' }>;
type KeyValue = Extract<TopLevel['body'][number], { type: 'TOMLKeyValue' }>;
type KeyPart = KeyValue['key']['keys'][number];
type Content = KeyValue['value'];

export interface TomlParse {
  root: TMap | undefined;
  errors: Finding[];
  comments: CommentInfo[];
}

export function parseTraefikToml(masked: string, index: LineIndex, regions: ReadonlyArray<[number, number]>): TomlParse {
  // toml-eslint-parser recurses per nested array or inline table: past the cap the file is
  // refused before it parses (yaml/nesting.ts says why).
  const tooDeep = tomlNestingOverflow(masked);
  if (tooDeep !== undefined) return { root: undefined, errors: [nestingError(index, tooDeep)], comments: [] };
  let ast: AST;
  try {
    ast = parseTOML(masked);
  } catch (err) {
    const e = err as { index?: number; message?: string };
    let at = typeof e.index === 'number' ? Math.min(e.index, masked.length) : 0;
    // The parser points past a line break for a missing value: show the line that lacks it.
    if (at > 0 && (at >= masked.length || at === index.lineStart(index.positionAt(at).line))) {
      let j = at - 1;
      while (j > 0 && /\s/.test(masked[j]!)) j--;
      at = j;
    }
    // A template the masking could not make valid is not the user's syntax error.
    if (regions.length > 0) return { root: undefined, errors: [], comments: [] };
    const lineEnd = index.lineEnd(index.positionAt(at).line);
    const msg = (e.message ?? 'syntax error').replace(/\s+/g, ' ').trim().replace(/[.:]$/, '');
    return {
      root: undefined,
      errors: [{ range: index.rangeOf(at, Math.max(at, Math.min(at + 1, lineEnd))), message: `${msg}: the file is not valid TOML, so Traefik cannot load it.` }],
      comments: [],
    };
  }
  const b = new Builder(index, regions);
  const top = ast.body[0];
  const root = emptyMap(index.rangeOf(0, masked.length));
  for (const item of top.body) {
    if (item.type === 'TOMLKeyValue') b.keyValue(root, item, 'block');
    else b.table(root, item);
  }
  const comments: CommentInfo[] = ast.comments.map((c) => {
    const range = index.rangeOf(c.range[0], c.range[1]);
    const before = index.text.slice(index.lineStart(range.start.line), c.range[0]);
    return { text: c.value, range, ownLine: before.trim() === '' };
  });
  return { root, errors: [], comments };
}

class Builder {
  constructor(
    private readonly index: LineIndex,
    private readonly regions: ReadonlyArray<[number, number]>,
  ) {}

  private r(s: number, e: number): Range {
    return this.index.rangeOf(s, e);
  }

  private templated(s: number, e: number): boolean {
    return this.regions.length > 0 && overlapsTemplate(this.regions, s, e);
  }

  private keyField(part: KeyPart): Omit<TField, 'node'> {
    const raw = part.type === 'TOMLBare' ? part.name : part.value;
    const [s, e] = part.range;
    let keyRange = this.r(s, e);
    let keyExact = part.type === 'TOMLBare';
    if (part.type === 'TOMLQuoted') {
      const src = this.index.text.slice(s, e);
      if (quotedVerbatim(src, raw)) {
        keyExact = true;
        keyRange = this.r(s + 1, e - 1);
      }
    }
    const f: Omit<TField, 'node'> = { name: raw.toLowerCase(), raw, keyRange, keyExact };
    if (this.templated(s, e)) f.template = true;
    return f;
  }

  /** The map at `part` below `m`, created when missing (a scalar there becomes the map's `self`). */
  private submap(m: TMap, part: KeyPart): TMap {
    const name = (part.type === 'TOMLBare' ? part.name : part.value).toLowerCase();
    const prev = m.byName.get(name);
    if (prev?.node.kind === 'map') return prev.node;
    const node = emptyMap(this.r(part.range[0], part.range[1]));
    if (prev?.node.kind === 'scalar') node.self = prev.node;
    const f: TField = { ...this.keyField(part), node };
    addField(m, f);
    return node;
  }

  keyValue(m: TMap, kv: KeyValue, layout: 'block' | 'flow'): void {
    const parts = kv.key.keys;
    let target = m;
    for (let i = 0; i < parts.length - 1; i++) target = this.submap(target, parts[i]!);
    const last = parts[parts.length - 1]!;
    const field: TField = { ...this.keyField(last), node: this.content(kv.value) };
    field.decl = { form: 'toml', span: { start: kv.range[0], end: kv.range[1] }, layout };
    addField(target, field);
  }

  table(root: TMap, t: TableNode): void {
    const parts = t.key.keys;
    const path = t.resolvedKey;
    let m = root;
    let pi = 0;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      if (typeof seg === 'number') continue; // handled with its list below
      const part = parts[pi++];
      if (!part) break;
      const next = path[i + 1];
      if (typeof next === 'number') {
        // An array of tables: a list of maps under this key.
        const name = String(seg).toLowerCase();
        let f = m.byName.get(name);
        if (!f || f.node.kind !== 'list') {
          const list: TList = { kind: 'list', items: [], range: this.r(part.range[0], part.range[1]), flow: false };
          f = { ...this.keyField(part), node: list };
          addField(m, f);
        }
        const list = f.node as TList;
        while (list.items.length <= next) list.items.push(emptyMap(this.r(t.range[0], t.range[1])));
        const item = list.items[next]!;
        m = item.kind === 'map' ? item : emptyMap(this.r(t.range[0], t.range[1]));
        if (item.kind !== 'map') list.items[next] = m;
        if (i + 1 === path.length - 1) m.range = this.r(t.range[0], t.range[1]);
        continue;
      }
      m = this.submap(m, part);
      if (i === path.length - 1) {
        const f = m === root ? undefined : this.fieldOf(root, path);
        const headerEnd = this.headerEnd(t);
        m.range = this.r(t.range[0], t.range[1]);
        if (f) f.decl = { form: 'toml', span: { start: t.range[0], end: headerEnd }, layout: 'block' };
      }
    }
    for (const kv of t.body) this.keyValue(m, kv, 'block');
  }

  private fieldOf(root: TMap, path: ReadonlyArray<string | number>): TField | undefined {
    let n: TNode = root;
    let f: TField | undefined;
    for (const seg of path) {
      if (typeof seg === 'number') {
        if (n.kind !== 'list') return undefined;
        n = n.items[seg]!;
        f = undefined;
        continue;
      }
      if (n.kind !== 'map') return undefined;
      f = n.byName.get(String(seg).toLowerCase());
      if (!f) return undefined;
      n = f.node;
    }
    return f;
  }

  /** Offset just after the `]` (or `]]`) that closes a table header. */
  private headerEnd(t: TableNode): number {
    const text = this.index.text;
    let i = t.key.range[1];
    while (i < text.length && text[i] !== ']' && text[i] !== '\n') i++;
    if (text[i] === ']') i++;
    if (t.kind === 'array' && text[i] === ']') i++;
    return i;
  }

  content(v: Content): TNode {
    const [s, e] = v.range;
    if (v.type === 'TOMLArray') return { kind: 'list', items: v.elements.map((x) => this.content(x)), range: this.r(s, e), flow: true };
    if (v.type === 'TOMLInlineTable') {
      const m = emptyMap(this.r(s, e), true);
      for (const kv of v.body) this.keyValue(m, kv, 'flow');
      return m;
    }
    const src = this.index.text.slice(s, e);
    const template = this.templated(s, e);
    let value: TScalar['value'];
    let raw: string;
    let inner: Span | undefined;
    let quoted = false;
    if (v.kind === 'string') {
      value = v.value;
      raw = v.value;
      quoted = true;
      const q = v.multiline ? 3 : 1;
      if (!v.multiline && src.slice(q, src.length - q) === raw && (v.style === 'literal' || !src.includes('\\'))) inner = { start: s + q, end: e - q };
    } else if (v.kind === 'boolean') {
      value = v.value;
      raw = src;
      inner = { start: s, end: e };
    } else if (v.kind === 'integer' || v.kind === 'float') {
      value = v.value;
      raw = src;
      inner = { start: s, end: e };
    } else {
      value = src;
      raw = src;
      inner = { start: s, end: e };
    }
    const out: TScalar = { kind: 'scalar', value, text: template ? undefined : typeof value === 'string' && quoted ? value : raw, raw, range: this.r(s, e), inner };
    if (quoted) out.quoted = true;
    if (template) out.template = true;
    return out;
  }
}
