// Rampart never executes workspace content: no child processes, no eval or Function, no module
// loaded from a computed path, no vm, workers or cluster in the shipped sources (server/src and
// client/src). A literal `import('node:fs')` type or `require('pkg')` is fine; anything built at
// run time is not. Comments and string contents are ignored (a HEALTHCHECK template may contain
// the word `require`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../helpers/paths';

const ROOTS = ['server/src', 'client/src'];
const FORBIDDEN_MODULES = ['child_process', 'vm', 'worker_threads', 'cluster', 'module', 'inspector', 'repl'];

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/**
 * The source with comments removed and string contents blanked (same length). Code inside a
 * template literal's `${…}` stays code.
 */
export function codeOnly(src: string): string {
  let out = '';
  let i = 0;
  // Brace depth of each `${` we are inside, innermost last.
  const holes: number[] = [];
  let depth = 0;
  const template = () => {
    // At the character after a backtick or a closing `}` of a hole: blank up to the end of the
    // template or the next `${`.
    while (i < src.length && src[i] !== '`') {
      if (src[i] === '\\') {
        out += '  ';
        i += 2;
        continue;
      }
      if (src[i] === '$' && src[i + 1] === '{') {
        out += '${';
        i += 2;
        holes.push(depth);
        depth++;
        return;
      }
      out += src[i] === '\n' ? '\n' : ' ';
      i++;
    }
    out += src[i] ?? '';
    i++;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') (out += ' '), i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const e = src.indexOf('*/', i + 2);
      const end = e < 0 ? src.length : e + 2;
      out += src.slice(i, end).replace(/[^\n]/g, ' ');
      i = end;
      continue;
    }
    if (c === '`') {
      out += c;
      i++;
      template();
      continue;
    }
    if (c === '"' || c === "'") {
      out += c;
      i++;
      while (i < src.length && src[i] !== c && src[i] !== '\n') {
        if (src[i] === '\\') {
          out += '  ';
          i += 2;
          continue;
        }
        out += ' ';
        i++;
      }
      out += src[i] ?? '';
      i++;
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') {
      depth--;
      if (holes.length > 0 && holes[holes.length - 1] === depth) {
        holes.pop();
        out += '}';
        i++;
        template();
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

test('no shipped source executes or loads workspace content', () => {
  const problems: string[] = [];
  for (const root of ROOTS) {
    for (const f of files(join(repoRoot(), root))) {
      const src = readFileSync(f, 'utf8');
      const code = codeOnly(src);
      const where = (at: number) => `${relative(repoRoot(), f)}:${src.slice(0, at).split('\n').length}`;
      const check = (re: RegExp, what: string) => {
        for (const m of code.matchAll(re)) problems.push(`${where(m.index!)}: ${what}`);
      };
      check(/(?<![\w$.])eval\s*\(/g, 'eval');
      check(/\bnew\s+Function\s*\(/g, 'new Function');
      check(/(?<![\w$.])Function\s*\(/g, 'Function()');
      check(/\bnew\s+Worker\s*\(/g, 'new Worker');
      check(/\bprocess\s*\.\s*(binding|dlopen)\b/g, 'process.binding/dlopen');
      // require(…) and import(…) only with a literal module name.
      for (const m of code.matchAll(/(?<![\w$.])(require|import)\s*\(/g)) {
        const arg = src.slice(m.index! + m[0].length);
        if (!/^\s*(['"])[^'"`$]+\1\s*\)/.test(arg)) problems.push(`${where(m.index!)}: ${m[1]} of a computed path`);
      }
      // Module specifiers of import statements and literal requires.
      for (const m of src.matchAll(/(?:from\s+|require\s*\(\s*|import\s*\(\s*|import\s+)(['"])(?:node:)?([^'"]+)\1/g)) {
        if (FORBIDDEN_MODULES.includes(m[2]!)) problems.push(`${where(m.index!)}: imports ${m[2]}`);
      }
    }
  }
  // Worker threads run Rampart's own bundle (`new Worker(__filename, …)`), never a workspace file:
  // the CLI lints large folders on every core, the server scans the workspace off its main thread.
  const ownWorkers = ['server/src/cli/parallel.ts', 'server/src/lsp/scan-worker.ts', 'server/src/main.ts'];
  const allowed = (p: string) => ownWorkers.some((f) => p.startsWith(`${f}:`)) && /: (new Worker|imports worker_threads)$/.test(p);
  assert.deepEqual(problems.filter((p) => !allowed(p)), []);
  for (const f of ownWorkers.slice(0, 2)) {
    const src = readFileSync(join(repoRoot(), f), 'utf8');
    for (const m of src.matchAll(/\bnew\s+Worker\s*\(([^,)]*)/g)) {
      assert.ok(['__filename', 'loader ? WORKER_LOADER : __filename'].includes(m[1]!.trim()), `${f}: a worker runs Rampart's own bundle`);
    }
  }
  // The CLI's workers may start through the command's own code-cache loader, which loads only the
  // bundle it is given (its path, never a workspace file) and caches compiled code in a private
  // folder outside the workspace.
  const parallel = readFileSync(join(repoRoot(), 'server/src/cli/parallel.ts'), 'utf8');
  assert.match(parallel, /const WORKER_LOADER = join\(__dirname, '\.\.', 'bin', 'compile-cache\.js'\);/);
  assert.match(parallel, /rampartEntry: __filename/);
  const loader = readFileSync(join(repoRoot(), 'bin/compile-cache.js'), 'utf8');
  assert.match(loader, /load\(workerData\.rampartEntry\)/);
  assert.match(readFileSync(join(repoRoot(), 'bin/rampart.js'), 'utf8'), /\.load\(require\('node:path'\)\.join\(__dirname, '\.\.', 'dist', 'cli\.js'\)\)/);
});

test('the checker reads code, not strings or comments, and looks inside template holes', () => {
  const code = codeOnly("const a = 'eval(x)'; // require(p)\nconst b = `x ${require(p + `${eval(q)}`)} y`; /* new Function() */");
  assert.ok(!/Function\(/.test(code), 'comments are not code');
  assert.ok(!/'eval/.test(code), 'strings are not code');
  assert.ok(/\$\{require\(p/.test(code), 'a template hole is code');
  assert.ok(/\$\{eval\(q\)\}/.test(code), 'a nested template hole is code');
});
