import { defineMeta } from '../meta';

/** Raised by the suppression pass for a `rampart-ignore` that silences nothing. */
export const unusedIgnoreMeta = defineMeta({
  id: 'rampart/unused-ignore',
  language: 'rampart',
  title: 'Suppression comment silences nothing',
  description: 'A rampart-ignore comment names rules that ran and found nothing on the line it covers; stale suppressions hide future findings.',
  severity: 'info',
  fix: 'suggest',
  sources: ['correctness'],
  tags: ['correctness'],
  securitySeverity: '0.0',
  precision: 'very-high',
});
