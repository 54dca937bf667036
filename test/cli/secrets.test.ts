// Secret hygiene: no secret value from the linted files appears in any output of the CLI, in any
// format, on stdout, stderr or in --output files, including the --fix-dry-run diff whose context
// lines sit next to the secrets. The fixture carries values no current rule flags, so the CLI's
// own redaction is what is tested; rules that mark secretRanges only add to it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { rampart, removeTree, tempTree } from './run';

const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const DB_PASSWORD = 'correct-horse-battery-staple';
const URL_PASSWORD = 'pa55w0rdInUrl';
const GH_TOKEN = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
const SECRETS = [SECRET_KEY, ACCESS_KEY_ID, DB_PASSWORD, URL_PASSWORD, GH_TOKEN];

const DOCKERFILE = [
  'FROM node:latest',
  `ENV AWS_SECRET_ACCESS_KEY=${SECRET_KEY}`,
  `ENV AWS_ACCESS_KEY_ID=${ACCESS_KEY_ID}`,
  'ADD app.js /app/',
  `ENV DB_PASSWORD "${DB_PASSWORD}"`,
  `RUN curl -fsS https://deploy:${URL_PASSWORD}@example.com/x -o /x`,
  `ARG GITHUB_TOKEN=${GH_TOKEN}`,
  'ADD b.js /b/',
  '',
].join('\n');

function assertClean(where: string, text: string): void {
  for (const s of SECRETS) assert.ok(!text.includes(s), `${where} contains the secret ${s.slice(0, 4)}…`);
}

describe('no secret value in any output', () => {
  let dir = '';
  before(() => {
    dir = tempTree({ 'Dockerfile': DOCKERFILE, 'crlf/Dockerfile': DOCKERFILE.replace(/\n/g, '\r\n') });
  });
  after(() => removeTree(dir));

  const runs: string[][] = [
    ['lint'],
    ['lint', '--format', 'json'],
    ['lint', '--format', 'sarif'],
    ['lint', '--fix-dry-run'],
    ['lint', '--profile', 'strict', '--format', 'sarif'],
    ['lint', 'Dockerfile', '--language', 'dockerfile', '--format', 'json'],
  ];
  for (const args of runs) {
    it(args.slice(1).join(' ') || 'text', () => {
      const r = rampart(dir, args);
      assert.notEqual(r.code, 2, r.stderr);
      assertClean('stdout', r.stdout);
      assertClean('stderr', r.stderr);
    });
  }

  it('--fix-dry-run masks the values but still shows the lines around the fix', () => {
    const r = rampart(dir, ['lint', 'Dockerfile', '--fix-dry-run']);
    assert.equal(
      r.stdout,
      [
        '--- a/Dockerfile',
        '+++ b/Dockerfile',
        '@@ -1,8 +1,8 @@',
        ' FROM node:latest',
        ' ENV AWS_SECRET_ACCESS_KEY=********',
        ' ENV AWS_ACCESS_KEY_ID=********',
        '-ADD app.js /app/',
        '+COPY app.js /app/',
        ' ENV DB_PASSWORD "********"',
        ' RUN curl -fsS https://deploy:********@example.com/x -o /x',
        ' ARG GITHUB_TOKEN=********',
        '-ADD b.js /b/',
        '+COPY b.js /b/',
        '',
      ].join('\n'),
    );
  });

  it('--fix-dry-run says so when a change lies inside a secret (it masks to the same text on both sides)', () => {
    const HASH = '$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/';
    const auth = tempTree({
      'compose.yaml': `services:\n  web:\n    image: nginx:1.27\n    security_opt: [no-new-privileges:true]\n    labels:\n      - "traefik.http.middlewares.auth.basicauth.users=admin:${HASH}"\n`,
    });
    try {
      const r = rampart(auth, ['lint', 'compose.yaml', '--fix-dry-run', '--rule', 'traefik/basic-auth-dollar=error']);
      assert.ok(!r.stdout.includes('H6uskkkW'), r.stdout);
      assert.match(r.stdout, /^# rampart: 1 changed line of compose\.yaml holds a secret and is not shown; --fix applies it\.\n/);
      assert.ok(!r.stdout.includes('@@'), 'no hunk is left once both sides are masked');
    } finally {
      removeTree(auth);
    }
  });

  it('report files written with --output, and stdin', () => {
    for (const format of ['text', 'json', 'sarif']) {
      const r = rampart(dir, ['lint', '--format', format, '--output', `report.${format}`]);
      assertClean(`stdout (${format})`, r.stdout + r.stderr);
      assertClean(`report.${format}`, readFileSync(`${dir}/report.${format}`, 'utf8'));
    }
    const stdin = rampart(dir, ['lint', '-', '--language', 'dockerfile', '--fix-dry-run'], DOCKERFILE);
    assert.match(stdin.stdout, /^\+COPY app\.js/m);
    assertClean('stdin diff', stdin.stdout + stdin.stderr);
  });

  it('--fix rewrites the file (keeping the secrets, which are the user\'s) and reports nothing of them', () => {
    const fixDir = tempTree({ 'Dockerfile': DOCKERFILE });
    try {
      const r = rampart(fixDir, ['lint', '--fix', '--format', 'sarif']);
      assertClean('stdout', r.stdout + r.stderr);
      assert.equal(readFileSync(`${fixDir}/Dockerfile`, 'utf8'), DOCKERFILE.replace('ADD app.js', 'COPY app.js').replace('ADD b.js', 'COPY b.js'));
    } finally {
      removeTree(fixDir);
    }
  });

  it('a broken config does not echo the file being linted', () => {
    const bad = tempTree({ '.rampart.yaml': `rules: {${SECRET_KEY}: off}\n`, 'Dockerfile': DOCKERFILE });
    try {
      const r = rampart(bad, ['lint']);
      assert.equal(r.code, 2);
      // The config's own text is quoted (it is the user's config), never the Dockerfile's.
      for (const s of [ACCESS_KEY_ID, DB_PASSWORD, URL_PASSWORD, GH_TOKEN]) assert.ok(!r.stderr.includes(s));
    } finally {
      removeTree(bad);
    }
  });
});
