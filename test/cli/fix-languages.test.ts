// `rampart lint --fix` for every registered language, on a fixture the language's safe fixes
// change (picked automatically, so a new language is covered once it has fixtures): the file is
// written atomically (no temporary file left), with its mode, its CRLF line endings and its BOM
// kept, and its content is exactly the engine's fix-all; `--fix-dry-run` prints a diff that
// `applyPatch` turns into that same content.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { applyPatch } from 'diff';
import { DEFAULT_CONFIG } from '../../server/src/engine/config';
import { fixAll } from '../../server/src/engine/fixes';
import { lint } from '../../server/src/engine/lint';
import type { Language } from '../../server/src/engine/types';
import { keepLineEndings } from '../../server/src/cli/files';
import { fixtureSeeds, fuzzLanguages, type Seed } from '../fuzz/targets';
import { rampart, removeTree, tempTree } from './run';

const workspace = { readFile: () => undefined, exists: () => false };

/** The first fixture (in sorted order) whose safe fixes change it, with no secret in it. */
function pick(language: Language, dir: string): { seed: Seed; name: string } {
  for (const seed of fixtureSeeds(language)) {
    const name = basename(seed.path);
    const path = `${dir}/${name}`;
    const r = lint(path, seed.text, { config: DEFAULT_CONFIG, workspace, language });
    if (!r || r.diagnostics.some((d) => d.secretRanges.length > 0)) continue;
    if (fixAll(path, seed.text, { config: DEFAULT_CONFIG, workspace, language }).text !== seed.text) return { seed, name };
  }
  throw new Error(`no ${language} fixture has a safe fix`);
}

function noTempFiles(dir: string): void {
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.rampart-')), []);
}

for (const language of fuzzLanguages() as Language[]) {
  describe(`rampart lint --fix: ${language}`, () => {
    it('LF file: exactly the engine fix-all, written atomically, mode kept', () => {
      const dir = tempTree();
      try {
        const { seed, name } = pick(language, dir);
        const path = `${dir}/${name}`;
        writeFileSync(path, seed.text);
        chmodSync(path, 0o604);
        const expected = fixAll(path, seed.text, { config: DEFAULT_CONFIG, workspace, language }).text;
        const r = rampart(dir, ['lint', '--fix', '--language', language, name]);
        assert.notEqual(r.code, 2, r.stderr);
        assert.equal(readFileSync(path, 'utf8'), expected);
        assert.equal(statSync(path).mode & 0o777, 0o604);
        noTempFiles(dir);
        // Nothing left to fix: a second run leaves the bytes alone.
        rampart(dir, ['lint', '--fix', '--language', language, name]);
        assert.equal(readFileSync(path, 'utf8'), expected);
      } finally {
        removeTree(dir);
      }
    });

    it('CRLF file with a BOM: line endings, BOM and mode kept; same fixes as the LF file', () => {
      const dir = tempTree();
      try {
        const { seed, name } = pick(language, dir);
        const path = `${dir}/${name}`;
        const crlf = seed.text.replace(/\r?\n/g, '\r\n');
        writeFileSync(path, '\ufeff' + crlf);
        chmodSync(path, 0o640);
        const r = rampart(dir, ['lint', '--fix', '--language', language, name]);
        assert.notEqual(r.code, 2, r.stderr);
        const out = readFileSync(path);
        assert.deepEqual([...out.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM kept');
        const text = out.toString('utf8').slice(1);
        assert.ok(!/(^|[^\r])\n/.test(text), 'every line break is CRLF');
        const lf = fixAll(path, seed.text.replace(/\r\n/g, '\n'), { config: DEFAULT_CONFIG, workspace, language }).text;
        assert.equal(text, keepLineEndings(crlf, lf));
        assert.notEqual(text, crlf, 'something was fixed');
        assert.equal(statSync(path).mode & 0o777, 0o640);
        noTempFiles(dir);
      } finally {
        removeTree(dir);
      }
    });

    it('--fix-dry-run: a diff that applies to exactly the fixed text; the file untouched', () => {
      const dir = tempTree();
      try {
        const { seed, name } = pick(language, dir);
        const path = `${dir}/${name}`;
        writeFileSync(path, seed.text);
        const expected = fixAll(path, seed.text, { config: DEFAULT_CONFIG, workspace, language }).text;
        const r = rampart(dir, ['lint', '--fix-dry-run', '--language', language, name]);
        assert.notEqual(r.code, 2, r.stderr);
        assert.equal(applyPatch(seed.text, r.stdout), expected);
        assert.equal(readFileSync(path, 'utf8'), seed.text);
        noTempFiles(dir);
      } finally {
        removeTree(dir);
      }
    });

    it('an unwritable folder: exit 2, the file unchanged, no temporary file', { skip: process.getuid?.() === 0 ? 'root can write anywhere' : false }, () => {
      const dir = tempTree();
      try {
        const { seed, name } = pick(language, dir);
        writeFileSync(`${dir}/${name}`, seed.text);
        chmodSync(dir, 0o555);
        const r = rampart(dir, ['lint', '--fix', '--language', language, name]);
        assert.equal(r.code, 2);
        assert.equal(readFileSync(`${dir}/${name}`, 'utf8'), seed.text);
        noTempFiles(dir);
      } finally {
        chmodSync(dir, 0o755);
        removeTree(dir);
      }
    });
  });
}
