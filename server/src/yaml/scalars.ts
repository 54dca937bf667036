// Scalar values for the fast YAML front end: single-line quoted scalars decoded, plain scalars
// resolved against the document's own schema (so numbers, booleans and nulls come out exactly as
// the `yaml` library makes them: its tags' tests and resolvers are called, never re-implemented).
import * as yaml from 'yaml';
import type { Document, Scalar as YScalar, ScalarTag, Schema } from 'yaml';
import { bail } from './bail';
import * as nodes from './nodes';

// Local copies of the library's exports: esbuild's CommonJS output reads imports through getters
// on every use (see parser.ts).
const { isScalar, Scalar } = yaml;
const { newScalar } = nodes;
type Scalar = YScalar;

/** `\x` escapes of double-quoted scalars (YAML 1.2 §5.7), as the library decodes them. */
const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

/** The value of a double-quoted scalar `text[start..end)` (quotes included), on one line. */
export function doubleQuoted(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  if (inner.indexOf('\\') < 0) return inner;
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = inner[++i];
    if (next === undefined) bail();
    const cc = ESCAPES[next!];
    if (cc !== undefined) {
      out += cc;
      continue;
    }
    const n = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (n === 0) bail(); // an invalid escape is an error: the library reports it
    const hex = inner.slice(i + 1, i + 1 + n);
    if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) bail();
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) bail();
    out += String.fromCodePoint(code);
    i += n;
  }
  return out;
}

/** The value of a single-quoted scalar `text[start..end)` (quotes included), on one line. */
export function singleQuoted(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  return inner.indexOf("'") < 0 ? inner : inner.replace(/''/g, "'");
}

/**
 * Could a plain scalar starting with this char code be anything but a string in the core schema?
 * null (`~`, `null`, empty), booleans, ints, floats, `.inf`/`.nan`: they start with one of these.
 */
function maybeNotString(value: string): boolean {
  if (value.length === 0) return true;
  const c = value.charCodeAt(0);
  return (
    (c >= 48 && c <= 57) || // 0-9
    c === 43 || // +
    c === 45 || // -
    c === 46 || // .
    c === 126 || // ~
    c === 110 || // n
    c === 78 || // N
    c === 116 || // t
    c === 84 || // T
    c === 102 || // f
    c === 70 // F
  );
}

/** Makes scalar nodes the way the library's composeScalar does, for one document's schema. */
export class ScalarMaker {
  private readonly schema: Schema;
  private readonly defaults: ScalarTag[];
  private readonly str: ScalarTag;
  /** Set by onError during a resolve: one callback for every scalar, not a closure each. */
  private failed = false;
  private readonly onError = (): void => {
    this.failed = true;
  };

  constructor(private readonly doc: Document.Parsed) {
    this.schema = doc.schema;
    // The tags findScalarTagByTest tries, in order (the schema's default tags with a test).
    this.defaults = (this.schema.tags as ScalarTag[]).filter((t) => t.default === true && !!t.test && !(t as { collection?: string }).collection);
    this.str = (this.schema as unknown as Record<symbol, ScalarTag>)[SCALAR_KEY]!;
    if (!this.str) bail();
  }

  /** The node for a resolved tag and value (the library: tag.resolve, then wrap). */
  private make(tag: ScalarTag, value: string, type: YScalar.Type, tagName: string | null, range: [number, number, number]): Scalar {
    this.failed = false;
    const res = tag.resolve(value, this.onError, this.doc.options);
    if (this.failed) bail();
    const node = isScalar(res) ? (res as Scalar) : newScalar(res);
    node.range = range;
    node.source = value;
    node.type = type;
    if (tagName) node.tag = tagName;
    if (tag.format) node.format = tag.format;
    return node;
  }

  /** A plain scalar (`value` is its text); `stringKey`: a key with the stringKeys option. */
  plain(value: string, range: [number, number, number], stringKey: boolean, tagName: string | null): Scalar {
    if (tagName) return this.make(stringKey ? this.str : this.byName(tagName), value, Scalar.PLAIN, tagName, range);
    let tag = this.str;
    if (!stringKey && maybeNotString(value)) {
      for (const t of this.defaults) {
        if (t.test!.test(value)) {
          tag = t;
          break;
        }
      }
    }
    return this.make(tag, value, Scalar.PLAIN, null, range);
  }

  /** A quoted scalar: always the string tag unless an explicit one is given. */
  quoted(value: string, type: YScalar.Type, range: [number, number, number], stringKey: boolean, tagName: string | null): Scalar {
    return this.make(tagName && !stringKey ? this.byName(tagName) : this.str, value, type, tagName, range);
  }

  /** findScalarTagByName, for the tags the fast path accepts (a direct match); anything else bails. */
  private byName(tagName: string): ScalarTag {
    if (tagName === '!') bail();
    for (const t of this.schema.tags as ScalarTag[]) {
      if (!(t as { collection?: string }).collection && t.tag === tagName) {
        if (t.default && t.test) bail();
        return t;
      }
    }
    return bail();
  }
}

/** The schema's own string tag lives under this symbol (`identity.SCALAR`). */
const SCALAR_KEY: symbol = Symbol.for('yaml.scalar');
