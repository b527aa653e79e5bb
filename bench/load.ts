/**
 * One load run: wrk (bench/wrk.ts) against one server with one mix, after a warm-up, bounded in time.
 * Latency percentiles come from wrk's histogram (µs, corrected for coordinated omission: bench/wrk.ts), req/s is responses over
 * wrk's wall time, and the server's peak RSS over the run is VmHWM after resetting it. The CPU each
 * process used during the run is measured: the server, wrk, the benchmark process, everything else.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Mix, MixRequest } from './mixes.ts';
import { cpuSnapshot, cpuWithChildGenerator, memoryOf, resetPeakMemory, type CpuCores } from './processes.ts';
import { prepareWrk, runWrk, type WrkErrors, type WrkRequest } from './wrk.ts';

/**
 * The ceilings, sending the bytes flowmock answered, pre-serialised: an Express 5 app, the same app answering
 * in the event loop's check phase as flowmock does (reported only), and raw `node:http`.
 */
export const CEILING_NAMES = ['express', 'express-deferred', 'node-http'] as const;
export type CeilingName = (typeof CEILING_NAMES)[number];

/**
 * The servers: flowmock at its quietest log level (`warn`) and at its default (`info`, a line per request);
 * Prism at its fastest (`-v error`) and at its default logging (`info`); Mockoon CLI; and the ceilings.
 */
export const TARGET_NAMES = ['flowmock', 'flowmock-info', 'prism', 'prism-info', 'mockoon', ...CEILING_NAMES] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/**
 * How a run sends a family of new queries (Multiplai uncached), in words, for the report. Cycled in order,
 * more distinct queries than the cache keeps are never answered from it (test/bench/multiplai-family.test.ts),
 * so every server's run lasts the run's full length: until 2026-11-26 each query was sent once and the run
 * ended when they were used up, after 1.3–1.6 s for Express and up to 4 s for flowmock, and the short runs
 * made these ratios the noisiest of the report.
 */
export const FAMILY_RUN = 'cycled in order for the whole run (more of them than the cache keeps: none is answered from it)';

/** `roundOrder` in words, for the report. */
export const ROUND_ORDER = 'flowmock, Express and Prism -v error one after the other, in reverse order every other round, then the others';

/**
 * The order the servers take their turns in, in round `round` (0 first) on `default`: the three a target
 * compares (flowmock, Express sending its bytes, Prism at `-v error`) one after the other, so that a ratio
 * pairs runs seconds apart rather than half a minute (this machine's speed drifts by tens of percent over
 * that); their order reversed every other round, so that a drift within a round favours neither side; the
 * servers only reported after them.
 */
export function roundOrder(round: number): TargetName[] {
  const compared: TargetName[] = ['flowmock', 'express', 'prism'];
  const reported = TARGET_NAMES.filter((name) => !compared.includes(name));
  return [...(round % 2 === 0 ? compared : compared.reverse()), ...reported];
}

export interface LoadTarget {
  readonly name: TargetName;
  /** Origin, e.g. http://127.0.0.1:1234. */
  readonly origin: string;
  /** What goes before the mix's path (e.g. `/alloy` on flowmock). */
  readonly prefix: string;
  readonly pid: number;
}

export interface LoadSettings {
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
}

export interface RunResult {
  readonly target: TargetName;
  readonly scenario: string;
  readonly mix: string;
  readonly label: string;
  readonly connections: number;
  /** Measured wall time in seconds (a run of a request family may end early, when the family is used up). */
  readonly seconds: number;
  readonly responses: number;
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly meanMs: number;
  /** Answers with a status of 400 or more (wrk counts no other status as an error; every mix is checked to answer 200 first). */
  readonly non2xx: number;
  /** Connection errors: connect, read, write. */
  readonly errors: number;
  readonly timeouts: number;
  /** wrk's error counts as it gives them. */
  readonly wrkErrors: WrkErrors;
  /** Size of a response on the wire, headers included, bytes (mean over the run). */
  readonly responseBytes: number;
  readonly peakRssMiB: number | null;
  /** Whether the peak covers this run only (VmHWM reset before it) or the process's whole life. */
  readonly peakRssScope: 'run' | 'process' | 'unknown';
  /** CPU over the measured run, in cores: the server, wrk, the benchmark process, everything else. */
  readonly cpuCores: CpuCores;
  /** Other processes used more than DISTURBED_CORES of a core during the run: the numbers are not clean. */
  readonly disturbed: boolean;
  readonly valid: boolean;
  readonly note?: string;
  /**
   * Measured in rounds (on `default`, the servers taking turns): every round's req/s, in round order. This run
   * is the round of median req/s; ratios between servers are taken round by round (report.ts, reqPerSecRatio).
   */
  readonly roundsReqPerSec?: readonly number[];
}

export const DISTURBED_CORES = 0.25;

/** A positive number from the environment (BENCH_SECONDS and the like), `fallback` when unset or empty. */
export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return value;
}

/** Where wrk writes its Lua scripts: one directory for this process, removed on exit. */
let scriptDir: string | undefined;
function scripts(): string {
  if (scriptDir === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'flowmock-wrk-'));
    scriptDir = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return scriptDir;
}

function toWrk(target: LoadTarget, request: MixRequest): WrkRequest {
  return { method: request.method, path: target.prefix + request.path, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) };
}

const round = (value: number, digits = 3) => Number.isFinite(value) ? Number(value.toFixed(digits)) : value;

export async function runLoad(target: LoadTarget, scenario: string, mix: Mix, settings: LoadSettings): Promise<RunResult> {
  const origin = target.origin;
  const workDir = scripts();
  const family = (at: (index: number) => MixRequest, count: number) => Array.from({ length: count }, (_, i) => toWrk(target, at(i)));
  const base = { origin, connections: settings.connections, workDir } as const;
  if (settings.warmupSeconds > 0) {
    const warmup = mix.variant === undefined ? [toWrk(target, mix.request)] : family(mix.variant.warmup, mix.variant.count);
    await runWrk({ ...base, requests: warmup, seconds: settings.warmupSeconds });
  }
  const measured = mix.variant === undefined ? [toWrk(target, mix.request)] : family(mix.variant.at, mix.variant.count);
  const run = prepareWrk({ ...base, requests: measured, seconds: settings.seconds });
  const scoped = resetPeakMemory(target.pid);
  const cpuBefore = cpuSnapshot(target.pid);
  const result = await run();
  const cpuCores = cpuWithChildGenerator(cpuBefore, cpuSnapshot(target.pid));
  const disturbed = cpuCores.other > DISTURBED_CORES;
  const memory = memoryOf(target.pid);
  const { errors } = result;
  const connectionErrors = errors.connect + errors.read + errors.write;
  const valid = errors.status === 0 && connectionErrors === 0 && errors.timeout === 0 && result.responses > 0;
  const problems = [
    errors.status > 0 ? `${errors.status} answers with status ≥ 400` : '',
    connectionErrors > 0 ? `${connectionErrors} connection errors (connect ${errors.connect}, read ${errors.read}, write ${errors.write})` : '',
    errors.timeout > 0 ? `${errors.timeout} timeouts` : '',
    result.responses === 0 ? 'no response' : '',
  ].filter(Boolean);
  const familyNote = mix.variant === undefined ? '' : `${mix.variant.count} distinct queries, cycled`;
  const disturbance = disturbed ? `disturbed: other processes used ${cpuCores.other} cores` : '';
  const note = [...problems, familyNote, disturbance].filter(Boolean).join('; ');
  return {
    target: target.name,
    scenario,
    mix: mix.id,
    label: mix.label,
    connections: settings.connections,
    seconds: round(result.seconds, 2),
    responses: result.responses,
    reqPerSec: round(result.responses / result.seconds, 1),
    p50Ms: round(result.latencyMs.p50),
    p90Ms: round(result.latencyMs.p90),
    p99Ms: round(result.latencyMs.p99),
    maxMs: round(result.latencyMs.max),
    meanMs: round(result.latencyMs.mean),
    non2xx: errors.status,
    errors: connectionErrors,
    timeouts: errors.timeout,
    wrkErrors: errors,
    responseBytes: result.responses === 0 ? 0 : Math.round(result.bytes / result.responses),
    peakRssMiB: memory === undefined ? null : round(memory.peakMiB, 1),
    peakRssScope: memory === undefined ? 'unknown' : scoped ? 'run' : 'process',
    cpuCores,
    disturbed,
    valid,
    ...(note === '' ? {} : { note }),
  };
}
