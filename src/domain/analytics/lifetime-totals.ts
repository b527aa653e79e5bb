/** Alloy's workflow analytics: lifetime totals over a flow's visible runs (docs/apis.md#alloy). */
import { observedStatus } from '../observed-status.ts';
import type { Millis } from '../records.ts';
import type { WorkspaceRecords } from '../store/dataset.ts';

export interface LifetimeTotals {
  /** Visible runs, whatever their status. */
  readonly runs: number;
  /** Visible runs observed failed. */
  readonly failed: number;
  /** App actions of every visible run, finished or not. */
  readonly appActions: number;
}

/**
 * From the per-flow aggregates (actual statuses), corrected for the runs not settled at now: those created
 * after now are not visible, and a failed run that finishes after now is not failed yet.
 * The rule written plainly, which this must equal: `lifetimeTotalsByScan` (lifetime-totals.reference.ts).
 */
export function lifetimeTotals(ws: WorkspaceRecords, flowId: string, now: Millis): LifetimeTotals {
  const totals = ws.aggregates.flows.get(flowId) ?? { runs: 0, failed: 0, appActions: 0 };
  let { runs, failed, appActions } = totals;
  for (const run of ws.aggregates.unsettledAt(now)) {
    if (run.flow !== flowId) continue;
    if (run.createdAt > now) {
      runs--;
      appActions -= run.appActions;
      if (run.status === 'failed') failed--;
    } else if (run.status === 'failed' && observedStatus(run, now) !== 'failed') {
      failed--;
    }
  }
  return { runs, failed, appActions };
}
