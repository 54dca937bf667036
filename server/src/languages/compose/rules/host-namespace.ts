import { defineMeta } from '../../../engine/meta';
import type { Finding, LazyFixes, Rule } from '../../../engine/types';
import { planned, plannedFix, type FixPlan } from '../../../engine/fix-plans';
import type { ComposeModel } from '../model';
import type { ServiceView, Value } from '../view';
import { projectView } from '../project';
import { mapOfPair, planRemovePair, planServiceKey } from '../edits';
import { editAnchorTitle, editBaseTitle, fromBaseFile, originRelated, provenanceNote } from './shared';

export const meta = defineMeta({
  id: 'compose/host-namespace',
  language: 'compose',
  title: "Service shares a namespace with the host",
  description:
    '`network_mode`, `pid`, `ipc`, `userns_mode`, `uts` or `cgroup` set to `host` puts the container in the host\'s own namespace: it sees and reaches what the isolation was meant to hide.',
  severity: 'error',
  fix: 'suggest',
  sources: [
    'H: "Internal network isolation (Docker networks)"',
    'M: "Network isolation: Apps on `traefik-net` for controlled routing"',
    'KICS: Shared Host Network Namespace (071a71ff), Host Namespace is Shared (4f31dd9f), Shared Host IPC Namespace (baa3890f), Shared Host User Namespace (8af7162d)',
    'compose-lint CL-0008 (network_mode), CL-0010 (pid, ipc, userns_mode, uts)',
  ],
  peers: ['CL-0008', 'CL-0010'],
  tags: ['security', 'CWE-250', 'CWE-653'],
  securitySeverity: '8.0',
  precision: 'very-high',
});

/** Each key, the namespace it shares, and what sharing it hands the container. */
const KEYS: Array<[string, string, string]> = [
  ['network_mode', "uses the host's network stack", "it can listen on any host port, reach services bound to the host's localhost and see all host traffic"],
  ['pid', "shares the host's process namespace", 'it sees every host process, can signal them and read their environment'],
  ['ipc', "shares the host's IPC namespace", 'it can read and write the shared memory of host processes'],
  ['userns_mode', 'opts out of user-namespace remapping', 'where the daemon remaps users, root in the container is root on the host again'],
  ['uts', "shares the host's UTS namespace", "it can change the host's hostname"],
  ['cgroup', "shares the host's cgroup namespace", "it sees the host's whole cgroup tree"],
];

export const hostNamespace: Rule<ComposeModel> = {
  meta,
  check(model, ctx) {
    // The effective setting across override files, `extends` and `include`, reported in the file
    // that writes it (a later file's value replaces it).
    const view = projectView(model, ctx);
    const out: Finding[] = [];
    for (const svc of view.services) {
      for (const [key, what, why] of KEYS) {
        const v = svc.scalar(key);
        // Docker compares the mode exactly (`host`); an unknown value is never reported.
        if (!v || v.text !== 'host') continue;
        if (v.file !== undefined) {
          // From a base in another file. No fix here: a service cannot unset a key its base
          // sets (`!reset` has not always worked across extends, compose#11706), and any other
          // mode would change how the service is networked; editing the base is that file's fix.
          const b = fromBaseFile(svc, v);
          if (b) out.push({ range: b.range, message: `Service "${svc.name}" ${what} with ${key}: host${b.note}: ${why}.`, related: b.related });
          continue;
        }
        out.push({
          range: v.range,
          message: `Service "${svc.name}" ${what} with ${key}: host${provenanceNote(v)}: ${why}.`,
          related: originRelated(svc.name, v),
          lazyFixes: fixes(model, svc, key, v),
        });
      }
    }
    return out;
  },
};

function fixes(model: ComposeModel, svc: ServiceView, key: string, v: Value): LazyFixes | undefined {
  const entry = svc.entry(key);
  if (!entry) return undefined;
  const map = mapOfPair(model, entry.pair);
  const remove = map ? planRemovePair(model, map, entry.pair) : undefined;
  const removed = remove && (() => [remove()]);
  const sharing = () => svc.view.services.filter((s) => s.entry(key)?.value === v.node && s.scalar(key)?.text === 'host').length;
  const base = v.layer?.inherited?.kind === 'extends' ? v.layer.inherited.service : undefined;
  if (base && entry.via.length === 0) {
    // Written in an `extends` base: removing it there reaches every service built on the base.
    return plannedFix('suggest', () => editBaseTitle(base, sharing()), removed);
  }
  if (entry.via.length === 0) return plannedFix('suggest', `Remove ${key} from service "${svc.name}"`, removed);
  // From an anchor: reset the key in this service (`!reset` drops the merged value); removing the
  // anchor's line reaches every service that merges it.
  const out: FixPlan[] = [];
  // (Not for an `extends` base: Compose has not always honoured `!reset` across extends, compose#11706.)
  const def = base ? undefined : svc.service.definitionOf(entry);
  const reset = def && !def.aliasSite ? planServiceKey(model, def, key, () => ({ lines: [], inline: '!reset null', flowValue: '!reset null' })) : undefined;
  if (reset) out.push({ title: `Reset ${key} in service "${svc.name}"`, kind: 'suggest', edits: () => [reset()] });
  if (removed) out.push({ title: () => editAnchorTitle([...v.via].reverse().find((s) => s.anchor)?.anchor, sharing()), kind: 'suggest', edits: removed });
  return planned(out);
}
