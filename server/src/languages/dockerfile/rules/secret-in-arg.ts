import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule } from '../../../engine/types';
import { isSecretName } from '../../../engine/secrets';
import type { DockerfileModel } from '../model';
import { declarations } from '../model';

export const meta = defineMeta({
  id: 'dockerfile/secret-in-arg',
  language: 'dockerfile',
  title: 'Secret passed as a build argument',
  description:
    'An ARG whose name says it holds a secret (NPM_TOKEN, DB_PASSWORD, API_KEY). Build argument values are recorded in the image history and build provenance; use a BuildKit secret mount instead.',
  severity: 'error',
  fix: 'none',
  sources: ['M: "Don\'t use secrets in Dockerfile ARG: They\'re stored in image layers"'],
  peers: ['SecretsUsedInArgOrEnv', 'DL3064'],
  tags: ['security', 'CWE-522', 'CWE-538'],
  securitySeverity: '7.5',
});

export const secretInArg: Rule<DockerfileModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    for (const d of declarations(model)) {
      if (d.keyword !== 'ARG' || !isSecretName(d.name)) continue;
      out.push({
        range: d.nameRange,
        message: `ARG "${d.name}" looks like a secret: build arguments are stored in the image history.`,
      });
    }
    return out;
  },
};
