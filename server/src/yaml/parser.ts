// The fast path's parser: one pass over the char codes, straight to the `yaml` library's node
// classes, with the ranges its Parser + Composer give. Block collections are read by recursive
// descent (depth-bounded); each range rule below restates what the library's CST parser does with
// the same tokens (see the notes at scanEmpty and close), and anything outside the subset throws
// BAIL. Every position is a UTF-16 offset into the text.
import * as yaml from 'yaml';
import type { Alias as YAlias, Document as YDocument, DocumentOptions, Node as YNode, ParseOptions, Scalar as YScalar, SchemaOptions, YAMLMap as YMap, YAMLSeq as YSeq } from 'yaml';
import { bail } from './bail';
import { MAX_NESTING } from './nesting';
import { MemoSlot } from '../engine/memo-slot';
import * as chars from './chars';
import * as scalars from './scalars';
import * as blocks from './block-scalar';
import * as nodes from './nodes';

// esbuild's CommonJS output (out/, which tests and the benchmark run) reads every import through
// a getter on each use; in the scanner's loops that cost more than the scanning. Local copies,
// taken once, are plain variables.
const C = { ...chars };
const { Document, Scalar } = yaml;
const { doubleQuoted, ScalarMaker, singleQuoted } = scalars;
const { newAlias, newMap, newPair, newSeq } = nodes;
const { readBlockScalar } = blocks;
type Alias = YAlias;
type Scalar = YScalar;
type YAMLMap = YMap;
type YAMLSeq = YSeq;

export type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

export interface FastYamlConfig {
  /** The options the caller gives the library's Composer (the Document gets the same). */
  options: YamlOptions;
  /** Local tags registered as custom tags (Compose's `!reset`, `!override`); others bail. */
  localTags: ReadonlySet<string>;
}

export interface RawComment {
  offset: number;
  /** The comment's text from `#` to the end of its line (line break excluded). */
  source: string;
}

type Range3 = [number, number, number];

/**
 * Deeper nesting (block and flow levels together) bails; the callers then refuse the file before
 * the library reads it (nesting.ts). A local copy: see the README on esbuild's import getters.
 */
const MAX_DEPTH = MAX_NESTING;
/** The library reports an implicit key over 1024 characters; well under it, to stay clear. */
const MAX_KEY = 1000;
const STR_TAG = 'tag:yaml.org,2002:str';

function isBlankOrBreak(c: number): boolean {
  return c === C.SPACE || c === C.TAB || c === C.LF || c === C.CR;
}

/**
 * A document's anchored nodes and aliases, as the fast path read them: what compose's TreeBuilder
 * would otherwise find by walking the whole document (twice when there are aliases).
 */
export interface AnchorIndex {
  /** Nodes that carry an `&anchor` (in no particular order). */
  anchored: readonly YNode[];
  /** Every alias, in document order. */
  aliases: readonly Alias[];
}

/** On the document (MemoSlot: engine/memo-slot.ts says why not a WeakMap). */
const anchorIndexes = new MemoSlot<YDocument.Parsed, AnchorIndex>();

/** The anchor index of a document the fast path read; undefined for the library's documents. */
export function anchorIndexOf(doc: YDocument.Parsed): AnchorIndex | undefined {
  return anchorIndexes.get(doc);
}

export class FastParser {
  private pos = 0;
  /** Start of the line `pos` is on (for the column of a compact mapping). */
  private ls = 0;
  /** Indentation of the content line the last scan stopped at; -1 at the end or a `---` line. */
  private lineIndent = -1;
  private atMarker = false;
  /**
   * Empty lines (blank or comment-only) after the innermost collection's last value that are
   * not yet attached anywhere: where they end, and the indentation of the deepest comment
   * among them (-1: none). The library's parser keeps them as a trailing start-only item.
   */
  private pendEnd = -1;
  private pendCI = -1;
  private depth = 0;
  private flowLevel = 0;
  private maker!: scalars.ScalarMaker;
  private doc!: YDocument.Parsed;
  private readonly unique: boolean;
  private readonly stringKeys: boolean;
  readonly comments: RawComment[] = [];
  /** Anchors, aliases, tags or a plain `<<`: something compose's TreeBuilder must resolve. */
  hasAliasesOrTags = false;
  /** The current document's anchored nodes and aliases, as they were read (see AnchorIndex). */
  private anchored: YNode[] = [];
  private aliases: Alias[] = [];

  private anchor(node: YNode, name: string): void {
    node.anchor = name;
    this.anchored.push(node);
  }

  constructor(
    private readonly text: string,
    private readonly config: FastYamlConfig,
  ) {
    this.unique = config.options.uniqueKeys !== false;
    this.stringKeys = config.options.stringKeys === true;
  }

  private code(i: number): number {
    return this.text.charCodeAt(i);
  }

  /** Offset of the end of the line `p` is on (before CRLF or LF). */
  private lineEnd(p: number): number {
    const n = this.text.indexOf('\n', p);
    if (n < 0) return this.text.length;
    return n > p && this.code(n - 1) === C.CR ? n - 1 : n;
  }

  private eolLen(p: number): number {
    const c = this.code(p);
    return c === C.LF ? 1 : c === C.CR ? 2 : 0;
  }

  private skipSpaces(): void {
    let c = this.code(this.pos);
    while (c === C.SPACE) c = this.code(++this.pos);
    if (c === C.TAB) bail();
  }

  private comment(start: number): number {
    const end = this.lineEnd(start);
    this.comments.push({ offset: start, source: this.text.slice(start, end) });
    return end;
  }

  private isMarker(p: number): boolean {
    const c = this.code(p);
    if (c !== C.DASH && c !== C.DOT) return false;
    if (this.code(p + 1) !== c || this.code(p + 2) !== c) return false;
    const n = this.code(p + 3);
    return C.isBlankOrEnd(n) || n === C.TAB;
  }

  parse(): YDocument.Parsed[] {
    const docs: YDocument.Parsed[] = [];
    this.scanEmpty(-1, null);
    while (this.pos < this.text.length) {
      const docOffset = this.pos;
      let docStart = false;
      if (this.atMarker) {
        if (this.code(this.pos) === C.DOT) bail();
        this.pos += 3;
        this.lineRest();
        docStart = true;
        this.scanEmpty(-1, null);
        if (this.atMarker || this.pos >= this.text.length) bail(); // empty document
      }
      if (this.lineIndent !== 0) bail();
      this.doc = new Document(undefined, this.config.options) as YDocument.Parsed;
      if (this.doc.schema.compat) bail();
      this.maker = new ScalarMaker(this.doc);
      const root = this.blockNode(0);
      // The root ends only at the end of the text or a `---` line (the narrowing above is stale).
      if ((this.lineIndent as number) !== -1) bail();
      this.doc.contents = root as unknown as YDocument.Parsed['contents'];
      if (docStart) this.doc.directives.docStart = true;
      this.doc.range = [docOffset, root.range![2], root.range![2]];
      anchorIndexes.set(this.doc, { anchored: this.anchored, aliases: this.aliases });
      this.anchored = [];
      this.aliases = [];
      docs.push(this.doc);
      this.pendCI = -1;
    }
    if (docs.length === 0) bail();
    return docs;
  }

  /** After `---`: spaces and a comment at most, then the line break. */
  private lineRest(): void {
    const p = this.pos;
    this.skipSpaces();
    const c = this.code(this.pos);
    if (c === C.HASH) {
      if (this.pos === p) bail();
      this.pos = this.comment(this.pos);
    } else if (!C.isEol(c)) bail();
    this.pos += this.eolLen(this.pos);
  }

  /**
   * Reads blank and comment-only lines from a line start up to the next content line, whose
   * indentation goes to `lineIndent` (`pos` then at its first character).
   *
   * The library's parser gives such lines to the innermost open collection (indent `t`): a
   * comment line indented deeper than `t`, with only blank lines since the last value, joins that
   * value's trailing tokens (`last.range[2]` grows to the end of the comment's line) when the value
   * has them (a scalar, alias or flow collection: `last`); everything else waits as a trailing item
   * (pendEnd/pendCI) that close() settles when the collection ends.
   */
  private scanEmpty(t: number, last: YNode | null): void {
    this.pendEnd = -1;
    this.pendCI = -1;
    const len = this.text.length;
    for (;;) {
      const ls = this.pos;
      if (ls >= len) {
        this.lineIndent = -1;
        this.atMarker = false;
        return;
      }
      let k = ls;
      while (this.code(k) === C.SPACE) k++;
      const c = this.code(k);
      if (c === C.TAB) bail();
      if (c === C.LF || c === C.CR) {
        this.pos = k + this.eolLen(k);
        this.pendEnd = this.pos;
        continue;
      }
      if (k >= len) {
        this.pos = len;
        this.pendEnd = len;
        this.lineIndent = -1;
        this.atMarker = false;
        return;
      }
      const indent = k - ls;
      if (c === C.HASH) {
        const end = this.comment(k);
        const after = end + this.eolLen(end);
        if (last && indent > t && this.pendCI < 0) {
          last.range![2] = after;
          this.pendEnd = -1;
        } else {
          if (indent > this.pendCI) this.pendCI = indent;
          this.pendEnd = after;
        }
        this.pos = after;
        continue;
      }
      this.ls = ls;
      this.pos = k;
      // The content line's indentation joins the pending lines too (the parser's space token).
      if (this.pendEnd >= 0) this.pendEnd = k;
      if (indent === 0 && this.isMarker(k)) {
        this.atMarker = true;
        this.lineIndent = -1;
        return;
      }
      this.atMarker = false;
      this.lineIndent = indent;
      return;
    }
  }

  /**
   * A block collection's range when it ends: from its first token to its last value's end, and
   * past the pending empty lines when it keeps them. The library's parser hands those lines to
   * the parent collection when the collection is at column 0 or every comment among them is less
   * indented than it; otherwise they stay, and its range[2] covers them.
   */
  private close(start: number, end: number, indent: number): Range3 {
    if (this.pendCI >= 0 && indent !== 0 && this.pendCI >= indent) {
      const r: Range3 = [start, end, this.pendEnd];
      this.pendCI = -1;
      this.pendEnd = -1;
      return r;
    }
    return [start, end, end];
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) bail();
  }

  /** A block mapping or sequence whose first line is the content line at `pos` (column `k`). */
  private blockNode(k: number): YAMLMap | YAMLSeq {
    const c = this.code(this.pos);
    if (c === C.DASH && C.isBlankOrEnd(this.code(this.pos + 1))) return this.blockSeq(k);
    if (this.keyAhead(this.pos)) return this.blockMap(k);
    return bail();
  }

  /** Does a `key:` start at `p` (a plain or quoted scalar on this line, then `:` and a blank)? */
  private keyAhead(p: number): boolean {
    const c = this.code(p);
    let e: number;
    if (c === C.DQUOTE) e = this.scanDouble(p);
    else if (c === C.SQUOTE) e = this.scanSingle(p);
    else if (C.isPlainStart(c, this.code(p + 1), false)) e = this.scanPlainBlock(p);
    else return false;
    while (this.code(e) === C.SPACE) e++;
    return this.code(e) === C.COLON && C.isBlankOrEnd(this.code(e + 1));
  }

  private blockMap(m: number): YAMLMap {
    this.enter();
    const map = newMap(this.doc.schema);
    const start = this.pos;
    // Repeated keys (the library reports them): the few keys of most mappings are compared in
    // turn; a Set only for a long mapping (one per mapping was a twentieth of the allocation).
    let keys: Set<unknown> | undefined;
    let end = start;
    for (;;) {
      const key = this.key();
      if (this.unique) {
        const v = key.value;
        if (v !== v) bail();
        const items = map.items;
        if (keys) {
          if (keys.has(v)) bail();
          keys.add(v);
        } else {
          for (let i = 0; i < items.length; i++) if ((items[i]!.key as Scalar).value === v) bail();
          if (items.length >= 8) keys = new Set(items.map((p) => (p.key as Scalar).value)).add(v);
        }
      }
      const value = this.valueAfterIndicator(m, true);
      map.items.push(newPair(key, value));
      end = value.range![2];
      const k = this.lineIndent;
      if (k === m) {
        if (this.code(this.pos) === C.DASH && C.isBlankOrEnd(this.code(this.pos + 1))) bail();
        continue;
      }
      if (k > m) bail();
      break;
    }
    map.range = this.close(start, end, m);
    this.depth--;
    return map;
  }

  private blockSeq(s: number): YAMLSeq {
    this.enter();
    const seq = newSeq(this.doc.schema);
    const start = this.pos;
    let end = start;
    for (;;) {
      this.pos++; // the `-`
      const item = this.valueAfterIndicator(s, false);
      seq.items.push(item);
      end = item.range![2];
      const k = this.lineIndent;
      if (k === s && this.code(this.pos) === C.DASH && C.isBlankOrEnd(this.code(this.pos + 1))) continue;
      if (k > s) bail();
      break;
    }
    seq.range = this.close(start, end, s);
    this.depth--;
    return seq;
  }

  /** A block mapping key and its `:`; `pos` ends after the `:`. */
  private key(): Scalar {
    const s = this.pos;
    const c = this.code(s);
    let node: Scalar;
    let e: number;
    if (c === C.DQUOTE || c === C.SQUOTE) {
      e = c === C.DQUOTE ? this.scanDouble(s) : this.scanSingle(s);
      const value = c === C.DQUOTE ? doubleQuoted(this.text, s, e) : singleQuoted(this.text, s, e);
      node = this.maker.quoted(value, c === C.DQUOTE ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE, [s, e, e], this.stringKeys, null);
    } else {
      if (!C.isPlainStart(c, this.code(s + 1), false)) bail();
      e = this.scanPlainBlock(s);
      const source = this.text.slice(s, e);
      if (source === '<<') this.hasAliasesOrTags = true;
      node = this.maker.plain(source, [s, e, e], this.stringKeys, null);
    }
    this.pos = e;
    this.skipSpaces();
    if (this.code(this.pos) !== C.COLON || !C.isBlankOrEnd(this.code(this.pos + 1))) bail();
    if (this.pos - s > MAX_KEY) bail();
    // The library counts blank lines ended by CRLF before a key into the key's length (1,000
    // `\r\n` lines before `minVersion:` are KEY_OVER_1024_CHARS there, LF lines are not; found by
    // the fuzzer): such a key is left to it.
    if (this.code(s - 1) === C.LF && this.code(s - 2) === C.CR) {
      let b = s;
      while (b > 0 && this.pos - b <= MAX_KEY && isBlankOrBreak(this.code(b - 1))) b--;
      if (this.pos - b > MAX_KEY) bail();
    }
    this.pos++;
    return node;
  }

  /** End of a plain scalar in block context starting at `p` (trailing spaces excluded). */
  private scanPlainBlock(p: number): number {
    let i = p;
    for (;;) {
      const c = this.code(i);
      if (c === C.LF || c === C.CR || c !== c) break;
      if (c === C.COLON) {
        const n = this.code(i + 1);
        if (C.isBlankOrEnd(n)) break;
        if (n === C.TAB) bail();
      } else if (c === C.SPACE) {
        if (this.code(i + 1) === C.HASH) break;
      } else if (c === C.TAB) bail();
      i++;
    }
    while (i > p && this.code(i - 1) === C.SPACE) i--;
    return i;
  }

  /** End of a double-quoted scalar starting at `p` (after the closing quote), on one line. */
  private scanDouble(p: number): number {
    let i = p + 1;
    for (;;) {
      const c = this.code(i);
      if (C.isEol(c)) bail();
      if (c === 92) {
        if (C.isEol(this.code(i + 1))) bail();
        i += 2;
        continue;
      }
      if (c === C.DQUOTE) return i + 1;
      i++;
    }
  }

  private scanSingle(p: number): number {
    let i = p + 1;
    for (;;) {
      const c = this.code(i);
      if (C.isEol(c)) bail();
      if (c === C.SQUOTE) {
        if (this.code(i + 1) === C.SQUOTE) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
  }

  /** `&name` or `!tag` props before a value; returns them (pos after them and their spaces). */
  private props(flow: boolean): { anchor?: string; tag?: string } | undefined {
    let out: { anchor?: string; tag?: string } | undefined;
    for (;;) {
      const c = this.code(this.pos);
      if (c !== C.AMP && c !== C.BANG) return out;
      const s = this.pos;
      let i = s + 1;
      for (;;) {
        const d = this.code(i);
        if (d === C.SPACE || C.isEol(d) || d === C.TAB || (flow && C.isFlowIndicator(d))) break;
        i++;
      }
      const n = this.code(i);
      if (!(n === C.SPACE || C.isEol(n))) bail(); // props must be followed by a blank
      const source = this.text.slice(s, i);
      out ??= {};
      this.hasAliasesOrTags = true;
      if (c === C.AMP) {
        if (out.anchor !== undefined || !/^&[\w.\-/]+$/.test(source) || source.endsWith(':')) bail();
        out.anchor = source.slice(1);
      } else {
        if (out.tag !== undefined) bail();
        let failed = false;
        const name = this.doc.directives.tagName(source, () => (failed = true));
        if (failed || !name || !(name === STR_TAG || this.config.localTags.has(name))) bail();
        out.tag = name;
      }
      this.pos = i;
      this.skipSpaces();
    }
  }

  /**
   * The value after a block mapping's `:` or a sequence's `-` (`t`: that collection's indent).
   * On return `pos` is at the next content line (lineIndent set) with the pending lines known.
   */
  private valueAfterIndicator(t: number, inMap: boolean): YNode {
    const after = this.code(this.pos);
    if (!C.isBlankOrEnd(after)) bail();
    this.skipSpaces();
    const emptyAt = this.pos;
    const props = this.props(false);
    const c = this.code(this.pos);
    if (C.isEol(c) || c === C.HASH) {
      // A comment after the indicator is the separator's: it would move an empty value's range.
      const keyLineComment = c === C.HASH;
      if (keyLineComment) {
        if (props) bail();
        this.pos = this.comment(this.pos);
      }
      this.pos += this.eolLen(this.pos);
      const nextLine = this.pos;
      // Lines between `key:` and what follows belong to the pair's separator: they move no range.
      this.scanEmpty(t, null);
      const sawComment = this.pendCI >= 0;
      const adjacent = this.pendEnd < 0 && (this.ls === nextLine || this.pos === nextLine);
      this.pendCI = -1;
      this.pendEnd = -1;
      const k = this.lineIndent;
      if (k > t) {
        const node = this.blockNode(k);
        if (props) this.collectionProps(node, props);
        return node;
      }
      if (k === t && inMap && !this.atMarker && this.code(this.pos) === C.DASH && C.isBlankOrEnd(this.code(this.pos + 1))) {
        if (props) bail();
        return this.blockSeq(k);
      }
      // An empty value: the library puts it after the indicator's spaces. With a comment after
      // the `:`, its range[2] runs to the end of the separator: up to the next line's first
      // character when that line follows at once (other layouts are left to the library).
      if (sawComment || props || !inMap) bail();
      if (keyLineComment) {
        if (!adjacent) bail();
        return this.maker.plain('', [emptyAt, emptyAt, this.pos], false, null);
      }
      return this.maker.plain('', [emptyAt, emptyAt, emptyAt], false, null);
    }
    let node: YNode;
    if (c === C.LBRACKET || c === C.LBRACE) {
      node = this.flow(t, inMap);
      if (props) this.collectionProps(node as YAMLMap | YAMLSeq, props);
      this.blockTrail(node, this.pos);
    } else if (c === C.DQUOTE || c === C.SQUOTE) {
      const s = this.pos;
      const e = c === C.DQUOTE ? this.scanDouble(s) : this.scanSingle(s);
      let q = e;
      while (this.code(q) === C.SPACE) q++;
      if (this.code(q) === C.COLON) {
        // `- "key": value`: a compact mapping in a sequence item.
        if (inMap || props) bail();
        return this.blockMap(s - this.ls);
      }
      const value = c === C.DQUOTE ? doubleQuoted(this.text, s, e) : singleQuoted(this.text, s, e);
      node = this.maker.quoted(value, c === C.DQUOTE ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE, [s, e, e], false, props?.tag ?? null);
      if (props?.anchor) this.anchor(node, props.anchor);
      this.blockTrail(node, e);
    } else if (c === C.STAR) {
      if (props) bail();
      node = this.alias(false);
      this.blockTrail(node, this.pos);
    } else if (c === 124 || c === 62) {
      if (props) bail();
      return this.blockScalar(t);
    } else {
      if (!C.isPlainStart(c, this.code(this.pos + 1), false)) bail();
      const s = this.pos;
      const e = this.scanPlainBlock(s);
      let q = e;
      while (this.code(q) === C.SPACE) q++;
      if (this.code(q) === C.COLON && C.isBlankOrEnd(this.code(q + 1))) {
        // `- key: value`: a compact mapping, indented at its first key.
        if (inMap || props) bail();
        return this.blockMap(s - this.ls);
      }
      const source = this.text.slice(s, e);
      if (source === '<<') this.hasAliasesOrTags = true;
      node = this.maker.plain(source, [s, e, e], false, props?.tag ?? null);
      if (props?.anchor) this.anchor(node, props.anchor);
      this.blockTrail(node, e);
    }
    this.scanAfterValue(t, node);
    return node;
  }

  /**
   * `|`, `|-`, `>` or `>-` and its lines. Its range ends after its last line break (the header's
   * comment and the body included); it has no trailing tokens, so no comment joins it.
   */
  private blockScalar(t: number): YNode {
    const s = this.pos;
    const folded = this.code(s) === 62;
    let i = s + 1;
    const strip = this.code(i) === C.DASH;
    if (strip) i++;
    const n = this.code(i);
    if (!(n === C.SPACE || C.isEol(n))) bail(); // keep chomping, indentation indicators
    this.pos = i;
    this.skipSpaces();
    if (this.code(this.pos) === C.HASH) this.pos = this.comment(this.pos);
    if (!C.isEol(this.code(this.pos)) || this.pos >= this.text.length) bail();
    this.pos += this.eolLen(this.pos);
    const r = readBlockScalar(this.text, this.pos, t, folded, strip);
    const node = this.maker.quoted(r.value, folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL, [s, r.end, r.end], false, null);
    this.pos = r.end;
    this.scanEmpty(t, null);
    return node;
  }

  /** After a value line: the empty lines that follow (which may extend `node`'s range). */
  private scanAfterValue(t: number, node: YNode): void {
    if (this.pos >= this.text.length && !C.isEol(this.code(this.pos - 1))) {
      this.lineIndent = -1;
      this.atMarker = false;
      this.pendCI = -1;
      this.pendEnd = -1;
      return;
    }
    this.scanEmpty(t, node);
  }

  private collectionProps(node: YAMLMap | YAMLSeq, props: { anchor?: string; tag?: string }): void {
    if (props.anchor) this.anchor(node, props.anchor);
    if (props.tag) {
      // `!!str` on a collection is a library warning and a tagged node: leave it to the library.
      if (!this.config.localTags.has(props.tag)) bail();
      node.tag = props.tag;
    }
  }

  /**
   * What follows a value on its line in block context: spaces, a comment, the line break. The
   * library keeps them as the value's trailing tokens: range[2] ends after the line break.
   */
  private blockTrail(node: YNode, e: number): void {
    this.pos = e;
    this.skipSpaces();
    const c = this.code(this.pos);
    if (c === C.HASH) {
      if (this.pos === e) bail();
      this.pos = this.comment(this.pos);
    } else if (!C.isEol(c)) bail();
    this.pos += this.eolLen(this.pos);
    node.range![2] = this.pos;
  }

  /** `*name`: an alias node (pos after the name). */
  private alias(flow: boolean): Alias {
    const s = this.pos;
    let i = s + 1;
    for (;;) {
      const d = this.code(i);
      if (d === C.SPACE || C.isEol(d) || d === C.TAB || (flow && C.isFlowIndicator(d))) break;
      i++;
    }
    const source = this.text.slice(s, i);
    if (!/^\*[\w.\-/]+$/.test(source) || source.endsWith(':')) bail();
    this.hasAliasesOrTags = true;
    const node = newAlias(source.slice(1));
    node.range = [s, i, i];
    this.aliases.push(node);
    this.pos = i;
    return node;
  }

  // --- Flow collections: `[a, b]`, `{a: 1}`, nested, over several lines.

  /**
   * A flow collection at `pos`, inside a block collection at indent `t`. Lines inside it must be
   * indented deeper than `t` (the library reports the rest), except the closing bracket of a
   * mapping value's outermost collection, which may stand at `t`.
   */
  private flow(t: number, closeAtParent: boolean): YAMLMap | YAMLSeq {
    this.enter();
    this.flowLevel++;
    const open = this.pos;
    const isMap = this.code(open) === C.LBRACE;
    const close = isMap ? C.RBRACE : C.RBRACKET;
    const coll = isMap ? newMap(this.doc.schema) : newSeq(this.doc.schema);
    coll.flow = true;
    const keys = isMap && this.unique ? new Set<unknown>() : undefined;
    this.pos++;
    this.skipFlowSpace(t, close, closeAtParent);
    if (this.code(this.pos) !== close) {
      for (;;) {
        if (isMap) {
          const key = this.flowKey();
          if (keys) {
            const v = key.value;
            if (keys.has(v) || v !== v) bail();
            keys.add(v);
          }
          this.pos++; // the `:`
          if (!C.isBlankOrEnd(this.code(this.pos))) bail();
          this.skipFlowSpace(t, close, closeAtParent);
          const c = this.code(this.pos);
          if (c === C.COMMA || c === close) bail(); // an empty value
          const value = this.flowValue(t, close, closeAtParent);
          (coll as YAMLMap).items.push(newPair(key, value));
          this.skipFlowSpace(t, close, closeAtParent);
        } else {
          const item = this.flowValue(t, close, closeAtParent);
          (coll as YAMLSeq).items.push(item);
          this.skipFlowSpace(t, close, closeAtParent);
          // The parser files what follows a flow sequence item, up to its `,` or `]` (line breaks
          // and comments too), as the item's trailing tokens.
          item.range![2] = this.pos;
        }
        const c = this.code(this.pos);
        if (c === C.COMMA) {
          this.pos++;
          this.skipFlowSpace(t, close, closeAtParent);
          if (this.code(this.pos) === close) bail(); // a trailing comma
          continue;
        }
        if (c === close) break;
        bail();
      }
    }
    this.pos++;
    coll.range = [open, this.pos, this.pos];
    this.flowLevel--;
    this.depth--;
    return coll;
  }

  /** Spaces, line breaks and comments between flow tokens. */
  private skipFlowSpace(t: number, close: number, closeAtParent: boolean): void {
    for (;;) {
      const c = this.code(this.pos);
      if (c === C.SPACE) {
        this.pos++;
      } else if (c === C.LF || c === C.CR) {
        this.pos += this.eolLen(this.pos);
        this.flowLine(t, close, closeAtParent);
      } else if (c === C.HASH) {
        const b = this.code(this.pos - 1);
        if (b !== C.SPACE && b !== C.LF) bail();
        this.pos = this.comment(this.pos);
      } else if (c === C.TAB) {
        bail();
      } else return;
    }
  }

  /** A new line inside a flow collection (pos at its start): deep enough, no tabs, no marker. */
  private flowLine(t: number, close: number, closeAtParent: boolean): void {
    const ls = this.pos;
    let k = ls;
    while (this.code(k) === C.SPACE) k++;
    const c = this.code(k);
    if (c === C.TAB) bail();
    if (C.isEol(c) || c === C.HASH) return;
    const indent = k - ls;
    if (indent === 0 && this.isMarker(k)) bail();
    if (indent > t) return;
    if (indent === t && closeAtParent && this.flowLevel === 1 && c === close) return;
    bail();
  }

  private flowKey(): Scalar {
    const s = this.pos;
    const c = this.code(s);
    let node: Scalar;
    if (c === C.DQUOTE || c === C.SQUOTE) {
      const e = c === C.DQUOTE ? this.scanDouble(s) : this.scanSingle(s);
      const value = c === C.DQUOTE ? doubleQuoted(this.text, s, e) : singleQuoted(this.text, s, e);
      node = this.maker.quoted(value, c === C.DQUOTE ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE, [s, e, e], this.stringKeys, null);
      this.pos = e;
    } else {
      if (!C.isPlainStart(c, this.code(s + 1), true)) bail();
      const e = this.scanPlainFlow(s);
      const source = this.text.slice(s, e);
      if (source === '<<') this.hasAliasesOrTags = true;
      node = this.maker.plain(source, [s, e, e], this.stringKeys, null);
      this.pos = e;
    }
    // A flow mapping key goes straight into its item: the spaces before `:` are not its own.
    while (this.code(this.pos) === C.SPACE) this.pos++;
    if (this.code(this.pos) !== C.COLON) bail();
    if (this.pos - s > MAX_KEY) bail();
    return node;
  }

  /** End of a plain scalar inside a flow collection; one that runs to the line's end bails. */
  private scanPlainFlow(p: number): number {
    let i = p;
    for (;;) {
      const c = this.code(i);
      if (c === C.LF || c === C.CR || c !== c) break;
      if (c === C.COLON) {
        // `a: b` is a pair; `alpine:3.20` one scalar.
        const n = this.code(i + 1);
        if (C.isBlankOrEnd(n) || C.isFlowIndicator(n)) break;
        if (n === C.TAB) bail();
      }
      if (C.isFlowIndicator(c)) break;
      if (c === C.SPACE) {
        if (this.code(i + 1) === C.HASH) break;
      } else if (c === C.TAB) bail();
      i++;
    }
    let e = i;
    while (e > p && this.code(e - 1) === C.SPACE) e--;
    // A plain scalar would continue on the next line: multi-line plain scalars are not read here.
    if (C.isEol(this.code(i))) bail();
    return e;
  }

  private flowValue(t: number, close: number, closeAtParent: boolean): YNode {
    const props = this.props(true);
    const c = this.code(this.pos);
    let node: YNode;
    if (c === C.LBRACKET || c === C.LBRACE) {
      node = this.flow(t, false);
      if (props) this.collectionProps(node as YAMLMap | YAMLSeq, props);
    } else if (c === C.DQUOTE || c === C.SQUOTE) {
      const s = this.pos;
      const e = c === C.DQUOTE ? this.scanDouble(s) : this.scanSingle(s);
      const value = c === C.DQUOTE ? doubleQuoted(this.text, s, e) : singleQuoted(this.text, s, e);
      node = this.maker.quoted(value, c === C.DQUOTE ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE, [s, e, e], false, props?.tag ?? null);
      if (props?.anchor) this.anchor(node, props.anchor);
      this.pos = e;
    } else if (c === C.STAR) {
      if (props) bail();
      node = this.alias(true);
    } else {
      if (!C.isPlainStart(c, this.code(this.pos + 1), true)) bail();
      const s = this.pos;
      const e = this.scanPlainFlow(s);
      const source = this.text.slice(s, e);
      if (source === '<<') this.hasAliasesOrTags = true;
      node = this.maker.plain(source, [s, e, e], false, props?.tag ?? null);
      if (props?.anchor) this.anchor(node, props.anchor);
      this.pos = e;
    }
    this.flowTrail(node, t, close, closeAtParent);
    return node;
  }

  /** Spaces, a comment and one line break after a flow value: its trailing tokens. */
  private flowTrail(node: YNode, t: number, close: number, closeAtParent: boolean): void {
    const e = this.pos;
    while (this.code(this.pos) === C.SPACE) this.pos++;
    let c = this.code(this.pos);
    if (c === C.TAB) bail();
    if (c === C.HASH) {
      if (this.pos === e) bail();
      this.pos = this.comment(this.pos);
      c = this.code(this.pos);
    }
    if (c === C.LF || c === C.CR) {
      this.pos += this.eolLen(this.pos);
      node.range![2] = this.pos;
      this.flowLine(t, close, closeAtParent);
      return;
    }
    node.range![2] = this.pos;
  }
}
