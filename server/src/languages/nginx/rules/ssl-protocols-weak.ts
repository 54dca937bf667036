import { defineMeta } from '../../../engine/meta';
import type { Finding, Fix, Rule, TextEdit } from '../../../engine/types';
import type { NginxDirective, NginxModel } from '../model';
import { listWords, spanOf, where } from './util';

export const meta = defineMeta({
  id: 'nginx/ssl-protocols-weak',
  language: 'nginx',
  title: 'Weak TLS protocol versions enabled',
  description:
    'ssl_protocols enables SSLv2, SSLv3, TLSv1 or TLSv1.1: these versions are broken or deprecated (RFC 8996) and let an attacker downgrade connections to weaker cryptography.',
  severity: 'error',
  fix: 'safe',
  sources: ['H: "TLS 1.2 and 1.3 support configured"', 'M: "TLS 1.2+"', 'Mozilla intermediate profile: ssl_protocols TLSv1.2 TLSv1.3'],
  peers: ['weak_ssl_tls'],
  tags: ['security', 'CWE-326', 'CWE-757'],
  securitySeverity: '7.5',
  precision: 'very-high',
});

const WEAK = new Set(['sslv2', 'sslv3', 'tlsv1', 'tlsv1.1']);
const REPLACEMENT = 'TLSv1.2 TLSv1.3';

export const sslProtocolsWeak: Rule<NginxModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    // ssl_protocols exists in http, stream and mail (and proxy_ssl_protocols is a different directive).
    for (const d of model.named('ssl_protocols')) {
      if (d.parent.kind === 'hash' || d.args.length === 0) continue;
      const weak = d.args.filter((a) => WEAK.has(a.value.toLowerCase()));
      if (weak.length === 0) continue;
      out.push({
        range: spanOf(weak),
        message: `ssl_protocols${where(d)} enables ${listWords(weak.map((a) => a.value))}: ${weak.length === 1 ? 'this version is deprecated (RFC 8996) and lets' : 'these versions are deprecated (RFC 8996) and let'} an attacker downgrade connections to broken cryptography.`,
        lazyFixes: { best: 'safe', make: () => [replaceArgs(model, d)] },
      });
    }
    return out;
  },
};

/**
 * Replaces the arguments with `TLSv1.2 TLSv1.3`. Comments between arguments survive: then every
 * argument but the last is deleted (with the spaces after it) and the last one is replaced, so
 * the comments stay on their lines and the `;` keeps its place.
 */
function replaceArgs(model: NginxModel, d: NginxDirective): Fix {
  const text = model.text;
  const first = d.args[0]!;
  const last = d.args[d.args.length - 1]!;
  const between = text.slice(first.start, last.end);
  const edits: TextEdit[] = [];
  if (!/#/.test(between.replace(/"[^"]*"|'[^']*'/g, ''))) {
    edits.push({ range: spanOf(d.args), newText: REPLACEMENT });
  } else {
    for (const a of d.args.slice(0, -1)) {
      let e = a.end;
      while (e < text.length && (text.charCodeAt(e) === 32 || text.charCodeAt(e) === 9)) e++;
      edits.push({ range: model.index.rangeOf(a.start, e), newText: '' });
    }
    edits.push({ range: last.range, newText: REPLACEMENT });
  }
  return { title: `Set ssl_protocols to "${REPLACEMENT}"`, kind: 'safe', edits };
}
