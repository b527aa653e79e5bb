/** The runs an API may see: created within a window and not after the clock's now, as observed now. */
import { observe, observedStatusIndex, type ObservedRun } from '../observed-status.ts';
import type { Millis } from '../records.ts';
import type { SortedRuns } from '../store/sorted-runs.ts';

export interface CreatedWindow {
  /** Inclusive; undefined is open. */
  readonly from?: Millis | undefined;
  /** Inclusive; undefined is open. */
  readonly to?: Millis | undefined;
}

/** Runs with from ≤ createdAt ≤ to and createdAt ≤ now, oldest first, as observed at now. */
export function* visibleRuns(runs: SortedRuns, now: Millis, { from, to }: CreatedWindow = {}): Generator<ObservedRun> {
  const end = Math.min(to ?? Number.POSITIVE_INFINITY, now);
  for (const run of runs.inWindow(from ?? Number.NEGATIVE_INFINITY, end)) {
    yield observe(run, now) as ObservedRun;
  }
}

/** Observed duration in ms, when both the start and the finish are observable. */
export function observedDuration(observed: ObservedRun): Millis | null {
  return observed.startedAt !== null && observed.finishedAt !== null ? observed.finishedAt - observed.startedAt : null;
}

/**
 * Each run with from ≤ createdAt ≤ to and createdAt ≤ now, oldest first, as observed at now, read from the
 * table's columns: `visit(row, status, startedAt, finishedAt)` with the observed status index and the
 * observable instants (NaN for none). What `visibleRuns` gives, for scans of many runs that need no object.
 */
export function forEachVisibleRow(
  runs: SortedRuns, now: Millis, { from, to }: CreatedWindow,
  visit: (row: number, status: number, startedAt: Millis, finishedAt: Millis) => void,
): void {
  const { start, end } = runs.window(from ?? Number.NEGATIVE_INFINITY, Math.min(to ?? Number.POSITIVE_INFINITY, now));
  const table = runs.table;
  for (let i = start; i < end; i++) {
    const row = runs.rowAt(i);
    const startedAt = table.startedAt[row] as number;
    const finishedAt = table.finishedAt[row] as number;
    visit(
      row,
      observedStatusIndex(table.status[row] as number, startedAt, finishedAt, now),
      startedAt <= now ? startedAt : Number.NaN,
      finishedAt <= now ? finishedAt : Number.NaN,
    );
  }
}
