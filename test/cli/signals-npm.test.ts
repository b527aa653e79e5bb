/**
 * SIGTERM through npm: `npm start` and `npx flowmock serve`, as CI scripts run them (`serve & … kill $!`).
 * npm forwards the signal to the shell it runs the script in (`sh -c …`), which dies of it without passing
 * it on; flowmock notices its parent went away and stops as on SIGTERM (src/cli/serve.ts). The port must be
 * freed. npm's own exit code is the shell's fate: 143 (128 + SIGTERM), or 0 when the script `exec`s node so
 * that npm signals flowmock itself.
 *
 * These run the compiled package (bin/flowmock.js → dist/): CI builds it before the tests (`npm ci` runs
 * `prepare`). A missing or stale dist/ skips them, saying so.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { start, waitForOutput, type Running } from '../helpers/child-process.ts';
import { ROOT } from '../helpers/cli.ts';
import { distProblem } from '../helpers/dist.ts';
import { portFreedWithin } from '../helpers/ports.ts';

const READY = /^flowmock listening (\{.*\})$/m;

const problem = distProblem();
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** A project that has flowmock installed (linked to this checkout), as a user's would. */
function consumerProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowmock-consumer-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, devDependencies: { flowmock: `file:${ROOT}` } }));
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
  symlinkSync(ROOT, join(dir, 'node_modules/flowmock'));
  symlinkSync('../flowmock/bin/flowmock.js', join(dir, 'node_modules/.bin/flowmock'));
  return dir;
}

/** The exit status as a shell's `wait` reports it: the code, or 128 + the signal that ended the process. */
function exited(server: Running): Promise<number> {
  const status = (code: number | null, signal: NodeJS.Signals | null) => code ?? 128 + (signal === 'SIGTERM' ? 15 : signal === 'SIGINT' ? 2 : 0);
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(status(child.exitCode, child.signalCode));
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(status(code, signal))));
}

/** Started through npm: SIGTERM to npm alone (as `kill $!`), then the port is free and flowmock said it stopped. */
async function stopsOnSigterm(server: Running, execs: boolean): Promise<void> {
  try {
    const [, ready] = await waitForOutput(server, READY, 60_000);
    const { port, url } = JSON.parse(ready!) as { port: number; url: string };
    expect((await fetch(`${url}/__mock/health`)).status).toBe(200);
    const done = exited(server);
    server.child.kill('SIGTERM');
    expect(await done).toBe(execs ? 0 : 143);
    expect(await portFreedWithin(port, 5000)).toBe(true);
    await waitForOutput(server, /"msg":"stopped"/, 5000);
  } finally {
    await server.stop();
  }
}

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(problem !== undefined)(`SIGTERM through npm${problem === undefined ? '' : ` (skipped: ${problem})`}`, () => {
  it('npm start: flowmock stops, the port is freed', async () => {
    const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    const server = start(npm, ['start', '--silent', '--', '--port', '0', '--log-format', 'json'], { cwd: ROOT });
    await stopsOnSigterm(server, script.startsWith('exec '));
  });

  it('npx flowmock serve, in a project that installed it: flowmock stops, the port is freed', async () => {
    const project = consumerProject();
    scratch.push(project);
    const server = start(npx, ['--no-install', 'flowmock', 'serve', '--port', '0', '--log-format', 'json'], { cwd: project });
    await stopsOnSigterm(server, false);
  });

  it('an npm script that execs flowmock: npm hands it the signal, and exits 0', async () => {
    const project = consumerProject();
    scratch.push(project);
    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(project, 'package.json'), JSON.stringify({ ...manifest, scripts: { mock: 'exec flowmock serve --port 0 --log-format json' } }));
    const server = start(npm, ['run', '--silent', 'mock'], { cwd: project });
    await stopsOnSigterm(server, true);
  });
});
