/**
 * Generation beside indexing (docs/performance.md#generation-beside-indexing): a workspace that generates many
 * runs has them written by a worker thread, to the run table's columns in shared memory, while this thread
 * indexes and counts the rows already written. The rows are the same as written here (writePlannedRuns runs in
 * both); the build takes twice the cores for a large scenario, and about half the time.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { RunsWriter } from '../domain/scenario/build.ts';
import type { RunsPlan } from '../domain/scenario/generate/planned-runs.ts';
import type { RunTable } from '../domain/store/run-table.ts';
import type { RunsWorkerData } from './runs-worker.ts';

/** Below this, a workspace's runs are written in this thread: a worker takes some 30–50 ms to start. */
export const WORKER_MIN_RUNS = 100_000;
/** How long the build waits for the worker to write more rows before it gives up on it. */
const STALL_MS = 60_000;

/**
 * Compiled, the worker sits beside this module (dist/node/, or dist/bin/ in the command line's bundle).
 * From the TypeScript sources (tests, tsx) there is none: every run is written in this thread.
 */
const WORKER_FILE = new URL('./runs-worker.js', import.meta.url);

export function runsInWorker(minRuns = WORKER_MIN_RUNS): RunsWriter | undefined {
  if (!existsSync(fileURLToPath(WORKER_FILE))) return undefined;
  return {
    sharesColumnsFor: (runs) => runs >= minRuns,
    write: (plan, table) => (plan.count >= minRuns && table.isShared ? writtenInWorker(plan, table) : undefined),
  };
}

function* writtenInWorker(plan: RunsPlan, table: RunTable): Generator<number, void> {
  const progress = new Int32Array(new SharedArrayBuffer(8));
  const failure = new Uint8Array(new SharedArrayBuffer(1024));
  const workerData: RunsWorkerData = { plan, columns: table.sharedColumns(), progress, failure };
  // Loaded when a worker is wanted: node:worker_threads costs some 5 ms of every start-up otherwise.
  const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  const worker = new Worker(WORKER_FILE, { workerData });
  // Its errors are told through `progress` (the worker catches them all, loading included); an 'error'
  // event without a listener would end this process.
  worker.on('error', () => {});
  worker.unref();
  try {
    let written = 0;
    while (written < plan.count) {
      // A failure sets progress[0] to FAILED before it notifies: a wait that starts after it returns at once.
      const waited = Atomics.wait(progress, 0, written, STALL_MS);
      if (Atomics.load(progress, 1) !== 0) {
        const message = new TextDecoder().decode(failure.slice()).replace(/\0+$/, '');
        throw new Error(`generating the runs of a workspace failed: ${message}`);
      }
      const now = Atomics.load(progress, 0);
      if (waited === 'timed-out' && now === written) throw new Error(`generating the runs of a workspace: no progress in ${STALL_MS / 1000} s`);
      written = now;
      yield written;
    }
  } finally {
    void worker.terminate();
  }
}
