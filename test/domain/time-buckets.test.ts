/**
 * bucketLabel remembers the labels it formats (src/domain/analytics/time-buckets.ts): it must say what the
 * plain formatting says, for every granularity, at bucket starts and at any instant, asked once or again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketLabel, bucketLabelOf, bucketStart } from '../../src/domain/analytics/time-buckets.ts';

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
