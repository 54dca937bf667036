#!/usr/bin/env node
// The `rampart` command: runs the bundled CLI (built by `npm install` through the prepare script).

// A run lints each file once and exits, so V8's optimising compiler mostly compiles code that
// has little left to run: with its default tier-up budget, a third of the CPU of linting 200
// compose files went to background compilation. A higher budget optimises only what stays hot:
// 18% less CPU on 200 compose files, 12% on the 10,000-file bench workspace (test/bench). Set
// before the bundle loads (and process-wide, so the worker threads get it too); a budget the
// user gives node wins.
const nodeFlags = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
if (!nodeFlags.includes('--interrupt-budget')) require('node:v8').setFlagsFromString('--interrupt-budget=1000000');

// Compiled from a V8 code cache when one fits (compile-cache.js says why and how).
const { main } = require('./compile-cache.js').load(require('node:path').join(__dirname, '..', 'dist', 'cli.js'));
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
