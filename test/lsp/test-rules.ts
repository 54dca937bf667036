// Test-only rules, added to the Dockerfile plugin for one test file's process (node --test runs
// each file in its own process, so nothing leaks into other files).
import { dockerfilePlugin } from '../../server/src/languages/dockerfile/plugin';
import { defineMeta } from '../../server/src/engine/meta';
import type { Rule } from '../../server/src/engine/types';
import type { DockerfileModel } from '../../server/src/languages/dockerfile/model';

/** Fires on every FROM keyword with a suggest-only fix (lower-casing it). */
export const suggestOnlyRule: Rule<DockerfileModel> = {
  meta: defineMeta({
    id: 'test/suggest-only',
    language: 'dockerfile',
    title: 'Test rule with a suggest fix',
    description: 'Test only.',
    severity: 'info',
    fix: 'suggest',
    sources: [],
    securitySeverity: '0.0',
  }),
  check(model) {
    return model.stages.map((st) => ({
      range: st.from.getInstructionRange(),
      message: 'Test finding.',
      fixes: [{ title: 'Lower-case FROM', kind: 'suggest' as const, edits: [{ range: st.from.getInstructionRange(), newText: 'from' }] }],
    }));
  },
};

/** Throws on every file. */
export const throwingRule: Rule<DockerfileModel> = {
  meta: { ...suggestOnlyRule.meta, id: 'test/throws', title: 'Throws' },
  check() {
    throw new Error('boom');
  },
};

export async function withExtraRules<T>(rules: Rule<DockerfileModel>[], fn: () => Promise<T>): Promise<T> {
  dockerfilePlugin.rules.push(...rules);
  try {
    return await fn();
  } finally {
    for (const r of rules) dockerfilePlugin.rules.splice(dockerfilePlugin.rules.indexOf(r), 1);
  }
}
