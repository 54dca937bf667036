import { defineMeta } from '../../../engine/meta';
import type { Finding } from '../../../engine/types';
import { at, scalarOf } from '../model';
import { planReplaceScalar } from '../edits';
import { plannedFix } from '../../../engine/fix-plans';
import { subject, type TraefikRule } from './shared';

export const meta = defineMeta({
  id: 'traefik/debug-log',
  language: 'traefik',
  title: 'Traefik logs at debug level',
  description:
    '`log.level` is DEBUG (or TRACE): Traefik logs the configuration it receives from providers, including middleware settings such as basic-auth hashes and forwarded credentials, and request details, into logs that are rarely protected like secrets.',
  severity: 'info',
  fix: 'safe',
  sources: ['M: "Never log secrets"', 'Traefik docs: logs, `log.level`'],
  tags: ['security', 'CWE-532'],
  securitySeverity: '3.1',
  precision: 'very-high',
});

const NOISY = new Set(['debug', 'trace']);

export const debugLog: TraefikRule = {
  meta,
  check(view) {
    const out: Finding[] = [];
    for (const src of view.staticSources) {
      const f = at(src.root, ['log', 'level']);
      const s = scalarOf(f);
      const text = s?.text?.trim();
      if (!f || !s || !text || !NOISY.has(text.toLowerCase())) continue;
      const level = text === text.toLowerCase() ? 'info' : 'INFO';
      const edit = planReplaceScalar(view, s, level, 'string', f.decl?.form ?? src.form);
      out.push({
        range: s.implicit ? f.keyRange : s.range,
        message: `${subject(view, src, [src.root.byName.get('log')!, f])} is ${text}: Traefik then logs the configuration it receives from providers (basic-auth hashes and credentials in middlewares included) and request details, and logs are rarely guarded like secrets.`,
        lazyFixes: plannedFix('safe', `Set the log level to ${level}`, edit),
      });
    }
    return out;
  },
};
