import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule } from '../../../engine/types';
import type { DockerfileModel } from '../model';

export const meta = defineMeta({
  id: 'dockerfile/image-untagged',
  language: 'dockerfile',
  title: 'Base image has no tag',
  description:
    'FROM names an image without a tag or digest, so Docker pulls `latest`: every build may get a different image, builds are not reproducible, and a broken or compromised release flows in unnoticed.',
  severity: 'warning',
  fix: 'none',
  sources: ['M: "Use specific versions, not :latest"'],
  peers: ['DL3006', 'CKV_DOCKER_7', 'DS-0001', 'DS001'],
  tags: ['security', 'supply-chain', 'CWE-1357'],
  securitySeverity: '4.0',
});

export const imageUntagged: Rule<DockerfileModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      const img = stage.image;
      // Stage names, scratch and references a variable hides (resolved is undefined) are exempt.
      if (img.stage || img.scratch || img.resolved === undefined || img.tag || img.digest) continue;
      if (img.name === undefined || img.name === '') continue;
      out.push({
        range: img.range,
        message: `Base image "${img.name}" has no tag: Docker pulls "latest", so each build may get a different image. Pin a version.`,
        related: img.argRange ? [{ range: img.argRange, message: 'The ARG default this FROM uses' }] : undefined,
      });
    }
    return out;
  },
};
