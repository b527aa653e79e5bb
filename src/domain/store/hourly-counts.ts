/**
 * A workspace's runs counted per UTC hour by actual status (B3OS's execution stats): one block of typed
 * arrays per UTC day that has runs, so a 30-day hourly answer reads 31 blocks instead of looking up 720
 * hours, and sums numbers without touching an object per hour. Each block also keeps its day's sums and its
 * hours' outcomes side by side, so a whole day inside a window costs a few dozen additions, not 24 hours'.
 *
 * Per hour: the count of each status (by RUN_STATUSES index), then the sum and count of the durations of
 * terminal runs with a start, then the count of all runs. Per hour and source system (by its index in
 * `sourceNames`): total, succeeded, failed, cancelled.
 */
import { DAY, HOUR, type Millis } from '../records.ts';
import { RUN_STATUSES, STATUS_INDEX } from '../status.ts';
import type { RunTable } from './run-table.ts';


/** Numbers per hour in `DayBlock.hours`: every status, then duration sum, duration count and all runs. */
export const HOUR_STRIDE = RUN_STATUSES.length + 3;
export const DURATION_SUM = RUN_STATUSES.length;
export const DURATION_COUNT = RUN_STATUSES.length + 1;
/** The hour's runs, every status: 0 lets a reader skip the hour. */
export const ALL_RUNS = RUN_STATUSES.length + 2;
/** Numbers per hour and source in `DayBlock.sources`: total, succeeded, failed, cancelled. */
export const OUTCOMES = 4;

export interface DayBlock {
  /** 24 × HOUR_STRIDE. */
  readonly hours: Float64Array;
  /** 24 × `sourceCapacity` × OUTCOMES: hour h, source s at (h × sourceCapacity + s) × OUTCOMES. */
  sources: Float64Array;
  sourceCapacity: number;
  /** HOUR_STRIDE numbers: the sums of the day's 24 hours in `hours`. */
  readonly totals: Float64Array;
  /** `sourceCapacity` × OUTCOMES: the sums of the day's 24 hours in `sources`. */
  sourceTotals: Float64Array;
  /** 24 × OUTCOMES: each hour's total, succeeded, failed and cancelled, in a row (the day's hourly series). */
  readonly hourOutcomes: Float64Array;
  /** A copy of `hourOutcomes` handed to readers (`hourOutcomesSnapshot`), dropped when a run of the day is counted. */
  snapshot: Float64Array | undefined;
}

/**
 * The day's hourly outcomes as an array that never changes: the same object on every call until a run of the
 * day is counted, then a new copy. So a reader may remember what it made of them by the array's identity
 * (B3OS's series text, docs/performance.md#whole-days-by-identity), and may keep it without seeing it change.
 */
export function hourOutcomesSnapshot(block: DayBlock): Float64Array {
  return (block.snapshot ??= block.hourOutcomes.slice());
}

export class HourlyCounts {
  readonly #days = new Map<Millis, DayBlock>();
  /** This workspace's index of each source system, by its index in the dataset's pool (-1: not seen yet). */
  readonly #sourceIndex: number[] = [];
  /** Source systems by index, in order of first appearance. */
  readonly sourceNames: string[] = [];
  /** The block counted last: runs come by creation, so most runs fall in the day of the one before. */
  #lastDay = Number.NaN;
  #lastBlock: DayBlock | undefined;

  /** The block of the UTC day starting at `day`, if any run was ever counted in it. */
  day(day: Millis): DayBlock | undefined {
    return this.#days.get(day);
  }

  /** Counts row `row` of `table` (sign 1) or takes it out (-1), by its actual status. */
  count(table: RunTable, row: number, sign: 1 | -1): void {
    const createdAt = table.createdAt[row] as number;
    const dayStart = Math.floor(createdAt / DAY) * DAY;
    const hour = Math.floor((createdAt - dayStart) / HOUR);
    const source = this.#source(table, table.source[row] as number);
    const block = dayStart === this.#lastDay ? (this.#lastBlock as DayBlock) : this.#block(dayStart);
    if (source >= block.sourceCapacity) grow(block, this.sourceNames.length);
    const status = table.status[row] as number;
    const startedAt = table.startedAt[row] as number;
    const finishedAt = table.finishedAt[row] as number;
    // NaN (no duration) unless terminal with both instants; NaN - x is NaN.
    const duration = status >= FIRST_TERMINAL ? finishedAt - startedAt : Number.NaN;
    addStatus(block.hours, hour * HOUR_STRIDE, status, duration, sign);
    addStatus(block.totals, 0, status, duration, sign);
    addOutcome(block.sources, (hour * block.sourceCapacity + source) * OUTCOMES, status, sign);
    addOutcome(block.sourceTotals, source * OUTCOMES, status, sign);
    addOutcome(block.hourOutcomes, hour * OUTCOMES, status, sign);
    block.snapshot = undefined;
  }

  #block(dayStart: Millis): DayBlock {
    let block = this.#days.get(dayStart);
    if (block === undefined) {
      const capacity = Math.max(4, this.sourceNames.length);
      // One allocation, five views: a typed array's own buffer costs far more to create than a view, and a
      // build makes a block for every workspace and day (docs/package.md#start-up).
      const numbers = new Float64Array(24 * HOUR_STRIDE + 24 * capacity * OUTCOMES + HOUR_STRIDE + capacity * OUTCOMES + 24 * OUTCOMES);
      let used = 0;
      const take = (length: number) => numbers.subarray(used, (used += length));
      block = {
        hours: take(24 * HOUR_STRIDE),
        sources: take(24 * capacity * OUTCOMES),
        sourceCapacity: capacity,
        totals: take(HOUR_STRIDE),
        sourceTotals: take(capacity * OUTCOMES),
        hourOutcomes: take(24 * OUTCOMES),
        snapshot: undefined,
      };
      this.#days.set(dayStart, block);
    }
    this.#lastDay = dayStart;
    this.#lastBlock = block;
    return block;
  }

  #source(table: RunTable, pooled: number): number {
    let index = this.#sourceIndex[pooled];
    if (index === undefined || index < 0) {
      while (this.#sourceIndex.length <= pooled) this.#sourceIndex.push(-1);
      index = this.sourceNames.length;
      this.#sourceIndex[pooled] = index;
      this.sourceNames.push(table.pools.sources.at(pooled));
    }
    return index;
  }
}

/** Adds a run of status index `status` (and its duration, unless NaN) to the HOUR_STRIDE numbers at `at`. */
function addStatus(numbers: Float64Array, at: number, status: number, duration: number, sign: 1 | -1): void {
  numbers[at + status]! += sign;
  numbers[at + ALL_RUNS]! += sign;
  if (duration === duration) {
    numbers[at + DURATION_SUM]! += sign * duration;
    numbers[at + DURATION_COUNT]! += sign;
  }
}

/** Adds a run of status index `status` to the four outcome numbers at `at`: total, succeeded, failed, cancelled. */
function addOutcome(numbers: Float64Array, at: number, status: number, sign: 1 | -1): void {
  numbers[at]! += sign;
  if (status === SUCCEEDED) numbers[at + 1]! += sign;
  else if (status === FAILED) numbers[at + 2]! += sign;
  else if (status === CANCELLED) numbers[at + 3]! += sign;
}

const SUCCEEDED = STATUS_INDEX.succeeded;
const FAILED = STATUS_INDEX.failed;
const CANCELLED = STATUS_INDEX.cancelled;
/** Terminal statuses are the last three of RUN_STATUSES. */
const FIRST_TERMINAL = SUCCEEDED;

/** Room for `needed` sources in every hour of a block and in its totals (a new source system appeared). */
function grow(block: DayBlock, needed: number): void {
  const capacity = Math.max(needed, block.sourceCapacity * 2);
  const sources = new Float64Array(24 * capacity * OUTCOMES);
  for (let hour = 0; hour < 24; hour++) {
    sources.set(block.sources.subarray(hour * block.sourceCapacity * OUTCOMES, (hour + 1) * block.sourceCapacity * OUTCOMES), hour * capacity * OUTCOMES);
  }
  const sourceTotals = new Float64Array(capacity * OUTCOMES);
  sourceTotals.set(block.sourceTotals);
  block.sources = sources;
  block.sourceTotals = sourceTotals;
  block.sourceCapacity = capacity;
}
