/**
 * Status counts, pass rate and mean duration over a window of a flow's runs (OnePin's runs summary,
 * product design §2, onepin): counts by observed status; pass rate = succeeded / terminal, null when
 * none finished; mean duration over succeeded runs with an observed start, null when there are none.
 */
import type { Millis } from '../records.ts';
import { RUN_STATUSES, type RunStatus } from '../status.ts';
import { observe } from '../observed-status.ts';
import type { WorkspaceRecords } from '../store/dataset.ts';
import { SortedRuns } from '../store/sorted-runs.ts';
import { Mean, ratio } from './rates.ts';
import { observedDuration, visibleRuns, type CreatedWindow } from './visible-runs.ts';

export type StatusCounts = Record<RunStatus, number>;

export interface StatusSummary {
  readonly counts: StatusCounts;
  readonly total: number;
  /** succeeded / (succeeded + failed + cancelled); null when that is 0. */
  readonly passRate: number | null;
  /** Mean of finishedAt − startedAt over succeeded runs, in ms; null when there are none. */
  readonly meanSucceededDurationMs: number | null;
}

export function emptyStatusCounts(): StatusCounts {
  return Object.fromEntries(RUN_STATUSES.map((status) => [status, 0])) as StatusCounts;
}

/**
 * Without a window, from the flow's lifetime aggregates corrected for the runs not settled at now;
 * with one, from the runs of the window.
 */
export function flowStatusSummary(ws: WorkspaceRecords, flowId: string, now: Millis, window: CreatedWindow): StatusSummary {
  const flowRuns = ws.runsByFlow.get(flowId);
  if (window.from !== undefined || window.to !== undefined || flowRuns === undefined) {
    return statusSummary(flowRuns ?? new SortedRuns(), now, window);
  }
  const totals = ws.aggregates.flows.get(flowId);
  const counts = emptyStatusCounts();
  const duration = new Mean();
  if (totals !== undefined) {
    RUN_STATUSES.forEach((status, i) => { counts[status] = totals.statuses[i] as number; });
    duration.sum = totals.succeededDurationSum;
    duration.count = totals.succeededDurationCount;
  }
  for (const run of ws.aggregates.unsettledAt(now)) {
    if (run.flow !== flowId) continue;
    counts[run.status]--;
    if (run.status === 'succeeded' && run.startedAt !== null && run.finishedAt !== null) duration.remove(run.finishedAt - run.startedAt);
    const observed = observe(run, now);
    if (observed === null) continue;
    counts[observed.status]++;
    if (observed.status === 'succeeded') {
      const ms = observedDuration(observed);
      if (ms !== null) duration.add(ms);
    }
  }
  return summarize(counts, duration);
}

export function statusSummary(flowRuns: SortedRuns, now: Millis, window: CreatedWindow): StatusSummary {
  const counts = emptyStatusCounts();
  const duration = new Mean();
  for (const observed of visibleRuns(flowRuns, now, window)) {
    counts[observed.status]++;
    if (observed.status === 'succeeded') {
      const ms = observedDuration(observed);
      if (ms !== null) duration.add(ms);
    }
  }
  return summarize(counts, duration);
}

function summarize(counts: StatusCounts, duration: Mean): StatusSummary {
  const total = RUN_STATUSES.reduce((sum, status) => sum + counts[status], 0);
  const terminal = counts.succeeded + counts.failed + counts.cancelled;
  return { counts, total, passRate: ratio(counts.succeeded, terminal), meanSucceededDurationMs: duration.value() };
}
