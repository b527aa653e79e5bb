#!/usr/bin/env node
// The `flowmock` command: the compiled command line (bin/command-line.cjs). CommonJS (bin/package.json): Node
// starts a CommonJS file without its ES module loader (docs/package.md#start-up).
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

// Fast path of `--version` alone: package.json's version, as the command line itself prints it (test/package
// checks both say the same), without loading the command line.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')).version}\n`);
  process.exit(0);
}
const { compileCommandLine, runCommandLine } = require('./command-line.cjs');
let compiled;
try {
  compiled = compileCommandLine();
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
  process.stderr.write('error: flowmock is not built (dist/ is missing): run `npm run build` in its checkout\n');
  process.exit(2);
}
runCommandLine(compiled.script);
