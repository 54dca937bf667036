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

const UPSTREAM_HOSTS = ['10.0.0.11', '10.0.0.12', 'app-a.internal', 'app-b.internal', '127.0.0.1', 'unix:/run/app.sock'];
const PATHS = ['api', 'static', 'assets', 'admin', 'uploads', 'auth', 'graphql', 'health', 'img', 'docs', 'ws', 'v1', 'v2'];

/**
 * An nginx.conf of about `lines` lines: a main context with events and http, upstreams, maps,
 * TLS and plain-HTTP servers with many locations, headers, rate limits, comments and a few
 * findings (a weak protocol list, an open status page, a missing header).
 */
export function generateNginx(lines: number, seed = 1): string {
  const r = rng(seed);
  const out: string[] = [
    'user nginx;',
    'worker_processes auto;',
    'pid /run/nginx.pid;',
    '',
    'events {',
    '    worker_connections 1024;',
    '}',
    '',
    'http {',
    '    include       mime.types;',
    '    default_type  application/octet-stream;',
    '    sendfile on;',
    '    keepalive_timeout 65s;',
    "    log_format main '$remote_addr - $remote_user [$time_local] \"$request\" '",
    "                    '$status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"';",
    '    access_log /var/log/nginx/access.log main;',
    '    limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;',
    '    limit_req_zone $binary_remote_addr zone=ui:10m rate=5r/s;',
    '    map $http_upgrade $connection_upgrade {',
    '        default upgrade;',
    "        ''      close;",
    '    }',
  ];
  let n = 0;
  const close: string[] = ['}'];
  while (out.length < lines - close.length - 15) {
    const k = n++;
    if (k % 5 === 0) {
      out.push('', `    upstream backend${k} {`, '        least_conn;');
      for (let i = 0; i < 2 + Math.floor(r() * 3); i++) out.push(`        server ${pick(r, UPSTREAM_HOSTS)}${r() < 0.5 ? ':8080' : ''} max_fails=3 fail_timeout=30s;`);
      out.push('        keepalive 32;', '    }');
    }
    const tls = r() < 0.7;
    const host = `site${k}.example.com`;
    out.push('', '    # ' + (tls ? 'TLS' : 'plain') + ` server for ${host}`, '    server {');
    if (tls) {
      out.push('        listen 443 ssl;', '        listen [::]:443 ssl;', '        http2 on;', `        server_name ${host} www.${host};`);
      out.push(`        ssl_certificate /etc/nginx/certs/${host}.crt;`, `        ssl_certificate_key /etc/nginx/certs/${host}.key;`);
      out.push(`        ssl_protocols ${r() < 0.1 ? 'TLSv1 TLSv1.1 ' : ''}TLSv1.2 TLSv1.3;`, '        ssl_session_cache shared:SSL:10m;');
      out.push('        add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;');
    } else {
      out.push('        listen 80;', `        server_name ${host};`);
    }
    out.push('        add_header X-Content-Type-Options "nosniff" always;');
    if (r() < 0.8) out.push('        add_header X-Frame-Options "DENY" always;');
    out.push(`        root /srv/www/${host};`, '        index index.html;');
    const locs = 3 + Math.floor(r() * 6);
    // Stop adding locations near the target so small documents stay near their size.
    for (let i = 0; i < locs && (i < 1 || out.length < lines - 10); i++) {
      const p = pick(r, PATHS);
      const roll = r();
      if (roll < 0.35) {
        out.push(`        location /${p}/ {`, `            limit_req zone=${p === 'api' ? 'api burst=50 nodelay' : 'ui burst=20'};`);
        out.push(`            proxy_pass http://backend${k - (k % 5)};`, '            proxy_set_header Host $host;', '            proxy_set_header X-Real-IP $remote_addr;');
        out.push('            proxy_set_header Upgrade $http_upgrade;', '            proxy_set_header Connection $connection_upgrade;', '            proxy_read_timeout 60s;', '        }');
      } else if (roll < 0.55) {
        out.push(`        location ~* \\.(css|js|png|jpg|svg|woff2)$ {`, '            expires 30d;', '            add_header Cache-Control "public, max-age=2592000" always;', '            access_log off;', '        }');
      } else if (roll < 0.7) {
        out.push(`        location = /${p} {`, `            return 301 https://$host/${p}/;`, '        }');
      } else if (roll < 0.8) {
        out.push(`        location /${p} {`, '            try_files $uri $uri/ /index.html;', `            if ($request_method !~ ^(GET|HEAD)$) {`, '                return 405;', '            }', '        }');
      } else if (roll < 0.9) {
        out.push('        location /nginx_status {', '            stub_status;', r() < 0.5 ? '            allow 127.0.0.1;' : '            # open to all', '            deny all;', '        }');
      } else {
        out.push(`        location ^~ /${p}/files/ {`, `            alias /srv/files/${p}/;`, '            autoindex off;', '            client_max_body_size 10m;', '        }');
      }
    }
    out.push('        location ~ /\\.(?!well-known) {', '            deny all;', '        }', '    }');
  }
  out.push(...close);
  return out.join('\n') + '\n';
}

const COMPOSE_IMAGES = ['nginx:1.27-alpine', 'postgres:16', 'redis:7.4', 'node:20-slim', 'python:3.12-slim', 'traefik:v3.1', 'grafana/grafana', 'registry.example.com/team/api:latest'];
const COMPOSE_PORTS = [80, 443, 3000, 5432, 6379, 8080, 8081, 9000, 9090];

/**
 * A Compose file of about `lines` lines as real projects write them: `x-` anchors merged with
 * `<<` (one alias or a list), short and long syntax for ports and volumes, environment and labels
 * as lists and maps, `${VAR:-default}` interpolation, builds with a dockerfile and target, and a
 * realistic share of findings (an unbound admin port, a socket mount, privileged, a literal
 * secret, missing hardening) next to hardened services.
 */
export function generateCompose(lines: number, seed = 1): string {
  const r = rng(seed);
  // Small files (most real ones) keep one anchor and no top-level networks.
  const small = lines < 80;
  const head: string[] = [
    'x-logging: &logging',
    '  logging:',
    '    driver: json-file',
    '    options: {max-size: 10m, max-file: "3"}',
    '',
    'x-hardening: &hardening',
    '  security_opt:',
    '    - no-new-privileges:true',
    '  cap_drop: [ALL]',
    '  read_only: true',
    '  tmpfs: [/tmp]',
    '',
    ...(small ? [] : ['x-env: &common-env', '  TZ: UTC', '  LOG_LEVEL: ${LOG_LEVEL:-info}', '']),
    'services:',
  ];
  const out = small ? [...head] : ['name: bench', '', ...head];
  const tail = small ? ['', 'volumes:', '  data: {}', ''] : ['', 'networks:', '  front: {}', '  back:', '    internal: true', '', 'volumes:', '  data: {}', ''];
  let n = 0;
  while (n === 0 || out.length + tail.length < lines) {
    const name = `svc${n}`;
    const hardened = r() < 0.5;
    const merges = hardened ? '[*logging, *hardening]' : '*logging';
    out.push(`  ${name}:`, `    <<: ${merges}`);
    const img = pick(r, COMPOSE_IMAGES);
    if (r() < 0.3) {
      out.push('    build:', '      context: .', `      dockerfile: docker/${name}.Dockerfile`, `      target: ${r() < 0.5 ? 'prod' : 'runtime'}`, '      args:', `        VERSION: \${VERSION:-1.${n}.0}`);
      out.push(`    image: registry.example.com/team/${name}:\${TAG:-dev}`);
    } else out.push(`    image: ${img}`);
    if (r() < 0.6) out.push(`    container_name: bench-${name}`);
    out.push('    restart: unless-stopped');
    if (r() < 0.2) out.push(`    user: "${r() < 0.3 ? 'root' : '10001:10001'}"`);
    // Environment: a map that merges the shared block, or a list.
    if (!small && r() < 0.6) {
      out.push('    environment:', '      <<: *common-env', `      SERVICE_NAME: ${name}`, `      DATABASE_URL: postgres://app:\${DB_PASSWORD:?set it}@db:5432/app`);
      if (r() < 0.15) out.push(`      API_TOKEN: changeme-${n}`);
    } else {
      out.push('    environment:', `      - SERVICE_NAME=${name}`, '      - PORT=8080', `      - CACHE_URL=redis://cache:6379/${n % 16}`);
    }
    // Ports: short and long syntax, some bound to loopback.
    const port = pick(r, COMPOSE_PORTS);
    out.push('    ports:');
    const bind = r();
    if (bind < 0.4) out.push(`      - "127.0.0.1:${port}:${port}"`);
    else if (bind < 0.7) out.push(`      - "${port}:${port}"`);
    else out.push(`      - target: ${port}`, `        published: "${port + 10000}"`, `        host_ip: ${r() < 0.5 ? '127.0.0.1' : '0.0.0.0'}`, '        protocol: tcp');
    if (r() < 0.2) out.push(`      - "${port + 1}-${port + 3}:${port + 1}-${port + 3}/udp"`);
    // Volumes: named, bind with options, long syntax, an occasional socket.
    out.push('    volumes:', `      - data:/var/lib/${name}`, `      - ./config/${name}:/etc/${name}:ro,z`);
    if (r() < 0.15) out.push('      - type: bind', '        source: /var/run/docker.sock', '        target: /var/run/docker.sock', `        read_only: ${r() < 0.5}`);
    if (r() < 0.1) out.push('      - /etc:/host/etc');
    if (r() < 0.5) {
      out.push('    labels:', '      - traefik.enable=true', `      - traefik.http.routers.${name}.rule=Host(\`${name}.example.com\`)`, `      - traefik.http.services.${name}.loadbalancer.server.port=${port}`);
    } else out.push('    labels:', `      com.example.team: platform`, `      com.example.service: ${name}`);
    if (r() < 0.7) {
      out.push('    healthcheck:', `      test: ["CMD-SHELL", "curl -fsS http://localhost:${port}/health || exit 1"]`, '      interval: 30s', '      timeout: 5s', '      retries: 3');
    }
    if (r() < 0.6) out.push('    deploy:', '      resources:', '        limits:', `          cpus: "${(0.25 + r()).toFixed(2)}"`, `          memory: ${128 * (1 + Math.floor(r() * 8))}M`, '        reservations:', '          memory: 64M');
    if (r() < 0.05) out.push('    privileged: true');
    if (r() < 0.08) out.push('    cap_add: [NET_ADMIN, CHOWN]');
    if (n > 0 && r() < 0.5) out.push('    depends_on:', `      svc${Math.floor(r() * n)}:`, '        condition: service_healthy');
    if (!small) out.push(`    networks: [${r() < 0.5 ? 'front, back' : 'back'}]`);
    n++;
  }
  out.push(...tail);
  return out.join('\n');
}

/**
 * A Traefik file-provider (dynamic) configuration of about `lines` lines: routers, services with
 * load balancers, middlewares and TLS options. Unless `clean`, some carry findings (TLS 1.0
 * allowed, a weak cipher, a transport that skips verification).
 */
export function generateTraefik(lines: number, seed = 1, clean = false): string {
  const r = rng(seed);
  const routers: string[] = ['http:', '  routers:'];
  const services: string[] = ['  services:'];
  const middlewares: string[] = [
    '  middlewares:',
    '    secure-headers:',
    '      headers:',
    '        stsSeconds: 31536000',
    '        stsIncludeSubdomains: true',
    '        contentTypeNosniff: true',
    '        frameDeny: true',
    '    rate-limit:',
    '      rateLimit:',
    '        average: 100',
    '        burst: 50',
  ];
  const transports: string[] = ['  serversTransports:', '    internal:', `      insecureSkipVerify: ${!clean && r() < 0.5}`, '      rootCAs:', '        - /certs/internal-ca.pem'];
  const tls: string[] = [
    'tls:',
    '  options:',
    '    default:',
    `      minVersion: ${!clean && r() < 0.5 ? 'VersionTLS10' : 'VersionTLS12'}`,
    '      sniStrict: true',
    '      cipherSuites:',
    '        - TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
    '        - TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
    ...(!clean && r() < 0.5 ? ['        - TLS_RSA_WITH_3DES_EDE_CBC_SHA'] : []),
  ];
  const fixed = middlewares.length + transports.length + tls.length + 4;
  let k = 0;
  while (routers.length + services.length + fixed < lines) {
    const name = `app${k}`;
    routers.push(
      `    # ${name}: public route`,
      `    ${name}:`,
      `      rule: "Host(\`${name}.example.com\`) && PathPrefix(\`/${pick(r, PATHS)}\`)"`,
      '      entryPoints:',
      '        - websecure',
      `      service: ${name}`,
      '      middlewares:',
      '        - secure-headers',
      ...(r() < 0.5 ? ['        - rate-limit'] : []),
      '      tls:',
      '        certResolver: le',
    );
    services.push(`    ${name}:`, '      loadBalancer:', '        passHostHeader: true', '        servers:');
    for (let i = 0; i < 1 + Math.floor(r() * 3); i++) services.push(`          - url: "http://10.0.${k % 250}.${10 + i}:8080"`);
    if (r() < 0.3) services.push('        serversTransport: internal');
    if (r() < 0.4) services.push('        healthCheck:', '          path: /health', '          interval: 10s');
    k++;
  }
  return [...routers, ...services, ...middlewares, ...transports, '', ...tls].join('\n') + '\n';
}

/** A small static `traefik.yml`: entry points, providers, API, ACME. */
export function generateTraefikStatic(seed = 1, clean = false): string {
  const r = rng(seed);
  const bad = !clean && r() < 0.5;
  return [
    'entryPoints:',
    '  web:',
    '    address: ":80"',
    '    http:',
    '      redirections:',
    '        entryPoint:',
    '          to: websecure',
    '          scheme: https',
    '  websecure:',
    '    address: ":443"',
    'providers:',
    '  docker:',
    `    exposedByDefault: ${bad && r() < 0.5}`,
    '  file:',
    '    directory: /etc/traefik/dynamic',
    '    watch: true',
    'api:',
    `  dashboard: true`,
    ...(bad && r() < 0.5 ? ['  insecure: true'] : []),
    'log:',
    `  level: ${bad && r() < 0.5 ? 'DEBUG' : 'INFO'}`,
    'certificatesResolvers:',
    '  le:',
    '    acme:',
    '      email: ops@example.com',
    '      storage: /letsencrypt/acme.json',
    '      tlsChallenge: {}',
  ].join('\n') + '\n';
}

export const generators: Record<string, (lines: number, seed?: number) => string> = {
  dockerfile: generateDockerfile,
  nginx: generateNginx,
  compose: generateCompose,
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

// ---------------------------------------------------------------------------------------------
// Whole workspaces: many small projects of every kind, for the CLI walk and the server's scan.

/** A hardened Dockerfile that no recommended rule flags. */
function cleanDockerfile(seed: number): string {
  return [
    '# syntax=docker/dockerfile:1.7',
    `FROM golang:1.22-bookworm@sha256:${'ab'.repeat(32)} AS build`,
    'WORKDIR /src',
    'COPY go.mod go.sum ./',
    'RUN go mod download',
    'COPY . .',
    `RUN CGO_ENABLED=0 go build -o /out/app${seed} ./cmd/app`,
    '',
    `FROM gcr.io/distroless/static-debian12:nonroot@sha256:${'cd'.repeat(32)}`,
    `COPY --from=build /out/app${seed} /app`,
    'USER 65532:65532',
    'EXPOSE 8080',
    'HEALTHCHECK --interval=30s --timeout=3s CMD ["/app", "health"]',
    'ENTRYPOINT ["/app"]',
  ].join('\n') + '\n';
}

/** A hardened Compose file that no recommended rule flags. */
function cleanCompose(seed: number): string {
  return [
    `name: clean${seed}`,
    'services:',
    '  api:',
    `    image: ghcr.io/acme/api:1.${seed % 50}.0`,
    '    user: "10001:10001"',
    '    read_only: true',
    '    restart: unless-stopped',
    '    security_opt:',
    '      - no-new-privileges:true',
    '    cap_drop:',
    '      - ALL',
    '    pids_limit: 256',
    '    ports:',
    `      - "127.0.0.1:${8000 + (seed % 1000)}:8080"`,
    '    healthcheck:',
    '      test: ["CMD", "/app", "health"]',
    '      interval: 30s',
    '    deploy:',
    '      resources:',
    '        limits:',
    '          cpus: "0.5"',
    '          memory: 256M',
  ].join('\n') + '\n';
}

export interface WorkspaceStats {
  /** Files Rampart lints, by language. */
  files: Record<string, number>;
  total: number;
  /** Files that must be skipped (.gitignore, node_modules). */
  skipped: number;
}

/**
 * Writes a workspace of about `count` lintable files under `dir`: projects with a Dockerfile or
 * two, a compose file, nginx configuration (by name and in `conf.d/`, detected by content),
 * Traefik static and dynamic files, some clean and most with findings, between files Rampart
 * ignores (sources, READMEs) and files it must skip (a gitignored `build/`, `node_modules/`).
 * Same arguments, same files. Returns what it wrote.
 */
export function generateWorkspace(dir: string, count: number, seed = 7): WorkspaceStats {
  // Imported here so the generators above stay usable without a file system (browser, workers).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  const r = rng(seed);
  const stats: WorkspaceStats = { files: { dockerfile: 0, compose: 0, nginx: 0, traefik: 0 }, total: 0, skipped: 0 };
  const write = (rel: string, text: string, language?: string) => {
    const p = `${dir}/${rel}`;
    fs.mkdirSync(p.slice(0, p.lastIndexOf('/')), { recursive: true });
    fs.writeFileSync(p, text);
    if (language) {
      stats.files[language]!++;
      stats.total++;
    }
  };
  const size = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo));
  write('.gitignore', 'build/\n*.log\n');
  write('README.md', '# Generated workspace\n');
  let p = 0;
  while (stats.total < count) {
    const proj = `group${Math.floor(p / 50)}/project${p}`;
    const s = seed * 100_000 + p;
    const clean = r() < 0.25;
    write(`${proj}/README.md`, `# project ${p}\n`);
    write(`${proj}/src/main.go`, 'package main\n\nfunc main() {}\n');
    write(`${proj}/Dockerfile`, clean ? cleanDockerfile(s) : generateDockerfile(size(15, 80), s), 'dockerfile');
    write(`${proj}/compose.yaml`, clean ? cleanCompose(s) : generateCompose(size(20, 100), s) + '\n', 'compose');
    const roll = r();
    if (roll < 0.5) write(`${proj}/docker/worker.Dockerfile`, generateDockerfile(size(15, 60), s + 1), 'dockerfile');
    if (roll < 0.3) write(`${proj}/compose.override.yaml`, 'services:\n  svc0:\n    environment:\n      - DEBUG=1\n', 'compose');
    if (r() < 0.6) write(`${proj}/nginx/nginx.conf`, generateNginx(size(20, 120), s), 'nginx');
    if (r() < 0.4) write(`${proj}/conf.d/site${p}.conf`, generateNginx(size(20, 60), s + 2).replace(/^user[\s\S]*?http \{\n/, 'server_tokens off;\n').replace(/\}\n$/, ''), 'nginx');
    if (r() < 0.4) {
      write(`${proj}/traefik.yml`, generateTraefikStatic(s, clean), 'traefik');
      write(`${proj}/dynamic/routes.yml`, generateTraefik(size(15, 60), s, clean), 'traefik');
    }
    if (r() < 0.2) {
      // Skipped: ignored by .gitignore, or inside node_modules.
      write(`${proj}/build/Dockerfile`, generateDockerfile(20, s));
      write(`${proj}/node_modules/pkg/Dockerfile`, generateDockerfile(20, s));
      stats.skipped += 2;
    }
    p++;
  }
  return stats;
}
