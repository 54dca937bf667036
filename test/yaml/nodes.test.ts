// yaml/nodes.ts: the fast path's scalars and pairs, made without the library's constructors, are
// the library's own classes for every check that reads them, and the documents built from them
// behave like the library's (toJS, toString, identity checks).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as yaml from 'yaml';
import { newAlias, newMap, newPair, newScalar, newSeq } from '../../server/src/yaml/nodes';
import { fastParseYaml } from '../../server/src/yaml/fast-yaml';
import { COMPOSE_FAST, composeYamlLibrary } from '../../server/src/languages/compose/parse';
import { isAliasNode, isMapNode, isScalarNode, isSeqNode } from '../../server/src/yaml/kinds';

describe('fast YAML nodes', () => {
  it('a scalar and a pair are instances of the library classes that every identity check recognises', () => {
    const s = newScalar('x');
    const p = newPair(s, newScalar(1));
    assert.ok(s instanceof yaml.Scalar && p instanceof yaml.Pair);
    assert.ok(yaml.isScalar(s) && yaml.isNode(s) && !yaml.isPair(s) && !yaml.isCollection(s));
    assert.ok(yaml.isPair(p) && !yaml.isNode(p) && !yaml.isScalar(p));
    assert.ok(isScalarNode(s) && !isMapNode(s) && !isSeqNode(s) && !isAliasNode(s));
    // Same fields as the constructors give, and the mark is not enumerable.
    assert.deepEqual(Object.keys(s), Object.keys(new yaml.Scalar('x')));
    assert.deepEqual(Object.keys(p), Object.keys(new yaml.Pair(null, null)));
    assert.deepEqual(Object.getOwnPropertySymbols(s), []);
    assert.equal(String(s), 'x');
  });

  it('a mapping and a sequence are the library classes, with no schema of their own (only library edits read it)', () => {
    const schema = new yaml.Document().schema;
    const m = newMap(schema);
    const q = newSeq(schema);
    const mu: unknown = m;
    const qu: unknown = q;
    assert.ok(mu instanceof yaml.YAMLMap && yaml.isMap(mu) && yaml.isCollection(mu) && isMapNode(mu));
    assert.ok(!yaml.isSeq(mu) && !isSeqNode(mu));
    assert.ok(qu instanceof yaml.YAMLSeq && yaml.isSeq(qu) && isSeqNode(qu));
    assert.ok(!yaml.isMap(qu) && !isMapNode(qu));
    assert.equal(m.schema, undefined);
    assert.deepEqual(Object.keys(m), Object.keys(new yaml.YAMLMap(schema)));
    assert.deepEqual(Object.keys(q), ['items']);
    m.items.push(newPair(newScalar('a'), newScalar(1)));
    q.items.push(newScalar('x'));
    assert.deepEqual(m.toJSON(), { a: 1 });
    assert.deepEqual(q.toJSON(), ['x']);
  });

  it('an alias is the library class, with its source and no hidden class of its own', () => {
    const a = newAlias('base');
    const au: unknown = a;
    assert.ok(au instanceof yaml.Alias && yaml.isAlias(au) && isAliasNode(au));
    assert.ok(!yaml.isScalar(au) && !yaml.isMap(au));
    assert.equal(a.source, 'base');
    assert.deepEqual(Object.keys(a), Object.keys(new yaml.Alias('base')));
    assert.deepEqual(Object.getOwnPropertyNames(a), ['source']);
  });

  it('library-built nodes are unchanged', () => {
    const s = new yaml.Scalar(2);
    assert.ok(yaml.isScalar(s) && !yaml.isPair(s));
    assert.ok(yaml.isPair(new yaml.Pair(s)) && !yaml.isScalar(new yaml.Pair(s)));
    assert.ok(yaml.isMap(new yaml.YAMLMap()) && !yaml.isScalar(new yaml.YAMLMap()) && !yaml.isPair(new yaml.YAMLSeq()));
  });

  it('a fast-parsed document converts and prints like the library one', () => {
    const text = 'x-a: &a\n  k: v\nservices:\n  web:\n    <<: *a\n    image: "nginx:1"\n    ports: ["80:80", 443]\n    read_only: true\n';
    const fast = fastParseYaml(text, COMPOSE_FAST);
    assert.ok(fast, 'fast path taken');
    const lib = composeYamlLibrary(text).docs;
    assert.deepEqual(fast.docs[0]!.toJS(), lib[0]!.toJS());
    assert.equal(fast.docs[0]!.toString(), lib[0]!.toString());
  });
});
