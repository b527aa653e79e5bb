/**
 * UTC calendar buckets: hour, day, ISO week (Monday first; the week-year of its Thursday) and month.
 * Every series built from them is zero-filled: one bucket per step from the first to the last, whether
 * or not anything happened in it. UTC only, so no bucket is ever 23 or 25 hours long.
 */
import { DAY, HOUR, type Millis } from '../records.ts';

export type Granularity = 'hour' | 'day' | 'week' | 'month';


/** The start of the bucket that contains `at`. */
export function bucketStart(at: Millis, granularity: Granularity): Millis {
  switch (granularity) {
    case 'hour':
      return Math.floor(at / HOUR) * HOUR;
    case 'day':
      return Math.floor(at / DAY) * DAY;
    case 'week': {
      const day = Math.floor(at / DAY) * DAY;
      const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
      return day - weekday * DAY;
    }
    case 'month': {
      const d = new Date(at);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
  }
}

/** The start of the bucket after the one that starts at `start`. */
export function nextBucket(start: Millis, granularity: Granularity): Millis {
  switch (granularity) {
    case 'hour':
      return start + HOUR;
    case 'day':
      return start + DAY;
    case 'week':
      return start + 7 * DAY;
    case 'month': {
      const d = new Date(start);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
  }
}

/** Every bucket start from the bucket of `from` to the bucket of `to`, ascending (empty if from > to). */
export function bucketStarts(from: Millis, to: Millis, granularity: Granularity): Millis[] {
  const starts: Millis[] = [];
  if (from > to) return starts;
  const last = bucketStart(to, granularity);
  for (let at = bucketStart(from, granularity); at <= last; at = nextBucket(at, granularity)) starts.push(at);
  return starts;
}

/** ISO 8601 week-year and week number of the instant's UTC date. */
export function isoWeek(at: Millis): { year: number; week: number } {
  const day = Math.floor(at / DAY) * DAY;
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  const thursday = new Date(day + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return { year, week };
}

/** `YYYY-MM-DD`, `YYYY-WW` (ISO week-year and week) or `YYYY-MM` for a day, week or month bucket. */
export function bucketLabelOf(start: Millis, granularity: Exclude<Granularity, 'hour'>): string {
  const iso = new Date(start).toISOString();
  switch (granularity) {
    case 'day':
      return iso.slice(0, 10);
    case 'month':
      return iso.slice(0, 7);
    case 'week': {
      const { year, week } = isoWeek(start);
      return `${year}-${String(week).padStart(2, '0')}`;
    }
  }
}

/** Labels remembered per granularity, by bucket start; forgotten all at once past LABELS_KEPT. */
const labels: Record<Exclude<Granularity, 'hour'>, Map<Millis, string>> = { day: new Map(), week: new Map(), month: new Map() };
const LABELS_KEPT = 100_000;

/**
 * bucketLabelOf, remembered: a Multiplai answer labels up to 1,000 buckets, and formatting each through
 * Date#toISOString was 40% of computing it, while dashboards ask about the same days again and again. A
 * label is a pure function of the bucket's start, so nothing is ever stale
 * (test/domain/time-buckets.test.ts holds the two equal).
 */
export function bucketLabel(start: Millis, granularity: Exclude<Granularity, 'hour'>): string {
  const kept = labels[granularity];
  let label = kept.get(start);
  if (label === undefined) {
    if (kept.size >= LABELS_KEPT) kept.clear();
    label = bucketLabelOf(start, granularity);
    kept.set(start, label);
  }
  return label;
}

/** A window's bucket starts, ascending, and each one's label (`bucketLabelOf`). */
export interface BucketWindow {
  readonly starts: readonly Millis[];
  readonly labels: readonly string[];
  /** Whether the labels ascend strictly as the starts do (in code-unit order): rows sorted by label are then in window order. */
  readonly labelsAscend: boolean;
}

/** Windows remembered by granularity, first and last instant; forgotten all at once past WINDOWS_KEPT. */
const windows = new Map<string, BucketWindow>();
const WINDOWS_KEPT = 1_000;

/**
 * `bucketStarts(from, to, granularity)` and their labels, remembered: every Multiplai answer grouped by date
 * over the same period (up to 1,000 buckets) asks for the same window, which was built each time (the starts
 * pushed one by one, then a label looked up for each). A window is a pure function
 * of its arguments, so nothing is ever stale; it is frozen, since every caller shares it
 * (test/domain/time-buckets.test.ts holds it equal to the plain rule).
 */
export function bucketWindow(from: Millis, to: Millis, granularity: Exclude<Granularity, 'hour'>): BucketWindow {
  const key = `${granularity} ${from} ${to}`;
  let window = windows.get(key);
  if (window === undefined) {
    if (windows.size >= WINDOWS_KEPT) windows.clear();
    const starts = bucketStarts(from, to, granularity);
    const labels = starts.map((start) => bucketLabel(start, granularity));
    window = { starts: Object.freeze(starts), labels: Object.freeze(labels), labelsAscend: labels.every((label, i) => i === 0 || (labels[i - 1] as string) < label) };
    windows.set(key, window);
  }
  return window;
}

/** The UTC calendar date of an instant, `YYYY-MM-DD`. */
export function utcDate(at: Millis): string {
  return new Date(at).toISOString().slice(0, 10);
}

export const MILLIS_PER_DAY = DAY;
