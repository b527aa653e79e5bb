/**
 * The rule of B3OS's executions stats (docs/apis.md#b3os), written as a plain scan to check
 * `executionStats` against: take every run of the workspace created in [from, min(to, now)], seen as
 * observed at now. Count them by observed status (total = all of them; terminal = succeeded + failed +
 * cancelled; successRate = 100 · succeeded / terminal, 0 when terminal is 0; mean duration = mean of
 * finishedAt − startedAt over terminal runs with an observed start, 0 when none); list the statuses with
 * a count above 0 in the canonical order; count total, succeeded, failed and cancelled per source
 * system, sorted by total descending then name ascending; count the same four per UTC hour or day
 * bucket of createdAt, in every bucket from the bucket of `from` to the bucket of `to` (zero-filled,
 * ascending, buckets after now included); and keep the 20 observed-failed runs with the latest finish
 * (finishedAt descending, then id ascending).
 */
import { observe, type ObservedRun } from '../observed-status.ts';
import { DAY, HOUR, type Millis } from '../records.ts';
import { RUN_STATUSES } from '../status.ts';
import type { WorkspaceRecords } from '../store/dataset.ts';
import type { ExecutionStats, OutcomeCounts } from './execution-stats.ts';
import { emptyStatusCounts } from './status-summary.ts';

/** `executionStats`, by a scan of every run of the workspace: its reference (test/domain/aggregates-match-scans.test.ts). */
export function executionStatsByScan(ws: WorkspaceRecords, now: Millis, from: Millis, to: Millis, granularity: 'hour' | 'day'): ExecutionStats {
  const size = granularity === 'hour' ? HOUR : DAY;
  const starts: Millis[] = [];
  for (let start = Math.floor(from / size) * size; from <= to && start <= to; start += size) starts.push(start);

  const counts = emptyStatusCounts();
  let durationSum = 0;
  let durationCount = 0;
  const bySource = new Map<string, OutcomeCounts>();
  const byBucket = new Map<Millis, OutcomeCounts>();
  const failed: ObservedRun[] = [];
  for (const run of ws.runs) {
    if (run.createdAt < from || run.createdAt > to) continue;
    const observed = observe(run, now);
    if (observed === null) continue; // created after now
    const { status } = observed;
    counts[status]++;
    countOutcome(bySource, run.sourceSystem, status);
    countOutcome(byBucket, Math.floor(run.createdAt / size) * size, status);
    const terminal = status === 'succeeded' || status === 'failed' || status === 'cancelled';
    if (terminal && observed.startedAt !== null && observed.finishedAt !== null) {
      durationSum += observed.finishedAt - observed.startedAt;
      durationCount++;
    }
    if (status === 'failed') failed.push(observed);
  }

  const total = RUN_STATUSES.reduce((sum, status) => sum + counts[status], 0);
  const terminal = counts.succeeded + counts.failed + counts.cancelled;
  const outcomes: number[] = [];
  for (const start of starts) {
    const bucket = byBucket.get(start) ?? { total: 0, succeeded: 0, failed: 0, cancelled: 0 };
    outcomes.push(bucket.total, bucket.succeeded, bucket.failed, bucket.cancelled);
  }
  return {
    counts,
    total,
    terminal,
    successRatePercent: terminal === 0 ? 0 : (100 * counts.succeeded) / terminal,
    meanTerminalDurationMs: durationCount === 0 ? 0 : durationSum / durationCount,
    statuses: RUN_STATUSES.filter((status) => counts[status] > 0).map((status) => ({ status, count: counts[status] })),
    sourceSystems: [...bySource.entries()]
      .map(([sourceSystem, c]) => ({ sourceSystem, ...c }))
      .sort((a, b) => b.total - a.total || compareText(a.sourceSystem, b.sourceSystem)),
    timeSeries: { first: Math.floor(from / size) * size, step: size, length: starts.length, parts: [{ numbers: outcomes, kept: false }] },
    recentFailures: failed
      .sort((a, b) => (b.finishedAt as Millis) - (a.finishedAt as Millis) || compareText(a.run.id, b.run.id))
      .slice(0, 20),
  };
}

function countOutcome<K>(into: Map<K, OutcomeCounts>, key: K, status: string): void {
  let counts = into.get(key);
  if (counts === undefined) into.set(key, (counts = { total: 0, succeeded: 0, failed: 0, cancelled: 0 }));
  counts.total++;
  if (status === 'succeeded') counts.succeeded++;
  else if (status === 'failed') counts.failed++;
  else if (status === 'cancelled') counts.cancelled++;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
