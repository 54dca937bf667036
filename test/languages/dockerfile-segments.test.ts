// The segmented parse must see exactly what a whole-file dockerfile-ast parse sees: same
// instructions (keyword, range, text), comments, directives, escape character and global ARGs,
// on every Dockerfile fixture, on generated files, and on mutated variants of both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { parseSegmented, splitPoints, escapeOf, type DockerfileAst } from '../../server/src/languages/dockerfile/segments';
import { generateDockerfile, rng } from '../bench/generate';
import { FIXTURES } from '../helpers/paths';

function snapshot(ast: DockerfileAst) {
  return {
    escape: ast.getEscapeCharacter(),
    instructions: ast.getInstructions().map((i) => [i.getKeyword(), JSON.stringify(i.getRange()), i.getTextContent(), JSON.stringify(i.getArgumentsRange())]),
    comments: ast.getComments().map((c) => [JSON.stringify(c.getRange()), c.getContent()]),
    directives: ast.getDirectives().map((d) => [d.getName(), d.getValue(), JSON.stringify(d.getRange())]),
    args: ast.getInitialARGs().map((a) => JSON.stringify(a.getRange())),
  };
}

function same(text: string, label: string): void {
  assert.deepEqual(snapshot(parseSegmented(text)), snapshot(DockerfileParser.parse(text)), label);
}

function dockerfileFixtures(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) dockerfileFixtures(p, out);
    else if (/Dockerfile/i.test(name) && !name.endsWith('.json')) out.push(p);
  }
  return out;
}

test('every Dockerfile fixture parses the same segmented and whole', () => {
  const files = dockerfileFixtures(join(FIXTURES, 'dockerfile'));
  assert.ok(files.length > 50);
  for (const f of files) same(readFileSync(f, 'utf8'), f);
});

test('generated multi-stage files split into one segment per stage and parse the same', () => {
  for (const lines of [100, 1000]) {
    const text = generateDockerfile(lines, 7);
    const froms = text.split('\n').filter((l) => l.startsWith('FROM ')).length;
    assert.equal(splitPoints(text, '\\').length, froms, 'one split point per FROM');
    same(text, `generated ${lines}`);
  }
});

test('FROM inside a continuation, a heredoc or a comment is not a split point', () => {
  const text = [
    'FROM alpine:3.20 AS a',
    'RUN echo one \\',
    '  # a comment inside the continuation',
    'FROM not-an-instruction',
    'RUN <<EOF',
    'FROM inside-heredoc',
    'EOF',
    '# FROM in a comment',
    'COPY <<-"END" /x',
    '\tFROM also-inside',
    '\tEND',
    'FROM alpine:3.20 AS b',
    '',
  ].join('\n');
  assert.deepEqual(splitPoints(text, '\\').map((p) => p.line), [11]);
  same(text, 'tricky');
});

test('a backtick escape character carries into every segment', () => {
  const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS a\nRUN echo a `\n  b\nFROM a\nRUN dir `\n  c:\\\n';
  assert.equal(escapeOf(text), '`');
  assert.deepEqual(splitPoints(text, '`').map((p) => p.line), [1, 4]);
  same(text, 'backtick');
});

test('mutated variants parse the same (byte flips, deletions, duplicated lines, CRLF)', () => {
  const base = generateDockerfile(200, 3);
  const r = rng(99);
  const alphabet = ['\\', '\n', '<', '<<EOF\n', 'EOF\n', '<<-X ', '\tX\n', '#', ' ', 'FROM x\n', '"', "'", '`', '\r\n', '\r', '{', 'a', '# escape=`\n', '\t'];
  for (let k = 0; k < 400; k++) {
    let t = base;
    const edits = 1 + Math.floor(r() * 4);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(r() * t.length);
      const roll = r();
      if (roll < 0.4) t = t.slice(0, at) + alphabet[Math.floor(r() * alphabet.length)] + t.slice(at);
      else if (roll < 0.7) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 20));
      else if (roll < 0.85) {
        const ls = t.split('\n');
        const i = Math.floor(r() * ls.length);
        ls.splice(i, 0, ls[i] ?? '');
        t = ls.join('\n');
      } else t = t.replace(/\n/g, '\r\n');
    }
    same(t, `mutation ${k}`);
  }
});

test('an unchanged stage is not parsed again: its instruction objects are reused', () => {
  const text = generateDockerfile(300, 11);
  const a = parseSegmented(text).getInstructions();
  // Edit the last stage only (same line count): earlier stages come from the cache.
  const edited = text.replace(/CMD \["\/usr\/local\/bin\/app"\]\n$/, 'CMD ["/usr/local/bin/app2"]\n');
  assert.notEqual(edited, text);
  const b = parseSegmented(edited).getInstructions();
  assert.equal(a.length, b.length);
  assert.equal(a[0], b[0]);
  assert.notEqual(a[a.length - 1], b[b.length - 1]);
});
