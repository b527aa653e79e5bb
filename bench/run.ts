/**
 * `npm run bench`: flowmock against its peers and two ceilings, on loopback, with wrk (bench/wrk.ts); then the
 * `large` (1,000,000 runs) and `huge` (5,000,000 runs, bench/scenarios/huge.yaml, then beside a `default`
 * server in rounds for its p50 target) scenarios, a dataset-size sweep and start-up. Writes
 * bench/results/latest.json and BENCHMARKS.md (quick mode: bench/results/quick.json only), keeping the `soak`
 * entry `npm run soak` (bench/soak.ts) left in latest.json.
 *
 * On `default`, every mix is sent to each server in turn, one under load at a time (bench/load.ts names them):
 * flowmock quiet (`--log-level warn`) and with its request log (`info`), Prism at `-v error` (its fastest) and
 * at its default logging, Mockoon CLI, Express 5 and raw `node:http` sending flowmock's bytes pre-serialised.
 * Servers' output goes to files, so that nothing but wrk and the server works during a run.
 *
 * Environment: BENCH_ROUNDS (rounds per server and mix on `default`, the servers taking turns, default 5; 1 in
 * quick mode), BENCH_SECONDS (per run, default 4 with rounds, else 10), BENCH_CONNECTIONS (default 10), BENCH_WARMUP
 * (seconds before each run, default 2; at most 0.5 in later rounds), BENCH_QUICK=1 (2 s runs, no 1M- or 5M-run scenario), BENCH_MIXES=alloy,b3os
 * (only these mixes on `default`, nothing else; results in quick.json: for iterating on one operation),
 * BENCH_SERVERS=flowmock,express (only these servers; quick mode too), BENCH_AB=<git rev> (the A/B mode instead:
 * that revision against the working tree, or BENCH_AB_NEW=<rev>; see bench/ab.ts).
 * wrk must be installed: without it the benchmark says how to install it and exits 2.
 * Every process it starts is stopped on the way out, failure or not.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { ApiName } from '../src/apis.ts';
import { METRICS_CACHE_TTL_MS } from '../src/apis/multiplai/metrics-view.ts';
import type { FixedRoute } from './fixed-routes.ts';
import { CEILING_NAMES, envNumber, FAMILY_RUN, ROUND_ORDER, roundOrder, runLoad, TARGET_NAMES, type LoadSettings, type LoadTarget, type RunResult, type TargetName } from './load.ts';
import { allMixes, deepPage, DEFAULT_MIXES, HUGE_MIXES, LARGE_MIXES, pick, SCALING_MIXES, subject, type Fixtures, type Mix } from './mixes.ts';
import { httpRequest, killAllNow, lifetimePeakMiB, stopAll, stopAllOnSignals, waitUntilIdle, type Child } from './processes.ts';
import { HUGE, HUGE_P50_MIXES, HUGE_PAIRED, loadAverage, machineOf, renderMarkdown, RESULTS_VERSION, SCALING_SIZES, soakOf, type BenchResults, type BodySize, type StartupSample } from './report.ts';
import { measurePackageStartup, type PackageStartup } from './package-startup.ts';
import {
  benchTempDir, CEILING_COMMAND, codeFingerprint, FLOWMOCK_QUIET, FLOWMOCK_REQUEST_LOG, MOCKOON_COMMAND, PRISM_COMMAND, REPO, snapshotCode,
  startCeiling, startFlowmock, startMockoon, startPrism, type Flowmock, type PrismLogging,
} from './targets.ts';
import { requireWrk, wrkCommandLine } from './wrk.ts';

const NOW = '2026-11-20T12:00:00Z';

if ((process.env.BENCH_AB ?? '') !== '') {
  // `BENCH_AB=<old rev> [BENCH_AB_NEW=<new rev>] npm run bench`: the A/B comparison of two builds instead (bench/ab.ts).
  const { runAb } = await import('./ab.ts');
  const newRev = process.env.BENCH_AB_NEW || undefined;
  process.exit(await runAb(process.env.BENCH_AB as string, newRev, `BENCH_AB=${process.env.BENCH_AB}${newRev === undefined ? '' : ` BENCH_AB_NEW=${newRev}`} npm run bench`));
}

const list = (name: string) => process.env[name]?.split(',').map((id) => id.trim()).filter((id) => id !== '');
const onlyMixes = list('BENCH_MIXES');
const onlyServers = list('BENCH_SERVERS');
for (const name of onlyServers ?? []) {
  if (!(TARGET_NAMES as readonly string[]).includes(name)) throw new Error(`BENCH_SERVERS: no server "${name}" (${TARGET_NAMES.join(', ')})`);
}
const servers = new Set<TargetName>((onlyServers as TargetName[] | undefined) ?? TARGET_NAMES);
const quick = process.env.BENCH_QUICK === '1' || onlyMixes !== undefined || onlyServers !== undefined;
const wrkVersion = requireWrk();
/**
 * On `default`, every server measured in rounds, the servers taking turns within each round, and the run of
 * median req/s kept: this machine's speed drifts by tens of percent over minutes, and one long run per
 * server, a minute apart, made the ratios between servers swing as much. Later rounds warm up briefly: the
 * server already ran the mix.
 */
const rounds = Math.max(1, Math.round(envNumber('BENCH_ROUNDS', quick ? 1 : 5)));
const settings: LoadSettings = {
  seconds: envNumber('BENCH_SECONDS', quick ? 2 : rounds > 1 ? 4 : 10),
  connections: Math.round(envNumber('BENCH_CONNECTIONS', 10)),
  warmupSeconds: envNumber('BENCH_WARMUP', quick ? 0.5 : 2),
};
const laterRounds: LoadSettings = { ...settings, warmupSeconds: Math.min(settings.warmupSeconds, 0.5) };

const runs: RunResult[] = [];
const startup: StartupSample[] = [];
const bodies: BodySize[] = [];
const problems: string[] = [];
const scenarios: Record<string, BenchResults['scenarios'][string]> = {};
const lifetimePeak: Record<string, number | null> = {};
let packageStartup: PackageStartup | undefined;

/** The directory the servers run from: a snapshot of the served code (set in main). */
let servedCode = REPO;

const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);
const fmt = (n: number, digits = 2) => n.toFixed(digits);

async function getJson<T>(url: string): Promise<T> {
  const answer = await httpRequest(url);
  if (answer.status !== 200) throw new Error(`GET ${url}: ${answer.status} ${answer.body.toString().slice(0, 300)}`);
  return JSON.parse(answer.body.toString()) as T;
}

/** Sends a mix's request once; the answer's body when 200, else a problem recorded and undefined. */
async function preflight(label: string, origin: string, prefix: string, mix: Mix): Promise<Buffer | undefined> {
  const { method, path, headers, body } = mix.request;
  try {
    const answer = await httpRequest(origin + prefix + path, { method, headers, ...(body === undefined ? {} : { body }) });
    if (answer.status === 200) return answer.body;
    problems.push(`${label} ${mix.id}: answered ${answer.status} ${answer.body.toString().slice(0, 200)} to ${method} ${prefix}${path}`);
  } catch (error) {
    problems.push(`${label} ${mix.id}: ${(error as Error).message}`);
  }
  return undefined;
}

async function measure(scenario: string, mix: Mix, target: LoadTarget): Promise<void> {
  const result = await measureOnce(scenario, mix, target, settings);
  if (result !== undefined) runs.push(result);
}

/** One run, logged; a failure recorded as a problem (undefined). */
async function measureOnce(scenario: string, mix: Mix, target: LoadTarget, runSettings: LoadSettings): Promise<RunResult | undefined> {
  try {
    const result = await runLoad(target, scenario, mix, runSettings);
    log(`${scenario.padEnd(10)} ${mix.id.padEnd(18)} ${target.name.padEnd(13)} ${fmt(result.reqPerSec, 0).padStart(6)} req/s  p50 ${fmt(result.p50Ms)} ms  p99 ${fmt(result.p99Ms)} ms` +
      `  peak RSS ${result.peakRssMiB ?? '?'} MiB  cpu ${result.cpuCores.server}/${result.cpuCores.loadGenerator}/${result.cpuCores.bench}/${result.cpuCores.other}` +
      `${result.valid ? '' : `  INVALID: ${result.note ?? ''}`}${result.disturbed ? '  (disturbed)' : ''}`);
    return result;
  } catch (error) {
    problems.push(`${scenario} ${mix.id} on ${target.name}: ${(error as Error).message}`);
    log(`${scenario} ${mix.id} on ${target.name}: FAILED ${(error as Error).message}`);
    return undefined;
  }
}

/** The run of median req/s among a server's rounds (valid ones first), its note saying what the rounds gave. */
function medianRound(results: readonly RunResult[]): RunResult {
  const valid = results.filter((result) => result.valid);
  const pool = [...(valid.length > 0 ? valid : results)].sort((a, b) => a.reqPerSec - b.reqPerSec);
  const chosen = pool[Math.floor((pool.length - 1) / 2)] as RunResult;
  if (results.length === 1) return chosen;
  const each = results.map((result) => fmt(result.reqPerSec, 0)).join(' / ');
  const note = `median of ${results.length} rounds, servers taking turns: ${each} req/s`;
  // Paired with other servers round by round (report.ts): only when no round is missing, else they would not line up.
  const paired = results.length === rounds ? { roundsReqPerSec: results.map((result) => result.reqPerSec) } : {};
  return { ...chosen, note: chosen.note === undefined ? note : `${chosen.note}; ${note}`, ...paired };
}

const FLOWMOCK_TARGETS: ReadonlySet<TargetName> = new Set(['flowmock', 'flowmock-info']);

/**
 * Before a later round of a family of new queries (Multiplai uncached): the server's response cache emptied,
 * by `POST /__mock/reset` (the scenario rebuilt, the clock back to its start-up setting, the cache empty).
 * Without it, the clock being frozen, every query of the family stays cached from the round before (and its
 * warm-up) and a later round measures cache hits.
 */
async function emptyResponseCache(origin: string): Promise<void> {
  await postAdmin(origin, '/__mock/reset', undefined, 60_000);
}

/** POST to flowmock's admin API, `body` as JSON; anything but a 200 is an error. */
async function postAdmin(origin: string, path: string, body?: unknown, timeoutMs?: number): Promise<void> {
  const answer = await httpRequest(`${origin}${path}`, {
    method: 'POST',
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  if (answer.status !== 200) throw new Error(`POST ${origin}${path} answered ${answer.status}: ${answer.body.toString().slice(0, 200)}`);
}

/** Where a flowmock answers a mix: below `/<api>`. */
function flowmockTarget(name: 'flowmock' | 'flowmock-info', server: { origin: string; child: { pid: number } }, mix: Mix): LoadTarget {
  return { name, origin: server.origin, prefix: `/${mix.api}`, pid: server.child.pid };
}

interface Started {
  readonly flowmock: Flowmock;
  readonly fixtures: Fixtures;
  readonly mixes: Mix[];
}

/** flowmock, quiet, on a scenario: its start-up recorded, its fixtures read. `extraArgs`: more `serve` options (`--max-runs`). */
async function startScenario(name: string, scenarioArg: string, mixIds: readonly string[], timeoutMs: number, workDir: string, extraArgs: readonly string[] = []): Promise<Started> {
  const flowmock = await startFlowmock(servedCode, scenarioArg, NOW, timeoutMs, [...FLOWMOCK_QUIET, ...extraArgs], join(workDir, `flowmock-${name}-${startup.length}.log`));
  const health = await getJson<{ counts: { runs: number } }>(`${flowmock.origin}/__mock/health`);
  startup.push({
    scenario: name, runs: health.counts.runs, timeToFirstAnswerMs: flowmock.timeToFirstAnswerMs, loadMs: flowmock.loadMs,
    rssMiB: flowmock.memoryAtStart?.rssMiB ?? null, peakMiB: flowmock.memoryAtStart?.peakMiB ?? null, otherCores: flowmock.otherCoresAtStart,
  });
  log(`${name}: ${health.counts.runs} runs, first answer ${flowmock.timeToFirstAnswerMs} ms after spawn (load ${flowmock.loadMs} ms), RSS ${fmt(flowmock.memoryAtStart?.rssMiB ?? Number.NaN, 0)} MiB`);
  const fixtures = await getJson<Fixtures>(`${flowmock.origin}/__mock/fixtures`);
  const { flow } = subject(fixtures);
  scenarios[name] = { runs: health.counts.runs, flow: flow.id, flowRuns: flow.runCount, deepPage: deepPage(flow) };
  return { flowmock, fixtures, mixes: pick(allMixes(fixtures), mixIds) };
}

async function stopFlowmock(name: string, flowmock: Flowmock): Promise<void> {
  lifetimePeak[name] = lifetimePeakMiB(flowmock.child.pid) ?? null;
  await flowmock.child.stop();
}

const PRISM_LOGGING: Readonly<Record<'prism' | 'prism-info', PrismLogging>> = { 'prism': 'error', 'prism-info': 'info' };

/**
 * Every server on one scenario, every mix against each of them in turn: flowmock quiet and with its request
 * log, Prism at both log levels, Mockoon, and the two ceilings answering the bytes flowmock answered.
 */
async function compare(name: string, scenarioArg: string, mixIds: readonly string[], workDir: string, timeoutMs: number): Promise<void> {
  const { flowmock, mixes } = await startScenario(name, scenarioArg, mixIds, timeoutMs, workDir);
  const extra: Child[] = [];
  const started = <T extends { child: Child }>(server: T): T => {
    extra.push(server.child);
    return server;
  };
  try {
    const answered: Mix[] = [];
    const routes: FixedRoute[] = [];
    for (const mix of mixes) {
      const body = await preflight(`flowmock ${name}`, flowmock.origin, `/${mix.api}`, mix);
      if (body === undefined) continue;
      answered.push(mix);
      bodies.push({ scenario: name, mix: mix.id, target: 'flowmock', bytes: body.length });
      routes.push({ path: fixedPrefix(mix) + new URL(mix.request.path, 'http://x').pathname, body: body.toString() });
    }
    const apis = [...new Set(answered.map((m) => m.api))];
    const logFile = (server: string) => join(workDir, `${server}-${name}.log`);
    // Where each server answers each mix: its origin, what goes before the mix's path (flowmock serves each API
    // below /<api>, Prism and Mockoon one spec at their root, a ceiling each mix below /<mix>/<api>), its pid.
    const targets = new Map<TargetName, (mix: Mix) => LoadTarget>();
    if (servers.has('flowmock')) targets.set('flowmock', (mix) => flowmockTarget('flowmock', flowmock, mix));
    await Promise.all([
      servers.has('flowmock-info') && startFlowmock(servedCode, scenarioArg, NOW, timeoutMs, FLOWMOCK_REQUEST_LOG, logFile('flowmock-info')).then(started).then((info) => {
        targets.set('flowmock-info', (mix) => flowmockTarget('flowmock-info', info, mix));
      }),
      ...(['prism', 'prism-info'] as const).filter((target) => servers.has(target)).map(async (target) => {
        const prisms = new Map<ApiName, { origin: string; pid: number }>();
        await Promise.all(apis.map((api) => startPrism(servedCode, api, PRISM_LOGGING[target], logFile(`${target}-${api}`)).then(started).then((p) => {
          prisms.set(api, { origin: p.origin, pid: p.child.pid });
        })));
        targets.set(target, (mix) => {
          const prism = prisms.get(mix.api) as { origin: string; pid: number };
          return { name: target, origin: prism.origin, prefix: '', pid: prism.pid };
        });
      }),
      servers.has('mockoon') && startMockoon(servedCode, apis, workDir, logFile('mockoon')).then(started).then((mockoon) => {
        targets.set('mockoon', (mix) => ({ name: 'mockoon', origin: mockoon.origins.get(mix.api) as string, prefix: '', pid: mockoon.child.pid }));
      }),
      ...CEILING_NAMES.filter((target) => servers.has(target)).map((target) => startCeiling(target, routes, workDir).then(started).then((ceiling) => {
        targets.set(target, (mix) => ({ name: target, origin: ceiling.origin, prefix: fixedPrefix(mix), pid: ceiling.child.pid }));
      })),
    ]);
    for (const mix of answered) {
      for (const targetName of TARGET_NAMES) {
        const target = targets.get(targetName)?.(mix);
        if (target === undefined || targetName === 'flowmock') continue;
        const body = await preflight(`${targetName} ${name}`, target.origin, target.prefix, mix);
        if (body !== undefined) bodies.push({ scenario: name, mix: mix.id, target: targetName, bytes: body.length });
      }
    }
    const settled = await waitUntilIdle([flowmock.child.pid, ...extra.map((child) => child.pid)]);
    log(`${name}: ${extra.length + 1} servers started, idle after ${settled} ms more`);
    for (const mix of answered) {
      const byServer = new Map<TargetName, RunResult[]>();
      for (let round = 0; round < rounds; round++) {
        for (const targetName of roundOrder(round)) {
          const target = targets.get(targetName)?.(mix);
          if (target === undefined) continue;
          if (round > 0 && mix.variant !== undefined && FLOWMOCK_TARGETS.has(targetName)) await emptyResponseCache(target.origin);
          const result = await measureOnce(name, mix, target, round === 0 ? settings : laterRounds);
          if (result !== undefined) byServer.set(targetName, [...(byServer.get(targetName) ?? []), result]);
        }
      }
      for (const results of byServer.values()) runs.push(medianRound(results));
    }
  } finally {
    await stopFlowmock(name, flowmock);
    await Promise.all(extra.map((child) => child.stop()));
  }
}

/** Where a ceiling answers a mix: below `/<mix>/<api>`, so that two mixes of one API get their own bytes. */
function fixedPrefix(mix: Mix): string {
  return `/${mix.id}/${mix.api}`;
}

/** flowmock alone, quiet, on one scenario; `then`, if given, runs before it stops. */
async function flowmockOnly(
  name: string, scenarioArg: string, mixIds: readonly string[], timeoutMs: number, workDir: string, extraArgs: readonly string[] = [],
  then?: (flowmock: Flowmock, mixes: readonly Mix[]) => Promise<void>,
): Promise<void> {
  const { flowmock, mixes } = await startScenario(name, scenarioArg, mixIds, timeoutMs, workDir, extraArgs);
  try {
    await waitUntilIdle([flowmock.child.pid]);
    for (const mix of mixes) {
      const body = await preflight(`flowmock ${name}`, flowmock.origin, `/${mix.api}`, mix);
      if (body === undefined) continue;
      bodies.push({ scenario: name, mix: mix.id, target: 'flowmock', bytes: body.length });
      await measure(name, mix, flowmockTarget('flowmock', flowmock, mix));
    }
    await then?.(flowmock, mixes);
  } finally {
    await stopFlowmock(name, flowmock);
  }
}

/**
 * `huge`'s p50 against `default`'s, measured as servers are compared (docs/performance.md#disturbance-and-noise):
 * a `default` flowmock started beside the `huge` one, both up at once, taking turns round by round (the order
 * reversed every other round), so that each ratio pairs two runs seconds apart. Comparing the one run on
 * `huge` with `default`'s median round, ten minutes earlier, carried the machine's drift in full (1.78× in one
 * benchmark, 0.92× in the next, same code). A family of new queries is kept new by moving both clocks past
 * the 300 s cache before each of its runs: a reset would rebuild 5,000,000 runs.
 */
async function hugeBesideDefault(huge: Flowmock, hugeMixes: readonly Mix[], workDir: string): Promise<void> {
  const beside = await startFlowmock(servedCode, 'default', NOW, 30_000, FLOWMOCK_QUIET, join(workDir, `flowmock-${HUGE_PAIRED.default}.log`));
  try {
    const defaultMixes = pick(allMixes(await getJson<Fixtures>(`${beside.origin}/__mock/fixtures`)), HUGE_P50_MIXES);
    await waitUntilIdle([huge.child.pid, beside.child.pid]);
    const sides = [
      { scenario: HUGE_PAIRED.default, server: beside, mixes: defaultMixes },
      { scenario: HUGE_PAIRED.huge, server: huge, mixes: hugeMixes },
    ];
    for (const mixId of HUGE_P50_MIXES) {
      for (let round = 0; round < HUGE_PAIRED.rounds; round++) {
        for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
          const mix = side.mixes.find((m) => m.id === mixId);
          if (mix === undefined) continue;
          if (mix.variant !== undefined) await postAdmin(side.server.origin, '/__mock/clock', { advanceMs: METRICS_CACHE_TTL_MS + 1000 });
          const result = await measureOnce(side.scenario, mix, flowmockTarget('flowmock', side.server, mix), round === 0 ? settings : laterRounds);
          if (result !== undefined) runs.push(result);
        }
      }
    }
  } finally {
    await beside.child.stop();
  }
}

/** Start-up alone: spawn, first answer, stop. */
async function startOnly(name: string, scenarioArg: string, timeoutMs: number, workDir: string): Promise<void> {
  const { flowmock } = await startScenario(name, scenarioArg, [], timeoutMs, workDir);
  await flowmock.child.stop();
}

interface ScenarioFile {
  name: string;
  description?: string;
  workspaces: { generate?: { runs?: number } }[];
}

/** scenarios/large.yaml with every generated run count scaled so that the total is `runs`, named `name`. */
function scaledLargeDocument(runsWanted: number, name: string): ScenarioFile {
  const document = parseYaml(readFileSync(join(servedCode, 'scenarios/large.yaml'), 'utf8')) as ScenarioFile;
  const total = document.workspaces.reduce((sum, ws) => sum + (ws.generate?.runs ?? 0), 0);
  for (const ws of document.workspaces) {
    if (ws.generate?.runs !== undefined) ws.generate.runs = Math.round((ws.generate.runs * runsWanted) / total);
  }
  document.name = name;
  return document;
}

/** The scaled copy of scenarios/large.yaml written to `workDir`: its path. */
function scaledLarge(runsWanted: number, name: string, workDir: string): string {
  const file = join(workDir, `${name}.yaml`);
  writeFileSync(file, stringifyYaml(scaledLargeDocument(runsWanted, name)));
  return file;
}

/** bench/scenarios/huge.yaml, after checking that it is still scenarios/large.yaml scaled (a problem recorded if not). */
function hugeScenario(): string {
  const file = join(REPO, HUGE.file);
  const { description: _kept, ...huge } = parseYaml(readFileSync(file, 'utf8')) as ScenarioFile;
  const { description: _scaled, ...scaled } = scaledLargeDocument(HUGE.runs, HUGE.scenario);
  if (!isDeepStrictEqual(huge, scaled)) problems.push(`${HUGE.file} is no longer scenarios/large.yaml scaled to ${HUGE.runs} runs: update it`);
  return file;
}

/** The commit, and whether the served code (anything but bench/ and BENCHMARKS.md) differs from it. */
function git(): Pick<BenchResults['git'], 'commit' | 'dirty'> {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--', '.', ':!bench', ':!BENCHMARKS.md'], { cwd: REPO, encoding: 'utf8' });
    return { commit, dirty: status.trim() !== '' };
  } catch {
    return { commit: null, dirty: null };
  }
}

/** How each server was started, as the report shows it. */
function serverCommands(): BenchResults['settings']['servers'] {
  const flowmock = `node bin/flowmock.js serve --scenario <scenario> --port PORT --now ${NOW}`;
  return {
    'flowmock': `${flowmock} ${FLOWMOCK_QUIET.join(' ')}`,
    'flowmock-info': `${flowmock} ${FLOWMOCK_REQUEST_LOG.join(' ')}`,
    'prism': PRISM_COMMAND(PRISM_LOGGING.prism),
    'prism-info': PRISM_COMMAND(PRISM_LOGGING['prism-info']),
    'mockoon': MOCKOON_COMMAND,
    ...Object.fromEntries(CEILING_NAMES.map((ceiling) => [ceiling, CEILING_COMMAND(ceiling)])),
  };
}

async function main(): Promise<number> {
  const began = performance.now();
  const date = new Date().toISOString();
  const loadAverageAtStart = loadAverage();
  const gitAtStart = git();
  // Every server runs the compiled package, as users do: built from the working tree first.
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: 'inherit' });
  const workDir = benchTempDir();
  // Every server runs a copy of the code taken now: the working tree may change while the benchmark runs.
  servedCode = snapshotCode(workDir);
  const snapshot = codeFingerprint(servedCode);
  const codeAtStart = codeFingerprint(REPO);
  log(`code snapshot ${snapshot} (${gitAtStart.commit ?? 'no commit'}${gitAtStart.dirty ? ', uncommitted changes' : ''}) in ${servedCode}`);
  log(`${quick ? 'quick mode, ' : ''}${settings.seconds} s runs, ${rounds} round(s) on default, ${settings.warmupSeconds} s warm-up, ${settings.connections} connections, ${wrkVersion}; servers: ${[...servers].join(', ')}`);
  let failed = false;
  try {
    await compare('default', 'default', onlyMixes ?? DEFAULT_MIXES, workDir, 30_000);
    const subset = onlyMixes !== undefined || onlyServers !== undefined;
    if (!subset) for (let i = 0; i < 2; i++) await startOnly('default', 'default', 30_000, workDir);
    if (!quick) packageStartup = await measurePackageStartup({ log });
    if (!quick) await flowmockOnly('large', 'large', LARGE_MIXES, 120_000, workDir);
    if (!quick) await flowmockOnly(HUGE.scenario, hugeScenario(), HUGE_MIXES, 300_000, workDir, ['--max-runs', String(HUGE.runs)], (huge, mixes) => hugeBesideDefault(huge, mixes, workDir));
    for (const size of subset ? [] : SCALING_SIZES) {
      if (size.scenario === 'large') continue; // measured above (skipped in quick mode)
      await flowmockOnly(size.scenario, scaledLarge(size.runs, size.scenario, workDir), SCALING_MIXES, 120_000, workDir);
    }
  } catch (error) {
    failed = true;
    problems.push(`benchmark aborted: ${(error as Error).stack ?? String(error)}`);
    log(`ABORTED: ${(error as Error).message}`);
  } finally {
    await stopAll();
  }
  const snapshotAtEnd = codeFingerprint(servedCode);
  rmSync(workDir, { recursive: true, force: true });
  if (snapshotAtEnd !== snapshot) problems.push(`the code snapshot changed during the benchmark (${snapshot} → ${snapshotAtEnd})`);
  const codeAtEnd = codeFingerprint(REPO);
  const resultsDir = join(REPO, 'bench/results');
  const resultsFile = join(resultsDir, quick ? 'quick.json' : 'latest.json');
  // The last `npm run soak` (bench/soak.ts) lives in latest.json too: read now, as the file is rewritten, and kept.
  const soak = quick ? undefined : soakOf(resultsFile);
  const results: BenchResults = {
    version: RESULTS_VERSION,
    date,
    durationSeconds: Math.round((performance.now() - began) / 1000),
    machine: machineOf(loadAverageAtStart),
    git: { ...gitAtStart, snapshot, codeAtStart, codeAtEnd },
    settings: {
      quick,
      seconds: settings.seconds,
      warmupSeconds: settings.warmupSeconds,
      rounds,
      roundOrder: ROUND_ORDER,
      familyRun: FAMILY_RUN,
      connections: settings.connections,
      now: NOW,
      generator: { name: 'wrk', version: wrkVersion, threads: 1, commandLine: wrkCommandLine(settings.connections, settings.seconds) },
      servers: serverCommands(),
      peakRss: 'VmHWM of the serving process (/proc/<pid>/status), reset before each run by writing 5 to /proc/<pid>/clear_refs, so it is the peak of that run',
    },
    scenarios,
    startup,
    lifetimePeakMiB: lifetimePeak,
    bodies,
    runs,
    problems,
    ...(soak === undefined ? {} : { soak }),
    ...(packageStartup === undefined ? {} : { packageStartup }),
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
  const markdown = renderMarkdown(results);
  if (!quick) writeFileSync(join(REPO, 'BENCHMARKS.md'), markdown);
  log(`results: ${resultsFile}${quick ? '' : ' and BENCHMARKS.md'}`);
  if (quick) process.stdout.write(`\n${markdown}\n`);
  if (problems.length > 0) log(`${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  return failed ? 1 : 0;
}

process.on('exit', killAllNow);
stopAllOnSignals(log, 'stopping every server');

process.exit(await main());
