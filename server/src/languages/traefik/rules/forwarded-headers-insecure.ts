import { defineMeta } from '../../../engine/meta';
import type { Finding } from '../../../engine/types';
import { isTrue, match } from '../model';
import { statementRange, subject, type TraefikRule } from './shared';

export const meta = defineMeta({
  id: 'traefik/forwarded-headers-insecure',
  language: 'traefik',
  title: 'Entry point trusts forwarded headers from any client',
  description:
    '`forwardedHeaders.insecure` or `proxyProtocol.insecure` on an entry point: Traefik believes the client address and scheme any client claims, which defeats IP allow-lists, per-IP rate limits and access logs.',
  severity: 'warning',
  fix: 'none',
  sources: ['Traefik docs: entry points, forwardedHeaders and proxyProtocol (`insecure`, `trustedIPs`)', 'OWASP: IP address spoofing via X-Forwarded-For'],
  tags: ['security', 'CWE-290', 'CWE-348'],
  securitySeverity: '5.3',
  precision: 'very-high',
});

const WHAT: Record<string, string> = {
  forwardedheaders: 'trust X-Forwarded-* headers from every client',
  proxyprotocol: 'accept PROXY protocol headers from every client',
};

export const forwardedHeadersInsecure: TraefikRule = {
  meta,
  check(view) {
    const out: Finding[] = [];
    for (const src of view.staticSources) {
      for (const kind of ['forwardedheaders', 'proxyprotocol']) {
        for (const m of match(src.root, ['entrypoints', '*', kind, 'insecure'])) {
          if (!isTrue(m.field)) continue;
          out.push({
            range: statementRange(view, m.field),
            message: `${subject(view, src, m.trail)} makes entry point "${m.names[0]}" ${WHAT[kind]}: any client can claim another IP address or scheme, defeating IP allow-lists, per-IP rate limits and access logs.`,
          });
        }
      }
    }
    return out;
  },
};
