/**
 * bucketLabel remembers the labels it formats (src/domain/analytics/time-buckets.ts): it must say what the
 * plain formatting says, for every granularity, at bucket starts and at any instant, asked once or again.
 * bucketStarts must give the starts of the step-by-step rule, for every granularity.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketLabel, bucketLabelOf, bucketStart, bucketStarts, bucketWindow, nextBucket, type Granularity } from '../../src/domain/analytics/time-buckets.ts';

const granularities = ['day', 'week', 'month'] as const;
// Year 1970 to 2100: ISO weeks across year ends, leap days, month ends.
const instants = fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) });

describe('bucketLabel, remembered', () => {
  it('is bucketLabelOf for any instant and granularity, the first time and again', () => {
    fc.assert(fc.property(instants, fc.constantFrom(...granularities), (at, granularity) => {
      const start = bucketStart(at, granularity);
      expect(bucketLabel(start, granularity)).toBe(bucketLabelOf(start, granularity));
      expect(bucketLabel(start, granularity)).toBe(bucketLabelOf(start, granularity));
      expect(bucketLabel(at, granularity)).toBe(bucketLabelOf(at, granularity));
    }), { numRuns: 2000 });
  });

  it('keeps the granularities apart (the same instant is a day, a week and a month)', () => {
    const at = Date.UTC(2026, 0, 1); // a Thursday: ISO week 2026-01
    expect(granularities.map((g) => bucketLabel(at, g))).toEqual(['2026-01-01', '2026-01', '2026-01']);
    const sunday = Date.UTC(2027, 0, 3); // ISO week 53 of 2026
    expect(granularities.map((g) => bucketLabel(sunday, g))).toEqual(['2027-01-03', '2026-53', '2027-01']);
  });
});

describe('bucketStarts', () => {
  /** The plain rule: from the bucket of `from`, one step at a time, while not past the bucket of `to`. */
  function stepByStep(from: number, to: number, granularity: Granularity): number[] {
    const starts: number[] = [];
    if (from > to) return starts;
    for (let at = bucketStart(from, granularity); at <= bucketStart(to, granularity); at = nextBucket(at, granularity)) starts.push(at);
    return starts;
  }

  it('is every bucket start from the bucket of from to the bucket of to, for any window and granularity', () => {
    const span = fc.integer({ min: -2 * 86_400_000, max: 400 * 86_400_000 });
    fc.assert(fc.property(instants, span, fc.constantFrom('hour', 'day', 'week', 'month' as const), (from, length, granularity) => {
      const to = from + (granularity === 'hour' ? Math.trunc(length / 40) : length);
      expect(bucketStarts(from, to, granularity)).toEqual(stepByStep(from, to, granularity));
    }), { numRuns: 1000 });
  });
});

describe('bucketWindow, remembered', () => {
  it('is the starts of bucketStarts and their labels, for any window and granularity, the first time and again', () => {
    const span = fc.integer({ min: -2 * 86_400_000, max: 400 * 86_400_000 });
    fc.assert(fc.property(instants, span, fc.constantFrom(...granularities), (from, length, granularity) => {
      const to = from + length;
      const starts = bucketStarts(from, to, granularity);
      const labels = starts.map((start) => bucketLabelOf(start, granularity));
      const labelsAscend = labels.every((label, i) => i === 0 || [labels[i - 1], label].sort()[0] === labels[i - 1] && labels[i - 1] !== label);
      const expected = { starts, labels, labelsAscend };
      expect({ ...bucketWindow(from, to, granularity) }).toEqual(expected);
      expect({ ...bucketWindow(from, to, granularity) }).toEqual(expected);
    }), { numRuns: 1000 });
  });

  it('says its labels ascend for windows of four-digit years, and not when a year of five digits follows', () => {
    for (const granularity of granularities) {
      expect(bucketWindow(Date.UTC(2024, 10, 3), Date.UTC(2026, 11, 31), granularity).labelsAscend).toBe(true);
      expect(bucketWindow(Date.UTC(9999, 0, 1), Date.UTC(10000, 2, 1), granularity).labelsAscend).toBe(false);
    }
  });

  it('cannot be changed by whoever it is given to', () => {
    const window = bucketWindow(Date.UTC(2026, 0, 1), Date.UTC(2026, 2, 31), 'day');
    expect(Object.isFrozen(window.starts) && Object.isFrozen(window.labels)).toBe(true);
  });
});
