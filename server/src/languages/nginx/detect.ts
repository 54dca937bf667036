// Which files are nginx configuration. By name: `nginx.conf`, `*.nginx`, `*.conf.template` (the
// official image's envsubst templates). By content: `.conf` files (and extension-less files in
// nginx-ish folders such as `sites-enabled/`) whose statements look like nginx. Apache, php-fpm,
// supervisor and fail2ban share `.conf` and those folders; their markers rule a file out. A file an
// nginx.conf nearby includes is nginx whatever it looks like.
import type { WorkspaceView } from '../../engine/types';
import { includedByMainConfig } from './includes';

/** Files nginx ships that are lists of types or parameters, not configuration worth linting. */
const NOT_LINTED = new Set(['mime.types', 'fastcgi_params', 'fastcgi.conf', 'scgi_params', 'uwsgi_params', 'koi-utf', 'koi-win', 'win-utf']);

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function isNginxName(path: string): boolean {
  const base = baseName(path).toLowerCase();
  if (NOT_LINTED.has(base)) return false;
  return base === 'nginx.conf' || base.endsWith('.nginx') || base.endsWith('.conf.template');
}

const HINT_FOLDERS = /(^|\/)(nginx|conf\.d|sites-available|sites-enabled|vhosts\.d|snippets|templates)\//i;

/** At most this much of a file is sniffed. */
const SNIFF_LIMIT = 64 * 1024;

// Statement-shaped lines: a block opener, or a directive ending in `;`.
// (Written so that no two adjacent parts can match the same spaces: linear on hostile lines.)
const BLOCK_OPENER = /^[ \t]*(?:(?:http|events|server|stream|upstream[ \t]+[^\s{;]+)[ \t]*|(?:location|map|if)[ \t(][^\n{;]*)\{/m;
const DIRECTIVE_LINE =
  /^[ \t]*(?:listen|server_name|proxy_pass|proxy_set_header|fastcgi_pass|root|try_files|worker_processes|worker_connections|ssl_certificate|ssl_protocols|add_header|return|rewrite|access_log|error_log|include|sendfile|keepalive_timeout|client_max_body_size|gzip|index)[ \t][^\n=;]*;/gm;
// Other formats that live in the same folders.
const NOT_NGINX = /^[ \t]*(?:<\/?(?:VirtualHost|Directory|IfModule|Location|Files)\b|\[[^\]\n]+\][ \t]*$|(?:ServerName|DocumentRoot|LoadModule|RewriteEngine)\b)/im;

/** Names an included file may have: config-ish extensions, or none (`proxy_params`, `sites-enabled/site`). */
const INCLUDABLE = /(\.(conf|inc|nginx|template|vhost|site)|\/[^/.]+)$/i;

/**
 * Content check for `.conf` files (and extension-less files in nginx-ish folders); with a
 * workspace, also a file that a main nginx.conf near it includes (a snippet of fastcgi_param
 * lines looks like nothing in particular).
 */
export function matchesNginxContent(path: string, text: string, workspace?: WorkspaceView): boolean {
  if (sniffNginx(path, text)) return true;
  const base = baseName(path).toLowerCase();
  return workspace !== undefined && !NOT_LINTED.has(base) && INCLUDABLE.test(path) && includedByMainConfig(path, workspace);
}

function sniffNginx(path: string, text: string): boolean {
  const base = baseName(path).toLowerCase();
  if (NOT_LINTED.has(base)) return false;
  const conf = base.endsWith('.conf');
  const hinted = HINT_FOLDERS.test(path) && !base.includes('.');
  if (!conf && !hinted) return false;
  const head = text.length > SNIFF_LIMIT ? text.slice(0, SNIFF_LIMIT) : text;
  if (NOT_NGINX.test(head)) return false;
  if (BLOCK_OPENER.test(head)) return true;
  const lines = head.match(DIRECTIVE_LINE);
  return lines !== null && lines.length >= 2;
}
