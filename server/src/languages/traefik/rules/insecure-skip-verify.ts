import { defineMeta } from '../../../engine/meta';
import type { Finding } from '../../../engine/types';
import { boolOf, scalarOf, type TField } from '../model';
import { planReplaceScalar } from '../edits';
import { plannedFix } from '../../../engine/fix-plans';
import { fieldsNamed, statementRange, subject, written, type TraefikRule } from './shared';
import { dynamicSourcesRead } from './graph-shared';

export const meta = defineMeta({
  id: 'traefik/insecure-skip-verify',
  language: 'traefik',
  title: 'TLS certificate verification turned off',
  description:
    '`insecureSkipVerify: true` in a servers transport, a forwardAuth middleware or a provider endpoint: Traefik accepts any certificate, so whoever can intercept the connection can impersonate the other end.',
  severity: 'error',
  fix: 'suggest',
  sources: ['Traefik docs: serversTransport `insecureSkipVerify`', 'OWASP: Improper certificate validation'],
  tags: ['security', 'CWE-295'],
  securitySeverity: '7.4',
  precision: 'very-high',
});

/** What the connection is, from where the option sits. */
function peerOf(trail: readonly TField[]): string {
  const n = trail.map((f) => f.name);
  const raw = trail.map((f) => f.raw);
  if (n[0] === 'serverstransport' || n[0] === 'tcpserverstransport') return 'every backend server';
  if (n[0] === 'providers') return n[1] === 'docker' || n[1] === 'swarm' ? 'the Docker API' : `the ${raw[1]} provider's endpoint`;
  if ((n[0] === 'http' || n[0] === 'tcp') && n[1] === 'serverstransports') return `the backend servers of serversTransport "${raw[2]}"`;
  if (n[0] === 'http' && n[1] === 'middlewares' && n[3] === 'forwardauth') return `the authentication server of forwardAuth middleware "${raw[2]}"`;
  return 'the server at the other end';
}

export const insecureSkipVerify: TraefikRule = {
  meta,
  check(view, ctx) {
    const out: Finding[] = [];
    const roots = new Set<object>();
    for (const src of [...view.staticSources, ...dynamicSourcesRead(view, ctx)]) {
      // A file that is both static and dynamic is one tree: judge it once.
      if (roots.has(src.root)) continue;
      roots.add(src.root);
      for (const { field, trail } of fieldsNamed(src.root, 'insecureskipverify')) {
        const s = scalarOf(field);
        if (boolOf(s) !== true) continue;
        const edit = planReplaceScalar(view, s!, 'false', 'bool', field.decl?.form ?? src.form);
        out.push({
          range: statementRange(view, field),
          message: `${subject(view, src, trail)} is true: Traefik accepts any certificate from ${peerOf(trail)}, so anyone who can intercept the connection can impersonate it and read or change the traffic.`,
          lazyFixes: plannedFix('suggest', () => `Set "${written(src, trail, view)}" to false`, edit),
        });
      }
    }
    return out;
  },
};
