import { defineMeta } from '../../../engine/meta';
import type { Finding, LazyFixes, Rule, RuleContext, TextEdit } from '../../../engine/types';
import { plannedFix } from '../../../engine/fix-plans';
import type { NginxBlock, NginxDirective, NginxModel } from '../model';
import { aclRestricts, canInsertFirst, inherited, insertAfter, insertBefore, insertFirst, isEveryone, isInternalAddress, levelDirectives, locationPattern, loopbackOnly, serverOf, type LevelView } from './facts';
import { includerProtocolLevel, protocolBlock, zoneDefinition } from './zones';
import { basename } from '../includes';

export const meta = defineMeta({
  id: 'nginx/rate-limit-missing',
  language: 'nginx',
  title: 'Proxied location without rate limiting',
  description:
    'A location that passes requests to a backend (proxy_pass, fastcgi_pass, uwsgi_pass, grpc_pass) has no limit_req in effect: one client can send unlimited requests, for brute force, scraping or denial of service.',
  severity: 'warning',
  fix: 'suggest',
  sources: [
    'H: "API rate limiting: 10 req/s with burst=50"',
    'H: "UI rate limiting: 5 req/s with burst=20"',
    'H: "Separate zones for different endpoints"',
    'M: "Rate limiting per IP/user" (coming soon)',
  ],
  peers: [],
  tags: ['security', 'CWE-770', 'CWE-307'],
  securitySeverity: '5.3',
  precision: 'medium',
});

const PASSES = ['proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'grpc_pass'];

const PROFILES = {
  api: { zone: 'api', limit: 'limit_req zone=api burst=50 nodelay;', define: 'limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;', rate: '10 requests/s' },
  ui: { zone: 'ui', limit: 'limit_req zone=ui burst=20;', define: 'limit_req_zone $binary_remote_addr zone=ui:10m rate=5r/s;', rate: '5 requests/s' },
} as const;

/** The pass directive of a location: its own, or one inside its `if`/`limit_except` blocks (not nested locations). */
function passOf(block: NginxBlock): NginxDirective | undefined {
  for (const c of block.children) {
    if (PASSES.includes(c.name)) return c;
    if (c.block && (c.block.kind === 'if' || c.block.kind === 'limit_except')) {
      const inner = passOf(c.block);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** The host part of a pass target (`http://api_backend/x` → `api_backend`). */
function targetHost(target: string): string {
  return target.replace(/^[a-z]+:\/\//i, '').split('/')[0] ?? '';
}

export const rateLimitMissing: Rule<NginxModel> = {
  meta,
  check(model, ctx) {
    const out: Finding[] = [];
    const limited = (b: NginxBlock) => inherited(model, ctx, b, ['limit_req'], true);
    const zonesAdded = new Map<string, string>();
    for (const loc of model.named('location')) {
      const block = loc.block;
      if (!block || block.protocol === 'stream' || block.protocol === 'mail') continue;
      const pass = passOf(block);
      const p = locationPattern(loc);
      if (!pass || !p || !pass.args[0]) continue;
      if (block.children.some((c) => c.name === 'internal')) continue;
      if (loopbackOnly(serverOf(model, block))) continue;
      const lim = limited(block);
      if (lim.directives.length > 0 || lim.unknownInclude) continue;
      // A named location is reached through try_files/error_page of locations that may limit.
      if (p.modifier === '@') {
        const callers = model.named('location').filter((l) => l.block && l !== loc && refersTo(l.block, p.path));
        if (callers.length > 0 && callers.every((l) => limited(l.block!).directives.length > 0)) continue;
      }
      const acl = inherited(model, ctx, block, ['allow', 'deny'], true);
      if (internalOnly(acl.directives)) continue;

      const target = pass.args[0].value;
      // The backend as people name it: scheme, host and path; a query or user info may hold a token.
      const shown = target.replace(/^([a-z][a-z0-9+.\-]*:\/\/)[^/@\s]*@/i, '$1').replace(/[?#].*$/, '');
      const kind = /api/i.test(p.path) || /api/i.test(targetHost(target)) ? 'api' : 'ui';
      const label = `location "${loc.args.map((a) => a.value).join(' ')}"`;
      out.push({
        range: loc.nameRange,
        message: `${label} passes requests to "${shown}" with no limit_req in effect: one client can send unlimited requests to the backend (brute force, scraping, denial of service).`,
        lazyFixes: fixFor(model, ctx, block, kind, label, zonesAdded),
      });
    }
    return out;
  },
};

function refersTo(block: NginxBlock, name: string): boolean {
  return block.children.some(
    (c) => (c.name === 'try_files' || c.name === 'error_page') && c.args[c.args.length - 1]?.value === name,
  );
}

/** allow/deny that let only loopback, private or unix clients in. */
function internalOnly(acl: NginxDirective[]): boolean {
  if (!aclRestricts(acl)) return false;
  for (const d of acl) {
    const v = d.args[0]?.value.toLowerCase();
    if (isEveryone(v)) return true;
    if (d.name === 'allow' && !isInternalAddress(v ?? '')) return false;
  }
  return true;
}

/** Where a location's zone is defined: the level that must hold it, how to add it there (when this file can), and the words for the title. */
interface ZoneHome {
  view: LevelView;
  /** The edit defining the zone there, built when called; undefined when that level is in another file (or has no place for it). */
  define?: (statement: string) => (() => TextEdit) | undefined;
  /** `in the http block`, `at the top of this file (…)`, or the other file's level. */
  place: string;
}

/** An edit adding a statement after the level's last limit_req_zone, if it has one (zones stay together). */
function afterLastZone(model: NginxModel, level: NginxBlock, statement: string): (() => TextEdit) | undefined {
  const lastZone = [...level.children].reverse().find((d) => d.name === 'limit_req_zone');
  return lastZone && (() => insertAfter(model.index, lastZone, [statement]));
}

function zoneHome(model: NginxModel, ctx: RuleContext, block: NginxBlock): ZoneHome | undefined {
  const top = model.httpKnown ? protocolBlock(model, block) : undefined;
  if (top) {
    return {
      view: levelDirectives(ctx, model, top),
      define: (s) => afterLastZone(model, top, s) ?? (canInsertFirst(top) ? () => insertFirst(model.index, top, [s])! : undefined),
      place: `in the ${top.kind} block`,
    };
  }
  // A fragment: its includer's http block defines zones. When the fragment is included right at
  // that level, its own top level is inside http and may hold the definition (a real, one-file fix).
  const inc = includerProtocolLevel(ctx, model);
  if (!inc || inc.block.kind !== 'http') return undefined;
  if (!inc.atTop) return { view: inc.view, place: `in the http block of ${basename(inc.main)}` };
  const root = model.root;
  const first = root.children[0];
  return {
    view: inc.view,
    define: (s) => afterLastZone(model, root, s) ?? (first && (() => insertBefore(model.index, first, [s]))),
    place: 'at the top of this file (its includer reads it in the http block)',
  };
}

function fixFor(model: NginxModel, ctx: RuleContext, block: NginxBlock, kind: 'api' | 'ui', label: string, zonesAdded: Map<string, string>): LazyFixes | undefined {
  const prof = PROFILES[kind];
  if (!canInsertFirst(block)) return undefined;
  const limitEdit = () => insertFirst(model.index, block, [prof.limit])!;
  const only = (title: string): LazyFixes => plannedFix('suggest', title, () => [limitEdit()])!;
  // The zone's home and whether some finding's fix defines it are decided now (from the includer's levels too).
  const home = zoneHome(model, ctx, block);
  if (!home) return only(`Add "${prof.limit}" (define zone "${prof.zone}" with limit_req_zone in the http block)`);
  const defs = home.view.directives.map((d) => zoneDefinition(undefined, d));
  if (defs.some((z) => z?.kind === 'limit_req' && z.name === prof.zone)) return only(`Add "${prof.limit}"`);
  if (home.view.unknown) return only(`Add "${prof.limit}" (define zone "${prof.zone}" with limit_req_zone in the http block unless an included file does)`);
  // The level is in another file: say exactly what nginx needs there, or it refuses to start.
  if (!home.define) return only(`Add "${prof.limit}" (and define the zone ${home.place}: "${prof.define}")`);
  const by = zonesAdded.get(prof.zone);
  // One definition per file: the first location's fix carries it, so fixing all of them stays valid.
  if (by) return only(`Add "${prof.limit}" (the fix for ${by} defines zone "${prof.zone}")`);
  zonesAdded.set(prof.zone, label);
  const zoneEdit = home.define(prof.define);
  if (!zoneEdit) return only(`Add "${prof.limit}"`);
  return plannedFix('suggest', `Add "${prof.limit}" and define zone "${prof.zone}" (${prof.rate} per client) ${home.place}`, () => [zoneEdit(), limitEdit()]);
}
