import { defineMeta } from '../../../engine/meta';
import type { Rule } from '../../../engine/types';
import type { NginxModel } from '../model';

export const meta = defineMeta({
  id: 'nginx/syntax',
  language: 'nginx',
  title: 'nginx configuration structure error',
  description:
    'An unclosed "{", a stray "}", an unterminated quote or a missing ";": nginx refuses to load the file. Rampart reports where the problem really is, not where a parser gave up.',
  severity: 'error',
  fix: 'none',
  sources: ['correctness: nginx refuses to start on these errors (`nginx -t`)'],
  peers: [],
  tags: ['correctness'],
  securitySeverity: '0.0',
  precision: 'high',
});

export const syntax: Rule<NginxModel> = {
  meta,
  check(model) {
    return model.syntaxErrors;
  },
};
