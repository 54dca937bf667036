import { defineMeta } from '../../../engine/meta';
import type { Finding, Range, Rule } from '../../../engine/types';
import { isSecretName } from '../../../engine/secrets';
import type { ComposeModel } from '../model';
import { subRange, type ImageSpec } from '../view';
import { projectView } from '../project';
import { fromBaseFile, originRelated } from './shared';

export const meta = defineMeta({
  id: 'compose/image-latest',
  language: 'compose',
  title: 'Service image uses the latest tag or no tag',
  description:
    '`image: x:latest`, or an image with no tag (which means `latest`): every pull may bring a different image, so deployments are not reproducible, rollbacks are guesswork, and a broken or compromised release arrives unnoticed.',
  severity: 'warning',
  fix: 'none',
  sources: [
    'M: "Use specific versions, not :latest"',
    'dclint: service-image-require-explicit-tag',
    'compose-lint CL-0004',
  ],
  peers: ['CL-0004', 'service-image-require-explicit-tag', 'require-explicit-image-tag'],
  tags: ['security', 'supply-chain', 'CWE-1357', 'CWE-494'],
  securitySeverity: '4.0',
});

export const imageLatest: Rule<ComposeModel> = {
  meta,
  check(model, ctx) {
    // The effective image across override files, `extends` and `include`, reported in the file
    // that writes it.
    const view = projectView(model, ctx);
    const out: Finding[] = [];
    for (const svc of view.services) {
      // With `build:`, `image` names what the build produces (and pushes), not what is pulled.
      if (svc.service.has('build')) continue;
      const img = svc.image;
      if (!img || img.text === undefined || img.name === undefined || img.name.trim() === '') continue;
      if (img.digest) continue;
      const tag = img.tag;
      if (tag !== undefined && tag.toLowerCase() !== 'latest') continue;
      if (img.file !== undefined) {
        // Another file's image: that file reports it, and this one at the `extends` key of a
        // service that inherits it from there.
        const b = fromBaseFile(svc, img);
        if (b) {
          out.push({
            range: b.range,
            message: `Service "${svc.name}" uses image ${shown(img)}${tag === undefined ? ' with no tag, which means "latest"' : ''}${b.note}: each pull may bring a different image, so what runs is not what was tested.`,
            related: b.related,
          });
        }
        continue;
      }
      out.push({
        range: rangeOf(model, img),
        message: `Service "${svc.name}" uses image ${shown(img)}${tag === undefined ? ' with no tag, which means "latest"' : ''}${note(img)}: each pull may bring a different image, so what runs is not what was tested.`,
        related: originRelated(svc.name, img),
      });
    }
    return out;
  },
};

/** The image as written; the resolved text too when it came through a variable (not a secret-shaped one). */
function shown(img: ImageSpec): string {
  if (img.iv.state !== 'resolved') return `"${img.text}"`;
  const secret = img.iv.vars.some((u) => u.from === 'env-file' && isSecretName(u.name));
  return secret ? `"${img.raw}"` : `"${img.raw}" (resolves to "${img.text}"${img.iv.vars.some((u) => u.from === 'env-file') ? ' with .env' : ''})`;
}

function note(img: ImageSpec): string {
  const notes: string[] = [];
  const inh = img.layer?.inherited;
  if (inh?.kind === 'extends') notes.push(`inherited from service "${inh.service}" through extends`);
  if (img.via.length > 0) {
    const anchor = [...img.via].reverse().find((s) => s.anchor)?.anchor;
    notes.push(img.via[0]!.alias ? `from "*${anchor}"` : anchor ? `merged from "*${anchor}"` : 'merged with "<<"');
  }
  return notes.length > 0 ? ` (${notes.join('; ')})` : '';
}

/** The `latest` tag when written literally, else the image value. */
function rangeOf(model: ComposeModel, img: ImageSpec): Range {
  const raw = img.raw ?? '';
  if (img.iv.state === 'literal' && img.tag !== undefined) {
    const at = raw.lastIndexOf(':');
    if (at >= 0 && raw.slice(at + 1) === img.tag) {
      const { range, exact } = subRange(model, img.node, at + 1, raw.length);
      if (exact) return range;
    }
  }
  return img.range;
}
