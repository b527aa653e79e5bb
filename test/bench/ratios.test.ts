/**
 * The benchmark's targets compare flowmock with its peers in the same run. Measured in rounds, a ratio is the
 * median of the rounds' ratios (bench/report.ts, reqPerSecRatio): a server's rounds are paired with its
 * peer's of the same round, never with another moment's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { roundOrder, TARGET_NAMES, type RunResult } from '../../bench/load.ts';
import { evaluate, findRun, HUGE, HUGE_PAIRED, reqPerSecRatio, type BenchResults } from '../../bench/report.ts';

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

describe('huge\'s p50 against default\'s', () => {
  // The last full benchmark's results, without paired rounds of its own (each test adds its own).
  const latest = JSON.parse(readFileSync(new URL('../../bench/results/latest.json', import.meta.url), 'utf8')) as BenchResults;
  const measured: BenchResults = { ...latest, runs: latest.runs.filter((r) => r.scenario !== HUGE_PAIRED.default && r.scenario !== HUGE_PAIRED.huge) };
  const hugeCheck = (results: BenchResults, mix: string) => evaluate(results).find((c) => c.name === `${mix}: p50 on huge vs default`);
  const paired = (scenario: string, mix: string, p50Ms: number) => ({ ...findRun(measured, 'flowmock', HUGE.scenario, mix)!, scenario, p50Ms, valid: true }) as RunResult;

  it('is judged on the rounds with both servers up at once, the median of their ratios, not on runs minutes apart', () => {
    const mix = 'b3os';
    // Apart: huge's one run at 10 ms against default's median round at 1 ms would be 10×, a FAIL.
    const runs = measured.runs.map((r) => (r.target === 'flowmock' && r.mix === mix && r.scenario === HUGE.scenario ? { ...r, p50Ms: 10 } : r.target === 'flowmock' && r.mix === mix && r.scenario === 'default' ? { ...r, p50Ms: 1 } : r));
    // Round by round: 2.0, 1.1, 1.2 → 1.2.
    const rounds = [[1, 2], [2, 2.2], [1.5, 1.8]] as const;
    const results = { ...measured, runs: [...runs, ...rounds.flatMap(([small, big]) => [paired(HUGE_PAIRED.default, mix, small), paired(HUGE_PAIRED.huge, mix, big)])] };
    const check = hugeCheck(results, mix);
    expect(check?.verdict).toBe('PASS');
    expect(check?.measured).toMatch(/^1\.20×, median of 3 rounds/);
    // Without the paired rounds (results from before them), the runs apart decide.
    expect(hugeCheck({ ...measured, runs }, mix)?.verdict).toBe('FAIL');
  });

  it('fails when the rounds say so', () => {
    const mix = 'multiplai-uncached';
    const results = { ...measured, runs: [...measured.runs, ...[[1, 2], [1, 1.6], [1, 1.4]].flatMap(([small, big]) => [paired(HUGE_PAIRED.default, mix, small!), paired(HUGE_PAIRED.huge, mix, big!)])] };
    expect(hugeCheck(results, mix)?.verdict).toBe('FAIL');
  });
});
