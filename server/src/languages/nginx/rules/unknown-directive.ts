import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import type { Finding, Rule, RuleContext } from '../../../engine/types';
import { compareVersions, type NginxDirective, type NginxModel } from '../model';
import { nginxVersion, versionLabel, type NginxVersionInfo } from '../version';
import * as reference from '../reference/index';
import { directiveShaped, placement } from './placement';

// A local copy: esbuild's CommonJS output (out/) reads imports through a getter on each use,
// and these run once per directive.
const { KNOWN_DIRECTIVES, allowedIn, entriesFor, isThirdParty, nearestDirective } = reference;

export const meta = defineMeta({
  id: 'nginx/unknown-directive',
  language: 'nginx',
  title: 'Unknown nginx directive',
  description:
    'A directive name that nginx does not know (checked against nginx.org\'s reference, common third-party modules and the project\'s nginx.directives list), or one newer than the nginx version in use: nginx refuses to start ("unknown directive"), usually because of a typo.',
  severity: 'warning',
  fix: 'suggest',
  sources: ['nginx.org directive reference (@nginx/reference-lib)', 'correctness: `nginx -t` fails with "unknown directive"'],
  peers: [],
  tags: ['correctness'],
  securitySeverity: '0.0',
  precision: 'high',
});

/** At most this many findings per file: a file of something else is not worth 5,000 of them. */
const MAX_FINDINGS = 200;

export const unknownDirective: Rule<NginxModel> = {
  meta,
  check(model, ctx) {
    const out: Finding[] = [];
    const extra = ctx.settings.nginxDirectives;
    const known = (name: string) => KNOWN_DIRECTIVES.has(name) || isThirdParty(name, extra);
    tooNew(model, ctx, out);
    const unknown = model.directives.filter((d) => d.name !== '' && !known(d.name) && directiveShaped(d));
    if (unknown.length === 0) return out;
    const place = placement(model, ctx);
    // A fragment nobody is known to include whose top level names nothing nginx knows and opens
    // no block is a list of entries (a map or geo body in a file of its own), not directives.
    const entriesFile =
      place.file.source !== 'main' &&
      place.file.source !== 'includer' &&
      !model.root.children.some((d) => d.block || known(d.name));
    for (const d of unknown) {
      if (out.length >= MAX_FINDINGS) break;
      if (!place.holdsDirectives(d.parent)) continue;
      if (entriesFile && d.parent === model.root) continue;
      out.push(finding(d, place.contextOf(d.parent)));
    }
    return out;
  },
};

/**
 * Directives newer than some nginx versions still in use, and the release that added each:
 * older builds do not know them. @nginx/reference-lib documents the current release only (no
 * "appeared in" data), so this short list is kept by hand from nginx.org's module pages.
 */
const SINCE: ReadonlyMap<string, string> = new Map([['add_header_inherit', '1.29.3']]);

/** Directives the known nginx version (configured, or an image tag beside the config) does not have yet. */
function tooNew(model: NginxModel, ctx: RuleContext, out: Finding[]): void {
  let info: NginxVersionInfo | undefined;
  for (const [name, since] of SINCE) {
    const uses = model.named(name);
    if (uses.length === 0) continue;
    info ??= nginxVersion(ctx);
    // No known version: Rampart assumes the current stable release.
    if (!info.version) return;
    if (compareVersions(info.version, since) >= 0) continue;
    for (const d of uses) {
      out.push({
        range: d.nameRange,
        message: `"${d.name}" is not available in ${versionLabel(info)}: it appeared in nginx ${since}, and older versions refuse to start ("unknown directive").`,
      });
    }
  }
}

/** "Did you mean" answers by name and place: a misdetected file repeats the same few words. */
const nearest = new Map<string, string | null>();

function finding(d: NginxDirective, where: { contexts: readonly string[]; family?: ReturnType<typeof placement>['file']['family'] }): Finding {
  // Names that fit where the directive is written win ties.
  const key = `${d.name}\0${where.family ?? ''}\0${where.contexts.join(',')}`;
  let near = nearest.get(key);
  if (near === undefined) {
    const fits = (name: string) => entriesFor(name, where.family).some((e) => where.contexts.some((c) => allowedIn(e, c)));
    near = nearestDirective(d.name, where.contexts.length > 0 ? fits : undefined) ?? null;
    if (nearest.size > 5000) nearest.clear();
    nearest.set(key, near);
  }
  const fix = near ? plannedFix('suggest', `Change to "${near}"`, () => [{ range: d.nameRange, newText: near }]) : undefined;
  if (near && near.toLowerCase() === d.name.toLowerCase().replace(/-/g, '_')) {
    return {
      range: d.nameRange,
      message: `Unknown directive "${d.name}": nginx directive names are lower case with underscores and case-sensitive, so nginx refuses to start ("unknown directive"). Did you mean "${near}"?`,
      lazyFixes: fix,
    };
  }
  return {
    range: d.nameRange,
    message: near
      ? `Unknown directive "${d.name}": nginx refuses to start ("unknown directive"). Did you mean "${near}"?`
      : `Unknown directive "${d.name}": no nginx module Rampart knows provides it, and nginx refuses to start unless one that does is loaded. If it comes from a third-party module, add it to nginx.directives in .rampart.yaml.`,
    lazyFixes: fix,
  };
}
