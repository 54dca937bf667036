import { defineMeta } from '../../../engine/meta';
import type { Rule } from '../../../engine/types';
import type { NginxModel } from '../model';
import { HSTS, HSTS_VALUE, missingFindings } from './headers';

export const meta = defineMeta({
  id: 'nginx/hsts-missing',
  language: 'nginx',
  title: 'HTTPS server without Strict-Transport-Security',
  description:
    'A TLS server does not send Strict-Transport-Security: browsers keep making first requests over plain HTTP, where a network attacker can strip TLS and read or change the traffic.',
  severity: 'warning',
  fix: 'safe',
  sources: [
    'H: "Strict-Transport-Security (HSTS) enabled", "HSTS with includeSubDomains configured"',
    'M (Coming Soon): "HSTS headers and security policies", "Custom security headers (CSP, HSTS, X-Frame-Options)"',
    'Mozilla server-side TLS: Strict-Transport-Security "max-age=63072000" always',
    'OWASP Secure Headers Project: Strict-Transport-Security',
  ],
  peers: ['hsts_header'],
  tags: ['security', 'CWE-319', 'CWE-523', 'CWE-693'],
  securitySeverity: '5.3',
});

export const hstsMissing: Rule<NginxModel> = {
  meta,
  check(model, ctx) {
    return missingFindings(model, ctx, {
      key: HSTS,
      applies: (unit) => unit.server?.tls === true,
      message: (subject) =>
        `${subject} is served over TLS without a Strict-Transport-Security header: browsers keep trying plain HTTP first, where a network attacker can strip TLS and read or change the traffic.`,
      statement: `add_header Strict-Transport-Security "${HSTS_VALUE}" always;`,
      label: '"Strict-Transport-Security: max-age=63072000; includeSubDomains"',
      kind: 'safe',
    });
  },
};
