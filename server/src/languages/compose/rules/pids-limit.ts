import { defineMeta } from '../../../engine/meta';
import type { Finding, LazyFixes, Rule, TextEdit } from '../../../engine/types';
import { planned, type FixPlan } from '../../../engine/fix-plans';
import type { ComposeModel } from '../model';
import type { ServiceView, Value } from '../view';
import { projectView } from '../project';
import { planServiceKey } from '../edits';
import { editAnchorTitle, editBaseTitle, fromBaseFile, originRelated, provenanceNote } from './shared';
import { insertNestedOwn, insertPairs, mapAt, mapInsertFix } from './resource-limits';

export const meta = defineMeta({
  id: 'compose/pids-limit',
  language: 'compose',
  title: 'Service has no process limit',
  description:
    'Without `pids_limit` (or `deploy.resources.limits.pids`) a fork bomb or a thread leak in one container can fill the host\'s process table, and then nothing on the host can start a process.',
  severity: 'info',
  profile: 'strict',
  fix: 'suggest',
  sources: [
    'H: "Resource limits defined (memory, CPU)" (the process count is the resource those two leave open)',
    'KICS: Pids Limit Not Set (221e0658)',
    'CIS Docker Benchmark: PIDs cgroup limit',
  ],
  tags: ['security', 'CWE-770', 'CWE-400'],
  securitySeverity: '3.0',
});

/** The limit the fix writes: far above what a normal service runs, far below a fork bomb. */
export const PIDS_PLACEHOLDER = '512';

type PidsState = { kind: 'set' } | { kind: 'missing' } | { kind: 'unlimited'; value: Value; key: 'pids_limit' | 'deploy.resources.limits.pids' };

function pidsState(svc: ServiceView): PidsState {
  let unlimited: PidsState | undefined;
  const candidates: Array<['pids_limit' | 'deploy.resources.limits.pids', Value | undefined]> = [
    ['pids_limit', svc.scalar('pids_limit')],
    ['deploy.resources.limits.pids', svc.scalarAt(['deploy', 'resources', 'limits', 'pids'])],
  ];
  for (const [key, v] of candidates) {
    if (!v || v.raw === undefined) continue;
    if (v.text === undefined) return { kind: 'set' }; // unknown is never reported
    const n = Number(v.text.trim());
    if (!Number.isFinite(n) || v.text.trim() === '') return { kind: 'set' }; // not a number: Compose's business
    if (n > 0) return { kind: 'set' };
    unlimited ??= { kind: 'unlimited', value: v, key };
  }
  return unlimited ?? { kind: 'missing' };
}

export const pidsLimit: Rule<ComposeModel> = {
  meta,
  check(model, ctx) {
    // The effective limit across override files, `extends` and `include`: a missing one is judged
    // where the service's base definition is, an unlimited one in the file that writes it.
    const view = projectView(model, ctx);
    const out: Finding[] = [];
    for (const svc of view.services) {
      const st = pidsState(svc);
      if (st.kind === 'set') continue;
      if (st.kind === 'unlimited') {
        if (st.value.file !== undefined) {
          // Another file's value: that file reports it, and this one at the `extends` key of a
          // service that inherits it from there (the fix sets the service's own limit).
          const b = fromBaseFile(svc, st.value);
          if (b) {
            out.push({
              range: b.range,
              message: `Service "${svc.name}" sets ${st.key} to ${st.value.text?.trim()}${b.note}, which means no process limit: a fork bomb or a thread leak in it can fill the host's process table.`,
              related: b.related,
              lazyFixes: unlimitedFixes(model, svc, st),
            });
          }
          continue;
        }
        out.push({
          range: st.value.range,
          message: `Service "${svc.name}" sets ${st.key} to ${st.value.text?.trim()}${provenanceNote(st.value)}, which means no process limit: a fork bomb or a thread leak in it can fill the host's process table.`,
          related: originRelated(svc.name, st.value),
          lazyFixes: unlimitedFixes(model, svc, st),
        });
        continue;
      }
      // A missing setting: an override file's base, or an `extends` base Rampart cannot read, may provide it.
      if (!svc.judgedHere) continue;
      out.push({
        range: svc.keyRange,
        message: `Service "${svc.name}" has no process limit: a fork bomb or a thread leak in it can fill the host's process table and stop every other service from starting processes.`,
        lazyFixes: missingFixes(model, svc),
      });
    }
    return out;
  },
};

function missingFixes(model: ComposeModel, svc: ServiceView): LazyFixes | undefined {
  // With a `deploy.resources.limits` block the limit must go into it: Compose refuses
  // `pids_limit` next to a limits block that does not repeat it.
  const limits = mapAt(model, svc, ['deploy', 'resources', 'limits']);
  if (limits !== 'absent') {
    if (!limits) return undefined;
    if (limits.foreign) {
      // In another file or an `extends` base: this service's own block merges with it.
      const edit = insertNestedOwn(model, svc, ['deploy', 'resources', 'limits'], [['pids', PIDS_PLACEHOLDER]]);
      return edit && { best: 'suggest', make: () => [{ title: `Add "pids: ${PIDS_PLACEHOLDER}" to the limits of service "${svc.name}"`, kind: 'suggest', edits: [edit()] }] };
    }
    return mapInsertFix(svc, ['deploy', 'resources', 'limits'], limits, insertPairs(model, limits.map, [['pids', PIDS_PLACEHOLDER]]), `Add "pids: ${PIDS_PLACEHOLDER}" to the limits of service "${svc.name}"`, ['pids_limit']);
  }
  const def = svc.service.localDefinition;
  const edit = def ? planServiceKey(model, def, 'pids_limit', pidsLimitBlock) : undefined;
  return edit && { best: 'suggest', make: () => [{ title: `Add "pids_limit: ${PIDS_PLACEHOLDER}" to service "${svc.name}"`, kind: 'suggest', edits: [edit()] }] };
}

function pidsLimitBlock(): { lines: string[]; inline: string; flowValue: string } {
  return { lines: [], inline: PIDS_PLACEHOLDER, flowValue: PIDS_PLACEHOLDER };
}

function unlimitedFixes(model: ComposeModel, svc: ServiceView, st: Extract<PidsState, { kind: 'unlimited' }>): LazyFixes | undefined {
  const v = st.value;
  if ((v.raw ?? '').includes('$')) return undefined;
  const title = `Set ${st.key} to ${PIDS_PLACEHOLDER} in service "${svc.name}"`;
  const inPlace = (): TextEdit[] => [{ range: v.range, newText: PIDS_PLACEHOLDER }];
  const path = st.key === 'pids_limit' ? ['pids_limit'] : ['deploy', 'resources', 'limits', 'pids'];
  const entry = svc.service.at(path);
  const base = v.layer?.inherited?.kind === 'extends' ? v.layer.inherited.service : undefined;
  const sharing = () => svc.view.services.filter((s) => s.service.at(path)?.value === v.node).length;
  if (base && entry) {
    // From an `extends` base: this service's own value wins (maps merge); editing the base reaches every service built on it.
    const own = st.key === 'pids_limit' ? svc.service.localDefinition : undefined;
    const ins = own ? planServiceKey(model, own, 'pids_limit', pidsLimitBlock) : insertNestedOwn(model, svc, ['deploy', 'resources', 'limits'], [['pids', PIDS_PLACEHOLDER]]);
    const out: FixPlan[] = ins ? [{ title, kind: 'suggest', edits: () => [ins()] }] : [];
    // (A base in another file is edited there, in its own finding.)
    if (entry.via.length === 0 && !entry.aliasRange && v.file === undefined) out.push({ title: () => editBaseTitle(base, sharing()), kind: 'suggest', edits: inPlace });
    return planned(out);
  }
  const shared = !entry || entry.via.length > 0 || !!entry.aliasRange || mapSharedAbove(model, svc, path);
  if (!shared) return planned([{ title, kind: 'suggest', edits: inPlace }]);
  const out: FixPlan[] = [];
  // `pids_limit` written in the service wins over the merged one. (Not for the deploy form:
  // Compose refuses two different values in `pids_limit` and `deploy.resources.limits.pids`.)
  if (st.key === 'pids_limit' && entry) {
    const def = svc.service.definitionOf(entry);
    const ins = def && !def.aliasSite ? planServiceKey(model, def, 'pids_limit', pidsLimitBlock) : undefined;
    if (ins) out.push({ title, kind: 'suggest', edits: () => [ins()] });
  }
  const anchor = () => (entry?.aliasRange ? undefined : [...v.via].reverse().find((s) => s.anchor)?.anchor ?? sharedAnchor(model, svc, path));
  out.push({ title: () => editAnchorTitle(anchor(), sharing()), kind: 'suggest', edits: inPlace });
  return planned(out);
}

function mapSharedAbove(model: ComposeModel, svc: ServiceView, path: string[]): boolean {
  if (path.length < 2) return false;
  const m = mapAt(model, svc, path.slice(0, -1));
  return !!m && m !== 'absent' && m.shared;
}

function sharedAnchor(model: ComposeModel, svc: ServiceView, path: string[]): string | undefined {
  if (path.length < 2) return undefined;
  const m = mapAt(model, svc, path.slice(0, -1));
  return m && m !== 'absent' ? m.anchor : undefined;
}
