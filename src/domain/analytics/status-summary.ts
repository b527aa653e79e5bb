/**
 * Status counts, pass rate and mean duration over a window of a flow's runs (OnePin's runs summary,
 * docs/apis.md#onepin): counts by observed status; pass rate = succeeded / terminal, null when
 * none finished; mean duration over succeeded runs with an observed start, null when there are none.
 */
import { DAY, type Millis } from '../records.ts';
import { RUN_STATUSES, STATUS_INDEX, type RunStatus } from '../status.ts';
import { observedStatusIndex } from '../observed-status.ts';
import type { FlowTotals } from '../store/run-aggregates.ts';
import type { WorkspaceRecords } from '../store/dataset.ts';
import { Mean, ratio } from './rates.ts';
import { forEachVisibleRow, type CreatedWindow } from './visible-runs.ts';
import { zeros } from './zeros.ts';

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
  const counts = {} as StatusCounts;
  for (const status of RUN_STATUSES) counts[status] = 0;
  return counts;
}

/** Counts by status from numbers kept by status index (STATUS_INDEX), as the accumulators keep them. */
export function statusCountsOf(numbers: ArrayLike<number>): StatusCounts {
  const counts = {} as StatusCounts;
  for (let i = 0; i < RUN_STATUSES.length; i++) counts[RUN_STATUSES[i] as RunStatus] = numbers[i] as number;
  return counts;
}

/**
 * Without a window, from the flow's lifetime aggregates corrected for the runs not settled at now;
 * with one, from the runs of the window.
 * The rule written plainly, which this must equal: `flowStatusSummaryByScan` (status-summary.reference.ts).
 */
export function flowStatusSummary(ws: WorkspaceRecords, flowId: string, now: Millis, window: CreatedWindow): StatusSummary {
  const flowRuns = ws.runsByFlow.get(flowId);
  const acc = new SummaryAccumulator();
  if (flowRuns === undefined) return acc.result();
  // Whole UTC days of the window (all of the flow's life when it is open) come from the aggregates;
  // the partial days at its ends from the runs themselves.
  const open = window.from === undefined && window.to === undefined;
  const from = window.from ?? Number.NEGATIVE_INFINITY;
  const end = Math.min(window.to ?? Number.POSITIVE_INFINITY, now);
  const wholeFrom = window.from === undefined ? Number.NEGATIVE_INFINITY : Math.ceil(from / DAY) * DAY;
  const wholeTo = Math.floor((end + 1) / DAY) * DAY; // exclusive
  if (open) {
    const totals = ws.aggregates.flows.get(flowId);
    if (totals !== undefined) acc.addTotals(totals);
  } else if (from <= end) {
    const days = ws.aggregates.flowDays.get(flowId);
    if (days !== undefined) {
      const range = days.range(wholeFrom, wholeTo);
      for (let i = range.start; i < range.end; i++) acc.addTotals(days.totalsAt(i));
    }
  }
  const addVisible = (_row: number, status: number, startedAt: Millis, finishedAt: Millis) => acc.add(status, startedAt, finishedAt, 1);
  if (!open && from <= end) {
    if (wholeFrom >= wholeTo) {
      forEachVisibleRow(flowRuns, now, { from, to: end }, addVisible);
    } else {
      if (window.from !== undefined) forEachVisibleRow(flowRuns, now, { from, to: wholeFrom - 1 }, addVisible);
      forEachVisibleRow(flowRuns, now, { from: wholeTo, to: end }, addVisible);
    }
  }
  // The aggregates hold actual statuses: correct the runs not settled at now that they counted.
  const countedFrom = open ? Number.NEGATIVE_INFINITY : wholeFrom;
  const countedTo = open ? Number.POSITIVE_INFINITY : wholeTo;
  const table = ws.table;
  const flow = table.pools.flows.find(flowId);
  for (const row of ws.aggregates.unsettledAt(now)) {
    const createdAt = table.createdAt[row] as number;
    if (table.flow[row] !== flow || createdAt < countedFrom || createdAt >= countedTo || (!open && from > end)) continue;
    const status = table.status[row] as number;
    const startedAt = table.startedAt[row] as number;
    const finishedAt = table.finishedAt[row] as number;
    acc.add(status, startedAt, finishedAt, -1);
    if (createdAt <= now) acc.add(observedStatusIndex(status, startedAt, finishedAt, now), startedAt <= now ? startedAt : Number.NaN, finishedAt <= now ? finishedAt : Number.NaN, 1);
  }
  return acc.result();
}

/** Sums for one summary: status counts in an array by canonical index (zeros.ts) until the result is built. */
class SummaryAccumulator {
  readonly statuses = zeros(RUN_STATUSES.length);
  readonly duration = new Mean();

  addTotals(totals: FlowTotals): void {
    for (let i = 0; i < this.statuses.length; i++) this.statuses[i]! += totals.statuses[i] as number;
    this.duration.sum += totals.succeededDurationSum;
    this.duration.count += totals.succeededDurationCount;
  }

  /**
   * A run counted with status index `status` and instants `startedAt`, `finishedAt` (NaN for none): as
   * observed to add it, as actual (what the aggregates counted) to take it out.
   */
  add(status: number, startedAt: Millis, finishedAt: Millis, sign: 1 | -1): void {
    this.statuses[status]! += sign;
    const ms = finishedAt - startedAt; // NaN unless both are there
    if (status === SUCCEEDED && ms === ms) {
      this.duration.sum += sign * ms;
      this.duration.count += sign;
    }
  }

  result(): StatusSummary {
    return summarize(statusCountsOf(this.statuses), this.duration);
  }
}


function summarize(counts: StatusCounts, duration: Mean): StatusSummary {
  const total = RUN_STATUSES.reduce((sum, status) => sum + counts[status], 0);
  const terminal = counts.succeeded + counts.failed + counts.cancelled;
  return { counts, total, passRate: ratio(counts.succeeded, terminal), meanSucceededDurationMs: duration.value() };
}

const SUCCEEDED = STATUS_INDEX.succeeded;
