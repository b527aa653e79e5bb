/**
 * The results file (bench/results/latest.json) and BENCHMARKS.md, rendered from it alone: the targets
 * of the benchmark issue are evaluated here, so the report can be regenerated from a results file
 * (`npx tsx bench/report.ts [results.json]`).
 */
import type { PackageStartup } from './package-startup.ts';
import os from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CEILING_NAMES, DISTURBED_CORES, TARGET_NAMES, type RunResult, type TargetName } from './load.ts';
import { EXTRA_MIXES, MULTIPLAI_FAMILY_SIZE, OPERATION_MIXES } from './mixes.ts';
import { SLOW_KINDS, type SlowKind, type SlowSummary } from './slow-clients.ts';

export interface StartupSample {
  readonly scenario: string;
  readonly runs: number;
  /** Spawn to the first 200 of /__mock/health. */
  readonly timeToFirstAnswerMs: number;
  readonly loadMs: number | null;
  /** Right after the first answer. */
  readonly rssMiB: number | null;
  /** VmHWM right after the first answer: the peak of loading. */
  readonly peakMiB: number | null;
  /** Cores other processes used meanwhile (the time is disturbed above ~0.25). */
  readonly otherCores: number;
}

export interface BodySize {
  readonly scenario: string;
  readonly mix: string;
  readonly target: TargetName;
  readonly bytes: number;
}

/** The machine a run was measured on, and how busy it was. */
export interface Machine {
  readonly cpuModel: string;
  readonly cores: number;
  readonly totalMemoryGiB: number;
  readonly node: string;
  readonly os: string;
  readonly loadAverageAtStart: readonly number[];
  readonly loadAverageAtEnd: readonly number[];
}

/** The load average now, as a run records it. */
export function loadAverage(): number[] {
  return os.loadavg().map((v) => Number(v.toFixed(2)));
}

/** This machine, with the load average a run started at (the end's is taken now). */
export function machineOf(loadAverageAtStart: readonly number[]): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    totalMemoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart,
    loadAverageAtEnd: loadAverage(),
  };
}

/** A Markdown table writer over `out`: the first column left-aligned, the rest right-aligned (numbers). */
export function markdownTable(out: (line?: string) => void) {
  return (header: readonly string[], rows: readonly (readonly string[])[]): void => {
    out(`| ${header.join(' | ')} |`);
    out(`|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
    for (const row of rows) out(`| ${row.join(' | ')} |`);
    out();
  };
}

/** 2: wrk, seven servers, the `huge` scenario (1: autocannon, flowmock, Prism and an Express ceiling): a report renders only its own version. */
export const RESULTS_VERSION = 2;

export interface BenchResults {
  readonly version: typeof RESULTS_VERSION;
  readonly date: string;
  readonly durationSeconds: number;
  readonly machine: Machine;
  readonly git: {
    readonly commit: string | null;
    /** Served code differs from the commit (bench/ and BENCHMARKS.md aside). */
    readonly dirty: boolean | null;
    /** Hash of the served code (src/, bin/, specs/, scenarios/, package.json, tsconfig.json) every server ran: a copy taken at the start. */
    readonly snapshot: string;
    /** The same hash of the working tree at the start and at the end (it may change while the benchmark runs). */
    readonly codeAtStart: string;
    readonly codeAtEnd: string;
  };
  readonly settings: {
    readonly quick: boolean;
    readonly seconds: number;
    readonly warmupSeconds: number;
    /** Rounds per server and mix on default, the servers taking turns (absent in older results: one). */
    readonly rounds?: number;
    /** The order of the turns (load.ts, roundOrder); absent in older results: every server in TARGET_NAMES order. */
    readonly roundOrder?: string;
    /** How a family of new queries is sent (load.ts, FAMILY_RUN); absent in older results: each once, the run ending when they are used up. */
    readonly familyRun?: string;
    readonly connections: number;
    readonly now: string;
    /** The load generator, as it was run. */
    readonly generator: { readonly name: 'wrk'; readonly version: string; readonly threads: number; readonly commandLine: string };
    /** How each server was started. */
    readonly servers: Readonly<Partial<Record<TargetName, string>>>;
    readonly peakRss: string;
  };
  readonly scenarios: Readonly<Record<string, { readonly runs: number; readonly flow: string; readonly flowRuns: number; readonly deepPage: number }>>;
  readonly startup: readonly StartupSample[];
  /** The installed package's start-up (bench/package-startup.ts); absent in quick mode. */
  readonly packageStartup?: PackageStartup;
  /** Peak RSS (VmHWM) of each flowmock process over its whole life, MiB. */
  readonly lifetimePeakMiB: Readonly<Record<string, number | null>>;
  readonly bodies: readonly BodySize[];
  readonly runs: readonly RunResult[];
  readonly problems: readonly string[];
  /** The last `npm run soak` (bench/soak.ts), carried over by `npm run bench`. */
  readonly soak?: SoakResults;
}

/** One load phase of the soak: autocannon's answers, their latency, what went wrong. */
export interface SoakLoadFigures {
  /** Wall time of the phase, s. */
  readonly seconds: number;
  readonly responses: number;
  readonly reqPerSec: number;
  /** Latency of every answer (any status), ms. */
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  /** 4xx answers to the requests meant to get one (a wrong token, an unknown path). */
  readonly expected4xx: number;
  /** Answers whose status was not the one their request gets (a 5xx; a 4xx to a good request; a 2xx to a bad one). */
  readonly unexpectedStatus: number;
  /** autocannon's connection errors (resets, refused), timeouts aside. */
  readonly socketErrors: number;
  /** Requests unanswered within autocannon's timeout. */
  readonly timeouts: number;
  /** unexpectedStatus + socketErrors + timeouts. */
  readonly errors: number;
  /** CPU over the phase, cores: the server, the soak process (autocannon, slow clients, probes), everything else. */
  readonly cpuCores: { readonly server: number; readonly loadGenerator: number; readonly other: number };
}

/** One request of the soak's mix, as measured during the soak phase. */
export interface SoakRequestKind {
  readonly id: string;
  readonly label: string;
  readonly method: string;
  readonly path: string;
  /** What the request answered before the load (2xx, or 4xx for the requests meant to fail), and must keep answering. */
  readonly expectedStatus: number;
  readonly responses: number;
  readonly unexpected: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** One second of the soak. */
export interface SoakSample {
  /** Seconds since the load began (the cache fill's start). */
  readonly t: number;
  readonly phase: 'fill' | 'warm-up' | 'baseline' | 'soak' | 'drain';
  /** VmRSS of the server, MiB. */
  readonly rssMiB: number | null;
  /** Answers autocannon got in this second. */
  readonly responses: number;
  readonly slowOpen: number;
  /** The slowest health probe sent in this second, ms; null when one got no 200 within the limit. */
  readonly healthMs?: number | null;
  /** Cores other processes used in this second. */
  readonly otherCores: number;
}

export interface SoakProbe {
  readonly t: number;
  readonly ms: number;
  readonly status: number | null;
  readonly error?: string;
}

export interface SoakCheck {
  readonly name: string;
  readonly measured: string;
  readonly goal: string;
  readonly verdict: 'PASS' | 'FAIL';
}

export interface SoakResults {
  readonly version: 1;
  readonly date: string;
  /** The whole soak: server start to server stop, s. */
  readonly durationSeconds: number;
  readonly machine: Machine;
  readonly git: { readonly commit: string | null; readonly dirty: boolean | null; readonly snapshot: string };
  readonly settings: {
    readonly scenario: string;
    readonly now: string;
    /** Load with slow clients, s (SOAK_SECONDS). */
    readonly seconds: number;
    /** Load without slow clients first, s (SOAK_BASELINE_SECONDS; 0: none). */
    readonly baselineSeconds: number;
    readonly connections: number;
    /** The options given to `flowmock serve` besides scenario, port and clock. */
    readonly serverArgs: readonly string[];
    readonly serverTimeouts: { readonly requestMs: number; readonly headersMs: number; readonly keepAliveMs: number };
    /** How often Node's HTTP server looks for requests past requestTimeout or headersTimeout (its default; flowmock does not set it). */
    readonly connectionsCheckingIntervalMs: number;
    /** What Node's HTTP server adds to keepAliveTimeout. */
    readonly keepAliveBufferMs: number;
    /** Load before the baseline, not measured, s. */
    readonly warmupSeconds: number;
    /** Before everything: Multiplai's uncached family sent once, to fill its response cache (null: not done). */
    readonly cacheFill?: { readonly queries: number; readonly of: number; readonly seconds: number } | null;
    readonly slowClients: Readonly<Record<SlowKind, number>>;
    readonly trickleIntervalMs: number;
    readonly probeIntervalMs: number;
    readonly probeLimitMs: number;
    readonly slopeWindowSeconds: number;
    /** An RSS slope at most this (MiB/min) is flat. */
    readonly flatSlopeMiBPerMin: number;
    /** With slow clients, req/s must stay at least this share of the baseline's. */
    readonly minShareOfBaseline: number;
  };
  readonly baseline: SoakLoadFigures | null;
  readonly load: SoakLoadFigures;
  readonly requestKinds: readonly SoakRequestKind[];
  readonly memory: {
    /** VmRSS right after the first answer, before any load, MiB. */
    readonly startMiB: number | null;
    readonly maxMiB: number | null;
    readonly endOfLoadMiB: number | null;
    readonly afterDrainMiB: number | null;
    /** VmHWM over the server's life, MiB. */
    readonly lifetimePeakMiB: number | null;
    /** Least-squares slope of VmRSS over the last `slopeWindowSeconds` of the soak phase, MiB/min. */
    readonly slopeMiBPerMin: number | null;
    readonly trend: 'flat' | 'rising' | 'falling' | 'unknown';
  };
  readonly slowClients: SlowSummary & {
    /** Open when the load stopped (then waited for, up to `drainLimitSeconds`). */
    readonly stillOpenAtLoadEnd: number;
    readonly drainSeconds: number;
    readonly drainLimitSeconds: number;
  };
  readonly responsiveness: {
    readonly probes: number;
    /** Answered 200 within probeLimitMs. */
    readonly withinLimit: number;
    readonly p50Ms: number | null;
    readonly slowestMs: number | null;
    /** The first 10 that did not. */
    readonly failures: readonly SoakProbe[];
  };
  /** Lines flowmock printed after its banner at level warn or above (pino JSON), and the first few. */
  readonly serverLog: { readonly warnLines: number; readonly errorLines: number; readonly sample: readonly string[] };
  readonly timeline: readonly SoakSample[];
  readonly checks: readonly SoakCheck[];
  /** What helps read the figures (e.g. a cache still filling). */
  readonly notes?: readonly string[];
  readonly problems: readonly string[];
}

/** The `soak` entry of a results file, if it has one (a missing or unreadable file: none). */
export function soakOf(file: string): SoakResults | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { soak?: SoakResults }).soak;
  } catch {
    return undefined;
  }
}

export type Verdict = 'PASS' | 'FAIL' | 'INVALID' | 'MISSING';

export interface TargetCheck {
  readonly section: 'default' | 'large' | 'huge' | 'startup';
  readonly name: string;
  readonly measured: string;
  readonly target: string;
  readonly verdict: Verdict;
}

export const TARGETS = {
  /** On `default`, each operation's req/s against Prism's fastest configuration (`-v error`), in the same run. */
  prismRatio: 1.5,
  /** …and against Express 5 sending the same bytes pre-serialised. */
  expressShare: 0.6,
  defaultFirstAnswerMs: 1000,
  versionMs: 150,
  serveFirstAnswerMs: 450,
  npmStartFirstAnswerMs: 700,
  /** `large` (1,000,000 runs): spawn to first answer, VmRSS then, and VmHWM over its runs. */
  largeLoadMs: 3000,
  largeRssAfterLoadMiB: 250,
  largePeakUnderLoadMiB: 400,
  /** `huge` (5,000,000 runs): spawn to first answer, resident memory, p50 against `default`. */
  hugeLoadMs: 15_000,
  hugeRssMiB: 1200,
  hugeP50Ratio: 1.5,
} as const;

/** The queries whose p50 on `huge` must stay within TARGETS.hugeP50Ratio of `default`. */
export const HUGE_P50_MIXES = ['b3os', 'multiplai-uncached'] as const;

/**
 * The runs that judge huge's p50: `default` and `huge` served at once, taking turns for `rounds` rounds
 * (bench/run.ts, hugeBesideDefault); their scenario names in the results.
 */
export const HUGE_PAIRED = { default: 'default beside huge', huge: 'huge beside default', rounds: 3 } as const;

/** The 5,000,000-run scenario: a copy of scenarios/large.yaml kept under bench/, not shipped. */
export const HUGE = { scenario: 'huge', runs: 5_000_000, file: 'bench/scenarios/huge.yaml', label: '5M' } as const;

export const SCALING_SIZES = [
  { scenario: 'large-10k', runs: 10_000, label: '10k' },
  { scenario: 'large-100k', runs: 100_000, label: '100k' },
  { scenario: 'large', runs: 1_000_000, label: '1M' },
] as const;

/** How each server is named in the report. */
export const SERVER_LABELS: Readonly<Record<TargetName, string>> = {
  'flowmock': 'flowmock',
  'flowmock-info': 'flowmock, request log',
  'prism': 'Prism -v error',
  'prism-info': 'Prism, default log',
  'mockoon': 'Mockoon',
  'express': 'Express, bytes',
  'express-deferred': 'Express, bytes, check phase',
  'node-http': 'node:http, bytes',
};

export function findRun(results: BenchResults, target: TargetName, scenario: string, mix: string): RunResult | undefined {
  return results.runs.find((r) => r.target === target && r.scenario === scenario && r.mix === mix);
}

function verdict(runs: readonly (RunResult | undefined)[], pass: () => boolean): Verdict {
  if (runs.some((r) => r === undefined)) return 'MISSING';
  if (runs.some((r) => !r?.valid)) return 'INVALID';
  return pass() ? 'PASS' : 'FAIL';
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : (sorted[Math.floor((sorted.length - 1) / 2)] as number);
};

/** The largest VmHWM of the runs on a scenario: its peak under load (per run when it could be reset). */
function peakUnderLoad(results: BenchResults, scenario: string): number | null {
  // `huge`'s paired rounds (HUGE_PAIRED) ran on the same process.
  const scenarios = scenario === HUGE.scenario ? [scenario, HUGE_PAIRED.huge] : [scenario];
  const peaks = results.runs.filter((r) => scenarios.includes(r.scenario) && r.target === 'flowmock').map((r) => r.peakRssMiB).filter((v): v is number => v !== null);
  return peaks.length === 0 ? null : Math.max(...peaks);
}

/** The paired rounds of `mix` on `default` and `huge` (HUGE_PAIRED), in round order: [default's run, huge's run]. */
function pairedP50(results: BenchResults, mix: string): [RunResult, RunResult][] {
  const side = (scenario: string) => results.runs.filter((r) => r.target === 'flowmock' && r.scenario === scenario && r.mix === mix);
  const small = side(HUGE_PAIRED.default);
  const big = side(HUGE_PAIRED.huge);
  return small.slice(0, big.length).map((run, i) => [run, big[i] as RunResult]);
}

/** Time to first answer and memory after loading of a scenario's first start. */
function startOf(results: BenchResults, scenario: string): StartupSample | undefined {
  return results.startup.find((s) => s.scenario === scenario);
}

/**
 * The req/s of run `a` over that of run `b`, in the same benchmark. Measured in rounds (the servers taking
 * turns, seconds apart), it is the median of the rounds' ratios: two servers measured in the same round share
 * the machine's state of that moment, which drifts by tens of percent over minutes, while the medians of each
 * server's rounds taken apart may come from different moments. Without rounds, the ratio of the two runs.
 */
export function reqPerSecRatio(a: RunResult | undefined, b: RunResult | undefined): number {
  if (a === undefined || b === undefined) return Number.NaN;
  const paired = roundRatiosOf(a, b);
  return paired === undefined ? a.reqPerSec / b.reqPerSec : median(paired);
}

/** The ratio of each round, in round order, when both runs were measured in the same rounds. */
function roundRatiosOf(a: RunResult | undefined, b: RunResult | undefined): number[] | undefined {
  const ra = a?.roundsReqPerSec;
  const rb = b?.roundsReqPerSec;
  if (ra === undefined || rb === undefined || ra.length !== rb.length || ra.length < 2) return undefined;
  return ra.map((x, i) => x / (rb[i] as number));
}

export function evaluate(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const op of OPERATION_MIXES) {
    const fm = findRun(results, 'flowmock', 'default', op);
    const pr = findRun(results, 'prism', 'default', op);
    const ex = findRun(results, 'express', 'default', op);
    const vsPrism = reqPerSecRatio(fm, pr);
    const vsExpress = reqPerSecRatio(fm, ex);
    checks.push({ section: 'default', name: `${op}: req/s vs Prism -v error`, measured: `${fmt(vsPrism, 2)}×`, target: `≥ ${TARGETS.prismRatio}×`, verdict: verdict([fm, pr], () => vsPrism >= TARGETS.prismRatio) });
    checks.push({ section: 'default', name: `${op}: req/s vs Express sending the same bytes`, measured: pct(vsExpress), target: `≥ ${TARGETS.expressShare * 100}%`, verdict: verdict([fm, ex], () => vsExpress >= TARGETS.expressShare) });
  }
  if (!results.settings.quick) {
    const below = (value: number | null | undefined, limit: number): Verdict => (value === null || value === undefined ? 'MISSING' : value < limit ? 'PASS' : 'FAIL');
    const large = startOf(results, 'large');
    const largePeak = peakUnderLoad(results, 'large');
    checks.push({ section: 'large', name: 'large: loads (spawn to first answer)', measured: `${fmt(large?.timeToFirstAnswerMs, 0)} ms`, target: `< ${fmt(TARGETS.largeLoadMs, 0)} ms`, verdict: below(large?.timeToFirstAnswerMs, TARGETS.largeLoadMs) });
    checks.push({ section: 'large', name: 'large: resident after load (VmRSS at first answer)', measured: `${fmt(large?.rssMiB, 0)} MiB`, target: `< ${TARGETS.largeRssAfterLoadMiB} MiB`, verdict: below(large?.rssMiB, TARGETS.largeRssAfterLoadMiB) });
    checks.push({ section: 'large', name: 'large: peak resident under load (VmHWM, largest of its runs)', measured: `${fmt(largePeak, 0)} MiB`, target: `< ${TARGETS.largePeakUnderLoadMiB} MiB`, verdict: below(largePeak, TARGETS.largePeakUnderLoadMiB) });
    const huge = startOf(results, HUGE.scenario);
    const hugeResident = huge?.rssMiB === null || huge?.rssMiB === undefined ? null : Math.max(huge.rssMiB, peakUnderLoad(results, HUGE.scenario) ?? 0);
    checks.push({ section: 'huge', name: 'huge: loads (spawn to first answer)', measured: `${fmt(huge?.timeToFirstAnswerMs, 0)} ms`, target: `< ${fmt(TARGETS.hugeLoadMs, 0)} ms`, verdict: below(huge?.timeToFirstAnswerMs, TARGETS.hugeLoadMs) });
    checks.push({ section: 'huge', name: 'huge: resident (after load, and at its peak under load)', measured: `${fmt(hugeResident, 0)} MiB`, target: `< ${fmt(TARGETS.hugeRssMiB, 0)} MiB`, verdict: below(hugeResident, TARGETS.hugeRssMiB) });
    for (const mix of HUGE_P50_MIXES) {
      const pairs = pairedP50(results, mix);
      if (pairs.length > 0) {
        const ratios = pairs.map(([small, big]) => big.p50Ms / small.p50Ms);
        const ratio = median(ratios);
        const each = pairs.map(([small, big]) => `${fmt(big.p50Ms / small.p50Ms, 2)}× (${fmt(big.p50Ms, 2)} vs ${fmt(small.p50Ms, 2)} ms)`).join(' / ');
        checks.push({ section: 'huge', name: `${mix}: p50 on huge vs default`, measured: `${fmt(ratio, 2)}×, median of ${pairs.length} rounds with both up at once: ${each}`, target: `≤ ${TARGETS.hugeP50Ratio}×`, verdict: verdict(pairs.flat(), () => ratio <= TARGETS.hugeP50Ratio) });
        continue;
      }
      // Results from before the paired rounds: huge's one run against default's median round.
      const small = findRun(results, 'flowmock', 'default', mix);
      const big = findRun(results, 'flowmock', HUGE.scenario, mix);
      const ratio = small && big ? big.p50Ms / small.p50Ms : Number.NaN;
      checks.push({ section: 'huge', name: `${mix}: p50 on huge vs default`, measured: `${fmt(ratio, 2)}× (${fmt(big?.p50Ms, 2)} vs ${fmt(small?.p50Ms, 2)} ms)`, target: `≤ ${TARGETS.hugeP50Ratio}×`, verdict: verdict([small, big], () => ratio <= TARGETS.hugeP50Ratio) });
    }
  }
  const defaults = results.startup.filter((s) => s.scenario === 'default');
  const first = median(defaults.map((s) => s.timeToFirstAnswerMs));
  checks.push({
    section: 'startup', name: `default: time to first answer (median of ${defaults.length})`, measured: `${fmt(first, 0)} ms`, target: `< ${TARGETS.defaultFirstAnswerMs} ms`,
    verdict: defaults.length === 0 ? 'MISSING' : first < TARGETS.defaultFirstAnswerMs ? 'PASS' : 'FAIL',
  });
  if (results.packageStartup !== undefined) {
    const ps = results.packageStartup;
    const rows = [
      ['installed package: `node_modules/.bin/flowmock --version`', ps.versionMs, TARGETS.versionMs],
      ['installed package: `flowmock serve` (compiled) to first answer on default', ps.serveFirstAnswerMs, TARGETS.serveFirstAnswerMs],
      ['`npm start` to first answer', ps.npmStartFirstAnswerMs, TARGETS.npmStartFirstAnswerMs],
    ] as const;
    for (const [name, samples, target] of rows) {
      const m = median(samples);
      checks.push({ section: 'startup', name: `${name} (median of ${samples.length})`, measured: `${fmt(m, 0)} ms`, target: `< ${target} ms`, verdict: samples.length === 0 ? 'MISSING' : m < target ? 'PASS' : 'FAIL' });
    }
  }
  return checks;
}

function fmt(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function pct(value: number): string {
  return Number.isFinite(value) ? `${fmt(value * 100, 0)}%` : '–';
}

/** A run's figure; `⚠ invalid` when it had errors or non-2xx, `†` when other processes disturbed it. */
function cell(run: RunResult | undefined, value: (r: RunResult) => string): string {
  if (run === undefined) return '–';
  return `${value(run)}${run.valid ? '' : ' ⚠ invalid'}${run.disturbed ? ' †' : ''}`;
}

export function renderMarkdown(results: BenchResults): string {
  const checks = evaluate(results);
  const m = results.machine;
  const s = results.settings;
  const lines: string[] = [];
  const out = (line = '') => lines.push(line);
  const table = markdownTable(out);
  const check = (name: string) => checks.find((c) => c.name === name);

  out('# Benchmarks');
  out();
  out(`Measured by \`npm run bench\` (bench/run.ts) on ${results.date.slice(0, 10)} (${results.date}); raw numbers in`);
  out('[bench/results/latest.json](bench/results/latest.json). Regenerate this file from it with `npx tsx bench/report.ts`.');
  out();
  out(`- Machine: ${m.cpuModel}, ${m.cores} cores, ${fmt(m.totalMemoryGiB, 1)} GiB RAM, ${m.os}, Node ${m.node}` +
    ` (load average ${m.loadAverageAtStart.map((v) => fmt(v, 2)).join(' / ')} at start, ${m.loadAverageAtEnd.map((v) => fmt(v, 2)).join(' / ')} at end)`);
  out(`- Code: commit ${results.git.commit ?? 'unknown'}${results.git.dirty ? ' with uncommitted changes to the served code' : ''}; every server ran a copy taken at the start` +
    ` (fingerprint ${results.git.snapshot}${results.git.codeAtEnd === results.git.codeAtStart ? '' : `; the working tree changed meanwhile, to ${results.git.codeAtEnd}`}).`);
  const wrkCores = results.runs.map((r) => r.cpuCores.loadGenerator).filter(Number.isFinite);
  const benchCores = results.runs.map((r) => r.cpuCores.bench).filter(Number.isFinite);
  const mean = (values: readonly number[]) => (values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length);
  out(`- Load: ${s.generator.version}, ${s.generator.threads} thread, ${s.connections} connections, ${s.warmupSeconds} s warm-up then ${s.seconds} s per run` +
    ` (\`${s.generator.commandLine}\`; the request, or the family of new queries, set by a Lua script whose \`done()\` prints the figures as JSON),` +
    `${(s.rounds ?? 1) > 1 ? ` on \`default\`, ${s.rounds} rounds per mix, the servers taking turns in each (${s.roundOrder ?? 'in the order of the tables below'}; later rounds with a warm-up of at most 0.5 s), the run of median req/s kept and every round's figure in its note (before each later round of new Multiplai queries, \`POST /__mock/reset\` empties flowmock's response cache, which the frozen clock would otherwise keep full);` : ''}` +
    ` one server loaded at a time, all on 127.0.0.1: wrk shares the ${m.cores} cores with the server; it used ${fmt(mean(wrkCores), 2)} of a core on average` +
    ` (at most ${fmt(wrkCores.length === 0 ? Number.NaN : Math.max(...wrkCores), 2)}), the benchmark process ${fmt(mean(benchCores), 2)}.` +
    ' Latency percentiles are those of wrk\'s histogram (µs, corrected by wrk for coordinated omission); req/s = responses / wrk\'s wall time.');
  out('- Servers, each started from the snapshot of the code, its output to a file:');
  // A server the results name (an earlier run's file may not hold every one this code knows).
  for (const target of TARGET_NAMES) if (s.servers[target] !== undefined) out(`  - ${SERVER_LABELS[target]}: \`${s.servers[target]}\``);
  out('  - Prism: one process per spec, static mode (the spec\'s examples). Mockoon: one process, each spec on its own port, bodies made up from the schemas;' +
    ' it logs every request at `info` and has no option to turn that off. The ceilings answer each mix\'s path with the bytes flowmock answered' +
    ' to that request, read once (Express: `res.send(buffer)`, at once or in the check phase; node:http: `res.end(buffer)`).');
  out(`- Peak RSS: ${s.peakRss}.`);
  const disturbed = results.runs.filter((r) => r.disturbed).length;
  out(`- Disturbance: CPU used by other processes during each run is measured (/proc/stat minus the server, wrk and the benchmark process);` +
    ` a run where it exceeded ${DISTURBED_CORES} of a core is marked † (${disturbed} of ${results.runs.length} runs). Such figures are pessimistic for flowmock and its peers alike.`);
  if (s.quick) out('- **Quick mode** (BENCH_QUICK=1, BENCH_MIXES or BENCH_SERVERS): short runs, no 1,000,000- or 5,000,000-run scenario. Not a measurement to quote.');
  out(`- Duration of the whole benchmark: ${fmt(results.durationSeconds / 60, 1)} min.`);
  out();

  const verdicts = checks.map((c) => c.verdict);
  out(`**Targets: ${verdicts.filter((v) => v === 'PASS').length} pass, ${verdicts.filter((v) => v === 'FAIL').length} fail` +
    `${verdicts.some((v) => v === 'INVALID') ? `, ${verdicts.filter((v) => v === 'INVALID').length} invalid (a run had errors)` : ''}` +
    `${verdicts.some((v) => v === 'MISSING') ? `, ${verdicts.filter((v) => v === 'MISSING').length} not measured` : ''}.**`);
  out();
  if (results.problems.length > 0) {
    out('Problems met during the run:');
    out();
    for (const problem of results.problems) out(`- ${problem}`);
    out();
  }

  const defaultRuns = results.scenarios.default?.runs;
  out(`## Operations on \`default\`${defaultRuns === undefined ? '' : ` (${fmt(defaultRuns, 0)} runs)`}`);
  out();
  out(`Targets, in the same run: flowmock (quiet) ≥ ${TARGETS.prismRatio}× the req/s of Prism at \`-v error\` (its fastest), and ≥ ${pct(TARGETS.expressShare)} of`);
  out('Express 5 sending the same bytes pre-serialised. The same Express app answering in the event loop\'s check phase, as flowmock does');
  out('(docs/performance.md#answers-after-the-poll-phase), and node:http sending those bytes, the physical limit, are reported only. Multiplai\'s');
  out(`target is on a new query each time (computed: its 300 s cache never hits; ${results.settings.familyRun === undefined ? 'each query sent once, the run ending when they are used up' : `${fmt(MULTIPLAI_FAMILY_SIZE, 0)} queries, ${results.settings.familyRun}`});`);
  out('the rows in italics are extra, no target: the cached Multiplai query, a deep StackAI page, and B3OS daily (31 buckets) next');
  out('to the hourly query (721 buckets). Prism answers the spec\'s example whatever the data, and Mockoon a body made up from the');
  out('schema, so their bodies are often much smaller than flowmock\'s (sizes below).');
  const inRounds = results.runs.some((r) => r.scenario === 'default' && (r.roundsReqPerSec?.length ?? 0) > 1);
  if (inRounds) {
    out('Each server\'s req/s is its round of median req/s; each ratio is the median of the ratios of the rounds (the servers of a');
    out('round measured seconds apart, so sharing the machine\'s state of that moment), every round\'s ratio in the table after.');
  }
  out();
  // Every operation (a missing one shows as such); the extra rows when measured.
  const mixRows = [...OPERATION_MIXES.map((mix) => ({ mix, extra: false })), ...EXTRA_MIXES.map((mix) => ({ mix, extra: true }))]
    .filter(({ mix, extra }) => !extra || results.runs.some((r) => r.scenario === 'default' && r.mix === mix));
  const mixName = (mix: string, extra: boolean) => (extra ? `*${mix}*` : mix);
  table(
    ['operation', ...TARGET_NAMES.map((t) => `${SERVER_LABELS[t]} req/s`), `× Prism -v error (≥ ${TARGETS.prismRatio})`, `% of Express (≥ ${pct(TARGETS.expressShare)})`, '% of Express, check phase', '% of node:http'],
    mixRows.map(({ mix, extra }) => {
      const run = (target: TargetName) => findRun(results, target, 'default', mix);
      const fm = run('flowmock');
      const ratio = (other: RunResult | undefined) => reqPerSecRatio(fm, other);
      const v1 = check(`${mix}: req/s vs Prism -v error`)?.verdict;
      const v2 = check(`${mix}: req/s vs Express sending the same bytes`)?.verdict;
      return [
        mixName(mix, extra), ...TARGET_NAMES.map((t) => cell(run(t), (r) => fmt(r.reqPerSec, 0))),
        `${fmt(ratio(run('prism')), 2)}×${v1 ? ` ${v1}` : ''}`, `${pct(ratio(run('express')))}${v2 ? ` ${v2}` : ''}`, pct(ratio(run('express-deferred'))), pct(ratio(run('node-http'))),
      ];
    }),
  );
  if (inRounds) {
    out('The ratios of each round, in round order:');
    out();
    table(
      ['operation', 'flowmock ÷ Prism -v error', 'flowmock ÷ Express, bytes', 'flowmock ÷ Express, bytes, check phase', 'flowmock ÷ node:http, bytes'],
      mixRows.map(({ mix, extra }) => {
        const run = (target: TargetName) => findRun(results, target, 'default', mix);
        const each = (t: TargetName, format: (ratio: number) => string) => roundRatiosOf(run('flowmock'), run(t))?.map(format).join(' / ') ?? '–';
        return [mixName(mix, extra), each('prism', (x) => `${fmt(x, 2)}×`), each('express', pct), each('express-deferred', pct), each('node-http', pct)];
      }),
    );
  }
  out('Latency, p50 / p99 ms:');
  out();
  table(
    ['operation', ...TARGET_NAMES.map((t) => SERVER_LABELS[t])],
    mixRows.map(({ mix, extra }) => [mixName(mix, extra), ...TARGET_NAMES.map((t) => cell(findRun(results, t, 'default', mix), (r) => `${fmt(r.p50Ms, 2)} / ${fmt(r.p99Ms, 2)}`))]),
  );
  out('Answers and memory: body bytes of each server\'s answer to the request (the ceilings send flowmock\'s), and the peak RSS of each server during its run, MiB:');
  out();
  const peers = ['flowmock', 'prism', 'mockoon'] as const;
  const MEMORY_SERVERS = [...peers, ...CEILING_NAMES] as const;
  table(
    ['operation', ...peers.map((t) => `${SERVER_LABELS[t]} body bytes`), ...MEMORY_SERVERS.map((t) => `${SERVER_LABELS[t]} peak RSS`)],
    mixRows.map(({ mix, extra }) => [
      mixName(mix, extra),
      ...peers.map((t) => fmt(results.bodies.find((b) => b.scenario === 'default' && b.mix === mix && b.target === t)?.bytes, 0)),
      ...MEMORY_SERVERS.map((t) => cell(findRun(results, t, 'default', mix), (r) => fmt(r.peakRssMiB, 0))),
    ]),
  );

  if (!s.quick) {
    out(`## \`large\` (1,000,000 runs) and \`huge\` (5,000,000 runs)`);
    out();
    out(`Targets: \`large\` answers < ${fmt(TARGETS.largeLoadMs / 1000, 0)} s after spawn, < ${TARGETS.largeRssAfterLoadMiB} MiB resident then, < ${TARGETS.largePeakUnderLoadMiB} MiB at its peak under load;`);
    out(`\`huge\` (${HUGE.file}: scenarios/large.yaml × 5, served with \`--max-runs ${HUGE.runs}\`) answers < ${fmt(TARGETS.hugeLoadMs / 1000, 0)} s after spawn, < ${fmt(TARGETS.hugeRssMiB, 0)} MiB resident,`);
    out(`and its B3OS and (uncached) Multiplai p50 are within ${TARGETS.hugeP50Ratio}× of the same query on \`default\`. Peak under load: the largest VmHWM of its runs.`);
    out(`That ratio is judged on ${HUGE_PAIRED.rounds} rounds with a \`default\` server started beside the \`huge\` one, the two taking turns (seconds apart;`);
    out('the clocks moved past the 300 s cache before each run of new Multiplai queries), the median of the rounds\' ratios (checks, below); the');
    out('column huge / default here sets the one run on `huge` against `default`\'s median round, minutes earlier, and carries the machine\'s drift.');
    out();
    table(
      ['scenario', 'runs', 'time to first answer ms', 'load ms (as printed)', 'RSS after load MiB', 'peak RSS of loading MiB', 'peak RSS under load MiB'],
      ['large', HUGE.scenario].map((sc) => {
        const st = startOf(results, sc);
        return [`\`${sc}\``, fmt(st?.runs, 0), fmt(st?.timeToFirstAnswerMs, 0), fmt(st?.loadMs, 0), fmt(st?.rssMiB, 0), fmt(st?.peakMiB, 0), fmt(peakUnderLoad(results, sc), 0)];
      }),
    );
    out('The same query on `default`, `large` and `huge` (flowmock quiet). Multiplai is measured twice: the same query repeated (every');
    out('answer after the first from its 300 s cache, as a polling dashboard sees it) and a new query each time (same work and size,');
    out('a different `limit` ≥ 90 or row order, so the cache never hits).');
    out();
    table(
      ['query', 'p50 default ms', 'p50 large ms', 'p50 huge ms', 'huge / default', 'p99 default ms', 'p99 large ms', 'p99 huge ms', 'req/s default', 'req/s large', 'req/s huge', 'result'],
      ['b3os', 'multiplai-uncached', 'multiplai', 'stackai', 'stackai-deep'].map((mix) => {
        const [small, large, huge] = ['default', 'large', HUGE.scenario].map((sc) => findRun(results, 'flowmock', sc, mix));
        const c = check(`${mix}: p50 on huge vs default`);
        return [
          mix, cell(small, (r) => fmt(r.p50Ms, 2)), cell(large, (r) => fmt(r.p50Ms, 2)), cell(huge, (r) => fmt(r.p50Ms, 2)),
          small && huge ? `${fmt(huge.p50Ms / small.p50Ms, 2)}×` : '–',
          cell(small, (r) => fmt(r.p99Ms, 2)), cell(large, (r) => fmt(r.p99Ms, 2)), cell(huge, (r) => fmt(r.p99Ms, 2)),
          cell(small, (r) => fmt(r.reqPerSec, 0)), cell(large, (r) => fmt(r.reqPerSec, 0)), cell(huge, (r) => fmt(r.reqPerSec, 0)),
          c ? `${c.verdict} (≤ ${TARGETS.hugeP50Ratio}×)` : 'info',
        ];
      }),
    );
  }

  out('## StackAI deep pages');
  out();
  out('The busiest flow of the first workspace, 25 runs a page: page 0 against its last full page.');
  out();
  table(
    ['scenario', 'flow runs', 'deep page', 'p50 page 0 ms', 'p50 deep ms', 'p99 deep ms', 'req/s page 0', 'req/s deep', 'deep / page 0 p50'],
    ['default', ...SCALING_SIZES.map((z) => z.scenario)].filter((sc) => results.scenarios[sc] !== undefined).map((sc) => {
      const info = results.scenarios[sc];
      const p0 = findRun(results, 'flowmock', sc, 'stackai');
      const deep = findRun(results, 'flowmock', sc, 'stackai-deep');
      return [
        `\`${sc}\``, fmt(info?.flowRuns, 0), fmt(info?.deepPage, 0),
        cell(p0, (r) => fmt(r.p50Ms, 2)), cell(deep, (r) => fmt(r.p50Ms, 2)), cell(deep, (r) => fmt(r.p99Ms, 2)),
        cell(p0, (r) => fmt(r.reqPerSec, 0)), cell(deep, (r) => fmt(r.reqPerSec, 0)),
        p0 && deep ? `${fmt(deep.p50Ms / p0.p50Ms, 2)}×` : '–',
      ];
    }),
  );

  out('## Dataset size: p50 of the same query from 10k to 5M runs');
  out();
  out('Copies of `scenarios/large.yaml` with the generated run counts scaled (same seed, flows, users, `now`). Latency should stay');
  out('nearly flat as the dataset grows.');
  out();
  const sizes = [...SCALING_SIZES, HUGE].filter((z) => results.scenarios[z.scenario] !== undefined);
  table(
    ['query', ...sizes.map((z) => `p50 ms at ${z.label}`), ...sizes.map((z) => `req/s at ${z.label}`), sizes.length > 1 ? `p50 ${sizes[sizes.length - 1]?.label} / ${sizes[0]?.label}` : ''],
    ['b3os', 'multiplai-uncached', 'stackai-deep'].map((mix) => {
      const runs = sizes.map((z) => findRun(results, 'flowmock', z.scenario, mix));
      const firstRun = runs[0];
      const lastRun = runs[runs.length - 1];
      return [
        mix, ...runs.map((r) => cell(r, (x) => fmt(x.p50Ms, 2))), ...runs.map((r) => cell(r, (x) => fmt(x.reqPerSec, 0))),
        firstRun && lastRun && runs.length > 1 ? `${fmt(lastRun.p50Ms / firstRun.p50Ms, 1)}×` : '',
      ];
    }),
  );

  out('## Start-up and memory');
  out();
  table(
    ['scenario', 'runs', 'time to first answer ms', 'scenario load ms (as printed)', 'RSS at first answer MiB', 'peak RSS of loading MiB', 'peak RSS over the whole benchmark MiB', 'other processes, cores'],
    results.startup.map((st) => [
      `\`${st.scenario}\``, fmt(st.runs, 0), `${fmt(st.timeToFirstAnswerMs, 0)}${st.otherCores > DISTURBED_CORES ? ' †' : ''}`, fmt(st.loadMs, 0), fmt(st.rssMiB, 0), fmt(st.peakMiB, 0),
      fmt(results.lifetimePeakMiB[st.scenario] ?? null, 0), fmt(st.otherCores, 2),
    ]),
  );
  out('Time to first answer: from spawning `node bin/flowmock.js serve` to the first 200 of `GET /__mock/health`, polled every 20 ms.');
  if (results.packageStartup !== undefined) {
    const ps = results.packageStartup;
    out('');
    out('The installed package (bench/package-startup.ts: the packed tarball installed into a scratch project; spawn to exit, or to the first 200 of `GET /__mock/health` polled every 10 ms), every sample in ms:');
    out('');
    out(`- \`node_modules/.bin/flowmock --version\`: ${ps.versionMs.join(', ')}`);
    out(`- \`node_modules/.bin/flowmock serve\` on default: ${ps.serveFirstAnswerMs.join(', ')}`);
    out(`- \`npm start\` in the repository: ${ps.npmStartFirstAnswerMs.join(', ')}`);
    if (ps.nodeAloneMs !== undefined) {
      const certs = ps.extraCaCerts ? ', with NODE_EXTRA_CA_CERTS set (Node then loads its certificate store at every start)' : '';
      out(`- for reference, Node's own start, \`node -e 0\`${certs}: ${ps.nodeAloneMs.join(', ')} (median ${fmt(median(ps.nodeAloneMs), 0)})`);
    }
  }
  out();

  if (results.soak !== undefined) lines.push(...renderSoak(results.soak));

  out('## Targets');
  out();
  table(['target', 'measured', 'goal', 'result'], checks.map((c) => [c.name, c.measured, c.target, `**${c.verdict}**`]));

  out('## Every run');
  out();
  table(
    ['scenario', 'mix', 'server', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'seconds', 'responses', 'status ≥ 400', 'errors', 'peak RSS MiB', 'CPU cores: server / wrk / bench / other', 'note'],
    results.runs.map((r) => [
      `\`${r.scenario}\``, r.mix, r.target, fmt(r.reqPerSec, 0), fmt(r.p50Ms, 2), fmt(r.p90Ms, 2), fmt(r.p99Ms, 2), fmt(r.maxMs, 1), fmt(r.seconds, 2),
      fmt(r.responses, 0), fmt(r.non2xx, 0), fmt(r.errors + r.timeouts, 0), fmt(r.peakRssMiB, 0),
      `${fmt(r.cpuCores.server, 2)} / ${fmt(r.cpuCores.loadGenerator, 2)} / ${fmt(r.cpuCores.bench, 2)} / ${fmt(r.cpuCores.other, 2)}`,
      `${r.valid ? '' : '**invalid** '}${r.note ?? ''}`,
    ]),
  );
  return lines.join('\n');
}

/** The "Soak" section of BENCHMARKS.md (and what `npm run soak` prints), from a soak's results alone. */
export function renderSoak(soak: SoakResults): string[] {
  const lines: string[] = [];
  const out = (line = '') => lines.push(line);
  const table = markdownTable(out);
  const s = soak.settings;
  const m = soak.machine;
  const t = s.serverTimeouts;
  const seconds = (ms: number | null) => (ms === null ? '–' : `${fmt(ms / 1000, 1)}`);
  const timeoutOf: Record<SlowKind, number> = { 'idle': t.headersMs, 'header-trickle': t.headersMs, 'body-trickle': t.requestMs, 'keep-alive-idle': t.keepAliveMs };
  const timeoutName: Record<SlowKind, string> = { 'idle': 'headersTimeout', 'header-trickle': 'headersTimeout', 'body-trickle': 'requestTimeout', 'keep-alive-idle': 'keepAliveTimeout' };
  const slowTotal = SLOW_KINDS.reduce((n, kind) => n + s.slowClients[kind], 0);

  out('## Soak');
  out();
  out(`Measured by \`npm run soak\` (bench/soak.ts) on ${soak.date.slice(0, 10)} (${soak.date}), ${fmt(soak.durationSeconds, 0)} s in all; the figures are`);
  out('the `soak` entry of bench/results/latest.json (kept there by `npm run bench`).');
  out();
  out(`- Machine: shared with other work: load average ${m.loadAverageAtStart.map((v) => fmt(v, 2)).join(' / ')} at start, ${m.loadAverageAtEnd.map((v) => fmt(v, 2)).join(' / ')} at end` +
    ` (${m.cores} cores); other processes used ${fmt(soak.load.cpuCores.other, 2)} cores on average during the soak. Code: commit ${soak.git.commit ?? 'unknown'}` +
    `${soak.git.dirty ? ' with uncommitted changes to the served code' : ''} (fingerprint ${soak.git.snapshot}).`);
  out(`- Server: \`node bin/flowmock.js serve --scenario ${s.scenario} --now ${s.now} ${s.serverArgs.join(' ')}\`` +
    ` (flowmock's defaults are 30 s, 10 s and 5 s; shorter here so that the soak sees them applied).`);
  out(`- Load: autocannon, ${s.connections} connections, each cycling through the ${soak.requestKinds.length} requests below: the operations of the five APIs` +
    ' (as `npm run bench` sends them), admin reads, and two requests meant to get a 4xx.' +
    `${s.cacheFill ? ` First the ${fmt(s.cacheFill.of, 0)} distinct Multiplai queries of multiplai-uncached, once each (${fmt(s.cacheFill.queries, 0)} sent in ${fmt(s.cacheFill.seconds, 1)} s): more than its response cache keeps, so` +
      ' that the soak starts with that cache full and its queries, cycled in order, still computed every time.' : ''}` +
    `${s.warmupSeconds > 0 ? ` A ${fmt(s.warmupSeconds, 0)} s warm-up (not measured),` : ''}${soak.baseline === null ? '' : ` ${fmt(s.baselineSeconds, 0)} s without slow clients (the baseline),`} then ${fmt(s.seconds, 0)} s with ${slowTotal} slow clients` +
    ` (${SLOW_KINDS.map((kind) => `${s.slowClients[kind]} ${kind}`).join(', ')}; a trickling one sends a byte every ${fmt(s.trickleIntervalMs, 0)} ms),` +
    ' each replaced by a new one when the server cuts it; after the load, the soak waits for the last ones to be cut.');
  out(`- Every second: the server's VmRSS (/proc/<pid>/status), and \`GET /__mock/health\` on a new connection from a worker thread, which must answer 200 within ${fmt(s.probeLimitMs, 0)} ms.`);
  out(`- Node's HTTP server looks for requests past requestTimeout or headersTimeout only every ${fmt(s.connectionsCheckingIntervalMs / 1000, 0)} s (its \`connectionsCheckingInterval\`,` +
    ' which flowmock leaves at the default): a client is cut between its timeout and its timeout plus that interval. keepAliveTimeout is a socket timer,' +
    ` to which Node adds ${fmt(s.keepAliveBufferMs / 1000, 0)} s.`);
  out();
  const verdicts = soak.checks.map((c) => c.verdict);
  out(`**Soak: ${verdicts.filter((v) => v === 'PASS').length} pass, ${verdicts.filter((v) => v === 'FAIL').length} fail.**`);
  out();
  table(['check', 'measured', 'goal', 'result'], soak.checks.map((c) => [c.name, c.measured, c.goal, `**${c.verdict}**`]));

  const phaseRow = (name: string, f: SoakLoadFigures) => [
    name, fmt(f.seconds, 1), fmt(f.responses, 0), fmt(f.reqPerSec, 0), fmt(f.p50Ms, 2), fmt(f.p90Ms, 2), fmt(f.p99Ms, 2), fmt(f.maxMs, 1),
    fmt(f.expected4xx, 0), `${fmt(f.errors, 0)} (${fmt(f.unexpectedStatus, 0)} / ${fmt(f.socketErrors, 0)} / ${fmt(f.timeouts, 0)})`,
    `${fmt(f.cpuCores.server, 2)} / ${fmt(f.cpuCores.loadGenerator, 2)} / ${fmt(f.cpuCores.other, 2)}`,
  ];
  table(
    ['phase', 'seconds', 'requests', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'expected 4xx', 'errors (status / socket / timeout)', 'CPU cores: server / soak process / other'],
    [...(soak.baseline === null ? [] : [phaseRow('baseline, no slow clients', soak.baseline)]), phaseRow(`soak, ${slowTotal} slow clients`, soak.load)],
  );

  const mem = soak.memory;
  out(`Server memory (VmRSS, MiB): ${fmt(mem.startMiB, 0)} at start (before any load), ${fmt(mem.maxMiB, 0)} at most, ${fmt(mem.endOfLoadMiB, 0)} when the load stopped,` +
    ` ${fmt(mem.afterDrainMiB, 0)} at the end; peak (VmHWM) ${fmt(mem.lifetimePeakMiB, 0)}. Trend over the last ${fmt(s.slopeWindowSeconds, 0)} s of the soak:` +
    ` **${fmt(mem.slopeMiBPerMin, 2)} MiB/min (${mem.trend})**.`);
  out();
  for (const note of soak.notes ?? []) out(`- ${note}`);
  if ((soak.notes ?? []).length > 0) out();

  const sc = soak.slowClients;
  out(`Slow clients: ${fmt(sc.opened, 0)} opened, ${fmt(sc.cutByServer, 0)} cut by the server (${fmt(sc.cutWith408, 0)} with a 408), ${fmt(sc.errors, 0)} socket errors,` +
    ` ${fmt(sc.stillOpenAtLoadEnd, 0)} open when the load stopped, **${fmt(sc.stillOpen, 0)} still open at the end** (after waiting ${fmt(sc.drainSeconds, 1)} s of at most ${fmt(sc.drainLimitSeconds, 0)} s).`);
  out();
  table(
    ['kind', 'kept open', 'opened', 'cut by the server', 'with 408', 'errors', 'still open', 'timeout', 'cut after s: min / median / max'],
    SLOW_KINDS.map((kind) => {
      const k = sc.byKind[kind];
      return [
        kind, fmt(s.slowClients[kind], 0), fmt(k.opened, 0), fmt(k.cutByServer, 0), fmt(k.cutWith408, 0), fmt(k.errors, 0), fmt(k.stillOpen, 0),
        `${timeoutName[kind]} ${fmt(timeoutOf[kind] / 1000, 1)} s`,
        `${seconds(k.cutAfterMs.min)} / ${seconds(k.cutAfterMs.median)} / ${seconds(k.cutAfterMs.max)}`,
      ];
    }),
  );
  out('Cut after: from connecting (keep-alive-idle: from its answer) to the server closing the connection.');
  out();

  const r = soak.responsiveness;
  out(`Responsiveness: ${fmt(r.withinLimit, 0)} of ${fmt(r.probes, 0)} health probes answered within ${fmt(s.probeLimitMs, 0)} ms (median ${fmt(r.p50Ms, 1)} ms, slowest ${fmt(r.slowestMs, 1)} ms).`);
  for (const f of r.failures) out(`- at ${fmt(f.t, 1)} s: ${f.status ?? 'no answer'} after ${fmt(f.ms, 0)} ms${f.error === undefined ? '' : ` (${f.error})`}`);
  out();

  out('The requests, during the soak:');
  out();
  table(
    ['request', 'expected status', 'answers', 'unexpected', 'p50 ms', 'p99 ms'],
    soak.requestKinds.map((k) => [`${k.id}: \`${k.method} ${k.path.length > 60 ? `${k.path.slice(0, 57)}…` : k.path}\``, String(k.expectedStatus), fmt(k.responses, 0), fmt(k.unexpected, 0), fmt(k.p50Ms, 2), fmt(k.p99Ms, 2)]),
  );

  out('Every 10 s:');
  out();
  const windows: SoakSample[][] = [];
  for (const sample of soak.timeline) {
    const index = Math.max(0, Math.floor((sample.t - 0.5) / 10));
    (windows[index] ??= []).push(sample);
  }
  table(
    ['seconds', 'phase', 'req/s', 'VmRSS MiB (last)', 'slow clients open (most)', 'slowest health probe ms', 'other processes, cores'],
    windows.flatMap((w, index) => {
      if (w.length === 0) return [];
      const last = w[w.length - 1] as SoakSample;
      const probes = w.filter((x) => x.healthMs !== undefined);
      const failed = probes.some((x) => x.healthMs === null);
      const slowest = Math.max(...probes.map((x) => x.healthMs ?? 0));
      return [[
        `${index * 10}–${Math.min((index + 1) * 10, Math.round(last.t))}`, [...new Set(w.map((x) => x.phase))].join(', '), fmt(w.reduce((n, x) => n + x.responses, 0) / w.length, 0),
        fmt(last.rssMiB, 0), fmt(Math.max(...w.map((x) => x.slowOpen)), 0), probes.length === 0 ? '–' : failed ? 'no answer' : fmt(slowest, 1),
        fmt(w.reduce((n, x) => n + x.otherCores, 0) / w.length, 2),
      ]];
    }),
  );

  if (soak.serverLog.warnLines + soak.serverLog.errorLines > 0) {
    out(`The server logged ${soak.serverLog.errorLines} error and ${soak.serverLog.warnLines} warning line(s), e.g.:`);
    out();
    for (const line of soak.serverLog.sample) out(`    ${line.slice(0, 300)}`);
    out();
  }
  if (soak.problems.length > 0) {
    out('Problems met during the soak:');
    out();
    for (const problem of soak.problems) out(`- ${problem}`);
    out();
  }
  return lines;
}

export function writeReport(results: BenchResults, markdownPath: string): void {
  writeFileSync(markdownPath, renderMarkdown(results));
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const repo = fileURLToPath(new URL('..', import.meta.url));
  const file = process.argv[2] ?? `${repo}bench/results/latest.json`;
  const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  if (results.version !== RESULTS_VERSION) {
    process.stderr.write(`${file} holds results of version ${String(results.version)}, from an older benchmark; this report renders version ${RESULTS_VERSION}: run \`npm run bench\`\n`);
    process.exit(1);
  }
  writeReport(results, `${repo}BENCHMARKS.md`);
  process.stdout.write(`BENCHMARKS.md written from ${file}\n`);
}
