/**
 * Pre-aggregated counts of a workspace's runs, so that B3OS's stats and Multiplai's run metrics never scan
 * every run: per UTC hour (status counts, durations, source systems) and per UTC day and user (executions
 * by flow kind, durations of workflow runs), all by each run's ACTUAL status and timestamps.
 *
 * What the clock changes is corrected at query time: a run is "settled" once every timestamp it has is at
 * or before now (then its observed status is its status); the runs not settled yet, including every run
 * created after now, are few, found at the end of an index ordered by the instant they settle.
 */
import { lowerBound, partitionPoint } from '../../lib/binary-search.ts';
import { DAY, type FlowKind, type Millis, type Run } from '../records.ts';
import { HourlyCounts } from './hourly-counts.ts';
import { settlesAt } from '../observed-status.ts';
import { RUN_STATUSES, STATUS_INDEX } from '../status.ts';


export interface UserDay {
  executions: Record<FlowKind, number>;
  /** Workflow runs with a start and a finish: their duration, for avg_duration. */
  workflowDurationSum: number;
  workflowDurationCount: number;
}

export interface FlowTotals {
  runs: number;
  failed: number;
  appActions: number;
  /** By RUN_STATUSES index. */
  readonly statuses: Float64Array;
  /** Succeeded runs with a start: their durations. */
  succeededDurationSum: number;
  succeededDurationCount: number;
}

/** The key of a run without a user in the per-user maps. */
export const NO_USER = '';

export class RunAggregates {
  /** Per UTC hour: status counts, durations, source systems (B3OS's stats). */
  readonly hours = new HourlyCounts();
  readonly days = new Map<Millis, Map<string, UserDay>>();
  /** Lifetime totals per flow by actual status (Alloy's totals, OnePin's summary without a window). */
  readonly flows = new Map<string, FlowTotals>();
  /** Per flow and UTC day: status counts and succeeded durations (OnePin's summary over a window). */
  readonly flowDays = new Map<string, DaySeries>();
  /** The same per day, all users together (for queries that are not grouped by user). */
  readonly dayTotals = new Map<Millis, UserDay>();
  readonly #bySettle: Run[] = [];
  #bySettleSorted = true;
  readonly #failed: Run[] = [];
  #failedSorted = true;

  add(run: Run, kind: FlowKind): void {
    this.#count(run, kind, 1);
    const last = this.#bySettle[this.#bySettle.length - 1];
    if (last !== undefined && settlesAt(last) > settlesAt(run)) this.#bySettleSorted = false;
    this.#bySettle.push(run);
    if (run.status === 'failed') {
      const lastFailed = this.#failed[this.#failed.length - 1];
      if (lastFailed !== undefined && compareFailed(lastFailed, run) > 0) this.#failedSorted = false;
      this.#failed.push(run);
    }
  }

  /** Takes a run out (before it changes); `add` it again once changed. */
  remove(run: Run, kind: FlowKind): void {
    this.#count(run, kind, -1);
    removeFrom(this.#bySettle, run);
    if (run.status === 'failed') removeFrom(this.#failed, run);
  }

  /** Runs whose observed status or visibility can still change after `now`: the ones to correct for. */
  *unsettledAt(now: Millis): Generator<Run> {
    const runs = this.#settleIndex();
    const settled = partitionPoint(runs.length, (i) => settlesAt(runs[i] as Run) <= now);
    for (let i = settled; i < runs.length; i++) yield runs[i] as Run;
  }

  /** Failed runs, latest finish first (ties by id ascending). */
  *failedLatestFirst(): Generator<Run> {
    if (!this.#failedSorted) {
      this.#failed.sort(compareFailed);
      this.#failedSorted = true;
    }
    for (let i = this.#failed.length - 1; i >= 0; i--) yield this.#failed[i] as Run;
  }

  #settleIndex(): Run[] {
    if (!this.#bySettleSorted) {
      this.#bySettle.sort((a, b) => settlesAt(a) - settlesAt(b));
      this.#bySettleSorted = true;
    }
    return this.#bySettle;
  }

  #count(run: Run, kind: FlowKind, sign: 1 | -1): void {
    const duration = run.startedAt !== null && run.finishedAt !== null ? run.finishedAt - run.startedAt : null;
    this.hours.count(run, sign);

    const dayStart = Math.floor(run.createdAt / DAY) * DAY;
    let flow = this.flows.get(run.flow);
    if (flow === undefined) this.flows.set(run.flow, (flow = emptyFlowTotals()));
    let flowDays = this.flowDays.get(run.flow);
    if (flowDays === undefined) this.flowDays.set(run.flow, (flowDays = new DaySeries()));
    const flowDay = flowDays.at(dayStart);
    for (const totals of [flow, flowDay]) {
      totals.runs += sign;
      totals.appActions += sign * run.appActions;
      if (run.status === 'failed') totals.failed += sign;
      totals.statuses[STATUS_INDEX[run.status]]! += sign;
      if (run.status === 'succeeded' && duration !== null) {
        totals.succeededDurationSum += sign * duration;
        totals.succeededDurationCount += sign;
      }
    }

    let users = this.days.get(dayStart);
    if (users === undefined) this.days.set(dayStart, (users = new Map()));
    const key = run.user ?? NO_USER;
    let day = users.get(key);
    if (day === undefined) users.set(key, (day = { executions: { workflow: 0, agent: 0 }, workflowDurationSum: 0, workflowDurationCount: 0 }));
    let total = this.dayTotals.get(dayStart);
    if (total === undefined) this.dayTotals.set(dayStart, (total = { executions: { workflow: 0, agent: 0 }, workflowDurationSum: 0, workflowDurationCount: 0 }));
    for (const entry of [day, total]) {
      entry.executions[kind] += sign;
      if (kind === 'workflow' && duration !== null) {
        entry.workflowDurationSum += sign * duration;
        entry.workflowDurationCount += sign;
      }
    }
  }
}

/** One flow's totals per UTC day, days ascending: the whole days of a window are one slice of it. */
export class DaySeries {
  readonly #days: Millis[] = [];
  readonly #totals: FlowTotals[] = [];

  /** The totals of `day` (a UTC midnight), created empty when the day has none yet. */
  at(day: Millis): FlowTotals {
    const index = this.#lowerBound(day);
    if (this.#days[index] === day) return this.#totals[index] as FlowTotals;
    const totals = emptyFlowTotals();
    this.#days.splice(index, 0, day);
    this.#totals.splice(index, 0, totals);
    return totals;
  }

  /** The positions of the days in [from, to): `totalsAt(i)` for start ≤ i < end. */
  range(from: Millis, to: Millis): { start: number; end: number } {
    return { start: this.#lowerBound(from), end: this.#lowerBound(to) };
  }

  totalsAt(index: number): FlowTotals {
    return this.#totals[index] as FlowTotals;
  }

  #lowerBound(day: Millis): number {
    const days = this.#days;
    // Runs mostly arrive in time order: the common case is at the end.
    if (days.length === 0 || (days[days.length - 1] as Millis) < day) return days.length;
    return lowerBound(days, day);
  }
}

function emptyFlowTotals(): FlowTotals {
  return { runs: 0, failed: 0, appActions: 0, statuses: new Float64Array(RUN_STATUSES.length), succeededDurationSum: 0, succeededDurationCount: 0 };
}

function compareFailed(a: Run, b: Run): number {
  return (a.finishedAt as number) - (b.finishedAt as number) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

function removeFrom(runs: Run[], run: Run): void {
  const index = runs.lastIndexOf(run);
  if (index >= 0) runs.splice(index, 1);
}
