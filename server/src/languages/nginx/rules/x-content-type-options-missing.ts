import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import type { Finding, Rule } from '../../../engine/types';
import type { NginxModel } from '../model';
import { XCTO, headerDirectives, missingFindings, nosniffWrong } from './headers';
import { where } from './util';

export const meta = defineMeta({
  id: 'nginx/x-content-type-options-missing',
  language: 'nginx',
  title: 'No X-Content-Type-Options: nosniff',
  description:
    'A server that serves content does not send "X-Content-Type-Options: nosniff" (or sends another value): browsers may then guess content types and run an uploaded file or a JSON response as HTML or script.',
  severity: 'warning',
  fix: 'safe',
  sources: ['H: "X-Content-Type-Options: nosniff"', 'OWASP Secure Headers Project: X-Content-Type-Options nosniff'],
  peers: [],
  tags: ['security', 'CWE-693', 'CWE-79'],
  securitySeverity: '4.3',
});

export const xContentTypeOptionsMissing: Rule<NginxModel> = {
  meta,
  check(model, ctx) {
    const out: Finding[] = missingFindings(model, ctx, {
      key: XCTO,
      message: (subject) =>
        `${subject} does not send "X-Content-Type-Options: nosniff": browsers may guess content types and run an uploaded file or an API response as HTML or script.`,
      statement: 'add_header X-Content-Type-Options "nosniff" always;',
      label: '"X-Content-Type-Options: nosniff"',
      kind: 'safe',
    });
    for (const e of headerDirectives(model)) {
      if (e.key !== XCTO || !nosniffWrong(e.value)) continue;
      out.push({
        range: e.valueArg.range,
        message: `X-Content-Type-Options "${e.value}"${where(e.directive)} is not "nosniff": browsers ignore any other value and keep guessing content types.`,
        lazyFixes: plannedFix('safe', 'Set X-Content-Type-Options to "nosniff"', () => [{ range: e.valueArg.range, newText: '"nosniff"' }]),
      });
    }
    return out;
  },
};
