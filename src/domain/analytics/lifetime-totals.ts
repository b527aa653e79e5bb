/** Alloy's workflow analytics: lifetime totals over a flow's visible runs (docs/apis.md#alloy). */
import { observedStatusIndex } from '../observed-status.ts';
import { STATUS_INDEX } from '../status.ts';
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
  const table = ws.table;
  const flow = table.pools.flows.find(flowId);
  for (const row of ws.aggregates.unsettledAt(now)) {
    if (table.flow[row] !== flow) continue;
    const status = table.status[row] as number;
    if ((table.createdAt[row] as number) > now) {
      runs--;
      appActions -= table.appActions(row);
      if (status === FAILED) failed--;
    } else if (status === FAILED && observedStatusIndex(status, table.startedAt[row] as number, table.finishedAt[row] as number, now) !== FAILED) {
      failed--;
    }
  }
  return { runs, failed, appActions };
}

const FAILED = STATUS_INDEX.failed;
