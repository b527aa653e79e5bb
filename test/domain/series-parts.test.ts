/**
 * SeriesBuilder counts a time series in parts (one per UTC day of an hourly series, one for a daily series):
 * whatever is added in whatever order, the parts laid end to end are the plain sums of a flat array, a
 * whole day added to nothing else is the snapshot itself (not a copy), and a snapshot is never written to.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeriesBuilder, flatSeries } from '../../src/domain/analytics/series-parts.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BASE = Date.parse('2026-03-01T00:00:00Z');

type Step = { kind: 'add'; bucket: number; k: number; n: number } | { kind: 'day'; day: number; seed: number };

describe('SeriesBuilder', () => {
  it('adds up to the plain sums, in parts of UTC days, whatever is added in whatever order', () => {
    const steps = fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('add' as const), bucket: fc.nat(200), k: fc.nat(3), n: fc.integer({ min: -3, max: 5 }) }),
        fc.record({ kind: fc.constant('day' as const), day: fc.nat(9), seed: fc.integer({ min: 1, max: 9 }) }),
      ),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 0, max: 200 }), steps, (lead, length, actions: Step[]) => {
        const first = BASE + lead * HOUR;
        const builder = new SeriesBuilder(first, HOUR, length);
        const plain = new Array<number>(length * 4).fill(0);
        const snapshots: { numbers: Float64Array; copy: number[] }[] = [];
        for (const action of actions) {
          if (action.kind === 'add') {
            if (action.bucket >= length) continue;
            builder.numbersOf(action.bucket)[builder.offsetOf(action.bucket) + action.k]! += action.n;
            plain[action.bucket * 4 + action.k]! += action.n;
          } else {
            // A whole UTC day inside the series, by its first bucket.
            const dayStart = Math.ceil(first / DAY) * DAY + action.day * DAY;
            const bucket = (dayStart - first) / HOUR;
            if (bucket + 24 > length) continue;
            const numbers = Float64Array.from({ length: 96 }, (_, k) => (k * action.seed) % 5);
            snapshots.push({ numbers, copy: [...numbers] });
            builder.addDay(bucket, numbers);
            for (let k = 0; k < 96; k++) plain[bucket * 4 + k]! += numbers[k] as number;
          }
        }
        const series = builder.series();
        expect(flatSeries(series)).toEqual({ starts: Array.from({ length }, (_, i) => first + i * HOUR), outcomes: plain });
        // Each part is one UTC day's buckets.
        let bucket = 0;
        for (const part of series.parts) {
          const start = first + bucket * HOUR;
          const dayEnd = Math.floor(start / DAY) * DAY + DAY;
          expect(part.numbers.length / 4).toBe(Math.min(length - bucket, (dayEnd - start) / HOUR));
          if (part.kept) expect(snapshots.some((s) => s.numbers === part.numbers)).toBe(true);
          bucket += part.numbers.length / 4;
        }
        expect(bucket).toBe(length);
        for (const { numbers, copy } of snapshots) expect([...numbers]).toEqual(copy);
      }),
    );
  });

  it('takes a whole day as it is stored when nothing else was counted in it, and copies it to correct it', () => {
    const builder = new SeriesBuilder(BASE - 2 * HOUR, HOUR, 2 + 48);
    const stored = Float64Array.from({ length: 96 }, (_, k) => k);
    builder.addDay(2, stored);
    builder.addDay(26, stored);
    builder.numbersOf(26 + 3)[builder.offsetOf(26 + 3)]! -= 1;
    const [before, first, second] = builder.series().parts;
    expect(before).toMatchObject({ kept: false, numbers: [0, 0, 0, 0, 0, 0, 0, 0] });
    expect(first).toEqual({ numbers: stored, kept: true });
    expect(first!.numbers).toBe(stored);
    expect(second!.kept).toBe(false);
    expect(second!.numbers[12]).toBe(11);
    expect(stored[12]).toBe(12);
  });

  it('keeps a daily series in one part, and an empty series in none', () => {
    const daily = new SeriesBuilder(BASE, DAY, 30);
    daily.numbersOf(29)[daily.offsetOf(29)]! += 2;
    const { parts } = daily.series();
    expect(parts).toHaveLength(1);
    expect(parts[0]!.numbers[29 * 4]).toBe(2);
    expect(new SeriesBuilder(BASE, HOUR, 0).series().parts).toEqual([]);
  });
});
