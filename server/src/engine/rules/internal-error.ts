import { defineMeta } from '../meta';

/** Raised by the engine when a rule throws; the other rules' findings stand. */
export const internalErrorMeta = defineMeta({
  id: 'rampart/internal-error',
  language: 'rampart',
  title: 'A rule failed on this file',
  description: 'A Rampart rule threw an exception on this file. Its findings are missing; the other rules still ran. Please report it.',
  severity: 'error',
  fix: 'none',
  sources: ['correctness'],
  tags: ['correctness'],
  securitySeverity: '0.0',
  precision: 'very-high',
});
