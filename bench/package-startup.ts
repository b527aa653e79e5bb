/**
 * How fast the package starts, as a user starts it: the packed tarball installed into a scratch project
 * outside the repository, then
 * - `node_modules/.bin/flowmock --version` (spawn to exit),
 * - `node_modules/.bin/flowmock serve` on `default` (compiled JavaScript, spawn to the first 200 of
 *   GET /__mock/health, polled every 10 ms),
 * - `npm start` in the repository (spawn to the same first answer; npm's own start-up included).
 * Each is repeated and the median reported (bench/report.ts, BENCHMARKS.md). Alone: `npx tsx bench/package-startup.ts`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../src/net/free-port.ts';
import { REPO } from './targets.ts';

export interface PackageStartup {
  /** Each sample in ms. */
  readonly versionMs: readonly number[];
  readonly serveFirstAnswerMs: readonly number[];
  readonly npmStartFirstAnswerMs: readonly number[];
  /**
   * `node -e 0` in the same rounds and environment: Node's own start, which every figure above includes and
   * flowmock cannot change (docs/package.md#start-up). Reported, not a target. Absent in older results.
   */
  readonly nodeAloneMs?: readonly number[];
  /** Whether NODE_EXTRA_CA_CERTS was set, which makes every Node start load its certificate store. */
  readonly extraCaCerts?: boolean;
}

const NOW = '2026-11-20T12:00:00Z';

export async function measurePackageStartup({ rounds = 9, log = (_line: string) => {} } = {}): Promise<PackageStartup> {
  const scratch = mkdtempSync(join(tmpdir(), 'flowmock-startup-'));
  try {
    execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', scratch], { cwd: REPO, stdio: 'pipe' });
    const tarball = join(scratch, readdirSync(scratch).find((file) => file.endsWith('.tgz'))!);
    const project = join(scratch, 'project');
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'startup-bench', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: project, stdio: 'pipe' });
    const bin = join(project, 'node_modules/.bin/flowmock');
    const versionMs: number[] = [];
    const serveFirstAnswerMs: number[] = [];
    const npmStartFirstAnswerMs: number[] = [];
    const nodeAloneMs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      nodeAloneMs.push(await timeToExit(process.execPath, ['-e', '0'], project));
      versionMs.push(await timeToExit(bin, ['--version'], project));
      serveFirstAnswerMs.push(await timeToFirstAnswer(bin, ['serve', '--now', NOW], project));
      npmStartFirstAnswerMs.push(await timeToFirstAnswer('npm', ['start', '--silent', '--', '--now', NOW], REPO));
      log(`package start-up round ${round + 1}: node -e 0 ${nodeAloneMs.at(-1)} ms, --version ${versionMs.at(-1)} ms, serve ${serveFirstAnswerMs.at(-1)} ms, npm start ${npmStartFirstAnswerMs.at(-1)} ms`);
    }
    return { versionMs, serveFirstAnswerMs, npmStartFirstAnswerMs, nodeAloneMs, extraCaCerts: (process.env.NODE_EXTRA_CA_CERTS ?? '') !== '' };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function timeToExit(command: string, args: readonly string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn(command, args, { cwd, stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(Math.round(performance.now() - began)) : reject(new Error(`${command} ${args.join(' ')} exited ${code}`))));
  });
}

/** Spawn with `--port P` to the first 200 of GET /__mock/health; then SIGTERM and wait for the exit. */
async function timeToFirstAnswer(command: string, args: readonly string[], cwd: string): Promise<number> {
  const port = await freePort();
  const began = performance.now();
  // Its own process group: whatever npm starts below it is stopped with it.
  const child = spawn(command, [...args, '--port', String(port)], { cwd, stdio: 'ignore', detached: true });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited ${child.exitCode} before answering`);
      if (await healthy(port)) return Math.round(performance.now() - began);
      if (performance.now() - began > 30_000) throw new Error(`${command} ${args.join(' ')}: no answer within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/__mock/health', agent: false }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode === 200));
    });
    req.once('error', () => resolve(false));
    req.end();
  });
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? Number.NaN;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await measurePackageStartup({ log: (line) => process.stdout.write(`${line}\n`) });
  process.stdout.write(`median: node -e 0 ${median(figures.nodeAloneMs ?? [])} ms, --version ${median(figures.versionMs)} ms, serve to first answer ${median(figures.serveFirstAnswerMs)} ms, npm start to first answer ${median(figures.npmStartFirstAnswerMs)} ms\n`);
}
