import { defineMeta } from '../../../engine/meta';
import type { Finding, LazyFixes, Rule, TextEdit } from '../../../engine/types';
import { planned, type FixPlan } from '../../../engine/fix-plans';
import type { ComposeModel, ServiceDefinition } from '../model';
import { subRange, type ServiceView, type Value } from '../view';
import { projectView } from '../project';
import { planAppendToSeq, planServiceKey, sequenceIndent, type EditPlan } from '../edits';
import { scalarText } from '../tree';
import { editAnchorTitle, editBaseTitle, fromBaseFile, isOwn, originRelated, provenanceNote } from './shared';

export const meta = defineMeta({
  id: 'compose/read-only-rootfs',
  language: 'compose',
  title: 'Service has a writable root filesystem',
  description:
    'Without `read_only: true` a compromised process can replace binaries, plant tools and change configuration inside the container; a read-only root filesystem with a tmpfs for scratch space stops that.',
  severity: 'info',
  fix: 'suggest',
  sources: ['H: "Read-only filesystem where possible"', 'M: "Read-only filesystems: (coming soon)"', 'compose-lint CL-0007', 'Semgrep: writable-filesystem-service'],
  peers: ['CL-0007'],
  tags: ['security', 'CWE-732'],
  securitySeverity: '3.0',
});

const WHY = 'a compromised process can replace binaries and plant tools in the container';

export const readOnlyRootfs: Rule<ComposeModel> = {
  meta,
  check(model, ctx) {
    // The effective setting across override files, `extends` and `include`: a missing one is
    // judged where the service's base definition is, a false one in the file that writes it.
    const view = projectView(model, ctx);
    const out: Finding[] = [];
    for (const svc of view.services) {
      const v = svc.bool('read_only');
      // `read_only:` with no value (null) is Compose's default, false: reported like a missing key.
      if (v && v.raw === undefined && v.iv.state === 'literal' && !v.node.truncated) {
        const e = svc.entry('read_only')!;
        if (!svc.judgedHere || e.via.length > 0 || e.aliasRange || !isOwn(e)) continue;
        out.push({
          range: e.keyRange,
          message: `Service "${svc.name}" does not set read_only: ${WHY}.`,
          lazyFixes: fixes(model, svc, v),
        });
        continue;
      }
      if (v) {
        // True, or unknown (`${RO}` with no value): nothing to report.
        if (v.bool !== false) continue;
        if (v.file !== undefined) {
          // Another file's value: that file reports it, and this one at the `extends` key of a
          // service that inherits it from there (the fix sets the service's own read_only).
          const b = fromBaseFile(svc, v);
          if (b) out.push({ range: b.range, message: `Service "${svc.name}" sets read_only to false${b.note}: ${WHY}.`, related: b.related, lazyFixes: fixes(model, svc, v) });
          continue;
        }
        out.push({
          range: v.range,
          message: `Service "${svc.name}" sets read_only to false${provenanceNote(v)}: ${WHY}.`,
          related: originRelated(svc.name, v),
          lazyFixes: fixes(model, svc, v),
        });
        continue;
      }
      // A missing setting: an override file's base, or an `extends` base Rampart cannot read, may set it.
      if (!svc.judgedHere) continue;
      out.push({
        range: svc.keyRange,
        message: `Service "${svc.name}" does not set read_only: ${WHY}.`,
        lazyFixes: fixes(model, svc, undefined),
      });
    }
    return out;
  },
};

/** True when something is already mounted on /tmp (a tmpfs entry, or a volume of any kind). */
function hasTmp(svc: ServiceView): boolean {
  for (const e of svc.service.layers('tmpfs')) {
    const nodes = e.value.kind === 'seq' ? e.value.items.map((it) => it.value) : [e.value];
    for (const n of nodes) {
      if (n.kind !== 'scalar') continue;
      const t = svc.view.interpolate(n).value;
      if (t === undefined || t.split(':')[0]!.trim().replace(/(?<!\/)\/+$/, '') === '/tmp') return true;
    }
  }
  return svc.volumes.some((vol) => vol.target?.text === undefined || vol.target.text.replace(/(?<!\/)\/+$/, '') === '/tmp');
}

/** The edit that adds `/tmp` to a `tmpfs` written in this service, or undefined when it cannot. */
function addTmpToWritten(model: ComposeModel, svc: ServiceView): EditPlan | undefined | null {
  const e = svc.entry('tmpfs');
  if (!e) return null; // no tmpfs at all
  if (e.via.length > 0 || e.aliasRange || !isOwn(e)) return undefined;
  const v = e.value;
  if (v.kind === 'seq') return planAppendToSeq(model, v, '/tmp');
  const at = v.node?.range;
  if (v.kind === 'scalar' && scalarText(v) !== undefined && at) {
    // `tmpfs: /run` → `tmpfs: [/run, /tmp]`
    return () => ({ range: v.range, newText: `[${model.index.text.slice(at[0], at[1])}, /tmp]` });
  }
  return undefined;
}

function fixes(model: ComposeModel, svc: ServiceView, off: (Value & { bool: boolean | undefined }) | undefined): LazyFixes | undefined {
  const entry = svc.entry('read_only');
  // The service's own definition: the one holding the entry when it is this service's text (maybe
  // through `<<`), else the service's first own definition (the entry is an `extends` base's).
  const def: ServiceDefinition | undefined = entry && isOwn(entry) ? svc.service.definitionOf(entry) : svc.service.localDefinition;
  const withTmp = !hasTmp(svc);
  const tmpEdit = withTmp ? addTmpToWritten(model, svc) : null;
  // `tmpfs` exists but sits in an anchor: set read_only alone rather than fight the anchor.
  const insertTmp = withTmp && tmpEdit === null;
  // Listed before the read_only insertion: both may insert at the end of the same line.
  const extra = (): TextEdit[] => (tmpEdit ? [tmpEdit()] : []);
  const title = `Set read_only: true${withTmp && tmpEdit !== undefined ? ' with a tmpfs on /tmp' : ''} in service "${svc.name}"`;
  const insert = (d: ServiceDefinition) =>
    planServiceKey(model, d, 'read_only', () => ({
      inline: 'true',
      lines: insertTmp ? ['tmpfs:', `${sequenceIndent(model)}- /tmp`] : [],
      flowValue: insertTmp ? 'true, tmpfs: [/tmp]' : 'true',
    }));

  if (!off) {
    const ins = def && !def.aliasSite ? insert(def) : undefined;
    return ins && { best: 'suggest', make: () => [{ title, kind: 'suggest', edits: [...extra(), ins()] }] };
  }

  if (off.via.length === 0 && entry && isOwn(entry)) {
    // Written in the service: change the value (or the default that supplies it) in place.
    const tmp = insertTmp && def && !def.aliasSite ? planServiceKey(model, def, 'tmpfs', () => ({ lines: [`${sequenceIndent(model)}- /tmp`], flowValue: '[/tmp]' })) : undefined;
    const edit = (): TextEdit => {
      const raw = off.raw ?? '';
      const dflt = [...off.iv.vars].reverse().find((u) => u.from === 'default' && u.defaultStart !== undefined && !raw.slice(u.defaultStart, u.defaultEnd).includes('$'));
      const empty = off.range.start.line === off.range.end.line && off.range.start.character === off.range.end.character;
      let edit: TextEdit = { range: entry.aliasRange ?? off.range, newText: empty ? ' true' : 'true' };
      if (dflt && off.iv.vars.every((u) => u.from === 'default')) {
        const { range, exact } = subRange(model, off.node, dflt.defaultStart!, dflt.defaultEnd!);
        if (exact) edit = { range, newText: 'true' };
      }
      return edit;
    };
    return { best: 'suggest', make: () => [{ title, kind: 'suggest', edits: [edit(), ...(tmp ? [tmp()] : []), ...extra()] }] };
  }

  // From an anchor or an `extends` base: override in this service; editing the anchor (or the
  // base) reaches further.
  const out: FixPlan[] = [];
  const ins = def && !def.aliasSite ? insert(def) : undefined;
  if (ins) out.push({ title, kind: 'suggest', edits: () => [...extra(), ins()] });
  if (off.file !== undefined) return planned(out); // a base in another file is edited there (its own finding)
  const shared = () => {
    const anchor = [...off.via].reverse().find((s) => s.anchor)?.anchor;
    const sharing = svc.view.services.filter((s) => s.entry('read_only')?.value === off.node && s.bool('read_only')?.bool === false).length;
    const base = off.via.length === 0 && off.layer?.inherited?.kind === 'extends' ? off.layer.inherited.service : undefined;
    return base ? editBaseTitle(base, sharing) : editAnchorTitle(anchor, sharing);
  };
  out.push({ title: shared, kind: 'suggest', edits: () => [{ range: off.range, newText: 'true' }] });
  return planned(out);
}
