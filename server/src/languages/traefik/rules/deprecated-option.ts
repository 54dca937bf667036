import { defineMeta } from '../../../engine/meta';
import type { Finding } from '../../../engine/types';
import { plannedFix } from '../../../engine/fix-plans';
import { match, type Match, type TSource } from '../model';
import { canRemoveStatement, canRenameKey, removeStatement, renameKey } from '../edits';
import { compareVersion, isKnownVersion, traefikVersionPhrase, type TraefikVersion } from '../version';
import type { TraefikView } from '../view';
import { statementRange, type TraefikRule } from './shared';
import { dynamicSourcesRead } from './graph-shared';

export const meta = defineMeta({
  id: 'traefik/deprecated-option',
  language: 'traefik',
  title: 'Option removed or renamed in the Traefik version in use',
  description:
    'An option Traefik renamed or stopped applying: `ipWhiteList` (now `ipAllowList`, since v2.11), and the headers options `sslRedirect`, `sslTemporaryRedirect`, `sslHost`, `sslForceHost` and `featurePolicy`, which v3 still parses but ignores.',
  severity: 'warning',
  fix: 'safe',
  sources: ['Traefik migration guide v2 to v3 (headers middleware, IPWhiteList)', 'Traefik v2.11 release notes: IPAllowList'],
  tags: ['security', 'correctness'],
  securitySeverity: '4.0',
  precision: 'very-high',
});

/** Headers options v3 parses and ignores, with what the user loses. */
const IGNORED_HEADERS: Record<string, string> = {
  sslredirect: 'requests are not redirected to HTTPS',
  ssltemporaryredirect: 'requests are not redirected to HTTPS',
  sslhost: 'no HTTPS redirect host is applied',
  sslforcehost: 'no HTTPS redirect host is applied',
  featurepolicy: 'no Feature-Policy header is sent (browsers now read Permissions-Policy, set with permissionsPolicy)',
};

export const deprecatedOption: TraefikRule = {
  meta,
  check(view, ctx) {
    const out: Finding[] = [];
    for (const src of dynamicSourcesRead(view, ctx)) {
      const version = view.versionOf(src);
      // A version nothing names is assumed current: the edits are right for it, but the user
      // must confirm (on v2.10 and older a renamed or removed option breaks the middleware).
      const kind = isKnownVersion(version) ? 'safe' : 'suggest';
      if (compareVersion(version, { major: 2, minor: 11 }) >= 0) {
        for (const proto of ['http', 'tcp']) {
          for (const m of match(src.root, [proto, 'middlewares', '*', 'ipwhitelist'])) out.push(ipWhiteList(view, src, m, version));
        }
      }
      if (version.major >= 3) {
        for (const m of match(src.root, ['http', 'middlewares', '*', 'headers'])) {
          const headers = m.field.node;
          if (headers.kind !== 'map') continue;
          const ignored = headers.fields.filter((f) => f.name in IGNORED_HEADERS);
          if (ignored.length === 0) continue;
          // Removing them is safe only while the middleware keeps an option that works.
          const keepsOne = headers.fields.some((f) => !(f.name in IGNORED_HEADERS));
          for (const f of ignored) {
            const edit = keepsOne && canRemoveStatement(view, f.decl) ? () => [removeStatement(view, f.decl)!] : undefined;
            out.push({
              range: statementRange(view, f),
              message: `Headers option "${f.raw}" of middleware "${m.names[0]}"${view.where(src)} does nothing on ${traefikVersionPhrase(version)}: v3 still accepts it but ignores it, so ${IGNORED_HEADERS[f.name]}.`,
              lazyFixes: plannedFix(kind, `Remove "${f.raw}" (ignored by Traefik v3)`, edit),
            });
          }
        }
      }
    }
    return out;
  },
};

function ipWhiteList(view: TraefikView, src: TSource, m: Match, version: TraefikVersion): Finding {
  const known = isKnownVersion(version);
  const edits = canRenameKey(m.field) ? () => renameKey(m.field, 'ipAllowList')! : undefined;
  return {
    range: m.field.keyRange,
    message: `Middleware "${m.names[0]}"${view.where(src)} uses "${m.field.raw}", renamed "ipAllowList" in Traefik v2.11: the old name is deprecated and goes away in a future release, taking the allow-list with it.`,
    lazyFixes: plannedFix(known ? 'safe' : 'suggest', `Rename "${m.field.raw}" to "ipAllowList"${known ? '' : ' (needs Traefik v2.11 or later)'}`, edits),
  };
}
