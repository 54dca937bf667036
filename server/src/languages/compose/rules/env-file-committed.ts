import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule, RuleContext } from '../../../engine/types';
import { isGitIgnored } from '../../../engine/gitignore';
import { findCredential, isSecretName } from '../../../engine/secrets';
import type { ComposeModel } from '../model';
import { parseEnvFile } from '../interpolate';
import { dirname, projectView, relativePath, resolvePath } from '../project';

export const meta = defineMeta({
  id: 'compose/env-file-committed',
  language: 'compose',
  title: 'env_file with secrets is not git-ignored',
  description:
    'A service reads an `env_file` that sets secret-shaped variables (or holds a credential, or is a `.env` file) and that no `.gitignore` excludes: committing it puts the secrets in the repository and its history.',
  severity: 'info',
  fix: 'none',
  sources: ['M: "Never commit secrets to Git repositories"', 'M: "Add .env to .gitignore"', 'M: "No secrets committed to Git repositories"'],
  tags: ['security', 'CWE-538', 'CWE-312'],
  securitySeverity: '5.0',
});

/** Files meant to be committed as templates (`.env.example`, `app.env.sample`, …). */
const TEMPLATE_NAME = /[._-](?:example|sample|template|tpl|dist|defaults?)$/i;

export const envFileCommitted: Rule<ComposeModel> = {
  meta,
  check(model, ctx) {
    const view = projectView(model, ctx);
    const out: Finding[] = [];
    const seen = new Set<string>();
    // Per env file: what to say about it (undefined: nothing to report).
    const verdicts = new Map<string, { secrets: string[] } | null>();
    const dir = dirname(ctx.path || model.path);
    for (const svc of view.services) {
      for (const ref of svc.envFiles) {
        // Written in another file: that file's lint reports it. An unknown path is never reported.
        if (ref.file !== undefined || ref.path.text === undefined) continue;
        const key = `${ref.range.start.line}:${ref.range.start.character}`;
        if (seen.has(key)) continue; // an anchored env_file shared by several services: once
        seen.add(key);
        const rel = ref.path.text.trim();
        if (rel === '' || rel === '/dev/null') continue;
        const abs = resolvePath(ref.layer?.dir ?? dir, rel);
        if (TEMPLATE_NAME.test(abs.slice(abs.lastIndexOf('/') + 1))) continue;
        let verdict = verdicts.get(abs);
        if (verdict === undefined) {
          verdict = judge(abs, ctx.workspace);
          verdicts.set(abs, verdict);
        }
        if (!verdict) continue;
        const shown = relativePath(dir, abs);
        const n = verdict.secrets.length;
        const names = n > 3 ? `${verdict.secrets.slice(0, 3).join(', ')} and ${n - 3} more secret${n - 3 === 1 ? '' : 's'}` : n > 1 ? `${verdict.secrets.slice(0, -1).join(', ')} and ${verdict.secrets[n - 1]}` : verdict.secrets[0];
        out.push({
          range: ref.range,
          message:
            n > 0
              ? `env_file "${shown}" sets ${names}, and no .gitignore excludes the file: once committed, ${n === 1 ? 'the secret stays' : 'the secrets stay'} in the repository's history.`
              : `env_file "${shown}" is a .env file that no .gitignore excludes: .env files hold each machine's secrets, and once committed they stay in the repository's history.`,
        });
      }
    }
    return out;
  },
};

/**
 * What is wrong with an env file, or null: it holds a secret (a secret-shaped name with a value,
 * or a credential-shaped value), or it is a `.env`/`.env.<name>` file with values (by convention
 * the place for each machine's secrets), and git does not ignore it. A missing or unreadable file
 * (`required: false`) is never committed.
 */
function judge(abs: string, workspace: RuleContext['workspace']): { secrets: string[] } | null {
  const text = workspace.readFile(abs);
  if (text === undefined) return null;
  const vars = parseEnvFile(text);
  const secrets = secretsIn(vars);
  const base = abs.slice(abs.lastIndexOf('/') + 1);
  const dotEnv = /^\.env(?:\..+)?$/.test(base) && [...vars.values()].some((v) => v !== null && v.trim() !== '');
  if (secrets.length === 0 && !dotEnv) return null;
  return isGitIgnored(abs, workspace) ? null : { secrets };
}

/** Names of the variables that hold a secret: a secret-shaped name with a value, or a credential-shaped value. Never the values. */
function secretsIn(vars: Map<string, string | null>): string[] {
  const out: string[] = [];
  for (const [name, value] of vars) {
    if (value === null || value.trim() === '') continue;
    if (isSecretName(name) || findCredential(value)) out.push(name);
  }
  return out;
}
