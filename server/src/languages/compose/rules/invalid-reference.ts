// Project references Compose refuses: an `extends` base that does not exist (no such file, or no
// such service in it), an `extends` cycle, an `include` of a file that does not exist, an include
// cycle. projectView records them while loading the project; each is reported in the file that
// writes the reference. Not `rampart/parse-error`: the file parses, the project does not load.
import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule } from '../../../engine/types';
import type { ComposeModel } from '../model';
import { projectView } from '../project';

export const meta = defineMeta({
  id: 'compose/invalid-reference',
  language: 'compose',
  title: 'Broken extends or include reference',
  description:
    'An `extends` base whose file or service does not exist, an `extends` or `include` cycle, or an `include` of a missing file: Compose refuses to load the project, and Rampart cannot judge the services built on it.',
  severity: 'error',
  fix: 'none',
  sources: ['correctness: compose-spec 05-services.md (extends), 14-include.md (include); Compose refuses to load such a project'],
  tags: ['correctness'],
  securitySeverity: '0.0',
  precision: 'very-high',
});

export const invalidReference: Rule<ComposeModel> = {
  meta,
  check(model, ctx) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const p of projectView(model, ctx).project.problems) {
      // Another file's problem is reported when that file is linted.
      if (p.file !== undefined) continue;
      const key = `${p.range.start.line}:${p.range.start.character}:${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ range: p.range, message: p.message });
    }
    return out;
  },
};
