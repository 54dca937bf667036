// `rampart lint` and `rampart rules` end to end: exact text and JSON reports, ordering, skipped
// files, exit codes, usage and config errors, --output, stdin, discovery.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { allRules } from '../../server/src/engine/registry';
import { ADD_MSG, LATEST_MSG, rampart, removeTree, tempTree } from './run';

const HELP_HINT = 'Run `rampart --help` for usage.\n';

describe('rampart lint: text and JSON reports', () => {
  let dir = '';
  before(() => {
    // The final stages set a non-root USER, so only the findings under test appear.
    dir = tempTree({
      'b/Dockerfile': 'FROM node:latest\nADD app.js /app/\nUSER node\n',
      'a.Dockerfile': '# rampart-ignore dockerfile/image-latest -- pinned by the release job\nFROM debian:latest\nADD a /a\nFROM node:20\nUSER node\n',
      'z/Containerfile': 'FROM alpine:3.20\nUSER nobody\n',
      'README.md': '# not linted\n',
      '.gitignore': 'ignored/\n',
      'ignored/Dockerfile': 'FROM node:latest\n',
      'node_modules/x/Dockerfile': 'FROM node:latest\n',
    });
  });
  after(() => removeTree(dir));

  it('text: one line per finding, files by path, then the summary; exit 1 at the default --fail-on warning', () => {
    const r = rampart(dir, ['lint']);
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      [
        `a.Dockerfile:3:1: warning dockerfile/add-instead-of-copy ${ADD_MSG('a')}`,
        `b/Dockerfile:1:11: warning dockerfile/image-latest ${LATEST_MSG('node')}`,
        `b/Dockerfile:2:1: warning dockerfile/add-instead-of-copy ${ADD_MSG('app.js')}`,
        '3 problems (0 errors, 3 warnings, 0 info) in 3 files',
        '',
      ].join('\n'),
    );
    assert.equal(r.code, 1);
  });

  it('json: the version 1 shape, every recognised file, suppressed findings left out', () => {
    const r = rampart(dir, ['lint', '--format', 'json']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const range = (l: number, c: number, l2: number, c2: number) => ({ start: { line: l, character: c }, end: { line: l2, character: c2 } });
    assert.deepEqual(JSON.parse(r.stdout), {
      version: 1,
      tool: { name: 'rampart', version: '0.1.0' },
      files: [
        {
          path: 'a.Dockerfile',
          language: 'dockerfile',
          diagnostics: [{ rule: 'dockerfile/add-instead-of-copy', severity: 'warning', message: ADD_MSG('a'), range: range(2, 0, 2, 3), fix: 'safe' }],
        },
        {
          path: 'b/Dockerfile',
          language: 'dockerfile',
          diagnostics: [
            { rule: 'dockerfile/image-latest', severity: 'warning', message: LATEST_MSG('node'), range: range(0, 10, 0, 16), fix: 'none' },
            { rule: 'dockerfile/add-instead-of-copy', severity: 'warning', message: ADD_MSG('app.js'), range: range(1, 0, 1, 3), fix: 'safe' },
          ],
        },
        { path: 'z/Containerfile', language: 'dockerfile', diagnostics: [] },
      ],
      summary: { files: 3, skipped: 0, error: 0, warning: 3, info: 0 },
    });
  });

  it('--fail-on sets the threshold; never always exits 0', () => {
    assert.equal(rampart(dir, ['lint', '--fail-on', 'error']).code, 0);
    assert.equal(rampart(dir, ['lint', '--fail-on=warning']).code, 1);
    assert.equal(rampart(dir, ['lint', '--fail-on', 'never']).code, 0);
    assert.equal(rampart(dir, ['lint', 'z', '--fail-on', 'info']).code, 0);
    // An info finding trips --fail-on info only.
    const info = rampart(dir, ['lint', 'b', '--rule', 'dockerfile/image-latest=info', '--rule', 'dockerfile/add-instead-of-copy=off', '--fail-on', 'info']);
    assert.equal(info.stdout, `b/Dockerfile:1:11: info dockerfile/image-latest ${LATEST_MSG('node')}\n1 problem (0 errors, 0 warnings, 1 info) in 1 file\n`);
    assert.equal(info.code, 1);
    assert.equal(rampart(dir, ['lint', 'b', '--rule', 'dockerfile/image-latest=info', '--rule', 'dockerfile/add-instead-of-copy=off']).code, 0);
  });

  it('--color forces colour; --no-color and NO_COLOR keep the plain text', () => {
    const r = rampart(dir, ['lint', 'b', '--color']);
    assert.equal(r.stdout.split('\n')[0], `b/Dockerfile:1:11: \x1b[33mwarning\x1b[0m \x1b[2mdockerfile/image-latest\x1b[0m ${LATEST_MSG('node')}`);
    assert.doesNotMatch(rampart(dir, ['lint', 'b', '--no-color']).stdout, /\x1b/);
  });

  it('explicit paths: files and folders, deduplicated, a gitignored file named explicitly is linted', () => {
    const r = rampart(dir, ['lint', 'z', 'z/Containerfile', 'ignored/Dockerfile', '--format', 'json']);
    const files = (JSON.parse(r.stdout) as { files: Array<{ path: string }> }).files.map((f) => f.path);
    assert.deepEqual(files, ['ignored/Dockerfile', 'z/Containerfile']);
  });

  it('paths outside the current directory are absolute', () => {
    const r = rampart(`${dir}/z`, ['lint', `${dir}/b/Dockerfile`, '--format', 'json', '--rule', 'dockerfile/add-instead-of-copy=off']);
    assert.equal((JSON.parse(r.stdout) as { files: Array<{ path: string }> }).files[0]!.path, `${dir}/b/Dockerfile`);
  });

  it('--output writes the report to a file and nothing to stdout', () => {
    const r = rampart(dir, ['lint', 'b', '--format', 'json', '--output', 'report.json']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal((JSON.parse(readFileSync(`${dir}/report.json`, 'utf8')) as { summary: { warning: number } }).summary.warning, 2);
    const bad = rampart(dir, ['lint', 'b', '--output', 'no/such/dir/report.txt']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'rampart: --output: cannot write no/such/dir/report.txt (ENOENT)\n');
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('rampart-')), []);
  });
});

describe('rampart lint: skipped files', () => {
  let dir = '';
  before(() => {
    dir = tempTree({
      'big/Dockerfile': `FROM node:20\n${'# padding\n'.repeat(200)}`,
      'bin/Dockerfile': Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01]),
      'notes.txt': 'FROM node:latest\nUSER node\n',
      'ok/Dockerfile': 'FROM node:20\nUSER node\n',
    });
  });
  after(() => removeTree(dir));

  it('too-large, binary and unrecognised appear with `skipped`, count in summary.skipped, and are named on stderr', () => {
    const r = rampart(dir, ['lint', '.', 'notes.txt', '--max-file-size', '1000', '--format', 'json']);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), {
      version: 1,
      tool: { name: 'rampart', version: '0.1.0' },
      files: [
        { path: 'big/Dockerfile', language: 'dockerfile', skipped: 'too-large', diagnostics: [] },
        { path: 'bin/Dockerfile', language: 'dockerfile', skipped: 'binary', diagnostics: [] },
        { path: 'notes.txt', language: null, skipped: 'unrecognised', diagnostics: [] },
        { path: 'ok/Dockerfile', language: 'dockerfile', diagnostics: [] },
      ],
      summary: { files: 4, skipped: 3, error: 0, warning: 0, info: 0 },
    });
    assert.equal(
      r.stderr,
      [
        'rampart: big/Dockerfile: skipped, larger than 1000 bytes (--max-file-size)',
        'rampart: bin/Dockerfile: skipped, binary content',
        'rampart: notes.txt: skipped, not a file Rampart recognises (use --language, or files: in .rampart.yaml)',
        '',
      ].join('\n'),
    );
    // The text report keeps its shape; skipped files count as files.
    assert.equal(rampart(dir, ['lint', '.', 'notes.txt', '--max-file-size', '1000']).stdout, '0 problems (0 errors, 0 warnings, 0 info) in 4 files\n');
  });

  it('--language claims a file by path', () => {
    const r = rampart(dir, ['lint', 'notes.txt', '--language', 'dockerfile']);
    assert.equal(r.stdout, `notes.txt:1:11: warning dockerfile/image-latest ${LATEST_MSG('node')}\n1 problem (0 errors, 1 warning, 0 info) in 1 file\n`);
  });

  it('unreadable files are skipped, not fatal', { skip: process.platform !== 'linux' }, () => {
    // /proc/self/mem exists but cannot be read with read(2) (EIO), even as root.
    const r = rampart(dir, ['lint', '/proc/self/mem', '--language', 'dockerfile', '--format', 'json']);
    assert.equal(r.code, 0);
    const out = JSON.parse(r.stdout) as { files: unknown[]; summary: unknown };
    assert.deepEqual(out.files, [{ path: '/proc/self/mem', language: 'dockerfile', skipped: 'unreadable', diagnostics: [] }]);
    assert.deepEqual(out.summary, { files: 1, skipped: 1, error: 0, warning: 0, info: 0 });
    assert.match(r.stderr, /^rampart: \/proc\/self\/mem: skipped, cannot be read \(E[A-Z]+\)\n$/);
  });

  it('a file without read permission is unreadable', { skip: process.getuid?.() === 0 }, () => {
    const d = tempTree({ 'Dockerfile': 'FROM node:latest\n' });
    try {
      chmodSync(`${d}/Dockerfile`, 0o000);
      const r = rampart(d, ['lint', '--format', 'json']);
      assert.deepEqual((JSON.parse(r.stdout) as { files: unknown[] }).files, [{ path: 'Dockerfile', language: 'dockerfile', skipped: 'unreadable', diagnostics: [] }]);
    } finally {
      chmodSync(`${d}/Dockerfile`, 0o644);
      removeTree(d);
    }
  });
});

describe('rampart lint: stdin', () => {
  it('- with --language reads stdin; its path is "-"', () => {
    const dir = tempTree();
    try {
      const r = rampart(dir, ['lint', '-', '--language', 'dockerfile'], '\ufeffFROM node:latest\r\nUSER node\r\n');
      assert.equal(r.stdout, `-:1:11: warning dockerfile/image-latest ${LATEST_MSG('node')}\n1 problem (0 errors, 1 warning, 0 info) in 1 file\n`);
      assert.equal(r.code, 1);
      const none = rampart(dir, ['lint', '-', '--format', 'json'], 'FROM node:latest\n');
      assert.deepEqual((JSON.parse(none.stdout) as { files: unknown[] }).files, [{ path: '-', language: null, skipped: 'unrecognised', diagnostics: [] }]);
      const dry = rampart(dir, ['lint', '-', '--language', 'dockerfile', '--fix-dry-run'], 'FROM node:20\nADD a /a\n');
      assert.equal(dry.stdout, '--- a/-\n+++ b/-\n@@ -1,2 +1,2 @@\n FROM node:20\n-ADD a /a\n+COPY a /a\n');
    } finally {
      removeTree(dir);
    }
  });
});

describe('rampart lint: errors exit 2 with a message naming the problem', () => {
  let dir = '';
  before(() => {
    dir = tempTree({ 'Dockerfile': 'FROM node:latest\n', 'bad/.rampart.yaml': 'profile: strict\nrules:\n  dockerfile/image-latst: off\n', 'bad/Dockerfile': 'FROM node:20\nADD a /a\n' });
  });
  after(() => removeTree(dir));

  const usage: Array<[string[], string]> = [
    [['lint', 'missing.Dockerfile'], 'missing.Dockerfile: no such file or folder'],
    [['lint', '--format', 'xml'], '--format must be text, json or sarif, not "xml"'],
    [['lint', '--fail-on', 'high'], '--fail-on must be error, warning, info or never, not "high"'],
    [['lint', '--rule', 'dockerfile/image-latst=off'], '--rule: unknown rule "dockerfile/image-latst" (did you mean dockerfile/image-latest?); `rampart rules` lists them'],
    [['lint', '--rule', 'dockerfile/image-latest=warn'], '--rule dockerfile/image-latest must be off, info, warning or error, not "warn"'],
    [['lint', '--rule'], '--rule needs a value'],
    [['lint', '--bogus'], 'unknown option --bogus'],
    [['lint', '--fix', '--fix-dry-run'], '--fix and --fix-dry-run cannot be combined'],
    [['lint', '-', '--fix', '--language', 'dockerfile'], '--fix cannot rewrite stdin; use --fix-dry-run to see the changes'],
    [['lint', '--config', 'nope.yaml'], '--config: nope.yaml: no such file'],
    [['lint', '--language', 'yaml'], '--language must be dockerfile, compose, nginx or traefik, not "yaml"'],
    [['lint', '--max-file-size', '1e3'], '--max-file-size takes a positive number of bytes, not "1e3"'],
    [['frobnicate'], 'unknown command "frobnicate" (use lint or rules)'],
    [['rules', '--format', 'sarif'], '--format must be text or json, not "sarif"'],
  ];
  for (const [args, message] of usage) {
    it(`${args.join(' ')}`, () => {
      const r = rampart(dir, args);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `rampart: ${message}\n${HELP_HINT}`);
    });
  }

  it('an invalid .rampart.yaml names file:line:col; nothing is linted or written', () => {
    const before = readFileSync(`${dir}/bad/Dockerfile`, 'utf8');
    for (const args of [['lint'], ['lint', 'bad', '--fix'], ['lint', 'bad/Dockerfile', '--format', 'json', '--output', 'out.json']]) {
      const r = rampart(dir, args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(
        r.stderr,
        'rampart: invalid configuration:\nbad/.rampart.yaml:3:3: Unknown rule "dockerfile/image-latst". Did you mean dockerfile/image-latest? Run `rampart rules` for the list.\n',
      );
    }
    assert.equal(readFileSync(`${dir}/bad/Dockerfile`, 'utf8'), before);
    assert.equal(existsSync(`${dir}/out.json`), false);
    // A config that governs no linted file does not matter.
    assert.equal(rampart(dir, ['lint', 'Dockerfile']).code, 1);
  });

  it('--config replaces discovery, and its problems are fatal too', () => {
    const r = rampart(dir, ['lint', 'Dockerfile', '--config', 'bad/.rampart.yaml']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^rampart: invalid configuration:\nbad\/\.rampart\.yaml:3:3: /);
  });

  it('no arguments prints the help on stderr and exits 2; --help and --version exit 0', () => {
    const none = rampart(dir, []);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^Usage: rampart <command> \[options\]/);
    const help = rampart(dir, ['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--fail-on error\|warning\|info\|never/);
    assert.equal(rampart(dir, ['lint', '--help']).code, 0);
    assert.deepEqual(rampart(dir, ['--version']), { code: 0, stdout: '0.1.0\n', stderr: '' });
  });
});

describe('rampart lint: configuration', () => {
  it('the nearest .rampart.yaml applies; CLI flags override it; ignore globs hold', () => {
    const dir = tempTree({
      '.rampart.yaml': 'rules:\n  dockerfile/image-latest: error\nignore: [legacy]\n',
      'Dockerfile': 'FROM node:latest\nADD a /a\nUSER node\n',
      'legacy/Dockerfile': 'FROM node:latest\n',
      'svc/.rampart.yaml': 'rules:\n  dockerfile/add-instead-of-copy: off\n',
      'svc/Dockerfile': 'FROM node:latest\nADD a /a\nUSER node\n',
    });
    try {
      const r = rampart(dir, ['lint']);
      assert.equal(
        r.stdout,
        [
          `Dockerfile:1:11: error dockerfile/image-latest ${LATEST_MSG('node')}`,
          `Dockerfile:2:1: warning dockerfile/add-instead-of-copy ${ADD_MSG('a')}`,
          // svc has its own config: no cascading, so image-latest is back to its default.
          `svc/Dockerfile:1:11: warning dockerfile/image-latest ${LATEST_MSG('node')}`,
          '3 problems (1 error, 2 warnings, 0 info) in 2 files',
          '',
        ].join('\n'),
      );
      const flags = rampart(dir, ['lint', 'Dockerfile', '--rule', 'dockerfile/image-latest=off']);
      assert.equal(flags.stdout, `Dockerfile:2:1: warning dockerfile/add-instead-of-copy ${ADD_MSG('a')}\n1 problem (0 errors, 1 warning, 0 info) in 1 file\n`);
      // An explicitly named file the config ignores is left out, with a note.
      const ignored = rampart(dir, ['lint', 'legacy/Dockerfile']);
      assert.equal(ignored.stdout, '0 problems (0 errors, 0 warnings, 0 info) in 0 files\n');
      assert.equal(ignored.stderr, 'rampart: legacy/Dockerfile: ignored by .rampart.yaml\n');
      assert.equal(ignored.code, 0);
    } finally {
      removeTree(dir);
    }
  });
});

describe('rampart rules', () => {
  it('--format json lists every rule with the documented fields', () => {
    const r = rampart(process.cwd(), ['rules', '--format', 'json']);
    assert.equal(r.code, 0);
    const list = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    assert.equal(list.length, allRules.length);
    for (const e of list) assert.deepEqual(Object.keys(e), ['id', 'language', 'title', 'severity', 'profile', 'fix', 'docs', 'sources']);
    assert.deepEqual(
      list.find((e) => e.id === 'dockerfile/add-instead-of-copy'),
      {
        id: 'dockerfile/add-instead-of-copy',
        language: 'dockerfile',
        title: 'ADD used for a local file',
        severity: 'warning',
        profile: 'recommended',
        fix: 'safe',
        docs: 'https://github.com/rampart-dev/rampart/blob/main/docs/rules/dockerfile/add-instead-of-copy.md',
        sources: ['hadolint DL3020', 'Trivy DS-0005'],
      },
    );
  });

  it('text: one line per rule', () => {
    const r = rampart(process.cwd(), ['rules']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trimEnd().split('\n').length, allRules.length);
    assert.match(r.stdout, /^rampart\/parse-error\s+error\s+none\s+recommended\s+File cannot be parsed$/m);
  });
});

describe('rampart lint: Dockerfiles a compose file names', () => {
  let dir = '';
  before(() => {
    dir = tempTree({
      'compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/app.build\n    image: acme/api:1.4\n    user: "10001"\n    read_only: true\n    cap_drop: [ALL]\n    security_opt: [no-new-privileges:true]\n    deploy: {resources: {limits: {cpus: "1", memory: 256M}}}\n    healthcheck: {test: ["CMD", "true"]}\n',
      'docker/app.build': 'FROM node:latest\nUSER node\n',
      'docker/notes.txt': 'FROM node:latest\n',
    });
  });
  after(() => removeTree(dir));

  it('a folder walk lints docker/app.build as a Dockerfile because compose.yaml builds it', () => {
    const r = rampart(dir, ['lint', '--format', 'json', '--fail-on', 'never']);
    assert.equal(r.code, 0);
    const files = (JSON.parse(r.stdout) as { files: Array<{ path: string; language: string; diagnostics: Array<{ rule: string }> }> }).files;
    assert.deepEqual(
      files.map((f) => [f.path, f.language, f.diagnostics.map((d) => d.rule)]),
      [
        ['compose.yaml', 'compose', []],
        ['docker/app.build', 'dockerfile', ['dockerfile/image-latest']],
      ],
    );
  });

  it('named on the command line, it is a Dockerfile too; a file no compose file builds is not', () => {
    const r = rampart(dir, ['lint', 'docker/app.build', 'docker/notes.txt']);
    // (The summary counts the file it skipped too.)
    assert.equal(r.stdout, `docker/app.build:1:11: warning dockerfile/image-latest ${LATEST_MSG('node')}\n1 problem (0 errors, 1 warning, 0 info) in 2 files\n`);
    assert.match(r.stderr, /docker\/notes\.txt: skipped, not a file Rampart recognises/);
  });
});

describe('rampart lint: nginx includes stay in the workspace', () => {
  // Outside a git work tree the lint root is the workspace: ../outside.conf is never read, so its
  // header neither feeds add-header-inheritance nor silences anything; the http level it sits
  // on is unknown, as for an unreadable include. Inside the root the same include is followed.
  const main = (include: string) => `events {}\nhttp {\n    server_tokens off;\n    ${include}\n    server {\n        listen 80;\n        location / {\n            add_header X-Extra 1 always;\n        }\n    }\n}\n`;
  const rulesOf = (r: { stdout: string }) => (JSON.parse(r.stdout) as { files: Array<{ diagnostics: Array<{ rule: string; message: string }> }> }).files.flatMap((f) => f.diagnostics.map((d) => `${d.rule}: ${d.message.slice(0, 60)}`));

  it('include ../outside.conf from a lint root is not read', () => {
    const dir = tempTree({ 'outside.conf': 'add_header X-Frame-Options DENY always;\n', 'ws/nginx.conf': main('include ../outside.conf;') });
    try {
      assert.deepEqual(rulesOf(rampart(dir, ['lint', 'ws', '--format', 'json'])), []);
    } finally {
      removeTree(dir);
    }
  });

  it('the same header inside the root is read', () => {
    const dir = tempTree({ 'ws/inside.conf': 'add_header X-Frame-Options DENY always;\n', 'ws/nginx.conf': main('include inside.conf;') });
    try {
      assert.ok(rulesOf(rampart(dir, ['lint', 'ws', '--format', 'json'])).some((r) => r.startsWith('nginx/add-header-inheritance: Header "X-Frame-Options" set in the http block (through')));
    } finally {
      removeTree(dir);
    }
  });
});
