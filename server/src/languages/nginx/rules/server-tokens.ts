import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import { canInsertFirst } from './facts';
import type { Finding, Rule, RuleContext } from '../../../engine/types';
import type { NginxDirective, NginxModel } from '../model';
import { includes } from '../includes';
import { insertFirstInBlock, where } from './util';

export const meta = defineMeta({
  id: 'nginx/server-tokens',
  language: 'nginx',
  title: 'nginx discloses its version',
  description:
    'server_tokens is not off: nginx puts its version in the Server response header and on its error pages, telling attackers which known vulnerabilities to try.',
  severity: 'info',
  fix: 'safe',
  sources: ['gixy version_disclosure', 'nginx docs: server_tokens (default "on")'],
  peers: ['version_disclosure'],
  tags: ['security', 'CWE-200'],
  securitySeverity: '2.0',
});

export const serverTokens: Rule<NginxModel> = {
  meta,
  check(model, ctx) {
    const out: Finding[] = [];
    for (const d of model.named('server_tokens')) {
      if (d.parent.kind === 'hash' || d.parent.kind === 'main') continue;
      const v = d.args[0];
      if (!v || d.args.length !== 1) continue;
      const value = v.value.toLowerCase();
      if (value !== 'on' && value !== 'build') continue;
      out.push({
        range: v.range,
        message:
          value === 'on'
            ? `"server_tokens on"${where(d)} sends the nginx version in the Server header and on error pages: attackers learn which known vulnerabilities apply.`
            : `"server_tokens build"${where(d)} sends the nginx version and build name in the Server header and on error pages: attackers learn which known vulnerabilities apply.`,
        lazyFixes: plannedFix('safe', 'Set server_tokens off', () => [{ range: v.range, newText: 'off' }]),
      });
    }

    // Missing: only when this file holds the http block (a fragment's includer may set it).
    const http = model.http;
    if (http?.block && !http.block.children.some((d) => d.name === 'server_tokens')) {
      const seen = includedSetting(model, http.block.children.filter((d) => d.name === 'include'), ctx);
      if (seen !== 'set') {
        const block = http.block;
        const edit = canInsertFirst(block) ? () => [insertFirstInBlock(model.index, block, 'server_tokens off;')!] : undefined;
        out.push({
          range: http.nameRange,
          message:
            'The http block does not set "server_tokens off": nginx sends its version in the Server header and on error pages (the default is on), telling attackers which known vulnerabilities apply.',
          lazyFixes:
            seen === 'unknown'
              ? plannedFix('suggest', 'Add "server_tokens off;" to the http block (check that no included file sets it too)', edit)
              : plannedFix('safe', 'Add "server_tokens off;" to the http block', edit),
        });
      }
    }
    return out;
  },
};

/**
 * Whether the http block's includes set server_tokens at their top level: `set`, `unset` (every
 * include was read, or is a stock file that cannot), or `unknown` (a glob or an unreadable file).
 */
function includedSetting(model: NginxModel, list: NginxDirective[], ctx: RuleContext): 'set' | 'unset' | 'unknown' {
  let unknown = false;
  const resolver = includes(ctx, model);
  for (const inc of list) {
    const r = resolver.resolve(inc);
    if (!r.complete) unknown = true;
    if (r.files.some((f) => f.model.root.children.some((d) => d.name === 'server_tokens'))) return 'set';
  }
  return unknown ? 'unknown' : 'unset';
}
