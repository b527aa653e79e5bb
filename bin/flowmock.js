#!/usr/bin/env node
// The `flowmock` command: the compiled CLI, bundled (npm run build writes dist/; `npm ci` runs it through `prepare`).
import { existsSync, readFileSync } from 'node:fs';

// Fast path of `--version` alone: package.json's version, as the CLI itself prints it (test/package checks
// both say the same), without loading the command line (a third of the time here, with Node's own start-up).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
  process.exit(0);
}
const main = new URL('../dist/bin/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('error: flowmock is not built (dist/ is missing): run `npm run build` in its checkout\n');
  process.exit(2);
}
await import(main.href);
