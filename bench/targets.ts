/**
 * The servers under load, each a child process on 127.0.0.1: flowmock (`node bin/flowmock.js serve`, the
 * serving process itself), Prism in static mock mode (one per vendor spec) and the fixed-JSON Express 5
 * ceiling (bench/fixed-json-server.ts).
 */
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiName } from '../src/apis.ts';
import type { FixedRoute } from './fixed-json-server.ts';
import { cpuBetween, cpuSnapshot, freePort, memoryOf, startChild, waitFor200, waitForOutput, type Child } from './processes.ts';

export const REPO = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const PRISM = join(REPO, 'node_modules/@stoplight/prism-cli/dist/index.js');

/** What a server needs to run: copied by `snapshotCode`. */
export const SERVED_CODE = ['src', 'bin', 'specs', 'scenarios', 'package.json', 'tsconfig.json'] as const;

/**
 * A copy of the served code (node_modules linked) in `workDir`, so that every server of one benchmark
 * runs the same code even while the working tree changes. Returns its directory.
 */
export function snapshotCode(workDir: string): string {
  const dir = join(workDir, 'code');
  mkdirSync(dir);
  for (const entry of SERVED_CODE) cpSync(join(REPO, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
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

/** `code`: the directory holding bin/flowmock.js (the repository or a snapshot of it). */
export async function startFlowmock(code: string, scenario: string, now: string, timeoutMs: number): Promise<Flowmock> {
  const port = await freePort();
  const cpuBefore = cpuSnapshot(undefined);
  const child = startChild(`flowmock ${scenario}`, process.execPath, ['bin/flowmock.js', 'serve', '--scenario', scenario, '--port', String(port), '--now', now], { cwd: code });
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

export interface Prism {
  readonly api: ApiName;
  readonly child: Child;
  readonly origin: string;
}

export async function startPrism(code: string, api: ApiName): Promise<Prism> {
  const port = await freePort();
  const child = startChild(`prism ${api}`, process.execPath, [PRISM, 'mock', '-h', '127.0.0.1', '-p', String(port), `specs/${api}.yaml`], { cwd: code });
  await waitForOutput(child, /Prism is listening on/, 60_000);
  return { api, child, origin: `http://127.0.0.1:${port}` };
}

export const PRISM_COMMAND = 'node node_modules/@stoplight/prism-cli/dist/index.js mock -h 127.0.0.1 -p PORT specs/<api>.yaml';

export interface FixedJson {
  readonly child: Child;
  readonly origin: string;
}

/** Starts the ceiling server answering `routes` (full paths, e.g. `/b3os/b3os/v1/executions/stats`). */
export async function startFixedJson(routes: readonly FixedRoute[], workDir: string): Promise<FixedJson> {
  const file = join(mkdtempSync(join(workDir, 'fixed-')), 'routes.json');
  writeFileSync(file, JSON.stringify(routes));
  const child = startChild('fixed-json', process.execPath, ['--import', 'tsx', 'bench/fixed-json-server.ts', file], { cwd: REPO });
  const match = await waitForOutput(child, /fixed-json (http:\/\/127\.0\.0\.1:\d+)/, 30_000);
  return { child, origin: match[1] as string };
}

export function benchTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'flowmock-bench-'));
}
