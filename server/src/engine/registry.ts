// The rule registry: every language plugin and every rule's metadata, in one place. The
// `rules` command, SARIF rule metadata, the settings enum, the config schema and the README
// rule index are derived from (or tested against) this list.
import type { LanguagePlugin, RuleMeta } from './types';
import { dockerfilePlugin } from '../languages/dockerfile/plugin';
import { composePlugin } from '../languages/compose/plugin';
import { nginxPlugin } from '../languages/nginx/plugin';
import { traefikPlugin } from '../languages/traefik/plugin';
import { parseErrorMeta } from './rules/parse-error';
import { internalErrorMeta } from './rules/internal-error';
import { ignoreNeedsRuleMeta } from './rules/ignore-needs-rule';
import { unusedIgnoreMeta } from './rules/unused-ignore';
import { fileTooLargeMeta } from './rules/file-too-large';
import { configErrorMeta } from './rules/config-error';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const plugins: LanguagePlugin<any>[] = [dockerfilePlugin, composePlugin, nginxPlugin, traefikPlugin];

/** Rampart's own rules: the engine's (parse errors, suppressions, rule failures) and the server's (skipped files, config problems). */
export const engineRules: RuleMeta[] = [parseErrorMeta, ignoreNeedsRuleMeta, unusedIgnoreMeta, internalErrorMeta, fileTooLargeMeta, configErrorMeta];

/**
 * Every rule's metadata, Rampart's own first, then by language in catalog order. A plugin may
 * also run another language's rules (the compose plugin runs traefik/* rules on labels, flags
 * and env): each id is listed once, under its own language.
 */
export const allRules: RuleMeta[] = (() => {
  const metas = [...engineRules, ...plugins.flatMap((p) => p.rules.map((r) => r.meta))];
  const seen = new Set<string>();
  const own = metas.filter((m) => !seen.has(m.id) && !!seen.add(m.id));
  const order = ['rampart', ...plugins.map((p) => p.language)];
  return own.sort((a, b) => order.indexOf(a.language) - order.indexOf(b.language));
})();

const byId = new Map(allRules.map((m) => [m.id, m]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return byId.get(id);
}

/** Rules whose registry entry lists this peer id (hadolint `DL3002`, BuildKit `SecretsUsedInArgOrEnv` …). */
const byPeer = new Map<string, RuleMeta[]>();
for (const m of allRules) {
  for (const p of m.peers) {
    const key = p.toLowerCase();
    const list = byPeer.get(key) ?? [];
    list.push(m);
    byPeer.set(key, list);
  }
}

export function rulesForPeer(peerId: string): RuleMeta[] {
  return byPeer.get(peerId.toLowerCase()) ?? [];
}
