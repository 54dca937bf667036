// The `yaml` library's check for repeated mapping keys, in one pass.
//
// With `uniqueKeys` on, the library compares each new key with every key already in its mapping
// (util-map-includes.js): quadratic in the keys of one mapping. A 150 KB Traefik file that the
// fast parser hands to the library (a syntax error anywhere is enough) spent 290 of its 700 ms
// there, and a megabyte of keys would take minutes (found by `npm run fuzz`). Callers compose
// with `uniqueKeys: false` and call this instead: the same DUPLICATE_KEY errors from a Map per
// mapping, at the repeated key's first character. That is where the library points too (props
// and explicit `?` keys included), but for one quirk: the first key of a mapping that starts on
// the line after its parent's `&anchor` is reported at the whitespace before it.
import * as yaml from 'yaml';
import type { Document, Node as YNode } from 'yaml';

const { YAMLParseError, isMap, isPair, isScalar, isSeq } = yaml;

/**
 * Adds the library's `Map keys must be unique` error for each repeated key of `doc` (two keys are
 * the same key when they are the same node, or scalars whose values are ===, as the library
 * compares them). Each goes before the first error that starts where it does or after, so the errors stay
 * in the order of the text as the library reports them.
 */
export function addDuplicateKeyErrors(doc: Document.Parsed): void {
  const found: InstanceType<typeof YAMLParseError>[] = [];
  // An explicit stack: the nesting is capped before the library reads the text, but a recursion
  // here would still be one frame per level.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isMap(n)) {
      const seen = new Map<unknown, true>();
      for (const p of n.items) {
        // A composed mapping's keys are nodes (an empty key is a null scalar): only scalars can
        // repeat, as one node is never the key of two pairs.
        const k = p.key as YNode | null;
        if (isScalar(k)) {
          const v = k.value;
          // NaN !== NaN for the library; a Map would find it.
          if (v === v && seen.has(v)) found.push(duplicateAt(k.range?.[0] ?? 0));
          else if (v === v) seen.set(v, true);
        }
        stack.push(p.value, k);
      }
    } else if (isSeq(n)) {
      for (const it of n.items) stack.push(it);
    } else if (isPair(n)) {
      stack.push(n.value, n.key);
    }
  }
  if (found.length === 0) return;
  found.sort((a, b) => a.pos[0] - b.pos[0]);
  const errors = doc.errors;
  const merged: typeof errors = [];
  let i = 0;
  for (const e of errors) {
    while (i < found.length && found[i]!.pos[0] <= e.pos[0]) merged.push(found[i++]!);
    merged.push(e);
  }
  while (i < found.length) merged.push(found[i++]!);
  errors.length = 0;
  errors.push(...merged);
}

function duplicateAt(offset: number): InstanceType<typeof YAMLParseError> {
  return new YAMLParseError([offset, offset + 1], 'DUPLICATE_KEY', 'Map keys must be unique');
}
