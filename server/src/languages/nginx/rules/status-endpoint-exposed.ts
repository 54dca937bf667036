import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import type { Finding, Fix, Rule, RuleContext } from '../../../engine/types';
import type { NginxBlock, NginxDirective, NginxModel } from '../model';
import { aclRestricts, canInsertFirst, inherited, insertAfter, insertFirst, isEveryone, locationMatches, locationPattern, loopbackOnly, serverOf } from './facts';

export const meta = defineMeta({
  id: 'nginx/status-endpoint-exposed',
  language: 'nginx',
  title: 'Status or metrics endpoint open to everyone',
  description:
    'stub_status, the nginx Plus api, or a /metrics, /status, /nginx_status or /server-status location is reachable by any client on a public listener: it leaks traffic figures and internals, and the api can even change the configuration.',
  severity: 'error',
  fix: 'safe',
  sources: ['H: "Metrics endpoint restricted to internal networks only"', 'gixy status_page_exposed'],
  peers: ['status_page_exposed'],
  tags: ['security', 'CWE-200', 'CWE-284'],
  securitySeverity: '7.5',
});

const STATUS_PATHS = ['/metrics', '/status', '/nginx_status', '/server-status', '/stub_status', '/basic_status'];

/** What a location exposes, or undefined when it is not a status endpoint. */
function exposes(loc: NginxDirective): string | undefined {
  const kids = loc.block!.children;
  if (kids.some((c) => c.name === 'stub_status')) return 'the stub_status page';
  if (kids.some((c) => c.name === 'api')) return 'the nginx Plus API';
  const p = locationPattern(loc);
  if (!p || p.modifier === '@') return undefined;
  if (p.regex) {
    const hit = STATUS_PATHS.find((s) => p.path.includes(s.slice(1)) && locationMatches(p, s));
    return hit ? `the ${hit} endpoint` : undefined;
  }
  const path = p.path.replace(/(?<!\/)\/+$/, '').toLowerCase();
  return STATUS_PATHS.includes(path) ? `the ${path} endpoint` : undefined;
}

/** A directive of this file (not one read from an included file). */
function inFile(model: NginxModel, d: NginxDirective): boolean {
  let b = d.parent;
  while (b.parent) b = b.parent;
  return b === model.root;
}

export const statusEndpointExposed: Rule<NginxModel> = {
  meta,
  check(model, ctx) {
    const out: Finding[] = [];
    for (const loc of model.named('location')) {
      if (!loc.block || loc.block.protocol === 'stream' || loc.block.protocol === 'mail') continue;
      const what = exposes(loc);
      if (what) judge(model, ctx, loc.block, loc, what, out);
    }
    // stub_status straight in a server block: the whole server is the status page.
    for (const d of model.named('stub_status')) {
      if (d.parent.kind === 'server') judge(model, ctx, d.parent, d, 'the stub_status page', out);
    }
    return out;
  },
};

function judge(model: NginxModel, ctx: RuleContext, block: NginxBlock, anchor: NginxDirective, what: string, out: Finding[]): void {
  if (loopbackOnly(serverOf(model, block))) return;
  if (block.children.some((c) => c.name === 'internal')) return;
  for (const name of ['auth_basic', 'auth_request', 'auth_jwt']) {
    const d = inherited(model, ctx, block, [name], false).directives[0];
    if (d && d.args[0]?.value.toLowerCase() !== 'off') return;
  }
  const acl = inherited(model, ctx, block, ['allow', 'deny'], true);
  if (aclRestricts(acl.directives)) return;
  const openAllow = acl.directives.find((d) => d.name === 'allow' && isEveryone(d.args[0]?.value.toLowerCase()));
  // An allow list with no deny at all is nginx/allow-without-deny's finding (its fix closes it).
  if (!openAllow && acl.directives.some((d) => d.name === 'allow') && !acl.directives.some((d) => d.name === 'deny')) return;
  // An unreadable include may restrict it; an unknown includer (fragment) rarely does at the http level.
  if (!openAllow && acl.unknownInclude) return;
  const locLabel = `location "${anchor.args.map((a) => a.value).join(' ')}"`;
  // Path-based endpoints are named by their location; stub_status and api by the directive.
  const byPath = what.startsWith('the /');
  const subject = byPath ? locLabel : anchor.name === 'location' ? `${what} in ${locLabel}` : `${what} in this server`;
  const Thing = subject.charAt(0).toUpperCase() + subject.slice(1);
  const risk =
    what === 'the nginx Plus API'
      ? 'it reports upstreams and, with write=on, lets anyone change them'
      : byPath
        ? 'metrics and status pages reveal internals and traffic figures that help attackers map and time their attacks'
        : 'its connection and request counts help attackers map and time their attacks';
  if (openAllow && openAllow.parent === block && inFile(model, openAllow)) {
    out.push({
      range: { start: openAllow.nameRange.start, end: model.index.positionAt(openAllow.end) },
      message: `"allow ${openAllow.args[0]!.value}" opens ${subject} to every client: ${risk}.`,
      lazyFixes: { best: 'safe', make: () => [allowAllFix(model, acl.directives, openAllow)] },
    });
    return;
  }
  const edit = anchor.name === 'location' && canInsertFirst(block) ? () => [insertFirst(model.index, block, ['allow 127.0.0.1;', 'deny all;'])!] : undefined;
  out.push({
    range: anchor.nameRange,
    message: openAllow
      ? `${Thing} is open to every client ("allow ${openAllow.args[0]!.value}" is in effect): ${risk}.`
      : `${Thing} is reachable by every client (no allow/deny list or authentication): ${risk}.`,
    lazyFixes: plannedFix('safe', 'Restrict it to localhost ("allow 127.0.0.1; deny all;")', edit),
  });
}

/** `allow all` becomes `allow 127.0.0.1`, followed by `deny all;` unless one already follows. */
function allowAllFix(model: NginxModel, acl: NginxDirective[], open: NginxDirective): Fix {
  const arg = open.args[0]!;
  const edits = [{ range: arg.range, newText: '127.0.0.1' }];
  const after = acl.slice(acl.indexOf(open) + 1);
  if (!after.some((d) => d.name === 'deny' && isEveryone(d.args[0]?.value.toLowerCase()))) edits.push(insertAfter(model.index, open, ['deny all;']));
  return { title: 'Allow only localhost ("allow 127.0.0.1; deny all;")', kind: 'safe', edits };
}
