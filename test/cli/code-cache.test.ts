/**
 * The command line's bundle and its V8 code cache (bin/flowmock.js, scripts/build.ts, scripts/code-cache.cjs;
 * docs/package.md#start-up): the build writes a cache that a plain `node` accepts, and a cache written for any
 * other bundle is never used, even one of the same length (V8 itself checks little more than the length).
 * These run the compiled package; a missing or stale dist/ skips them, saying so.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { start, waitForOutput } from '../helpers/child-process.ts';
import { ROOT } from '../helpers/cli.ts';
import { distProblem } from '../helpers/dist.ts';

const problem = distProblem();
const BUNDLE = join(ROOT, 'dist/bin/main.cjs');
const CODE_CACHE = join(ROOT, 'dist/bin/main.code-cache');
const scratch = mkdtempSync(join(tmpdir(), 'flowmock-code-cache-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What bin/flowmock.js (at `root`) makes of its bundle and cache, asked of a plain `node`, as a user runs it. */
function cacheUsed(root: string): boolean {
  const asked = `process.stdout.write(String(require(${JSON.stringify(join(root, 'bin/command-line.cjs'))}).compileCommandLine().cacheUsed))`;
  return execFileSync(process.execPath, ['-e', asked], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } }) === 'true';
}

/** A copy of the command's entry and bundle, with the same cache, for tampering with. */
function copyOfCommand(): string {
  const root = mkdtempSync(join(scratch, 'copy-'));
  cpSync(join(ROOT, 'bin'), join(root, 'bin'), { recursive: true });
  mkdirSync(join(root, 'dist/bin'), { recursive: true });
  copyFileSync(BUNDLE, join(root, 'dist/bin/main.cjs'));
  copyFileSync(CODE_CACHE, join(root, 'dist/bin/main.code-cache'));
  copyFileSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  return root;
}

function help(root: string): string {
  return execFileSync(process.execPath, [join(root, 'bin/flowmock.js'), '--help'], { encoding: 'utf8' });
}

describe.skipIf(problem !== undefined)(`the command line's code cache${problem ? ` (skipped: ${problem})` : ''}`, () => {
  it('is ASCII, so that it may be read as Latin-1, and ends by naming its build: the hash of the text before', () => {
    const bytes = readFileSync(BUNDLE);
    expect(bytes.findIndex((byte) => byte > 0x7f)).toBe(-1);
    const match = /\n\/\/# flowmock-build=([0-9a-f]{32})\n$/.exec(bytes.toString('latin1'));
    expect(match).not.toBeNull();
    const text = bytes.subarray(0, bytes.length - match![0].length);
    expect(match![1]).toBe(createHash('sha256').update(text).digest('hex').slice(0, 32));
  });

  it('runs strict, as the ES modules it is made of did', () => {
    const asked = `const { compileCommandLine } = require(${JSON.stringify(join(ROOT, 'bin/command-line.cjs'))});
      const wrapper = compileCommandLine().script.runInThisContext();
      try { wrapper.caller; process.stdout.write('sloppy'); } catch { process.stdout.write('strict'); }`;
    expect(execFileSync(process.execPath, ['-e', asked], { encoding: 'utf8' })).toBe('strict');
  });

  it('is written by the build for that very bundle and this Node, and a plain node uses it', () => {
    const id = /flowmock-build=([0-9a-f]{32})\n$/.exec(readFileSync(BUNDLE, 'latin1'))![1];
    const header = `flowmock-code-cache ${id} node ${process.version} ${process.arch}\n`;
    expect(readFileSync(CODE_CACHE).toString('latin1', 0, header.length)).toBe(header);
    expect(cacheUsed(ROOT)).toBe(true);
  });

  it('is not used when written under another Node', () => {
    const root = copyOfCommand();
    const cacheFile = join(root, 'dist/bin/main.code-cache');
    const cache = readFileSync(cacheFile);
    writeFileSync(cacheFile, Buffer.from(cache.toString('latin1').replace(` node ${process.version} `, ' node v20.0.0 '), 'latin1'));
    expect(cacheUsed(root)).toBe(false);
  });

  it('is not used for another bundle of the same length, which still runs', () => {
    const root = copyOfCommand();
    const file = join(root, 'dist/bin/main.cjs');
    const text = readFileSync(file, 'latin1');
    // Another build: one character of the code changed (a description commander prints), and so its id.
    const changed = text.replaceAll('Mock server and contract-testing kit', 'Mock server and contract-testing KIT').replace(/flowmock-build=[0-9a-f]{32}/, `flowmock-build=${'0'.repeat(32)}`);
    expect(changed.length).toBe(text.length);
    writeFileSync(file, changed, 'latin1');
    expect(cacheUsed(root)).toBe(false);
    expect(help(root)).toContain('Mock server and contract-testing KIT');
  });

  it('is not needed: without it the command line runs as before', () => {
    const root = copyOfCommand();
    rmSync(join(root, 'dist/bin/main.code-cache'));
    expect(cacheUsed(root)).toBe(false);
    expect(help(root)).toContain('Usage: flowmock');
    expect(help(ROOT)).toBe(help(root));
  });

  it('runs what loads late from the cache too: pretty request logs', async () => {
    expect(cacheUsed(ROOT)).toBe(true);
    const server = start(process.execPath, [join(ROOT, 'bin/flowmock.js'), 'serve', '--scenario', 'empty', '--port', '0', '--log-format', 'pretty']);
    try {
      const [, url] = await waitForOutput(server, /^flowmock listening \{"url":"([^"]+)"/m);
      expect((await fetch(`${url}/no-such-path`)).status).toBe(404);
      await waitForOutput(server, /GET \/no-such-path 404 [\d.]+ ms/);
    } finally {
      await server.stop();
    }
  });
});
