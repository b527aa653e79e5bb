/**
 * The worker of runs-in-worker.ts: writes a workspace's planned runs to the run table's shared columns and
 * tells how many rows are written (progress[0], with Atomics, so the build can wait for them without an
 * event loop). On any failure, loading the writer included: progress[1] = 1, progress[0] = FAILED (so that a
 * wait on the old count returns at once) and the message in `failure`.
 */
import { workerData } from 'node:worker_threads';
import type { RunsPlan } from '../domain/scenario/generate/planned-runs.ts';
import type { SharedRunColumns } from '../domain/store/run-table.ts';

export interface RunsWorkerData {
  readonly plan: RunsPlan;
  readonly columns: SharedRunColumns;
  /** [rows written (FAILED on failure), failed (0 or 1)]. */
  readonly progress: Int32Array;
  /** The error's message, UTF-8, when failed. */
  readonly failure: Uint8Array;
}

/** progress[0] of a worker that failed. */
export const FAILED = -1;

const { plan, columns, progress, failure } = workerData as RunsWorkerData;
try {
  // Loaded here, not imported above: a writer that cannot load is a failure told like any other.
  const [{ writePlannedRuns }, { RunTable }] = await Promise.all([
    import('../domain/scenario/generate/planned-runs.ts'),
    import('../domain/store/run-table.ts'),
  ]);
  const table = RunTable.overSharedColumns(columns);
  for (const written of writePlannedRuns(plan, table)) {
    Atomics.store(progress, 0, written);
    Atomics.notify(progress, 0);
  }
} catch (error) {
  new TextEncoder().encodeInto(error instanceof Error ? error.message : String(error), failure);
  Atomics.store(progress, 1, 1);
  Atomics.store(progress, 0, FAILED);
  Atomics.notify(progress, 0);
}
