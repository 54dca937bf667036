import { defineMeta } from '../../../engine/meta';
import type { Finding, LazyFixes, Rule } from '../../../engine/types';
import { plannedFix } from '../../../engine/fix-plans';
import type { ComposeModel } from '../model';
import { exactSource, subRange, type Capability, type ServiceView } from '../view';
import { projectView } from '../project';
import { planAppendToSeq, planServiceKey, sequenceIndent, type EditPlan } from '../edits';
import { itemProvenance, quoted, writtenHere } from './list-fixes';
import { fromBaseFile, isOwn } from './shared';

export const meta = defineMeta({
  id: 'compose/cap-drop-all',
  language: 'compose',
  title: 'Service does not drop all capabilities',
  description:
    'Without `cap_drop: [ALL]` a container keeps Docker\'s default capabilities (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_RAW and more); drop them all and add back only what the service needs.',
  severity: 'warning',
  fix: 'suggest',
  sources: ['H: "Capability drops implemented (ALL dropped, minimal added back)"', 'KICS: Container Capabilities Unrestricted (ce76b7d0)', 'compose-lint CL-0006'],
  peers: ['CL-0006'],
  tags: ['security', 'CWE-250'],
  securitySeverity: '5.0',
});

const WHY = "it keeps Docker's default capabilities (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW and more) for a compromised process to use";

export const capDropAll: Rule<ComposeModel> = {
  meta,
  check(model, ctx) {
    // The effective list across override files, `extends` and `include` (lists append): what is
    // missing is judged where the service's base definition is; a CAP_ALL where it is written.
    const view = projectView(model, ctx);
    const out: Finding[] = [];
    for (const svc of view.services) {
      const drops = svc.capDrop;
      const known = drops.filter((d) => d.value.text !== undefined);
      if (known.some((d) => d.value.text!.trim().toUpperCase() === 'ALL')) continue;
      // Written, so judged even in an override file: Docker refuses to start the container.
      // (Another file's item: that file reports it, and this one at the `extends` key of a
      // service that inherits it from there.)
      const capAll = known.find((d) => d.value.text!.trim().toUpperCase() === 'CAP_ALL' && (d.file === undefined || fromBaseFile(svc, d)));
      if (capAll) {
        const base = capAll.file !== undefined ? fromBaseFile(svc, capAll) : undefined;
        const { note, related } = base ?? itemProvenance(model, svc, 'cap_drop', capAll.node, capAll.value);
        out.push({
          range: base ? base.range : capAll.range,
          message: `Service "${svc.name}" drops "${capAll.value.text!.trim()}"${note}: Docker knows ALL only without the CAP_ prefix and refuses to start the container ("unknown capability").`,
          related,
          lazyFixes: capAllFix(model, svc, capAll),
        });
        continue;
      }
      // What is missing may come from elsewhere: an override file's base, an `extends` base
      // Rampart cannot read, or an item Rampart cannot read (it might be ALL).
      if (known.some((d) => d.value.text!.trim().toUpperCase() === 'CAP_ALL')) continue;
      if (!svc.judgedHere || known.length < drops.length) continue;
      const e = svc.entry('cap_drop');
      const here = e && svc.service.layers('cap_drop').length === 1 && writtenHere(e);
      const names = drops.map((d) => d.name).filter((n): n is string => !!n);
      out.push({
        range: here ? e.keyRange : svc.keyRange,
        message:
          names.length > 0
            ? `Service "${svc.name}" drops only ${quoted(names).replace(/"/g, '')}, not ALL: it keeps the rest of Docker's default capabilities for a compromised process to use.`
            : `Service "${svc.name}" does not drop all capabilities: ${WHY}.`,
        lazyFixes: fixes(model, svc),
      });
    }
    return out;
  },
};

function fixes(model: ComposeModel, svc: ServiceView): LazyFixes | undefined {
  const title = `Add cap_drop: [ALL] to service "${svc.name}"`;
  const e = svc.entry('cap_drop');
  const all = () => ({ lines: [`${sequenceIndent(model)}- ALL`], flowValue: '[ALL]' });
  let edit: EditPlan | undefined;
  if (e && writtenHere(e)) {
    // Add ALL to the list written in the service (the others become redundant but harmless).
    edit = e.value.kind === 'seq' ? planAppendToSeq(model, e.value, 'ALL') : undefined;
  } else if (e?.aliasRange && isOwn(e)) {
    // `cap_drop: *drops`: ALL covers whatever the anchor lists.
    const alias = e.aliasRange;
    edit = () => ({ range: alias, newText: '[ALL]' });
  } else if (e && isOwn(e)) {
    // Merged from an anchor: the service's own key wins over a merged one.
    const def = svc.service.definitionOf(e);
    if (def && !def.aliasSite) edit = planServiceKey(model, def, 'cap_drop', all);
  } else {
    // Absent, or only in an `extends` base or another file (lists append across those): the
    // service's own list gets ALL.
    const def = svc.service.localDefinition;
    const own = def?.map?.byKey.get('cap_drop');
    if (own && own.value.kind === 'seq' && own.via.length === 0 && !own.aliasRange) edit = planAppendToSeq(model, own.value, 'ALL');
    else if (def && !def.aliasSite && !own) edit = planServiceKey(model, def, 'cap_drop', all);
  }
  const plan = edit;
  return plannedFix('suggest', title, plan && (() => [plan()]));
}

function capAllFix(model: ComposeModel, svc: ServiceView, cap: Capability): LazyFixes | undefined {
  const raw = cap.value.raw ?? '';
  const at = raw.toUpperCase().indexOf('CAP_ALL');
  // (An `extends` base's item is fixed by the base's own finding.)
  if (cap.value.iv.state !== 'literal' || at < 0 || cap.via.length > 0 || cap.layer?.inherited || !exactSource(cap.value.node)) return undefined;
  return {
    best: 'suggest',
    make: () => [{ title: `Write ALL instead of "${raw.trim()}" in service "${svc.name}"`, kind: 'suggest', edits: [{ range: subRange(model, cap.value.node, at, at + 'CAP_ALL'.length).range, newText: 'ALL' }] }],
  };
}
