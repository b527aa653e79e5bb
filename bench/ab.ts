/**
 * A/B mode of the benchmark: an old build (A, a git revision) against a new one (B, the working tree or
 * another revision), alternated in one run, to show that a change slows no operation down.
 *
 *   BENCH_AB=<old rev> [BENCH_AB_NEW=<new rev>] npm run bench     or     npx tsx bench/ab.ts <old rev> [<new rev>]
 *
 * Each build runs from a snapshot taken at the start: A from `git archive` of its revision, B from a copy of
 * the working tree's served code (or `git archive` of BENCH_AB_NEW), both with the repository's node_modules
 * linked, each started the way a revision starts its server: `node bin/flowmock.js serve --scenario default
 * --port 0 --now … --log-level warn` (quiet, as `npm run bench` runs it; both at the default log level when
 * either build has no `--log-level`), its port read from its banner. The load generator is wrk (bench/wrk.ts),
 * as in `npm run bench`: without it the comparison says how to install it and exits 2. Round after round, a fresh server of each build is
 * started (one after the other) and every mix of the default set is run on A, then on B, one server under
 * load at a time: A, B, A, B, … per mix. Fresh servers make every run an independent sample of its build
 * (and give the mixes that defeat Multiplai's cache an empty one again).
 *
 * Verdict per operation: B's median req/s may be below A's by no more than the larger of 3% and the spread
 * of the runs of one build ((max − min) / median, the larger of A's and B's); more is FAIL.
 *
 * Environment: BENCH_AB_ROUNDS (runs per build and mix, default 5, at least 3), BENCH_SECONDS (per run,
 * default 10), BENCH_WARMUP (seconds before each run, default 2), BENCH_CONNECTIONS (default 10),
 * BENCH_MIXES=alloy,b3os (only these), BENCH_QUICK=1 (2 s runs, 0.5 s warm-up, 3 rounds).
 * Writes bench/results/ab.json and ab.md; an iteration run (BENCH_QUICK=1, BENCH_MIXES, or runs shorter
 * than 10 s) writes ab-quick.json and ab-quick.md instead (ignored by git). Exit status 0 when every
 * operation passes. Every process it starts, and the snapshots, are removed on the way out, failure or not.
 */
import { loadAverage, machineOf, markdownTable, type Machine } from './report.ts';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DISTURBED_CORES, envNumber, runLoad, type LoadSettings, type RunResult } from './load.ts';
import { allMixes, DEFAULT_MIXES, pick, type Fixtures, type Mix } from './mixes.ts';
import { httpRequest, killAllNow, stopAll, stopAllOnSignals } from './processes.ts';
import { benchTempDir, codeFingerprint, FLOWMOCK_QUIET, hasLogLevel, REPO, resolveRevision, SERVED_CODE, snapshotCode, snapshotRevision, startFlowmockOnAnyPort, type ListeningFlowmock } from './targets.ts';
import { requireWrk } from './wrk.ts';

const NOW = '2026-11-20T12:00:00Z';
const SCENARIO = 'default';
/** The slowdown that always passes, whatever the spread. */
export const MIN_THRESHOLD = 0.03;
export const RULE = 'B (new) slower than A (old) by more than max(3%, spread) in median req/s ⇒ FAIL; spread = (max − min) / median of the runs of one build, the larger of A\'s and B\'s';

export type Build = 'A' | 'B';
const BUILDS: readonly Build[] = ['A', 'B'];
export type AbVerdict = 'PASS' | 'FAIL' | 'INVALID' | 'MISSING';

export interface BuildInfo {
  readonly role: 'old' | 'new';
  /** The revision asked for; null: the working tree. */
  readonly rev: string | null;
  /** The commit it names (the working tree: HEAD). */
  readonly commit: string | null;
  /** The working tree only: whether its served code differs from HEAD. */
  readonly dirty: boolean | null;
  readonly source: string;
  /** Hash of the served code in the snapshot (src/, bin/, specs/, scenarios/, package.json, tsconfig.json). */
  readonly fingerprint: string;
}

export interface AbRun extends RunResult {
  readonly build: Build;
  readonly round: number;
}

export interface BuildStats {
  readonly runs: number;
  readonly reqPerSec: readonly number[];
  readonly medianReqPerSec: number;
  /** (max − min) / median of req/s. */
  readonly spread: number;
  readonly medianP50Ms: number;
  readonly medianP99Ms: number;
  readonly invalidRuns: number;
  readonly disturbedRuns: number;
}

export interface AbOperation {
  readonly mix: string;
  readonly label: string;
  readonly a: BuildStats | null;
  readonly b: BuildStats | null;
  /** B's median req/s over A's, minus 1 (negative: B slower). */
  readonly change: number;
  /** The larger spread of the two builds. */
  readonly spread: number;
  /** max(3%, spread): the slowdown allowed. */
  readonly threshold: number;
  readonly verdict: AbVerdict;
  /** Response bodies of A and B to the mix's request (first round): sizes, and whether they are the same bytes but for UUIDs (request ids are random). */
  readonly body: { readonly aBytes: number | null; readonly bBytes: number | null; readonly same: boolean | null };
  readonly note?: string;
}

export interface AbResults {
  readonly version: 1;
  readonly kind: 'ab';
  readonly date: string;
  readonly durationSeconds: number;
  readonly command: string;
  readonly machine: Machine;
  readonly a: BuildInfo | null;
  readonly b: BuildInfo | null;
  /** Both snapshots hold the same served code (a sanity run). */
  readonly sameCode: boolean | null;
  readonly settings: {
    readonly quick: boolean;
    readonly scenario: string;
    readonly now: string;
    readonly rounds: number;
    readonly seconds: number;
    readonly warmupSeconds: number;
    readonly connections: number;
    /** wrk's version line. */
    readonly generator?: string;
    /** The options both builds were served with besides scenario, port and clock. */
    readonly serverArgs?: readonly string[];
    readonly mixes: readonly string[];
    readonly order: string;
    readonly rule: string;
  };
  /** Spawn to the banner (listening) of each fresh server, ms, per round: information, no verdict. */
  readonly startupMs: { readonly A: readonly number[]; readonly B: readonly number[] };
  readonly operations: readonly AbOperation[];
  readonly verdict: 'PASS' | 'FAIL';
  readonly runs: readonly AbRun[];
  readonly problems: readonly string[];
}

const log = (line: string) => process.stdout.write(`[ab] ${line}\n`);

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function buildStats(runs: readonly RunResult[]): BuildStats | null {
  if (runs.length === 0) return null;
  const reqPerSec = runs.map((r) => r.reqPerSec);
  const mid = median(reqPerSec);
  return {
    runs: runs.length,
    reqPerSec,
    medianReqPerSec: mid,
    spread: (Math.max(...reqPerSec) - Math.min(...reqPerSec)) / mid,
    medianP50Ms: median(runs.map((r) => r.p50Ms)),
    medianP99Ms: median(runs.map((r) => r.p99Ms)),
    invalidRuns: runs.filter((r) => !r.valid).length,
    disturbedRuns: runs.filter((r) => r.disturbed).length,
  };
}

/** The acceptance rule on one operation's runs. */
export function judge(a: BuildStats | null, b: BuildStats | null, rounds: number): Pick<AbOperation, 'change' | 'spread' | 'threshold' | 'verdict' | 'note'> {
  if (a === null || b === null) return { change: Number.NaN, spread: Number.NaN, threshold: Number.NaN, verdict: 'MISSING', note: `no run on ${a === null ? 'A' : 'B'}` };
  const change = b.medianReqPerSec / a.medianReqPerSec - 1;
  const spread = Math.max(a.spread, b.spread);
  const threshold = Math.max(MIN_THRESHOLD, spread);
  const notes: string[] = [];
  if (a.invalidRuns + b.invalidRuns > 0) notes.push(`${a.invalidRuns} invalid run(s) on A, ${b.invalidRuns} on B (errors or non-2xx)`);
  if (a.runs < rounds || b.runs < rounds) notes.push(`${a.runs} run(s) on A and ${b.runs} on B of ${rounds}`);
  if (a.disturbedRuns + b.disturbedRuns > 0) notes.push(`${a.disturbedRuns} disturbed run(s) on A, ${b.disturbedRuns} on B`);
  const complete = a.invalidRuns + b.invalidRuns === 0 && a.runs >= Math.min(rounds, 2) && b.runs >= Math.min(rounds, 2) && a.runs === b.runs;
  const verdict: AbVerdict = !complete ? 'INVALID' : change < -threshold ? 'FAIL' : 'PASS';
  return { change, spread, threshold, verdict, ...(notes.length === 0 ? {} : { note: notes.join('; ') }) };
}

function gitText(args: readonly string[]): string {
  return execFileSync('git', args, { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 ** 2 });
}

function shortCommit(commit: string | null): string {
  return commit === null ? 'unknown' : commit.slice(0, 7);
}

function describe(info: BuildInfo): string {
  if (info.rev === null) return `working tree at ${shortCommit(info.commit)}${info.dirty ? ' with uncommitted changes to the served code' : ''}`;
  return `${shortCommit(info.commit)}${info.rev === info.commit || info.commit?.startsWith(info.rev) ? '' : ` (${info.rev})`}`;
}

/** package-lock.json at `commit`, or in the working tree when null. */
function lockFile(commit: string | null): string | null {
  try {
    return commit === null ? readFileSync(join(REPO, 'package-lock.json'), 'utf8') : gitText(['show', `${commit}:package-lock.json`]);
  } catch {
    return null;
  }
}

interface Server {
  readonly flowmock: ListeningFlowmock;
  readonly mixes: Mix[];
}

async function getJson<T>(url: string): Promise<T> {
  const answer = await httpRequest(url);
  if (answer.status !== 200) throw new Error(`GET ${url}: ${answer.status} ${answer.body.toString().slice(0, 300)}`);
  return JSON.parse(answer.body.toString()) as T;
}

/** A body with every UUID replaced: responses carry a random request id. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
export function sameBody(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && a.toString('latin1').replace(UUID, 'uuid') === b.toString('latin1').replace(UUID, 'uuid');
}

const fmt = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (n: number, signed = false) => (Number.isFinite(n) ? `${n < 0 ? '−' : signed ? '+' : ''}${Math.abs(n * 100).toFixed(1)}%` : '–');

/**
 * Runs the comparison; `oldRev` is A, `newRev` B (undefined: the working tree). `command` is how it was
 * invoked, for the report. Resolves with the exit status: 0 when every operation passes.
 */
export async function runAb(oldRev: string, newRev: string | undefined, command: string): Promise<number> {
  const generator = requireWrk();
  const began = performance.now();
  const date = new Date().toISOString();
  const loadAverageAtStart = loadAverage();
  const onlyMixes = process.env.BENCH_MIXES?.split(',').map((id) => id.trim()).filter((id) => id !== '');
  const quickFlag = process.env.BENCH_QUICK === '1';
  const settings: LoadSettings = {
    seconds: envNumber('BENCH_SECONDS', quickFlag ? 2 : 10),
    connections: Math.round(envNumber('BENCH_CONNECTIONS', 10)),
    warmupSeconds: envNumber('BENCH_WARMUP', quickFlag ? 0.5 : 2),
  };
  const rounds = envNumber('BENCH_AB_ROUNDS', quickFlag ? 3 : 5);
  if (!Number.isInteger(rounds) || rounds < 3) throw new Error(`BENCH_AB_ROUNDS must be an integer of at least 3, not "${process.env.BENCH_AB_ROUNDS}"`);
  const quick = quickFlag || onlyMixes !== undefined || settings.seconds < 10;
  const mixIds: readonly string[] = onlyMixes ?? DEFAULT_MIXES;
  const environment = ['BENCH_AB_ROUNDS', 'BENCH_SECONDS', 'BENCH_WARMUP', 'BENCH_CONNECTIONS', 'BENCH_MIXES', 'BENCH_QUICK']
    .filter((name) => (process.env[name] ?? '') !== '').map((name) => `${name}=${process.env[name]} `).join('');

  const workDir = benchTempDir();
  let removed = false;
  const removeSnapshots = () => {
    if (removed) return;
    removed = true;
    rmSync(workDir, { recursive: true, force: true });
  };
  const onExit = () => {
    killAllNow();
    removeSnapshots();
  };
  process.on('exit', onExit);
  const signalsOff = stopAllOnSignals(log, 'stopping every server, removing the snapshots', removeSnapshots);

  const problems: string[] = [];
  const runs: AbRun[] = [];
  const startupMs: Record<Build, number[]> = { A: [], B: [] };
  const bodies = new Map<string, Partial<Record<Build, Buffer>>>();
  /** Mixes left out (a build could not answer them). */
  const skipped = new Set<string>();
  const info: Partial<Record<Build, BuildInfo>> = {};
  const code: Partial<Record<Build, string>> = {};
  let serverArgs: readonly string[] = [];
  let failed = false;

  try {
    // Snapshots first: the working tree may change while the comparison runs.
    const oldCommit = resolveRevision(oldRev);
    code.A = snapshotRevision(workDir, oldCommit, 'a');
    info.A = { role: 'old', rev: oldRev, commit: oldCommit, dirty: null, source: `git archive ${oldCommit}`, fingerprint: codeFingerprint(code.A) };
    if (newRev === undefined) {
      code.B = snapshotCode(workDir, 'b');
      let head: string | null = null;
      let dirty: boolean | null = null;
      try {
        head = resolveRevision('HEAD');
        dirty = gitText(['status', '--porcelain', '--', ...SERVED_CODE]).trim() !== '';
      } catch {
        /* not a git checkout */
      }
      info.B = { role: 'new', rev: null, commit: head, dirty, source: `copy of the working tree's ${SERVED_CODE.join(', ')}`, fingerprint: codeFingerprint(code.B) };
    } else {
      const newCommit = resolveRevision(newRev);
      code.B = snapshotRevision(workDir, newCommit, 'b');
      info.B = { role: 'new', rev: newRev, commit: newCommit, dirty: null, source: `git archive ${newCommit}`, fingerprint: codeFingerprint(code.B) };
    }
    if (lockFile(oldCommit) !== lockFile(newRev === undefined ? null : info.B.commit)) {
      problems.push(`package-lock.json differs between A and B: both run with the repository's node_modules (${REPO}/node_modules)`);
    }
    // Quiet, as `npm run bench` serves flowmock; but both builds alike, so both at the default when either cannot.
    if (hasLogLevel(code.A) && hasLogLevel(code.B)) serverArgs = FLOWMOCK_QUIET;
    else problems.push('a build has no `serve --log-level`: both served at their default log level (a line per request)');
    log(`A (old): ${describe(info.A)}, served code ${info.A.fingerprint}, in ${code.A}`);
    log(`B (new): ${describe(info.B)}, served code ${info.B.fingerprint}, in ${code.B}${info.A.fingerprint === info.B.fingerprint ? '  (same served code as A)' : ''}`);
    log(`${rounds} rounds × ${mixIds.length} mixes × 2 builds, ${settings.seconds} s runs after ${settings.warmupSeconds} s warm-up, ${settings.connections} connections` +
      ` (about ${Math.ceil((rounds * mixIds.length * 2 * (settings.seconds + settings.warmupSeconds)) / 60)} min)`);

    for (let round = 1; round <= rounds; round++) {
      const servers: Partial<Record<Build, Server>> = {};
      try {
        // One after the other, so that neither start-up disturbs the other.
        for (const build of BUILDS) {
          const flowmock = await startFlowmockOnAnyPort(`flowmock ${build}`, code[build] as string, SCENARIO, NOW, 60_000, serverArgs);
          startupMs[build].push(flowmock.listeningMs);
          const fixtures = await getJson<Fixtures>(`${flowmock.origin}/__mock/fixtures`);
          servers[build] = { flowmock, mixes: pick(allMixes(fixtures), mixIds) };
        }
        const a = servers.A as Server;
        const b = servers.B as Server;
        log(`round ${round}/${rounds}: A on ${a.flowmock.origin} (listening after ${a.flowmock.listeningMs} ms), B on ${b.flowmock.origin} (${b.flowmock.listeningMs} ms)`);
        if (round === 1) {
          for (const [i, mixA] of a.mixes.entries()) {
            const mixB = b.mixes[i] as Mix;
            if (JSON.stringify(mixA.request) !== JSON.stringify(mixB.request)) problems.push(`${mixA.id}: A and B fixtures give different requests (each build is sent its own)`);
            const answers: Partial<Record<Build, Buffer>> = {};
            for (const build of BUILDS) {
              const mix = build === 'A' ? mixA : mixB;
              const { method, path, headers, body } = mix.request;
              const server = build === 'A' ? a : b;
              try {
                const answer = await httpRequest(`${server.flowmock.origin}/${mix.api}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
                if (answer.status === 200) answers[build] = answer.body;
                else problems.push(`${build} ${mix.id}: answered ${answer.status} ${answer.body.toString().slice(0, 200)} to ${method} /${mix.api}${path}`);
              } catch (error) {
                problems.push(`${build} ${mix.id}: ${(error as Error).message}`);
              }
            }
            bodies.set(mixA.id, answers);
            if (answers.A === undefined || answers.B === undefined) {
              skipped.add(mixA.id);
              log(`${mixA.id}: left out, ${answers.A === undefined ? 'A' : 'B'} does not answer it 200`);
            }
          }
        }
        for (const [i, mixA] of a.mixes.entries()) {
          if (skipped.has(mixA.id)) continue;
          // A, then B: one server under load at a time.
          for (const build of BUILDS) {
            const server = build === 'A' ? a : b;
            const mix = build === 'A' ? mixA : (b.mixes[i] as Mix);
            try {
              const result = await runLoad({ name: 'flowmock', origin: server.flowmock.origin, prefix: `/${mix.api}`, pid: server.flowmock.child.pid }, SCENARIO, mix, settings);
              runs.push({ ...result, build, round });
              log(`round ${round} ${mix.id.padEnd(18)} ${build} ${fmt(result.reqPerSec).padStart(7)} req/s  p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms` +
                `  cpu ${result.cpuCores.server}/${result.cpuCores.loadGenerator}/${result.cpuCores.bench}/${result.cpuCores.other}${result.valid ? '' : `  INVALID: ${result.note ?? ''}`}${result.disturbed ? '  (disturbed)' : ''}`);
            } catch (error) {
              problems.push(`round ${round} ${mix.id} on ${build}: ${(error as Error).message}`);
              log(`round ${round} ${mix.id} on ${build}: FAILED ${(error as Error).message}`);
            }
          }
        }
      } finally {
        await Promise.all(Object.values(servers).map((server) => server.flowmock.child.stop()));
      }
    }
  } catch (error) {
    failed = true;
    problems.push(`comparison aborted: ${(error as Error).stack ?? String(error)}`);
    log(`ABORTED: ${(error as Error).message}`);
    if (newRev === undefined && runs.length === 0) log('if the working tree is mid-edit, compare two revisions instead: BENCH_AB_NEW=<rev>');
  } finally {
    await stopAll();
  }
  for (const build of BUILDS) {
    const dir = code[build];
    const before = info[build]?.fingerprint;
    if (dir !== undefined && before !== undefined && codeFingerprint(dir) !== before) problems.push(`the snapshot of ${build} changed during the comparison`);
  }
  removeSnapshots();
  process.off('exit', onExit);
  signalsOff();

  const operations: AbOperation[] = mixIds.map((id) => {
    const a = buildStats(runs.filter((r) => r.mix === id && r.build === 'A'));
    const b = buildStats(runs.filter((r) => r.mix === id && r.build === 'B'));
    const answers = bodies.get(id);
    const label = runs.find((r) => r.mix === id)?.label ?? id;
    const judged = judge(a, b, rounds);
    return {
      mix: id,
      label,
      a,
      b,
      ...judged,
      ...(skipped.has(id) ? { verdict: 'MISSING' as const, note: 'left out: a build did not answer it 200' } : {}),
      body: {
        aBytes: answers?.A?.length ?? null,
        bBytes: answers?.B?.length ?? null,
        same: answers?.A === undefined || answers.B === undefined ? null : sameBody(answers.A, answers.B),
      },
    };
  });
  const results: AbResults = {
    version: 1,
    kind: 'ab',
    date,
    durationSeconds: Math.round((performance.now() - began) / 1000),
    command: environment + command,
    machine: machineOf(loadAverageAtStart),
    a: info.A ?? null,
    b: info.B ?? null,
    sameCode: info.A !== undefined && info.B !== undefined ? info.A.fingerprint === info.B.fingerprint : null,
    settings: {
      quick,
      scenario: SCENARIO,
      now: NOW,
      rounds,
      seconds: settings.seconds,
      warmupSeconds: settings.warmupSeconds,
      connections: settings.connections,
      generator,
      serverArgs,
      mixes: mixIds,
      order: 'each round: a fresh server of A, then of B, both started before any load; then for each mix a run on A, then on B (one server under load at a time); both stopped',
      rule: RULE,
    },
    startupMs,
    operations,
    verdict: !failed && operations.every((op) => op.verdict === 'PASS') ? 'PASS' : 'FAIL',
    runs,
    problems,
  };
  const resultsDir = join(REPO, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const base = join(resultsDir, quick ? 'ab-quick' : 'ab');
  writeFileSync(`${base}.json`, JSON.stringify(results, null, 2) + '\n');
  writeFileSync(`${base}.md`, renderAbMarkdown(results));
  process.stdout.write(`\n${renderAbText(results)}\n`);
  log(`results: ${base}.json and ${base}.md${quick ? ' (iteration run: not for committing)' : ''}`);
  if (problems.length > 0) log(`${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  return results.verdict === 'PASS' ? 0 : 1;
}

function header(): string[] {
  return ['operation', 'A req/s', 'B req/s', 'change', 'spread A', 'spread B', 'allowed', 'A p50 ms', 'B p50 ms', 'same body', 'verdict'];
}

function row(op: AbOperation): string[] {
  return [
    op.mix, fmt(op.a?.medianReqPerSec), fmt(op.b?.medianReqPerSec), pct(op.change, true),
    pct(op.a?.spread ?? Number.NaN), pct(op.b?.spread ?? Number.NaN), `−${pct(op.threshold)}`.replace('−–', '–'),
    fmt(op.a?.medianP50Ms, 2), fmt(op.b?.medianP50Ms, 2),
    op.body.same === null ? '–' : op.body.same ? 'yes' : `no (${fmt(op.body.aBytes)} / ${fmt(op.body.bBytes)} B)`,
    op.verdict,
  ];
}

/** Spread above which the verdict says little: the machine was too busy for a 3% rule. */
export const NOISY_SPREAD = 0.1;

/** A warning when the runs were too noisy for the rule to have teeth; undefined when they were not. */
function noise(results: AbResults): string | undefined {
  const noisy = results.operations.filter((op) => op.spread > NOISY_SPREAD).map((op) => op.mix);
  const disturbed = results.runs.filter((r) => r.disturbed).length;
  if (noisy.length === 0 && disturbed === 0) return undefined;
  return `noisy: ${noisy.length > 0 ? `spread above ${pct(NOISY_SPREAD)} on ${noisy.join(', ')}` : ''}${noisy.length > 0 && disturbed > 0 ? '; ' : ''}` +
    `${disturbed > 0 ? `${disturbed} of ${results.runs.length} runs disturbed by other processes (more than ${DISTURBED_CORES} of a core)` : ''}` +
    ' — a PASS here proves little; run again on a quiet machine';
}

function summary(results: AbResults): string {
  const count = (v: AbVerdict) => results.operations.filter((op) => op.verdict === v).length;
  const others = (['FAIL', 'INVALID', 'MISSING'] as const).filter((v) => count(v) > 0).map((v) => `${count(v)} ${v}`);
  const aborted = results.problems.some((p) => p.startsWith('comparison aborted'));
  return `${results.verdict}: ${count('PASS')} of ${results.operations.length} operations pass${others.length > 0 ? ` (${others.join(', ')})` : ''}${aborted ? '; the comparison was aborted' : ''}`;
}

/** The table for the terminal. */
export function renderAbText(results: AbResults): string {
  const rows = [header(), ...results.operations.map(row)];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const lines = rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '));
  const a = results.a === null ? '?' : describe(results.a);
  const b = results.b === null ? '?' : describe(results.b);
  return [
    `A/B: A (old) = ${a}, B (new) = ${b}${results.sameCode ? ' — same served code' : ''}`,
    `median req/s of ${results.settings.rounds} runs each, ${results.settings.seconds} s per run; allowed slowdown = max(3%, spread)`,
    '',
    ...lines,
    '',
    `start-up (spawn to listening, median, information): A ${fmt(median(results.startupMs.A))} ms, B ${fmt(median(results.startupMs.B))} ms`,
    ...[noise(results)].filter((line) => line !== undefined).map((line) => `WARNING ${line}`),
    summary(results),
  ].join('\n');
}

export function renderAbMarkdown(results: AbResults): string {
  const lines: string[] = [];
  const out = (line = '') => lines.push(line);
  const table = markdownTable(out);
  const m = results.machine;
  const s = results.settings;
  const build = (name: Build, b: BuildInfo | null) =>
    `- ${name} (${name === 'A' ? 'old' : 'new'}): ${b === null ? 'not set up' : `${describe(b)}, served code ${b.fingerprint} (${b.source})`}`;
  out('# A/B benchmark');
  out();
  out(`Measured by \`${results.command}\` (bench/ab.ts) on ${results.date.slice(0, 10)} (${results.date}); raw numbers in`);
  out(`[${s.quick ? 'ab-quick' : 'ab'}.json](${s.quick ? 'ab-quick' : 'ab'}.json).`);
  out();
  out(build('A', results.a));
  out(build('B', results.b));
  if (results.sameCode) out('- A and B serve the same code: a sanity run, any difference is noise.');
  out(`- Machine: ${m.cpuModel}, ${m.cores} cores, ${fmt(m.totalMemoryGiB, 1)} GiB RAM, ${m.os}, Node ${m.node}` +
    ` (load average ${m.loadAverageAtStart.map((v) => fmt(v, 2)).join(' / ')} at start, ${m.loadAverageAtEnd.map((v) => fmt(v, 2)).join(' / ')} at end)`);
  out(`- Servers: \`node bin/flowmock.js serve --scenario ${s.scenario} --port 0 --now ${s.now}${(s.serverArgs ?? []).map((arg) => ` ${arg}`).join('')}\` from each snapshot (node_modules shared).`);
  out(`- Load: ${s.generator ?? 'autocannon'}${s.generator === undefined ? '' : ', 1 thread'}, ${s.connections} connections, ${s.warmupSeconds} s warm-up then ${s.seconds} s per run, on 127.0.0.1; ${s.rounds} rounds.`);
  out(`- Order: ${s.order}.`);
  out(`- Rule: ${s.rule}.`);
  out(`- Runs where other processes used more than ${DISTURBED_CORES} of a core are counted in the notes (${results.runs.filter((r) => r.disturbed).length} of ${results.runs.length}).`);
  if (s.quick) out('- **Iteration run** (short runs or a subset of mixes): not the evidence to quote.');
  out(`- Duration: ${fmt(results.durationSeconds / 60, 1)} min.`);
  out();
  out(`**${summary(results)}.**`);
  out();
  const warning = noise(results);
  if (warning !== undefined) {
    out(`⚠ ${warning[0]?.toUpperCase()}${warning.slice(1)}.`);
    out();
  }
  if (results.problems.length > 0) {
    out('Problems met during the run:');
    out();
    for (const problem of results.problems) out(`- ${problem.split('\n')[0]}`);
    out();
  }
  out('## Per operation');
  out();
  out('Median req/s of each build; change = B / A − 1; spread = (max − min) / median of one build\'s runs; allowed = the slowdown');
  out('that still passes, max(3%, the larger spread). p50 is the median of the runs\' p50s. "Same body": A and B answered the');
  out('same bytes to the mix\'s request, UUIDs aside (each answer carries a random request id).');
  out();
  table(header(), results.operations.map((op) => row(op).map((cell, i) => (i === 10 ? `**${cell}**` : cell))));
  const noted = results.operations.filter((op) => op.note !== undefined);
  if (noted.length > 0) {
    for (const op of noted) out(`- ${op.mix}: ${op.note}`);
    out();
  }
  out(`Start-up (information, no verdict): spawn to listening, median of ${results.startupMs.A.length} fresh servers: A ${fmt(median(results.startupMs.A))} ms` +
    ` (${results.startupMs.A.join(', ')}), B ${fmt(median(results.startupMs.B))} ms (${results.startupMs.B.join(', ')}).`);
  out();
  out('## Every run');
  out();
  table(
    ['round', 'operation', 'build', 'req/s', 'p50 ms', 'p99 ms', 'responses', 'status ≥ 400', 'errors', 'CPU cores: server / wrk / bench / other', 'note'],
    results.runs.map((r) => [
      String(r.round), r.mix, r.build, fmt(r.reqPerSec), fmt(r.p50Ms, 2), fmt(r.p99Ms, 2), fmt(r.responses), fmt(r.non2xx), fmt(r.errors + r.timeouts),
      `${fmt(r.cpuCores.server, 2)} / ${fmt(r.cpuCores.loadGenerator, 2)} / ${fmt(r.cpuCores.bench, 2)} / ${fmt(r.cpuCores.other, 2)}`,
      `${r.valid ? '' : '**invalid** '}${r.note ?? ''}`,
    ]),
  );
  return lines.join('\n');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const oldRev = args[0] ?? process.env.BENCH_AB;
  const newRev = args[1] ?? (process.env.BENCH_AB_NEW || undefined);
  if (oldRev === undefined || oldRev === '' || oldRev === '--help' || oldRev === '-h') {
    process.stderr.write('usage: npx tsx bench/ab.ts <old rev> [<new rev>]   (new: the working tree when left out)\n' +
      '       BENCH_AB=<old rev> [BENCH_AB_NEW=<new rev>] npm run bench\n');
    process.exit(2);
  }
  process.exit(await runAb(oldRev, newRev, `npx tsx bench/ab.ts ${[oldRev, ...(newRev === undefined ? [] : [newRev])].join(' ')}`));
}
