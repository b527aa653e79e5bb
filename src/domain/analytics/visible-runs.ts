/** The runs an API may see: created within a window and not after the clock's now, as observed now. */
import { observe, type ObservedRun } from '../observed-status.ts';
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
