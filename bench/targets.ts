/**
 * The servers under load, each a child process on 127.0.0.1: flowmock (`node bin/flowmock.js serve`, the
 * serving process itself), Prism in static mock mode (one per vendor spec), Mockoon CLI (one process, the
 * five specs on five ports), and the two ceilings sending pre-serialised bytes: Express 5
 * (bench/fixed-json-server.ts) and raw `node:http` (bench/node-http-server.ts). A server's output (its
 * request log) goes to a file when one is given, so that the benchmark process reads nothing under load.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiName } from '../src/apis.ts';
import type { FixedRoute } from './fixed-routes.ts';
import type { CeilingName } from './load.ts';
import { cpuBetween, cpuSnapshot, freePort, httpRequest, memoryOf, startChild, waitFor200, waitForOutput, type Child } from './processes.ts';

export const REPO = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const PRISM = join(REPO, 'node_modules/@stoplight/prism-cli/dist/index.js');
const MOCKOON = join(REPO, 'node_modules/@mockoon/cli/bin/run.js');

/** What a server needs to run: copied by `snapshotCode`. */
export const SERVED_CODE = ['src', 'dist', 'bin', 'specs', 'scenarios', 'package.json', 'tsconfig.json'] as const;

/**
 * A copy of the served code (node_modules linked) in `workDir`/`name`, so that every server of one
 * benchmark runs the same code even while the working tree changes. Returns its directory.
 */
export function snapshotCode(workDir: string, name = 'code'): string {
  const dir = join(workDir, name);
  mkdirSync(dir);
  for (const entry of SERVED_CODE) cpSync(join(REPO, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** The full commit a git revision (`HEAD~1`, a tag, a hash) names in this repository; throws when it names none. */
export function resolveRevision(rev: string): string {
  try {
    return execFileSync('git', ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    throw new Error(`"${rev}" names no commit of ${REPO}`);
  }
}

/**
 * The tree of `commit` as it was committed (`git archive`, so the working tree, the index and the
 * repository's worktree list are untouched), node_modules linked to the repository's, built if it has a
 * build step: in
 * `workDir`/`name`. Removing `workDir` removes it. Returns its directory.
 */
export function snapshotRevision(workDir: string, commit: string, name: string): string {
  const dir = join(workDir, name);
  mkdirSync(dir);
  const tar = execFileSync('git', ['archive', '--format=tar', commit], { cwd: REPO, maxBuffer: 1024 ** 3 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // A revision whose bin runs compiled JavaScript is built as `prepare` would (older ones ran src/ through tsx).
  if (existsSync(join(dir, 'scripts/build.ts'))) execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { cwd: dir, stdio: 'ignore' });
  return dir;
}

/** What the servers run: every file of the served code under `root`, hashed (paths relative to it; a missing entry is skipped). */
export function codeFingerprint(root: string): string {
  const hash = createHash('sha256');
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) walk(join(path, entry));
    } else {
      hash.update(path.slice(root.length)).update(readFileSync(path));
    }
  };
  for (const top of SERVED_CODE) if (existsSync(join(root, top))) walk(join(root, top));
  return hash.digest('hex').slice(0, 16);
}

export interface Flowmock {
  readonly child: Child;
  readonly origin: string;
  /** Spawn to the first 200 of /__mock/health, ms. */
  readonly timeToFirstAnswerMs: number;
  /** "loaded in N ms" as flowmock prints it (scenario load and generation only). */
  readonly loadMs: number | null;
  /** Memory right after the first answer: VmRSS and VmHWM (peak of loading), MiB. */
  readonly memoryAtStart: { rssMiB: number; peakMiB: number } | null;
  /** Cores used by other processes between spawn and the first answer (disturbance of the timing). */
  readonly otherCoresAtStart: number;
}

/** flowmock at its quietest: problems only, no line per request. */
export const FLOWMOCK_QUIET = ['--log-level', 'warn'] as const;
/** flowmock's default: a JSON line per request on stderr (pretty text only on a terminal). */
export const FLOWMOCK_REQUEST_LOG = ['--log-level', 'info'] as const;

/**
 * `code`: the directory holding bin/flowmock.js (the repository or a snapshot of it); `extraArgs`: more `serve`
 * options (e.g. a log level, timeouts); `logFile`: where its output goes (else a pipe to this process).
 */
export async function startFlowmock(code: string, scenario: string, now: string, timeoutMs: number, extraArgs: readonly string[] = [], logFile?: string): Promise<Flowmock> {
  const port = await freePort();
  const cpuBefore = cpuSnapshot(undefined);
  const child = startChild(`flowmock ${scenario}`, process.execPath, ['bin/flowmock.js', 'serve', '--scenario', scenario, '--port', String(port), '--now', now, ...extraArgs], { cwd: code, ...(logFile === undefined ? {} : { logFile }) });
  const origin = `http://127.0.0.1:${port}`;
  const answeredAt = await waitFor200(child, `${origin}/__mock/health`, timeoutMs);
  const { other } = cpuBetween(cpuBefore, cpuSnapshot(child.pid));
  const memory = memoryOf(child.pid) ?? null;
  const loaded = (await waitForOutput(child, /loaded in (\d+) ms[\s\S]*admin\s+(http:\/\/\S+)\/__mock/, 5000));
  if (loaded[2] !== origin) throw new Error(`flowmock printed ${loaded[2]}, expected ${origin}`);
  return {
    child,
    origin,
    timeToFirstAnswerMs: Math.round(answeredAt - child.spawnedAt),
    loadMs: loaded[1] === undefined ? null : Number(loaded[1]),
    memoryAtStart: memory,
    otherCoresAtStart: other,
  };
}

export interface ListeningFlowmock {
  readonly child: Child;
  readonly origin: string;
  /** Spawn to the banner (printed once listening), ms. */
  readonly listeningMs: number;
}

/**
 * flowmock from `code` (a snapshot of any revision) the way it starts its server, `node bin/flowmock.js
 * serve --scenario … --port 0 --now …`: on a port of its choosing, read from its banner's admin line.
 */
export async function startFlowmockOnAnyPort(name: string, code: string, scenario: string, now: string, timeoutMs: number, extraArgs: readonly string[] = []): Promise<ListeningFlowmock> {
  const child = startChild(name, process.execPath, ['bin/flowmock.js', 'serve', '--scenario', scenario, '--port', '0', '--now', now, ...extraArgs], { cwd: code });
  const match = await waitForOutput(child, /admin\s+(http:\/\/\S+?)\/__mock/, timeoutMs);
  const listeningMs = Math.round(performance.now() - child.spawnedAt);
  const origin = match[1] as string;
  await waitFor200(child, `${origin}/__mock/health`, 5000);
  return { child, origin, listeningMs };
}

/** Whether the flowmock in `code` (a snapshot of any revision) has `serve --log-level`. */
export function hasLogLevel(code: string): boolean {
  try {
    return execFileSync(process.execPath, ['bin/flowmock.js', 'serve', '--help'], { cwd: code, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes('--log-level');
  } catch {
    return false;
  }
}

/** Prism's log levels the benchmark runs it at: `error`, its fastest (its docs: logging slows it significantly); `info`, its default. */
export type PrismLogging = 'error' | 'info';

export interface Prism {
  readonly api: ApiName;
  readonly child: Child;
  readonly origin: string;
}

export async function startPrism(code: string, api: ApiName, logging: PrismLogging, logFile: string): Promise<Prism> {
  const port = await freePort();
  const child = startChild(`prism ${api} (${logging})`, process.execPath, [PRISM, 'mock', '-h', '127.0.0.1', '-p', String(port), '-v', logging, `specs/${api}.yaml`], { cwd: code, logFile });
  // At `error` Prism prints nothing once listening: wait for the port to answer (any status) instead.
  await waitForAnswer(child, `http://127.0.0.1:${port}/`, 60_000);
  return { api, child, origin: `http://127.0.0.1:${port}` };
}

export const PRISM_COMMAND = (logging: PrismLogging) => `node node_modules/@stoplight/prism-cli/dist/index.js mock -h 127.0.0.1 -p PORT -v ${logging} specs/<api>.yaml`;

export interface Mockoon {
  readonly child: Child;
  /** The origin of each API's mock. */
  readonly origins: ReadonlyMap<ApiName, string>;
}

/**
 * Mockoon CLI serving our specs as they are, as test/contract/mockoon-target.test.ts runs it: one process,
 * each spec on its own port, log file and admin API off, HOME a scratch directory (nothing written outside it).
 */
export async function startMockoon(code: string, apis: readonly ApiName[], workDir: string, logFile: string): Promise<Mockoon> {
  const ports = await Promise.all(apis.map(() => freePort()));
  const home = mkdtempSync(join(workDir, 'mockoon-home-'));
  const child = startChild('mockoon', process.execPath, [
    MOCKOON, 'start',
    '--data', ...apis.map((api) => `specs/${api}.yaml`),
    '--port', ...ports.map(String),
    '--hostname', ...apis.map(() => '127.0.0.1'),
    '--faker-seed', '20261126',
    '--disable-log-to-file', '--disable-admin-api',
  ], { cwd: code, env: { ...process.env, HOME: home }, logFile });
  for (const port of ports) await waitForOutput(child, new RegExp(`Server started on port ${port}\\b`), 60_000);
  return { child, origins: new Map(apis.map((api, i) => [api, `http://127.0.0.1:${ports[i]}`])) };
}

export const MOCKOON_COMMAND = 'node node_modules/@mockoon/cli/bin/run.js start --data specs/<api>.yaml … --port P … --hostname 127.0.0.1 … --faker-seed 20261126 --disable-log-to-file --disable-admin-api';

/** Each ceiling's script, and what follows the routes file on its command line. */
const CEILING_SCRIPTS: Readonly<Record<CeilingName, readonly [string, ...string[]]>> = {
  'express': ['bench/fixed-json-server.ts'],
  'express-deferred': ['bench/fixed-json-server.ts', '--answer-in-check-phase'],
  'node-http': ['bench/node-http-server.ts'],
};

export const CEILING_COMMAND = (name: CeilingName) => {
  const [script, ...options] = CEILING_SCRIPTS[name];
  return `node --import tsx ${script} ROUTES.json${options.map((option) => ` ${option}`).join('')}`;
};

export interface Ceiling {
  readonly child: Child;
  readonly origin: string;
}

/** Starts a ceiling server answering `routes` (full paths, e.g. `/b3os/b3os/v1/executions/stats`) with their bytes. */
export async function startCeiling(name: CeilingName, routes: readonly FixedRoute[], workDir: string): Promise<Ceiling> {
  const file = join(mkdtempSync(join(workDir, `${name}-`)), 'routes.json');
  writeFileSync(file, JSON.stringify(routes));
  const [script, ...options] = CEILING_SCRIPTS[name];
  const child = startChild(name, process.execPath, ['--import', 'tsx', script, file, ...options], { cwd: REPO });
  const match = await waitForOutput(child, new RegExp(`${name} (http://127\\.0\\.0\\.1:\\d+)`), 30_000);
  return { child, origin: match[1] as string };
}

/** Polls `url` every 50 ms until it answers at all (any status). */
async function waitForAnswer(child: Child, url: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.exited()) throw new Error(`${child.name} exited before answering ${url}:\n${child.output()}`);
    try {
      await httpRequest(url, { timeoutMs: 2000 });
      return;
    } catch {
      /* not listening yet */
    }
    if (performance.now() > deadline) throw new Error(`${child.name}: no answer from ${url} within ${timeoutMs} ms:\n${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function benchTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'flowmock-bench-'));
}
