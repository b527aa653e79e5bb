/**
 * flowmock as a user gets it: the packed tarball installed into a fresh project outside the repository (so
 * nothing resolves from the repo's own node_modules), and there `flowmock --version`, `npx flowmock serve`
 * stopped with SIGTERM through npx, `npx flowmock contract` against it, the types checked by tsc, and a
 * user's Vitest test (test/package/consumer/) using `startFlowmock`, `flowmock/msw`, `flowmock/types/onepin`
 * and `flowmock/scenarios/default` with openapi-fetch. The versions of the user's own tools come from our
 * lockfile, so npm installs them from its cache (docs/package.md#what-ci-proves).
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.ts';
import { start, waitForOutput } from '../helpers/child-process.ts';
import { distProblem } from '../helpers/dist.ts';
import { portFreedWithin } from '../helpers/ports.ts';

const PROJECT_TOOLS = ['msw', 'vitest', 'typescript', '@types/node', 'openapi-fetch'];
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let scratch: string;
let project: string;

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

function run(command: string, args: readonly string[], cwd: string, timeout = 120_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout, env: { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1', npm_config_update_notifier: 'false' } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

describe('the packed package, installed in a fresh project', () => {
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'flowmock-consumer-'));
    // The build a user installs (npm pack would run `prepare` too): built once, unless dist/ is current.
    if (distProblem() !== undefined) execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/build.ts')], { cwd: ROOT, stdio: 'pipe' });
    execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', scratch], { cwd: ROOT, stdio: 'pipe' });
    const tarball = readdirSync(scratch).find((file) => file.endsWith('.tgz'))!;
    project = join(scratch, 'project');
    cpSync(join(ROOT, 'test/package/consumer'), project, { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'flowmock-consumer', private: true, type: 'module' }, null, 2));
    const tools = PROJECT_TOOLS.map((name) => `${name}@${installedVersion(name)}`);
    const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev', join(scratch, tarball), ...tools], project, 300_000);
    expect(installed.code, installed.stderr).toBe(0);
  }, 400_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('ships only what a user runs', () => {
    const files = execFileSync('tar', ['-tzf', join(scratch, readdirSync(scratch).find((file) => file.endsWith('.tgz'))!)], { encoding: 'utf8' }).split('\n').filter(Boolean);
    const tops = new Set(files.map((file) => file.split('/')[1]));
    expect([...tops].sort()).toEqual(['LICENSE', 'README.md', 'bin', 'dist', 'package.json', 'scenarios', 'specs']);
    expect(files).toContain('package/dist/index.d.ts');
    expect(files.some((file) => /\/(test|bench|src)\//.test(file))).toBe(false);
  });

  it('answers --version from its compiled bin, its fast path and the command line alike', async () => {
    const bin = join(project, 'node_modules/.bin/flowmock');
    expect(await run(bin, ['--version'], project)).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    expect(await run(bin, ['-V'], project)).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    // Not alone: the command line (commander) prints it.
    expect(await run(bin, ['--version', '--no-such-flag'], project)).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
  });

  it('starts its command line from the code cache it ships', () => {
    const loader = join(project, 'node_modules/flowmock/bin/command-line.cjs');
    const asked = `process.stdout.write(String(require(${JSON.stringify(loader)}).compileCommandLine().cacheUsed))`;
    expect(execFileSync(process.execPath, ['-e', asked], { cwd: project, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } })).toBe('true');
  });

  it('serves through npx, passes its own contract suite, and drains on SIGTERM sent to npx: port freed, ready file gone', async () => {
    const readyFile = join(scratch, 'ready.json');
    const server = start('npx', ['--no-install', 'flowmock', 'serve', '--port', '0', '--now', '2026-11-20T12:00:00Z', '--ready-file', readyFile, '--log-format', 'json'], { cwd: project });
    try {
      const [, ready] = await waitForOutput(server, /^flowmock listening (\{.*\})$/m, 60_000);
      const { url, port } = JSON.parse(ready!) as { url: string; port: number };
      expect(JSON.parse(readFileSync(readyFile, 'utf8'))).toMatchObject({ url, port });
      const contract = await run('npx', ['--no-install', 'flowmock', 'contract', '--base-url', url, '--report', `junit=${join(scratch, 'junit.xml')}`], project, 300_000);
      expect(contract.code, contract.stdout + contract.stderr).toBe(0);
      expect(readFileSync(join(scratch, 'junit.xml'), 'utf8')).toMatch(/<testsuites/);
      // SIGTERM to npx itself, not to its process group: what `kill $!` does in a CI script. npx runs the bin
      // in `sh -c`; Debian's dash stays the parent and dies of the signal, so npx reports 143 (128 + 15) while
      // flowmock, its parent gone, drains, logs "stopped", removes its ready file and exits 0 (docs/operations.md).
      const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code, signal) => resolve(code ?? (signal === 'SIGTERM' ? 143 : null))));
      server.child.kill('SIGTERM');
      expect([0, 143]).toContain(await exited);
      expect(await portFreedWithin(port, 5000)).toBe(true);
      await waitForOutput(server, /"msg":"stopped"/, 15_000);
      expect(existsSync(readyFile)).toBe(false);
    } finally {
      await server.stop();
    }
  }, 400_000);

  it("type-checks a user's code against the package's declarations", async () => {
    const result = await run(join(project, 'node_modules/.bin/tsc'), ['--noEmit', '-p', '.'], project);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it("runs a user's Vitest tests: startFlowmock, runContract, flowmock/msw, a typed client, and the README's globalSetup", async () => {
    const result = await run(join(project, 'node_modules/.bin/vitest'), ['run', '--reporter', 'verbose'], project, 180_000);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Tests\s+5 passed \(5\)/);
  }, 200_000);
});
