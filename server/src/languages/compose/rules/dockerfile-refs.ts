// Wording and related locations for compose rules that judge the Dockerfile a service builds
// (compose/user-root, compose/healthcheck-missing).
import type { Range, RelatedLocation } from '../../../engine/types';
import { dirname, relativePath, type ServiceDockerfile } from '../project';

/** `the final stage of Dockerfile`, `stage "prod" of docker/app.build`, `the final stage of its dockerfile_inline`. */
export function dockerfileWhere(image: ServiceDockerfile, composePath: string): string {
  const file = image.path ? relativePath(dirname(composePath), image.path) : 'its dockerfile_inline';
  const stage = image.target ? `stage "${image.target}"` : 'the final stage';
  return `${stage} of ${file}`;
}

/** A related location in the Dockerfile (or at the `dockerfile_inline` value when the Dockerfile is written inline). */
export function dockerfileRelated(image: ServiceDockerfile, range: Range, message: string): RelatedLocation[] {
  if (image.path) return [{ path: image.path, range, message }];
  if (image.inline && image.inline.file === undefined) return [{ range: image.inline.range, message: `${message} (in dockerfile_inline)` }];
  return [];
}
