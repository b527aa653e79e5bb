/**
 * The rule of Alloy's workflow analytics (docs/apis.md#alloy), written as a plain scan to check
 * `lifetimeTotals` against: over the whole lifetime of the flow, take every run of it that is visible at
 * now (created at or before now); `runs` is their number, `failed` the number observed failed at now (a
 * run that fails after now is still running, so not an error yet), and `appActions` the sum of the
 * `appActions` of every one of them, finished or not.
 */
import { observe } from '../observed-status.ts';
import type { Millis } from '../records.ts';
import type { WorkspaceRecords } from '../store/dataset.ts';
import type { LifetimeTotals } from './lifetime-totals.ts';

/** `lifetimeTotals`, by a scan of every run of the workspace: its reference (test/domain/aggregates-match-scans.test.ts). */
export function lifetimeTotalsByScan(ws: WorkspaceRecords, flowId: string, now: Millis): LifetimeTotals {
  let runs = 0;
  let failed = 0;
  let appActions = 0;
  for (const run of ws.runs) {
    if (run.flow !== flowId) continue;
    const observed = observe(run, now);
    if (observed === null) continue; // created after now
    runs++;
    appActions += run.appActions;
    if (observed.status === 'failed') failed++;
  }
  return { runs, failed, appActions };
}
