import { defineMeta } from '../../../engine/meta';
import type { Finding, LazyFixes, Rule } from '../../../engine/types';
import type { ComposeModel } from '../model';
import type { CSeq } from '../tree';
import { goParseBool, type SecurityOpt, type ServiceView } from '../view';
import { projectView } from '../project';
import { flowScalar, planAppendToSeq, planServiceKey, sequenceIndent, sourceText, type EditPlan } from '../edits';
import { fromBaseFile, originRelated, provenanceNote } from './shared';

export const meta = defineMeta({
  id: 'compose/no-new-privileges',
  language: 'compose',
  title: 'Service does not set no-new-privileges',
  description:
    'Without `security_opt: [no-new-privileges:true]` a process in the container can gain privileges through setuid and setgid binaries or file capabilities.',
  severity: 'warning',
  fix: 'safe',
  sources: [
    'H: "All services run with security_opt: no-new-privileges:true"',
    'H: "Security options configured (no-new-privileges)"',
    'KICS: No New Privileges Not Set (27fcc7d6)',
    'compose-lint CL-0003',
    'Semgrep: no-new-privileges',
  ],
  peers: ['CL-0003'],
  tags: ['security', 'CWE-250'],
  securitySeverity: '5.0',
});

const ITEM = 'no-new-privileges:true';

export const noNewPrivileges: Rule<ComposeModel> = {
  meta,
  check(model, ctx) {
    // The effective list across override files, COMPOSE_FILE and `extends` (project view): a
    // missing option is judged where the service's base definition is, a `false` is reported
    // in the file that writes it.
    const view = projectView(model, ctx);
    const out: Finding[] = [];
    for (const svc of view.services) {
      const opts = svc.securityOpt;
      // An option Rampart cannot read might be the one: unknown is never reported.
      if (opts.some((o) => o.value.text === undefined)) continue;
      const nnp = opts.filter((o) => o.name === 'no-new-privileges');
      const last = nnp[nnp.length - 1];
      if (last) {
        const on = last.arg === undefined ? true : goParseBool(last.arg);
        if (on !== false) continue; // true, or a value Docker rejects (not this rule's business)
        if (last.file !== undefined) {
          // Another file's option: that file reports it, and this one at the `extends` key of a
          // service that inherits it from there.
          const b = fromBaseFile(svc, last);
          if (b) {
            out.push({
              range: b.range,
              message: `Service "${svc.name}" sets no-new-privileges to false${b.note}: setuid binaries in the container can raise the privileges of any process.`,
              related: b.related,
              lazyFixes: fixFor(model, svc, last),
            });
          }
          continue;
        }
        out.push({
          range: last.range,
          message: `Service "${svc.name}" sets no-new-privileges to false${provenanceNote(last.value)}: setuid binaries in the container can raise the privileges of any process.`,
          related: originRelated(svc.name, last),
          lazyFixes: fixFor(model, svc, last),
        });
        continue;
      }
      if (!svc.judgedHere) continue;
      out.push({
        range: svc.keyRange,
        message: `Service "${svc.name}" does not set no-new-privileges: setuid binaries in the container can raise the privileges of any process.`,
        lazyFixes: fixFor(model, svc, undefined),
      });
    }
    return out;
  },
};

function quoteLike(source: string, text: string): string {
  if (source.startsWith('"')) return JSON.stringify(text);
  if (source.startsWith("'")) return `'${text}'`;
  return text;
}

function fixFor(model: ComposeModel, svc: ServiceView, off: SecurityOpt | undefined): LazyFixes | undefined {
  const title = off ? `Set "${ITEM}" in service "${svc.name}"` : `Add "${ITEM}" to service "${svc.name}"`;
  const edit = editFor(model, svc, off);
  return edit && { best: 'safe', make: () => [{ title, kind: 'safe', edits: [edit()] }] };
}

function editFor(model: ComposeModel, svc: ServiceView, off: SecurityOpt | undefined): EditPlan | undefined {
  // A `false` item written in this service: set it to true, keeping its separator and quotes.
  if (off && off.file === undefined && off.via.length === 0 && !off.layer?.inherited) {
    const sep = off.sep ?? ':';
    return () => ({ range: off.node.range, newText: quoteLike(sourceText(model, off.node), `no-new-privileges${sep}true`) });
  }
  const e = svc.entry('security_opt');
  const local = svc.service.localDefinition;
  const ownList = () => ({ lines: [`${sequenceIndent(model)}- ${ITEM}`], flowValue: `[${ITEM}]` });
  if (off && off.file !== undefined) {
    // From a base in another file: security_opt appends across `extends` (the base's items
    // first) and Docker applies the last no-new-privileges, so this service's own item wins.
    if (!local || local.aliasSite) return undefined;
    const own = local.map?.byKey.get('security_opt');
    if (own) return own.value.kind === 'seq' && own.via.length === 0 && !own.aliasRange ? planAppendToSeq(model, own.value, ITEM) : undefined;
    return planServiceKey(model, local, 'security_opt', ownList);
  }
  if (!e || e.def?.file !== undefined || e.def?.inherited) {
    // No list, or the effective one comes from an `extends` base or another compose file: lists
    // append across those layers, so this service's own list only needs the option.
    if (off || !local || local.aliasSite) return undefined;
    const own = local.map?.byKey.get('security_opt');
    if (own) return own.value.kind === 'seq' && own.via.length === 0 && !own.aliasRange ? planAppendToSeq(model, own.value, ITEM) : undefined;
    return planServiceKey(model, local, 'security_opt', ownList);
  }
  const def = svc.service.definitionOf(e);
  if (!def || def.aliasSite) return undefined;
  if (e.value.kind !== 'seq') return undefined;
  const seq: CSeq = e.value;

  // The list is written in this service: edit it in its own style.
  if (e.via.length === 0 && !e.aliasRange) {
    if (off) return undefined; // the false item lives in another layer: let that layer's edit do it
    return planAppendToSeq(model, seq, ITEM);
  }

  // The list comes from an anchor (merge or alias) shared with other services: give this service
  // its own list with the same items plus the setting, and leave the anchor alone.
  for (const it of seq.items) {
    const n = it.value;
    if (n.kind !== 'scalar' || it.aliasRange || n.range.start.line !== n.range.end.line) return undefined;
  }
  const items = () => [...seq.items.filter((it) => !off || it.value !== off.node).map((it) => sourceText(model, it.value)), ITEM];
  const alias = e.aliasRange;
  if (alias) return () => ({ range: alias, newText: `[${items().map((t) => (t.startsWith('"') || t.startsWith("'") ? t : flowScalar(t))).join(', ')}]` });
  return planServiceKey(model, def, 'security_opt', () => {
    const texts = items();
    const dash = sequenceIndent(model);
    return { lines: texts.map((t) => `${dash}- ${t}`), flowValue: `[${texts.join(', ')}]` };
  });
}
