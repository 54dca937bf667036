import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import type { Finding, Rule } from '../../../engine/types';
import type { NginxModel } from '../model';
import { REFERRER, REFERRER_VALUE, headerDirectives, missingFindings, referrerLeaky } from './headers';
import { where } from './util';

export const meta = defineMeta({
  id: 'nginx/referrer-policy-missing',
  language: 'nginx',
  title: 'No Referrer-Policy, or one that leaks full URLs',
  description:
    'A server that serves content sends no Referrer-Policy, or one (unsafe-url, no-referrer-when-downgrade) that sends full URLs, with their paths and query strings, to every other site a page links to or loads from.',
  severity: 'info',
  fix: 'safe',
  sources: [
    'H: "Referrer-Policy: no-referrer-when-downgrade" (Rampart departs: that value leaks full URLs to other HTTPS sites)',
    'OWASP Secure Headers Project: Referrer-Policy',
  ],
  peers: [],
  tags: ['security', 'CWE-200', 'CWE-598'],
  securitySeverity: '3.1',
});

export const referrerPolicyMissing: Rule<NginxModel> = {
  meta,
  check(model, ctx) {
    const out: Finding[] = missingFindings(model, ctx, {
      key: REFERRER,
      message: (subject) =>
        `${subject} sends no Referrer-Policy header: the browser's default decides what other sites learn, and older browsers send them full URLs, paths and query strings included.`,
      statement: `add_header Referrer-Policy "${REFERRER_VALUE}" always;`,
      label: `"Referrer-Policy: ${REFERRER_VALUE}"`,
      kind: 'safe',
    });
    for (const e of headerDirectives(model)) {
      if (e.key !== REFERRER) continue;
      const leaky = referrerLeaky(e.value);
      if (!leaky) continue;
      const reach = leaky === 'unsafe-url' ? 'every other site, even over plain HTTP' : 'every other HTTPS site';
      out.push({
        range: e.valueArg.range,
        message: `Referrer-Policy "${e.value}"${where(e.directive)} sends full URLs, paths and query strings included, to ${reach}: tokens and private paths in URLs leak through the Referer header.`,
        lazyFixes: plannedFix('safe', `Set Referrer-Policy to "${REFERRER_VALUE}"`, () => [{ range: e.valueArg.range, newText: `"${REFERRER_VALUE}"` }]),
      });
    }
    return out;
  },
};
