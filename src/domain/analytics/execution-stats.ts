/**
 * Execution statistics of a workspace over a window (B3OS's executions stats, product design §2, b3os):
 * a summary, counts per status and per source system, a zero-filled time series and the most recent
 * failures. Everything counts observed statuses at the clock's now.
 */
import { observe, type ObservedRun } from '../observed-status.ts';
import type { Millis } from '../records.ts';
import { RUN_STATUSES, type RunStatus } from '../status.ts';
import type { WorkspaceRecords } from '../store/dataset.ts';
import { HOUR, type HourBucket } from '../store/run-aggregates.ts';
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

function addOutcome(counts: OutcomeCounts, status: RunStatus, sign: 1 | -1): void {
  counts.total += sign;
  if (status === 'succeeded' || status === 'failed' || status === 'cancelled') counts[status] += sign;
}

/**
 * Over [from, to] (and not after now): whole hours come from the pre-aggregated buckets, the partial hours
 * at either end from the runs themselves, and the few runs not settled at now are corrected one by one.
 */
export function executionStats(
  ws: WorkspaceRecords, now: Millis, from: Millis, to: Millis, granularity: Extract<Granularity, 'hour' | 'day'>,
): ExecutionStats {
  const acc = new StatsAccumulator(bucketStarts(from, to, granularity), granularity);
  const end = Math.min(to, now);
  if (from <= end) {
    const wholeFrom = Math.ceil(from / HOUR) * HOUR;
    const wholeTo = Math.floor((end + 1) / HOUR) * HOUR; // exclusive
    if (wholeFrom >= wholeTo) {
      for (const observed of visibleRuns(ws.runs, now, { from, to: end })) acc.addObserved(observed, 1);
    } else {
      for (const observed of visibleRuns(ws.runs, now, { from, to: wholeFrom - 1 })) acc.addObserved(observed, 1);
      for (const observed of visibleRuns(ws.runs, now, { from: wholeTo, to: end })) acc.addObserved(observed, 1);
      for (let hour = wholeFrom; hour < wholeTo; hour += HOUR) {
        const bucket = ws.aggregates.hours.get(hour);
        if (bucket !== undefined) acc.addHour(hour, bucket);
      }
      // The aggregates hold actual statuses; runs not settled at now are seen differently (or not at all).
      for (const run of ws.aggregates.unsettledAt(now)) {
        if (run.createdAt < wholeFrom || run.createdAt >= wholeTo) continue;
        acc.addObserved({ run, status: run.status, startedAt: run.startedAt, finishedAt: run.finishedAt }, -1);
        const observed = observe(run, now);
        if (observed !== null) acc.addObserved(observed, 1);
      }
    }
  }
  const failures: ObservedRun[] = [];
  if (from <= end) {
    for (const run of ws.aggregates.failedLatestFirst()) {
      if (failures.length === RECENT_FAILURES_LIMIT) break;
      if (run.createdAt < from || run.createdAt > end || (run.finishedAt as number) > now) continue;
      failures.push(observe(run, now) as ObservedRun);
    }
  }
  return acc.result(failures);
}

class StatsAccumulator {
  readonly counts = emptyStatusCounts();
  readonly duration = new Mean();
  readonly bySource = new Map<string, OutcomeCounts>();
  readonly buckets: Map<Millis, OutcomeCounts>;
  total = 0;

  constructor(readonly starts: Millis[], readonly granularity: Extract<Granularity, 'hour' | 'day'>) {
    this.buckets = new Map(starts.map((start) => [start, emptyOutcomes()]));
  }

  addObserved(observed: ObservedRun, sign: 1 | -1): void {
    const { status, run } = observed;
    this.counts[status] += sign;
    this.total += sign;
    if (status === 'succeeded' || status === 'failed' || status === 'cancelled') {
      const ms = observedDuration(observed);
      if (ms !== null) {
        this.duration.sum += sign * ms;
        this.duration.count += sign;
      }
    }
    addOutcome(this.#source(run.sourceSystem), status, sign);
    addOutcome(this.buckets.get(bucketStart(run.createdAt, this.granularity)) as OutcomeCounts, status, sign);
  }

  addHour(hour: Millis, bucket: HourBucket): void {
    const series = this.buckets.get(bucketStart(hour, this.granularity)) as OutcomeCounts;
    RUN_STATUSES.forEach((status, i) => {
      const n = bucket.statuses[i] as number;
      if (n === 0) return;
      this.counts[status] += n;
      this.total += n;
      series.total += n;
    });
    series.succeeded += bucket.statuses[SUCCEEDED] as number;
    series.failed += bucket.statuses[FAILED] as number;
    series.cancelled += bucket.statuses[CANCELLED] as number;
    this.duration.sum += bucket.durationSum;
    this.duration.count += bucket.durationCount;
    for (const [name, [total, succeeded, failed, cancelled]] of bucket.sources as Map<string, [number, number, number, number] & Float64Array>) {
      const source = this.#source(name);
      source.total += total;
      source.succeeded += succeeded;
      source.failed += failed;
      source.cancelled += cancelled;
    }
  }

  result(recentFailures: ObservedRun[]): ExecutionStats {
    const { counts, total } = this;
    const terminal = counts.succeeded + counts.failed + counts.cancelled;
    return {
      counts,
      total,
      terminal,
      successRatePercent: terminal === 0 ? 0 : (100 * counts.succeeded) / terminal,
      meanTerminalDurationMs: this.duration.count === 0 ? 0 : this.duration.sum / this.duration.count,
      statuses: RUN_STATUSES.filter((status) => counts[status] > 0).map((status) => ({ status, count: counts[status] })),
      sourceSystems: [...this.bySource.entries()]
        .filter(([, c]) => c.total > 0)
        .map(([sourceSystem, c]) => ({ sourceSystem, ...c }))
        .sort((a, b) => b.total - a.total || (a.sourceSystem < b.sourceSystem ? -1 : a.sourceSystem > b.sourceSystem ? 1 : 0)),
      timeSeries: this.starts.map((start) => ({ start, ...(this.buckets.get(start) as OutcomeCounts) })),
      recentFailures,
    };
  }

  #source(name: string): OutcomeCounts {
    let source = this.bySource.get(name);
    if (source === undefined) this.bySource.set(name, (source = emptyOutcomes()));
    return source;
  }
}

const SUCCEEDED = RUN_STATUSES.indexOf('succeeded');
const FAILED = RUN_STATUSES.indexOf('failed');
const CANCELLED = RUN_STATUSES.indexOf('cancelled');
