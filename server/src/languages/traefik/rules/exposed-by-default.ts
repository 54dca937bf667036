import { defineMeta } from '../../../engine/meta';
import type { Finding, Fix, TextEdit } from '../../../engine/types';
import { boolOf, child, scalarOf, type TField, type TSource } from '../model';
import { insertEntryAfter, insertOption, replaceScalar } from '../edits';
import type { TraefikView } from '../view';
import { camelStyle, declsBelow, statementRange, subject, written, type TraefikRule } from './shared';

export const meta = defineMeta({
  id: 'traefik/exposed-by-default',
  language: 'traefik',
  title: 'Docker provider exposes every container by default',
  description:
    'The Docker or Swarm provider is enabled without `exposedByDefault: false`: the default is true, so every container Traefik can see gets a router, including ones never meant to be public.',
  severity: 'warning',
  fix: 'suggest',
  sources: ['M: "Never expose application ports directly"', 'M: "No application ports exposed directly (all through Traefik)"', 'Traefik docs: Docker provider, `exposedByDefault`'],
  tags: ['security', 'CWE-668'],
  securitySeverity: '5.3',
});

const NAMES: Record<string, string> = { docker: 'Docker', swarm: 'Swarm' };

export const exposedByDefault: TraefikRule = {
  meta,
  check(view) {
    const out: Finding[] = [];
    for (const src of view.staticSources) {
      const providers = child(src.root, 'providers');
      if (!providers) continue;
      for (const p of ['docker', 'swarm']) {
        const prov = child(providers.node, p);
        if (!prov || boolOf(scalarOf(prov)) === false) continue;
        const label = `${NAMES[p]} provider`;
        const ebd = child(prov.node, 'exposedbydefault');
        if (ebd) {
          const s = scalarOf(ebd);
          if (boolOf(s) !== true) continue; // false, or unknown
          const trail = [providers, prov, ebd];
          const edit = replaceScalar(view, s!, 'false', 'bool', ebd.decl?.form ?? src.form);
          out.push({
            range: statementRange(view, ebd),
            message: `${subject(view, src, trail)} is true: every container the ${label} sees gets a router, including databases and admin tools never meant to be public.`,
            fixes: edit ? [{ title: `Set "${written(src, trail, view)}" to false`, kind: 'suggest', edits: [edit] }] : [],
          });
          continue;
        }
        const where = view.where(src);
        // Enabled by a variable of an env file: say which, as the finding sits on the env_file item.
        const fromFile = src.form === 'env' ? view.envFileVarIn(prov) : undefined;
        const by = fromFile ? ` (set by "${fromFile.name}" from env_file "${fromFile.shown}")` : '';
        out.push({
          range: prov.keyRange,
          message: `The ${label}${where}${by} is enabled without "exposedByDefault: false": every container it sees gets a router by default, including databases and admin tools never meant to be public.`,
          fixes: addFix(view, src, providers, prov),
        });
      }
    }
    return out;
  },
};

function addFix(view: TraefikView, src: TSource, providers: TField, prov: TField): Fix[] {
  const camel = camelStyle(src);
  const leaf = camel ? 'exposedByDefault' : 'exposedbydefault';
  let edit: TextEdit | undefined;
  let shown: string;
  if (src.form === 'yaml' || src.form === 'toml') {
    edit = insertOption(view, prov, leaf, 'false');
    shown = `${leaf}: false`;
  } else {
    const decls = declsBelow(prov).filter((d) => d.form === src.form);
    const last = decls.reduce<(typeof decls)[number] | undefined>((a, d) => (!a || d.span.end > a.span.end ? d : a), undefined);
    if (src.form === 'flag') {
      const dashes = last ? (/^["']?(-+)/.exec(view.text.slice(last.span.start, last.span.end))?.[1] ?? '--') : '--';
      const key = `${dashes}${providers.raw}.${prov.raw}.${leaf}`;
      edit = insertEntryAfter(view, last, key, 'false', '=');
      shown = `${key}=false`;
    } else {
      const key = `${written(src, [providers, prov])}_EXPOSEDBYDEFAULT`;
      edit = insertEntryAfter(view, last, key, 'false', '=');
      shown = `${key}=false`;
    }
  }
  if (!edit) return [];
  return [{ title: `Add "${shown}" (containers then need the label traefik.enable=true)`, kind: 'suggest', edits: [edit] }];
}
