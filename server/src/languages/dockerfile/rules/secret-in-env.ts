import { defineMeta } from '../../../engine/meta';
import type { Finding, Range, Rule } from '../../../engine/types';
import { findCredential, isSecretName } from '../../../engine/secrets';
import type { DockerfileModel } from '../model';
import { declarations } from '../model';

export const meta = defineMeta({
  id: 'dockerfile/secret-in-env',
  language: 'dockerfile',
  title: 'Secret hard-coded in ENV, ARG or LABEL',
  description:
    'An ENV with a secret-shaped name and a literal value, or any ENV, ARG default or LABEL whose value looks like a credential (cloud keys, GitHub/GitLab/Slack/Stripe tokens, private keys, passwords in URLs). The value is committed with the Dockerfile and stored in the image config, readable by anyone who can pull the image.',
  severity: 'error',
  fix: 'none',
  sources: ['M: "No secrets in images: Never COPY or embed secrets in Dockerfiles"', 'H: "No hardcoded secrets in codebase"'],
  peers: ['DS-0031', 'DS031', 'SecretsUsedInArgOrEnv'],
  tags: ['security', 'CWE-798', 'CWE-522'],
  securitySeverity: '8.0',
});

// `$NAME`, `${NAME}` and `${NAME:?message}` only pass a value through; `${NAME:-default}` ships
// its default, so it counts as a literal.
// regex-audit: these two are quadratic alone, linear as used (strip() below).
const PASS_THROUGH_RE = /\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*(?::?\?[^}]*)?\})/g;

const DEFAULT_RE = /\$\{[A-Za-z_][A-Za-z0-9_]*:?-[^}]*\}/g;

const PLAIN_RE = /\$[A-Za-z_][A-Za-z0-9_]*/g;

/**
 * `value.replace(re, '')` in linear time: `[^}]*\}` would rescan to the end from every `${` that
 * no `}` follows (`${a-${a-${a-…`), and no braced form starts after the last `}`, so there only
 * the plain `$NAME` form (when `re` has one) is removed.
 */
function strip(value: string, re: RegExp, plainToo: boolean): string {
  const cut = value.lastIndexOf('}') + 1;
  const tail = value.slice(cut);
  return value.slice(0, cut).replace(re, '') + (plainToo ? tail.replace(PLAIN_RE, '') : tail);
}

/** True when an ENV value carries literal text of its own (not only variable references). */
export function isLiteralValue(value: string): boolean {
  const rest = strip(value, PASS_THROUGH_RE, true).trim();
  if (rest === '') return false;
  // A path into the secrets mount names where the secret is, not the secret.
  if (/^\/run\/secrets\//.test(value.trim())) return false;
  return true;
}

export const secretInEnv: Rule<DockerfileModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    for (const d of declarations(model)) {
      if (d.value === null || d.valueRange === null || d.value.trim() === '') continue;
      const valueRange = innerRange(model, d.valueRange);
      if (d.keyword === 'ENV' && isSecretName(d.name) && isLiteralValue(d.value)) {
        const onlyDefault = strip(strip(d.value, PASS_THROUGH_RE, true), DEFAULT_RE, false).trim() === '';
        out.push({
          range: d.nameRange,
          message: `ENV "${d.name}" looks like a secret and has a literal ${onlyDefault ? 'default' : 'value'}: it is stored in the image config, readable by anyone who can pull the image.`,
          secretRanges: [valueRange],
        });
        continue;
      }
      const cred = findCredential(d.value);
      if (!cred) continue;
      const why =
        d.keyword === 'ARG'
          ? 'the value is committed with the Dockerfile and recorded in the image history'
          : d.keyword === 'LABEL'
            ? 'labels are stored in the image config, readable by anyone who can pull the image'
            : 'it is stored in the image config, readable by anyone who can pull the image';
      const what = d.keyword === 'ARG' ? `ARG "${d.name}" has a default that looks like ${cred.kind}` : `${d.keyword} "${d.name}" holds what looks like ${cred.kind}`;
      out.push({ range: valueRange, message: `${what}: ${why}.`, secretRanges: [valueRange] });
    }
    return out;
  },
};

/** The value's range without its surrounding quotes. */
function innerRange(model: DockerfileModel, r: Range): Range {
  const s = model.index.offsetAt(r.start);
  const e = model.index.offsetAt(r.end);
  const raw = model.text.slice(s, e);
  if (raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0]) {
    return model.index.rangeOf(s + 1, e - 1);
  }
  return r;
}
