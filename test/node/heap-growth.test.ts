/** The CLI's server bounds V8's heap growth on large datasets only, and never over the user's own setting. */
import { describe, expect, it } from 'vitest';
import { heapGrowthFlag, HEAP_GROWING_PERCENT, LARGE_DATASET_RUNS } from '../../src/node/heap-growth.ts';

describe('heap growth on large datasets', () => {
  it('is left to V8 below the threshold and bounded from it', () => {
    expect(heapGrowthFlag(4_500, [], '')).toBeUndefined();
    expect(heapGrowthFlag(LARGE_DATASET_RUNS - 1, [], '')).toBeUndefined();
    expect(heapGrowthFlag(LARGE_DATASET_RUNS, [], '')).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    expect(heapGrowthFlag(1_000_000, ['--enable-source-maps'], '--max-old-space-size=4096')).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  });

  it('leaves a user\'s own setting alone, on the command line or in NODE_OPTIONS', () => {
    expect(heapGrowthFlag(1_000_000, ['--heap-growing-percent=200'], '')).toBeUndefined();
    expect(heapGrowthFlag(1_000_000, [], '--max-old-space-size=4096 --heap_growing_percent=10')).toBeUndefined();
  });
});
