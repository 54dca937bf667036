// What the fuzzer knows per language. Every language plugin in the registry is fuzzed: its seeds
// are its rule fixtures (test/fixtures/<language>/**) plus the saved regression inputs
// (test/fuzz/regressions/<language>/*). A new language (Traefik) is fuzzed as soon as its plugin
// is registered and its fixtures exist; the table below adds a token dictionary, a nesting
// generator and a file extension for saved inputs (all four languages have one).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../../server/src/engine/types';
import { plugins } from '../../server/src/engine/registry';
import { repoRoot } from '../helpers/paths';
import { filesUnder } from '../helpers/walk';

export interface LanguageExtras {
  /** Tokens that mean something to the language's lexer or parser. */
  dictionary: string[];
  /** A deeply nested fragment, `depth` levels. */
  nest(depth: number): string;
  /** How a saved regression input is named: `<hash><ext>`. */
  ext: string;
}

const GENERIC: LanguageExtras = {
  dictionary: ['{', '}', '[', ']', ':', ';', '#', '"', "'", '\\', '$', '${', '=', '<<', '\t', '\r\n'],
  nest: (depth) => '{'.repeat(depth) + '}'.repeat(depth),
  ext: '.txt',
};

export const EXTRAS: Partial<Record<Language, LanguageExtras>> = {
  dockerfile: {
    dictionary: [
      '\\', '\\\n', '`', '<<EOF', '<<-EOF', '<<"EOF"', 'EOF', '\nEOF\n', '${', '${A:-', '${A:+x}', '$A', '}', '#', '# escape=`\n', '# syntax=docker/dockerfile:1\n',
      '# check=skip=all\n', 'FROM ', 'FROM scratch\n', 'FROM node:latest AS b\n', 'RUN ', 'RUN curl -k https://x | sh\n', 'ENV ', 'ARG ', 'ARG TOKEN=abc\n',
      'COPY --from=b ', 'ADD ', 'USER ', 'USER root\n', 'CMD ', 'ENTRYPOINT ', 'HEALTHCHECK ', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n', 'ONBUILD ',
      '["', '"]', '", "', '&&', '||', '|', ';', '--mount=type=cache,target=/var/lib/apt/lists', '--chmod=777', 'apt-get install -y ', '# rampart-ignore ',
      '# rampart-ignore-file dockerfile/user-root\n', '# hadolint ignore=DL3002\n', '=', '@sha256:', ':', '/', '\t',
    ],
    nest: (depth) => 'RUN true \\\n' + '  && echo x \\\n'.repeat(depth) + '  && true\n',
    ext: '.Dockerfile',
  },
  compose: {
    dictionary: [
      '<<', '<<: *a', '*a', '&a ', '&a', '*', '&', '!reset', '!override', '!reset null', '${', '${A:-', '${A:?err}', '$$', '}', '{', '[', ']', ', ', ': ', ':', '- ', '---\n',
      '...\n', '|', '>', '|-', '"', "'", '\\', '#', '? ', '%YAML 1.2\n', '%TAG ! tag:x,2000:\n', '!!str', '!!map', '\t', 'services:\n', '  web:\n', '    image: x\n',
      '    privileged: true\n', '    volumes: [/var/run/docker.sock:/var/run/docker.sock]\n', '    environment:\n      PASSWORD: hunter2\n', 'x-base: &a\n  user: root\n',
      '<<: [*a, *a]\n', '# rampart-ignore ', '# rampart-ignore-file compose/privileged\n',
    ],
    nest: (depth) => {
      // Block mappings, then a flow collection, both `depth` deep.
      let s = 'services:\n  web:\n    image: x\n    labels:\n';
      for (let i = 0; i < depth; i++) s += ' '.repeat(6 + 2 * i) + 'a:\n';
      s += ' '.repeat(6 + 2 * depth) + 'b: ' + '['.repeat(depth) + ']'.repeat(depth) + '\n';
      return s;
    },
    ext: '.compose.yaml',
  },
  nginx: {
    dictionary: [
      '{', '}', ';', '"', "'", '\\', '#', '$', '${', '${VAR}', '{{', '}}', '{{ .x }}', 'server {', 'location / {', 'location ~ /\\. {', 'location ~* \\.(png)$ {', 'http {',
      'if ($host) {', 'map $a $b {', 'include ', 'add_header X-Frame-Options DENY always;', 'add_header ', 'listen 443 ssl;', 'listen 80;', 'proxy_pass http://$host;',
      'content_by_lua_block {', 'ssl_protocols TLSv1;', 'ssl_ciphers ALL;', 'server_name ~^(www\\.)?(.+)$;', 'allow 10.0.0.0/8;', 'deny all;', 'return 301 https://$host$request_uri;',
      'limit_req zone=api;', 'root /srv;', 'alias /srv/;', '# rampart-ignore ', '# rampart-ignore-file nginx/server-tokens\n', '\t', '\r\n',
    ],
    nest: (depth) => 'http {\n' + 'location / {\n'.repeat(depth) + 'return 200;\n' + '}\n'.repeat(depth) + '}\n',
    ext: '.conf',
  },
  traefik: {
    dictionary: [
      'http:\n', 'tcp:\n', 'tls:\n', 'routers:\n', 'middlewares:\n', 'services:\n', 'options:\n', 'entryPoints:\n', 'providers:\n', 'api:\n  insecure: true\n',
      '  rule: Host(`a.example.com`)\n', '  entryPoints: [web, websecure]\n', '  middlewares: [a@file, b@docker]\n', '  service: s@internal\n', '  tls: {}\n',
      'minVersion: VersionTLS10\n', 'cipherSuites:\n  - TLS_RSA_WITH_AES_128_CBC_SHA\n', 'ipWhiteList:\n', 'sourceRange: [0.0.0.0/0]\n', 'stsSeconds: 0\n',
      'basicAuth:\n  users:\n    - "u:$$apr1$$x"\n', '{{ .Name }}', '{{', '}}', '[http.routers.r]\n', '[[tls.certificates]]\n', 'rule = "Host(`a`)"\n', '"""\n', "'''\n",
      '<<: *a', '&a ', '*a', '!reset', '- ', ': ', ':', '"', "'", '#', '\\', '${', '[', ']', '{', '}', ',', '=', '\t', '\r\n', '# rampart-ignore ',
    ],
    nest: (depth) => {
      // Block mappings under a middleware, then flow collections, both `depth` deep.
      let s = 'http:\n  middlewares:\n    m:\n      headers:\n';
      for (let i = 0; i < depth; i++) s += ' '.repeat(8 + 2 * i) + 'a:\n';
      s += ' '.repeat(8 + 2 * depth) + 'b: ' + '['.repeat(depth) + '{x: 1}' + ']'.repeat(depth) + '\n';
      return s;
    },
    // Saved inputs replay as YAML (the form most of the seeds are in).
    ext: '.yml',
  },
};

export function extrasFor(language: Language): LanguageExtras {
  return EXTRAS[language] ?? GENERIC;
}

export interface Seed {
  /** Absolute path: side files (.env, .dockerignore, includes) resolve next to it. */
  path: string;
  text: string;
}

export const FIXTURES_DIR = join(repoRoot(), 'test', 'fixtures');
export const REGRESSIONS_DIR = join(repoRoot(), 'test', 'fuzz', 'regressions');

/** Files of a fixture tree that are linted inputs (not expectations, fixed texts or side files). */
function isInput(name: string): boolean {
  return !name.endsWith('.json') && !name.includes('.fixed') && !name.startsWith('.') && !name.endsWith('.dockerignore');
}


export function fixtureSeeds(language: Language): Seed[] {
  const files: string[] = [];
  filesUnder(join(FIXTURES_DIR, language), isInput, files);
  return files.map((p) => ({ path: p.replace(/\\/g, '/'), text: readFileSync(p, 'utf8') }));
}

/**
 * Saved failing inputs. Most are the raw text; an input that UTF-8 cannot hold (a lone surrogate)
 * is saved as `<hash><ext>.json`, a JSON string, so the replay sees exactly what failed.
 */
export function regressionSeeds(language: Language): Seed[] {
  const dir = join(REGRESSIONS_DIR, language);
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names
    .filter((n) => !n.startsWith('.') && n !== 'README.md')
    .map((n) => {
      const p = join(dir, n);
      const raw = readFileSync(p, 'utf8');
      return { path: p.replace(/\\/g, '/').replace(/\.json$/, ''), text: n.endsWith('.json') ? (JSON.parse(raw) as string) : raw };
    });
}

/** How a failing input is stored: the file name (hash + extension) and the bytes to write. */
export function regressionFile(language: Language, hash: string, text: string): { name: string; content: string } {
  const ext = extrasFor(language).ext;
  const lossless = Buffer.from(text, 'utf8').toString('utf8') === text;
  return lossless ? { name: `${hash}${ext}`, content: text } : { name: `${hash}${ext}.json`, content: JSON.stringify(text) + '\n' };
}

/** Every registered language, in registry order. */
export function fuzzLanguages(): Language[] {
  return plugins.map((p) => p.language as Language);
}
