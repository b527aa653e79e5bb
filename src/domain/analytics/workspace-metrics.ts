/**
 * A metrics query over a workspace's events (Multiplai's workspace metrics,
 * docs/apis.md#multiplai): entity × metric × aggregation over a period of UTC dates, optionally grouped by user or
 * by date bucket (zero-filled), ordered, limited. `total` always aggregates the whole period.
 */
import { observe } from '../observed-status.ts';
import type { FlowKind, Millis } from '../records.ts';
import type { WorkspaceRecords } from '../store/dataset.ts';
import { NO_USER, type UserDay } from '../store/run-aggregates.ts';
import { NONE } from '../store/run-table.ts';
import { bucketLabel, bucketWindow, MILLIS_PER_DAY, type BucketWindow, type Granularity } from './time-buckets.ts';
import { zeros } from './zeros.ts';

export type MetricsEntity = 'agents' | 'workflows';
export type Metric = 'executions' | 'created' | 'copies' | 'shares' | 'avg_duration';
export type Aggregation = 'count' | 'sum' | 'avg';
export type Period = '7d' | '30d' | '90d' | 'all';
export type RowOrder = 'value' | 'name' | 'date';

export interface MetricsQuery {
  readonly entity: MetricsEntity;
  readonly metric: Metric;
  readonly aggregation: Aggregation;
  readonly groupBy?: 'user' | 'date' | undefined;
  readonly granularity?: Exclude<Granularity, 'hour'> | undefined;
  readonly orderBy?: RowOrder | undefined;
  readonly orderDir?: 'asc' | 'desc' | undefined;
  readonly limit?: number | undefined;
  readonly period: Period;
  readonly userId?: string | undefined;
}

export type MetricsRow = { readonly userId: string; readonly userName: string; readonly value: number } | { readonly date: string; readonly value: number };

export interface MetricsResult {
  readonly total: number;
  readonly rows: readonly MetricsRow[];
  readonly period: { readonly from: string; readonly to: string };
  readonly unit: 'milliseconds' | null;
}

/** One event, or (from the aggregates) several of one user on one day: how many, and their measures' sum. */
interface MetricEvent {
  readonly at: Millis;
  readonly user: string | null;
  readonly count: number;
  readonly sum: number;
}

const PERIOD_DAYS: Record<Exclude<Period, 'all'>, number> = { '7d': 7, '30d': 30, '90d': 90 };
const KIND: Record<MetricsEntity, FlowKind> = { agents: 'agent', workflows: 'workflow' };

/**
 * The most date buckets one answer holds (ten years of days): a period of `all` after the clock was moved
 * to the year 9999 would otherwise be millions of rows, computed on the event loop.
 */
export const MAX_DATE_BUCKETS = 3_660;
const DAYS_PER_BUCKET = { day: 1, week: 7, month: 28 } as const;

/** A grouping by date that would return more than MAX_DATE_BUCKETS rows. */
export class TooManyBuckets extends RangeError {
  constructor(readonly buckets: number, readonly granularity: 'day' | 'week' | 'month') {
    super(`the period spans about ${buckets} ${granularity}s; at most ${MAX_DATE_BUCKETS} date buckets are returned: choose a shorter period or a coarser granularity`);
    this.name = 'TooManyBuckets';
  }
}

/**
 * Run events from the per-day aggregates corrected for the runs not settled at now, other events from the
 * flows. The rule written plainly, which this must equal: `workspaceMetricsByScan` (workspace-metrics.reference.ts).
 */
export function workspaceMetrics(ws: WorkspaceRecords, now: Millis, query: MetricsQuery): MetricsResult {
  const today = Math.floor(now / MILLIS_PER_DAY) * MILLIS_PER_DAY;
  let fromDay: Millis;
  if (query.period === 'all') {
    let earliest: Millis | undefined;
    for (const event of events(ws, now, query, Number.NEGATIVE_INFINITY)) {
      if (earliest === undefined || event.at < earliest) earliest = event.at;
      if (query.metric === 'executions' || query.metric === 'avg_duration') break; // runs come oldest first
    }
    fromDay = earliest === undefined ? today : Math.floor(earliest / MILLIS_PER_DAY) * MILLIS_PER_DAY;
  } else {
    fromDay = today - (PERIOD_DAYS[query.period] - 1) * MILLIS_PER_DAY;
  }

  if (query.groupBy === 'date') {
    const buckets = (today - fromDay) / MILLIS_PER_DAY / DAYS_PER_BUCKET[query.granularity ?? 'day'];
    if (buckets > MAX_DATE_BUCKETS) throw new TooManyBuckets(Math.ceil(buckets), query.granularity ?? 'day');
  }

  const granularity = query.granularity ?? 'day';
  const totals = new MetricsAccumulator(query, fromDay, today, granularity);
  if (query.metric === 'executions' || query.metric === 'avg_duration') {
    forEachRunChunk(ws, now, query, fromDay, today, totals);
  } else {
    for (const event of events(ws, now, query, fromDay)) totals.add(event.at, event.user, event.count, event.sum);
  }

  let rows: MetricsRow[] = [];
  const order = effectiveOrder(query);
  if (query.groupBy === 'user') {
    rows = [...totals.byUser.entries()].filter(([, agg]) => agg.count > 0).map(([userId, agg]) => ({ userId, userName: ws.users.get(userId)?.name ?? userId, value: agg.value(query.aggregation) }));
  } else if (query.groupBy === 'date') {
    // Built in date order, so the stable sort below keeps ties in date order ascending.
    const { window, counts, sums } = totals;
    const labels = window.labels;
    rows = new Array<MetricsRow>(labels.length);
    for (let i = 0; i < labels.length; i++) rows[i] = { date: labels[i] as string, value: valueOf(query.aggregation, counts[i] as number, sums[i] as number) };
  }
  if (order !== null && order.by === 'label' && query.groupBy === 'date' && totals.window.labelsAscend) {
    // Built in window order, which is label order here: sorted already, or exactly reversed (no two labels tie).
    if (order.dir === 'desc') rows.reverse();
  } else if (order !== null) {
    sortRows(rows, order.by, order.dir);
  }
  if (query.limit !== undefined && query.limit < rows.length) rows = rows.slice(0, query.limit);
  return {
    total: valueOf(query.aggregation, totals.count, totals.sum),
    rows,
    period: { from: bucketLabel(fromDay, 'day'), to: bucketLabel(today, 'day') },
    unit: query.metric === 'avg_duration' && query.aggregation !== 'count' ? 'milliseconds' : null,
  };
}

/** The events of the query's entity and metric from `from` to now, by the clock. */
function* events(ws: WorkspaceRecords, now: Millis, query: MetricsQuery, from: Millis): Generator<MetricEvent> {
  const kind = KIND[query.entity];
  switch (query.metric) {
    case 'executions':
    case 'avg_duration':
      for (const run of ws.runs.inWindow(from, now)) {
        if (ws.flows.get(run.flow)?.kind !== kind) continue;
        if (query.metric === 'executions') {
          yield { at: run.createdAt, user: run.user, count: 1, sum: 1 };
          continue;
        }
        const observed = observe(run, now);
        if (observed?.startedAt != null && observed.finishedAt !== null) {
          yield { at: run.createdAt, user: run.user, count: 1, sum: observed.finishedAt - observed.startedAt };
        }
      }
      return;
    case 'created':
    case 'copies':
      for (const flow of ws.flows.values()) {
        if (flow.kind !== kind || flow.createdAt < from || flow.createdAt > now) continue;
        if (query.metric === 'copies' && !flow.fromTemplate) continue;
        yield { at: flow.createdAt, user: flow.createdBy, count: 1, sum: 1 };
      }
      return;
    case 'shares':
      for (const flow of ws.flows.values()) {
        if (flow.kind !== kind) continue;
        for (const share of flow.shares) {
          if (share.at >= from && share.at <= now) yield { at: share.at, user: share.by, count: 1, sum: 1 };
        }
      }
      return;
  }
}

/**
 * Run events (executions, avg_duration) of the period from the per-day-and-user aggregates, then the runs
 * not settled at now taken out as counted and put back as observed (or not at all, if created after now):
 * each given to `into` as it is found, with nothing made per event.
 */
function forEachRunChunk(ws: WorkspaceRecords, now: Millis, query: MetricsQuery, fromDay: Millis, today: Millis, into: EventSink): void {
  const kind = KIND[query.entity];
  const executions = query.metric === 'executions';
  // Without a user in the question, the all-users day totals do (one entry a day instead of one per user).
  const perUser = query.groupBy === 'user' || query.userId !== undefined;
  const addDay = (day: Millis, user: string | null, d: UserDay): void => {
    if (executions) {
      const count = d.executions[kind];
      if (count !== 0) into.add(day, user, count, count);
    } else if (kind === 'workflow' && d.workflowDurationCount !== 0) {
      into.add(day, user, d.workflowDurationCount, d.workflowDurationSum);
    }
  };
  if (perUser) {
    for (let day = fromDay; day <= today; day += MILLIS_PER_DAY) {
      const users = ws.aggregates.days.get(day);
      if (users === undefined) continue;
      for (const [key, d] of users) addDay(day, key === NO_USER ? null : key, d);
    }
  } else {
    // The days from fromDay to today that have runs: one slice of the series (the same days, in the same order).
    const totals = ws.aggregates.dayTotals;
    const { start, end } = totals.range(fromDay, today + MILLIS_PER_DAY);
    for (let i = start; i < end; i++) addDay(totals.dayAt(i), null, totals.totalsAt(i));
  }
  const table = ws.table;
  for (const row of ws.aggregates.unsettledAt(now)) {
    const at = table.createdAt[row] as number;
    if (at < fromDay || at >= today + MILLIS_PER_DAY || ws.flows.get(table.pools.flows.at(table.flow[row] as number))?.kind !== kind) continue;
    const userIndex = table.user[row] as number;
    const user = userIndex === NONE ? null : table.pools.users.at(userIndex);
    const startedAt = table.startedAt[row] as number;
    const finishedAt = table.finishedAt[row] as number;
    // NaN (for none) never passes a test below: a missing instant is never ≤ now, and NaN !== NaN.
    if (executions) into.add(at, user, -1, -1);
    else if (kind === 'workflow' && startedAt === startedAt && finishedAt === finishedAt) into.add(at, user, -1, startedAt - finishedAt);
    if (at > now) continue;
    if (executions) into.add(at, user, 1, 1);
    else if (kind === 'workflow' && startedAt <= now && finishedAt <= now) into.add(at, user, 1, finishedAt - startedAt);
  }
}

interface EventSink {
  /** `count` events (or the aggregates of that many) of user `user` at `at`, their measures summing to `sum`. */
  add(at: Millis, user: string | null, count: number, sum: number): void;
}

/** The window of a query not grouped by date: no bucket. */
const NO_BUCKETS: BucketWindow = { starts: Object.freeze([]), labels: Object.freeze([]), labelsAscend: true };

/**
 * Counts and sums of a query's events: in all, per user when grouped by user, and per date bucket when
 * grouped by date, in arrays by the bucket's position (buckets of days and weeks are uniform; a month's is
 * found from its year and month), not a map of objects.
 */
class MetricsAccumulator implements EventSink {
  count = 0;
  sum = 0;
  readonly byUser = new Map<string, Aggregate>();
  /** The date buckets, from the bucket of the first day to today's (none unless grouped by date). */
  readonly window: BucketWindow;
  readonly counts: number[];
  readonly sums: number[];
  readonly #userId: string | undefined;
  readonly #byUser: boolean;
  readonly #granularity: Exclude<Granularity, 'hour'>;
  /** Days and weeks: the first bucket's start; months: the first bucket's year × 12 + month. */
  readonly #origin: number;

  constructor(query: MetricsQuery, fromDay: Millis, today: Millis, granularity: Exclude<Granularity, 'hour'>) {
    this.#userId = query.userId;
    this.#byUser = query.groupBy === 'user';
    this.#granularity = granularity;
    this.window = query.groupBy === 'date' ? bucketWindow(fromDay, today, granularity) : NO_BUCKETS;
    this.counts = zeros(this.window.starts.length);
    this.sums = zeros(this.window.starts.length);
    const first = this.window.starts[0] ?? 0;
    this.#origin = granularity === 'month' ? monthNumber(first) : first;
  }

  add(at: Millis, user: string | null, count: number, sum: number): void {
    if (this.#userId !== undefined && user !== this.#userId) return;
    this.count += count;
    this.sum += sum;
    if (this.#byUser && user !== null) getOrCreate(this.byUser, user).add(count, sum);
    if (this.counts.length > 0) {
      const bucket = this.#bucketOf(at);
      if (bucket >= 0 && bucket < this.counts.length) {
        this.counts[bucket]! += count;
        this.sums[bucket]! += sum;
      }
    }
  }

  /** The position of the bucket holding `at` (the plain rule: the index of `bucketStart(at)` in `starts`). */
  #bucketOf(at: Millis): number {
    switch (this.#granularity) {
      case 'day':
        return Math.floor((at - this.#origin) / MILLIS_PER_DAY);
      case 'week':
        return Math.floor((at - this.#origin) / (7 * MILLIS_PER_DAY));
      case 'month':
        return monthNumber(at) - this.#origin;
    }
  }
}

/** Year × 12 + month (0–11) of an instant's UTC date. */
function monthNumber(at: Millis): number {
  const date = new Date(at);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** What an aggregation makes of `count` events summing to `sum`. */
function valueOf(aggregation: Aggregation, count: number, sum: number): number {
  if (aggregation === 'count') return count;
  if (aggregation === 'sum') return sum;
  return count === 0 ? 0 : sum / count;
}

class Aggregate {
  count = 0;
  sum = 0;

  add(count: number, sum: number): void {
    this.count += count;
    this.sum += sum;
  }

  value(aggregation: Aggregation): number {
    return valueOf(aggregation, this.count, this.sum);
  }
}

function getOrCreate<K>(map: Map<K, Aggregate>, key: K): Aggregate {
  let agg = map.get(key);
  if (agg === undefined) map.set(key, (agg = new Aggregate()));
  return agg;
}

/**
 * The ordering the rows really get, or null when they keep the order they are built in. With `group_by:
 * user`: by value (default) or by user_name for `name` (`date` means nothing for a user, so it stays by
 * value), `order_dir` defaulting to desc. With `group_by: date`: date order ascending unless `order_by` is
 * given, `order_dir` alone changing nothing (spec, OrderDir); `name` and `date` both sort by the bucket's
 * label. Exported so that callers can tell two queries with the same answer apart from different ones.
 */
export function effectiveOrder(query: Pick<MetricsQuery, 'groupBy' | 'orderBy' | 'orderDir'>): { by: 'value' | 'label'; dir: 'asc' | 'desc' } | null {
  const dir = query.orderDir ?? 'desc';
  if (query.groupBy === 'user') return { by: query.orderBy === 'name' ? 'label' : 'value', dir };
  if (query.groupBy === 'date' && query.orderBy !== undefined) return { by: query.orderBy === 'value' ? 'value' : 'label', dir };
  return null;
}

/** A row's label: the user's name or the date bucket. */
function labelOf(row: MetricsRow): string {
  return 'userName' in row ? row.userName : row.date;
}

/**
 * Sorts `rows` in place by value or label in `dir`; ties by user_id ascending for users, kept in place (date
 * order) for buckets (the sort is stable).
 */
function sortRows(rows: MetricsRow[], by: 'value' | 'label', dir: 'asc' | 'desc'): void {
  const sign = dir === 'asc' ? 1 : -1;
  const tieBreak = (a: MetricsRow, b: MetricsRow) => ('userId' in a && 'userId' in b ? compareIds(a.userId, b.userId) : 0);
  if (by === 'value') rows.sort((a, b) => sign * (a.value - b.value) || tieBreak(a, b));
  else rows.sort((a, b) => sign * compareText(labelOf(a), labelOf(b)) || tieBreak(a, b));
}

/** Text in code-unit order. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** User ids ascending: numerically when both are numbers ("9" before "10"), else as text. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return compareText(a, b);
}
