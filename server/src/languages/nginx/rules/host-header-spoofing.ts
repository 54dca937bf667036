import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import type { Finding, Rule } from '../../../engine/types';
import type { NginxModel } from '../model';
import { where } from './util';

export const meta = defineMeta({
  id: 'nginx/host-header-spoofing',
  language: 'nginx',
  title: 'Client Host header forwarded to the backend',
  description:
    'proxy_set_header Host $http_host (or a $arg_* value) forwards whatever Host the client sent: the backend builds absolute links, redirects and password-reset URLs from a host the attacker chose.',
  severity: 'warning',
  fix: 'suggest',
  sources: ['gixy host_spoofing', 'no seed passage'],
  peers: ['host_spoofing'],
  tags: ['security', 'CWE-20', 'CWE-644'],
  securitySeverity: '5.4',
});

/** `$http_host`, `${http_host}` and `$arg_*` (nginx variable names are case-insensitive). */
const SPOOFABLE = /\$(?:\{(http_host|arg_[A-Za-z0-9_]*)\}|(http_host|arg_[A-Za-z0-9_]*)(?![A-Za-z0-9_]))/gi;

export const hostHeaderSpoofing: Rule<NginxModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    for (const name of ['proxy_set_header', 'grpc_set_header']) {
      for (const d of model.named(name)) {
        const [header, value] = d.args;
        if (!header || !value || d.args.length !== 2 || header.value.toLowerCase() !== 'host') continue;
        const prefix = value.quoted ? 1 : 0;
        SPOOFABLE.lastIndex = 0;
        const m = SPOOFABLE.exec(value.raw.slice(prefix));
        if (!m) continue;
        const variable = (m[1] ?? m[2]!).toLowerCase();
        const start = value.start + prefix + m.index;
        const range = model.index.rangeOf(start, start + m[0].length);
        const isHost = variable === 'http_host';
        out.push({
          range,
          message: isHost
            ? `${d.name} Host ${m[0]}${where(d)} forwards the Host header exactly as the client sent it: the backend builds links, redirects and password-reset URLs from a host an attacker chose.`
            : `${d.name} Host ${m[0]}${where(d)} lets the query string pick the Host header: the backend builds links, redirects and password-reset URLs from a host an attacker chose.`,
          lazyFixes: isHost
            ? plannedFix('suggest', 'Use $host (nginx\'s validated host name, without the port)', () => [{ range, newText: '$host' }])
            : plannedFix('suggest', 'Set the Host header to $host', () => [{ range: value.range, newText: '$host' }]),
        });
      }
    }
    return out;
  },
};
