// `--fix` and `--fix-dry-run`: the file after the fix (CRLF, BOM, mode and symlinks kept, written
// atomically), what is reported afterwards, and the diff.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { LATEST_MSG, rampart, removeTree, tempTree } from './run';

function noTempFiles(dir: string): void {
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.rampart-')), []);
}

describe('rampart lint --fix', () => {
  it('applies safe fixes in place and reports what remains', () => {
    const dir = tempTree({ 'Dockerfile': 'FROM node:latest\nADD app.js /app/\nadd b /b\nUSER node\n' });
    try {
      const r = rampart(dir, ['lint', '--fix']);
      assert.equal(readFileSync(`${dir}/Dockerfile`, 'utf8'), 'FROM node:latest\nCOPY app.js /app/\ncopy b /b\nUSER node\n');
      assert.equal(r.stdout, `Dockerfile:1:11: warning dockerfile/image-latest ${LATEST_MSG('node')}\n1 problem (0 errors, 1 warning, 0 info) in 1 file\n`);
      assert.equal(r.code, 1);
      noTempFiles(dir);
      // Nothing left to fix: a second run changes nothing.
      const again = rampart(dir, ['lint', '--fix', '--rule', 'dockerfile/image-latest=off']);
      assert.equal(again.code, 0);
      assert.equal(readFileSync(`${dir}/Dockerfile`, 'utf8'), 'FROM node:latest\nCOPY app.js /app/\ncopy b /b\nUSER node\n');
    } finally {
      removeTree(dir);
    }
  });

  it('keeps CRLF line endings, the BOM and the file mode', () => {
    const dir = tempTree({ 'Dockerfile': '\ufeffFROM node:20\r\nADD a /a\r\nUSER node\r\n', 'run.Dockerfile': 'FROM node:20\nADD a /a\nUSER node\n' });
    try {
      chmodSync(`${dir}/Dockerfile`, 0o640);
      chmodSync(`${dir}/run.Dockerfile`, 0o755);
      const r = rampart(dir, ['lint', '--fix']);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, '0 problems (0 errors, 0 warnings, 0 info) in 2 files\n');
      assert.deepEqual(readFileSync(`${dir}/Dockerfile`), Buffer.from('\ufeffFROM node:20\r\nCOPY a /a\r\nUSER node\r\n', 'utf8'));
      assert.equal(statSync(`${dir}/Dockerfile`).mode & 0o777, 0o640);
      assert.equal(readFileSync(`${dir}/run.Dockerfile`, 'utf8'), 'FROM node:20\nCOPY a /a\nUSER node\n');
      assert.equal(statSync(`${dir}/run.Dockerfile`).mode & 0o777, 0o755);
      noTempFiles(dir);
    } finally {
      removeTree(dir);
    }
  });

  it('writes through a symlink named on the command line, keeping the link', () => {
    const dir = tempTree({ 'real/Dockerfile': 'FROM node:20\nADD a /a\nUSER node\n' });
    try {
      symlinkSync('real/Dockerfile', `${dir}/Dockerfile`);
      assert.equal(rampart(dir, ['lint', 'Dockerfile', '--fix']).code, 0);
      assert.ok(lstatSync(`${dir}/Dockerfile`).isSymbolicLink());
      assert.equal(readlinkSync(`${dir}/Dockerfile`), 'real/Dockerfile');
      assert.equal(readFileSync(`${dir}/real/Dockerfile`, 'utf8'), 'FROM node:20\nCOPY a /a\nUSER node\n');
    } finally {
      removeTree(dir);
    }
  });

  it('leaves suppressed findings alone', () => {
    const dir = tempTree({ 'Dockerfile': 'FROM node:20\n# rampart-ignore dockerfile/add-instead-of-copy -- needs ADD semantics\nADD a /a\nADD b /b\n' });
    try {
      rampart(dir, ['lint', '--fix']);
      assert.equal(readFileSync(`${dir}/Dockerfile`, 'utf8'), 'FROM node:20\n# rampart-ignore dockerfile/add-instead-of-copy -- needs ADD semantics\nADD a /a\nCOPY b /b\n');
    } finally {
      removeTree(dir);
    }
  });

  it('a file that cannot be written: exit 2, the file unchanged, no temporary file', { skip: process.getuid?.() === 0 }, () => {
    const dir = tempTree({ 'ro/Dockerfile': 'FROM node:20\nADD a /a\n' });
    try {
      chmodSync(`${dir}/ro`, 0o555);
      const r = rampart(dir, ['lint', '--fix']);
      assert.equal(r.code, 2);
      assert.equal(r.stderr, 'rampart: ro/Dockerfile: cannot write the fixed file (EACCES); it is unchanged\n');
      assert.equal(readFileSync(`${dir}/ro/Dockerfile`, 'utf8'), 'FROM node:20\nADD a /a\n');
      noTempFiles(`${dir}/ro`);
    } finally {
      chmodSync(`${dir}/ro`, 0o755);
      removeTree(dir);
    }
  });
});

describe('rampart lint --fix-dry-run', () => {
  it('prints a unified diff per file and changes nothing; the exit code is that of the files as they are', () => {
    const files = { 'a/Dockerfile': 'FROM node:20\nRUN true\nADD a /a\nUSER node\n', 'b/Dockerfile': 'FROM node:20\r\nADD b /b\r\nUSER node\r\n', 'c/Dockerfile': 'FROM node:20\nUSER node\n' };
    const dir = tempTree(files);
    try {
      const r = rampart(dir, ['lint', '--fix-dry-run']);
      assert.equal(
        r.stdout,
        [
          '--- a/a/Dockerfile',
          '+++ b/a/Dockerfile',
          '@@ -1,4 +1,4 @@',
          ' FROM node:20',
          ' RUN true',
          '-ADD a /a',
          '+COPY a /a',
          ' USER node',
          '--- a/b/Dockerfile',
          '+++ b/b/Dockerfile',
          '@@ -1,3 +1,3 @@',
          ' FROM node:20\r',
          '-ADD b /b\r',
          '+COPY b /b\r',
          ' USER node\r',
          '',
        ].join('\n'),
      );
      assert.equal(r.code, 1);
      for (const [p, t] of Object.entries(files)) assert.equal(readFileSync(`${dir}/${p}`, 'utf8'), t);
      // With --output, the report (of the unchanged files) goes to the file and the diff to stdout.
      const both = rampart(dir, ['lint', '--fix-dry-run', '--format', 'json', '--output', 'r.json']);
      assert.equal(both.stdout, r.stdout);
      assert.equal((JSON.parse(readFileSync(`${dir}/r.json`, 'utf8')) as { summary: { warning: number } }).summary.warning, 2);
      // Without --output a report format is a contradiction.
      assert.equal(rampart(dir, ['lint', '--fix-dry-run', '--format', 'json']).code, 2);
      // Nothing to fix: empty output.
      assert.deepEqual(rampart(dir, ['lint', 'c', '--fix-dry-run']), { code: 0, stdout: '', stderr: '' });
    } finally {
      removeTree(dir);
    }
  });
});
