#!/usr/bin/env node
// The `flowmock` command: the compiled CLI (npm run build writes dist/; `npm ci` runs it through `prepare`).
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('error: flowmock is not built (dist/ is missing): run `npm run build` in its checkout\n');
  process.exit(2);
}
await import(main.href);
