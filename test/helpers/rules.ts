// A rule made up by a test (containment, lazy fixes): registered under `test/<name>`, warning, its
// check supplied by the test.
import { defineMeta } from '../../server/src/engine/meta';
import type { Language, Rule } from '../../server/src/engine/types';

export function testRule(language: Language, name: string, check: Rule<unknown>['check']): Rule<unknown> {
  return {
    meta: defineMeta({
      id: `test/${name}`,
      language,
      title: 'Test rule',
      description: 'Test only.',
      severity: 'warning',
      fix: 'safe',
      sources: [],
      securitySeverity: '0.0',
    }),
    check,
  };
}
