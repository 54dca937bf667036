import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule } from '../../../engine/types';
import type { ComposeModel } from '../model';
import type { CNode } from '../tree';
import type { SecurityOpt } from '../view';
import { projectView } from '../project';
import { itemProvenance, removeItemFixes } from './list-fixes';
import { fromBaseFile } from './shared';

export const meta = defineMeta({
  id: 'compose/unconfined-security-profile',
  language: 'compose',
  title: 'Service turns off seccomp, AppArmor or SELinux confinement',
  description:
    '`security_opt` with `seccomp:unconfined`, `apparmor:unconfined` or `label:disable` removes the syscall filter or the mandatory access control that Docker applies to every container by default.',
  severity: 'error',
  fix: 'safe',
  sources: [
    'M: "Seccomp profiles and AppArmor" (planned application security features)',
    'M: "Access to the Docker socket = root-level access to the host system. The user running Mist can: … Escape container isolation"',
    'KICS: Default Seccomp Profile Disabled (404fde2c)',
    'compose-lint CL-0009',
    'Semgrep: seccomp-confinement-disabled, selinux-separation-disabled',
  ],
  peers: ['CL-0009'],
  tags: ['security', 'CWE-693', 'CWE-250'],
  securitySeverity: '7.5',
  precision: 'very-high',
});

/** What turning each mechanism off removes. */
const EFFECT: Record<string, string> = {
  seccomp: 'the container may call every syscall, including the ones most kernel exploits and escapes need',
  apparmor: 'the AppArmor profile that keeps the container away from /proc, /sys and mounts is gone',
  label: 'SELinux no longer keeps the container away from host files and other containers',
};

/** `seccomp`, `apparmor` or `label` when the option switches that confinement off. Docker compares exactly. */
function unconfined(o: SecurityOpt | undefined): string | undefined {
  if (!o || o.name === undefined || o.arg === undefined) return undefined;
  if ((o.name === 'seccomp' || o.name === 'apparmor') && o.arg === 'unconfined') return o.name;
  if (o.name === 'label' && o.arg === 'disable') return o.name;
  return undefined;
}

export const unconfinedSecurityProfile: Rule<ComposeModel> = {
  meta,
  check(model, ctx) {
    // Reported in the file that writes the option, for each service it reaches (project view).
    const view = projectView(model, ctx);
    const out: Finding[] = [];
    for (const svc of view.services) {
      const opts = svc.securityOpt;
      const byNode = new Map<CNode, SecurityOpt>(opts.map((o) => [o.node, o]));
      const flagged = (n: CNode) => unconfined(byNode.get(n)) !== undefined;
      const label = (n: CNode) => byNode.get(n)?.value.text ?? '';
      for (const o of opts) {
        const what = unconfined(o);
        if (!what) continue;
        if (o.file !== undefined) {
          // From a base in another file: security_opt appends across `extends`, so this service
          // cannot take the option out (editing the base does, in that file's own finding).
          const b = fromBaseFile(svc, o);
          if (b) out.push({ range: b.range, message: `Service "${svc.name}" sets "${o.value.text}"${b.note}: ${EFFECT[what]}.`, related: b.related });
          continue;
        }
        const { note, related } = itemProvenance(model, svc, 'security_opt', o.node, o.value);
        out.push({
          range: o.range,
          message: `Service "${svc.name}" sets "${o.value.text}"${note}: ${EFFECT[what]}.`,
          related,
          lazyFixes: removeItemFixes(model, svc, 'security_opt', o.node, flagged, label, 'safe'),
        });
      }
    }
    return out;
  },
};
