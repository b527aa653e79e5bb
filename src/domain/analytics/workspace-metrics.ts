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
import { bucketLabel, bucketStart, bucketStarts, MILLIS_PER_DAY, utcDate, type Granularity } from './time-buckets.ts';

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
 * Run events from the per-day aggregates corrected for the runs not settled at now, other events from the
 * flows. The rule written plainly, which this must equal: `workspaceMetricsByScan` (workspace-metrics.reference.ts).
 */
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

  const all = new Aggregate();
  const byUser = new Map<string, Aggregate>();
  const byBucket = new Map<Millis, Aggregate>();
  const granularity = query.granularity ?? 'day';
  const source = query.metric === 'executions' || query.metric === 'avg_duration' ? runChunks(ws, now, query, fromDay, today) : events(ws, now, query, fromDay);
  for (const event of source) {
    if (query.userId !== undefined && event.user !== query.userId) continue;
    all.add(event.count, event.sum);
    if (query.groupBy === 'user' && event.user !== null) getOrCreate(byUser, event.user).add(event.count, event.sum);
    if (query.groupBy === 'date') getOrCreate(byBucket, bucketStart(event.at, granularity)).add(event.count, event.sum);
  }

  let rows: MetricsRow[] = [];
  const order = effectiveOrder(query);
  if (query.groupBy === 'user') {
    rows = [...byUser.entries()].filter(([, agg]) => agg.count > 0).map(([userId, agg]) => ({ userId, userName: ws.users.get(userId)?.name ?? userId, value: agg.value(query.aggregation) }));
  } else if (query.groupBy === 'date') {
    // Built in date order, so the stable sort below keeps ties in date order ascending.
    rows = bucketStarts(fromDay, today, granularity).map((start) => ({
      date: bucketLabel(start, granularity),
      value: byBucket.get(start)?.value(query.aggregation) ?? 0,
    }));
  }
  if (order !== null) rows = sortRows(rows, order.by, order.dir);
  if (query.limit !== undefined) rows = rows.slice(0, query.limit);
  return {
    total: all.value(query.aggregation),
    rows,
    period: { from: utcDate(fromDay), to: utcDate(today) },
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
 * not settled at now taken out as counted and put back as observed (or not at all, if created after now).
 */
function* runChunks(ws: WorkspaceRecords, now: Millis, query: MetricsQuery, fromDay: Millis, today: Millis): Generator<MetricEvent> {
  const kind = KIND[query.entity];
  const executions = query.metric === 'executions';
  // Without a user in the question, the all-users day totals do (one entry a day instead of one per user).
  const perUser = query.groupBy === 'user' || query.userId !== undefined;
  const dayEvent = (day: Millis, user: string | null, d: UserDay): MetricEvent | undefined => {
    if (executions) return d.executions[kind] === 0 ? undefined : { at: day, user, count: d.executions[kind], sum: d.executions[kind] };
    return kind === 'workflow' && d.workflowDurationCount !== 0 ? { at: day, user, count: d.workflowDurationCount, sum: d.workflowDurationSum } : undefined;
  };
  for (let day = fromDay; day <= today; day += MILLIS_PER_DAY) {
    if (perUser) {
      const users = ws.aggregates.days.get(day);
      if (users === undefined) continue;
      for (const [key, d] of users) {
        const event = dayEvent(day, key === NO_USER ? null : key, d);
        if (event !== undefined) yield event;
      }
    } else {
      const total = ws.aggregates.dayTotals.get(day);
      const event = total === undefined ? undefined : dayEvent(day, null, total);
      if (event !== undefined) yield event;
    }
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
    if (executions) yield { at, user, count: -1, sum: -1 };
    else if (kind === 'workflow' && startedAt === startedAt && finishedAt === finishedAt) yield { at, user, count: -1, sum: startedAt - finishedAt };
    if (at > now) continue;
    if (executions) yield { at, user, count: 1, sum: 1 };
    else if (kind === 'workflow' && startedAt <= now && finishedAt <= now) yield { at, user, count: 1, sum: finishedAt - startedAt };
  }
}

class Aggregate {
  count = 0;
  sum = 0;

  add(count: number, sum: number): void {
    this.count += count;
    this.sum += sum;
  }

  value(aggregation: Aggregation): number {
    if (aggregation === 'count') return this.count;
    if (aggregation === 'sum') return this.sum;
    return this.count === 0 ? 0 : this.sum / this.count;
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

/** Sorts by value or label in `dir`; ties by user_id ascending for users, kept in place (date order) for buckets. */
function sortRows(rows: MetricsRow[], by: 'value' | 'label', dir: 'asc' | 'desc'): MetricsRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const key = (a: MetricsRow, b: MetricsRow) =>
    by === 'value' ? a.value - b.value : labelOf(a) < labelOf(b) ? -1 : labelOf(a) > labelOf(b) ? 1 : 0;
  const tieBreak = (a: MetricsRow, b: MetricsRow) => ('userId' in a && 'userId' in b ? compareIds(a.userId, b.userId) : 0);
  return [...rows].sort((a, b) => sign * key(a, b) || tieBreak(a, b));
}

/** User ids ascending: numerically when both are numbers ("9" before "10"), else as text. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
