import { defineMeta } from '../../../engine/meta';
import type { Finding } from '../../../engine/types';
import { at, boolOf, child, scalarOf } from '../model';
import { planReplaceScalar } from '../edits';
import { plannedFix } from '../../../engine/fix-plans';
import { statementRange, subject, written, type TraefikRule } from './shared';

export const meta = defineMeta({
  id: 'traefik/api-insecure',
  language: 'traefik',
  title: 'Traefik API and dashboard served without authentication',
  description:
    '`api.insecure` serves the Traefik API and dashboard on the `traefik` entry point (port 8080) with no authentication: anyone who reaches the port reads the whole routing configuration.',
  severity: 'error',
  fix: 'suggest',
  sources: ['M: "Restrict Traefik dashboard (8081) to localhost only"', 'M: "Traefik dashboard access restricted"', 'Traefik docs: API, `insecure`'],
  tags: ['security', 'CWE-306', 'CWE-200'],
  securitySeverity: '8.2',
  precision: 'very-high',
});

export const apiInsecure: TraefikRule = {
  meta,
  check(view) {
    const out: Finding[] = [];
    for (const src of view.staticSources) {
      const api = child(src.root, 'api');
      if (!api) continue;
      // `--api=false` turns the API off altogether.
      if (boolOf(scalarOf(api)) === false) continue;
      const f = at(api.node, ['insecure']);
      const s = scalarOf(f);
      if (!f || boolOf(s) !== true) continue;
      const trail = [api, f];
      const name = written(src, trail, view);
      const edit = planReplaceScalar(view, s!, 'false', 'bool', f.decl?.form ?? src.form);
      out.push({
        range: statementRange(view, f),
        message: `${subject(view, src, trail)} is true: Traefik serves its API and dashboard without authentication on the "traefik" entry point (port 8080), so anyone who reaches that port can read every router, service and middleware.`,
        lazyFixes: plannedFix('suggest', `Set "${name}" to false`, edit),
      });
    }
    return out;
  },
};
