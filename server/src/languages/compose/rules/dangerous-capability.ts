import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule } from '../../../engine/types';
import type { ComposeModel } from '../model';
import type { CNode } from '../tree';
import type { Capability } from '../view';
import { projectView } from '../project';
import { itemProvenance, removeItemFixes } from './list-fixes';
import { fromBaseFile } from './shared';

export const meta = defineMeta({
  id: 'compose/dangerous-capability',
  language: 'compose',
  title: 'Service adds a dangerous capability',
  description:
    '`cap_add` grants a capability that leads out of the container: ALL, SYS_ADMIN, SYS_MODULE, SYS_RAWIO, SYS_PTRACE, NET_ADMIN, DAC_READ_SEARCH, BPF or SYS_BOOT.',
  severity: 'error',
  fix: 'suggest',
  sources: [
    'H: "Capability drops implemented (ALL dropped, minimal added back)"',
    'M: "Access to the Docker socket = root-level access to the host system. The user running Mist can: … Escape container isolation"',
    'KICS: Container Capabilities Unrestricted (ce76b7d0)',
    'compose-lint CL-0024 (ALL, SYS_ADMIN, SYS_MODULE, SYS_RAWIO), CL-0011 (SYS_PTRACE, NET_ADMIN, DAC_READ_SEARCH, BPF, SYS_BOOT)',
  ],
  peers: ['CL-0024', 'CL-0011'],
  tags: ['security', 'CWE-250', 'CWE-269'],
  securitySeverity: '8.5',
  precision: 'very-high',
});

/** What each capability hands a compromised process. */
const DANGEROUS: Record<string, string> = {
  ALL: 'every capability, which is most of what privileged mode grants',
  SYS_ADMIN: 'mount, namespace and cgroup administration, the basis of most container escapes',
  SYS_MODULE: 'loading kernel modules, which runs code in the host kernel',
  SYS_RAWIO: 'raw I/O port and device memory access on the host',
  SYS_PTRACE: 'tracing other processes and reading their memory',
  NET_ADMIN: 'control of interfaces, routes and firewall rules, and traffic interception',
  DAC_READ_SEARCH: 'reading any file and opening host files by handle, a known escape',
  BPF: 'loading BPF programs that can read kernel memory',
  SYS_BOOT: 'rebooting the host and loading a new kernel',
};

/** The capability a list item names, when Docker accepts it and it is on the list. */
function dangerous(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().toUpperCase();
  // Docker accepts `ALL` only without the prefix: `CAP_ALL` is an unknown capability and the
  // container does not start (moby NormalizeLegacyCapabilities), so it is not a grant.
  if (t === 'CAP_ALL') return undefined;
  const name = t.replace(/^CAP_/, '');
  return name in DANGEROUS ? name : undefined;
}

export const dangerousCapability: Rule<ComposeModel> = {
  meta,
  check(model, ctx) {
    // Reported in the file that writes the item, for each service it reaches (project view).
    const view = projectView(model, ctx);
    const out: Finding[] = [];
    for (const svc of view.services) {
      const caps = svc.capAdd;
      const byNode = new Map<CNode, Capability>(caps.map((c) => [c.node, c]));
      const flagged = (n: CNode) => dangerous(byNode.get(n)?.value.text) !== undefined;
      const label = (n: CNode) => byNode.get(n)?.value.text?.trim() ?? '';
      for (const cap of caps) {
        const name = dangerous(cap.value.text);
        if (!name) continue;
        if (cap.file !== undefined) {
          // From a base in another file: lists append across `extends`, so no list of this
          // service takes the item out; only editing the base does (that file's own finding).
          const b = fromBaseFile(svc, cap);
          if (b) out.push({ range: b.range, message: `Service "${svc.name}" adds capability ${name}${b.note}: it grants ${DANGEROUS[name]}.`, related: b.related });
          continue;
        }
        const { note, related } = itemProvenance(model, svc, 'cap_add', cap.node, cap.value);
        out.push({
          range: cap.range,
          message: `Service "${svc.name}" adds capability ${name}${note}: it grants ${DANGEROUS[name]}.`,
          related,
          lazyFixes: removeItemFixes(model, svc, 'cap_add', cap.node, flagged, label, 'suggest'),
        });
      }
    }
    return out;
  },
};
