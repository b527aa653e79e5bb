/**
 * The worker of runs-in-worker.ts: writes a workspace's planned runs to the run table's shared columns and
 * tells how many rows are written (progress[0], with Atomics, so the build can wait for them without an
 * event loop); on an error, progress[1] = 1 and its message in `failure`.
 */
import { workerData } from 'node:worker_threads';
import { writePlannedRuns, type RunsPlan } from '../domain/scenario/generate/planned-runs.ts';
import { RunTable, type SharedRunColumns } from '../domain/store/run-table.ts';

export interface RunsWorkerData {
  readonly plan: RunsPlan;
  readonly columns: SharedRunColumns;
  /** [rows written, failed (0 or 1)]. */
  readonly progress: Int32Array;
  /** The error's message, UTF-8, when failed. */
  readonly failure: Uint8Array;
}

const { plan, columns, progress, failure } = workerData as RunsWorkerData;
try {
  const table = RunTable.overSharedColumns(columns);
  for (const written of writePlannedRuns(plan, table)) {
    Atomics.store(progress, 0, written);
    Atomics.notify(progress, 0);
  }
} catch (error) {
  new TextEncoder().encodeInto(error instanceof Error ? error.message : String(error), failure);
  Atomics.store(progress, 1, 1);
  Atomics.notify(progress, 0);
}
