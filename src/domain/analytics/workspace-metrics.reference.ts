/**
 * The rule of Multiplai's workspace metrics (docs/apis.md#multiplai), written as a plain scan to check
 * `workspaceMetrics` against. The events of the entity's kind (agent or workflow) up to now are:
 * `executions`, every visible run (at its createdAt, by its user); `avg_duration`, every visible run
 * with an observed start and finish, measuring finishedAt − startedAt in ms; `created`, every flow (at
 * its createdAt, by its creator); `copies`, the flows made from a template; `shares`, every share (at
 * its date, by its sharer); every metric but `avg_duration` measures 1 an event. The period is a span of
 * UTC dates ending today (the date of now): the last 7, 30 or 90, or for `all` from the date of the
 * earliest event of that entity and metric, whoever's it is (today when there is none). Events of the
 * period, of `userId` only when it is given, are aggregated: `count` = how many, `sum` = the sum of
 * their measures, `avg` = sum / count (0 when none). `total` aggregates them all; `group_by: user` gives
 * a row per user with events (events without a user are in no row), by value (or by user name for
 * `order_by: name`) in `order_dir` (desc by default), ties by user id ascending, numeric ids
 * numerically; `group_by: date` gives a row for every day, ISO week or month bucket of the period,
 * zero-filled, in date order, or when `order_by` is given sorted by value (`value`) or by label (`name`,
 * `date`) in `order_dir` (desc by default), ties staying in date order. `limit` keeps the first rows.
 * `unit` is milliseconds for `avg_duration` summed or averaged. (Queries the spec rejects, such as
 * `avg_duration` of agents, are not its concern.)
 */
import { observe } from '../observed-status.ts';
import { DAY, type Millis } from '../records.ts';
import type { WorkspaceRecords } from '../store/dataset.ts';
import type { MetricsQuery, MetricsResult, MetricsRow } from './workspace-metrics.ts';

interface Event {
  readonly at: Millis;
  readonly user: string | null;
  readonly measure: number;
}

const PERIOD_DATES = { '7d': 7, '30d': 30, '90d': 90 } as const;

/** `workspaceMetrics`, by a scan of every run and flow of the workspace: its reference (test/domain/aggregates-match-scans.test.ts). */
export function workspaceMetricsByScan(ws: WorkspaceRecords, now: Millis, query: MetricsQuery): MetricsResult {
  const kind = query.entity === 'agents' ? 'agent' : 'workflow';
  const events: Event[] = [];
  if (query.metric === 'executions' || query.metric === 'avg_duration') {
    for (const run of ws.runs) {
      if (ws.flows.get(run.flow)?.kind !== kind) continue;
      const observed = observe(run, now);
      if (observed === null) continue; // created after now
      if (query.metric === 'executions') events.push({ at: run.createdAt, user: run.user, measure: 1 });
      else if (observed.startedAt !== null && observed.finishedAt !== null) {
        events.push({ at: run.createdAt, user: run.user, measure: observed.finishedAt - observed.startedAt });
      }
    }
  } else {
    for (const flow of ws.flows.values()) {
      if (flow.kind !== kind) continue;
      if (query.metric === 'shares') {
        for (const share of flow.shares) if (share.at <= now) events.push({ at: share.at, user: share.by, measure: 1 });
      } else if (flow.createdAt <= now && (query.metric === 'created' || flow.fromTemplate)) {
        events.push({ at: flow.createdAt, user: flow.createdBy, measure: 1 });
      }
    }
  }

  const today = Math.floor(now / DAY) * DAY;
  let fromDay: Millis;
  if (query.period !== 'all') fromDay = today - (PERIOD_DATES[query.period] - 1) * DAY;
  else if (events.length === 0) fromDay = today;
  else fromDay = Math.floor(events.reduce((earliest, e) => Math.min(earliest, e.at), Infinity) / DAY) * DAY;
  const kept = events.filter((e) => e.at >= fromDay && (query.userId === undefined || e.user === query.userId));

  const aggregate = (of: readonly Event[]): number => {
    const sum = of.reduce((s, e) => s + e.measure, 0);
    if (query.aggregation === 'count') return of.length;
    if (query.aggregation === 'sum') return sum;
    return of.length === 0 ? 0 : sum / of.length;
  };
  const dir = query.orderDir === 'asc' ? 1 : -1;
  let rows: MetricsRow[] = [];
  if (query.groupBy === 'user') {
    const byUser = groupBy(kept.filter((e) => e.user !== null), (e) => e.user as string);
    rows = [...byUser]
      .map(([userId, of]) => ({ userId, userName: ws.users.get(userId)?.name ?? userId, value: aggregate(of) }))
      .sort((a, b) => dir * (query.orderBy === 'name' ? compareText(a.userName, b.userName) : a.value - b.value) || compareUserIds(a.userId, b.userId));
  } else if (query.groupBy === 'date') {
    const granularity = query.granularity ?? 'day';
    const byDate = groupBy(kept, (e) => Math.floor(e.at / DAY) * DAY);
    // Every date of the period, in order, into the bucket it falls in: a bucket's events are its dates' events.
    const buckets = new Map<string, Event[]>();
    for (let day = fromDay; day <= today; day += DAY) {
      const label = dateLabel(day, granularity);
      let bucket = buckets.get(label);
      if (bucket === undefined) buckets.set(label, (bucket = []));
      bucket.push(...(byDate.get(day) ?? []));
    }
    const dateRows = [...buckets].map(([date, of]) => ({ date, value: aggregate(of) }));
    // Array.prototype.sort is stable: ties stay in date order.
    if (query.orderBy !== undefined) dateRows.sort((a, b) => dir * (query.orderBy === 'value' ? a.value - b.value : compareText(a.date, b.date)));
    rows = dateRows;
  }
  return {
    total: aggregate(kept),
    rows: query.limit === undefined ? rows : rows.slice(0, query.limit),
    period: { from: new Date(fromDay).toISOString().slice(0, 10), to: new Date(today).toISOString().slice(0, 10) },
    unit: query.metric === 'avg_duration' && query.aggregation !== 'count' ? 'milliseconds' : null,
  };
}

function groupBy<K>(events: readonly Event[], key: (event: Event) => K): Map<K, Event[]> {
  const groups = new Map<K, Event[]>();
  for (const event of events) {
    const k = key(event);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [event]);
    else group.push(event);
  }
  return groups;
}

/** `YYYY-MM-DD`, `YYYY-WW` (ISO 8601 week-year and week: the week holding the year's first Thursday is 1) or `YYYY-MM`. */
function dateLabel(at: Millis, granularity: 'day' | 'week' | 'month'): string {
  const iso = new Date(at).toISOString();
  if (granularity === 'day') return iso.slice(0, 10);
  if (granularity === 'month') return iso.slice(0, 7);
  // A week runs Monday to Sunday and belongs to the year of its Thursday; count that year's Thursdays up to it.
  const date = new Date(Math.floor(at / DAY) * DAY);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return `${year}-${String(week).padStart(2, '0')}`;
}

/** User ids ascending, numeric ones by their number ("9" before "10"). */
function compareUserIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const difference = BigInt(a) - BigInt(b);
    if (difference !== 0n) return difference < 0n ? -1 : 1;
  }
  return compareText(a, b);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
