// The nginx version rules assume: .rampart.yaml, else an nginx image tag in a Dockerfile or
// Compose file beside the config or up to three folders above, else the current stable.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nginxVersion, versionFromImage, versionLabel } from '../../server/src/languages/nginx/version';
import { composeImages, dockerfileImages } from '../../server/src/engine/image-refs';
import type { RuleContext } from '../../server/src/engine/types';
import { MemoryWorkspace } from '../helpers/lint';

describe('nginx version from an image reference', () => {
  it('reads nginx, unprivileged, Bitnami, Chainguard and OpenResty tags', () => {
    const cases: Array<[string, string | undefined]> = [
      ['nginx:1.27.3-alpine', '1.27.3'],
      ['nginx:1.27', '1.27'],
      ['nginx:1.27-alpine-slim', '1.27'],
      ['docker.io/library/nginx:1.25.4', '1.25.4'],
      ['nginxinc/nginx-unprivileged:1.26-alpine', '1.26'],
      ['ghcr.io/nginx/nginx-unprivileged:1.29.3', '1.29.3'],
      ['bitnami/nginx:1.27.3-debian-12-r5', '1.27.3'],
      ['cgr.dev/chainguard/nginx:1.27.4', '1.27.4'],
      ['openresty/openresty:1.25.3.1-alpine', '1.25.3'],
      ['nginx:1.27.3@sha256:0123456789abcdef', '1.27.3'],
      ['registry.example.com:5000/nginx:1.24.0', '1.24.0'],
      // No version in the tag, or not nginx at all.
      ['nginx:latest', undefined],
      ['nginx:mainline', undefined],
      ['nginx:stable-alpine', undefined],
      ['nginx:alpine', undefined],
      ['nginx', undefined],
      ['nginx@sha256:0123456789abcdef', undefined],
      ['nginx/nginx-ingress:3.7.0', undefined],
      ['traefik:v3.1', undefined],
      ['node:20', undefined],
    ];
    for (const [ref, want] of cases) assert.equal(versionFromImage(ref), want, ref);
  });

  it('Dockerfile FROM lines: ARG defaults, --platform, stage names; last stage first', () => {
    const text = [
      'ARG NGINX_VERSION=1.26.2',
      'FROM --platform=$BUILDPLATFORM node:20 AS build',
      'RUN npm ci',
      'FROM nginx:${NGINX_VERSION}-alpine AS base',
      'FROM base',
      'COPY --from=build /app/dist /usr/share/nginx/html',
    ].join('\n');
    assert.deepEqual(dockerfileImages(text), ['nginx:1.26.2-alpine', 'nginx:1.26.2-alpine', 'node:20']);
  });

  it('Compose image keys, quoted or interpolated with a default', () => {
    const text = ['services:', '  web:', '    image: "nginx:1.27.3"', '  proxy:', '    image: ${PROXY_IMAGE:-nginxinc/nginx-unprivileged:1.25}', '  db:', '    image: postgres:16 # comment'].join('\n');
    assert.deepEqual(composeImages(text), ['nginx:1.27.3', 'nginxinc/nginx-unprivileged:1.25', 'postgres:16']);
  });
});

describe('nginx version of a configuration', () => {
  const ctx = (files: Record<string, string>, path: string, nginxVersion?: string): RuleContext => ({
    path,
    workspace: new MemoryWorkspace(files),
    settings: { nginxVersion },
  });

  it('.rampart.yaml wins over any image', () => {
    const c = ctx({ '/ws/Dockerfile': 'FROM nginx:1.20\n', '/ws/nginx.conf': '' }, '/ws/nginx.conf', '1.27');
    assert.deepEqual(nginxVersion(c), { version: '1.27', source: 'config' });
  });

  it('an image beside the config or up to three folders above; the nearest file wins; the oldest version in a file', () => {
    const files = {
      '/repo/compose.yaml': 'services:\n  a:\n    image: nginx:1.27.3\n  b:\n    image: nginx:1.22.1-alpine\n',
      '/repo/deploy/nginx/conf.d/site.conf': '',
    };
    const info = nginxVersion(ctx(files, '/repo/deploy/nginx/conf.d/site.conf'));
    assert.deepEqual(info, { version: '1.22.1', source: 'image', image: 'nginx:1.22.1-alpine', file: '/repo/compose.yaml' });
    assert.equal(versionLabel(info), 'nginx 1.22.1 (image nginx:1.22.1-alpine in compose.yaml)');
    const nearer = { ...files, '/repo/deploy/Dockerfile': 'FROM nginx:1.26\n' };
    assert.equal(nginxVersion(ctx(nearer, '/repo/deploy/nginx/conf.d/site.conf')).version, '1.26');
  });

  it('more than three folders up, an untagged or floating image: the current stable', () => {
    assert.deepEqual(nginxVersion(ctx({ '/a/Dockerfile': 'FROM nginx:1.20\n', '/a/b/c/d/e/nginx.conf': '' }, '/a/b/c/d/e/nginx.conf')), { source: 'default' });
    assert.deepEqual(nginxVersion(ctx({ '/a/docker-compose.yml': 'services:\n  w:\n    image: nginx:mainline\n', '/a/nginx.conf': '' }, '/a/nginx.conf')), { source: 'default' });
    assert.equal(versionLabel({ source: 'default' }), 'the current stable nginx');
  });
});
