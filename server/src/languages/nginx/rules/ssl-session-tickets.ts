import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import type { Finding, Rule } from '../../../engine/types';
import { compareVersions, type NginxModel } from '../model';
import { nginxVersion, versionLabel } from '../version';
import { canInsertFirst, inherited, insertAfter, insertFirst, serverLabel } from './facts';
import { where } from './util';

export const meta = defineMeta({
  id: 'nginx/ssl-session-tickets',
  language: 'nginx',
  title: 'TLS session tickets on an nginx that never rotates their key',
  description:
    'Before 1.23.2 nginx encrypts every session ticket with one key generated at startup and never rotated, so a leaked key decrypts all recorded traffic resumed with tickets: turn them off on these versions.',
  severity: 'info',
  fix: 'safe',
  sources: ['H: "SSL session configuration optimized"', 'Mozilla SSL configuration generator: ssl_session_tickets off for nginx < 1.23.2'],
  peers: [],
  tags: ['security', 'CWE-320', 'CWE-324'],
  securitySeverity: '3.7',
});

/** nginx 1.23.2 rotates ticket keys itself (with a shared ssl_session_cache). */
const FIXED_IN = '1.23.2';

export const sslSessionTickets: Rule<NginxModel> = {
  meta,
  check(model, ctx) {
    const info = nginxVersion(ctx);
    const version = info.version;
    // No known version: Rampart assumes the current stable release, which rotates keys.
    if (!version || compareVersions(version, FIXED_IN) >= 0) return [];
    const label = versionLabel(info);
    const out: Finding[] = [];
    for (const d of model.named('ssl_session_tickets')) {
      const v = d.args[0];
      if (!v || d.args.length !== 1 || v.value.toLowerCase() !== 'on') continue;
      out.push({
        range: v.range,
        message: `"ssl_session_tickets on"${where(d)} on ${label}: before ${FIXED_IN} nginx never rotates the ticket key, so one leaked key decrypts every recorded session resumed with a ticket.`,
        lazyFixes: plannedFix('safe', 'Set ssl_session_tickets off', () => [{ range: v.range, newText: 'off' }]),
      });
    }
    for (const s of model.servers) {
      if (!s.tls || s.protocol === 'mail') continue;
      const eff = inherited(model, ctx, s.block, ['ssl_session_tickets'], false);
      // Set somewhere (an explicit "on" is reported above), or an unseen level may set it.
      if (eff.directives.length > 0 || !eff.complete) continue;
      // Next to the server's other TLS settings (or its listen/server_name lines).
      const kids = s.block.children;
      const anchor = [...kids].reverse().find((c) => c.name.startsWith('ssl_')) ?? [...kids].reverse().find((c) => c.name === 'listen' || c.name === 'server_name');
      const edit = anchor ? () => [insertAfter(model.index, anchor, ['ssl_session_tickets off;'])] : canInsertFirst(s.block) ? () => [insertFirst(model.index, s.block, ['ssl_session_tickets off;'])!] : undefined;
      const server = serverLabel(s);
      out.push({
        range: s.directive.nameRange,
        message: `${server.charAt(0).toUpperCase()}${server.slice(1)} leaves ssl_session_tickets on (the default) on ${label}: before ${FIXED_IN} nginx never rotates the ticket key, so one leaked key decrypts every recorded session resumed with a ticket.`,
        lazyFixes: plannedFix('safe', 'Add "ssl_session_tickets off;" to this server', edit),
      });
    }
    return out;
  },
};
