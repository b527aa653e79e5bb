/**
 * One load run: autocannon against one server with one mix, after a warm-up, bounded in time. Latency
 * percentiles come from every response's own time (autocannon's histogram rounds to whole ms), and the
 * server's peak RSS over the run from VmHWM after resetting it.
 */
import autocannon, { type Instance, type RequestParams, type Result } from 'autocannon';
import type { Mix, MixRequest } from './mixes.ts';
import { cpuBetween, cpuSnapshot, memoryOf, resetPeakMemory } from './processes.ts';

export type TargetName = 'flowmock' | 'prism' | 'fixed-json';

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
  /** autocannon's own figures, for reference (whole-ms latency histogram, per-second request samples). */
  readonly autocannon: { readonly reqPerSecAvg: number; readonly p50Ms: number; readonly p99Ms: number };
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly statusCodes: Record<string, number>;
  /** Size of a 2xx response on the wire, headers included, bytes (mean over the run). */
  readonly responseBytes: number;
  readonly peakRssMiB: number | null;
  /** Whether the peak covers this run only (VmHWM reset before it) or the process's whole life. */
  readonly peakRssScope: 'run' | 'process' | 'unknown';
  /** CPU over the measured run, in cores: the server, autocannon (the bench process), everything else. */
  readonly cpuCores: { readonly server: number; readonly loadGenerator: number; readonly other: number };
  /** Other processes used more than DISTURBED_CORES of a core during the run: the numbers are not clean. */
  readonly disturbed: boolean;
  readonly valid: boolean;
  readonly note?: string;
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

function toParams(target: LoadTarget, request: MixRequest): RequestParams {
  return {
    method: request.method,
    path: target.prefix + request.path,
    headers: { ...request.headers },
    ...(request.body === undefined ? {} : { body: request.body }),
  };
}

function requestsFor(target: LoadTarget, mix: Mix, family?: (index: number) => MixRequest): RequestParams[] {
  if (family === undefined) return [toParams(target, mix.request)];
  let next = 0;
  return [{ setupRequest: () => toParams(target, family(next++)) }];
}

interface Collected {
  latencies: Float64Array;
  count: number;
  bytes: number;
  /** performance.now() of the last response of any status. */
  lastAt: number;
}

/**
 * Runs autocannon, stopping it after `seconds` whatever happens (and failing if it does not stop).
 * Wall time runs from the start to the last response: autocannon reports only on its 1 s tick, which
 * would add up to a second of idling to a run that ends by running out of requests.
 */
function cannon(options: Parameters<typeof autocannon>[0], seconds: number, collect?: Collected): Promise<{ result: Result; wallSeconds: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let instance: Instance | undefined = undefined;
    const stopTimer = setTimeout(() => instance?.stop(), seconds * 1000 + 250);
    const hardTimer = setTimeout(() => reject(new Error(`autocannon did not finish within ${seconds + 30} s`)), (seconds + 30) * 1000);
    instance = autocannon(options, (error, result) => {
      clearTimeout(stopTimer);
      clearTimeout(hardTimer);
      if (error) reject(error);
      else resolve({ result, wallSeconds: ((collect !== undefined && collect.lastAt > started ? collect.lastAt : performance.now()) - started) / 1000 });
    });
    if (collect !== undefined) {
      instance.on('response', (_client: unknown, statusCode: number, resBytes: number, responseTime: number) => {
        collect.lastAt = performance.now();
        if (statusCode < 200 || statusCode > 299) return;
        if (collect.count === collect.latencies.length) {
          const grown = new Float64Array(collect.latencies.length * 2);
          grown.set(collect.latencies);
          collect.latencies = grown;
        }
        collect.latencies[collect.count++] = responseTime;
        collect.bytes += resBytes;
      });
    }
  });
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

const round = (value: number, digits = 3) => Number.isFinite(value) ? Number(value.toFixed(digits)) : value;

export async function runLoad(target: LoadTarget, scenario: string, mix: Mix, settings: LoadSettings): Promise<RunResult> {
  const url = target.origin;
  const base = { url, connections: settings.connections, timeout: 30 } as const;
  if (settings.warmupSeconds > 0) {
    await cannon({ ...base, duration: settings.warmupSeconds, requests: requestsFor(target, mix, mix.variant?.warmup) }, settings.warmupSeconds);
  }
  const scoped = resetPeakMemory(target.pid);
  const collect: Collected = { latencies: new Float64Array(1 << 16), count: 0, bytes: 0, lastAt: 0 };
  const measured = mix.variant === undefined
    ? { ...base, duration: settings.seconds, requests: requestsFor(target, mix) }
    : { ...base, amount: mix.variant.count, requests: requestsFor(target, mix, mix.variant.at) };
  const cpuBefore = cpuSnapshot(target.pid);
  const { result, wallSeconds } = await cannon(measured, settings.seconds, collect);
  const cpuCores = cpuBetween(cpuBefore, cpuSnapshot(target.pid));
  const disturbed = cpuCores.other > DISTURBED_CORES;
  const memory = memoryOf(target.pid);
  const sorted = collect.latencies.slice(0, collect.count).sort();
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]));
  const responses = Object.values(statusCodes).reduce((sum, n) => sum + n, 0);
  const valid = result.non2xx === 0 && result.errors === 0 && result.timeouts === 0 && collect.count > 0;
  const problems = [
    result.non2xx > 0 ? `${result.non2xx} non-2xx (${Object.keys(statusCodes).filter((c) => !c.startsWith('2')).join(', ')})` : '',
    result.errors > 0 ? `${result.errors} errors` : '',
    result.timeouts > 0 ? `${result.timeouts} timeouts` : '',
    collect.count === 0 ? 'no 2xx response' : '',
  ].filter(Boolean);
  const familyNote = mix.variant === undefined ? '' : `${collect.count} distinct queries of ${mix.variant.count}`;
  const disturbance = disturbed ? `disturbed: other processes used ${cpuCores.other} cores` : '';
  const note = [...problems, familyNote, disturbance].filter(Boolean).join('; ');
  return {
    target: target.name,
    scenario,
    mix: mix.id,
    label: mix.label,
    connections: settings.connections,
    seconds: round(wallSeconds, 2),
    responses,
    reqPerSec: round(responses / wallSeconds, 1),
    p50Ms: round(percentile(sorted, 50)),
    p90Ms: round(percentile(sorted, 90)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(percentile(sorted, 100)),
    autocannon: { reqPerSecAvg: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99 },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    responseBytes: collect.count === 0 ? 0 : Math.round(collect.bytes / collect.count),
    peakRssMiB: memory === undefined ? null : round(memory.peakMiB, 1),
    peakRssScope: memory === undefined ? 'unknown' : scoped ? 'run' : 'process',
    cpuCores,
    disturbed,
    valid,
    ...(note === '' ? {} : { note }),
  };
}
