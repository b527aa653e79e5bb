/**
 * `npm run bench`: flowmock against Prism static and a fixed-JSON Express 5 ceiling, on loopback, with
 * autocannon; then the `large` scenario (1,000,000 runs), a dataset-size sweep and start-up. Writes
 * bench/results/latest.json and BENCHMARKS.md (quick mode: bench/results/quick.json only), keeping the `soak`
 * entry `npm run soak` (bench/soak.ts) left in latest.json.
 *
 * Environment: BENCH_SECONDS (per run, default 10), BENCH_CONNECTIONS (default 10), BENCH_WARMUP
 * (seconds before each run, default 2), BENCH_QUICK=1 (2 s runs, no 1M-run scenario), BENCH_MIXES=alloy,b3os
 * (only these mixes on `default`, nothing else; results in quick.json: for iterating on one operation),
 * BENCH_AB=<git rev> (the A/B mode instead: that revision against the working tree, or BENCH_AB_NEW=<rev>;
 * see bench/ab.ts).
 * Every process it starts is stopped on the way out, failure or not.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { ApiName } from '../src/apis.ts';
import type { FixedRoute } from './fixed-json-server.ts';
import { envNumber, runLoad, type LoadSettings, type LoadTarget, type RunResult } from './load.ts';
import { allMixes, deepPage, DEFAULT_MIXES, LARGE_MIXES, pick, SCALING_MIXES, subject, type Fixtures, type Mix } from './mixes.ts';
import { httpRequest, killAllNow, lifetimePeakMiB, stopAll, stopAllOnSignals, type Child } from './processes.ts';
import { loadAverage, machineOf, renderMarkdown, SCALING_SIZES, soakOf, type BenchResults, type BodySize, type StartupSample } from './report.ts';
import { measurePackageStartup, type PackageStartup } from './package-startup.ts';
import { benchTempDir, codeFingerprint, PRISM_COMMAND, REPO, snapshotCode, startFixedJson, startFlowmock, startPrism, type Flowmock, type Prism } from './targets.ts';

const NOW = '2026-11-20T12:00:00Z';

if ((process.env.BENCH_AB ?? '') !== '') {
  // `BENCH_AB=<old rev> [BENCH_AB_NEW=<new rev>] npm run bench`: the A/B comparison of two builds instead (bench/ab.ts).
  const { runAb } = await import('./ab.ts');
  const newRev = process.env.BENCH_AB_NEW || undefined;
  process.exit(await runAb(process.env.BENCH_AB as string, newRev, `BENCH_AB=${process.env.BENCH_AB}${newRev === undefined ? '' : ` BENCH_AB_NEW=${newRev}`} npm run bench`));
}

const onlyMixes = process.env.BENCH_MIXES?.split(',').map((id) => id.trim()).filter((id) => id !== '');
const quick = process.env.BENCH_QUICK === '1' || onlyMixes !== undefined;
const settings: LoadSettings = {
  seconds: envNumber('BENCH_SECONDS', quick ? 2 : 10),
  connections: Math.round(envNumber('BENCH_CONNECTIONS', 10)),
  warmupSeconds: envNumber('BENCH_WARMUP', quick ? 0.5 : 2),
};

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
  try {
    const result = await runLoad(target, scenario, mix, settings);
    runs.push(result);
    log(`${scenario.padEnd(10)} ${mix.id.padEnd(18)} ${target.name.padEnd(10)} ${fmt(result.reqPerSec, 0).padStart(6)} req/s  p50 ${fmt(result.p50Ms)} ms  p99 ${fmt(result.p99Ms)} ms` +
      `  peak RSS ${result.peakRssMiB ?? '?'} MiB  cpu ${result.cpuCores.server}/${result.cpuCores.loadGenerator}/${result.cpuCores.other}` +
      `${result.valid ? '' : `  INVALID: ${result.note ?? ''}`}${result.disturbed ? '  (disturbed)' : ''}`);
  } catch (error) {
    problems.push(`${scenario} ${mix.id} on ${target.name}: ${(error as Error).message}`);
    log(`${scenario} ${mix.id} on ${target.name}: FAILED ${(error as Error).message}`);
  }
}

interface Started {
  readonly flowmock: Flowmock;
  readonly fixtures: Fixtures;
  readonly mixes: Mix[];
}

async function startScenario(name: string, scenarioArg: string, mixIds: readonly string[], timeoutMs: number): Promise<Started> {
  const flowmock = await startFlowmock(servedCode, scenarioArg, NOW, timeoutMs);
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

/** flowmock, Prism and the fixed-JSON ceiling on one scenario, every mix against each of them. */
async function compare(name: string, scenarioArg: string, mixIds: readonly string[], workDir: string, timeoutMs: number): Promise<void> {
  const { flowmock, mixes } = await startScenario(name, scenarioArg, mixIds, timeoutMs);
  const extra: Child[] = [];
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
    const prisms = new Map<ApiName, Prism>();
    const [fixed] = await Promise.all([
      startFixedJson(routes, workDir).then((f) => { extra.push(f.child); return f; }),
      ...apis.map((api) => startPrism(servedCode, api).then((p) => { extra.push(p.child); prisms.set(api, p); })),
    ]);
    for (const mix of answered) {
      const prism = prisms.get(mix.api) as Prism;
      const prismBody = await preflight(`prism ${name}`, prism.origin, '', mix);
      if (prismBody !== undefined) bodies.push({ scenario: name, mix: mix.id, target: 'prism', bytes: prismBody.length });
      const fixedBody = await preflight(`fixed-json ${name}`, fixed.origin, fixedPrefix(mix), mix);
      if (fixedBody !== undefined) bodies.push({ scenario: name, mix: mix.id, target: 'fixed-json', bytes: fixedBody.length });
    }
    for (const mix of answered) {
      const prism = prisms.get(mix.api) as Prism;
      await measure(name, mix, { name: 'flowmock', origin: flowmock.origin, prefix: `/${mix.api}`, pid: flowmock.child.pid });
      await measure(name, mix, { name: 'prism', origin: prism.origin, prefix: '', pid: prism.child.pid });
      await measure(name, mix, { name: 'fixed-json', origin: fixed.origin, prefix: fixedPrefix(mix), pid: fixed.child.pid });
    }
  } finally {
    await stopFlowmock(name, flowmock);
    await Promise.all(extra.map((child) => child.stop()));
  }
}

function fixedPrefix(mix: Mix): string {
  return `/${mix.id}/${mix.api}`;
}

/** flowmock alone on one scenario. */
async function flowmockOnly(name: string, scenarioArg: string, mixIds: readonly string[], timeoutMs: number): Promise<void> {
  const { flowmock, mixes } = await startScenario(name, scenarioArg, mixIds, timeoutMs);
  try {
    for (const mix of mixes) {
      const body = await preflight(`flowmock ${name}`, flowmock.origin, `/${mix.api}`, mix);
      if (body === undefined) continue;
      bodies.push({ scenario: name, mix: mix.id, target: 'flowmock', bytes: body.length });
      await measure(name, mix, { name: 'flowmock', origin: flowmock.origin, prefix: `/${mix.api}`, pid: flowmock.child.pid });
    }
  } finally {
    await stopFlowmock(name, flowmock);
  }
}

/** Start-up alone: spawn, first answer, stop. */
async function startOnly(name: string, scenarioArg: string, timeoutMs: number): Promise<void> {
  const { flowmock } = await startScenario(name, scenarioArg, [], timeoutMs);
  await flowmock.child.stop();
}

/** scenarios/large.yaml with every generated run count scaled so that the total is `runs`. */
function scaledLarge(runsWanted: number, name: string, workDir: string): string {
  const document = parseYaml(readFileSync(join(servedCode, 'scenarios/large.yaml'), 'utf8')) as { name: string; workspaces: { generate?: { runs?: number } }[] };
  const total = document.workspaces.reduce((sum, ws) => sum + (ws.generate?.runs ?? 0), 0);
  for (const ws of document.workspaces) {
    if (ws.generate?.runs !== undefined) ws.generate.runs = Math.round((ws.generate.runs * runsWanted) / total);
  }
  document.name = name;
  const file = join(workDir, `${name}.yaml`);
  writeFileSync(file, stringifyYaml(document));
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
  log(`${quick ? 'quick mode, ' : ''}${settings.seconds} s runs, ${settings.warmupSeconds} s warm-up, ${settings.connections} connections`);
  let failed = false;
  try {
    await compare('default', 'default', onlyMixes ?? DEFAULT_MIXES, workDir, 30_000);
    if (onlyMixes === undefined) for (let i = 0; i < 2; i++) await startOnly('default', 'default', 30_000);
    if (!quick) packageStartup = await measurePackageStartup({ log });
    if (!quick) await compare('large', 'large', LARGE_MIXES, workDir, 120_000);
    for (const size of onlyMixes === undefined ? SCALING_SIZES : []) {
      if (size.scenario === 'large') continue; // measured above (skipped in quick mode)
      await flowmockOnly(size.scenario, scaledLarge(size.runs, size.scenario, workDir), SCALING_MIXES, 120_000);
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
    version: 1,
    date,
    durationSeconds: Math.round((performance.now() - began) / 1000),
    machine: machineOf(loadAverageAtStart),
    git: { ...gitAtStart, snapshot, codeAtStart, codeAtEnd },
    settings: {
      quick,
      seconds: settings.seconds,
      warmupSeconds: settings.warmupSeconds,
      connections: settings.connections,
      now: NOW,
      prismCommand: PRISM_COMMAND,
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
