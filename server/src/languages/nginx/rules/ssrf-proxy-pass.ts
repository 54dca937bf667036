import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule } from '../../../engine/types';
import type { NginxBlock, NginxDirective, NginxModel } from '../model';
import { captureGroups, locationPattern } from './facts';
import { where } from './util';

export const meta = defineMeta({
  id: 'nginx/ssrf-proxy-pass',
  language: 'nginx',
  title: 'Request data chooses the proxy target (SSRF)',
  description:
    'The scheme, host or port of a proxy_pass (or fastcgi_pass, uwsgi_pass, grpc_pass) target comes from request-controlled variables: anyone can make nginx connect to internal services or cloud metadata endpoints.',
  severity: 'error',
  fix: 'none',
  sources: ['gixy ssrf', 'Gixy-Next: ssrf for fastcgi/uwsgi/scgi/grpc_pass', 'no seed passage'],
  peers: ['ssrf'],
  tags: ['security', 'CWE-918'],
  securitySeverity: '8.6',
});

const PASSES = ['proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'grpc_pass', 'scgi_pass'];

/** Variables the client controls (names compared lowercase: nginx variable names are case-insensitive). */
const REQUEST_VAR = /^(http_.+|arg_.+|cookie_.+|host|request_uri|uri|document_uri|args|query_string|request|request_body|remote_user|content_type)$/;
/** Variables whose value starts with "/": after a host they are the path. */
const PATH_VARS = new Set(['request_uri', 'uri', 'document_uri']);

interface Var {
  name: string;
  braced: boolean;
  start: number;
  end: number;
}

function variables(raw: string): Var[] {
  const out: Var[] = [];
  const re = /\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) out.push({ name: m[1] ?? m[2]!, braced: m[1] !== undefined, start: m.index, end: m.index + m[0].length });
  return out;
}

export const ssrfProxyPass: Rule<NginxModel> = {
  meta,
  check(model, ctx) {
    const out: Finding[] = [];
    const template = /\.template$/i.test(ctx.path);
    const tainted = taintedSets(model, template);
    for (const d of PASSES.flatMap((n) => model.named(n))) {
      const arg = d.args[0];
      if (!arg || d.parent.protocol === 'stream' || d.parent.protocol === 'mail') continue;
      const bad = hostVariables(d, arg.raw, template, tainted);
      if (bad.length === 0) continue;
      const base = arg.start;
      const first = bad[0]!;
      const last = bad[bad.length - 1]!;
      const names = [...new Set(bad.map((v) => arg.raw.slice(v.start, v.end)))];
      out.push({
        range: model.index.rangeOf(base + first.start, base + last.end),
        message: `${d.name}${where(d)} takes its target address from ${names.join(', ')}, which the client controls: anyone can make nginx connect to internal services or cloud metadata endpoints (SSRF).`,
      });
    }
    return out;
  },
};

/** Variables assigned with `set` from request data (followed through chains of `set`). */
function taintedSets(model: NginxModel, template: boolean): Set<string> {
  const tainted = new Set<string>();
  const sets = model.named('set').filter((d) => d.args.length >= 2 && d.args[0]!.value.startsWith('$'));
  for (let changed = true, guard = 0; changed && guard < 20; guard++) {
    changed = false;
    for (const s of sets) {
      const name = s.args[0]!.value.slice(1).replace(/^\{|\}$/g, '').toLowerCase();
      if (tainted.has(name)) continue;
      if (variables(s.args[1]!.raw).some((v) => isRequestVar(v, template, tainted) || /^\d+$/.test(v.name))) {
        tainted.add(name);
        changed = true;
      }
    }
  }
  return tainted;
}

function isRequestVar(v: Var, template: boolean, tainted: Set<string>): boolean {
  // envsubst placeholders of the official image's templates are filled from the environment.
  if (template && v.braced && /[A-Z]/.test(v.name)) return false;
  const n = v.name.toLowerCase();
  return REQUEST_VAR.test(n) || tainted.has(n);
}

/** The request-controlled variables in the scheme/host/port part of a pass target. */
function hostVariables(d: NginxDirective, raw: string, template: boolean, tainted: Set<string>): Var[] {
  const body = raw.replace(/^["']|["']$/g, '');
  const shift = raw.length > 0 && (raw[0] === '"' || raw[0] === "'") ? 1 : 0;
  // Where the authority ends: the first "/" after "scheme://" (fastcgi "unix:/x.sock" is all address).
  const schemeEnd = /^[^/]*?:\/\//.exec(body)?.[0].length ?? 0;
  const unix = /^unix:/i.test(body);
  let authorityEnd = unix ? body.length : body.indexOf('/', schemeEnd);
  if (authorityEnd < 0) authorityEnd = body.length;
  const captures = regexCaptures(d.parent);
  const out: Var[] = [];
  for (const v of variables(body)) {
    if (v.start >= authorityEnd) break;
    const n = v.name.toLowerCase();
    const hostBefore = body.slice(schemeEnd, v.start) !== '';
    if (PATH_VARS.has(n) && hostBefore) break;
    if (/^\d+$/.test(n)) {
      const group = captures?.[parseInt(n, 10) - 1];
      if (group === undefined) continue;
      // A capture that starts with "/" right after a host is the path.
      if (group && hostBefore && group.startsWith('/')) break;
      out.push({ ...v, start: v.start + shift, end: v.end + shift });
      continue;
    }
    const named = captures?.namedFrom?.has(n);
    if (isRequestVar(v, template, tainted) || named) out.push({ ...v, start: v.start + shift, end: v.end + shift });
  }
  return out;
}

type Captures = string[] & { namedFrom?: Set<string> };

/** Capture group bodies of the regex that sets $1… here: the nearest regex location, or an `if (… ~ …)`. */
function regexCaptures(block: NginxBlock): Captures | undefined {
  for (let b: NginxBlock | undefined = block; b; b = b.parent) {
    const owner = b.owner;
    if (!owner) break;
    let source: string | undefined;
    if (owner.name === 'if') {
      const op = owner.args.findIndex((a) => /^!?~\*?$/.test(a.value.replace(/^\(/, '')));
      if (op >= 0) source = owner.args[op + 1]?.value.replace(/\)$/, '');
    } else if (owner.name === 'location') {
      const p = locationPattern(owner);
      if (p?.regex) source = p.path;
      else if (p) return undefined;
    }
    if (source !== undefined) {
      const groups = captureGroups(source);
      const out: Captures = groups.map((g) => g.body);
      out.namedFrom = new Set(groups.filter((g) => g.name).map((g) => g.name!.toLowerCase()));
      return out;
    }
  }
  return undefined;
}
