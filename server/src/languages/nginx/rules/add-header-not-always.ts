import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import type { Finding, Rule } from '../../../engine/types';
import type { NginxModel } from '../model';
import { SECURITY_HEADERS, canonicalName, headerDirectives, sent } from './headers';
import { where } from './util';

export const meta = defineMeta({
  id: 'nginx/add-header-not-always',
  language: 'nginx',
  title: 'Security header sent only on successful responses',
  description:
    'A security header is added without the always parameter: nginx then sends it only with 200, 201, 204, 206, 301, 302, 303, 304, 307 and 308 responses, so error pages (4xx, 5xx) go out without it.',
  severity: 'info',
  fix: 'safe',
  sources: ['Mozilla server-side TLS configuration: add_header Strict-Transport-Security "…" always', 'nginx docs: add_header … [always]'],
  peers: [],
  tags: ['security', 'CWE-693'],
  securitySeverity: '2.0',
});

export const addHeaderNotAlways: Rule<NginxModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    for (const e of headerDirectives(model)) {
      if (!SECURITY_HEADERS.includes(e.key) || e.always || !sent(e)) continue;
      // A third argument other than `always` is a configuration error nginx reports itself.
      if (e.directive.args.length !== 2) continue;
      const at = e.valueArg.range.end;
      out.push({
        range: e.nameArg.range,
        message: `"${canonicalName(e.key, e.nameArg.value)}"${where(e.directive)} has no "always" parameter: nginx leaves it off error responses (4xx, 5xx), which browsers render and enforce like any other page.`,
        lazyFixes: plannedFix('safe', `Add "always" to "${canonicalName(e.key, e.nameArg.value)}"`, () => [{ range: { start: at, end: at }, newText: ' always' }]),
      });
    }
    return out;
  },
};
