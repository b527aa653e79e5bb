/**
 * What one durable write of the admin API costs, as the change log grows: appends to the change log
 * (src/node/change-log.ts) with 0, 5,000 and 50,000 changes already in it, one after another and from 10
 * concurrent writers (group commit); and, for comparison, the whole-file rewrite of flowmock 0.1's state
 * file (the state file of flowmock 0.1, reproduced below as `writeAtomically`). Each figure is the median of TRIALS trials, interleaved so that the
 * disk's drift falls on every size alike. The target: at 5,000 and 50,000 changes within 1.5× of the
 * first writes.
 *
 * Before each measurement the disk is synced and left alone for --settle-ms (the 50,000-change prefill
 * writes ~45 MB, compactions included, and a virtual disk goes on flushing it for a while), so that a
 * figure is the steady cost of a write, not the aftermath of the prefill; the control row (an empty log
 * measured right after 50,000 changes went to another log) shows what is left of that aftermath. The
 * sizes run in a new random order each trial. `node --expose-gc` also collects garbage before each.
 *
 *     npx tsx bench/log-writes.ts [--trials=3] [--sequential=300] [--concurrent=1000] [--dir=/tmp]
 *                                 [--settle-ms=2000] [--no-old]
 *     node --expose-gc --import tsx bench/log-writes.ts
 */
import { execFileSync } from 'node:child_process';
import { closeSync, fsyncSync, mkdtempSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { MockChange } from '../src/core/state-changes.ts';
import type { ScenarioDocument } from '../src/domain/scenario/document.ts';
import { openChangeLog, type ChangeLog } from '../src/node/change-log.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const TRIALS = Number(option('trials', '3'));
const SEQUENTIAL = Number(option('sequential', '300'));
const CONCURRENT = Number(option('concurrent', '1000'));
const WRITERS = 10;
const BASE_DIR = option('dir', tmpdir());
const SETTLE_MS = Number(option('settle-ms', '2000'));
const SIZES = [0, 5_000, 50_000];
/** The control row: an empty log, measured right after 50,000 changes were written to another one. */
const CONTROL = -1;
const OLD_WRITES: Record<number, number> = { 0: 100, 5_000: 40, 50_000: 8 };

const SCENARIO: ScenarioDocument = { version: 1, name: 'bench', seed: 7, now: '2027-01-05T12:00:00Z', workspaces: [] };

/** A run-added change as the admin API records it (~420 bytes of JSON). */
function runAdded(n: number): MockChange {
  return {
    kind: 'run-added',
    generatedId: true,
    run: {
      id: `5f0c6f2e-8a7b-4c1d-9e3f-${String(n).padStart(12, '0')}`,
      workspaceId: 'ws_01HZY3M4Q8V7N2K5T9R6B1C0DX',
      flow: 'flow_01HZY3M5A1B2C3D4E5F6G7H8J9',
      user: 'usr_01HZY3M6K1L2M3N4P5Q6R7S8T9',
      status: 'running',
      createdAt: 1_799_150_400_000 + n,
      startedAt: 1_799_150_400_000 + n,
      finishedAt: null,
      resumed: false,
      appActions: n % 17,
      tokens: (n * 37) % 5000,
      trigger: 'api',
      sourceSystem: 'flowmock-bench',
      error: null,
    },
  } as MockChange;
}

interface Figures {
  /** Sequential appends: mean, median and 99th percentile wall time (ms), and process CPU time (µs) per write. */
  seqMean: number;
  seqP50: number;
  seqP99: number;
  seqCpuUs: number;
  /** 10 writers: wall time (ms) and CPU time (µs) per write, records per group commit. */
  concMs: number;
  concCpuUs: number;
  perBatch: number;
  compactions: number;
}

function cpuUs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return used.user + used.system;
}

async function prefilled(dir: string, n: number): Promise<ChangeLog> {
  const { log } = await openChangeLog(join(dir, 'state.json'), { initialScenario: SCENARIO });
  for (let done = 0; done < n; done += 1000) {
    await Promise.all(Array.from({ length: Math.min(1000, n - done) }, (_, i) => log.append(runAdded(done + i))));
  }
  return log;
}

/** Lets the disk finish what earlier steps left it (writeback, discards of freed blocks) and the heap settle. */
async function settle(): Promise<void> {
  execFileSync('sync');
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * `elsewhere`: first writes that many changes to another log, then measures an empty one — the control
 * that tells the cost of a long log from the disk's own aftermath of having just written one.
 */
async function measureLog(n: number, elsewhere = 0): Promise<Figures> {
  if (elsewhere > 0) {
    const other = mkdtempSync(join(BASE_DIR, 'flowmock-bench-other-'));
    await (await prefilled(other, elsewhere)).close();
    rmSync(other, { recursive: true, force: true });
  }
  const dir = mkdtempSync(join(BASE_DIR, 'flowmock-bench-log-'));
  const log = await prefilled(dir, n);
  await settle();
  const before = log.stats;
  const latencies: number[] = [];
  const seqCpu = process.cpuUsage();
  for (let i = 0; i < SEQUENTIAL; i++) {
    const started = performance.now();
    await log.append(runAdded(n + i));
    latencies.push(performance.now() - started);
  }
  const seqCpuUs = cpuUs(seqCpu) / SEQUENTIAL;
  const middle = log.stats;
  const concCpu = process.cpuUsage();
  const started = performance.now();
  const perWriter = CONCURRENT / WRITERS;
  await Promise.all(Array.from({ length: WRITERS }, async (_, w) => {
    for (let i = 0; i < perWriter; i++) await log.append(runAdded(n + SEQUENTIAL + w * perWriter + i));
  }));
  const concMs = (performance.now() - started) / CONCURRENT;
  const concCpuUs = cpuUs(concCpu) / CONCURRENT;
  const after = log.stats;
  await log.close();
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return {
    seqMean: latencies.reduce((a, b) => a + b, 0) / latencies.length,
    seqP50: latencies[Math.floor(latencies.length / 2)] as number,
    seqP99: latencies[Math.floor(latencies.length * 0.99)] as number,
    seqCpuUs,
    concMs,
    concCpuUs,
    perBatch: CONCURRENT / (after.batches - middle.batches),
    compactions: after.compactions - before.compactions,
  };
}

/** flowmock 0.1: every change rewrites the whole file (temp file, fsync, rename, fsync of the dir). */
function measureOld(n: number): number {
  const dir = mkdtempSync(join(BASE_DIR, 'flowmock-bench-old-'));
  const file = join(dir, 'state.json');
  const changes = Array.from({ length: n }, (_, i) => runAdded(i));
  const writes = OLD_WRITES[n] ?? 10;
  const started = performance.now();
  for (let i = 0; i < writes; i++) {
    changes.push(runAdded(n + i));
    writeAtomically(file, JSON.stringify({ format: 'flowmock-state', version: 1, scenario: SCENARIO, changes }));
  }
  const ms = (performance.now() - started) / writes;
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

function shuffled<T>(values: T[]): T[] {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [values[i], values[j]] = [values[j] as T, values[i] as T];
  }
  return values;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const logTrials = new Map<number, Figures[]>([...SIZES, CONTROL].map((n) => [n, []]));
const oldTrials = new Map<number, number[]>(SIZES.map((n) => [n, []]));
await measureLog(1_000); // warm-up (JIT, file-system caches): not counted
for (let trial = 1; trial <= TRIALS; trial++) {
  // In a new order each trial, so that no size always follows the heaviest one.
  for (const n of shuffled([...SIZES, CONTROL])) logTrials.get(n)!.push(await (n === CONTROL ? measureLog(0, 50_000) : measureLog(n)));
  process.stderr.write(`trial ${trial}/${TRIALS} done\n`);
}
if (!args.includes('--no-old')) {
  for (const n of SIZES) {
    await settle();
    oldTrials.get(n)!.push(measureOld(n));
  }
}

const pick = (n: number, key: keyof Figures) => median(logTrials.get(n)!.map((f) => f[key]));
const best = (n: number, key: keyof Figures) => Math.min(...logTrials.get(n)!.map((f) => f[key]));
const ratio = (n: number, key: keyof Figures) => `${(pick(n, key) / pick(0, key)).toFixed(2)}×`;
const label = (n: number) => (n === CONTROL ? '0 (control)' : n.toLocaleString('en-US'));
console.log(`change log appends in ${BASE_DIR}: median of ${TRIALS} trials (best in brackets); ${SEQUENTIAL} sequential appends, then ${CONCURRENT} from ${WRITERS} writers`);
console.log('');
console.log('changes in log | sequential: ms/write (best)  p50   p99    writes/s  CPU µs/write | 10 writers: ms/write (best)  writes/s  CPU µs/write  records/sync | vs first: wall seq / conc, CPU seq / conc');
for (const n of [...SIZES, CONTROL]) {
  const seq = pick(n, 'seqMean');
  const conc = pick(n, 'concMs');
  console.log([
    label(n).padStart(14),
    ` ${seq.toFixed(2).padStart(18)} (${best(n, 'seqMean').toFixed(2)})  ${pick(n, 'seqP50').toFixed(2)}  ${pick(n, 'seqP99').toFixed(2).padStart(5)}  ${(1000 / seq).toFixed(0).padStart(8)}  ${pick(n, 'seqCpuUs').toFixed(0).padStart(12)}`,
    ` ${conc.toFixed(3).padStart(19)} (${best(n, 'concMs').toFixed(3)})  ${(1000 / conc).toFixed(0).padStart(8)}  ${pick(n, 'concCpuUs').toFixed(0).padStart(12)}  ${pick(n, 'perBatch').toFixed(1).padStart(12)}`,
    ` ${ratio(n, 'seqMean')} / ${ratio(n, 'concMs')}, ${ratio(n, 'seqCpuUs')} / ${ratio(n, 'concCpuUs')}`,
  ].join(' |'));
}
console.log('0 (control): an empty log measured right after 50,000 changes were written to another log: the disk\'s aftermath, not the log\'s length');
if (oldTrials.get(0)!.length > 0) {
  console.log(`whole-file rewrite (flowmock 0.1's state file), ms/write: ${SIZES.map((n) => `${label(n)}: ${median(oldTrials.get(n)!).toFixed(2)}`).join(', ')}`);
}
const compactions = SIZES.map((n) => `${label(n)}: ${logTrials.get(n)!.map((f) => f.compactions).join('/')}`).join(', ');
console.log(`automatic compactions during the measured writes (per trial): ${compactions}`);

/** The state file of flowmock 0.1 (removed): the whole file rewritten atomically on every change. */
function writeAtomically(file: string, text: string): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  const dir = openSync(dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}
