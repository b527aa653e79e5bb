/**
 * `npm run soak`: a soak test of one flowmock server (`default`, frozen clock) on loopback. autocannon drives
 * it as hard as it goes with a mix of the five APIs' operations (bench/mixes.ts), admin reads and two
 * requests meant to get a 4xx, first alone for a short baseline, then for SOAK_SECONDS together with slow
 * clients (bench/slow-clients.ts) that the server's timeouts must cut. Before all that, unmeasured: Multiplai's
 * response cache is filled (with the uncached family of bench/mixes.ts), then a short warm-up. Every second the server's VmRSS is
 * sampled and a worker thread asks GET /__mock/health on a new connection, which must answer within 1 s.
 * After the load, the soak waits (bounded) for the server to cut the last slow clients.
 *
 * Writes the `soak` entry of bench/results/latest.json and renders BENCHMARKS.md from it (bench/report.ts);
 * `npm run bench` keeps that entry. A soak shorter than 60 s is a trial: bench/results/soak-quick.json only.
 *
 * Environment: SOAK_SECONDS (load with slow clients, default 60), SOAK_BASELINE_SECONDS (load alone first,
 * default 10; 0: none), SOAK_WARMUP_SECONDS (load before the baseline, not measured, default 2; 0: none),
 * SOAK_FILL_CACHE=0 (no cache fill), SOAK_CONNECTIONS (autocannon, default 10), SOAK_SLOW_CLIENTS (default 50),
 * SOAK_REQUEST_TIMEOUT_MS / SOAK_HEADERS_TIMEOUT_MS / SOAK_KEEP_ALIVE_TIMEOUT_MS (given to `flowmock serve`
 * as --request-timeout / --headers-timeout / --keep-alive-timeout; default 8000 / 4000 / 2000).
 * Every process it starts is stopped on the way out, failure or not.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import autocannon, { type Instance, type RequestParams, type Result } from 'autocannon';
import { envNumber } from './load.ts';
import { allMixes, DEFAULT_MIXES, pick, subject, type Fixtures, type MixRequest } from './mixes.ts';
import { cpuBetween, cpuSnapshot, httpRequest, killAllNow, lifetimePeakMiB, memoryOf, stopAll, stopAllOnSignals } from './processes.ts';
import { loadAverage, machineOf, renderMarkdown, renderSoak, RESULTS_VERSION, type BenchResults, type SoakCheck, type SoakLoadFigures, type SoakProbe, type SoakRequestKind, type SoakResults, type SoakSample } from './report.ts';
import { SLOW_KINDS, SlowClients, type SlowKind } from './slow-clients.ts';
import { benchTempDir, codeFingerprint, REPO, snapshotCode, startFlowmock, type Flowmock } from './targets.ts';

const NOW = '2026-11-20T12:00:00Z';
const SCENARIO = 'default';
/** Node's http.Server default `connectionsCheckingInterval`: flowmock does not set it. */
const CONNECTIONS_CHECKING_INTERVAL_MS = 30_000;
/** What Node's http.Server adds to keepAliveTimeout (HTTP_SERVER_KEEP_ALIVE_TIMEOUT_BUFFER). */
const KEEP_ALIVE_BUFFER_MS = 1000;
/** How late a cut may come beyond what Node's timers allow (a loaded machine), ms. */
const CUT_SLACK_MS = 1000;
const PROBE_INTERVAL_MS = 1000;
const PROBE_LIMIT_MS = 1000;
const SLOPE_WINDOW_SECONDS = 30;
const FLAT_SLOPE_MIB_PER_MIN = 5;
const MIN_SHARE_OF_BASELINE = 0.8;
const TRICKLE_INTERVAL_MS = 500;
const MAX_SLOW_OPENED = 10_000;
/** Most time the cache fill may take, s. */
const FILL_LIMIT_SECONDS = 90;
/** autocannon's per-request timeout, s. */
const REQUEST_TIMEOUT_S = 10;
/** Below this, a soak is a trial and leaves latest.json and BENCHMARKS.md alone. */
const RECORDED_MIN_SECONDS = 60;

/** A whole number ≥ 0 from the environment. */
function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0, not "${raw}"`);
  return value;
}

const settings = {
  seconds: envNumber('SOAK_SECONDS', 60),
  warmupSeconds: envCount('SOAK_WARMUP_SECONDS', 2),
  fillCache: process.env.SOAK_FILL_CACHE !== '0',
  baselineSeconds: envCount('SOAK_BASELINE_SECONDS', 10),
  connections: Math.round(envNumber('SOAK_CONNECTIONS', 10)),
  slowClients: envCount('SOAK_SLOW_CLIENTS', 50),
  requestMs: Math.round(envNumber('SOAK_REQUEST_TIMEOUT_MS', 8000)),
  headersMs: Math.round(envNumber('SOAK_HEADERS_TIMEOUT_MS', 4000)),
  keepAliveMs: Math.round(envNumber('SOAK_KEEP_ALIVE_TIMEOUT_MS', 2000)),
};
const recorded = settings.seconds >= RECORDED_MIN_SECONDS;

function slowMix(total: number): Record<SlowKind, number> {
  const idle = Math.round(total * 0.3);
  const header = Math.round(total * 0.3);
  const body = Math.round(total * 0.2);
  return { 'idle': idle, 'header-trickle': header, 'body-trickle': body, 'keep-alive-idle': Math.max(0, total - idle - header - body) };
}

const log = (line: string) => process.stdout.write(`[soak] ${line}\n`);
const round = (value: number, digits = 3) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);

/** One request of the mix: a fixed one, or a family (Multiplai queries its cache has not answered yet). */
interface Kind {
  readonly id: string;
  readonly label: string;
  readonly request: MixRequest;
  /** Request i of the family is at(i % count), i counted over every phase: the first `count` are new queries. */
  readonly family?: { readonly count: number; at(index: number): MixRequest; sent: number };
  /** Size of its answer before the load, bytes. */
  bodyBytes: number;
  /** 2: must answer 2xx; 4: must answer 4xx (and keeps answering what it answered before the load). */
  readonly wants: 2 | 4;
  expectedStatus: number;
}

/** Latencies that grow as needed. */
class Samples {
  #values = new Float64Array(1 << 14);
  count = 0;

  add(value: number): void {
    if (this.count === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.count++] = value;
  }

  sorted(): Float64Array {
    return this.#values.slice(0, this.count).sort();
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** What one load phase got back. */
class Phase {
  readonly all = new Samples();
  readonly byKind = new Map<Kind, { latencies: Samples; unexpected: number }>();
  readonly statusCodes: Record<string, number> = {};
  expected4xx = 0;
  unexpected = 0;

  record(kind: Kind | undefined, status: number, ms: number): void {
    this.all.add(ms);
    this.statusCodes[status] = (this.statusCodes[status] ?? 0) + 1;
    if (kind === undefined) {
      this.unexpected++;
      return;
    }
    let entry = this.byKind.get(kind);
    if (entry === undefined) this.byKind.set(kind, (entry = { latencies: new Samples(), unexpected: 0 }));
    entry.latencies.add(ms);
    if (status !== kind.expectedStatus) {
      entry.unexpected++;
      this.unexpected++;
    } else if (kind.wants === 4) {
      this.expected4xx++;
    }
  }

  figures(result: Result, wallSeconds: number, cpuCores: SoakLoadFigures['cpuCores']): SoakLoadFigures {
    const sorted = this.all.sorted();
    const socketErrors = Math.max(0, result.errors - result.timeouts);
    return {
      seconds: round(wallSeconds, 2),
      responses: this.all.count,
      reqPerSec: round(this.all.count / wallSeconds, 1),
      p50Ms: round(percentile(sorted, 50)),
      p90Ms: round(percentile(sorted, 90)),
      p99Ms: round(percentile(sorted, 99)),
      maxMs: round(percentile(sorted, 100)),
      statusCodes: this.statusCodes,
      expected4xx: this.expected4xx,
      unexpectedStatus: this.unexpected,
      socketErrors,
      timeouts: result.timeouts,
      errors: this.unexpected + socketErrors + result.timeouts,
      cpuCores,
    };
  }
}

/** The kind whose answer autocannon is about to report: set by the request's onResponse, read by the 'response' event that follows it at once. */
let answered: Kind | undefined;
let phase: Phase | undefined;
/** Answers of any phase so far (for the per-second timeline). */
let answers = 0;

function toParams(kind: Kind): RequestParams {
  const params = (request: MixRequest): RequestParams => ({
    method: request.method,
    path: request.path,
    headers: { ...request.headers },
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  const onResponse = () => {
    answered = kind;
  };
  const { family } = kind;
  if (family === undefined) return { ...params(kind.request), onResponse };
  return {
    setupRequest: (request) => {
      const own = params(family.at(family.sent++ % family.count));
      return { ...request, ...own, headers: { ...request.headers, ...own.headers } };
    },
    onResponse,
  };
}

/** autocannon for `seconds`, stopped then whatever happens (and a failure if it does not stop). */
function cannon(origin: string, kinds: readonly Kind[], seconds: number, amount?: number): Promise<{ result: Result; wallSeconds: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let instance: Instance | undefined = undefined;
    const stopTimer = setTimeout(() => instance?.stop(), seconds * 1000 + 250);
    const hardTimer = setTimeout(() => {
      instance?.stop();
      reject(new Error(`autocannon did not finish within ${seconds + 30} s`));
    }, (seconds + 30) * 1000);
    instance = autocannon(
      {
        url: origin, connections: settings.connections, timeout: REQUEST_TIMEOUT_S, requests: kinds.map(toParams),
        ...(amount === undefined ? { duration: seconds } : { amount }),
      },
      (error, result) => {
        clearTimeout(stopTimer);
        clearTimeout(hardTimer);
        if (error) reject(error);
        else resolve({ result, wallSeconds: (performance.now() - started) / 1000 });
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      const kind = answered;
      answered = undefined;
      answers++;
      phase?.record(kind, status, ms);
    });
  });
}

/** The worker thread's code: GET `url` on a new connection every `intervalMs`; a probe is given up after `limitMs`. */
const PROBE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, intervalMs, limitMs } = workerData;
function probe() {
  const started = performance.now();
  const at = Date.now();
  let done = false;
  const finish = (status, error) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    parentPort.postMessage({ at, ms: performance.now() - started, status, error });
  };
  const req = http.get(url, { agent: false }, (res) => {
    res.resume();
    res.on('end', () => finish(res.statusCode, undefined));
    res.on('error', (e) => finish(res.statusCode, e.message));
  });
  const timer = setTimeout(() => req.destroy(new Error('no answer within ' + limitMs + ' ms')), limitMs);
  req.on('error', (e) => finish(null, e.message));
}
setInterval(probe, intervalMs);
probe();
`;

interface RawProbe {
  readonly at: number;
  readonly ms: number;
  readonly status: number | null;
  readonly error?: string;
}

function git(): { commit: string | null; dirty: boolean | null } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--', '.', ':!bench', ':!BENCHMARKS.md'], { cwd: REPO, encoding: 'utf8' });
    return { commit, dirty: status.trim() !== '' };
  } catch {
    return { commit: null, dirty: null };
  }
}

/** Least-squares slope of `points` (seconds, MiB), in MiB per minute; null with fewer than 5 points. */
function slopePerMinute(points: readonly (readonly [number, number])[]): number | null {
  if (points.length < 5) return null;
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? null : round((num / den) * 60, 2);
}

/** The mix: every `npm run bench` operation on `default`, admin reads, and two requests meant to get a 4xx. */
function kindsOf(fixtures: Fixtures): Kind[] {
  const { token } = subject(fixtures);
  const bearer = { authorization: `Bearer ${token}` };
  const kinds: Kind[] = pick(allMixes(fixtures), DEFAULT_MIXES).map((mix) => {
    const prefixed = (request: MixRequest): MixRequest => ({ ...request, path: `/${mix.api}${request.path}` });
    const variant = mix.variant;
    return {
      id: mix.id, label: mix.label, request: prefixed(mix.request), wants: 2, expectedStatus: 0, bodyBytes: 0,
      ...(variant === undefined ? {} : {
        // Multiplai's uncached family: more distinct queries than the 10,000 answers its cache keeps
        // (src/apis/multiplai/clock-cache.ts), cycled in order, so that once the cache is full every one is a
        // miss, computed, and the cache stays full.
        family: { count: variant.count, at: (i: number) => prefixed(variant.at(i)), sent: 0 },
      }),
    };
  });
  const admin = (id: string, path: string): Kind => ({ id, label: `admin read ${path}`, request: { method: 'GET', path, headers: {} }, wants: 2, expectedStatus: 0, bodyBytes: 0 });
  kinds.push(
    admin('admin-health', '/__mock/health'),
    admin('admin-clock', '/__mock/clock'),
    admin('admin-fixtures', '/__mock/fixtures'),
    admin('admin-requests', '/__mock/requests?limit=20'),
    admin('admin-faults', '/__mock/faults'),
  );
  const alloy = kinds.find((k) => k.id === 'alloy') as Kind;
  kinds.push(
    { id: 'bad-token', label: 'Alloy with a token no workspace has', request: { ...alloy.request, headers: { ...alloy.request.headers, authorization: 'Bearer fm_soak_no_such_token' } }, wants: 4, expectedStatus: 0, bodyBytes: 0 },
    { id: 'unknown-path', label: 'B3OS path no operation has', request: { method: 'GET', path: '/b3os/v1/no-such-operation', headers: bearer }, wants: 4, expectedStatus: 0, bodyBytes: 0 },
  );
  return kinds;
}

async function main(): Promise<number> {
  const began = performance.now();
  const date = new Date().toISOString();
  const loadAverageAtStart = loadAverage();
  const gitAtStart = git();
  const problems: string[] = [];
  const workDir = benchTempDir();
  removeOnExit = workDir;
  // The server runs a copy of the code taken now: the working tree may change while the soak runs.
  const servedCode = snapshotCode(workDir);
  const snapshot = codeFingerprint(servedCode);
  const serverArgs = ['--request-timeout', String(settings.requestMs), '--headers-timeout', String(settings.headersMs), '--keep-alive-timeout', String(settings.keepAliveMs)];
  const mix = slowMix(settings.slowClients);
  log(`code snapshot ${snapshot} (${gitAtStart.commit ?? 'no commit'}${gitAtStart.dirty ? ', uncommitted changes' : ''}); load average ${loadAverageAtStart.join(' / ')}`);
  log(`${settings.baselineSeconds} s baseline, then ${settings.seconds} s with ${settings.slowClients} slow clients; ${settings.connections} connections; server ${serverArgs.join(' ')}`);

  let flowmock: Flowmock | undefined;
  let worker: Worker | undefined;
  let sampler: NodeJS.Timeout | undefined;
  let slow: SlowClients | undefined;
  let soak: SoakResults | undefined;
  try {
    flowmock = await startFlowmock(servedCode, SCENARIO, NOW, 30_000, serverArgs);
    const { origin } = flowmock;
    const pid = flowmock.child.pid;
    log(`flowmock ${origin} (pid ${pid}), RSS ${flowmock.memoryAtStart?.rssMiB.toFixed(0) ?? '?'} MiB`);
    const fixturesAnswer = await httpRequest(`${origin}/__mock/fixtures`);
    if (fixturesAnswer.status !== 200) throw new Error(`GET /__mock/fixtures: ${fixturesAnswer.status}`);
    const fixtures = JSON.parse(fixturesAnswer.body.toString()) as Fixtures;

    // Each request once before the load: what it answers then is what it must keep answering.
    const kinds: Kind[] = [];
    for (const kind of kindsOf(fixtures)) {
      const { method, path, headers, body } = kind.request;
      const answer = await httpRequest(origin + path, { method, headers, ...(body === undefined ? {} : { body }) });
      if (Math.floor(answer.status / 100) !== kind.wants) {
        problems.push(`${kind.id}: answered ${answer.status} before the load (wanted ${kind.wants}xx): ${answer.body.toString().slice(0, 200)}; left out`);
        continue;
      }
      kind.expectedStatus = answer.status;
      kind.bodyBytes = answer.body.length;
      kinds.push(kind);
    }
    if (kinds.length === 0) throw new Error('no request answered as it should before the load');

    const multiplai = allMixes(fixtures).find((m) => m.id === 'multiplai');
    const body = multiplai?.request.body ?? '{}';
    slow = new SlowClients({
      host: '127.0.0.1', port: Number(new URL(origin).port), mix, trickleIntervalMs: TRICKLE_INTERVAL_MS, maxOpened: MAX_SLOW_OPENED,
      token: subject(fixtures).token, body, bodyBytes: Math.max(2000, Buffer.byteLength(body) + 1),
    });

    // Every second: VmRSS, answers, slow clients open, other processes' CPU; and a health probe from a worker thread.
    const loadStart = performance.now();
    const loadStartWall = Date.now();
    let current: SoakSample['phase'] = 'fill';
    let fill: { queries: number; of: number; seconds: number } | null = null;
    const samples: SoakSample[] = [];
    let lastCpu = cpuSnapshot(pid);
    let lastAnswers = 0;
    const takeSample = () => {
      const cpu = cpuSnapshot(pid);
      const rssMiB = memoryOf(pid)?.rssMiB;
      samples.push({
        t: round((performance.now() - loadStart) / 1000, 2),
        phase: current,
        rssMiB: rssMiB === undefined ? null : round(rssMiB, 1),
        responses: answers - lastAnswers,
        slowOpen: slow?.openCount ?? 0,
        otherCores: cpuBetween(lastCpu, cpu).other,
      });
      lastCpu = cpu;
      lastAnswers = answers;
    };
    sampler = setInterval(takeSample, 1000);
    const probes: RawProbe[] = [];
    worker = new Worker(PROBE_WORKER, { eval: true, workerData: { url: `${origin}/__mock/health`, intervalMs: PROBE_INTERVAL_MS, limitMs: PROBE_LIMIT_MS } });
    worker.on('message', (probe: RawProbe) => probes.push(probe));
    worker.on('error', (error) => problems.push(`health probe worker: ${error.message}`));

    const uncached = kinds.find((k) => k.family !== undefined);
    if (settings.fillCache && uncached?.family !== undefined) {
      // Steady state before measuring: Multiplai's cache full, every new query still computed.
      const { count } = uncached.family;
      log(`filling Multiplai's response cache: ${count} distinct queries (at most ${FILL_LIMIT_SECONDS} s)`);
      const started = performance.now();
      await cannon(origin, [uncached], FILL_LIMIT_SECONDS, count);
      fill = { queries: uncached.family.sent, of: count, seconds: round((performance.now() - started) / 1000, 1) };
      log(`filled: ${fill.queries} of ${count} queries in ${fill.seconds} s`);
      if (fill.queries < count) problems.push(`the cache fill sent ${fill.queries} of ${count} queries within ${FILL_LIMIT_SECONDS} s`);
    }
    let baseline: SoakLoadFigures | null = null;
    if (settings.warmupSeconds > 0) {
      current = 'warm-up';
      log(`warm-up: ${settings.warmupSeconds} s (not measured)`);
      await cannon(origin, kinds, settings.warmupSeconds);
    }
    if (settings.baselineSeconds > 0) {
      log(`baseline: ${settings.baselineSeconds} s, no slow clients`);
      current = 'baseline';
      phase = new Phase();
      const cpuBefore = cpuSnapshot(pid);
      const { result, wallSeconds } = await cannon(origin, kinds, settings.baselineSeconds);
      baseline = phase.figures(result, wallSeconds, cpuBetween(cpuBefore, cpuSnapshot(pid)));
      log(`baseline: ${baseline.reqPerSec.toFixed(0)} req/s, p50 ${baseline.p50Ms.toFixed(2)} ms, p99 ${baseline.p99Ms.toFixed(2)} ms, ${baseline.errors} errors`);
    }

    log(`soak: ${settings.seconds} s with ${settings.slowClients} slow clients (${SLOW_KINDS.map((k) => `${mix[k]} ${k}`).join(', ')})`);
    current = 'soak';
    const soakPhase = (phase = new Phase());
    const soakStartT = (performance.now() - loadStart) / 1000;
    const familySentAtSoakStart = new Map(kinds.map((k) => [k, k.family?.sent ?? 0]));
    const cpuBefore = cpuSnapshot(pid);
    slow.start();
    const { result, wallSeconds } = await cannon(origin, kinds, settings.seconds);
    const loadFigures = soakPhase.figures(result, wallSeconds, cpuBetween(cpuBefore, cpuSnapshot(pid)));
    phase = undefined;
    const loadEnd = performance.now();
    const soakEndT = (loadEnd - loadStart) / 1000;
    const endOfLoadMiB = memoryOf(pid)?.rssMiB ?? null;
    slow.stopReplacing();
    const stillOpenAtLoadEnd = slow.openCount;
    log(`soak: ${loadFigures.reqPerSec.toFixed(0)} req/s, p50 ${loadFigures.p50Ms.toFixed(2)} ms, p99 ${loadFigures.p99Ms.toFixed(2)} ms, ${loadFigures.errors} errors; ` +
      `${slow.openedCount} slow clients opened, ${stillOpenAtLoadEnd} open now`);

    // The server's own timers cut the last slow clients: wait for them, bounded.
    current = 'drain';
    const drainLimitMs = Math.max(settings.requestMs, settings.headersMs, settings.keepAliveMs) + CONNECTIONS_CHECKING_INTERVAL_MS + 5000;
    if (stillOpenAtLoadEnd > 0) log(`waiting up to ${(drainLimitMs / 1000).toFixed(0)} s for the server to cut the last ${stillOpenAtLoadEnd}`);
    await slow.waitAllClosed(loadEnd + drainLimitMs);
    const drainSeconds = (performance.now() - loadEnd) / 1000;
    slow.destroyAll();
    clearInterval(sampler);
    sampler = undefined;
    takeSample();
    await worker.terminate();
    worker = undefined;
    const afterDrainMiB = memoryOf(pid)?.rssMiB ?? null;
    const lifetimePeak = lifetimePeakMiB(pid) ?? null;
    await flowmock.child.stop();
    const output = flowmock.child.output();

    // Memory.
    const rss = samples.filter((x) => x.rssMiB !== null).map((x) => x.rssMiB as number);
    const lastSeconds = samples.filter((x) => x.phase === 'soak' && x.t >= soakEndT - SLOPE_WINDOW_SECONDS && x.t > soakStartT && x.rssMiB !== null);
    const slope = slopePerMinute(lastSeconds.map((x) => [x.t, x.rssMiB as number] as const));
    const trend = slope === null ? 'unknown' : slope > FLAT_SLOPE_MIB_PER_MIN ? 'rising' : slope < -FLAT_SLOPE_MIB_PER_MIN ? 'falling' : 'flat';

    // Health probes, each placed in the second it was sent.
    const soakProbes: SoakProbe[] = probes.map((p) => ({
      t: round((p.at - loadStartWall) / 1000, 2), ms: round(p.ms, 1), status: p.status, ...(p.error === undefined ? {} : { error: p.error }),
    }));
    const ok = (p: SoakProbe) => p.status === 200 && p.ms <= PROBE_LIMIT_MS;
    const timeline = samples.map((sample) => {
      const inSecond = soakProbes.filter((p) => p.t > sample.t - 1 && p.t <= sample.t);
      if (inSecond.length === 0) return sample;
      return { ...sample, healthMs: inSecond.every(ok) ? Math.max(...inSecond.map((p) => p.ms)) : null };
    });
    const probeMs = soakProbes.filter(ok).map((p) => p.ms).sort((a, b) => a - b);

    // Per request.
    const requestKinds: SoakRequestKind[] = kinds.map((kind) => {
      const entry = soakPhase.byKind.get(kind);
      const sorted = entry?.latencies.sorted() ?? new Float64Array(0);
      return {
        id: kind.id, label: kind.label, method: kind.request.method, path: kind.family === undefined ? kind.request.path : `${kind.request.path} (${kind.family.count} variants)`,
        expectedStatus: kind.expectedStatus, responses: sorted.length, unexpected: entry?.unexpected ?? 0,
        p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)),
      };
    });
    for (const k of requestKinds) if (k.responses === 0) problems.push(`${k.id}: no answer during the soak`);

    // What the server logged after its banner, at warn or above.
    const logLines = output.split('\n').filter((line) => line.startsWith('{'));
    const levelOf = (line: string) => Number(/"level":(\d+)/.exec(line)?.[1] ?? 0);
    const serverLog = {
      warnLines: logLines.filter((l) => levelOf(l) === 40).length,
      errorLines: logLines.filter((l) => levelOf(l) >= 50).length,
      sample: logLines.filter((l) => levelOf(l) >= 40).slice(0, 3),
    };
    if (output.length >= 64 * 1024) problems.push('the server printed more than 64 KiB: only the first 64 KiB were read for warnings and errors');

    const summary = slow.summary();
    const slowClients = { ...summary, stillOpenAtLoadEnd, drainSeconds: round(drainSeconds, 1), drainLimitSeconds: Math.round(drainLimitMs / 1000) };
    const timeoutOf: Record<SlowKind, number> = { 'idle': settings.headersMs, 'header-trickle': settings.headersMs, 'body-trickle': settings.requestMs, 'keep-alive-idle': settings.keepAliveMs };
    const lateBound = (kind: SlowKind) => timeoutOf[kind] + (kind === 'keep-alive-idle' ? KEEP_ALIVE_BUFFER_MS : CONNECTIONS_CHECKING_INTERVAL_MS) + CUT_SLACK_MS;
    const timely = SLOW_KINDS.every((kind) => {
      const { min, max } = summary.byKind[kind].cutAfterMs;
      return min === null || (min >= timeoutOf[kind] - 50 && (max as number) <= lateBound(kind));
    });
    const window = (kind: SlowKind) => `${timeoutOf[kind] / 1000}–${lateBound(kind) / 1000} s`;
    const share = baseline === null ? null : loadFigures.reqPerSec / baseline.reqPerSec;
    const checks: SoakCheck[] = [
      {
        name: 'errors: unexpected statuses, socket errors, timeouts',
        measured: `${loadFigures.errors + (baseline?.errors ?? 0)} (${loadFigures.unexpectedStatus + (baseline?.unexpectedStatus ?? 0)} / ${loadFigures.socketErrors + (baseline?.socketErrors ?? 0)} / ${loadFigures.timeouts + (baseline?.timeouts ?? 0)})`,
        goal: '0', verdict: loadFigures.errors + (baseline?.errors ?? 0) === 0 ? 'PASS' : 'FAIL',
      },
      {
        name: 'health probe every second answered 200 within 1 s',
        measured: `${soakProbes.filter(ok).length} of ${soakProbes.length} (slowest ${probeMs.length === 0 ? '–' : (probeMs[probeMs.length - 1] as number).toFixed(1)} ms)`,
        goal: 'all', verdict: soakProbes.length > 0 && soakProbes.every(ok) ? 'PASS' : 'FAIL',
      },
      {
        name: `RSS trend over the last ${SLOPE_WINDOW_SECONDS} s of the soak`,
        measured: `${slope === null ? '–' : slope.toFixed(2)} MiB/min (${trend})`, goal: `≤ ${FLAT_SLOPE_MIB_PER_MIN} MiB/min`,
        verdict: slope !== null && slope <= FLAT_SLOPE_MIB_PER_MIN ? 'PASS' : 'FAIL',
      },
      {
        name: 'slow clients cut by the server',
        measured: `${summary.cutByServer} of ${summary.opened}`, goal: 'all', verdict: summary.opened > 0 && summary.cutByServer === summary.opened ? 'PASS' : 'FAIL',
      },
      {
        name: 'slow clients still open at the end',
        measured: String(summary.stillOpen), goal: '0', verdict: summary.stillOpen === 0 ? 'PASS' : 'FAIL',
      },
      {
        name: 'each cut no sooner than its timeout, no later than Node\'s timers allow (+ 1 s)',
        measured: SLOW_KINDS.map((kind) => {
          const { min, max } = summary.byKind[kind].cutAfterMs;
          return `${kind} ${min === null ? '–' : (min / 1000).toFixed(1)}–${max === null ? '–' : (max / 1000).toFixed(1)} s`;
        }).join('; '),
        goal: `idle, header-trickle ${window('idle')}; body-trickle ${window('body-trickle')}; keep-alive-idle ${window('keep-alive-idle')}`,
        verdict: timely ? 'PASS' : 'FAIL',
      },
      ...(share === null ? [] : [{
        name: 'req/s with slow clients, share of the baseline\'s',
        measured: `${(share * 100).toFixed(0)}% (${loadFigures.reqPerSec.toFixed(0)} vs ${baseline?.reqPerSec.toFixed(0)}; p99 ${loadFigures.p99Ms.toFixed(2)} vs ${baseline?.p99Ms.toFixed(2)} ms)`,
        goal: `≥ ${MIN_SHARE_OF_BASELINE * 100}%`, verdict: share >= MIN_SHARE_OF_BASELINE ? 'PASS' as const : 'FAIL' as const,
      }]),
    ];
    // A family of new queries fills Multiplai's response cache (bounded; the frozen clock never ages its answers): growth that is no leak.
    const notes: string[] = [];
    for (const kind of kinds) {
      if (kind.family === undefined) continue;
      const { count, sent } = kind.family;
      const fresh = Math.min(sent, count) - Math.min(familySentAtSoakStart.get(kind) ?? 0, count);
      if (fresh <= 0) continue;
      const perMinute = (fresh * kind.bodyBytes) / 1024 ** 2 / (loadFigures.seconds / 60);
      notes.push(`${kind.id} sent ${fresh.toLocaleString('en-US')} queries new to Multiplai's response cache during the soak (${Math.min(sent, count).toLocaleString('en-US')} of its` +
        ` ${count.toLocaleString('en-US')} by the end${sent >= count ? '' : ': the cache was still filling'}): their answers, ${kind.bodyBytes.toLocaleString('en-US')} bytes each, are` +
        ` ≈ ${perMinute.toFixed(1)} MiB/min of bounded growth (the cache holds a fixed number of answers), part of the RSS slope that is no leak.`);
    }
    if (summary.examples.length > 0) problems.push(`slow clients not cut by the server, e.g.: ${summary.examples.join('; ')}`);
    if (codeFingerprint(servedCode) !== snapshot) problems.push('the code snapshot changed during the soak');

    soak = {
      version: 1,
      date,
      durationSeconds: Math.round((performance.now() - began) / 1000),
      machine: machineOf(loadAverageAtStart),
      git: { ...gitAtStart, snapshot },
      settings: {
        scenario: SCENARIO, now: NOW, seconds: settings.seconds, baselineSeconds: settings.baselineSeconds, connections: settings.connections, serverArgs,
        serverTimeouts: { requestMs: settings.requestMs, headersMs: settings.headersMs, keepAliveMs: settings.keepAliveMs },
        connectionsCheckingIntervalMs: CONNECTIONS_CHECKING_INTERVAL_MS, keepAliveBufferMs: KEEP_ALIVE_BUFFER_MS, warmupSeconds: settings.warmupSeconds, cacheFill: fill, slowClients: mix, trickleIntervalMs: TRICKLE_INTERVAL_MS,
        probeIntervalMs: PROBE_INTERVAL_MS, probeLimitMs: PROBE_LIMIT_MS, slopeWindowSeconds: SLOPE_WINDOW_SECONDS, flatSlopeMiBPerMin: FLAT_SLOPE_MIB_PER_MIN,
        minShareOfBaseline: MIN_SHARE_OF_BASELINE,
      },
      baseline,
      load: loadFigures,
      requestKinds,
      memory: {
        startMiB: flowmock.memoryAtStart === null ? null : round(flowmock.memoryAtStart.rssMiB, 1),
        maxMiB: rss.length === 0 ? null : Math.max(...rss),
        endOfLoadMiB: endOfLoadMiB === null ? null : round(endOfLoadMiB, 1),
        afterDrainMiB: afterDrainMiB === null ? null : round(afterDrainMiB, 1),
        lifetimePeakMiB: lifetimePeak === null ? null : round(lifetimePeak, 1),
        slopeMiBPerMin: slope,
        trend,
      },
      slowClients,
      responsiveness: {
        probes: soakProbes.length,
        withinLimit: soakProbes.filter(ok).length,
        p50Ms: probeMs.length === 0 ? null : (probeMs[Math.floor((probeMs.length - 1) / 2)] as number),
        slowestMs: probeMs.length === 0 ? null : (probeMs[probeMs.length - 1] as number),
        failures: soakProbes.filter((p) => !ok(p)).slice(0, 10),
      },
      serverLog,
      timeline,
      checks,
      notes,
      problems,
    };
  } catch (error) {
    log(`ABORTED: ${(error as Error).stack ?? String(error)}`);
    return 1;
  } finally {
    if (sampler !== undefined) clearInterval(sampler);
    slow?.destroyAll();
    await worker?.terminate();
    await stopAll();
    rmSync(workDir, { recursive: true, force: true });
  }

  if (soak === undefined) return 1;
  const markdown = renderSoak(soak).join('\n');
  const resultsDir = join(REPO, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const latest = join(resultsDir, 'latest.json');
  if (!recorded) {
    const file = join(resultsDir, 'soak-quick.json');
    writeFileSync(file, JSON.stringify(soak, null, 2) + '\n');
    log(`a trial (SOAK_SECONDS < ${RECORDED_MIN_SECONDS}): ${file} only`);
  } else {
    let results: BenchResults | undefined;
    try {
      results = JSON.parse(readFileSync(latest, 'utf8')) as BenchResults;
    } catch {
      results = undefined;
    }
    if (results === undefined) {
      const file = join(resultsDir, 'soak.json');
      writeFileSync(file, JSON.stringify(soak, null, 2) + '\n');
      log(`no readable ${latest} (run \`npm run bench\` first): results in ${file}`);
    } else if (results.version !== RESULTS_VERSION) {
      const file = join(resultsDir, 'soak.json');
      writeFileSync(file, JSON.stringify(soak, null, 2) + '\n');
      log(`${latest} is from an older benchmark (run \`npm run bench\` first): results in ${file}`);
    } else {
      const updated: BenchResults = { ...results, soak };
      writeFileSync(latest, JSON.stringify(updated, null, 2) + '\n');
      writeFileSync(join(REPO, 'BENCHMARKS.md'), renderMarkdown(updated));
      log(`results: the soak entry of ${latest}, and BENCHMARKS.md`);
    }
  }
  process.stdout.write(`\n${markdown}\n`);
  const failed = soak.checks.filter((c) => c.verdict === 'FAIL');
  if (failed.length > 0) log(`${failed.length} check(s) failed: ${failed.map((c) => c.name).join('; ')}`);
  return failed.length > 0 ? 1 : 0;
}

/** The soak's temporary directory (the code snapshot): removed on the way out, however it ends. */
let removeOnExit: string | undefined;
process.on('exit', () => {
  killAllNow();
  if (removeOnExit !== undefined) rmSync(removeOnExit, { recursive: true, force: true });
});
stopAllOnSignals(log, 'stopping the server');

process.exit(await main());
