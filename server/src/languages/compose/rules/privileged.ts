import { defineMeta } from '../../../engine/meta';
import type { Finding, LazyFixes, Rule } from '../../../engine/types';
import { planned } from '../../../engine/fix-plans';
import type { ComposeModel } from '../model';
import { exactSource, subRange, type ServiceView, type Value } from '../view';
import { projectView } from '../project';
import { planServiceKey } from '../edits';
import { fromBaseFile, originRelated, provenanceNote } from './shared';

export const meta = defineMeta({
  id: 'compose/privileged',
  language: 'compose',
  title: 'Service runs privileged',
  description:
    'A service with `privileged: true` gets every capability, all host devices and no seccomp or AppArmor confinement: escaping to the host is trivial.',
  severity: 'error',
  fix: 'suggest',
  sources: [
    'M: "Access to the Docker socket = root-level access to the host system. The user running Mist can: Create privileged containers … Escape container isolation"',
    'H: "Capability drops implemented (ALL dropped, minimal added back)"',
    'KICS: Privileged Containers Enabled (ae5b6871)',
    'compose-lint CL-0002',
    'Semgrep: privileged-service',
  ],
  peers: ['CL-0002'],
  tags: ['security', 'CWE-250'],
  securitySeverity: '9.0',
  precision: 'very-high',
});

export const privileged: Rule<ComposeModel> = {
  meta,
  check(model, ctx) {
    // The effective setting across override files and `extends`; reported in the file that
    // writes it, and at the `extends` key of a service here that inherits it from another file.
    const view = projectView(model, ctx);
    const out: Finding[] = [];
    for (const svc of view.services) {
      const v = svc.bool('privileged');
      if (!v || v.bool !== true) continue;
      if (v.file !== undefined) {
        const b = fromBaseFile(svc, v);
        if (b) {
          out.push({
            range: b.range,
            message: `Service "${svc.name}" runs privileged${b.note}: it has full access to the host's devices and kernel.`,
            related: b.related,
            // The service's own key wins over its base's (Compose merges the service over it).
            lazyFixes: fixes(model, svc, v),
          });
        }
        continue;
      }
      out.push({
        range: v.range,
        message: `Service "${svc.name}" runs privileged${provenanceNote(v)}: it has full access to the host's devices and kernel.`,
        related: originRelated(svc.name, v),
        lazyFixes: fixes(model, svc, v),
      });
    }
    return out;
  },
};

function fixes(model: ComposeModel, svc: ServiceView, v: Value): LazyFixes | undefined {
  const title = `Set privileged: false in service "${svc.name}"`;
  const entry = svc.entry('privileged')!;
  const def = svc.service.definitionOf(entry);
  const block = () => ({ lines: [], inline: 'false', flowValue: 'false' });
  if (v.layer?.inherited) {
    // From an `extends` base: this service's own key wins; editing the base reaches every service built on it.
    const own = svc.service.localDefinition;
    const ins = own && !own.aliasSite ? planServiceKey(model, own, 'privileged', block) : undefined;
    return ins && { best: 'suggest', make: () => [{ title, kind: 'suggest', edits: [ins()] }] };
  }
  if (v.via.length === 0) {
    // Written in the service: change the value (or the default that supplies it) in place.
    // The innermost default that supplied the value (`${A:-${B:-true}}` → the `true`).
    const raw = v.raw ?? '';
    const dflt = [...v.iv.vars].reverse().find((u) => u.from === 'default' && u.defaultStart !== undefined && !raw.slice(u.defaultStart, u.defaultEnd).includes('$'));
    if (dflt && v.iv.vars.every((u) => u.from === 'default') && exactSource(v.node)) {
      return {
        best: 'suggest',
        make: () => [{ title: `Change the default of \${${dflt.name}} to false in service "${svc.name}"`, kind: 'suggest', edits: [{ range: subRange(model, v.node, dflt.defaultStart!, dflt.defaultEnd!).range, newText: 'false' }] }],
      };
    }
    return { best: 'suggest', make: () => [{ title, kind: 'suggest', edits: [{ range: entry.aliasRange ?? v.range, newText: 'false' }] }] };
  }
  // Merged from an anchor: override it in this service only; editing the anchor reaches further.
  const ins = def && !def.aliasSite ? planServiceKey(model, def, 'privileged', block) : undefined;
  const anchor = () => {
    const name = [...v.via].reverse().find((s) => s.anchor)?.anchor;
    const sharing = svc.view.services.filter((s) => s.entry('privileged')?.value === v.node && s.bool('privileged')?.bool === true).length;
    return `Edit anchor "${name ?? 'merged mapping'}": affects ${sharing} service${sharing === 1 ? '' : 's'}`;
  };
  return planned([...(ins ? [{ title, kind: 'suggest' as const, edits: () => [ins()] }] : []), { title: anchor, kind: 'suggest', edits: () => [{ range: v.range, newText: 'false' }] }]);
}
