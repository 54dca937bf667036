import { defineMeta } from '../../../engine/meta';
import type { Rule } from '../../../engine/types';
import type { NginxModel } from '../model';
import { XFO, missingFindings } from './headers';

export const meta = defineMeta({
  id: 'nginx/x-frame-options-missing',
  language: 'nginx',
  title: 'No clickjacking protection (X-Frame-Options or CSP frame-ancestors)',
  description:
    'A server that serves content sends neither X-Frame-Options nor a Content-Security-Policy with frame-ancestors: any site can load its pages in a hidden frame and trick users into clicking them (clickjacking).',
  severity: 'warning',
  fix: 'safe',
  sources: ['H: "X-Frame-Options: SAMEORIGIN"', 'M (Coming Soon): "Custom security headers (CSP, HSTS, X-Frame-Options)"', 'OWASP Secure Headers Project: X-Frame-Options, CSP frame-ancestors'],
  peers: [],
  tags: ['security', 'CWE-1021', 'CWE-693'],
  securitySeverity: '4.3',
});

export const xFrameOptionsMissing: Rule<NginxModel> = {
  meta,
  check(model, ctx) {
    return missingFindings(model, ctx, {
      key: XFO,
      message: (subject) =>
        `${subject} sends neither X-Frame-Options nor a Content-Security-Policy frame-ancestors directive: any site can frame its pages and trick users into clicking them (clickjacking).`,
      statement: 'add_header X-Frame-Options "SAMEORIGIN" always;',
      label: '"X-Frame-Options: SAMEORIGIN"',
      kind: 'safe',
    });
  },
};
