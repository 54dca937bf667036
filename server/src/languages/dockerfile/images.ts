// Small, documented tables about well-known base images, shared by the runtime rules
// (dockerfile/user-root, healthcheck-missing, single-stage-sdk, shell-form-entrypoint). Each
// entry is a fact about the image's published configuration; keep the tables short and only
// add what the image's own documentation states. docs/rules/dockerfile/user-root.md mirrors
// the non-root table.
import type { ImageRef } from './model';

/**
 * The repository part of a reference, normalised the way Docker Hub names it:
 * `docker.io/library/node` and `index.docker.io/node` → `node`; other registries are kept
 * (`gcr.io/distroless/static`). Lower-cased.
 */
export function repositoryOf(name: string): string {
  let n = name.toLowerCase();
  n = n.replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
  n = n.replace(/^library\//, '');
  return n;
}

export interface ImageFacts {
  /** Normalised repository (`node`, `gcr.io/distroless/static-debian12`). */
  repo: string;
  tag: string;
}

/** Repository and tag of a resolved FROM image; undefined for stages, scratch or unresolved references. */
export function imageFacts(img: ImageRef): ImageFacts | undefined {
  if (img.stage || img.scratch || img.name === undefined) return undefined;
  return { repo: repositoryOf(img.name), tag: (img.tag ?? '').toLowerCase() };
}

/**
 * Images whose published configuration already sets a non-root USER. Returns the reason shown in
 * docs and tests, or undefined.
 */
export function knownNonRootImage(f: ImageFacts): string | undefined {
  const { repo, tag } = f;
  // Distroless: the `nonroot` and `debug-nonroot` tags (and their -<arch> variants) run as uid 65532.
  if (repo.startsWith('gcr.io/distroless/') && /(^|-)nonroot($|-)/.test(tag)) return 'distroless nonroot tag';
  // Chainguard images run as a non-root user by default; wolfi-base is the documented exception.
  if (repo.startsWith('cgr.dev/') && !repo.endsWith('/wolfi-base')) return 'Chainguard image';
  if (repo === 'nginxinc/nginx-unprivileged') return 'nginx-unprivileged (uid 101)';
  // Bitnami containers are non-root (uid 1001) by default.
  if (repo.startsWith('bitnami/') || repo.startsWith('bitnamilegacy/')) return 'Bitnami image (uid 1001)';
  // .NET chiseled images set USER app (uid 1654).
  if (repo.startsWith('mcr.microsoft.com/dotnet/') && tag.includes('chiseled')) return '.NET chiseled image (user app)';
  return undefined;
}

/**
 * Official images whose entrypoint starts as root only to drop to a service user (gosu/su-exec)
 * before running the server. With no USER and the image's own ENTRYPOINT, the service does not
 * run as root.
 */
const DROPS_PRIVILEGES = new Set(['postgres', 'redis', 'mysql', 'mariadb', 'mongo']);

export function entrypointDropsPrivileges(f: ImageFacts): boolean {
  return DROPS_PRIVILEGES.has(f.repo);
}

/** The non-root user an image ships with and documents for `USER`, for the user-root fix. */
export function imageOwnUser(f: ImageFacts): string | undefined {
  if (f.repo === 'node') return 'node';
  // .NET 8+ images create `app` (uid 1654) for exactly this.
  const dotnet = /^mcr\.microsoft\.com\/dotnet\/(?:aspnet|runtime|runtime-deps|sdk)$/.exec(f.repo);
  if (dotnet) {
    const major = Number(/^(\d+)\./.exec(f.tag)?.[1] ?? '0');
    if (major >= 8) return 'app';
  }
  return undefined;
}

/** Windows base images: Unix user and signal semantics do not apply. */
export function isWindowsImage(f: ImageFacts): boolean {
  return f.repo.startsWith('mcr.microsoft.com/windows') || /nanoserver|windowsservercore|ltsc20\d\d/.test(f.tag);
}

/** Images without a shell or HTTP client (scratch-like): a shell-form HEALTHCHECK cannot run there. */
export function isShellLess(f: ImageFacts | undefined): boolean {
  if (!f) return true;
  if (f.repo.startsWith('gcr.io/distroless/') && !f.tag.includes('debug')) return true;
  if (f.repo === 'cgr.dev/chainguard/static') return true;
  if (f.repo.startsWith('mcr.microsoft.com/dotnet/') && f.tag.includes('chiseled')) return true;
  return false;
}

/** What kind of SDK/compiler image this is, for dockerfile/single-stage-sdk; undefined for runtime images. */
export function sdkImage(f: ImageFacts): string | undefined {
  const { repo, tag } = f;
  switch (repo) {
    case 'golang':
      return 'the Go toolchain';
    case 'rust':
      return 'the Rust toolchain';
    case 'maven':
      return 'Maven and a JDK';
    case 'gradle':
      return 'Gradle and a JDK';
    case 'gcc':
      return 'the GCC toolchain';
    case 'mcr.microsoft.com/dotnet/sdk':
      return 'the .NET SDK';
    case 'openjdk':
    case 'eclipse-temurin':
    case 'amazoncorretto':
      return /(^|-)jre($|-)/.test(tag) ? undefined : 'a full JDK';
    default:
      return undefined;
  }
}
