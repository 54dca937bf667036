import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import type { Finding, Rule } from '../../../engine/types';
import type { NginxModel } from '../model';
import { HSTS, HSTS_MIN_AGE, hasIncludeSubDomains, headerDirectives, isWeakHsts, maxAge, strongHsts } from './headers';
import { where } from './util';

export const meta = defineMeta({
  id: 'nginx/hsts-weak',
  language: 'nginx',
  title: 'Strict-Transport-Security is too short or leaves out subdomains',
  description:
    'Strict-Transport-Security has a max-age under one year (or none) or lacks includeSubDomains: browsers forget the policy between visits, or an attacker can use a plain-HTTP subdomain to plant cookies and phish.',
  severity: 'warning',
  fix: 'safe',
  sources: [
    'H: "HSTS with includeSubDomains configured"',
    'Mozilla server-side TLS: max-age=63072000 (two years)',
    'OWASP Secure Headers Project: max-age=31536000; includeSubDomains',
  ],
  peers: ['hsts_header'],
  tags: ['security', 'CWE-319', 'CWE-523'],
  securitySeverity: '4.3',
});

export const hstsWeak: Rule<NginxModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    for (const e of headerDirectives(model)) {
      if (e.key !== HSTS || !isWeakHsts(e.value)) continue;
      const age = maxAge(e.value);
      const facts: string[] = [];
      const effects: string[] = [];
      if (age === undefined) {
        facts.push('has no valid max-age');
        effects.push('browsers ignore the header');
      } else if (age === 0) {
        facts.push('has max-age=0');
        effects.push('browsers delete the policy');
      } else if (age < HSTS_MIN_AGE) {
        facts.push(`has max-age=${age}, under one year (${HSTS_MIN_AGE} seconds)`);
        effects.push('browsers forget the policy between visits');
      }
      if (!hasIncludeSubDomains(e.value)) {
        facts.push('leaves out includeSubDomains');
        effects.push('an attacker can use a plain-HTTP subdomain to plant cookies or phish');
      }
      const value = strongHsts(e.value);
      out.push({
        range: e.valueArg.range,
        message: `Strict-Transport-Security${where(e.directive)} ${facts.join(' and ')}: ${effects.join(', and ')}.`,
        lazyFixes: plannedFix('safe', `Set Strict-Transport-Security to "${value}"`, () => [{ range: e.valueArg.range, newText: `"${value}"` }]),
      });
    }
    return out;
  },
};
