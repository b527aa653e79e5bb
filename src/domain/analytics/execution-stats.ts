/**
 * Execution statistics of a workspace over a window (B3OS's executions stats, docs/apis.md#b3os):
 * a summary, counts per status and per source system, a zero-filled time series and the most recent
 * failures. Everything counts observed statuses at the clock's now.
 */
import { observe, observedStatusIndex, type ObservedRun } from '../observed-status.ts';
import { DAY, HOUR, type Millis } from '../records.ts';
import { RUN_STATUSES, type RunStatus } from '../status.ts';
import type { WorkspaceRecords } from '../store/dataset.ts';
import { ALL_RUNS, DURATION_COUNT, DURATION_SUM, HOUR_STRIDE, OUTCOMES, hourOutcomesSnapshot, type DayBlock } from '../store/hourly-counts.ts';
import { Mean } from './rates.ts';
import { SeriesBuilder, type TimeSeries } from './series-parts.ts';
import { statusCountsOf, type StatusCounts } from './status-summary.ts';
import { bucketStart, type Granularity } from './time-buckets.ts';
import { forEachVisibleRow } from './visible-runs.ts';
import { zeros } from './zeros.ts';
import type { RunTable } from '../store/run-table.ts';

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
  /**
   * One bucket per hour/day from the bucket of `from` to the bucket of `to`, ascending, each with its total,
   * succeeded, failed and cancelled (in parts: series-parts.ts; `flatSeries` lists them plainly).
   */
  readonly timeSeries: TimeSeries;
  /** At most 20 observed-failed runs, finishedAt descending, then id ascending. */
  readonly recentFailures: readonly ObservedRun[];
}


/** Adds a run of status index `status` to the four outcome numbers at `offset`: total, succeeded, failed, cancelled. */
function addOutcome(numbers: number[], offset: number, status: number, sign: 1 | -1): void {
  numbers[offset]! += sign;
  if (status === SUCCEEDED) numbers[offset + 1]! += sign;
  else if (status === FAILED) numbers[offset + 2]! += sign;
  else if (status === CANCELLED) numbers[offset + 3]! += sign;
}

/**
 * Over [from, to] (and not after now): whole hours come from the pre-aggregated buckets, the partial hours
 * at either end from the runs themselves, and the few runs not settled at now are corrected one by one.
 * The rule written plainly, which this must equal: `executionStatsByScan` (execution-stats.reference.ts).
 */
export function executionStats(
  ws: WorkspaceRecords, now: Millis, from: Millis, to: Millis, granularity: Extract<Granularity, 'hour' | 'day'>,
): ExecutionStats {
  const table = ws.table;
  const acc = new StatsAccumulator(from, to, granularity, table);
  const end = Math.min(to, now);
  const addVisible = (row: number, status: number, startedAt: Millis, finishedAt: Millis) => acc.addRow(row, status, startedAt, finishedAt, 1);
  if (from <= end) {
    const wholeFrom = Math.ceil(from / HOUR) * HOUR;
    const wholeTo = Math.floor((end + 1) / HOUR) * HOUR; // exclusive
    if (wholeFrom >= wholeTo) {
      forEachVisibleRow(ws.runs, now, { from, to: end }, addVisible);
    } else {
      forEachVisibleRow(ws.runs, now, { from, to: wholeFrom - 1 }, addVisible);
      forEachVisibleRow(ws.runs, now, { from: wholeTo, to: end }, addVisible);
      const hours = ws.aggregates.hours;
      for (let day = Math.floor(wholeFrom / DAY) * DAY; day < wholeTo; day += DAY) {
        const block = hours.day(day);
        if (block !== undefined) acc.addHours(day, block, Math.max(0, (wholeFrom - day) / HOUR), Math.min(24, (wholeTo - day) / HOUR), hours.sourceNames);
      }
      // The aggregates hold actual statuses; runs not settled at now are seen differently (or not at all).
      for (const row of ws.aggregates.unsettledAt(now)) {
        const createdAt = table.createdAt[row] as number;
        if (createdAt < wholeFrom || createdAt >= wholeTo) continue;
        const status = table.status[row] as number;
        const startedAt = table.startedAt[row] as number;
        const finishedAt = table.finishedAt[row] as number;
        acc.addRow(row, status, startedAt, finishedAt, -1);
        if (createdAt > now) continue;
        acc.addRow(row, observedStatusIndex(status, startedAt, finishedAt, now), startedAt <= now ? startedAt : Number.NaN, finishedAt <= now ? finishedAt : Number.NaN, 1);
      }
    }
  }
  const failures: ObservedRun[] = [];
  if (from <= end) {
    for (const row of ws.aggregates.failedLatestFirst()) {
      if (failures.length === RECENT_FAILURES_LIMIT) break;
      const createdAt = table.createdAt[row] as number;
      if (createdAt < from || createdAt > end || (table.finishedAt[row] as number) > now) continue;
      failures.push(observe(table.run(row), now) as ObservedRun);
    }
  }
  return acc.result(failures);
}

/**
 * Sums for one stats answer. Series buckets are found by their position (buckets are uniform: hours, or UTC
 * days), whole days of an hourly series are the stored days themselves (series-parts.ts), and status counts
 * live in an array by canonical index: no per-bucket lookups or objects until the result is built (plain
 * arrays: zeros.ts says why).
 */
class StatsAccumulator {
  readonly statusCounts = zeros(RUN_STATUSES.length);
  readonly duration = new Mean();
  readonly bySource = new Map<string, number[]>();
  readonly series: SeriesBuilder;
  readonly #first: Millis;
  readonly #step: number;
  /** Source counts summed from the hour blocks, by source index (OUTCOMES a source), named by `#sourceNames`. */
  #bySourceIndex: number[] = [];
  #sourceNames: readonly string[] = [];

  /** Buckets from the bucket of `from` to the bucket of `to` (none if from > to). */
  constructor(from: Millis, to: Millis, readonly granularity: Extract<Granularity, 'hour' | 'day'>, readonly table: RunTable) {
    this.#first = bucketStart(from, granularity);
    this.#step = granularity === 'hour' ? HOUR : DAY;
    this.series = new SeriesBuilder(this.#first, this.#step, from > to ? 0 : (bucketStart(to, granularity) - this.#first) / this.#step + 1);
  }

  /**
   * A run of the table counted with status index `status` and instants `startedAt`, `finishedAt` (NaN for
   * none): observed ones to add a run as seen now, actual ones to take out what the aggregates counted.
   */
  addRow(row: number, status: number, startedAt: Millis, finishedAt: Millis, sign: 1 | -1): void {
    this.statusCounts[status]! += sign;
    // Terminal: succeeded and the statuses after it.
    if (status >= SUCCEEDED) {
      const ms = finishedAt - startedAt; // NaN unless both are there
      if (ms === ms) {
        this.duration.sum += sign * ms;
        this.duration.count += sign;
      }
    }
    const table = this.table;
    addOutcome(this.#source(table.pools.sources.at(table.source[row] as number)), 0, status, sign);
    const bucket = this.#bucket(table.createdAt[row] as number);
    addOutcome(this.series.numbersOf(bucket), this.series.offsetOf(bucket), status, sign);
  }

  /**
   * Hours [firstHour, endHour) of the UTC day starting at `day`, from its pre-aggregated block: a whole day
   * from the block's sums and its hours' outcomes in a row, a part of a day hour by hour.
   */
  addHours(day: Millis, block: DayBlock, firstHour: number, endHour: number, sourceNames: readonly string[]): void {
    const bySource = this.#bySourceRoom(sourceNames);
    // A block made before later source systems appeared has no room for them (and no runs of them).
    const sourceCount = Math.min(sourceNames.length, block.sourceCapacity);
    // Hourly, this day's hour h is bucket dayIndex + h; daily, the day is bucket dayIndex.
    const hourly = this.granularity === 'hour';
    const dayIndex = hourly ? (day - this.#first) / HOUR : (day - this.#first) / DAY;
    if (firstHour === 0 && endHour === 24) {
      this.#addStatuses(block.totals, 0);
      addSources(bySource, block.sourceTotals, 0, sourceCount);
      if (hourly) this.series.addDay(dayIndex, hourOutcomesSnapshot(block));
      else this.#addSeriesOutcomes(dayIndex, block.totals, 0);
      return;
    }
    const { hours, sources, sourceCapacity } = block;
    for (let hour = firstHour; hour < endHour; hour++) {
      const at = hour * HOUR_STRIDE;
      if (hours[at + ALL_RUNS] === 0) continue;
      this.#addStatuses(hours, at);
      this.#addSeriesOutcomes(hourly ? dayIndex + hour : dayIndex, hours, at);
      addSources(bySource, sources, hour * sourceCapacity * OUTCOMES, sourceCount);
    }
  }

  /** The status counts and durations of HOUR_STRIDE numbers at `at`. */
  #addStatuses(numbers: Float64Array, at: number): void {
    const statusCounts = this.statusCounts;
    for (let i = 0; i < STATUS_COUNT; i++) statusCounts[i]! += numbers[at + i] as number;
    this.duration.sum += numbers[at + DURATION_SUM] as number;
    this.duration.count += numbers[at + DURATION_COUNT] as number;
  }

  /** Total, succeeded, failed and cancelled of HOUR_STRIDE numbers at `at`, into bucket `bucket`. */
  #addSeriesOutcomes(bucket: number, numbers: Float64Array, at: number): void {
    const series = this.series.numbersOf(bucket);
    const slot = this.series.offsetOf(bucket);
    series[slot]! += numbers[at + ALL_RUNS] as number;
    series[slot + 1]! += numbers[at + SUCCEEDED] as number;
    series[slot + 2]! += numbers[at + FAILED] as number;
    series[slot + 3]! += numbers[at + CANCELLED] as number;
  }

  /** The per-source sums, with room for every source named so far. */
  #bySourceRoom(sourceNames: readonly string[]): number[] {
    if (this.#bySourceIndex.length < sourceNames.length * OUTCOMES) {
      const wider = zeros(sourceNames.length * OUTCOMES);
      this.#bySourceIndex.forEach((n, i) => (wider[i] = n));
      this.#bySourceIndex = wider;
      this.#sourceNames = sourceNames;
    }
    return this.#bySourceIndex;
  }

  result(recentFailures: ObservedRun[]): ExecutionStats {
    this.#sourceNames.forEach((name, i) => {
      const source = this.#source(name);
      for (let k = 0; k < OUTCOMES; k++) source[k]! += this.#bySourceIndex[i * OUTCOMES + k] as number;
    });
    const counts = statusCountsOf(this.statusCounts);
    const total = this.statusCounts.reduce((sum, n) => sum + n, 0);
    const terminal = counts.succeeded + counts.failed + counts.cancelled;
    return {
      counts,
      total,
      terminal,
      successRatePercent: terminal === 0 ? 0 : (100 * counts.succeeded) / terminal,
      meanTerminalDurationMs: this.duration.count === 0 ? 0 : this.duration.sum / this.duration.count,
      statuses: RUN_STATUSES.filter((status) => counts[status] > 0).map((status) => ({ status, count: counts[status] })),
      sourceSystems: [...this.bySource.entries()]
        .filter(([, c]) => (c[0] as number) > 0)
        .map(([sourceSystem, c]) => ({ sourceSystem, total: c[0] as number, succeeded: c[1] as number, failed: c[2] as number, cancelled: c[3] as number }))
        .sort((a, b) => b.total - a.total || (a.sourceSystem < b.sourceSystem ? -1 : a.sourceSystem > b.sourceSystem ? 1 : 0)),
      timeSeries: this.series.series(),
      recentFailures,
    };
  }

  /** The index of the bucket holding `at`. */
  #bucket(at: Millis): number {
    return Math.floor((bucketStart(at, this.granularity) - this.#first) / this.#step);
  }

  #source(name: string): number[] {
    let source = this.bySource.get(name);
    if (source === undefined) this.bySource.set(name, (source = zeros(OUTCOMES)));
    return source;
  }
}

/** Adds `count` sources' outcome numbers, from `at` in `sources`, to `bySource` (OUTCOMES a source). */
function addSources(bySource: number[], sources: Float64Array, at: number, count: number): void {
  for (let source = 0; source < count; source++) {
    const from = at + source * OUTCOMES;
    if (sources[from] === 0) continue;
    const to = source * OUTCOMES;
    bySource[to]! += sources[from] as number;
    bySource[to + 1]! += sources[from + 1] as number;
    bySource[to + 2]! += sources[from + 2] as number;
    bySource[to + 3]! += sources[from + 3] as number;
  }
}

const STATUS_COUNT = RUN_STATUSES.length;
const SUCCEEDED = RUN_STATUSES.indexOf('succeeded');
const FAILED = RUN_STATUSES.indexOf('failed');
const CANCELLED = RUN_STATUSES.indexOf('cancelled');
