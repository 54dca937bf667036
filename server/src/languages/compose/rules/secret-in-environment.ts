import { defineMeta } from '../../../engine/meta';
import type { Finding, Range, Rule } from '../../../engine/types';
import { findCredential, isSecretName } from '../../../engine/secrets';
import type { ComposeModel } from '../model';
import { interpolate } from '../interpolate';
import { scalarText } from '../tree';
import { subRange, type KeyValue, type ServiceView } from '../view';
import { projectView } from '../project';
import { fromBaseFile, originRelated } from './shared';

export const meta = defineMeta({
  id: 'compose/secret-in-environment',
  language: 'compose',
  title: 'Secret written into environment or build args',
  description:
    'An `environment` entry or `build.args` with a secret-shaped name and a literal value (a literal `${VAR:-default}` included), or any value that looks like a credential. The value is committed with the compose file, readable with `docker inspect`, and build arguments are kept in the image history.',
  severity: 'error',
  fix: 'none',
  sources: [
    'M: "Environment variables stored in SQLite database (plaintext) … Also passed as `--build-arg` during image builds … Visible in `docker inspect` output on the host"',
    'M: "Never commit secrets to Git repositories"',
    'compose-lint CL-0020 (credential-shaped key with a literal value), CL-0021 (credentials in URLs)',
    'KICS: Passwords And Secrets (generic query)',
  ],
  peers: ['CL-0020', 'CL-0021'],
  tags: ['security', 'CWE-798', 'CWE-522', 'CWE-214'],
  securitySeverity: '8.0',
});

const NO_ENV: ReadonlyMap<string, string | null> = new Map();

// isSecretName splits and lower-cases the name with regexes; the same few names (`PORT`, `TZ`,
// `DATABASE_URL`) recur in every service and on every keystroke, so the verdicts are kept.
const secretNames = new Map<string, boolean>();
const SECRET_NAMES_MAX = 4096;

function secretName(name: string): boolean {
  let v = secretNames.get(name);
  if (v === undefined) {
    v = isSecretName(name);
    if (secretNames.size >= SECRET_NAMES_MAX) secretNames.clear();
    secretNames.set(name, v);
  }
  return v;
}

/** Boolean flags (`MYSQL_RANDOM_ROOT_PASSWORD: "yes"`) switch a behaviour; they hold no secret. */
const FLAG = /^(?:y|yes|n|no|true|false|on|off|0|1)$/i;

interface Literal {
  /** What ships when no variable is set (`${VAR:-admin}` ships `admin`); undefined when a variable decides. */
  value?: string;
  /** True when the literal text is a variable's default. */
  fromDefault: boolean;
}

/**
 * The value a compose file itself supplies: the text after interpolation with no variable set
 * (Rampart does not count on the `.env`: it is a separate file, and `compose/env-file-committed`
 * looks at it). `${VAR}` and `${VAR:?err}` leave it to the environment; `${VAR:-d}` ships `d`.
 */
function literalOf(raw: string): Literal {
  const iv = interpolate(raw, NO_ENV);
  if (iv.value === undefined) return { fromDefault: false };
  return { value: iv.value, fromDefault: iv.vars.some((u) => u.from === 'default') };
}

export const secretInEnvironment: Rule<ComposeModel> = {
  meta,
  check(model, ctx) {
    // Every service's effective environment across override files, `extends` and `include`; an
    // entry is reported in the file that writes it.
    const view = projectView(model, ctx);
    const out: Finding[] = [];
    for (const svc of view.services) {
      let aliases: ReturnType<typeof environmentAliases> | undefined;
      const groups: Array<{ kind: 'env' | 'arg'; items: KeyValue[] }> = [
        { kind: 'env', items: svc.environment },
        { kind: 'arg', items: svc.build?.args ?? [] },
      ];
      for (const { kind, items } of groups) {
        for (const kv of items) {
          const v = kv.value;
          if (!v) continue; // `- KEY` / `KEY:` passes the variable through
          // Another file's entry: that file's lint reports it, and this one too when the entry
          // reaches a service here through its `extends: {file: …}` (at the `extends` key).
          const base = kv.file !== undefined ? fromBaseFile(svc, kv) : undefined;
          if (kv.file !== undefined && !base) continue;
          const lit = literalOf(v.raw);
          const secretNamed = secretName(kv.key) && lit.value !== undefined && lit.value.trim() !== '' && !FLAG.test(lit.value.trim()) && !/^\/run\/secrets\//.test(lit.value.trim());
          // Credential-shaped text anywhere in what the file supplies (variables removed).
          const cred = secretNamed ? undefined : findCredential(lit.value ?? v.raw);
          if (!secretNamed && !cred) continue;
          // Most entries hold no secret: the wording and ranges are worked out only for a finding.
          const subject = kind === 'env' ? `Environment variable "${kv.key}" of service "${svc.name}"` : `Build argument "${kv.key}" of service "${svc.name}"`;
          const why =
            kind === 'env'
              ? 'it is committed with the compose file and shown by docker inspect; provide it through secrets: instead'
              : 'it is committed with the compose file and kept in the image history; provide it through build secrets (build.secrets) instead';
          if (base) {
            // No fix: overriding the variable here leaves the secret committed in the base file.
            // The secret's text is in the other file: no secretRanges in this one.
            out.push({
              range: base.range,
              message: secretNamed
                ? `${subject} looks like a secret and has a literal ${lit.fromDefault ? 'default' : 'value'}${base.note}: ${why}.`
                : `${subject} holds what looks like ${cred!.kind}${base.note}: ${why}.`,
              related: base.related,
            });
            continue;
          }
          const valueRange = innerRange(model, kv);
          const alias = kind === 'env' ? (aliases ??= environmentAliases(model, svc)).find((a) => a.holds(kv)) : undefined;
          const where = alias ? ` (from "*${alias.name}")` : note(kv);
          const related = [...originRelated(svc.name, kv), ...(alias ? [{ range: alias.range, message: `Service "${svc.name}" takes its environment from "*${alias.name}" here` }] : [])];
          if (secretNamed) {
            out.push({
              range: kv.keyRange,
              message: `${subject} looks like a secret and has a literal ${lit.fromDefault ? 'default' : 'value'}${where}: ${why}.`,
              related,
              secretRanges: [valueRange],
            });
            continue;
          }
          out.push({
            range: valueRange,
            message: `${subject} holds what looks like ${cred!.kind}${where}: ${why}.`,
            related,
            secretRanges: [valueRange],
          });
        }
      }
    }
    return out;
  },
};

/** `environment: *env` written in a service: the alias, and which entries it brings. */
function environmentAliases(model: ComposeModel, svc: ServiceView): Array<{ name: string; range: Range; holds: (kv: KeyValue) => boolean }> {
  const out: Array<{ name: string; range: Range; holds: (kv: KeyValue) => boolean }> = [];
  for (const e of svc.service.layers('environment')) {
    const r = e.aliasRange;
    if (!r || e.def?.file !== undefined) continue;
    const name = model.index.text.slice(model.index.offsetAt(r.start) + 1, model.index.offsetAt(r.end));
    const v = e.value;
    const holds = (kv: KeyValue) =>
      v.kind === 'map' ? v.entries.some((me) => me.value === kv.node && me.key === kv.key) : v.kind === 'seq' ? v.items.some((it) => it.value === kv.node) : false;
    out.push({ name, range: r, holds });
  }
  return out;
}

function note(kv: KeyValue): string {
  const notes: string[] = [];
  const inh = kv.layer?.inherited;
  if (inh?.kind === 'extends') notes.push(`inherited from service "${inh.service}" through extends`);
  if (kv.via.length > 0) {
    const anchor = [...kv.via].reverse().find((s) => s.anchor)?.anchor;
    notes.push(anchor ? `merged from "*${anchor}"` : 'merged with "<<"');
  }
  return notes.length > 0 ? ` (${notes.join('; ')})` : '';
}

/** The value's span without quotes (map form) or the part after `=` (list form). */
function innerRange(model: ComposeModel, kv: KeyValue): Range {
  const v = kv.value!;
  if (kv.form === 'list') return v.range;
  const n = kv.node;
  if (n.kind !== 'scalar') return v.range;
  const raw = scalarText(n) ?? '';
  const { range, exact } = subRange(model, n, 0, raw.length);
  return exact ? range : n.range;
}
