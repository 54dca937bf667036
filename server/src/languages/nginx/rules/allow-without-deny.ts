import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import type { Finding, Rule } from '../../../engine/types';
import type { NginxBlock, NginxModel } from '../model';
import { inherited, insertAfter, isEveryone, levelDirectives } from './facts';
import { where } from './util';

export const meta = defineMeta({
  id: 'nginx/allow-without-deny',
  language: 'nginx',
  title: '"allow" without "deny all"',
  description:
    'nginx lets every client through unless a deny rule stops it, so allow rules with no deny in the same block restrict nothing: the resource they were meant to protect is open to everyone.',
  severity: 'warning',
  fix: 'safe',
  sources: ['gixy allow_without_deny', 'H: "Metrics endpoint restricted to internal networks only"'],
  peers: ['allow_without_deny'],
  tags: ['security', 'CWE-284'],
  securitySeverity: '5.3',
});

const AUTH = ['auth_basic', 'auth_request', 'auth_jwt'];

export const allowWithoutDeny: Rule<NginxModel> = {
  meta,
  check(model, ctx) {
    const out: Finding[] = [];
    const seen = new Set<NginxBlock>();
    for (const d of model.named('allow')) {
      const block = d.parent;
      if (seen.has(block)) continue;
      seen.add(block);
      const own = block.children.filter((c) => c.name === 'allow' || c.name === 'deny');
      const allows = own.filter((c) => c.name === 'allow');
      // `allow all` states the intent (a deny list, or reopening a nested location).
      if (allows.some((a) => isEveryone(a.args[0]?.value.toLowerCase()))) continue;
      if (own.some((c) => c.name === 'deny')) continue;
      const view = levelDirectives(ctx, model, block);
      if (view.unknown || view.directives.some((c) => c.name === 'deny')) continue;
      // A fragment's top level is part of its includer's block: a deny there covers these allows.
      if (!block.parent && model.fragment) {
        const level = inherited(model, ctx, block, ['allow', 'deny'], true);
        if (!level.complete || level.directives.some((c) => c.name === 'deny')) continue;
      }
      if (satisfyAnyWithAuth(model, ctx, block)) continue;
      const first = allows[0]!;
      const last = allows[allows.length - 1]!;
      const list = allows.map((a) => a.args.map((x) => x.value).join(' '));
      const shown = list.length > 3 ? [...list.slice(0, 3), '…'] : list;
      out.push({
        range: { start: first.nameRange.start, end: model.index.positionAt(last.end) },
        message: `${allows.length === 1 ? 'The allow rule' : 'The allow rules'}${where(first)} (${shown.join(', ')}) ${allows.length === 1 ? 'has' : 'have'} no "deny all" after ${allows.length === 1 ? 'it' : 'them'}: nginx lets every other client through too, so ${allows.length === 1 ? 'it restricts' : 'they restrict'} nothing.`,
        lazyFixes: plannedFix('safe', 'Add "deny all;" after the allow rules', () => [insertAfter(model.index, last, ['deny all;'])]),
      });
    }
    return out;
  },
};

/**
 * `satisfy any` with an auth module in effect: clients outside the allow list must authenticate,
 * so the list is an "IP or password" rule and needs no deny.
 */
function satisfyAnyWithAuth(model: NginxModel, ctx: Parameters<Rule<NginxModel>['check']>[1], block: NginxBlock): boolean {
  const satisfy = inherited(model, ctx, block, ['satisfy'], false).directives[0];
  if (satisfy?.args[0]?.value.toLowerCase() !== 'any') return false;
  return AUTH.some((name) => {
    const d = inherited(model, ctx, block, [name], false).directives[0];
    return d !== undefined && d.args[0]?.value.toLowerCase() !== 'off';
  });
}
