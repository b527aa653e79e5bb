/**
 * The rule of OnePin's runs summary (docs/apis.md#onepin), written as a plain scan to check
 * `flowStatusSummary` against: take every run of the flow created in the window (both ends inclusive, a
 * missing end open) and at or before now, seen as observed at now; count them by observed status;
 * `total` is their sum; the pass rate is succeeded / (succeeded + failed + cancelled), null when that is
 * 0; the mean duration is the mean of finishedAt − startedAt over succeeded runs with an observed start,
 * null when there are none.
 */
import { observe } from '../observed-status.ts';
import type { Millis } from '../records.ts';
import { RUN_STATUSES } from '../status.ts';
import type { WorkspaceRecords } from '../store/dataset.ts';
import { emptyStatusCounts, type StatusSummary } from './status-summary.ts';
import type { CreatedWindow } from './visible-runs.ts';

/** `flowStatusSummary`, by a scan of every run of the workspace: its reference (test/domain/aggregates-match-scans.test.ts). */
export function flowStatusSummaryByScan(ws: WorkspaceRecords, flowId: string, now: Millis, window: CreatedWindow): StatusSummary {
  const counts = emptyStatusCounts();
  let durationSum = 0;
  let durationCount = 0;
  for (const run of ws.runs) {
    if (run.flow !== flowId) continue;
    if (window.from !== undefined && run.createdAt < window.from) continue;
    if (window.to !== undefined && run.createdAt > window.to) continue;
    const observed = observe(run, now);
    if (observed === null) continue; // created after now
    counts[observed.status]++;
    if (observed.status === 'succeeded' && observed.startedAt !== null && observed.finishedAt !== null) {
      durationSum += observed.finishedAt - observed.startedAt;
      durationCount++;
    }
  }
  const total = RUN_STATUSES.reduce((sum, status) => sum + counts[status], 0);
  const terminal = counts.succeeded + counts.failed + counts.cancelled;
  return {
    counts,
    total,
    passRate: terminal === 0 ? null : counts.succeeded / terminal,
    meanSucceededDurationMs: durationCount === 0 ? null : durationSum / durationCount,
  };
}
