// Pathological inputs with clear answers. Each test asserts only that lint() completes with the
// expected findings: no clock is read (`npm run fuzz` measures and reports time; a hang here shows
// as the test runner's timeout). Sizes are the ones the issue names: 1 MB of a single character
// for the nginx lexer, a billion-laughs compose file, nesting far past every cap.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/engine/config';
import { lint } from '../../server/src/engine/lint';
import type { Diagnostic, Language, WorkspaceView } from '../../server/src/engine/types';

const MB = 1 << 20;
const config = mergeConfig(DEFAULT_CONFIG, { profile: 'strict' });
const workspace: WorkspaceView = { readFile: () => undefined, exists: () => false };
const PATHS: Record<Language, string> = { dockerfile: '/w/Dockerfile', compose: '/w/compose.yaml', nginx: '/w/nginx.conf', traefik: '/w/traefik.yml' };

function run(language: Language, text: string): Diagnostic[] {
  const contained: string[] = [];
  const r = lint(PATHS[language], text, { config, workspace, language, onContained: (rule, problem) => contained.push(`${rule} ${problem}`) });
  assert.ok(r, 'a result');
  assert.deepEqual(contained, [], 'no rule or parser failed');
  return r.diagnostics;
}

function count(ds: Diagnostic[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of ds) out[d.rule] = (out[d.rule] ?? 0) + 1;
  return out;
}

describe('nginx: 1 MB of one character lexes in one pass', () => {
  it('`{`: unclosed blocks, reported at most 50 times, the first at the file start', () => {
    const ds = run('nginx', '{'.repeat(MB));
    assert.deepEqual(count(ds), { 'nginx/syntax': 50 });
    assert.equal(ds[0]!.message, 'Unexpected "{" with no directive name before it: nginx refuses to load the file.');
  });

  it('`"`: empty strings glued together, at most 50 findings', () => {
    const ds = run('nginx', '"'.repeat(MB));
    assert.deepEqual(count(ds), { 'nginx/syntax': 50 });
    assert.match(ds[0]!.message, /^Unexpected """ right after a closing quote/);
  });

  it('`#`: one comment, nothing to report', () => {
    assert.deepEqual(run('nginx', '#'.repeat(MB)), []);
  });

  it('`$`: one word without its `;`, quoted shortened', () => {
    const ds = run('nginx', '$'.repeat(MB));
    assert.deepEqual(count(ds), { 'nginx/syntax': 1 });
    assert.ok(ds[0]!.message.length < 300);
  });

  it('`}` and `;`: strays, at most 50 findings each', () => {
    assert.deepEqual(count(run('nginx', '}'.repeat(MB))), { 'nginx/syntax': 50 });
    assert.deepEqual(count(run('nginx', ';'.repeat(MB))), { 'nginx/syntax': 50 });
  });

  it('a comment ended by a lone CR (nginx-conf used to loop forever on it)', () => {
    assert.deepEqual(run('nginx', '# old\r'), []);
    assert.deepEqual(run('nginx', 'events {}\r# left over\r'), []);
    assert.deepEqual(run('nginx', 'events {}\n# x\u2028'), []);
  });

  it('10^5 levels of `location / {` are counted past the cap, not built', () => {
    const ds = run('nginx', 'http {\nserver {\nlisten 80;\n' + 'location / {\n'.repeat(100_000) + '}\n'.repeat(100_002));
    assert.ok(ds.some((d) => /Blocks nest more than 200 levels/.test(d.message)));
  });
});

describe('compose: alias bombs and nesting are refused quickly', () => {
  const laughs = (levels: number, width: number) => {
    const lines = ['x-l0: &l0 "lol"'];
    for (let i = 1; i <= levels; i++) lines.push(`x-l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(', ')}]`);
    return `${lines.join('\n')}\nservices:\n  web:\n    image: nginx:1.27\n    user: "10001"\n    labels: *l${levels}\n`;
  };

  it('a billion laughs (9 levels of 9 aliases) is linted, with the bomb reported', () => {
    const ds = run('compose', laughs(9, 9));
    const bombs = ds.filter((d) => d.rule === 'rampart/parse-error' && /alias bomb/.test(d.message));
    assert.equal(bombs.length, 1);
    // The rest of the file is still linted.
    assert.ok(ds.some((d) => d.rule === 'compose/no-new-privileges'));
  });

  it('a bomb through merge keys is bounded', () => {
    const lines = ['x-a0: &a0 {k0: 1}'];
    for (let i = 1; i <= 20; i++) lines.push(`x-a${i}: &a${i} {<<: [*a${i - 1}, *a${i - 1}], k${i}: ${i}}`);
    const ds = run('compose', `${lines.join('\n')}\nservices:\n  web:\n    image: nginx:1.27\n    <<: *a20\n`);
    assert.ok(ds.some((d) => d.rule === 'compose/no-new-privileges'));
  });

  for (const [name, unit] of [
    ['flow sequences', '['],
    ['flow mappings', '{a: '],
    ['compact sequences', '- '],
    ['explicit keys', '? '],
  ] as const) {
    it(`10^5 nested ${name}: a parse error, no crash`, () => {
      const ds = run('compose', `services:\n  web:\n    image: nginx:1.27\n    labels: ${unit.repeat(100_000)}\n`);
      assert.ok(ds.some((d) => d.rule === 'rampart/parse-error'));
      assert.ok(ds.filter((d) => d.rule === 'rampart/parse-error').length <= 50);
    });
  }

  it('a line of 60,000 `}` yields at most 50 syntax findings', () => {
    const ds = run('compose', `services:\n  web:\n    image: nginx:1.27\n    labels: [a]${'}'.repeat(60_000)}\n`);
    assert.equal(ds.filter((d) => d.rule === 'rampart/parse-error').length, 50);
  });
});

describe('Dockerfile: long continuations, many stages, long variable chains', () => {
  it('a RUN continued over 100,000 lines', () => {
    const ds = run('dockerfile', 'FROM alpine:3.20\nRUN true \\\n' + '  && echo x \\\n'.repeat(100_000) + '  && true\nUSER nobody\n');
    assert.deepEqual(count(ds), { 'dockerfile/image-not-digest-pinned': 1 });
  });

  it('20,000 stages', () => {
    const ds = run('dockerfile', 'FROM alpine:3.20 AS base\n' + 'FROM base\n'.repeat(20_000) + 'USER nobody\n');
    assert.deepEqual(count(ds), { 'dockerfile/image-not-digest-pinned': 1 });
  });

  it('`${A:-` 200,000 times in FROM and ENV (no quadratic rescans), messages kept short', () => {
    const chain = '${A:-'.repeat(200_000);
    const ds = run('dockerfile', `FROM alpine:3.${chain}\nENV API_TOKEN=${chain}\nUSER nobody\n`);
    assert.ok(ds.some((d) => d.rule === 'dockerfile/secret-in-env'));
    for (const d of ds) assert.ok(d.message.length <= 1000, `${d.rule}: ${d.message.length} characters`);
  });

  it('a RUN with 100,000 nested `"$(` substitutions', () => {
    const ds = run('dockerfile', `FROM alpine:3.20\nRUN echo "${'$("'.repeat(100_000)}\nUSER nobody\n`);
    assert.ok(Array.isArray(ds));
  });
});

describe('Traefik: CRLF files with long runs of comment lines', () => {
  // Two regexes (indent detection, the fixes' sequence style) let a `\r\n` comment line end two
  // ways: forty comment lines after a key whose next line does not continue it meant 2^40
  // steps, an editor hang.
  const comments = '# a comment line\r\n'.repeat(40);
  it('a static file: the indentation is still detected, the findings reported', () => {
    const ds = run('traefik', `global:\r\n${comments}api:\r\n  insecure: true\r\nlog:\r\n  level: DEBUG\r\n`);
    assert.deepEqual(count(ds), { 'traefik/api-insecure': 1, 'traefik/debug-log': 1 });
  });
  it('a dynamic file whose fixes look for the sequence style past the comments', () => {
    const text = `http:\r\n  routers:\r\n    app:\r\n${comments}      rule: Host(\`a.example.com\`)\r\n      service: app\r\n`;
    const ds = run('traefik', text);
    assert.ok(ds.some((d) => d.fix !== undefined), 'a finding with a fix was computed');
  });
});
