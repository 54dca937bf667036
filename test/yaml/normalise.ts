// A flat description of parsed YAML documents with every property Rampart reads from the
// library's nodes (class, range, value, type, tag, anchor, flow, alias source, items, pair
// key/value), so the fast path and the library can be compared line by line.
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document } from 'yaml';

function show(v: unknown): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'bigint') return `${v}n`;
  return JSON.stringify(v) ?? String(v);
}

/** One line per node, indented by depth (iterative: hostile nesting does not overflow). */
export function describeDocs(docs: readonly Document.Parsed[]): string[] {
  const out: string[] = [];
  for (const d of docs) {
    out.push(`doc errors=${d.errors.length}`);
    const stack: Array<{ n: unknown; depth: number; label: string }> = [{ n: d.contents, depth: 1, label: '' }];
    while (stack.length > 0) {
      const { n, depth, label } = stack.pop()!;
      const pad = ' '.repeat(depth) + label;
      if (n === null || n === undefined) {
        out.push(`${pad}${String(n)}`);
        continue;
      }
      if (isPair(n)) {
        out.push(`${pad}Pair`);
        stack.push({ n: n.value, depth: depth + 1, label: 'v:' });
        stack.push({ n: n.key, depth: depth + 1, label: 'k:' });
        continue;
      }
      const node = n as { constructor: { name: string }; range?: unknown; tag?: string; anchor?: string; flow?: boolean };
      const common = `${JSON.stringify(node.range)} tag=${node.tag ?? ''} anchor=${node.anchor ?? ''}`;
      if (isScalar(n)) {
        out.push(`${pad}Scalar ${common} type=${n.type ?? ''} value=${show(n.value)} (${typeof n.value}) source=${show(n.source)} format=${n.format ?? ''}`);
      } else if (isAlias(n)) {
        out.push(`${pad}Alias ${common} source=${n.source}`);
      } else if (isMap(n) || isSeq(n)) {
        out.push(`${pad}${isMap(n) ? 'YAMLMap' : 'YAMLSeq'}(${node.constructor.name}) ${common} flow=${!!n.flow} items=${n.items.length}`);
        for (let i = n.items.length - 1; i >= 0; i--) stack.push({ n: n.items[i], depth: depth + 1, label: '' });
      } else {
        out.push(`${pad}?? ${node.constructor?.name}`);
      }
    }
  }
  return out;
}
