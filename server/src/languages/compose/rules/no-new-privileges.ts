import { defineMeta } from '../../../engine/meta';
import type { Finding, Fix, Rule, TextEdit } from '../../../engine/types';
import type { ComposeModel } from '../model';
import type { CSeq } from '../tree';
import { composeView, goParseBool, type SecurityOpt, type ServiceView } from '../view';
import { appendToSeq, flowScalar, insertServiceKey, sequenceIndent, sourceText } from '../edits';
import { mergeRelated, provenanceNote } from './shared';

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
    // An override file is merged with its base, which may set the option.
    if (model.isOverride) return [];
    const view = composeView(model, ctx);
    const out: Finding[] = [];
    for (const svc of view.services) {
      // The base service of `extends` may set it (resolved in a later increment).
      if (svc.service.has('extends')) continue;
      const opts = svc.securityOpt;
      // An option Rampart cannot read might be the one: unknown is never reported.
      if (opts.some((o) => o.value.text === undefined)) continue;
      const nnp = opts.filter((o) => o.name === 'no-new-privileges');
      const last = nnp[nnp.length - 1];
      if (last) {
        const on = last.arg === undefined ? true : goParseBool(last.arg);
        if (on !== false) continue; // true, or a value Docker rejects (not this rule's business)
        out.push({
          range: last.range,
          message: `Service "${svc.name}" sets no-new-privileges to false${provenanceNote(last.value)}: setuid binaries in the container can raise the privileges of any process.`,
          related: mergeRelated(svc.name, last.via),
          fixes: fixFor(model, svc, last),
        });
        continue;
      }
      out.push({
        range: svc.keyRange,
        message: `Service "${svc.name}" does not set no-new-privileges: setuid binaries in the container can raise the privileges of any process.`,
        fixes: fixFor(model, svc, undefined),
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

function fixFor(model: ComposeModel, svc: ServiceView, off: SecurityOpt | undefined): Fix[] {
  const title = `Add "${ITEM}" to service "${svc.name}"`;
  const edit = editFor(model, svc, off);
  return edit ? [{ title: off ? `Set "${ITEM}" in service "${svc.name}"` : title, kind: 'safe', edits: [edit] }] : [];
}

function editFor(model: ComposeModel, svc: ServiceView, off: SecurityOpt | undefined): TextEdit | undefined {
  const e = svc.entry('security_opt');
  const def = e ? svc.service.definitionOf(e) : svc.service.definitions[0];
  if (!def || def.aliasSite) return undefined;
  if (!e) return insertServiceKey(model, def, 'security_opt', { lines: [`${sequenceIndent(model)}- ${ITEM}`], flowValue: `[${ITEM}]` });
  if (e.value.kind !== 'seq') return undefined;
  const seq: CSeq = e.value;
  const ownItem = off && seq.items.some((it) => it.value === off.node) ? off : undefined;

  // The list is written in this service: edit it in its own style.
  if (e.via.length === 0 && !e.aliasRange) {
    if (off && ownItem) {
      const sep = off.sep ?? ':';
      return { range: off.node.range, newText: quoteLike(sourceText(model, off.node), `no-new-privileges${sep}true`) };
    }
    if (off) return undefined; // the false item lives in another layer: let that layer's edit do it
    return appendToSeq(model, seq, ITEM);
  }

  // The list comes from an anchor (merge or alias) shared with other services: give this service
  // its own list with the same items plus the setting, and leave the anchor alone.
  const items: string[] = [];
  for (const it of seq.items) {
    const n = it.value;
    if (n.kind !== 'scalar' || it.aliasRange || n.range.start.line !== n.range.end.line) return undefined;
    if (off && n === off.node) continue;
    items.push(sourceText(model, n));
  }
  items.push(ITEM);
  if (e.aliasRange) return { range: e.aliasRange, newText: `[${items.map((t) => (t.startsWith('"') || t.startsWith("'") ? t : flowScalar(t))).join(', ')}]` };
  const dash = sequenceIndent(model);
  return insertServiceKey(model, def, 'security_opt', { lines: items.map((t) => `${dash}- ${t}`), flowValue: `[${items.join(', ')}]` });
}
