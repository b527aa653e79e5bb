/**
 * A zero-filled time series of outcome counts (total, succeeded, failed and cancelled: four numbers a bucket),
 * kept in parts laid end to end: one part per UTC day of an hourly series, one part for a daily series.
 *
 * A whole day counted from the stored hourly counts, and not corrected for this answer, is the store's
 * snapshot of that day itself (hourOutcomesSnapshot): nothing copied or added, nothing allocated, and an
 * identity a reader can remember what it wrote by (docs/performance.md#whole-days-by-identity). Every other
 * part is counted for this answer. `flatSeries` is the plain form, one start and four numbers a bucket.
 */
import { DAY, HOUR, type Millis } from '../records.ts';
import { zeros } from './zeros.ts';

export interface SeriesPart {
  /** Four numbers a bucket, for the part's buckets. */
  readonly numbers: ArrayLike<number>;
  /** `numbers` is a stored snapshot: the same array always holds the same numbers, for the same buckets. */
  readonly kept: boolean;
}

export interface TimeSeries {
  /** The start of bucket 0; bucket i starts at first + i · step. */
  readonly first: Millis;
  /** HOUR or DAY. */
  readonly step: Millis;
  /** Buckets in all. */
  readonly length: number;
  /** The buckets in order: an hourly series' part p is its p-th UTC day, a daily series has one part. */
  readonly parts: readonly SeriesPart[];
}

/** Four numbers a bucket. */
const NUMBERS = 4;
/** Hours in a part of an hourly series. */
const DAY_HOURS = DAY / HOUR;

/** The series as a start and four numbers per bucket: what the parts add up to. */
export function flatSeries(series: TimeSeries): { starts: Millis[]; outcomes: number[] } {
  const starts = Array.from({ length: series.length }, (_, i) => series.first + i * series.step);
  const outcomes: number[] = [];
  for (const part of series.parts) for (let k = 0; k < part.numbers.length; k++) outcomes.push(part.numbers[k] as number);
  return { starts, outcomes };
}

/** Counts a series of `length` buckets from `first` by `step`, part by part (the module comment says how). */
export class SeriesBuilder {
  readonly #first: Millis;
  readonly #step: Millis;
  readonly #length: number;
  /** Hourly: hours of the first UTC day before bucket 0, so that part p starts at bucket p · 24 − lead. */
  readonly #lead: number;
  readonly #numbers: (ArrayLike<number> | undefined)[];
  /** Whether the part's numbers are a snapshot (read only), else this series' own array. */
  readonly #kept: boolean[];

  constructor(first: Millis, step: Millis, length: number) {
    this.#first = first;
    this.#step = step;
    this.#length = length;
    this.#lead = step === HOUR ? (first - Math.floor(first / DAY) * DAY) / HOUR : 0;
    const parts = length === 0 ? 0 : this.#partOf(length - 1) + 1;
    this.#numbers = new Array<ArrayLike<number> | undefined>(parts).fill(undefined);
    this.#kept = new Array<boolean>(parts).fill(false);
  }

  /** The part bucket `bucket` is in. */
  #partOf(bucket: number): number {
    return this.#step === HOUR ? Math.floor((bucket + this.#lead) / DAY_HOURS) : 0;
  }

  /** The index of the first bucket of part `part`. */
  #partStart(part: number): number {
    return this.#step === HOUR ? Math.max(0, part * DAY_HOURS - this.#lead) : 0;
  }

  #partLength(part: number): number {
    if (this.#step !== HOUR) return this.#length;
    return Math.min(this.#length, (part + 1) * DAY_HOURS - this.#lead) - this.#partStart(part);
  }

  /** The array holding bucket `bucket`'s four numbers, at `offsetOf(bucket)`: this series' own, to add to. */
  numbersOf(bucket: number): number[] {
    const part = this.#partOf(bucket);
    const numbers = this.#numbers[part];
    if (numbers !== undefined && !this.#kept[part]) return numbers as number[];
    // Nothing yet (zeros), or a snapshot to be corrected: a copy of its own.
    const own = numbers === undefined ? zeros(this.#partLength(part) * NUMBERS) : Array.from(numbers);
    this.#numbers[part] = own;
    this.#kept[part] = false;
    return own;
  }

  /** Where bucket `bucket`'s four numbers start in `numbersOf(bucket)`. */
  offsetOf(bucket: number): number {
    return (bucket - this.#partStart(this.#partOf(bucket))) * NUMBERS;
  }

  /**
   * Adds a whole UTC day of an hourly series whose first bucket is `bucket`: `snapshot` holds its 24 hours'
   * four numbers and never changes. Taken as it is when nothing else was counted in the day yet.
   */
  addDay(bucket: number, snapshot: ArrayLike<number>): void {
    const part = this.#partOf(bucket);
    if (this.#numbers[part] === undefined && this.#partLength(part) * NUMBERS === snapshot.length) {
      this.#numbers[part] = snapshot;
      this.#kept[part] = true;
      return;
    }
    const numbers = this.numbersOf(bucket);
    const at = this.offsetOf(bucket);
    for (let k = 0; k < snapshot.length; k++) numbers[at + k]! += snapshot[k] as number;
  }

  series(): TimeSeries {
    const parts = this.#numbers.map((numbers, part): SeriesPart => ({
      numbers: numbers ?? zeros(this.#partLength(part) * NUMBERS),
      kept: this.#kept[part] as boolean,
    }));
    return { first: this.#first, step: this.#step, length: this.#length, parts };
  }
}
