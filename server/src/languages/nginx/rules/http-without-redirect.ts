import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import type { Finding, Fix, Rule } from '../../../engine/types';
import type { NginxBlock, NginxDirective, NginxModel, NginxServer } from '../model';
import { canInsertFirst, childIndent, insertAfter, insertFirst, isLoopbackListen, locationPattern, serverLabel } from './facts';
import { lineIndent, refusesEveryone } from './util';
import { compileUserRegex, testUserRegex } from '../../../engine/user-regex';

export const meta = defineMeta({
  id: 'nginx/http-without-redirect',
  language: 'nginx',
  title: 'Plain HTTP served next to HTTPS',
  description:
    'A port-80 server serves content while a TLS server exists for the same name: visitors who type the bare name or follow an old http:// link stay on an unencrypted, modifiable connection.',
  severity: 'warning',
  fix: 'suggest',
  sources: ['M: "HTTP automatically redirects to HTTPS"', 'M: "HTTP to HTTPS redirect enabled by default for domains"', 'Mozilla SSL configuration generator: return 308 https://$host$request_uri'],
  peers: [],
  tags: ['security', 'CWE-319'],
  securitySeverity: '5.9',
});

const REDIRECT = 'return 308 https://$host$request_uri;';

function plainHttp(s: NginxServer): boolean {
  if (s.listens.length === 0) return true; // nginx listens on *:80 by default
  return s.listens.some((l) => l.port === 80 && !l.ssl && !l.quic && !isLoopbackListen(l.address));
}

function names(s: NginxServer): string[] {
  const n = s.serverNames.map((x) => x.toLowerCase());
  return n.length > 0 ? n : [''];
}

/** Does a server_name entry of a TLS server cover a name (exact, `*.x`, `.x`, `x.*`, `~regex`)? */
function covers(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  if (name === '' || name.startsWith('~')) return false;
  if (pattern.startsWith('*.')) return name.endsWith(pattern.slice(1));
  if (pattern.startsWith('.')) return name === pattern.slice(1) || name.endsWith(pattern);
  if (pattern.endsWith('.*')) return name.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('~')) {
    // Through the engine's guard: a pattern shaped for catastrophic backtracking is not run.
    const re = compileUserRegex(pattern.slice(1));
    return re ? (testUserRegex(re, name) ?? false) : false;
  }
  return false;
}

function redirectReturn(d: NginxDirective): boolean {
  const code = d.args[0]?.value ?? '';
  return d.name === 'return' && (/^(30[1-8]|4\d\d)$/.test(code) || /^https?:\/\//.test(code));
}

function redirectRewrite(d: NginxDirective): boolean {
  if (d.name !== 'rewrite') return false;
  const flag = d.args[2]?.value;
  return flag === 'permanent' || flag === 'redirect' || /^https?:\/\//.test(d.args[1]?.value ?? '');
}

function isAcme(d: NginxDirective): boolean {
  if (d.name === 'location') return (locationPattern(d)?.path ?? '').startsWith('/.well-known/acme-challenge');
  return d.name === 'include' && /acme|letsencrypt|certbot/i.test(d.args[0]?.value ?? '');
}

/** True when the server sends plain-HTTP visitors elsewhere (or refuses them) instead of serving content. */
function redirectsAll(block: NginxBlock): boolean {
  const kids = block.children;
  if (kids.some((d) => redirectReturn(d) || redirectRewrite(d) || (d.name === 'return' && d.args.length === 0))) return true;
  // `if ($scheme = http) { return 301 … }` in a combined server.
  if (kids.some((d) => d.name === 'if' && d.block && /\$(scheme|https)\b/.test(d.args.map((a) => a.value).join(' ')) && d.block.children.some(redirectReturn))) return true;
  const locs = kids.filter((d) => d.name === 'location' && d.block && !isAcme(d) && !refusesEveryone(d.block));
  return locs.length > 0 && locs.every((l) => l.block!.children.some((c) => redirectReturn(c) || redirectRewrite(c)));
}

export const httpWithoutRedirect: Rule<NginxModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    const tlsServers = model.servers.filter((s) => s.protocol === 'http' && s.tls);
    for (const s of model.servers) {
      if (s.protocol !== 'http' || !plainHttp(s) || redirectsAll(s.block)) continue;
      const mine = names(s);
      const twin = s.tls ? s : tlsServers.find((t) => names(t).some((p) => mine.some((n) => covers(p, n))));
      if (!twin) continue;
      const label = serverLabel(s);
      const Label = label.charAt(0).toUpperCase() + label.slice(1);
      if (twin === s) {
        const statement = `if ($scheme = http) { ${REDIRECT} }`;
        const anchor = [...s.block.children].reverse().find((c) => c.name === 'listen' || c.name === 'server_name');
        const edit = anchor ? () => [insertAfter(model.index, anchor, [statement])] : canInsertFirst(s.block) ? () => [insertFirst(model.index, s.block, [statement])!] : undefined;
        out.push({
          range: s.directive.nameRange,
          message: `${Label} serves the same content on plain HTTP (port 80) and over TLS: visitors who type the bare name or follow an http:// link stay on an unencrypted connection that anyone on the path can read and modify.`,
          lazyFixes: plannedFix('suggest', 'Redirect plain-HTTP requests to HTTPS with 308', edit),
        });
        continue;
      }
      out.push({
        range: s.directive.nameRange,
        message: `${Label} serves content on plain HTTP (port 80) while ${serverLabel(twin)} serves it over TLS: visitors who type the bare name or follow an http:// link stay on an unencrypted connection that anyone on the path can read and modify.`,
        lazyFixes: s.block.open && s.block.close ? { best: 'suggest', make: () => [replaceBody(model, s)!] } : undefined,
      });
    }
    return out;
  },
};

/** The body becomes listen/server_name, any ACME challenge location, and a 308 to HTTPS. */
function replaceBody(model: NginxModel, s: NginxServer): Fix | undefined {
  const b = s.block;
  if (!b.open || !b.close) return undefined;
  const index = model.index;
  const eol = index.eol;
  const indent = childIndent(index, b);
  const kept = b.children.filter((d) => d.name === 'listen' || d.name === 'server_name' || isAcme(d));
  const acme = kept.some(isAcme);
  const lines = kept.map((d) => indent + model.text.slice(d.start, d.end));
  // A server-level return would run before location matching and redirect the challenge too.
  lines.push(indent + (acme ? `location / { ${REDIRECT} }` : REDIRECT));
  const newText = `${eol}${lines.join(eol)}${eol}${lineIndent(index, s.directive.line)}`;
  return {
    title: acme
      ? 'Redirect to HTTPS with 308 (keeps listen, server_name and the ACME challenge location; removes the rest of the body)'
      : 'Redirect to HTTPS with 308 (keeps listen and server_name; removes the rest of the body)',
    kind: 'suggest',
    edits: [{ range: { start: b.open.end, end: b.close.start }, newText }],
  };
}
