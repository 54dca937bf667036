import { defineMeta } from '../meta';

/** Raised by the language server in an open `.rampart.yaml` for each problem the validator finds. */
export const configErrorMeta = defineMeta({
  id: 'rampart/config',
  language: 'rampart',
  title: 'Invalid .rampart.yaml',
  description:
    'A .rampart.yaml has a problem: invalid YAML, an unknown key, rule id, profile, severity or language, a glob that is not a string, or a malformed version. The command line refuses to run with it, and the editor cannot apply it.',
  severity: 'error',
  fix: 'none',
  sources: ['correctness'],
  tags: ['correctness'],
  securitySeverity: '0.0',
  precision: 'very-high',
});
