/**
 * Pre-aggregated counts of a workspace's runs, so that B3OS's stats and Multiplai's run metrics never scan
 * every run: per UTC hour (status counts, durations, source systems) and per UTC day and user (executions
 * by flow kind, durations of workflow runs), all by each run's ACTUAL status and timestamps.
 *
 * What the clock changes is corrected at query time: a run is "settled" once every timestamp it has is at
 * or before now (then its observed status is its status); the runs not settled yet, including every run
 * created after now, are few, found at the end of an index ordered by the instant they settle.
 *
 * Runs are rows of the dataset's run table (run-table.ts): counting one reads its columns and allocates
 * nothing but the first entry of a new day, flow or user.
 */
import { lowerBound } from '../../lib/binary-search.ts';
import { DAY, type FlowKind, type Millis } from '../records.ts';
import { HourlyCounts } from './hourly-counts.ts';
import { RowOrder } from './row-order.ts';
import { NONE, type RunTable } from './run-table.ts';
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
  readonly flowDays = new Map<string, DaySeries<FlowTotals>>();
  /**
   * The same per day, all users together (for queries that are not grouped by user): a period's days are
   * one slice of it, where a map was looked up once for every day of the period.
   */
  readonly dayTotals = new DaySeries<UserDay>(emptyUserDay);
  /** `flows` and `flowDays` by the flow's index in the table's pool: no string lookup per run. */
  readonly #flowTotals: (FlowTotals | undefined)[] = [];
  readonly #flowSeries: (DaySeries<FlowTotals> | undefined)[] = [];
  /** By the flow's index: the day of its runs counted last (its start), and that day's totals in its series. */
  readonly #flowDayStart: number[] = [];
  readonly #flowDayTotals: (FlowTotals | undefined)[] = [];
  /** `days` again, each day's entries by the user's ordinal here (0: no user): no string lookup per run. */
  readonly #dayUsers = new Map<Millis, (UserDay | undefined)[]>();
  /** By the user's index in the table's pool: its ordinal in this workspace, from 1 in order of first run. */
  readonly #userOrdinals: number[] = [];
  #usersSeen = 0;
  /** The day counted last and its entries: runs come by creation, so most runs fall in the same day. */
  #lastDay = Number.NaN;
  #lastUsers: Map<string, UserDay> | undefined;
  #lastUserEntries: (UserDay | undefined)[] | undefined;
  #lastTotal: UserDay | undefined;
  /** Rows by the instant they settle (then row): the unsettled ones are a suffix. */
  readonly #bySettle: RowOrder;
  /** Failed rows by finish ascending, then id descending: read from the end, latest first. */
  readonly #failed: RowOrder;

  constructor(readonly table: RunTable) {
    this.#bySettle = new RowOrder((a, b) => table.settlesAt(a) - table.settlesAt(b) || a - b);
    this.#failed = new RowOrder((a, b) => (table.finishedAt[a] as number) - (table.finishedAt[b] as number) || table.ids.compare(b, a));
  }

  /** Counts row `row` of the table, of a flow of kind `kind`. */
  add(row: number, kind: FlowKind): void {
    this.#count(row, kind, 1);
    this.#bySettle.insert(row);
    if (this.table.status[row] === FAILED) this.#failed.insert(row);
  }

  /** Takes a row out (before it changes); `add` it again once changed. */
  remove(row: number, kind: FlowKind): void {
    this.#count(row, kind, -1);
    this.#bySettle.remove(row);
    if (this.table.status[row] === FAILED) this.#failed.remove(row);
  }

  /** Rows whose observed status or visibility can still change after `now`: the ones to correct for. */
  *unsettledAt(now: Millis): Generator<number> {
    const table = this.table;
    const order = this.#bySettle;
    for (let i = order.partition((row) => table.settlesAt(row) <= now); i < order.length; i++) yield order.rowAt(i);
  }

  /** Failed rows, latest finish first (ties by id ascending). */
  *failedLatestFirst(): Generator<number> {
    const order = this.#failed;
    for (let i = order.length - 1; i >= 0; i--) yield order.rowAt(i);
  }

  #count(row: number, kind: FlowKind, sign: 1 | -1): void {
    const table = this.table;
    const status = table.status[row] as number;
    // NaN unless the run has both a start and a finish (NaN - x is NaN).
    const duration = (table.finishedAt[row] as number) - (table.startedAt[row] as number);
    const appActions = table.appActions(row);
    this.hours.count(table, row, sign);

    const dayStart = Math.floor((table.createdAt[row] as number) / DAY) * DAY;
    const flowIndex = table.flow[row] as number;
    let flow = this.#flowTotals[flowIndex];
    if (flow === undefined) {
      this.#flowTotals[flowIndex] = flow = emptyFlowTotals();
      this.flows.set(table.pools.flows.at(flowIndex), flow);
    }
    let series = this.#flowSeries[flowIndex];
    if (series === undefined) {
      this.#flowSeries[flowIndex] = series = new DaySeries(emptyFlowTotals);
      this.flowDays.set(table.pools.flows.at(flowIndex), series);
    }
    // The flow's day counted last: runs come by creation, so a flow's runs mostly fall in the same day.
    let flowDay = this.#flowDayTotals[flowIndex];
    if (flowDay === undefined || this.#flowDayStart[flowIndex] !== dayStart) {
      flowDay = series.at(dayStart);
      this.#flowDayTotals[flowIndex] = flowDay;
      this.#flowDayStart[flowIndex] = dayStart;
    }
    addToFlowTotals(flow, status, appActions, duration, sign);
    addToFlowTotals(flowDay, status, appActions, duration, sign);

    if (dayStart !== this.#lastDay) {
      let users = this.days.get(dayStart);
      if (users === undefined) this.days.set(dayStart, (users = new Map()));
      let entries = this.#dayUsers.get(dayStart);
      if (entries === undefined) this.#dayUsers.set(dayStart, (entries = []));
      this.#lastDay = dayStart;
      this.#lastUsers = users;
      this.#lastUserEntries = entries;
      this.#lastTotal = this.dayTotals.at(dayStart);
    }
    const entries = this.#lastUserEntries as (UserDay | undefined)[];
    const user = table.user[row] as number;
    const ordinal = user === NONE ? 0 : (this.#userOrdinals[user] ??= ++this.#usersSeen);
    let day = entries[ordinal];
    if (day === undefined) {
      day = emptyUserDay();
      entries[ordinal] = day;
      (this.#lastUsers as Map<string, UserDay>).set(user === NONE ? NO_USER : table.pools.users.at(user), day);
    }
    addToUserDay(day, kind, duration, sign);
    addToUserDay(this.#lastTotal as UserDay, kind, duration, sign);
  }
}

function addToFlowTotals(totals: FlowTotals, status: number, appActions: number, duration: number, sign: 1 | -1): void {
  totals.runs += sign;
  totals.appActions += sign * appActions;
  if (status === FAILED) totals.failed += sign;
  totals.statuses[status]! += sign;
  if (status === SUCCEEDED && duration === duration) {
    totals.succeededDurationSum += sign * duration;
    totals.succeededDurationCount += sign;
  }
}

function addToUserDay(entry: UserDay, kind: FlowKind, duration: number, sign: 1 | -1): void {
  entry.executions[kind] += sign;
  if (kind === 'workflow' && duration === duration) {
    entry.workflowDurationSum += sign * duration;
    entry.workflowDurationCount += sign;
  }
}

function emptyUserDay(): UserDay {
  return { executions: { workflow: 0, agent: 0 }, workflowDurationSum: 0, workflowDurationCount: 0 };
}

const SUCCEEDED = STATUS_INDEX.succeeded;
const FAILED = STATUS_INDEX.failed;

/** Totals per UTC day (a flow's, or all users'), days ascending: the whole days of a window are one slice of it. */
export class DaySeries<T> {
  readonly #days: Millis[] = [];
  readonly #totals: T[] = [];
  /** A day's totals before anything is counted in it. */
  readonly #empty: () => T;

  constructor(empty: () => T) {
    this.#empty = empty;
  }

  /** The totals of `day` (a UTC midnight), created empty when the day has none yet. */
  at(day: Millis): T {
    const index = this.#lowerBound(day);
    if (this.#days[index] === day) return this.#totals[index] as T;
    const totals = this.#empty();
    this.#days.splice(index, 0, day);
    this.#totals.splice(index, 0, totals);
    return totals;
  }

  /** The positions of the days in [from, to): `dayAt(i)` and `totalsAt(i)` for start ≤ i < end. */
  range(from: Millis, to: Millis): { start: number; end: number } {
    return { start: this.#lowerBound(from), end: this.#lowerBound(to) };
  }

  dayAt(index: number): Millis {
    return this.#days[index] as Millis;
  }

  totalsAt(index: number): T {
    return this.#totals[index] as T;
  }

  #lowerBound(day: Millis): number {
    const days = this.#days;
    // Runs mostly arrive in time order: the common case is at the end.
    const last = days[days.length - 1];
    if (last === undefined || last < day) return days.length;
    if (last === day) return days.length - 1;
    return lowerBound(days, day);
  }
}

function emptyFlowTotals(): FlowTotals {
  return { runs: 0, failed: 0, appActions: 0, statuses: new Float64Array(RUN_STATUSES.length), succeededDurationSum: 0, succeededDurationCount: 0 };
}

