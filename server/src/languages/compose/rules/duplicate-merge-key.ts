import { defineMeta } from '../../../engine/meta';
import type { Finding, Fix, Rule, TextEdit } from '../../../engine/types';
import type { ComposeModel } from '../model';
import type { CMap, MergePair } from '../tree';
import { lastLine } from '../edits';
import { rangesOverlap } from '../../../engine/text';

export const meta = defineMeta({
  id: 'compose/duplicate-merge-key',
  language: 'compose',
  title: 'Mapping has more than one merge key',
  description:
    'Two `<<` keys in one mapping: Compose 2.17 and later refuse to load the file ("mapping key "<<" already defined"), while other YAML tools silently accept it.',
  severity: 'error',
  fix: 'safe',
  sources: ['correctness: docker/compose#10411, #10407 (go-yaml v3 rejects repeated "<<" keys)'],
  tags: ['correctness'],
  securitySeverity: '0.0',
  precision: 'very-high',
});

export const duplicateMergeKey: Rule<ComposeModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    for (const map of model.maps) {
      if (map.merges.length < 2) continue;
      const [first, second] = map.merges as [MergePair, MergePair];
      const n = map.merges.length;
      out.push({
        range: second.keyRange,
        message:
          n === 2
            ? 'This mapping has a second "<<" merge key: Compose 2.17 and later refuse to load the file.'
            : `This mapping has ${n} "<<" merge keys: Compose 2.17 and later refuse to load the file.`,
        related: [{ range: first.keyRange, message: 'The first "<<" merge key of this mapping' }, ...map.merges.slice(2).map((m) => ({ range: m.keyRange, message: 'Another "<<" merge key' }))],
        // Eager: whether the edits collide (a broken file) decides whether there is a fix.
        fixes: fix(model, map),
      });
    }
    return out;
  },
};

function fix(model: ComposeModel, map: CMap): Fix[] {
  const sources = map.merges.flatMap((m) => m.sources);
  // Only aliases (and single-line inline mappings) can be listed without re-indenting.
  if (sources.length === 0 || sources.some((s) => !s.alias && s.range.start.line !== s.range.end.line)) return [];
  const list = `[${sources.map((s) => (s.alias ? `*${s.alias}` : s.text)).join(', ')}]`;
  const [first, ...rest] = map.merges as [MergePair, ...MergePair[]];
  const edits: TextEdit[] = [{ range: first.valueRange, newText: list }];
  const text = model.index.text;
  for (const m of rest) {
    const i = map.pairs.indexOf(m.pair);
    if (map.flow) {
      const prev = map.pairs[i - 1];
      const prevEnd = prev && ((prev.value as { range?: number[] } | null)?.range?.[1] ?? (prev.key as { range?: number[] } | null)?.range?.[1]);
      if (prevEnd === undefined) return [];
      const end = model.index.offsetAt(m.valueRange.end);
      edits.push({ range: model.index.rangeOf(prevEnd, end), newText: '' });
      continue;
    }
    // Block mapping: remove the pair's whole lines (it must stand alone on them).
    const startLine = m.keyRange.start.line;
    const before = text.slice(model.index.lineStart(startLine), model.index.offsetAt(m.keyRange.start));
    if (before.trim() !== '') return [];
    const endLine = lastLine(m.valueRange);
    const start = model.index.lineStart(startLine);
    const end = endLine + 1 < model.index.lineCount ? model.index.lineStart(endLine + 1) : model.index.lineEnd(endLine);
    const from = endLine + 1 < model.index.lineCount || startLine === 0 ? start : model.index.lineEnd(startLine - 1);
    edits.push({ range: model.index.rangeOf(from, end), newText: '' });
  }
  // In a broken file a value can run into the next `<<` (an unclosed `[`): then the edits
  // collide and there is nothing safe to offer.
  for (let i = 0; i < edits.length; i++) for (let j = i + 1; j < edits.length; j++) if (rangesOverlap(edits[i]!.range, edits[j]!.range)) return [];
  return [{ title: `Merge with one key: <<: ${list}`, kind: 'safe', edits }];
}
