/**
 * kill -9 rounds against the change log (src/node/change-log.ts), many more than CI runs
 * (test/node/change-log-crash.test.ts): each round a child appends from 10 concurrent writers and prints a
 * change only once its append resolved; SIGKILL at a random moment; the killed log must hold every
 * acknowledged change. Rounds go 5 to a log (each child opens the log the previous kill left), then a
 * fresh one. Prints each round and the totals; exits 1 if any acknowledged change was lost.
 *
 *     npx tsx scripts/crash-rounds.ts [ROUNDS=50] [--max-kill-ms=400] [--pad=600] [--writers=10]
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { crashRound, type CrashRoundResult } from '../test/node/helpers/crash-round.ts';
import { tempDir } from '../test/node/helpers/changes.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const rounds = Number(args.find((a) => !a.startsWith('--')) ?? 50);
const maxKillMs = flag('max-kill-ms', 400);
const pad = flag('pad', 600);
const writers = flag('writers', 10);
const PER_LOG = 5;

const results: CrashRoundResult[] = [];
let path = '';
let acknowledged = new Map<number, string>();
console.log('round  kill ms  acked  durable-unacked  lost  compactions  open of the killed log (parent copy | child)');
for (let round = 1; round <= rounds; round++) {
  if ((round - 1) % PER_LOG === 0) {
    if (path !== '') rmSync(dirname(path), { recursive: true, force: true });
    path = join(tempDir('flowmock-crash-rounds-'), 'state.json');
    acknowledged = new Map();
  }
  const killAfterMs = Math.floor(Math.random() * maxKillMs);
  const r = await crashRound({ path, round, killAfterMs, acknowledged, pad, writers, compactMinBytes: 32_768 });
  results.push(r);
  const found = (x: { repaired: string | undefined; removedTemporaryFiles: number; staleRecords: number }) =>
    [x.repaired ? `torn tail cut: ${x.repaired}` : '', x.removedTemporaryFiles ? `${x.removedTemporaryFiles} temp file(s) removed` : '', x.staleRecords ? `${x.staleRecords} stale record(s) skipped` : '']
      .filter(Boolean).join(', ') || 'clean';
  console.log(`${String(round).padStart(5)}  ${String(killAfterMs).padStart(7)}  ${String(r.acked).padStart(5)}  ${String(r.unacked).padStart(15)}  ${String(r.lost).padStart(4)}  ${String(r.compactions).padStart(11)}  ${found(r)} | ${(r.round - 1) % PER_LOG === 0 ? 'fresh' : found(r.childOpen)}${r.problems.length ? `  PROBLEMS: ${r.problems.join('; ')}` : ''}`);
}
rmSync(dirname(path), { recursive: true, force: true });

const sum = (pick: (r: CrashRoundResult) => number) => results.reduce((total, r) => total + pick(r), 0);
const count = (pick: (r: CrashRoundResult) => boolean) => results.filter(pick).length;
console.log(`
rounds: ${rounds} (kill 0–${maxKillMs} ms after the child is ready; ${writers} writers; records of ~${pad + 90} bytes; ${PER_LOG} rounds per log)
acknowledged changes: ${sum((r) => r.acked)} (per round ${Math.min(...results.map((r) => r.acked))}–${Math.max(...results.map((r) => r.acked))})
acknowledged changes lost: ${sum((r) => r.lost)}
rounds with other problems: ${count((r) => r.problems.length > 0)}
durable but not yet acknowledged at the kill: ${sum((r) => r.unacked)} change(s) in ${count((r) => r.unacked > 0)} round(s)
killed logs with a torn tail (cut and reported on open): ${count((r) => r.repaired !== undefined)}
killed mid-snapshot (temporary file removed on open): ${count((r) => r.removedTemporaryFiles > 0)}
killed between a snapshot and emptying the log (stale records skipped): ${count((r) => r.staleRecords > 0)}
compactions completed by the children: ${sum((r) => r.compactions)}
open of a killed log: median ${median(results.map((r) => r.openMs)).toFixed(1)} ms, max ${Math.max(...results.map((r) => r.openMs)).toFixed(1)} ms`);
process.exitCode = sum((r) => r.lost) > 0 || count((r) => r.problems.length > 0) > 0 ? 1 : 0;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
