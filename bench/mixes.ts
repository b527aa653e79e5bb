/**
 * The request mixes: one request (or a family of equivalent requests) per operation, built from a
 * server's /__mock/fixtures so that flowmock answers 200, and spec-valid so that Prism does too.
 * Paths are relative to the API's base (below `/<api>` on flowmock, at the root on Prism).
 */
import type { ApiName } from '../src/apis.ts';

export interface FixtureFlow {
  readonly id: string;
  readonly kind: 'workflow' | 'agent';
  readonly name: string;
  readonly runCount: number;
}

export interface FixtureWorkspace {
  readonly id: string;
  readonly name: string;
  readonly tokens: readonly string[];
  readonly flows: readonly FixtureFlow[];
}

export interface Fixtures {
  readonly now: string;
  readonly workspaces: readonly FixtureWorkspace[];
}

export interface MixRequest {
  readonly method: 'GET';
  /** Vendor path and query, relative to the API's base URL. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface Mix {
  /** Stable id, also the ceiling servers' route prefix. */
  readonly id: string;
  readonly api: ApiName;
  readonly label: string;
  /** The request (the first of the family when `variant` is set). */
  readonly request: MixRequest;
  /**
   * A family of `count` requests that differ only in what defeats a response cache (Multiplai's 300 s
   * cache): the same work. The measured run cycles through `at(i)` in order; the warm-up through
   * `warmup(i)`, which never repeats a measured one.
   */
  readonly variant?: { readonly count: number; at(index: number): MixRequest; warmup(index: number): MixRequest };
}

const DAY_MS = 86_400_000;
export const PAGE_SIZE = 25;

/** The first workspace and its busiest flow: what every mix queries. */
export function subject(fixtures: Fixtures): { workspace: FixtureWorkspace; flow: FixtureFlow; token: string } {
  const workspace = fixtures.workspaces[0];
  if (workspace === undefined) throw new Error('the scenario has no workspace');
  const token = workspace.tokens[0];
  if (token === undefined) throw new Error(`workspace ${workspace.name} has no token`);
  const flow = [...workspace.flows].sort((a, b) => b.runCount - a.runCount)[0];
  if (flow === undefined) throw new Error(`workspace ${workspace.name} has no flow`);
  return { workspace, flow, token };
}

/** The last full page of the busiest flow (0-based). */
export function deepPage(flow: FixtureFlow): number {
  return Math.max(0, Math.floor(flow.runCount / PAGE_SIZE) - 1);
}

/**
 * The orderings of Multiplai's rows by date, each a different answer and a different cache entry: as built
 * (none given), by value either way, by label (the bucket's date) either way. Each sorts or keeps the same 90
 * rows. By `date` and by `name` are both by label for date buckets, the same query to the cache: a family
 * holding both repeated a sixth of its queries, answered from the cache (test/bench/multiplai-family.test.ts).
 */
const MULTIPLAI_ORDERS: readonly Record<string, string>[] = [
  {},
  { order_by: 'value', order_dir: 'desc' },
  { order_by: 'value', order_dir: 'asc' },
  { order_by: 'date', order_dir: 'asc' },
  { order_by: 'date', order_dir: 'desc' },
];
/**
 * The aggregations of executions, computed from the same events the same way: `count` and `sum` are the
 * same numbers, and `avg` is 1 for a day with executions and 0 for one without (its answer is 2% shorter:
 * 3,140 bytes against 3,208 on `default`).
 */
const MULTIPLAI_AGGREGATIONS = ['count', 'sum', 'avg'] as const;
/** `limit` from 90 (the number of daily buckets in 90d) to 1000 (the maximum) keeps all 90 rows. */
const MULTIPLAI_LIMITS = 1000 - 90 + 1;
/**
 * How many queries the uncached Multiplai family holds (an order, an aggregation and a `limit` each): 13,665,
 * more than the 10,000 answers the cache keeps, so that cycling through them in order never hits it.
 */
export const MULTIPLAI_FAMILY_SIZE = MULTIPLAI_ORDERS.length * MULTIPLAI_AGGREGATIONS.length * MULTIPLAI_LIMITS;

export function allMixes(fixtures: Fixtures): Mix[] {
  const { workspace, flow, token } = subject(fixtures);
  const now = Date.parse(fixtures.now);
  const bearer = { authorization: `Bearer ${token}` };
  const get = (path: string, headers: Record<string, string> = {}, body?: string): MixRequest =>
    ({ method: 'GET', path, headers: { ...bearer, ...headers }, ...(body === undefined ? {} : { body }) });
  const stackaiPage = (page: number) => get(`/analytics/org/${workspace.id}/flows/${flow.id}?page=${page}&page_size=${PAGE_SIZE}`);
  const metrics = (extra: Record<string, unknown>, period = '90d') => get('/api/v1/workspaces/metrics', { 'content-type': 'application/json' }, JSON.stringify({
    workspace_uuid: workspace.id,
    entity: 'workflows',
    metric: 'executions',
    aggregation: 'count',
    group_by: 'date',
    granularity: 'daily',
    ...extra,
    filters: { period },
  }));
  const uncached = (index: number, period: string) => {
    const order = MULTIPLAI_ORDERS[index % MULTIPLAI_ORDERS.length] as Record<string, string>;
    const rest = Math.floor(index / MULTIPLAI_ORDERS.length);
    const aggregation = MULTIPLAI_AGGREGATIONS[rest % MULTIPLAI_AGGREGATIONS.length] as string;
    const limit = 90 + (Math.floor(rest / MULTIPLAI_AGGREGATIONS.length) % MULTIPLAI_LIMITS);
    return metrics({ aggregation, ...order, limit }, period);
  };
  const monthAgo = new Date(now - 30 * DAY_MS).toISOString();
  return [
    { id: 'alloy', api: 'alloy', label: 'Alloy workflow analytics (lifetime)', request: get(`/workflows/${flow.id}/analytics`, { 'x-api-version': '2025-09' }) },
    { id: 'stackai', api: 'stackai', label: 'StackAI runs, page 0 of 25', request: stackaiPage(0) },
    {
      id: 'onepin', api: 'onepin', label: 'OnePin runs summary, 30 days',
      request: get(`/api/v1/workflows/${flow.id}/runs/summary?from=${encodeURIComponent(monthAgo)}&to=${encodeURIComponent(fixtures.now)}`),
    },
    { id: 'b3os', api: 'b3os', label: 'B3OS stats, hourly over 30 days', request: get(`/v1/executions/stats?from=${now - 30 * DAY_MS}&to=${now}&granularity=hourly`) },
    { id: 'multiplai', api: 'multiplai', label: 'Multiplai executions by day, 90d (repeated: cache hits)', request: metrics({}) },
    {
      id: 'multiplai-uncached', api: 'multiplai', label: 'Multiplai executions by day, 90d (each query new: computed)',
      request: uncached(0, '90d'),
      variant: { count: MULTIPLAI_FAMILY_SIZE, at: (i) => uncached(i, '90d'), warmup: (i) => uncached(i, '30d') },
    },
    { id: 'b3os-daily', api: 'b3os', label: 'B3OS stats, daily over 30 days', request: get(`/v1/executions/stats?from=${now - 30 * DAY_MS}&to=${now}&granularity=daily`) },
    { id: 'stackai-deep', api: 'stackai', label: `StackAI runs, deep page ${deepPage(flow)} of 25`, request: stackaiPage(deepPage(flow)) },
  ];
}

/** Every mix measured on `default` by `npm run bench` (and compared by its A/B mode, bench/ab.ts). */
export const DEFAULT_MIXES = ['alloy', 'stackai', 'onepin', 'b3os', 'multiplai', 'multiplai-uncached', 'stackai-deep', 'b3os-daily'] as const;
/**
 * The five operations the default-scenario targets apply to: Multiplai with a new query each time (computed,
 * not its 300 s cache answering); the cached query is an extra row.
 */
export const OPERATION_MIXES = ['alloy', 'stackai', 'onepin', 'b3os', 'multiplai-uncached'] as const;
/** Measured on `default` besides the operations, with no target. */
export const EXTRA_MIXES = ['multiplai', 'stackai-deep', 'b3os-daily'] as const;
/** What the `large` scenario runs. */
export const LARGE_MIXES = ['b3os', 'multiplai', 'multiplai-uncached', 'stackai', 'stackai-deep'] as const;
/** What the `huge` scenario (5,000,000 runs) runs: the queries of its p50 target, and the cached Multiplai query. */
export const HUGE_MIXES = ['b3os', 'multiplai-uncached', 'multiplai'] as const;
export const SCALING_MIXES = ['b3os', 'multiplai-uncached', 'stackai', 'stackai-deep'] as const;

export function pick(mixes: readonly Mix[], ids: readonly string[]): Mix[] {
  return ids.map((id) => {
    const mix = mixes.find((m) => m.id === id);
    if (mix === undefined) throw new Error(`no mix ${id}`);
    return mix;
  });
}
