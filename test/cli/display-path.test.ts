// displayPath: report paths relative to the working folder when below it, else absolute. The fast
// path (a plain prefix) must give exactly what path.relative() gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relative, sep } from 'node:path';
import { displayPath } from '../../server/src/cli/lint-command';

const cwd = process.cwd();
const below = (...parts: string[]) => [cwd, ...parts].join(sep);

test('a file below the working folder is shown relative, with forward slashes', () => {
  assert.equal(displayPath(below('a', 'compose.yaml')), 'a/compose.yaml');
  assert.equal(displayPath(below('.env')), '.env');
  assert.equal(displayPath(below('a..b', 'x')), 'a..b/x');
});

test('a path outside, or the folder itself, is shown whole', () => {
  assert.equal(displayPath(cwd), cwd.split(sep).join('/'));
  const sibling = `${cwd}x${sep}file`;
  assert.equal(displayPath(sibling), sibling.split(sep).join('/'));
  const up = [cwd, '..', 'other', 'f'].join(sep);
  assert.equal(displayPath(up), relative(cwd, up).startsWith('..') ? up.split(sep).join('/') : relative(cwd, up));
});

test('unnormalised paths take the general way and agree with path.relative', () => {
  const p = [cwd, 'a', '.', 'b', '..', 'c'].join(sep);
  assert.equal(displayPath(p), relative(cwd, p).split(sep).join('/'));
});
