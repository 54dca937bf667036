// Builds the three shipped bundles and compiles the TypeScript tests for `node --test`.
//   dist/extension.js  VS Code client (vscode is external)
//   dist/server.js     language server (`node dist/server.js --stdio`)
//   dist/cli.js        `rampart` command line
//   out/**             every .ts file of client/, server/ and test/ as CommonJS, unbundled,
//                      so node's test runner can load test/**/*.test.ts through them
// `--production` minifies the bundles and skips the test compile.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // No custom conditions, so esbuild leaves out webpack's `module` condition: with it, the
  // CommonJS dockerfile-ast's require('vscode-languageserver-types') got the ESM build behind
  // __toCommonJS, and each `Range.create` … of its parser went through two getters (2% of linting
  // a Dockerfile). The packages' `default` export is their UMD build, a plain CommonJS object.
  conditions: [],

  // No keepNames: it wraps every function and class creation in a runtime `__name(…)` call
  // (closures in hot loops included), which cost the language server about 5% of each keystroke.
  // Nothing reads function or class names: errors are described by `err.name` (the Error
  // class's own property) and rules by their id.
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
]);

// `--bench`: the benchmark as one bundle (out/test/bench/bench.bundle.js), so its in-process
// engine rows run the engine the way dist/ ships it (esbuild's per-file CommonJS in out/ reads
// every import through a getter: about 6% slower).
const bench = process.argv.includes('--bench');

if (!production) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (name === 'node_modules' || name === 'fixtures') continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) files.push(p);
    }
  };
  for (const d of ['client/src', 'server/src', 'test']) walk(d);
  rmSync('out', { recursive: true, force: true });
  await esbuild.build({
    entryPoints: files,
    outdir: 'out',
    outbase: '.',
    bundle: false,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

if (bench) {
  await esbuild.build({ ...common, sourcemap: false, entryPoints: ['test/bench/bench.ts'], outfile: 'out/test/bench/bench.bundle.js' });
  // The profiling loop too, so a profile shows the shipped code's costs, not the getters'.
  await esbuild.build({ ...common, sourcemap: false, entryPoints: ['test/bench/profile.ts'], outfile: 'out/test/bench/profile.bundle.js' });
}
