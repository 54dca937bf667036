// Runs the compiled tests (out/test/**/*.test.js) with node's test runner. Node 20 neither
// expands globs nor restricts a folder argument to *.test.js (everything under a `test` folder
// counts), so the file list is built here. Extra arguments narrow it: `npm test -- lsp`.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const filters = process.argv.slice(2);
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.test.js') && (filters.length === 0 || filters.some((f) => p.includes(f)))) files.push(p);
  }
};
walk('out/test');
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const reporter = 'spec';
const r = spawnSync(process.execPath, ['--test', `--test-reporter=${reporter}`, ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
