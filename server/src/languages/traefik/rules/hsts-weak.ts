import { defineMeta } from '../../../engine/meta';
import type { Finding, TextEdit } from '../../../engine/types';
import { canInsertNested, insertNested, mergeInserts, planReplaceScalar } from '../edits';
import { plannedFix } from '../../../engine/fix-plans';
import { boolOf, child, match, scalarOf } from '../model';
import type { TraefikRule } from './shared';
import { camelStyle } from './shared';
import { dynamicSourcesRead } from './graph-shared';

export const meta = defineMeta({
  id: 'traefik/hsts-weak',
  language: 'traefik',
  title: 'HSTS too short or without subdomains',
  description:
    'A headers middleware sets `stsSeconds` below one year (31536000), or sets it without `stsIncludeSubdomains` (the same for a `Strict-Transport-Security` custom response header): browsers forget the policy between visits, or an attacker can use a plain-HTTP subdomain to plant cookies.',
  severity: 'warning',
  fix: 'safe',
  sources: ['H: "HSTS with includeSubDomains configured"', 'OWASP Secure Headers Project: max-age=31536000; includeSubDomains', 'Traefik docs: Headers middleware, `stsSeconds`, `stsIncludeSubdomains`'],
  tags: ['security', 'CWE-319', 'CWE-523'],
  securitySeverity: '4.3',
});

export const HSTS_MIN_AGE = 31536000;

const SHORT = 'browsers forget the policy between visits';
const NO_SUBDOMAINS = 'an attacker can use a plain-HTTP subdomain to plant cookies or phish';
const OFF = 'Traefik sends no Strict-Transport-Security header at all';

export const hstsWeak: TraefikRule = {
  meta,
  check(view, ctx) {
    const out: Finding[] = [];
    for (const src of dynamicSourcesRead(view, ctx)) {
      const camel = camelStyle(src);
      for (const m of match(src.root, ['http', 'middlewares', '*', 'headers'])) {
        const headers = m.field;
        const who = `Middleware "${m.names[0]}"${view.where(src)}`;
        const sts = child(headers.node, 'stsseconds');
        const s = scalarOf(sts);
        if (sts && s && !s.template && s.text !== undefined && /^-?\d+$/.test(s.text.trim())) {
          const age = Number(s.text.trim());
          const inc = child(headers.node, 'stsincludesubdomains');
          const incValue = inc ? boolOf(scalarOf(inc)) : false;
          const incName = inc?.raw ?? (camel ? 'stsIncludeSubdomains' : 'stsincludesubdomains');
          const short = age < HSTS_MIN_AGE;
          const noSub = age > 0 && incValue === false;
          if (short || noSub) {
            let message: string;
            if (age <= 0) message = `${who} sets ${sts.raw} to ${age}: ${OFF}.`;
            else {
              const facts = `sets ${sts.raw} to ${age}${short ? `, under one year (${HSTS_MIN_AGE} seconds)${noSub ? ',' : ''}` : ''}${noSub ? ` without ${incName}` : ''}`;
              message = `${who} ${facts}: ${[short ? SHORT : '', noSub ? NO_SUBDOMAINS : ''].filter(Boolean).join(', and ')}.`;
            }
            const parts: Array<(() => TextEdit[]) | undefined> = [];
            if (short) parts.push(planReplaceScalar(view, s, String(HSTS_MIN_AGE), 'bool', sts.decl?.form ?? src.form));
            if (inc && incValue === false) parts.push(planReplaceScalar(view, scalarOf(inc)!, 'true', 'bool', inc.decl?.form ?? src.form));
            else if (!inc) parts.push(canInsertNested(view, src, m.trail, [], [[incName, true]]) ? () => insertNested(view, src, m.trail, [], [[incName, true]])! : undefined);
            const fixEdits = parts.every((p) => p) ? () => mergeInserts(parts.flatMap((p) => p!()))! : undefined;
            out.push({
              range: s.range,
              message,
              lazyFixes: plannedFix('safe', short ? `Set ${sts.raw} to ${HSTS_MIN_AGE} and ${incName} to true` : `Set ${incName} to true`, fixEdits),
            });
          }
        }
        // A Strict-Transport-Security custom response header.
        const custom = child(child(headers.node, 'customresponseheaders')?.node, 'strict-transport-security');
        const cs = scalarOf(custom);
        if (!custom || !cs || cs.template || cs.text === undefined || cs.text.trim() === '') continue;
        const value = cs.text.trim();
        const ma = /max-age\s*=\s*"?(\d+)"?/i.exec(value);
        if (!ma) continue;
        const age = Number(ma[1]);
        const short = age < HSTS_MIN_AGE;
        const noSub = age > 0 && !/(^|;)\s*includesubdomains\s*(;|$)/i.test(value);
        if (!short && !noSub) continue;
        const facts = age <= 0 ? ['has max-age=0'] : [short ? `has max-age=${age}, under one year (${HSTS_MIN_AGE} seconds)` : '', noSub ? 'leaves out includeSubDomains' : ''].filter(Boolean);
        const effects = age <= 0 ? ['browsers delete the policy'] : [short ? SHORT : '', noSub ? NO_SUBDOMAINS : ''].filter(Boolean);
        const strong = `max-age=${Math.max(age, HSTS_MIN_AGE)}; includeSubDomains${/(^|;)\s*preload\s*(;|$)/i.test(value) ? '; preload' : ''}`;
        const e = planReplaceScalar(view, cs, strong, 'string', custom.decl?.form ?? src.form);
        out.push({
          range: cs.range,
          message: `${who} sends Strict-Transport-Security "${value}", which ${facts.join(' and ')}: ${effects.join(', and ')}.`,
          lazyFixes: plannedFix('safe', `Set Strict-Transport-Security to "${strong}"`, e),
        });
      }
    }
    return out;
  },
};
