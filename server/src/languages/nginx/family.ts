// The module family of a fragment's servers when no includer says which block includes it. A
// `stream.d/pg.conf` holding `server { listen 5432; proxy_pass backend; ssl_preread on; }` is a
// TCP proxy: judging it as an http server reports clickjacking on a Postgres port. Its content
// tells: directives nginx only knows in stream (or mail) modules, `listen … udp`, and a
// `proxy_pass` without a scheme (http's always has one). Mixed or absent evidence keeps http, as
// before; a `stream.d/`-like folder only decides a server whose content says nothing either way.
import type { NginxBlock, NginxDirective, NginxModel, Protocol } from './model';
import { basename, dirname } from './includes';
import { directiveEntries } from './reference/index';

/** Folders that hold stream fragments by convention. */
const STREAM_FOLDERS = new Set(['stream.d', 'stream-enabled', 'streams']);

/** What one directive says about its server's family: `http`, not http (stream or mail, by the reference), or nothing. */
function evidence(d: NginxDirective): ReadonlySet<Protocol> | 'http' | undefined {
  if (d.name === 'listen') return d.args.some((a) => a.value === 'udp') ? new Set(['stream']) : undefined;
  if (d.name === 'proxy_pass') {
    const target = d.args[0]?.value ?? '';
    // A variable may hold a scheme; http's proxy_pass always names one (`http://`, `https://`).
    if (target === '' || target.startsWith('$')) return undefined;
    return target.includes('://') ? 'http' : new Set(['stream']);
  }
  const families = new Set(directiveEntries(d.name).map((e) => e.family).filter((f) => f !== 'core'));
  if (families.size === 0) return undefined; // core, or unknown to the reference (third-party)
  if (families.has('http')) return families.size === 1 ? 'http' : undefined;
  return families as ReadonlySet<Protocol>;
}

/** The family a server block's content implies: stream or mail when only such evidence is there, undefined otherwise. */
function serverFamily(block: NginxBlock, streamFolder: boolean): Protocol | undefined {
  let http = false;
  let other: Set<Protocol> | undefined;
  const stack = [...block.children];
  while (stack.length > 0) {
    const d = stack.pop()!;
    const e = evidence(d);
    if (e === 'http') http = true;
    else if (e) other = other ? new Set([...other].filter((f) => e.has(f))) : new Set(e);
    if (d.block && d.block.kind !== 'hash' && d.block.kind !== 'lua') stack.push(...d.block.children);
  }
  if (http) return undefined;
  if (!other) return streamFolder ? 'stream' : undefined;
  // proxy_timeout is stream's and mail's: stream unless the evidence excludes it.
  return other.has('stream') || other.size === 0 ? 'stream' : 'mail';
}

export interface InferredFamilies {
  /** The family of the file's top level: set when every server of the file says the same non-http family. */
  top?: Protocol;
  /** Servers whose content says stream or mail (the others keep the top level's family). */
  servers: ReadonlyMap<NginxBlock, Protocol>;
}

/** The families a fragment without a known includer implies through its servers' content (and its folder). */
export function inferFamilies(model: NginxModel, path: string): InferredFamilies {
  return model.memo('inferFamilies:' + path, () => {
    const streamFolder = STREAM_FOLDERS.has(basename(dirname(path)));
    const servers = new Map<NginxBlock, Protocol>();
    for (const s of model.servers) {
      const f = serverFamily(s.block, streamFolder);
      if (f) servers.set(s.block, f);
    }
    const families = new Set(servers.values());
    const top = servers.size > 0 && servers.size === model.servers.length && families.size === 1 ? [...families][0] : undefined;
    return { top, servers };
  });
}
