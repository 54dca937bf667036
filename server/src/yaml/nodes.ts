// Scalars, pairs, collections and aliases for the fast path without the library's constructors. Each of those defines
// the node-type mark (`Symbol.for('yaml.node.type')`, which isScalar/isPair/… read) on the new
// instance with Object.defineProperty, a runtime call that was two fifths of the fast parse of a
// 1,000-line compose file. Here the mark is defined once on the class's prototype (same value,
// same attributes) and each node is Object.create(prototype) plus its fields: an instance of the
// same class, which every identity check (the library's and yaml/kinds.ts's) and `instanceof`
// answer as before; the mark is non-enumerable either way, so an enumeration or a deep
// comparison of the fields sees no difference. Instances the library builds keep their own mark
// (same value). If a library version ever stops reading the mark like that, the check below
// falls back to the constructors.
import * as yaml from 'yaml';
import type { Alias as YAlias, Pair as YPair, Scalar as YScalar, Schema, YAMLMap as YMap, YAMLSeq as YSeq } from 'yaml';

const { Alias, isAlias, isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq } = yaml;
const NODE_TYPE = Symbol.for('yaml.node.type');

function markPrototype(proto: object, type: string): void {
  if (!Object.prototype.hasOwnProperty.call(proto, NODE_TYPE)) Object.defineProperty(proto, NODE_TYPE, { value: Symbol.for(type) });
}

markPrototype(Scalar.prototype, 'yaml.scalar');
markPrototype(Pair.prototype, 'yaml.pair');
markPrototype(YAMLMap.prototype, 'yaml.map');
markPrototype(YAMLSeq.prototype, 'yaml.seq');
markPrototype(Alias.prototype, 'yaml.alias');

const SCALAR_PROTO = Scalar.prototype;
const PAIR_PROTO = Pair.prototype;

function quickScalar(value: unknown): YScalar {
  const s = Object.create(SCALAR_PROTO) as YScalar;
  s.value = value;
  return s;
}

function quickPair(key: unknown, value: unknown): YPair {
  const p = Object.create(PAIR_PROTO) as YPair;
  p.key = key;
  p.value = value;
  return p;
}

const MAP_PROTO = YAMLMap.prototype;
const SEQ_PROTO = YAMLSeq.prototype;

/**
 * As the library's Collection constructor, without its `schema`: the constructor defines it as an
 * own non-enumerable property (a defineProperty per mapping and sequence, a twentieth of the fast
 * parse), and only the library's editing methods read it (`setIn`/`addIn` creating missing
 * collections, `add` sorting by `sortMapEntries`, both as `this.schema?.…`), which Rampart never
 * calls on a parsed tree: it edits text, not nodes.
 */
function quickCollection<T extends YMap | YSeq>(proto: object): T {
  const c = Object.create(proto) as T;
  c.items = [];
  return c;
}

const ALIAS_PROTO = Alias.prototype;

/**
 * As `new Alias(source)`, without the constructor's two defineProperty calls: the node-type mark
 * (on the prototype here, as for the other classes) and a `tag` setter that throws, a new closure
 * per alias, which gives every alias a hidden class of its own (V8 keeps accessors in the hidden
 * class), slowing every collection of the young generation. Nothing sets a tag on a parsed alias.
 */
function quickAlias(source: string): YAlias {
  const a = Object.create(ALIAS_PROTO) as YAlias;
  a.source = source;
  return a;
}

const sound =
  isScalar(quickScalar(1)) &&
  isPair(quickPair(null, null)) &&
  !isPair(quickScalar(1)) &&
  !isScalar(quickPair(null, null)) &&
  isMap(Object.create(MAP_PROTO)) &&
  isSeq(Object.create(SEQ_PROTO)) &&
  !isSeq(Object.create(MAP_PROTO)) &&
  !isMap(Object.create(SEQ_PROTO)) &&
  isAlias(Object.create(Alias.prototype)) &&
  !isScalar(Object.create(Alias.prototype));

/** A Scalar node holding `value` (as `new Scalar(value)`). */
export const newScalar: (value: unknown) => YScalar = sound ? quickScalar : (value) => new Scalar(value);

/** A Pair of `key` and `value` (as `new Pair(key, value)`). */
export const newPair: (key: unknown, value: unknown) => YPair = sound ? quickPair : (key, value) => new Pair(key, value);

/** An empty block or flow mapping of a document with `schema` (as `new YAMLMap(schema)`). */
export const newMap: (schema: Schema) => YMap = sound ? () => quickCollection<YMap>(MAP_PROTO) : (schema) => new YAMLMap(schema);

/** An empty sequence of a document with `schema` (as `new YAMLSeq(schema)`). */
export const newSeq: (schema: Schema) => YSeq = sound ? () => quickCollection<YSeq>(SEQ_PROTO) : (schema) => new YAMLSeq(schema);

/** An alias node for `*source` (as `new Alias(source)`). */
export const newAlias: (source: string) => YAlias = sound ? quickAlias : (source) => new Alias(source);
