/**
 * The hourly rhythm of generated runs: its week's table (the fast path) against the rule it was computed by,
 * which reads a Date. Equal bit for bit at any instant, before 1970 and far ahead, on and off the hour.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rhythmWeight, rhythmWeightByDate } from '../../src/domain/scenario/generate/rhythm.ts';

const YEAR = 365.25 * 86_400_000;

describe('rhythmWeight', () => {
  it('is rhythmWeightByDate at every instant', () => {
    fc.assert(fc.property(fc.integer({ min: -60 * YEAR, max: 200 * YEAR }), (at) => {
      expect(Object.is(rhythmWeight(at), rhythmWeightByDate(at))).toBe(true);
    }), { numRuns: 20_000 });
  });

  it('is rhythmWeightByDate on each hour boundary of a week either side of the epoch and of a leap day', () => {
    for (const origin of [0, Date.UTC(2028, 1, 29)]) {
      for (let hour = -170; hour <= 170; hour++) {
        for (const at of [origin + hour * 3_600_000 - 1, origin + hour * 3_600_000]) expect(rhythmWeight(at)).toBe(rhythmWeightByDate(at));
      }
    }
  });
});
