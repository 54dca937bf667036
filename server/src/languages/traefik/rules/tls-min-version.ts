import { defineMeta } from '../../../engine/meta';
import type { Finding } from '../../../engine/types';
import { match, scalarOf } from '../model';
import { planReplaceScalar } from '../edits';
import { plannedFix } from '../../../engine/fix-plans';
import type { TraefikRule } from './shared';

export const meta = defineMeta({
  id: 'traefik/tls-min-version',
  language: 'traefik',
  title: 'TLS option allows TLS 1.0 or 1.1',
  description:
    'A `tls.options` entry sets `minVersion` below `VersionTLS12` (or `maxVersion` below it): TLS 1.0 and 1.1 are deprecated (RFC 8996) and weaker against downgrade and padding-oracle attacks.',
  severity: 'warning',
  fix: 'safe',
  sources: ['M: "TLS 1.2+ encryption (configured by Traefik v3.1)"', 'H: TLS 1.2+', 'RFC 8996', 'Traefik docs: TLS options, `minVersion`'],
  tags: ['security', 'CWE-326', 'CWE-327'],
  securitySeverity: '5.9',
  precision: 'very-high',
});

/** Traefik's version names (`crypto/tls` constants), lower case → minor version of TLS 1.x (SSL 3.0 = -1). */
const VERSIONS: Record<string, number> = { versionssl30: -1, versiontls10: 0, versiontls11: 1, versiontls12: 2, versiontls13: 3 };
const SHOWN: Record<number, string> = { [-1]: 'SSL 3.0', 0: 'TLS 1.0', 1: 'TLS 1.1' };

export const tlsMinVersion: TraefikRule = {
  meta,
  check(view) {
    const out: Finding[] = [];
    // TLS options can only be defined by the file provider: labels cannot define them.
    for (const src of view.dynamicSources) {
      if (src.provider !== 'file') continue;
      for (const key of ['minversion', 'maxversion'] as const) {
        for (const m of match(src.root, ['tls', 'options', '*', key])) {
          const s = scalarOf(m.field);
          const text = s?.text?.trim();
          if (!s || text === undefined) continue;
          const v = VERSIONS[text.toLowerCase()];
          if (v === undefined || v >= 2) continue;
          const option = m.names[0]!;
          const target = key === 'minversion' ? 'VersionTLS12' : 'VersionTLS13';
          const edit = planReplaceScalar(view, s, target, 'string', m.field.decl?.form ?? src.form);
          const message =
            key === 'minversion'
              ? `TLS option "${option}" accepts ${SHOWN[v]} (${m.field.raw}: ${text}): TLS 1.0 and 1.1 are deprecated (RFC 8996), and a client or attacker can push connections down to them.`
              : `TLS option "${option}" caps connections at ${SHOWN[v]} (${m.field.raw}: ${text}): clients cannot negotiate TLS 1.2 or 1.3, so every connection uses a deprecated protocol (RFC 8996).`;
          out.push({
            range: s.range,
            message,
            lazyFixes: plannedFix('safe', `Set ${m.field.raw} to ${target}`, edit),
          });
        }
      }
    }
    return out;
  },
};
