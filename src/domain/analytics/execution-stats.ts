/**
 * Execution statistics of a workspace over a window (B3OS's executions stats, product design §2, b3os):
 * a summary, counts per status and per source system, a zero-filled time series and the most recent
 * failures. Everything counts observed statuses at the clock's now.
 */
import type { ObservedRun } from '../observed-status.ts';
import type { Millis } from '../records.ts';
import { RUN_STATUSES, type RunStatus } from '../status.ts';
import type { SortedRuns } from '../store/sorted-runs.ts';
import { Mean } from './rates.ts';
import { emptyStatusCounts, type StatusCounts } from './status-summary.ts';
import { bucketStart, bucketStarts, type Granularity } from './time-buckets.ts';
import { observedDuration, visibleRuns } from './visible-runs.ts';

export const RECENT_FAILURES_LIMIT = 20;

export interface OutcomeCounts {
  total: number;
  succeeded: number;
  failed: number;
  cancelled: number;
}

export interface ExecutionStats {
  readonly counts: StatusCounts;
  readonly total: number;
  readonly terminal: number;
  /** 100 · succeeded / terminal; 0 when nothing finished. */
  readonly successRatePercent: number;
  /** Mean finishedAt − startedAt over terminal runs with an observed start; 0 when none. */
  readonly meanTerminalDurationMs: number;
  /** Statuses with a count above 0, in the canonical order. */
  readonly statuses: readonly { status: RunStatus; count: number }[];
  /** Total descending, then name ascending. */
  readonly sourceSystems: readonly ({ sourceSystem: string } & OutcomeCounts)[];
  /** One bucket per hour/day from the bucket of `from` to the bucket of `to`, ascending. */
  readonly timeSeries: readonly ({ start: Millis } & OutcomeCounts)[];
  /** At most 20 observed-failed runs, finishedAt descending, then id ascending. */
  readonly recentFailures: readonly ObservedRun[];
}

const emptyOutcomes = (): OutcomeCounts => ({ total: 0, succeeded: 0, failed: 0, cancelled: 0 });

function addOutcome(counts: OutcomeCounts, status: RunStatus): void {
  counts.total++;
  if (status === 'succeeded' || status === 'failed' || status === 'cancelled') counts[status]++;
}

export function executionStats(
  workspaceRuns: SortedRuns, now: Millis, from: Millis, to: Millis, granularity: Extract<Granularity, 'hour' | 'day'>,
): ExecutionStats {
  const counts = emptyStatusCounts();
  const duration = new Mean();
  const bySource = new Map<string, OutcomeCounts>();
  const starts = bucketStarts(from, to, granularity);
  const buckets = new Map(starts.map((start) => [start, emptyOutcomes()]));
  const failures: ObservedRun[] = [];
  let total = 0;
  for (const observed of visibleRuns(workspaceRuns, now, { from, to })) {
    const { status, run } = observed;
    counts[status]++;
    total++;
    if (status === 'succeeded' || status === 'failed' || status === 'cancelled') {
      const ms = observedDuration(observed);
      if (ms !== null) duration.add(ms);
    }
    if (status === 'failed') failures.push(observed);
    let source = bySource.get(run.sourceSystem);
    if (source === undefined) bySource.set(run.sourceSystem, (source = emptyOutcomes()));
    addOutcome(source, status);
    addOutcome(buckets.get(bucketStart(run.createdAt, granularity)) as OutcomeCounts, status);
  }
  const terminal = counts.succeeded + counts.failed + counts.cancelled;
  failures.sort((a, b) => (b.finishedAt as number) - (a.finishedAt as number) || (a.run.id < b.run.id ? -1 : a.run.id > b.run.id ? 1 : 0));
  return {
    counts,
    total,
    terminal,
    successRatePercent: terminal === 0 ? 0 : (100 * counts.succeeded) / terminal,
    meanTerminalDurationMs: duration.value() ?? 0,
    statuses: RUN_STATUSES.filter((status) => counts[status] > 0).map((status) => ({ status, count: counts[status] })),
    sourceSystems: [...bySource.entries()]
      .map(([sourceSystem, c]) => ({ sourceSystem, ...c }))
      .sort((a, b) => b.total - a.total || (a.sourceSystem < b.sourceSystem ? -1 : a.sourceSystem > b.sourceSystem ? 1 : 0)),
    timeSeries: starts.map((start) => ({ start, ...(buckets.get(start) as OutcomeCounts) })),
    recentFailures: failures.slice(0, RECENT_FAILURES_LIMIT),
  };
}
