import { describe, expect, it } from 'vitest';
import { lowerBound, partitionPoint, upperBound } from '../../src/lib/binary-search.ts';

/** A small seeded generator (mulberry32), so that a failure replays. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An ascending array with many duplicates (values drawn from a small range). */
function sortedArray(random: () => number): number[] {
  const length = Math.floor(random() * 40);
  const range = 1 + Math.floor(random() * 20);
  return Array.from({ length }, () => Math.floor(random() * range)).sort((a, b) => a - b);
}

/** The first index in [0, end) where `isBefore` fails, by a linear scan. */
function linear(end: number, isBefore: (index: number) => boolean): number {
  for (let i = 0; i < end; i++) if (!isBefore(i)) return i;
  return end;
}

describe('partitionPoint', () => {
  it.each([
    ['an empty range', [], 0],
    ['all before', [true, true, true], 3],
    ['none before', [false, false, false], 0],
    ['one before', [true, false, false, false], 1],
    ['all but the last before', [true, true, true, false], 3],
    ['a single true', [true], 1],
    ['a single false', [false], 0],
  ])('%s', (_, flags: boolean[], expected: number) => {
    expect(partitionPoint(flags.length, (i) => flags[i] as boolean)).toBe(expected);
  });

  it('asks only about indexes in the range, about log2(length) times', () => {
    for (const length of [0, 1, 2, 3, 7, 8, 1000, 1 << 20]) {
      for (const point of new Set([0, length >> 1, length])) {
        const asked: number[] = [];
        expect(partitionPoint(length, (i) => (asked.push(i), i < point))).toBe(point);
        expect(asked.every((i) => Number.isInteger(i) && i >= 0 && i < length)).toBe(true);
        expect(asked.length).toBeLessThanOrEqual(Math.ceil(Math.log2(length + 1)));
      }
    }
  });

  it('agrees with a linear scan on random arrays', () => {
    const random = seeded(1);
    for (let round = 0; round < 2000; round++) {
      const values = sortedArray(random);
      const value = Math.floor(random() * 22) - 1;
      expect(partitionPoint(values.length, (i) => (values[i] as number) < value)).toBe(linear(values.length, (i) => (values[i] as number) < value));
      expect(partitionPoint(values.length, (i) => (values[i] as number) <= value)).toBe(linear(values.length, (i) => (values[i] as number) <= value));
    }
  });
});

describe('lowerBound and upperBound', () => {
  const values = [1, 3, 3, 3, 7, 9];
  it.each([
    // value, lowerBound (first ≥), upperBound (first >)
    [0, 0, 0],
    [1, 0, 1],
    [2, 1, 1],
    [3, 1, 4],
    [4, 4, 4],
    [7, 4, 5],
    [9, 5, 6],
    [10, 6, 6],
    [Number.NEGATIVE_INFINITY, 0, 0],
    [Number.POSITIVE_INFINITY, 6, 6],
  ])('around %d in [1, 3, 3, 3, 7, 9]', (value, lower, upper) => {
    expect(lowerBound(values, value)).toBe(lower);
    expect(upperBound(values, value)).toBe(upper);
  });

  it('an empty array', () => {
    expect(lowerBound([], 5)).toBe(0);
    expect(upperBound(new Float64Array(0), 5)).toBe(0);
  });

  it('searches only [0, end) when given an end', () => {
    expect(lowerBound(values, 100, 3)).toBe(3);
    expect(upperBound(values, 3, 2)).toBe(2);
    expect(upperBound(values, 0, 0)).toBe(0);
    expect(upperBound(values, 5, 5)).toBe(4);
  });

  it('reads typed arrays (cumulative weights)', () => {
    const cumulative = Float64Array.from([0.5, 0.5, 1.25, 2]);
    expect(upperBound(cumulative, 0.5)).toBe(2);
    expect(upperBound(cumulative, 0.49)).toBe(0);
    expect(lowerBound(cumulative, 0.5)).toBe(0);
  });

  it('agree with a linear scan on random arrays, whole and cut short', () => {
    const random = seeded(2);
    for (let round = 0; round < 5000; round++) {
      const sorted = sortedArray(random);
      const value = Math.floor(random() * 22) - 1 + (random() < 0.3 ? 0.5 : 0);
      const end = random() < 0.5 ? sorted.length : Math.floor(random() * (sorted.length + 1));
      const typed = Float64Array.from(sorted);
      const lower = linear(end, (i) => (sorted[i] as number) < value);
      const upper = linear(end, (i) => (sorted[i] as number) <= value);
      expect(lowerBound(sorted, value, end)).toBe(lower);
      expect(lowerBound(typed, value, end)).toBe(lower);
      expect(upperBound(sorted, value, end)).toBe(upper);
      expect(upperBound(typed, value, end)).toBe(upper);
    }
  });
});
