// "Apply Mozilla intermediate TLS profile": a code action on a TLS `server` block that sets, in
// one edit, what Mozilla's server-side TLS guidelines (intermediate profile, guidelines 5.7+/6.0)
// give for nginx: protocols, ciphers, server cipher preference, session timeout, cache and
// tickets, and HSTS. Directives the server block already holds are rewritten in place; missing
// ones are inserted after the block's last `ssl_*` directive (else first in the block), with its
// indentation. HSTS comes from the hsts-missing / hsts-weak fixes in a later round, because those
// respect nginx's all-or-nothing `add_header` inheritance (they copy the headers in effect).
import type { Diagnostic, Position, TextEdit } from '../../engine/types';
import { selectFirstFixEdits } from '../../engine/fixes';
import type { NginxModel, NginxServer } from './model';
import { parseNginx } from './parse';
import { MOZILLA_INTERMEDIATE } from './rules/ssl-ciphers-weak';
import { indentUnit, lineIndent, spanOf } from './rules/util';

/** The profile's directives, in the order the Mozilla generator writes them. */
export const MOZILLA_INTERMEDIATE_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['ssl_protocols', 'TLSv1.2 TLSv1.3'],
  ['ssl_ciphers', MOZILLA_INTERMEDIATE],
  ['ssl_prefer_server_ciphers', 'off'],
  ['ssl_session_timeout', '1d'],
  ['ssl_session_cache', 'shared:MozSSL:10m'],
  ['ssl_session_tickets', 'off'],
];

/** Rules whose findings the HSTS round applies (their first fix) inside the server. */
const HSTS_RULES = new Set(['nginx/hsts-missing', 'nginx/hsts-weak']);

/** Rules whose findings make a request on them offer the action for their server. */
export const TLS_PROFILE_RULES = new Set(['nginx/ssl-protocols-weak', 'nginx/ssl-ciphers-weak', 'nginx/ssl-session-tickets', ...HSTS_RULES]);

/** TLS server blocks of the file (`listen … ssl|quic`, or `ssl on;`), in file order. */
export function tlsServers(model: NginxModel): NginxServer[] {
  return model.servers.filter((s) => s.tls && s.block.open !== undefined);
}

/** The TLS server a position is in: on its `server` line, or inside its braces. Innermost wins. */
export function tlsServerAt(model: NginxModel, p: Position): { server: NginxServer; ordinal: number } | undefined {
  const offset = model.index.offsetAt(p);
  let found: { server: NginxServer; ordinal: number } | undefined;
  tlsServers(model).forEach((server, ordinal) => {
    const onKeyword = server.directive.line === p.line;
    const inside = offset >= server.block.innerStart && offset <= server.block.innerEnd;
    if (onKeyword || inside) found = { server, ordinal };
  });
  return found;
}

/** Edits that set the profile's directives in one server block; empty when they are all set. */
export function profileDirectiveEdits(model: NginxModel, server: NginxServer): TextEdit[] {
  const { index } = model;
  const block = server.block;
  const edits: TextEdit[] = [];
  const missing: string[] = [];
  for (const [name, value] of MOZILLA_INTERMEDIATE_DIRECTIVES) {
    const own = block.children.filter((c) => c.name === name);
    if (own.length === 0) {
      missing.push(`${name} ${value};`);
      continue;
    }
    // The last one is what nginx reads (a repeated directive is an error for most of these; the
    // others are left for nginx -t to point at).
    const d = own[own.length - 1]!;
    const written = d.args.map((a) => a.value).join(' ');
    if (written === value) continue;
    if (d.args.length === 0) {
      const at = d.nameRange.end;
      edits.push({ range: { start: at, end: at }, newText: ` ${value}` });
    } else edits.push({ range: spanOf(d.args), newText: value });
  }
  if (missing.length === 0) return edits;
  // After the last ssl_* directive of the block when it ends its line, else first in the block.
  const lastSsl = [...block.children].reverse().find((c) => c.name.startsWith('ssl_') && c.semicolon && !c.block);
  const eol = index.eol;
  if (lastSsl && lastSsl.line > (block.open?.end.line ?? -1)) {
    const indent = lineIndent(index, lastSsl.line);
    const endLine = lastSsl.semicolon!.end.line;
    const at = endLine + 1 < index.lineCount ? { line: endLine + 1, character: 0 } : undefined;
    if (at) edits.push({ range: { start: at, end: at }, newText: missing.map((m) => `${indent}${m}${eol}`).join('') });
    else {
      const end = index.positionAt(index.lineEnd(endLine));
      edits.push({ range: { start: end, end }, newText: missing.map((m) => `${eol}${indent}${m}`).join('') });
    }
    return edits;
  }
  const openEnd = block.open!.end;
  const first = block.children[0];
  const indent = first && first.line > openEnd.line ? lineIndent(index, first.line) : lineIndent(index, server.directive.line) + indentUnit(index);
  const rest = index.lineText(openEnd.line).slice(openEnd.character).trim();
  if (rest === '' || rest.startsWith('#')) {
    const at = openEnd.line + 1 < index.lineCount ? { line: openEnd.line + 1, character: 0 } : undefined;
    if (at) {
      edits.push({ range: { start: at, end: at }, newText: missing.map((m) => `${indent}${m}${eol}`).join('') });
      return edits;
    }
  }
  // `server { listen 443 ssl; … }` on one line: the directives go after the brace, each on a line,
  // and what followed the brace starts a line of its own (the space before it taken out).
  const after = index.lineText(openEnd.line).slice(openEnd.character);
  const gap = after.length - after.trimStart().length;
  const end = { line: openEnd.line, character: openEnd.character + (rest === '' ? 0 : gap) };
  edits.push({ range: { start: openEnd, end }, newText: missing.map((m) => `${eol}${indent}${m}`).join('') + (rest === '' ? '' : eol + indent) });
  return edits;
}

/**
 * One round of the action, for engine/fixes.ts fixRounds: first the directives, then the HSTS
 * fixes of the findings inside the server (the `ordinal`-th TLS server of the file: inserting
 * inside it never changes which one that is).
 */
export function tlsProfileRound(ordinal: number): (text: string, diagnostics: Diagnostic[]) => TextEdit[] {
  return (text, diagnostics) => {
    const model = parseNginx(text).model;
    const server = tlsServers(model)[ordinal];
    if (!server) return [];
    const edits = profileDirectiveEdits(model, server);
    if (edits.length > 0) return edits;
    const start = model.index.positionAt(server.directive.start);
    const end = model.index.positionAt(server.directive.end);
    const mine = diagnostics.filter(
      (d) => HSTS_RULES.has(d.rule) && d.fixes.length > 0 && d.range.start.line >= start.line && d.range.end.line <= end.line,
    );
    return selectFirstFixEdits(mine);
  };
}
