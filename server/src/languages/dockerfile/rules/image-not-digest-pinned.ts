import { defineMeta } from '../../../engine/meta';
import type { Finding, Range, Rule } from '../../../engine/types';
import type { DockerfileModel, ImageRef } from '../model';
import { splitImage } from '../model';

export const meta = defineMeta({
  id: 'dockerfile/image-not-digest-pinned',
  language: 'dockerfile',
  title: 'Base image pinned by tag only',
  description:
    'FROM names a version tag but no @sha256 digest. Tags are mutable: the registry can serve a different image under the same tag (a rebuilt release, or a compromised account), so builds are not reproducible.',
  severity: 'info',
  profile: 'strict',
  fix: 'none',
  sources: ['Supply chain: reproducible builds (Docker Scout not_pinned_digest)'],
  peers: [],
  tags: ['security', 'supply-chain', 'CWE-494', 'CWE-1357'],
  securitySeverity: '2.0',
});

export const imageNotDigestPinned: Rule<DockerfileModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      const img = stage.image;
      if (img.stage || img.scratch || img.resolved === undefined || img.digest) continue;
      // Untagged and `latest` belong to dockerfile/image-untagged and dockerfile/image-latest.
      if (!img.tag || img.tag.toLowerCase() === 'latest') continue;
      out.push({
        range: img.tagRange ?? literalTagRange(img) ?? img.range,
        message: `Base image "${img.name}:${img.tag}" is pinned by tag only: a tag can be moved to a different image. Add its @sha256 digest for reproducible builds.`,
        related: img.argRange ? [{ range: img.argRange, message: 'The ARG default this FROM uses' }] : undefined,
      });
    }
    return out;
  },
};

/**
 * The tag as written when FROM went through variables: `${REGISTRY}/app:1.2` (a literal tag) or
 * `golang:${GO_VERSION}` (the tag is one variable).
 */
function literalTagRange(img: ImageRef): Range | undefined {
  const written = splitImage(img.text);
  if (!written.tag || written.digest) return undefined;
  const literal = !written.tag.includes('$') && written.tag === img.tag;
  const oneVar = /^\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$/.test(written.tag) && !written.name.includes('$');
  if (!literal && !oneVar) return undefined;
  if (img.range.start.line !== img.range.end.line) return undefined;
  const end = img.range.end.character;
  return { start: { line: img.range.end.line, character: end - written.tag.length }, end: { line: img.range.end.line, character: end } };
}
