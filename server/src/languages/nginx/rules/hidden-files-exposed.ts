import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import type { Finding, Rule, RuleContext } from '../../../engine/types';
import type { NginxBlock, NginxDirective, NginxModel, NginxServer } from '../model';
import { canInsertLast, inherited, insertBefore, insertLast, levelDirectives, locationMatches, locationPattern, serverLabel } from './facts';

export const meta = defineMeta({
  id: 'nginx/hidden-files-exposed',
  language: 'nginx',
  title: 'Hidden files (.env, .git) served',
  description:
    'A server that serves files from disk has no location denying dotfiles: /.env, /.git/config, .htpasswd and editor backups are downloadable by anyone who guesses the name.',
  severity: 'warning',
  fix: 'safe',
  sources: ['H: "Sensitive files (.env, .config, .log) access denied"'],
  peers: [],
  tags: ['security', 'CWE-538', 'CWE-552'],
  securitySeverity: '5.3',
});

export const DENY_LOCATION = 'location ~ /\\.(?!well-known) { deny all; }';

/** Paths a dotfile rule must cover. */
const SAMPLES = ['/.env', '/.git/config', '/app/.env'];

/** Directives that produce the response themselves: a location with one does not serve files. */
const HANDLERS = new Set([
  'proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass', 'memcached_pass', 'return', 'stub_status', 'api',
  'empty_gif', 'content_by_lua', 'content_by_lua_block', 'content_by_lua_file', 'js_content', 'perl',
]);

export const hiddenFilesExposed: Rule<NginxModel> = {
  meta,
  check(model, ctx) {
    const out: Finding[] = [];
    for (const s of model.servers) {
      if (s.protocol !== 'http' || !s.block.close) continue;
      const top = levelDirectives(ctx, model, s.block);
      if (top.unknown || top.directives.some((d) => d.name === 'return')) continue;
      const evidence = servesFiles(model, ctx, s, top.directives);
      if (!evidence) continue;
      const judged = dotfileRule(top.directives, s.block);
      if (judged.ok) continue;
      const firstLoc = s.block.children.find((d) => d.name === 'location');
      const edit = firstLoc ? () => [insertBefore(model.index, firstLoc, [DENY_LOCATION])] : canInsertLast(s.block) ? () => [insertLast(model.index, s.block, [DENY_LOCATION])!] : undefined;
      const why = judged.shadowedBy
        ? `its dotfile rule comes after location "${judged.shadowedBy}", which matches /.env first`
        : judged.partial
          ? `location "${judged.partial}" only covers some dotfiles (not /.env or /.git/)`
          : 'no location denies hidden files';
      out.push({
        range: s.directive.nameRange,
        message: `${capital(serverLabel(s))} serves files (${evidence}) but ${why}: /.env, /.git/config and other dotfiles can be downloaded.`,
        lazyFixes: plannedFix('safe', 'Deny hidden files (except /.well-known/)', edit),
      });
    }
    return out;
  },
};

/**
 * A prefix location for ACME HTTP-01 challenges (`location ^~ /.well-known/acme-challenge/`):
 * it serves only the tokens a certificate client writes there, and the redirect-only port-80
 * server that holds it (the shape http-without-redirect's fix keeps) serves nothing else.
 */
function acmeChallenge(loc: NginxDirective): boolean {
  const p = locationPattern(loc);
  return !!p && (p.modifier === '^~' || p.modifier === '=' || p.modifier === '') && p.path.startsWith('/.well-known/acme-challenge');
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Why the server serves files from disk (`root /srv/www`, `alias /x/`, `try_files`), or undefined. */
function servesFiles(model: NginxModel, ctx: RuleContext, s: NginxServer, top: NginxDirective[]): string | undefined {
  const show = (d: NginxDirective) => `${d.name}${d.name === 'try_files' ? '' : ` ${d.args[0]?.value ?? ''}`}`;
  const tryFiles = top.find((d) => d.name === 'try_files');
  if (tryFiles) return show(tryFiles);
  const locations = allLocations(s.block);
  for (const loc of locations) {
    const kids = loc.block!.children;
    const direct = kids.find((d) => d.name === 'alias' || d.name === 'try_files');
    if (direct) return show(direct);
    if (kids.some((d) => HANDLERS.has(d.name)) || locationPattern(loc)?.modifier === '@') continue;
    if (acmeChallenge(loc)) continue;
    const root = inherited(model, ctx, loc.block!, ['root'], false).directives[0];
    if (root) return show(root);
  }
  // Requests no location matches are served from the server's root.
  const catchAll = s.block.children.some((d) => {
    const p = d.name === 'location' ? locationPattern(d) : undefined;
    return p && (p.modifier === '' || p.modifier === '^~') && p.path === '/';
  });
  if (!catchAll) {
    const root = inherited(model, ctx, s.block, ['root'], false).directives[0];
    if (root) return show(root);
  }
  return undefined;
}

function allLocations(block: NginxBlock): NginxDirective[] {
  const out: NginxDirective[] = [];
  for (const d of block.children) {
    if (d.name === 'location' && d.block) {
      out.push(d);
      out.push(...allLocations(d.block));
    }
  }
  return out;
}

/** A location that refuses what it matches. */
function refuses(block: NginxBlock): boolean {
  return block.children.some(
    (c) =>
      (c.name === 'deny' && c.args[0]?.value.toLowerCase() === 'all') ||
      c.name === 'internal' ||
      (c.name === 'return' && ['403', '404', '410', '444'].includes(c.args[0]?.value ?? '')),
  );
}

/**
 * Whether a dotfile rule covers the samples: a refusing regex location matching them that no
 * earlier server-level regex location shadows (nginx uses the first regex that matches).
 */
function dotfileRule(top: NginxDirective[], server: NginxBlock): { ok: boolean; shadowedBy?: string; partial?: string } {
  let shadowedBy: string | undefined;
  let partial: string | undefined;
  // Server-level regex locations in order (included files spliced in).
  const regexes = top.filter((d) => d.name === 'location' && d.block && locationPattern(d)?.regex);
  for (const sample of SAMPLES.slice(0, 2)) {
    const first = regexes.find((d) => locationMatches(locationPattern(d)!, sample));
    if (first && refuses(first.block!)) continue;
    const later = regexes.find((d) => d !== first && refuses(d.block!) && locationMatches(locationPattern(d)!, sample));
    if (later && first) shadowedBy = first.args.map((a) => a.value).join(' ');
    // Nested regex locations (inside `location /`) are checked before the server-level ones.
    if (!later && nestedRule(server, sample)) continue;
    if (!later) {
      const some = [...regexes, ...allLocations(server)].find((d) => refuses(d.block!) && /\\\./.test(locationPattern(d)?.path ?? '') && locationPattern(d)?.regex);
      if (some) partial = some.args.map((a) => a.value).join(' ');
    }
    return { ok: false, shadowedBy, partial };
  }
  return { ok: true };
}

function nestedRule(server: NginxBlock, sample: string): boolean {
  for (const loc of allLocations(server)) {
    if (loc.parent === server) continue;
    const p = locationPattern(loc);
    if (p?.regex && refuses(loc.block!) && locationMatches(p, sample)) return true;
  }
  return false;
}
