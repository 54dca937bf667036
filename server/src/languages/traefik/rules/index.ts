// Every traefik/* rule, in catalog order. Each rule judges a TraefikView, so the same rule runs
// on Traefik files (YAML/TOML) and, hosted by the compose plugin, on compose files (labels,
// flags, env): its findings keep their traefik/* id while the file's language stays `compose`.
// Adding a rule: one file here plus its docs page and fixtures; the fixture test fails until
// they exist.
import type { Finding, Rule } from '../../../engine/types';
import { comparePositions, rangesOverlap } from '../../../engine/text';
import type { ComposeModel } from '../../compose/model';
import type { TraefikDocument } from '../parse';
import { traefikView, traefikViewOfCompose, type TraefikView } from '../view';
import type { TraefikRule } from './shared';
import { apiInsecure } from './api-insecure';
import { tlsMinVersion } from './tls-min-version';
import { weakCipherSuites } from './weak-cipher-suites';
import { exposedByDefault } from './exposed-by-default';
import { insecureSkipVerify } from './insecure-skip-verify';
import { basicAuthDollar } from './basic-auth-dollar';
import { deprecatedOption } from './deprecated-option';
import { swarmModeRemoved } from './swarm-mode-removed';
import { staticConfigConflict } from './static-config-conflict';
import { debugLog } from './debug-log';
import { forwardedHeadersInsecure } from './forwarded-headers-insecure';
import { acmeStorageExposed } from './acme-storage-exposed';
import { dashboardNoAuth } from './dashboard-no-auth';
import { httpNoRedirect } from './http-no-redirect';
import { securityHeadersMissing } from './security-headers-missing';
import { hstsWeak } from './hsts-weak';
import { rateLimitMissing } from './rate-limit-missing';
import { routerWithoutTls } from './router-without-tls';
import { middlewareUndefined } from './middleware-undefined';

export const traefikRuleList: TraefikRule[] = [
  apiInsecure,
  dashboardNoAuth,
  httpNoRedirect,
  tlsMinVersion,
  weakCipherSuites,
  exposedByDefault,
  securityHeadersMissing,
  hstsWeak,
  rateLimitMissing,
  insecureSkipVerify,
  routerWithoutTls,
  middlewareUndefined,
  basicAuthDollar,
  deprecatedOption,
  swarmModeRemoved,
  staticConfigConflict,
  debugLog,
  forwardedHeadersInsecure,
  acmeStorageExposed,
];

/** The rules as the traefik plugin runs them on Traefik files. */
export const traefikRules: Rule<TraefikDocument>[] = traefikRuleList.map((r) => ({ meta: r.meta, check: (doc, ctx) => r.check(traefikView(doc, ctx), ctx) }));

/** The same rules as the compose plugin runs them on compose files. */
export const traefikComposeRules: Rule<ComposeModel>[] = traefikRuleList.map((r) => ({
  meta: r.meta,
  check: (model, ctx) => {
    const view = traefikViewOfCompose(model, ctx);
    // Findings only ever go to the linted file, at a Traefik label, flag, variable or service of
    // its own: a compose file with none has nothing to judge, and its workspace graph (the nearby
    // compose files, the static configuration up the tree) need not be built. Most compose files
    // of a workspace do not run Traefik.
    if (view.sources.length === 0 && view.services.length === 0) return [];
    return envFileNotes(view, r.check(view, ctx));
  },
}));

/**
 * A finding about a variable of an `env_file` sits on the `env_file` item that reads it (the
 * message names the variable and the file): it also points at the variable's line in that file,
 * and keeps no fix that would edit the item, since the value is not written in the compose file.
 */
function envFileNotes(view: TraefikView, findings: Finding[]): Finding[] {
  const vars = view.services.flatMap((s) => s.envFileVars);
  if (vars.length === 0) return findings;
  for (const f of findings) {
    const v = vars.find((x) => comparePositions(x.range.start, f.range.start) === 0 && comparePositions(x.range.end, f.range.end) === 0 && f.message.includes(`"${x.name}"`));
    if (!v) continue;
    f.related = [...(f.related ?? []), { path: v.path, range: v.line, message: `${v.name} is set here` }];
    // Which fixes remain depends on their edits: built here (a finding on an env_file variable is rare).
    if (f.lazyFixes) {
      f.fixes = f.lazyFixes.make();
      f.lazyFixes = undefined;
    }
    if (f.fixes) f.fixes = f.fixes.filter((fix) => !fix.edits.some((e) => rangesOverlap(e.range, v.range)));
  }
  return findings;
}
