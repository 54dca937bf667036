import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule } from '../../../engine/types';
import type { NginxModel } from '../model';
import { CSP, dynamic, headerDirectives, missingFindings, parseCsp, sent } from './headers';
import { listWords, where } from './util';

export const meta = defineMeta({
  id: 'nginx/csp-missing',
  language: 'nginx',
  title: 'No Content-Security-Policy, or one that lets injected scripts run',
  description:
    "A server that serves content sends no Content-Security-Policy, or its policy for scripts (script-src, else default-src) allows 'unsafe-inline', 'unsafe-eval' or *: an HTML injection then becomes a working cross-site scripting attack.",
  severity: 'info',
  fix: 'suggest',
  sources: ['H: "Content-Security-Policy configured"', 'M (Coming Soon): "Custom security headers (CSP, HSTS, X-Frame-Options)"', "OWASP Secure Headers Project: Content-Security-Policy (default-src 'self'; object-src 'none'; …)"],
  peers: [],
  tags: ['security', 'CWE-693', 'CWE-79'],
  securitySeverity: '4.3',
});

/** A starter policy: same-origin resources only, no plugins, no framing by other sites. */
export const STARTER_CSP = "default-src 'self'; frame-ancestors 'self'; object-src 'none'; base-uri 'self'";

/** What a policy lets scripts do that it should not, empty when scripts are restricted. */
export function scriptProblems(value: string): { problems: string[]; directive?: string } {
  const csp = parseCsp(value);
  const directive = csp.has('script-src') ? 'script-src' : csp.has('default-src') ? 'default-src' : undefined;
  if (!directive) return { problems: ['no-script-policy'] };
  const sources = csp.get(directive)!.map((s) => s.toLowerCase());
  const strictDynamic = sources.includes("'strict-dynamic'");
  // A nonce or hash makes browsers ignore 'unsafe-inline' (CSP level 2 and later).
  const nonceOrHash = sources.some((s) => /^'(nonce-|sha256-|sha384-|sha512-)/.test(s));
  const problems: string[] = [];
  if (sources.includes("'unsafe-inline'") && !nonceOrHash && !strictDynamic) problems.push("'unsafe-inline'");
  if (sources.includes("'unsafe-eval'")) problems.push("'unsafe-eval'");
  if (sources.includes('*') && !strictDynamic) problems.push('*');
  return { problems, directive };
}

/** A policy built at run time (beyond a per-request nonce) is not judged. */
function runtime(value: string): boolean {
  return dynamic(value.replace(/'nonce-[^']*'/gi, ''));
}

export const cspMissing: Rule<NginxModel> = {
  meta,
  check(model, ctx) {
    const out: Finding[] = missingFindings(model, ctx, {
      key: CSP,
      message: (subject) =>
        `${subject} sends no Content-Security-Policy header: nothing limits where scripts, frames and plugins load from, so an HTML injection becomes a working cross-site scripting attack.`,
      statement: `add_header Content-Security-Policy "${STARTER_CSP}" always;`,
      label: 'a starter Content-Security-Policy',
      kind: 'suggest',
      titleSuffix: ', then adjust it to the site',
    });
    const all = headerDirectives(model).filter((e) => e.key === CSP && sent(e));
    for (const e of all) {
      if (runtime(e.value)) continue;
      const { problems, directive } = scriptProblems(e.value);
      if (problems.length === 0) continue;
      // Browsers enforce every policy sent: a sibling policy that restricts scripts is enough.
      const restricted = all.some((o) => o !== e && o.directive.parent === e.directive.parent && !runtime(o.value) && scriptProblems(o.value).problems.length === 0);
      if (restricted) continue;
      out.push({
        range: e.valueArg.range,
        message:
          problems[0] === 'no-script-policy'
            ? `Content-Security-Policy${where(e.directive)} sets neither script-src nor default-src: scripts may load from anywhere and run inline, so the policy does not stop cross-site scripting.`
            : `Content-Security-Policy${where(e.directive)} allows ${listWords(problems)} in ${directive}${directive === 'default-src' ? ' (which governs scripts)' : ''}: injected code can run, so the policy does not stop cross-site scripting.`,
      });
    }
    return out;
  },
};
