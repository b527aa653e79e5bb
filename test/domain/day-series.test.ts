/**
 * A day series (src/domain/store/run-aggregates.ts: a flow's totals per day, and all users' per day) against
 * the plain rule it stands for: a map from day to totals, one entry per day asked for, read for a window as
 * the days in [from, to) ascending. Days come in any order (runs created in the past through the admin API
 * land before days already counted), repeated or not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DaySeries } from '../../src/domain/store/run-aggregates.ts';

const DAY = 86_400_000;
const someDay = fc.integer({ min: 20_000, max: 20_060 }).map((n) => n * DAY);

describe('a day series', () => {
  it('holds one entry per day, and reads a window as the days in it, ascending, as a map of days would', () => {
    fc.assert(
      fc.property(fc.array(someDay, { maxLength: 80 }), fc.array(fc.tuple(someDay, someDay), { minLength: 1, maxLength: 10 }), (asked, windows) => {
        const series = new DaySeries(() => ({ count: 0 }));
        const plain = new Map<number, { count: number }>();
        for (const day of asked) {
          const totals = series.at(day);
          totals.count++;
          if (!plain.has(day)) plain.set(day, totals);
          // The same day, the same entry.
          expect(totals).toBe(plain.get(day));
        }
        for (const [a, b] of windows) {
          const [from, to] = a <= b ? [a, b] : [b, a];
          const { start, end } = series.range(from, to);
          const read: [number, { count: number }][] = [];
          for (let i = start; i < end; i++) read.push([series.dayAt(i), series.totalsAt(i)]);
          const expected = [...plain].filter(([day]) => day >= from && day < to).sort(([x], [y]) => x - y);
          expect(read).toEqual(expected);
          for (const [k, [, totals]] of read.entries()) expect(totals).toBe(expected[k]![1]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
