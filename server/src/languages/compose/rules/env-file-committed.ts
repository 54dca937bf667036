import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule } from '../../../engine/types';
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
    'A service reads an `env_file` that sets secret-shaped variables (or holds a credential) and that no `.gitignore` excludes: committing it puts the secrets in the repository and its history.',
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
    const verdicts = new Map<string, string[]>(); // per env file: the secrets it holds, [] when none or ignored
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
        let secrets = verdicts.get(abs);
        if (!secrets) {
          const text = ctx.workspace.readFile(abs);
          // Missing (`required: false`) or unreadable: nothing is committed.
          secrets = text === undefined ? [] : secretsIn(text);
          if (secrets.length > 0 && isGitIgnored(abs, ctx.workspace)) secrets = [];
          verdicts.set(abs, secrets);
        }
        if (secrets.length === 0) continue;
        const n = secrets.length;
        const shown = n > 3 ? `${secrets.slice(0, 3).join(', ')} and ${n - 3} more secret${n - 3 === 1 ? '' : 's'}` : n > 1 ? `${secrets.slice(0, -1).join(', ')} and ${secrets[n - 1]}` : secrets[0];
        out.push({
          range: ref.range,
          message: `env_file "${relativePath(dir, abs)}" sets ${shown}, and no .gitignore excludes the file: once committed, ${n === 1 ? 'the secret stays' : 'the secrets stay'} in the repository's history.`,
        });
      }
    }
    return out;
  },
};

/** Names of the variables that hold a secret: a secret-shaped name with a value, or a credential-shaped value. Never the values. */
function secretsIn(text: string): string[] {
  const out: string[] = [];
  for (const [name, value] of parseEnvFile(text)) {
    if (value === null || value.trim() === '') continue;
    if (isSecretName(name) || findCredential(value)) out.push(name);
  }
  return out;
}
