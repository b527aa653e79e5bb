/**
 * The benchmark's targets compare flowmock with its peers in the same run. Measured in rounds, a ratio is the
 * median of the rounds' ratios (bench/report.ts, reqPerSecRatio): a server's rounds are paired with its
 * peer's of the same round, never with another moment's.
 */
import { describe, expect, it } from 'vitest';
import { roundOrder, TARGET_NAMES, type RunResult } from '../../bench/load.ts';
import { reqPerSecRatio } from '../../bench/report.ts';

const run = (reqPerSec: number, roundsReqPerSec?: number[]) => ({ reqPerSec, ...(roundsReqPerSec ? { roundsReqPerSec } : {}) }) as unknown as RunResult;

describe('reqPerSecRatio', () => {
  it('is the median of the rounds\' ratios, paired round by round', () => {
    // Medians apart: 6000 / 4000 = 1.5. Round by round: 2.0, 1.2, 1.25 → 1.25.
    expect(reqPerSecRatio(run(6000, [8000, 6000, 5000]), run(4000, [4000, 5000, 4000]))).toBeCloseTo(1.25, 10);
    // The same figures in another pairing give another ratio: the pairing is what counts.
    expect(reqPerSecRatio(run(6000, [5000, 6000, 8000]), run(4000, [4000, 5000, 4000]))).toBeCloseTo(1.25, 10);
    expect(reqPerSecRatio(run(6000, [8000, 5000, 6000]), run(4000, [5000, 4000, 4000]))).toBeCloseTo(1.5, 10);
  });

  it('is the ratio of the two runs without rounds, or when their rounds do not pair up', () => {
    expect(reqPerSecRatio(run(6000), run(4000))).toBe(1.5);
    expect(reqPerSecRatio(run(6000, [8000, 6000, 5000]), run(4000))).toBe(1.5);
    expect(reqPerSecRatio(run(6000, [8000, 6000, 5000]), run(4000, [4000, 5000]))).toBe(1.5);
    expect(reqPerSecRatio(run(6000, [6000]), run(4000, [4000]))).toBe(1.5);
    expect(reqPerSecRatio(undefined, run(4000))).toBeNaN();
  });
});

describe('roundOrder', () => {
  it('puts flowmock next to Express and Prism -v error, reverses them every other round, and runs every server once', () => {
    expect(roundOrder(0).slice(0, 3)).toEqual(['flowmock', 'express', 'prism']);
    expect(roundOrder(1).slice(0, 3)).toEqual(['prism', 'express', 'flowmock']);
    expect(roundOrder(2)).toEqual(roundOrder(0));
    for (const round of [0, 1]) expect([...roundOrder(round)].sort()).toEqual([...TARGET_NAMES].sort());
  });
});
