#!/usr/bin/env node
// The `flowmock` command: the compiled command line, one CommonJS bundle (dist/bin/main.cjs, written by
// npm run build, which `npm ci` runs through `prepare`), compiled from V8's code cache when one matches it.
// CommonJS (bin/package.json): Node starts a CommonJS file without its ES module loader (docs/package.md#start-up).
'use strict';
const { existsSync, readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const BUNDLE = join(__dirname, '../dist/bin/main.cjs');
const CODE_CACHE = join(__dirname, '../dist/bin/main.code-cache');
/** The code cache starts with this and the bundle's build id (the hash its last line names), then V8's data. */
const CACHE_MAGIC = 'flowmock-code-cache ';
const BUILD_ID_MARK = '//# flowmock-build=';

/**
 * The bundle compiled as Node compiles a CommonJS module, from the code cache when the cache was written for
 * this very bundle (build ids equal) and V8 accepts it (same V8, same flags); else compiled afresh, which is
 * only slower. The bundle is ASCII (esbuild escapes the rest; the build checks it), so it is read as Latin-1:
 * Node's UTF-8 decoding of its 2.6 MB was some 20-40 ms of every start here.
 */
function compileCommandLine({ useCache = true } = {}) {
  const source = readFileSync(BUNDLE).toString('latin1');
  const cachedData = useCache ? cacheFor(source) : undefined;
  // No import() in the bundle (the build refuses one): compiled through node:vm and its code cache, Node 20 cannot run one.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: BUNDLE, cachedData });
  return { script, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

function cacheFor(source) {
  const mark = source.lastIndexOf(BUILD_ID_MARK);
  if (mark < 0 || !existsSync(CODE_CACHE)) return undefined;
  const header = `${CACHE_MAGIC}${source.slice(mark + BUILD_ID_MARK.length).trim()}\n`;
  const cache = readFileSync(CODE_CACHE);
  return cache.toString('latin1', 0, header.length) === header ? cache.subarray(header.length) : undefined;
}

function runCommandLine(script) {
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
}

module.exports = { compileCommandLine, runCommandLine, BUNDLE, CODE_CACHE, CACHE_MAGIC, BUILD_ID_MARK };

if (require.main === module) {
  // Fast path of `--version` alone: package.json's version, as the command line itself prints it (test/package
  // checks both say the same), without loading the command line.
  const args = process.argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    process.stdout.write(`${JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')).version}\n`);
    process.exit(0);
  }
  if (!existsSync(BUNDLE)) {
    process.stderr.write('error: flowmock is not built (dist/ is missing): run `npm run build` in its checkout\n');
    process.exit(2);
  }
  runCommandLine(compileCommandLine().script);
}
