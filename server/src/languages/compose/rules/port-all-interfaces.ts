import { defineMeta } from '../../../engine/meta';
import type { Finding, LazyFixes, Range, Rule } from '../../../engine/types';
import type { ComposeModel } from '../model';
import { scalarText } from '../tree';
import { exactSource, subRange, type Part, type PortSpec, type ServiceView } from '../view';
import { projectView } from '../project';
import { planMapKey, type EditPlan } from '../edits';
import { fromBaseFile, listItemFixes, listItemSite, originRelated } from './shared';

export const meta = defineMeta({
  id: 'compose/port-all-interfaces',
  language: 'compose',
  title: 'Port published on all host interfaces',
  description:
    'A published port with no host address (or 0.0.0.0, ::) is reachable from every network the host is on, and Docker\'s own iptables rules bypass host firewalls such as ufw. Reported for admin and data ports on any service, and for every port of a service that is not the public reverse proxy.',
  severity: 'warning',
  fix: 'suggest',
  sources: [
    'M: "Restrict Mist API (8080) and Traefik dashboard (8081) to localhost"',
    'M: "Mist API (8080) and Traefik dashboard (8081) restricted to localhost or specific IPs"',
    'dclint: no-unbound-port-interfaces',
    'KICS: Container Traffic Not Bound To Host Interface (451d79dc)',
    'compose-lint CL-0005',
    'CIS Docker Benchmark 5.14',
  ],
  peers: ['CL-0005', 'no-unbound-port-interfaces'],
  tags: ['security', 'CWE-668', 'CWE-1327'],
  securitySeverity: '5.5',
});

/** Ports that should never face the network, with what usually listens there. */
export const ADMIN_PORTS = new Map<number, string>([
  [8080, 'admin and API: Mist, Traefik'],
  [8081, 'admin: Traefik dashboard'],
  [2375, 'Docker API without TLS'],
  [2376, 'Docker API'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [6379, 'Redis'],
  [27017, 'MongoDB'],
  [9200, 'Elasticsearch'],
  [9090, 'Prometheus'],
  [11211, 'Memcached'],
  [5984, 'CouchDB'],
  [9000, 'admin: Portainer, MinIO, PHP-FPM'],
  [15672, 'RabbitMQ management'],
]);

/** Image names (the last path component) of reverse proxies meant to face the network. */
const PROXY_IMAGES = new Set(['traefik', 'nginx', 'caddy', 'haproxy', 'envoy', 'nginx-proxy', 'nginx-unprivileged']);
const WEB_PORTS = new Set([80, 443]);

/** `8000` or `8000-8010` → [from, to]; undefined when not a port number or range. */
export function portRange(text: string | undefined): [number, number] | undefined {
  const m = /^\s*(\d{1,5})(?:\s*-\s*(\d{1,5}))?\s*$/.exec(text ?? '');
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  return a <= b ? [a, b] : [b, a];
}

/** True for the unspecified address however it is written: `0.0.0.0`, `::`, `::0`, `0:0:…:0`, `::ffff:0.0.0.0`, or empty. */
export function isWildcardAddress(ip: string): boolean {
  const s = ip.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (s === '') return true;
  if (/^0+(?:\.0+){3}$/.test(s)) return true;
  if (s.includes(':') && /^[0:]+$/.test(s)) return true;
  return /^[0:]*:ffff:0+(?:\.0+){3}$/.test(s);
}

function adminPortIn(p: Part | undefined): number | undefined {
  const r = portRange(p?.text);
  if (!r) return undefined;
  for (const port of ADMIN_PORTS.keys()) if (port >= r[0] && port <= r[1]) return port;
  return undefined;
}

/** A port published on every host interface: no address, an empty one, or the wildcard. */
function onAllInterfaces(p: PortSpec): boolean | undefined {
  if (!p.hostIp) return true;
  if (p.hostIp.text === undefined) return undefined;
  return isWildcardAddress(p.hostIp.text);
}

type ProxyState = 'yes' | 'no' | 'unknown';

/**
 * Whether a service is the public reverse proxy: its image is a known proxy, or every port it
 * publishes on all interfaces (admin ports aside) is 80 or 443.
 */
function proxyState(svc: ServiceView, wide: PortSpec[]): ProxyState {
  const img = svc.image;
  if (img?.name !== undefined) {
    const base = img.name.slice(img.name.lastIndexOf('/') + 1).toLowerCase();
    if (PROXY_IMAGES.has(base)) return 'yes';
  }
  // An image Rampart cannot read might be a proxy's: then only the ports can say "yes".
  const imageUnknown = img !== undefined && img.text === undefined;
  const byPorts = proxyByPorts(wide);
  return imageUnknown && byPorts === 'no' ? 'unknown' : byPorts;
}

function proxyByPorts(wide: PortSpec[]): ProxyState {
  let unknown = false;
  for (const p of wide) {
    if (adminPortIn(p.published) !== undefined || adminPortIn(p.target) !== undefined) continue;
    const pub = p.published;
    // No host port (or an empty one): Docker picks a random one, which is not 80/443.
    if (!pub || pub.text === '') return 'no';
    const r = portRange(pub.text);
    if (!r) {
      unknown = true;
      continue;
    }
    if (r[0] !== r[1] || !WEB_PORTS.has(r[0])) return 'no';
  }
  return unknown ? 'unknown' : 'yes';
}

export const portAllInterfaces: Rule<ComposeModel> = {
  meta,
  check(model, ctx) {
    // The effective ports (and network_mode, image) across override files, `extends` and
    // `include`; each port is reported in the file that writes it.
    const view = projectView(model, ctx);
    const out: Finding[] = [];
    for (const svc of view.services) {
      // With the host's network stack there is nothing to publish (Compose rejects ports there).
      if (svc.networkMode?.text === 'host') continue;
      const wide = svc.ports.filter((p) => onAllInterfaces(p) === true);
      if (wide.length === 0) continue;
      let proxy: ProxyState | undefined;
      for (const p of wide) {
        // From a base in another file: reported at this service's `extends` key. No fix: ports
        // append across `extends`, so this service cannot take the base's port back.
        const b = p.file !== undefined ? fromBaseFile(svc, p) : undefined;
        if (p.file !== undefined && !b) continue;
        const admin = adminPortIn(p.published) ?? adminPortIn(p.target);
        if (admin === undefined) {
          proxy ??= proxyState(svc, wide);
          if (proxy !== 'no') continue;
        }
        if (b) {
          out.push({ range: b.range, message: message(model, svc, p, admin, b.note), related: b.related });
          continue;
        }
        out.push({
          range: rangeOf(p),
          message: message(model, svc, p, admin),
          related: originRelated(svc.name, p),
          lazyFixes: fixes(model, svc, p),
        });
      }
    }
    return out;
  },
};

function describe(p: PortSpec): string {
  const proto = p.protocol === 'tcp' ? '' : `/${p.protocol}`;
  const pub = p.published?.text;
  const target = p.target?.text ?? '?';
  if (pub === undefined && p.published) return `container port ${target}${proto}`;
  if (!pub) return `container port ${target}${proto} on a random host port`;
  const range = pub.includes('-') ? 'ports' : 'port';
  return `${range} ${pub}${proto}`;
}

/** The host address as written (brackets included), for messages and fixes. */
function hostIpSource(model: ComposeModel, p: PortSpec): string {
  const ip = p.hostIp!;
  if (!ip.exact) return ip.raw;
  return model.index.text.slice(model.index.offsetAt(ip.range.start), model.index.offsetAt(ip.range.end));
}

/** `baseNote`: the provenance of a port from a base in another file (see fromBaseFile). */
function message(model: ComposeModel, svc: ServiceView, p: PortSpec, admin: number | undefined, baseNote?: string): string {
  const ip = p.hostIp;
  // (Another file's port: its text is not in this model.)
  const shownIp = ip && (p.syntax === 'short' && ip.raw === ip.text && baseNote === undefined ? hostIpSource(model, p) : ip.text);
  const where = ip ? `on "${shownIp}", which is every host interface` : 'on every host interface';
  const anchor = [...p.via].reverse().find((x) => x.anchor)?.anchor;
  const inh = p.layer?.inherited?.kind === 'extends' ? `inherited from service "${p.layer.inherited.service}" through extends` : undefined;
  const merged = p.via.length > 0 ? (anchor ? `merged from "*${anchor}"` : 'merged with "<<"') : undefined;
  const from = baseNote ?? (inh || merged ? ` (${[inh, merged].filter((x) => x).join('; ')})` : '');
  const head = `Service "${svc.name}" publishes ${describe(p)} ${where}${from}`;
  if (admin !== undefined) {
    return `${head}: port ${admin} (${ADMIN_PORTS.get(admin)}) should only be reachable from the host, and Docker's published ports bypass host firewalls such as ufw.`;
  }
  return `${head}: only the public reverse proxy should face the network, and Docker's published ports bypass host firewalls such as ufw.`;
}

/** The wildcard address when written, else the published part, else the item (a long item's `target`). */
function rangeOf(p: PortSpec): Range {
  if (p.hostIp?.exact && p.hostIp.raw !== '') return p.hostIp.range;
  if (p.published && p.published.raw !== '' && (p.syntax === 'long' || p.published.exact)) return p.published.range;
  if (p.syntax === 'long' && p.target) return p.target.range;
  return p.range;
}

function fixes(model: ComposeModel, svc: ServiceView, p: PortSpec): LazyFixes | undefined {
  const edit = bindEdit(model, p);
  if (!edit) return undefined;
  const site = listItemSite(model, svc, 'ports', p.node);
  const title = () => {
    const pub = p.published?.text;
    const what = pub ? `${pub.includes('-') ? 'ports' : 'port'} ${pub}` : `container port ${p.target?.text ?? ''}`;
    return `Bind ${what} of service "${svc.name}" to ${loopbackFor(p)}`;
  };
  return listItemFixes(model, svc, 'ports', site, () => [edit()], title);
}

/** `::1` for an IPv6 wildcard (the address family is kept), `127.0.0.1` otherwise. */
function loopbackFor(p: PortSpec): string {
  return p.hostIp?.text?.includes(':') ? '::1' : '127.0.0.1';
}

function bindEdit(model: ComposeModel, p: PortSpec): EditPlan | undefined {
  const lo = loopbackFor(p);
  const node = p.node;
  if (p.syntax === 'long') {
    if (node.kind !== 'map') return undefined;
    const e = node.byKey.get('host_ip');
    if (e) {
      const v = e.value;
      if (v.kind !== 'scalar' || e.via.length > 0 || (scalarText(v) ?? '').includes('$')) return undefined;
      return () => {
        const raw = scalarText(v) ?? '';
        const { range, exact } = subRange(model, v, 0, raw.length);
        return exact && raw !== '' ? { range, newText: lo } : { range: v.range, newText: JSON.stringify(lo) };
      };
    }
    return planMapKey(model, node, 'host_ip', () => ({ lines: [], inline: '127.0.0.1', flowValue: '127.0.0.1' }));
  }
  if (node.kind !== 'scalar') return undefined;
  const ip = p.hostIp;
  if (ip) {
    if (ip.raw.includes('$') || !ip.exact) return undefined;
    return () => ({ range: ip.range, newText: hostIpSource(model, p).startsWith('[') ? `[${lo}]` : lo });
  }
  if (!exactSource(node)) return undefined;
  return () => {
    const raw = scalarText(node) ?? '';
    const { range } = subRange(model, node, 0, 0);
    // `"3000"` and `3000-3005` publish on a random host port: keep it random, on loopback only.
    const prefix = p.published ? '127.0.0.1:' : '127.0.0.1::';
    // A YAML number (`- 3000`) becomes a quoted string; strings keep their style.
    if (typeof node.value === 'number') return { range: node.range, newText: `"${prefix}${raw}"` };
    return { range, newText: prefix };
  };
}
