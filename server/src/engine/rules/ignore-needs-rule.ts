import { defineMeta } from '../meta';

/** Raised by the suppression pass for a `rampart-ignore` without a known rule id. */
export const ignoreNeedsRuleMeta = defineMeta({
  id: 'rampart/ignore-needs-rule',
  language: 'rampart',
  title: 'Suppression comment names no known rule',
  description: 'A rampart-ignore comment must name the rules it silences; a blanket or misspelt suppression hides every future finding.',
  severity: 'error',
  fix: 'none',
  sources: ['correctness'],
  tags: ['correctness'],
  securitySeverity: '0.0',
  precision: 'very-high',
});
