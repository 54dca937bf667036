import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import type { Finding, Rule } from '../../../engine/types';
import type { NginxModel } from '../model';
import { XXP, headerDirectives, xssProtectionOn } from './headers';
import { where } from './util';

export const meta = defineMeta({
  id: 'nginx/x-xss-protection',
  language: 'nginx',
  title: 'X-XSS-Protection enables the retired XSS filter',
  description:
    'X-XSS-Protection is set to something other than 0: current browsers removed the XSS auditor, and where it still runs its blocking mode has been used to leak page content and to disable a site\'s own scripts. OWASP recommends "0" (or no header) plus a Content-Security-Policy.',
  severity: 'info',
  fix: 'safe',
  sources: [
    'H: "X-XSS-Protection: 1; mode=block" (Rampart departs: OWASP now recommends 0)',
    'OWASP Secure Headers Project: X-XSS-Protection is deprecated, use 0',
  ],
  peers: [],
  tags: ['security', 'CWE-693'],
  securitySeverity: '2.0',
});

export const xXssProtection: Rule<NginxModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    for (const e of headerDirectives(model)) {
      if (e.key !== XXP || !xssProtectionOn(e.value)) continue;
      out.push({
        range: e.valueArg.range,
        message: `X-XSS-Protection "${e.value}"${where(e.directive)} turns on a filter current browsers have removed; where it still runs, attackers have used it to leak page content or switch off the page's own scripts.`,
        lazyFixes: plannedFix('safe', 'Set X-XSS-Protection to "0"', () => [{ range: e.valueArg.range, newText: '"0"' }]),
      });
    }
    return out;
  },
};
