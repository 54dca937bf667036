#!/usr/bin/env node
// The `rampart` command: runs the bundled CLI (built by `npm install` through the prepare script).
const { main } = require('../dist/cli.js');
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
