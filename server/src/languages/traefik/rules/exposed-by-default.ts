import { defineMeta } from '../../../engine/meta';
import type { Finding, LazyFixes } from '../../../engine/types';
import { plannedFix } from '../../../engine/fix-plans';
import { boolOf, child, scalarOf, type TField, type TSource } from '../model';
import { canInsertEntryAfter, canInsertOption, insertEntryAfter, insertOption, planReplaceScalar } from '../edits';
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
          const edit = planReplaceScalar(view, s!, 'false', 'bool', ebd.decl?.form ?? src.form);
          out.push({
            range: statementRange(view, ebd),
            message: `${subject(view, src, trail)} is true: every container the ${label} sees gets a router, including databases and admin tools never meant to be public.`,
            lazyFixes: plannedFix('suggest', () => `Set "${written(src, trail, view)}" to false`, edit),
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
          lazyFixes: addFix(view, src, providers, prov),
        });
      }
    }
    return out;
  },
};

function addFix(view: TraefikView, src: TSource, providers: TField, prov: TField): LazyFixes | undefined {
  const camel = camelStyle(src);
  const leaf = camel ? 'exposedByDefault' : 'exposedbydefault';
  const title = (shown: string) => `Add "${shown}" (containers then need the label traefik.enable=true)`;
  if (src.form === 'yaml' || src.form === 'toml') {
    if (!canInsertOption(view, prov)) return undefined;
    return plannedFix('suggest', title(`${leaf}: false`), () => [insertOption(view, prov, leaf, 'false')!]);
  }
  const decls = declsBelow(prov).filter((d) => d.form === src.form);
  const last = decls.reduce<(typeof decls)[number] | undefined>((a, d) => (!a || d.span.end > a.span.end ? d : a), undefined);
  if (!canInsertEntryAfter(view, last)) return undefined;
  const key = () => {
    if (src.form !== 'flag') return `${written(src, [providers, prov])}_EXPOSEDBYDEFAULT`;
    const dashes = last ? (/^["']?(-+)/.exec(view.text.slice(last.span.start, last.span.end))?.[1] ?? '--') : '--';
    return `${dashes}${providers.raw}.${prov.raw}.${leaf}`;
  };
  return { best: 'suggest', make: () => [{ title: title(`${key()}=false`), kind: 'suggest', edits: [insertEntryAfter(view, last, key(), 'false', '=')!] }] };
}
