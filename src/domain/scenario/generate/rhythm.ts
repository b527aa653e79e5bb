/**
 * When generated runs happen: a weight for every hour of the span (a weekday/weekend rhythm, a working-day
 * curve in UTC, slow growth over the span and some day-to-day noise), sampled through its cumulative sum.
 * Dashboards over this data show the shapes production data has.
 */
import { upperBound } from '../../../lib/binary-search.ts';
import { HOUR, type Millis } from '../../records.ts';
import type { Random } from '../../random.ts';

const WEEKDAY_WEIGHT = [0.3, 1, 1.05, 1.05, 1, 0.9, 0.35]; // Sunday first, as Date#getUTCDay

/** How busy the hour of `at` is: a weekday/weekend factor times a working-hours curve peaking at 14:00 UTC. */
export function rhythmWeightByDate(at: Millis): number {
  const date = new Date(at);
  const hourOfDay = date.getUTCHours() + 0.5;
  const workingDay = 0.12 + Math.exp(-((hourOfDay - 14) ** 2) / (2 * 3.6 ** 2));
  return (WEEKDAY_WEIGHT[date.getUTCDay()] as number) * workingDay;
}

/**
 * rhythmWeightByDate for each of the week's 168 hours, Sunday 00:00 UTC first: computed by it, so equal to
 * it bit for bit. A scenario's build weighs every hour of its span (2,160 for 90 days), and a Date per hour
 * was a measurable part of start-up (docs/package.md#start-up).
 */
const WEEK_WEIGHTS = (() => {
  const sunday = Date.UTC(2026, 0, 4);
  return Float64Array.from({ length: 168 }, (_, h) => rhythmWeightByDate(sunday + h * HOUR));
})();

/** The hour of the week of `at` (0: Sunday 00:00 UTC); 1970-01-01 was a Thursday. */
function hourOfWeek(at: Millis): number {
  const hours = Math.floor(at / HOUR) + 4 * 24;
  return ((hours % 168) + 168) % 168;
}

/** How busy the hour of `at` is: rhythmWeightByDate, read from the week's table (test/domain/rhythm.test.ts). */
export function rhythmWeight(at: Millis): number {
  return WEEK_WEIGHTS[hourOfWeek(at)] as number;
}

/** The mean of rhythmWeight over a week, to turn a daily volume into an hourly rate. */
export const MEAN_RHYTHM_WEIGHT = (() => {
  let sum = 0;
  const monday = Date.UTC(2026, 0, 5);
  for (let h = 0; h < 168; h++) sum += rhythmWeight(monday + h * HOUR);
  return sum / 168;
})();

export class HourlyRhythm {
  readonly #start: Millis;
  readonly #end: Millis;
  readonly #cumulative: Float64Array;

  constructor(start: Millis, end: Millis, random: Random) {
    this.#start = start;
    this.#end = end;
    const hours = Math.max(1, Math.ceil((end - start) / HOUR));
    this.#cumulative = new Float64Array(hours);
    let dayNoise = 1;
    let total = 0;
    for (let h = 0; h < hours; h++) {
      const at = start + h * HOUR;
      if (h === 0 || hourOfWeek(at) % 24 === 0) dayNoise = Math.exp(0.18 * random.normal());
      const growth = 0.75 + 0.5 * (h / hours);
      // The last hour may be cut short by `end`.
      const length = Math.min(HOUR, end - at) / HOUR;
      total += rhythmWeight(at) * growth * dayNoise * length;
      this.#cumulative[h] = total;
    }
  }

  /** One instant in [start, end], drawn with the rhythm's weights. */
  sample(random: Random): Millis {
    const total = this.#cumulative[this.#cumulative.length - 1] as number;
    const target = random.next() * total;
    // The first hour whose cumulative weight passes the target; the last hour takes what rounding leaves.
    const hour = upperBound(this.#cumulative, target, this.#cumulative.length - 1);
    const hourStart = this.#start + hour * HOUR;
    return Math.min(this.#end, Math.floor(hourStart + random.next() * HOUR));
  }
}
