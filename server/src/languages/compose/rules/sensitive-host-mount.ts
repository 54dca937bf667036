import { defineMeta } from '../../../engine/meta';
import type { Finding, LazyFixes, Rule } from '../../../engine/types';
import type { ComposeModel } from '../model';
import { interpolate } from '../interpolate';
import type { Part, ServiceView, VolumeSpec } from '../view';
import { projectView } from '../project';
import { planMapKey, type EditPlan } from '../edits';
import { fromBaseFile, listItemFixes, listItemSite, originRelated } from './shared';

export const meta = defineMeta({
  id: 'compose/sensitive-host-mount',
  language: 'compose',
  title: 'Sensitive host path mounted into a service',
  description:
    'A bind mount of the host root, /etc, /root, /boot, /proc, /sys, /dev, /var/lib/docker, /home, the home directory, SSH keys, sudoers or password hashes: a writable mount hands the host to the container, and for the root filesystem, root\'s home, SSH keys, password hashes and Docker\'s data even a read-only one leaks what an attacker needs.',
  severity: 'error',
  fix: 'suggest',
  sources: [
    'M: "Access to the Docker socket = root-level access to the host system. The user running Mist can: … Mount host filesystem … Escape container isolation"',
    'KICS: Volume Has Sensitive Host Directory (1c1325ff)',
    'compose-lint CL-0013 (sensitive host path), CL-0025 (root-equivalent path mounted writable)',
    'CIS Docker Benchmark 5.6',
  ],
  peers: ['CL-0013', 'CL-0025'],
  tags: ['security', 'CWE-668', 'CWE-250'],
  securitySeverity: '8.5',
});

interface Sensitive {
  /** What the path is, for the message. */
  what: string;
  /** What a writable mount allows. */
  rw: string;
  /** Set when `:ro` does not make the mount acceptable: what a read-only mount still exposes. */
  ro?: string;
}

const HOMES: Sensitive = {
  what: '',
  rw: 'a process in the container can plant SSH keys or shell start-up files and run code as those users on the host',
};
const SSH_KEYS: Sensitive = {
  what: 'where SSH keys live',
  rw: 'a process in the container can add authorized keys and log in to the host',
  ro: 'even read-only it exposes the private keys',
};
const SHADOW: Sensitive = {
  what: "the host's password hashes",
  rw: "a process in the container can reset any user's password, root's included",
  ro: 'even read-only it exposes the hashes to offline cracking',
};

/** Paths reported only when mounted themselves (not their subdirectories). */
const EXACT = new Map<string, Sensitive>([
  ['/', {
    what: "the host's root filesystem",
    rw: 'a process in the container can rewrite any file on the host, which is a full host takeover',
    ro: 'even read-only it exposes every file on the host, password hashes and private keys included',
  }],
  ['/etc', { what: "the host's configuration", rw: 'a process in the container can add users, sudo rules or cron jobs and take over the host' }],
  ['/root', {
    what: "root's home directory",
    rw: "a process in the container can plant SSH keys or shell start-up files and run code as root on the host",
    ro: "even read-only it exposes root's SSH keys, shell history and credentials",
  }],
  ['/boot', { what: "the host's kernel and boot loader", rw: 'a process in the container can replace the kernel or initramfs with a rootkit that survives reboots' }],
  ['/proc', { what: "the host's processes and kernel settings", rw: "a process in the container can change kernel settings (core_pattern runs a program of its choice as root on the host)" }],
  ['/sys', { what: "the host's kernel, device and cgroup interfaces", rw: 'a process in the container can reconfigure the kernel, devices and cgroups of the host' }],
  ['/dev', { what: "every host device", rw: "a process in the container can read and write the host's disks and memory" }],
  ['/var/lib/docker', {
    what: "Docker's data directory",
    rw: "a process in the container can tamper with every other container's filesystem, volumes and images",
    ro: "even read-only it exposes every container's files, volumes and secrets",
  }],
  ['/home', { ...HOMES, what: "every user's home directory" }],
  ['~', { ...HOMES, what: 'the home directory of the user who runs Compose' }],
]);

/** Paths reported with everything under them. `prefix` also matches names that start with it. */
const UNDER: Array<{ path: string; prefix?: boolean; s: Sensitive }> = [
  { path: '/etc/ssh', s: { what: "the host's SSH server configuration and host keys", rw: 'a process in the container can allow root logins or swap the host keys' } },
  { path: '/etc/sudoers', prefix: true, s: { what: "the host's sudo rules", rw: 'a process in the container can grant any user password-less root' } },
  { path: '/etc/shadow', prefix: true, s: SHADOW },
  { path: '/etc/gshadow', prefix: true, s: SHADOW },
  { path: '/root/.ssh', s: { ...SSH_KEYS, what: "where root's SSH keys live" } },
  { path: '~/.ssh', s: SSH_KEYS },
];

/** Never reported: the usual way to share the host's clock settings. */
const HARMLESS = new Set(['/etc/localtime', '/etc/timezone']);

/**
 * A host path with `.`, `..`, repeated and trailing slashes resolved; `~` stays `~`. Undefined for
 * relative and Windows paths (they depend on where the project is checked out) and for `~/..`.
 */
export function normaliseHostPath(p: string): string | undefined {
  let home = false;
  let rest: string;
  if (p === '~' || p.startsWith('~/')) {
    home = true;
    rest = p.slice(1);
  } else if (p.startsWith('/')) rest = p;
  else return undefined;
  const out: string[] = [];
  for (const seg of rest.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0 && home) return undefined;
      out.pop();
      continue;
    }
    out.push(seg);
  }
  if (home) return out.length === 0 ? '~' : `~/${out.join('/')}`;
  return `/${out.join('/')}`;
}

/** What makes a normalised host path sensitive; undefined when it is not. */
export function classifyHostPath(path: string): Sensitive | undefined {
  if (HARMLESS.has(path)) return undefined;
  // Sockets belong to compose/docker-socket.
  if (/\.sock$/.test(path)) return undefined;
  const exact = EXACT.get(path);
  if (exact) return exact;
  for (const u of UNDER) {
    if (path === u.path || path.startsWith(`${u.path}/`) || (u.prefix && path.startsWith(u.path))) return u.s;
  }
  // Another user's `~/.ssh`.
  if (/^\/home\/[^/]+\/\.ssh(?:\/|$)/.test(path)) return SSH_KEYS;
  return undefined;
}

export const sensitiveHostMount: Rule<ComposeModel> = {
  meta,
  check(model, ctx) {
    // The effective mounts across override files, `extends` and `include` (a later mount on the
    // same target replaces one); each reported in the file that writes it.
    const view = projectView(model, ctx);
    const out: Finding[] = [];
    for (const svc of view.services) {
      for (const v of svc.volumes) {
        const src = v.source;
        if (!src) continue;
        // From a base in another file: reported at this service's `extends` key, without a fix
        // (a mount of this service on the same target would replace it, but with what is the
        // user's call; editing the base is that file's own finding).
        const b = v.file !== undefined ? fromBaseFile(svc, v) : undefined;
        if (v.file !== undefined && !b) continue;
        const host = hostPathOf(src, view.env.vars);
        if (host === undefined) continue;
        // A short volume whose source Rampart cannot read has no type; `$HOME/…` is a host path.
        const type = v.type ?? (v.syntax === 'short' ? 'bind' : undefined);
        if (type !== 'bind') continue;
        const path = normaliseHostPath(host);
        if (path === undefined) continue;
        const s = classifyHostPath(path);
        if (!s) continue;
        if (v.readOnly === undefined && !s.ro) continue; // unknown options might say `ro`
        if (v.readOnly === true && !s.ro) continue;
        const ro = v.readOnly === true;
        const mode = ro ? 'read-only' : v.readOnly === false ? 'read-write' : '';
        const anchor = [...v.via].reverse().find((x) => x.anchor)?.anchor;
        const inh = v.layer?.inherited?.kind === 'extends' ? `inherited from service "${v.layer.inherited.service}" through extends` : undefined;
        const merged = v.via.length > 0 ? (anchor ? `merged from "*${anchor}"` : 'merged with "<<"') : undefined;
        const from = b ? b.note : inh || merged ? ` (${[inh, merged].filter((x) => x).join('; ')})` : '';
        const resolved = path === src.raw ? '' : ` ("${path}")`;
        const message = `Service "${svc.name}" mounts "${src.raw}"${mode ? ` ${mode}` : ''}${from}: that is ${s.what}${resolved}, and ${ro ? s.ro : s.rw}.`;
        if (b) {
          out.push({ range: b.range, message, related: b.related });
          continue;
        }
        out.push({
          range: src.range,
          message,
          related: originRelated(svc.name, v),
          lazyFixes: s.ro || v.readOnly !== false ? undefined : fixes(model, svc, v, path),
        });
      }
    }
    return out;
  },
};

/** The host path a bind source names: interpolated, with `$HOME`/`${HOME}` read as `~`. */
function hostPathOf(src: Part, env: ReadonlyMap<string, string | null>): string | undefined {
  if (src.text !== undefined) return src.text.trim();
  const m = /^(?:\$HOME|\$\{HOME\})(?=\/|$)/.exec(src.raw);
  if (!m) return undefined;
  const rest = interpolate(src.raw.slice(m[0].length), env).value;
  return rest === undefined ? undefined : `~${rest}`;
}

function fixes(model: ComposeModel, svc: ServiceView, v: VolumeSpec, path: string): LazyFixes | undefined {
  const edit = readOnlyEdit(model, v);
  if (!edit) return undefined;
  const site = listItemSite(model, svc, 'volumes', v.node);
  return listItemFixes(model, svc, 'volumes', site, () => [edit()], () => `Mount "${path}" read-only in service "${svc.name}"`);
}

/** `:ro` after the target, `rw` → `ro` in the options, or `read_only: true` in the long syntax. */
function readOnlyEdit(model: ComposeModel, v: VolumeSpec): EditPlan | undefined {
  const node = v.node;
  if (v.syntax === 'long') {
    if (node.kind !== 'map') return undefined;
    const ro = node.byKey.get('read_only');
    if (ro) return ro.value.kind === 'scalar' && ro.via.length === 0 ? () => ({ range: ro.value.range, newText: 'true' }) : undefined;
    return planMapKey(model, node, 'read_only', () => ({ lines: [], inline: 'true', flowValue: 'true' }));
  }
  const modeRange = v.modeRange;
  if (modeRange) {
    const raw = modesRaw(model, v);
    if (raw === undefined || raw.includes('$')) return undefined;
    return () => {
      const modes = raw.split(',');
      const next = modes.some((m) => m.trim() === 'rw') ? modes.map((m) => (m.trim() === 'rw' ? 'ro' : m)) : [...modes.filter((m) => m.trim() !== ''), 'ro'];
      return { range: modeRange, newText: next.join(',') };
    };
  }
  const target = v.target;
  if (!target?.exact) return undefined;
  return () => ({ range: { start: target.range.end, end: target.range.end }, newText: ':ro' });
}

/** The options text of a short volume as written, when its range is exact (it is part of the scalar). */
function modesRaw(model: ComposeModel, v: VolumeSpec): string | undefined {
  const r = v.modeRange!;
  if (r.start.line !== r.end.line) return undefined;
  const whole = v.node.range;
  // An inexact range is the whole item, which would replace the volume.
  if (r.start.line === whole.start.line && r.start.character === whole.start.character && r.end.character === whole.end.character) return undefined;
  return model.index.text.slice(model.index.offsetAt(r.start), model.index.offsetAt(r.end));
}
