import { defineMeta } from '../meta';

/** Raised by the engine itself when a recognised file cannot be parsed. */
export const parseErrorMeta = defineMeta({
  id: 'rampart/parse-error',
  language: 'rampart',
  title: 'File cannot be parsed',
  description: 'A file Rampart recognises has a syntax error; the other rules cannot see past it, so fix it first.',
  severity: 'error',
  fix: 'none',
  sources: ['correctness'],
  tags: ['correctness'],
  securitySeverity: '0.0',
  precision: 'very-high',
});
