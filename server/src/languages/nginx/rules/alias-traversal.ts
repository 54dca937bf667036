import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import type { Finding, Rule } from '../../../engine/types';
import type { NginxModel } from '../model';
import { locationPattern } from './facts';

export const meta = defineMeta({
  id: 'nginx/alias-traversal',
  language: 'nginx',
  title: 'Alias path traversal (missing trailing slash)',
  description:
    'A prefix location without a trailing "/" whose alias ends in "/" lets a request for "/files../x" read "/srv/files/../x": any file next to the aliased folder can be downloaded.',
  severity: 'error',
  fix: 'suggest',
  sources: ['gixy alias_traversal', 'no seed passage'],
  peers: ['alias_traversal'],
  tags: ['security', 'CWE-22'],
  securitySeverity: '7.5',
  precision: 'very-high',
});

export const aliasTraversal: Rule<NginxModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    for (const loc of model.named('location')) {
      if (!loc.block) continue;
      const p = locationPattern(loc);
      // Exact (=) locations match one URI; regex locations build the path from captures.
      if (!p || (p.modifier !== '' && p.modifier !== '^~') || p.path.endsWith('/') || p.path.includes('$')) continue;
      const alias = loc.block.children.find((c) => c.name === 'alias');
      const target = alias?.args[0];
      if (!alias || !target || !target.value.endsWith('/')) continue;
      const arg = p.pathArg;
      out.push({
        range: arg.range,
        message: `location "${p.path}" has no trailing slash but its alias "${target.value}" has one: a request for "${p.path}../secret" reads "${target.value}../secret", outside the aliased folder.`,
        lazyFixes: plannedFix('suggest', `Match "${p.path}/" instead (URLs such as "${p.path}" without the slash stop matching this location)`, () => {
          // Insert the slash inside the quotes of a quoted path.
          const at = model.index.positionAt(arg.quoted && arg.raw.length > 1 ? arg.end - 1 : arg.end);
          return [{ range: { start: at, end: at }, newText: '/' }];
        }),
      });
    }
    return out;
  },
};
