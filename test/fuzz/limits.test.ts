// Pathological inputs with clear answers. Each test asserts only that lint() completes with the
// expected findings: no clock is read (`npm run fuzz` measures and reports time; a hang here shows
// as the test runner's timeout). Sizes are the ones the issue names: 1 MB of a single character
// for the nginx lexer, a billion-laughs compose file, nesting far past every cap.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/engine/config';
import { lint } from '../../server/src/engine/lint';
import type { Diagnostic, Language, WorkspaceView } from '../../server/src/engine/types';
import { MAX_NESTING, nestingMessage } from '../../server/src/yaml/nesting';
import { directiveRegion, MAX_DIRECTIVE_LINE } from '../../server/src/languages/dockerfile/ast-memo';
import { deepInputs, deepToml, deepYaml, HEAD_LEVELS } from './deep-inputs';

const MB = 1 << 20;
const config = mergeConfig(DEFAULT_CONFIG, { profile: 'strict' });
const workspace: WorkspaceView = { readFile: () => undefined, exists: () => false };
const PATHS: Record<Language, string> = { dockerfile: '/w/Dockerfile', compose: '/w/compose.yaml', nginx: '/w/nginx.conf', traefik: '/w/traefik.yml' };

function run(language: Language, text: string, path = PATHS[language]): Diagnostic[] {
  const contained: string[] = [];
  const r = lint(path, text, { config, workspace, language, onContained: (rule, problem) => contained.push(`${rule} ${problem}`) });
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

describe('nesting past 200 levels is refused before a parser recurses into it (issue #8)', () => {
  assert.equal(MAX_NESTING, 200);
  const refused = (line: number, character: number) => [
    { rule: 'rampart/parse-error', range: { start: { line, character }, end: { line, character: character + 1 } }, message: 'Nesting deeper than 200 levels: Rampart does not lint this file.' },
  ];
  const brief = (ds: Diagnostic[]) => ds.map((d) => ({ rule: d.rule, range: d.range, message: d.message }));

  it('the message', () => {
    assert.equal(nestingMessage(), 'Nesting deeper than 200 levels: Rampart does not lint this file.');
  });

  // Where the cap is passed: compose's `a:` is 4 block levels deep (services, web, labels, a),
  // Traefik's 5; each flow bracket or `- ` adds one, so the 197th (compose) or 196th (Traefik)
  // is the 201st level. The block mappings' first `a:` line is one level below the head's, each
  // next line one more.
  const expected: Record<string, [number, number]> = {
    'compose flow sequences, 30,000 levels': [4, '      a: '.length + (MAX_NESTING - HEAD_LEVELS.compose)],
    'compose flow mappings, 12,000 levels': [4, '      a: '.length + 4 * (MAX_NESTING - HEAD_LEVELS.compose)],
    'compose compact block sequences, 30,000 levels': [5, 8 + 2 * (MAX_NESTING - HEAD_LEVELS.compose - 1)],
    'compose block mappings, 330 levels': [5 + MAX_NESTING - HEAD_LEVELS.compose, 8 + MAX_NESTING - HEAD_LEVELS.compose],
    'traefik flow sequences, 30,000 levels': [4, '        a: '.length + (MAX_NESTING - HEAD_LEVELS.traefik)],
    'traefik flow mappings, 12,000 levels': [4, '        a: '.length + 4 * (MAX_NESTING - HEAD_LEVELS.traefik)],
    'traefik compact block sequences, 30,000 levels': [5, 10 + 2 * (MAX_NESTING - HEAD_LEVELS.traefik - 1)],
    'traefik block mappings, 330 levels': [5 + MAX_NESTING - HEAD_LEVELS.traefik, 10 + MAX_NESTING - HEAD_LEVELS.traefik],
    // TOML: the 201st `[` or `{` of the value.
    'traefik TOML arrays, 30,000 levels': [1, 'a = '.length + MAX_NESTING],
    'traefik TOML inline tables, 12,000 levels': [1, 'a = '.length + 5 * MAX_NESTING],
  };
  for (const input of deepInputs()) {
    it(`${input.name} (${Math.round(input.text.length / 1024)} KB): exactly one parse error, where the cap is passed`, () => {
      const [line, character] = expected[input.name]!;
      assert.deepEqual(brief(run(input.language, input.text, input.path)), refused(line, character));
    });
  }

  // Just under the cap, the same shapes are linted as the shallow file is.
  const under: Array<[string, Language, string, (levels: number) => string, number]> = [
    ['compose flow sequences', 'compose', PATHS.compose, (n) => deepYaml('compose', 'flow-seq', n), MAX_NESTING - HEAD_LEVELS.compose],
    ['compose flow mappings', 'compose', PATHS.compose, (n) => deepYaml('compose', 'flow-map', n), MAX_NESTING - HEAD_LEVELS.compose],
    ['compose block mappings', 'compose', PATHS.compose, (n) => deepYaml('compose', 'block-map', n), MAX_NESTING - HEAD_LEVELS.compose - 1],
    ['traefik flow sequences', 'traefik', '/w/dynamic.yml', (n) => deepYaml('traefik', 'flow-seq', n), MAX_NESTING - HEAD_LEVELS.traefik],
    ['traefik compact block sequences', 'traefik', '/w/dynamic.yml', (n) => deepYaml('traefik', 'block-seq', n), MAX_NESTING - HEAD_LEVELS.traefik - 1],
    ['traefik TOML arrays', 'traefik', '/w/dynamic.toml', (n) => deepToml('toml-array', n), MAX_NESTING],
    ['traefik TOML inline tables', 'traefik', '/w/dynamic.toml', (n) => deepToml('toml-inline-table', n), MAX_NESTING],
  ];
  for (const [name, language, path, make, levels] of under) {
    it(`${name}, ${levels} levels (200 in all): linted as usual`, () => {
      const shallow = run(language, make(1), path);
      const deep = run(language, make(levels), path);
      assert.ok(!deep.some((d) => d.rule === 'rampart/parse-error'), brief(deep).map((d) => d.message).join('; '));
      assert.deepEqual(count(deep), count(shallow));
      // One level more is refused.
      assert.deepEqual(count(run(language, make(levels + 1), path)), { 'rampart/parse-error': 1 });
    });
  }

  it('brackets in quoted strings, comments and block scalars are not nesting', () => {
    const text = (s: string) => `services:\n  web:\n    image: nginx:1.27\n    user: "10001"\n${s}`;
    const deep = '['.repeat(1000);
    const ds = run('compose', text(`    command: ["${deep}", '${deep}']\n    # ${deep}\n    entrypoint: |\n      ${deep}\n      ${deep}\n    x-a: "${deep}\n      ${deep}"\n`));
    assert.ok(!ds.some((d) => d.rule === 'rampart/parse-error'), brief(ds).map((d) => d.message).join('; '));
    const toml = run('traefik', `[http.routers.r]\nrule = "${deep}" # ${deep}\nx = '${deep}'\ny = """\n${deep}\n"""\n`, '/w/dynamic.toml');
    assert.ok(!toml.some((d) => d.rule === 'rampart/parse-error'), brief(toml).map((d) => d.message).join('; '));
  });
});

describe('Dockerfile: parser directives of hostile length', () => {
  it('60,000 `#` on one line: dockerfile-ast scanned it from every character (9 s), now a comment', () => {
    assert.deepEqual(run('dockerfile', '#'.repeat(60_000)), []);
  });

  it('12,000 `#a=b ` on one line: one long comment line, then the file', () => {
    assert.deepEqual(count(run('dockerfile', '#a=b '.repeat(12_000) + '\nFROM alpine:3.20\nUSER nobody\n')), { 'dockerfile/image-not-digest-pinned': 1 });
  });

  it('the directive scan sees the leading `#…=…` lines up to the first over-long one', () => {
    const long = '#'.repeat(MAX_DIRECTIVE_LINE + 1);
    assert.equal(directiveRegion(long), '');
    assert.equal(directiveRegion(`# escape=\`\r\n# syntax=x\n${long}`), '# escape=`\r\n# syntax=x\n');
    // After the first line that is no directive, nothing is read: the text stays whole.
    assert.equal(directiveRegion(`# escape=\`\nFROM x\n${long}`), `# escape=\`\nFROM x\n${long}`);
    assert.equal(directiveRegion(`# a comment\n${long}`), `# a comment\n${long}`);
    // A directive still works.
    assert.deepEqual(count(run('dockerfile', '# escape=`\nFROM alpine:3.20\nRUN echo a `\n  b\nUSER nobody\n')), { 'dockerfile/image-not-digest-pinned': 1 });
  });
});
