/** Alloy's workflow analytics: lifetime totals over a flow's visible runs (product design §2, alloy). */
import type { Millis } from '../records.ts';
import type { SortedRuns } from '../store/sorted-runs.ts';
import { visibleRuns } from './visible-runs.ts';

export interface LifetimeTotals {
  /** Visible runs, whatever their status. */
  readonly runs: number;
  /** Visible runs observed failed. */
  readonly failed: number;
  /** App actions of every visible run, finished or not. */
  readonly appActions: number;
}

export function lifetimeTotals(flowRuns: SortedRuns, now: Millis): LifetimeTotals {
  let runs = 0;
  let failed = 0;
  let appActions = 0;
  for (const observed of visibleRuns(flowRuns, now)) {
    runs++;
    if (observed.status === 'failed') failed++;
    appActions += observed.run.appActions;
  }
  return { runs, failed, appActions };
}
