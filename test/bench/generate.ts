// Deterministic generators of realistic configuration files for the benchmark. Each language
// adds one function here: (approximate line count, seed) -> text. Same inputs, same text.

/** mulberry32: a tiny seeded PRNG, so every run benchmarks the same documents. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

const BASES = ['debian:12-slim', 'ubuntu:24.04', 'node:20-bookworm', 'python:3.12-slim', 'golang:1.22', 'alpine:3.20'];
const PACKAGES = ['curl', 'ca-certificates', 'git', 'make', 'gcc', 'libssl-dev', 'jq', 'unzip', 'tzdata', 'locales', 'gnupg', 'xz-utils'];

/** A multi-stage Dockerfile of about `lines` lines, with continuations, heredocs and some findings. */
export function generateDockerfile(lines: number, seed = 1): string {
  const r = rng(seed);
  const out: string[] = ['# syntax=docker/dockerfile:1.7', 'ARG VERSION=1.0.0'];
  let stage = 0;
  while (out.length < lines) {
    const base = pick(r, BASES);
    const alpine = base.startsWith('alpine');
    out.push('', `FROM ${base} AS stage${stage}`, 'WORKDIR /src', `ENV APP_HOME=/srv/app${stage} LANG=C.UTF-8`);
    if (r() < 0.3) out.push('SHELL ["/bin/bash", "-o", "pipefail", "-c"]');
    const runs = 4 + Math.floor(r() * 8);
    for (let k = 0; k < runs && out.length < lines; k++) {
      const roll = r();
      if (roll < 0.35) {
        // A package install spread over continuation lines, sometimes with a comment inside.
        const pkgs = Array.from({ length: 2 + Math.floor(r() * 5) }, () => pick(r, PACKAGES));
        if (alpine) {
          out.push(`RUN apk add --no-cache \\`, ...pkgs.map((p) => `      ${p} \\`), '    && rm -rf /tmp/*');
        } else {
          out.push('RUN apt-get update \\');
          if (r() < 0.3) out.push('    # build dependencies');
          out.push(`    && apt-get install -y ${r() < 0.7 ? '--no-install-recommends ' : ''}\\`, ...pkgs.map((p) => `        ${p} \\`));
          out.push(r() < 0.75 ? '    && rm -rf /var/lib/apt/lists/*' : '    && apt-get clean');
        }
      } else if (roll < 0.5) {
        out.push(`RUN curl -fsSL https://example.com/releases/tool-${k}.tar.gz \\`, '    | tar -xz -C /opt \\', `    && ln -s /opt/tool-${k}/bin/tool /usr/local/bin/tool${k}`);
      } else if (roll < 0.6) {
        out.push('RUN <<EOF', 'set -eu', `mkdir -p /srv/app${stage}/data`, `echo "stage ${stage}" > /srv/app${stage}/STAGE`, `chmod ${r() < 0.2 ? '777' : '755'} /srv/app${stage}/data`, 'EOF');
      } else if (roll < 0.7) {
        out.push(`COPY --chown=app:app ${r() < 0.1 ? '--chmod=666 ' : ''}src/module${k}/ /srv/app${stage}/module${k}/`);
      } else if (roll < 0.8) {
        out.push(`RUN cat <<EOF > /etc/app${k}.conf`, `listen = 0.0.0.0:${8000 + k}`, 'workers = 4', 'EOF');
      } else if (roll < 0.88) {
        out.push(`RUN pip install --no-cache-dir ${r() < 0.1 ? '--trusted-host pypi.example.com ' : ''}package${k}==1.${k}.0 \\`, `    && python -c "import package${k}; print(package${k}.__version__)"`);
      } else if (roll < 0.94) {
        out.push(`ADD ${r() < 0.5 ? '--checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d ' : ''}https://example.com/assets/asset${k}.bin /opt/asset${k}.bin`);
      } else {
        out.push(`RUN ${r() < 0.3 ? 'sudo ' : ''}useradd --system --uid ${10000 + k} app${k} && echo "user app${k}" | tee -a /etc/motd`);
      }
    }
    out.push(`COPY --from=stage${Math.max(0, stage - 1)} /opt /opt`, 'USER 10001:10001', 'EXPOSE 8080', 'CMD ["/usr/local/bin/app"]');
    stage++;
  }
  return out.join('\n') + '\n';
}

export const generators: Record<string, (lines: number, seed?: number) => string> = {
  dockerfile: generateDockerfile,
};

const HOSTS = ['app', 'api', 'admin', 'auth', 'docs', 'shop', 'blog', 'status', 'grafana', 'minio', 'git', 'chat'];

/**
 * A Traefik dynamic configuration (file provider YAML) of about `lines` lines: routers with
 * rules, entry points, middlewares and TLS, the middlewares they use (headers, rate limits,
 * chains) and their services.
 */
export function generateTraefikDynamic(lines: number, seed = 1): string {
  let count = Math.max(1, Math.round(lines / 12));
  let text = traefikDynamic(count, seed);
  // One correction step towards the requested size.
  const got = text.split('\n').length - 1;
  if (got > lines * 1.05) {
    count = Math.max(1, Math.round((count * lines) / got));
    text = traefikDynamic(count, seed);
  }
  return text;
}

/** A Traefik dynamic configuration with exactly `count` routers. */
export function traefikDynamic(count: number, seed = 1): string {
  const r = rng(seed);
  const routers: string[] = ['http:', '  routers:'];
  const middlewares: string[] = ['  middlewares:'];
  const services: string[] = ['  services:'];
  for (let k = 0; k < count; k++) {
    const host = `${pick(r, HOSTS)}${k}`;
    routers.push(`    ${host}:`, `      rule: Host(\`${host}.example.com\`)${r() < 0.3 ? ` && PathPrefix(\`/v${k % 3}\`)` : ''}`);
    const roll = r();
    if (roll < 0.5) routers.push('      entryPoints:', '        - websecure');
    else if (roll < 0.8) routers.push('      entryPoints: [web, websecure]');
    const mws: string[] = [];
    if (r() < 0.6) mws.push(`headers-${k}`);
    if (r() < 0.4) mws.push(r() < 0.5 ? `limit-${k}` : 'common@file');
    if (r() < 0.05) mws.push(`missing-${k}`);
    if (mws.length > 0) routers.push('      middlewares:', ...mws.map((m) => `        - ${m}`));
    routers.push(`      service: ${host}`);
    if (r() < 0.7) routers.push('      tls:', '        certResolver: le');
    if (mws.includes(`headers-${k}`)) {
      middlewares.push(`    headers-${k}:`, '      headers:', `        stsSeconds: ${r() < 0.2 ? 300 : 31536000}`, '        frameDeny: true');
      if (r() < 0.5) middlewares.push('        contentTypeNosniff: true');
    }
    if (mws.includes(`limit-${k}`)) middlewares.push(`    limit-${k}:`, '      rateLimit:', '        average: 20', '        burst: 40');
    services.push(`    ${host}:`, '      loadBalancer:', '        servers:', `          - url: http://${host}:${8000 + (k % 100)}`);
  }
  middlewares.push('    common:', '      chain:', '        middlewares: [common-headers, common-limit]');
  middlewares.push('    common-headers:', '      headers:', '        stsSeconds: 63072000', '        stsIncludeSubdomains: true', '        frameDeny: true', '        contentTypeNosniff: true');
  middlewares.push('    common-limit:', '      rateLimit:', '        average: 50');
  return [...routers, ...middlewares, ...services].join('\n') + '\n';
}

/** A compose file with a Traefik service (flags, file provider, socket proxy) and `count` services labelled for it, list and map form. */
export function composeWithTraefikLabels(count: number, seed = 1): string {
  const r = rng(seed);
  const out: string[] = [
    'services:',
    '  traefik:',
    '    image: traefik:v3.1',
    '    command:',
    '      - --providers.docker=true',
    '      - --providers.docker.exposedbydefault=false',
    '      - --providers.file.directory=/etc/traefik/dynamic',
    '      - --entrypoints.web.address=:80',
    '      - --entrypoints.websecure.address=:443',
    '      - --entrypoints.websecure.http.tls.certresolver=le',
    '      - --certificatesresolvers.le.acme.storage=/letsencrypt/acme.json',
    '    ports:',
    '      - "80:80"',
    '      - "443:443"',
    '    volumes:',
    '      - ./dynamic:/etc/traefik/dynamic:ro',
    '      - ./letsencrypt:/letsencrypt',
    '      - /var/run/docker.sock:/var/run/docker.sock:ro',
  ];
  for (let k = 0; k < count; k++) {
    const name = `${pick(r, HOSTS)}${k}`;
    out.push(`  ${name}:`, `    image: ghcr.io/acme/${name}:1.${k % 10}`, '    restart: unless-stopped');
    const labels: Array<[string, string]> = [
      ['traefik.enable', 'true'],
      [`traefik.http.routers.${name}.rule`, `Host(\`${name}.example.com\`)`],
      [`traefik.http.routers.${name}.entrypoints`, r() < 0.7 ? 'websecure' : 'web,websecure'],
    ];
    const mws: string[] = [];
    if (r() < 0.5) {
      mws.push(`${name}-headers`);
      labels.push([`traefik.http.middlewares.${name}-headers.headers.stsseconds`, r() < 0.2 ? '300' : '31536000'], [`traefik.http.middlewares.${name}-headers.headers.framedeny`, 'true']);
    }
    if (r() < 0.3) mws.push('secure@file');
    if (r() < 0.05) mws.push(`typo-${k}`);
    if (mws.length > 0) labels.push([`traefik.http.routers.${name}.middlewares`, mws.join(',')]);
    labels.push([`traefik.http.services.${name}.loadbalancer.server.port`, String(8000 + (k % 100))]);
    out.push('    labels:');
    if (k % 2 === 0) for (const [key, v] of labels) out.push(`      - "${key}=${v}"`);
    else for (const [key, v] of labels) out.push(`      ${key}: "${v.replace(/"/g, '\\"')}"`);
  }
  return out.join('\n') + '\n';
}

generators.traefik = generateTraefikDynamic;
