// The compiled command line: one CommonJS bundle (dist/bin/main.cjs, written by npm run build, which `npm ci`
// runs through `prepare`), compiled from V8's code cache when one was written for it (docs/package.md#start-up).
// Used by bin/flowmock.js and by the build's cache writer (scripts/code-cache.cjs), so both compile alike.
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const BUNDLE = join(__dirname, '../dist/bin/main.cjs');
const CODE_CACHE = join(__dirname, '../dist/bin/main.code-cache');
/** The bundle's last line names its build: a hash of the text before it (scripts/build.ts). */
const BUILD_ID_MARK = '//# flowmock-build=';

/**
 * The first line of a code cache for `source` under this Node: V8 accepts a cache made by the same V8
 * version under the same flags, checks little more of the source than its length, and ignores the Node
 * patch level of its V8, so the cache names the bundle's build, the Node version and the architecture.
 */
function cacheHeader(source) {
  const mark = source.lastIndexOf(BUILD_ID_MARK);
  if (mark < 0) return undefined;
  return `flowmock-code-cache ${source.slice(mark + BUILD_ID_MARK.length).trim()} node ${process.version} ${process.arch}\n`;
}

/**
 * The bundle compiled as Node compiles a CommonJS module (throws ENOENT when it is not built), from the code cache when its header is this
 * bundle's and V8 accepts it; else compiled afresh, which is only slower. The bundle is ASCII (esbuild
 * escapes the rest; the build checks it), so it is read as Latin-1: Node's UTF-8 decoding of its 2.6 MB
 * was some 20-40 ms of every start here. Returns the source it compiled, for the cache writer's header.
 */
function compileCommandLine({ useCache = true } = {}) {
  const source = readFileSync(BUNDLE).toString('latin1');
  const cachedData = useCache ? cacheFor(source) : undefined;
  // The file is the function Node wraps a CommonJS module in (the build writes it so). No import() in it
  // (the build refuses one): see docs/package.md#start-up.
  const script = new vm.Script(source, { filename: BUNDLE, cachedData });
  return { script, source, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

function cacheFor(source) {
  const header = cacheHeader(source);
  if (header === undefined) return undefined;
  let cache;
  try {
    cache = readFileSync(CODE_CACHE);
  } catch {
    return undefined;
  }
  return cache.toString('latin1', 0, header.length) === header ? cache.subarray(header.length) : undefined;
}

/** Runs the compiled bundle as Node runs a CommonJS module. */
function runCommandLine(script) {
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
}

module.exports = { BUNDLE, CODE_CACHE, BUILD_ID_MARK, cacheHeader, compileCommandLine, runCommandLine };
