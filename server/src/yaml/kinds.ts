// Node kinds by class, for the trees built over the library's nodes (compose/tree.ts,
// traefik/parse-yaml.ts). The library's isAlias/isMap/isScalar/isSeq read a symbol-keyed
// property, a megamorphic lookup across the node classes that was a sixth of building the
// compose tree; `instanceof` a known class is a prototype check V8 caches per shape.
//
// Sound because every node those trees read is made by the library's Composer or by the fast
// parser, both with these classes: custom tags (`!reset`, `!override`) use YAMLMap and YAMLSeq,
// and the library's own subclasses (`!!omap`, `!!pairs` and `!!set`) are a seq and a map for
// isSeq/isMap as well.
import * as yaml from 'yaml';
import type { Alias, Scalar, YAMLMap, YAMLSeq } from 'yaml';

const { Alias: AliasClass, Scalar: ScalarClass, YAMLMap: MapClass, YAMLSeq: SeqClass } = yaml;

export function isAliasNode(n: unknown): n is Alias {
  return n instanceof AliasClass;
}

export function isMapNode(n: unknown): n is YAMLMap {
  return n instanceof MapClass;
}

export function isScalarNode(n: unknown): n is Scalar {
  return n instanceof ScalarClass;
}

export function isSeqNode(n: unknown): n is YAMLSeq {
  return n instanceof SeqClass;
}
