// Part of `npm run build` (scripts/build.ts): writes dist/bin/main.code-cache, V8's compiled code of the command
// line's bundle, for bin/flowmock.js to start from (docs/package.md#start-up).
//
// It compiles the bundle exactly as bin/flowmock.js does (its own function), runs `flowmock serve` on the
// default scenario on a free port, and once the server has answered GET /__mock/health takes the cache: the
// functions compiled while starting are in it, not only the top level. Plain `node`, no flags: V8 accepts a
// cache only under the flags it was made with. CommonJS, like bin/flowmock.js, so that nothing else loads first.
'use strict';
const { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { compileCommandLine, runCommandLine, BUNDLE, CODE_CACHE, CACHE_MAGIC, BUILD_ID_MARK } = require('../bin/flowmock.js');

const TIMEOUT_MS = 30_000;

const source = readFileSync(BUNDLE, 'latin1');
const mark = source.lastIndexOf(BUILD_ID_MARK);
if (mark < 0) {
  process.stderr.write(`${BUNDLE} names no build id\n`);
  process.exit(1);
}
const header = `${CACHE_MAGIC}${source.slice(mark + BUILD_ID_MARK.length).trim()}\n`;

rmSync(CODE_CACHE, { force: true });
const scratch = mkdtempSync(join(tmpdir(), 'flowmock-code-cache-'));
const readyFile = join(scratch, 'ready.json');
// The build's environment configures nothing here (a FLOWMOCK_STATE_FILE would load someone's state).
for (const name of Object.keys(process.env)) if (name.startsWith('FLOWMOCK_')) delete process.env[name];
process.argv = [process.execPath, BUNDLE, 'serve', '--scenario', 'default', '--port', '0', '--ready-file', readyFile, '--log-level', 'fatal'];

const { script } = compileCommandLine({ useCache: false });
runCommandLine(script);

const began = Date.now();
const poll = setInterval(() => {
  if (Date.now() - began > TIMEOUT_MS) fail(`flowmock serve did not answer within ${TIMEOUT_MS} ms`);
  let ready;
  try {
    ready = JSON.parse(readFileSync(readyFile, 'utf8'));
  } catch {
    return;
  }
  clearInterval(poll);
  fetch(`${ready.url}/__mock/health`).then(async (response) => {
    await response.arrayBuffer();
    if (!response.ok) fail(`GET /__mock/health answered ${response.status}`);
    const partial = `${CODE_CACHE}.partial`;
    writeFileSync(partial, Buffer.concat([Buffer.from(header, 'latin1'), script.createCachedData()]));
    renameSync(partial, CODE_CACHE);
    rmSync(scratch, { recursive: true, force: true });
    process.exit(0);
  }, (error) => fail(`GET /__mock/health failed: ${error.message}`));
}, 10);

function fail(message) {
  process.stderr.write(`${message}\n`);
  rmSync(scratch, { recursive: true, force: true });
  process.exit(1);
}
