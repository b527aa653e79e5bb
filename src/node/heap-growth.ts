/**
 * How far the command line's server lets V8's heap grow past what is live before it collects
 * (docs/performance.md#heap-growth-on-large-datasets). Under load every request leaves garbage in the old
 * generation, and V8 lets it reach up to about four times the live heap before a full collection: on a
 * million-run dataset that is some 170 MB of garbage on top of a 240 MB process. Past LARGE_DATASET_RUNS the
 * server bounds the growth to HEAP_GROWING_PERCENT: more frequent full collections, a trade of throughput for
 * memory that is worth it only where the dataset is large (the measurements, and why 100 and not 50, are in
 * the docs). Only the CLI's own process: a library never changes its host's V8 flags.
 */
import { createRequire } from 'node:module';

export const LARGE_DATASET_RUNS = 250_000;
export const HEAP_GROWING_PERCENT = 100;

/** The V8 flag to set for a dataset of `runs` runs, unless the user set heap growth already (flags or NODE_OPTIONS). */
export function heapGrowthFlag(runs: number, execArgv: readonly string[], nodeOptions: string): string | undefined {
  if (runs < LARGE_DATASET_RUNS) return undefined;
  if ([...execArgv, nodeOptions].some((arg) => /heap[-_]growing[-_]percent/.test(arg))) return undefined;
  return `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
}

/** Sets `heapGrowthFlag`'s flag in this process (V8 reads it at every collection); the flag set, if any. */
export function boundHeapGrowth(runs: number): string | undefined {
  const flag = heapGrowthFlag(runs, process.execArgv, process.env.NODE_OPTIONS ?? '');
  // node:v8 only when a flag is set: a start-up on a small dataset does not load it.
  if (flag !== undefined) (createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString(flag);
  return flag;
}
