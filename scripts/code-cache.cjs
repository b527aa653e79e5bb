// Part of `npm run build` (scripts/build.ts): writes dist/bin/main.code-cache, V8's compiled code of the command
// line's bundle, for bin/flowmock.js to start from (docs/package.md#start-up).
//
// It compiles the bundle exactly as bin/flowmock.js does (bin/command-line.cjs), runs `flowmock serve` on the
// default scenario on a free port, and once the server has answered GET /__mock/health takes the cache: the
// functions compiled while starting are in it, not only the top level. Plain `node`, no flags: V8 accepts a
// cache only under the flags it was made with. CommonJS, like bin/flowmock.js, so that nothing else loads first.
'use strict';
const { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { compileCommandLine, runCommandLine, cacheHeader, BUNDLE, CODE_CACHE } = require('../bin/command-line.cjs');

const TIMEOUT_MS = 30_000;
const PARTIAL = `${CODE_CACHE}.partial`;

rmSync(CODE_CACHE, { force: true });
rmSync(PARTIAL, { force: true });
const scratch = mkdtempSync(join(tmpdir(), 'flowmock-code-cache-'));
const readyFile = join(scratch, 'ready.json');
// The build's environment configures nothing here (a FLOWMOCK_STATE_FILE would load someone's state).
for (const name of Object.keys(process.env)) if (name.startsWith('FLOWMOCK_')) delete process.env[name];
process.argv = [process.execPath, BUNDLE, 'serve', '--scenario', 'default', '--port', '0', '--ready-file', readyFile, '--log-level', 'fatal'];

// The header names the very text compiled (a bundle rebuilt meanwhile gets no cache of this one).
const { script, source } = compileCommandLine({ useCache: false });
const header = cacheHeader(source);
if (header === undefined) fail(`${BUNDLE} names no build id`);
runCommandLine(script);

const deadline = setTimeout(() => fail(`flowmock serve did not answer within ${TIMEOUT_MS} ms`), TIMEOUT_MS);
const poll = setInterval(() => {
  let ready;
  try {
    ready = JSON.parse(readFileSync(readyFile, 'utf8'));
  } catch {
    return;
  }
  clearInterval(poll);
  fetch(`${ready.url}/__mock/health`, { signal: AbortSignal.timeout(10_000) }).then(async (response) => {
    await response.arrayBuffer();
    if (!response.ok) fail(`GET /__mock/health answered ${response.status}`);
    writeFileSync(PARTIAL, Buffer.concat([Buffer.from(header, 'latin1'), script.createCachedData()]));
    renameSync(PARTIAL, CODE_CACHE);
    clearTimeout(deadline);
    rmSync(scratch, { recursive: true, force: true });
    process.exit(0);
  }, (error) => fail(`GET /__mock/health failed: ${error.message}`));
}, 10);

function fail(message) {
  process.stderr.write(`${message}\n`);
  rmSync(PARTIAL, { force: true });
  rmSync(scratch, { recursive: true, force: true });
  process.exit(1);
}
