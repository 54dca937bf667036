import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule } from '../../../engine/types';
import type { DockerfileModel } from '../model';

export const meta = defineMeta({
  id: 'dockerfile/image-latest',
  language: 'dockerfile',
  title: 'Base image uses the latest tag',
  description:
    'FROM pins the mutable `latest` tag: every build may pull a different image, so builds are not reproducible and a compromised or broken release flows in unnoticed.',
  severity: 'warning',
  fix: 'none',
  sources: ['M: "Use specific versions, not :latest"'],
  peers: ['DL3007', 'DS-0001', 'DS001', 'CKV_DOCKER_7'],
  tags: ['security', 'supply-chain', 'CWE-1357'],
  securitySeverity: '4.0',
});

export const imageLatest: Rule<DockerfileModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      const img = stage.image;
      if (img.stage || img.scratch || img.digest || img.tag?.toLowerCase() !== 'latest') continue;
      const where = img.viaArg ? ` (FROM resolves to "${img.resolved}")` : "";
      out.push({
        range: img.tagRange ?? img.range,
        message: `Base image "${img.name}" uses the "latest" tag${where}: each build may pull a different image. Pin a version.`,
        related: img.argRange ? [{ range: img.argRange, message: 'The ARG default that supplies the tag' }] : undefined,
      });
    }
    return out;
  },
};
