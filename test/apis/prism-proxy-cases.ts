/**
 * The traffic sent through Prism for each API: every operation's success cases and every documented
 * error case, against the edge-cases scenario.
 */
import type { ApiName } from '../../src/apis.ts';
import { EDGE_CASES } from '../helpers/fixtures.ts';

export interface ProxyCase {
  readonly name: string;
  /** Below the API's mount. */
  readonly path: string;
  readonly init: { method?: string; headers?: Record<string, string>; body?: string };
  readonly status: number;
  /** A request the spec allows (Prism's --errors must let it through). */
  readonly validRequest: boolean;
  /** False when bodies carry per-request values (request ids). */
  readonly comparableBody?: boolean;
}

const EDGE = `Bearer ${EDGE_CASES.edge.token}`;
const FLOWS = EDGE_CASES.edge.flows;
/** The flows with runs, with the number their ids end in (as the case names give it). */
const WITH_RUNS = Object.entries({ '01': FLOWS.noTerminalRuns, '02': FLOWS.onlyCancelled, '03': FLOWS.oneRunAgent, '04': FLOWS.edgesAndTies });
const UNKNOWN_FLOW = 'f0000000-0000-4000-8000-0000000000ee';

const alloy: ProxyCase[] = [
  ...WITH_RUNS.map(([n, id]) => ({
    name: `analytics of flow ${n}`, path: `/workflows/${id}/analytics`,
    init: { headers: { authorization: EDGE, 'x-api-version': '2025-09' } }, status: 200, validRequest: true,
  })),
  { name: 'unknown workflow', path: `/workflows/${UNKNOWN_FLOW}/analytics`, init: { headers: { authorization: EDGE, 'x-api-version': '2025-09' } }, status: 404, validRequest: true },
  { name: 'future workflow', path: `/workflows/${FLOWS.createdInTheFuture}/analytics`, init: { headers: { authorization: EDGE, 'x-api-version': '2025-09' } }, status: 404, validRequest: true },
  { name: 'unknown token', path: `/workflows/${FLOWS.noTerminalRuns}/analytics`, init: { headers: { authorization: 'Bearer fm_nobody_00000000', 'x-api-version': '2025-09' } }, status: 401, validRequest: true },
  { name: 'no x-api-version', path: `/workflows/${FLOWS.noTerminalRuns}/analytics`, init: { headers: { authorization: EDGE } }, status: 400, validRequest: false },
  { name: 'old x-api-version', path: `/workflows/${FLOWS.noTerminalRuns}/analytics`, init: { headers: { authorization: EDGE, 'x-api-version': '2024-07' } }, status: 400, validRequest: false },
  { name: 'no credentials', path: `/workflows/${FLOWS.noTerminalRuns}/analytics`, init: { headers: { 'x-api-version': '2025-09' } }, status: 401, validRequest: false },
];

const ORG = EDGE_CASES.edge.workspaceId;
const OTHER_ORG = EDGE_CASES.other.workspaceId;
const auth = { authorization: EDGE };
const ok = (name: string, path: string, init: ProxyCase['init'] = { headers: auth }, comparableBody = true): ProxyCase =>
  ({ name, path, init, status: 200, validRequest: true, comparableBody });

const stackai: ProxyCase[] = [
  ...WITH_RUNS.map(([n, id]) => ok(`runs of flow ${n}`, `/analytics/org/${ORG}/flows/${id}`)),
  ok('second page of 5', `/analytics/org/${ORG}/flows/${FLOWS.edgesAndTies}?page=1&page_size=5`),
  ok('page past the end', `/analytics/org/${ORG}/flows/${FLOWS.edgesAndTies}?page=40`),
  ok('window, user and states', `/analytics/org/${ORG}/flows/${FLOWS.edgesAndTies}?start_date=2027-01-01&end_date=2027-01-05T11:00:00Z&user_id=${EDGE_CASES.edge.users.alice}&state=COMPLETED,FAILED`),
  { name: 'another org', path: `/analytics/org/${OTHER_ORG}/flows/${FLOWS.edgesAndTies}`, init: { headers: auth }, status: 403, validRequest: true },
  { name: 'unknown flow', path: `/analytics/org/${ORG}/flows/${UNKNOWN_FLOW}`, init: { headers: auth }, status: 404, validRequest: true },
  { name: 'unknown token', path: `/analytics/org/${ORG}/flows/${FLOWS.edgesAndTies}`, init: { headers: { authorization: 'Bearer fm_nobody_00000000' } }, status: 401, validRequest: true },
  { name: 'negative page', path: `/analytics/org/${ORG}/flows/${FLOWS.edgesAndTies}?page=-1`, init: { headers: auth }, status: 422, validRequest: false },
  { name: 'unknown state', path: `/analytics/org/${ORG}/flows/${FLOWS.edgesAndTies}?state=DONE`, init: { headers: auth }, status: 422, validRequest: false },
  { name: 'no credentials', path: `/analytics/org/${ORG}/flows/${FLOWS.edgesAndTies}`, init: {}, status: 401, validRequest: false },
];

const summary = (flowId: string, query = '') => `/api/v1/workflows/${flowId}/runs/summary${query}`;
const onepin: ProxyCase[] = [
  ...WITH_RUNS.map(([n, id]) => ok(`summary of flow ${n}`, summary(id), { headers: auth }, false)),
  ok('a window with offsets', summary(FLOWS.edgesAndTies, '?from=2027-01-01T00:00:00%2B00:00&to=2027-01-05T12:00:00Z'), { headers: auth }, false),
  ok('from = to', summary(FLOWS.edgesAndTies, '?from=2027-01-01T00:00:00Z&to=2027-01-01T00:00:00Z'), { headers: auth }, false),
  ok('own X-Workspace-Id', summary(FLOWS.edgesAndTies), { headers: { ...auth, 'x-workspace-id': ORG } }, false),
  { name: 'other X-Workspace-Id', path: summary(FLOWS.edgesAndTies), init: { headers: { ...auth, 'x-workspace-id': OTHER_ORG } }, status: 403, validRequest: true, comparableBody: false },
  { name: 'unknown flow', path: summary(UNKNOWN_FLOW), init: { headers: auth }, status: 404, validRequest: true, comparableBody: false },
  { name: 'from after to', path: summary(FLOWS.edgesAndTies, '?from=2027-01-02T00:00:00Z&to=2027-01-01T00:00:00Z'), init: { headers: auth }, status: 422, validRequest: true, comparableBody: false },
  { name: 'unknown token', path: summary(FLOWS.edgesAndTies), init: { headers: { authorization: 'Bearer fm_nobody_00000000' } }, status: 401, validRequest: true, comparableBody: false },
  { name: 'not a uuid', path: '/api/v1/workflows/nope/runs/summary', init: { headers: auth }, status: 422, validRequest: false },
  { name: 'naive datetime', path: summary(FLOWS.edgesAndTies, '?from=2027-01-01T00:00:00'), init: { headers: auth }, status: 422, validRequest: false },
];

const stats = (query: string) => `/v1/executions/stats?${query}`;
const JAN1 = Date.parse('2027-01-01T00:00:00Z');
const DAY = 86_400_000;
const b3os: ProxyCase[] = [
  ok('daily over a week', stats(`from=${JAN1 - 3 * DAY}&to=${JAN1 + 4 * DAY}&granularity=daily`), { headers: auth }, false),
  ok('hourly over a day', stats(`from=${JAN1 + 4 * DAY}&to=${JAN1 + 5 * DAY - 1}&granularity=hourly`), { headers: auth }, false),
  ok('from = to on an edge', stats(`from=${JAN1}&to=${JAN1}&granularity=hourly`), { headers: auth }, false),
  ok('own X-Org-ID', stats(`from=${JAN1}&to=${JAN1 + DAY}&granularity=daily`), { headers: { ...auth, 'x-org-id': ORG } }, false),
  { name: 'other X-Org-ID', path: stats(`from=${JAN1}&to=${JAN1 + DAY}&granularity=daily`), init: { headers: { ...auth, 'x-org-id': OTHER_ORG } }, status: 403, validRequest: true, comparableBody: false },
  { name: 'from after to', path: stats(`from=${JAN1 + DAY}&to=${JAN1}&granularity=daily`), init: { headers: auth }, status: 400, validRequest: true, comparableBody: false },
  { name: 'over 365 days', path: stats(`from=${JAN1 - 400 * DAY}&to=${JAN1}&granularity=daily`), init: { headers: auth }, status: 400, validRequest: true, comparableBody: false },
  { name: 'unknown token', path: stats(`from=${JAN1}&to=${JAN1 + DAY}&granularity=daily`), init: { headers: { authorization: 'Bearer fm_nobody_00000000' } }, status: 401, validRequest: true, comparableBody: false },
  { name: 'no granularity', path: stats(`from=${JAN1}&to=${JAN1 + DAY}`), init: { headers: auth }, status: 400, validRequest: false },
  { name: 'weekly', path: stats(`from=${JAN1}&to=${JAN1 + DAY}&granularity=weekly`), init: { headers: auth }, status: 400, validRequest: false },
];

// Prism's proxy refuses to forward a GET with a body (501, stoplightio/prism#2259), so Multiplai's
// traffic goes through it in the query-string form, which flowmock reads the same way.
const metrics = (params: Record<string, string | number>) => `/api/v1/workspaces/metrics?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
const query = { workspace_uuid: ORG, entity: 'workflows', metric: 'executions', aggregation: 'count' };
const multiplai: ProxyCase[] = [
  ok('total only', metrics(query), { headers: auth }, false),
  ok('by user', metrics({ ...query, group_by: 'user', order_by: 'value', order_dir: 'desc', limit: 10 }), { headers: auth }, false),
  ok('by ISO week over 90 days', metrics({ ...query, entity: 'agents', group_by: 'date', granularity: 'weekly', 'filters[period]': '90d' }), { headers: auth }, false),
  ok('avg duration', metrics({ ...query, metric: 'avg_duration', aggregation: 'avg' }), { headers: auth }, false),
  ok('daily for one user', metrics({ ...query, group_by: 'date', granularity: 'daily', 'filters[period]': '7d', 'filters[user_id]': EDGE_CASES.edge.users.alice }), { headers: auth }, false),
  { name: 'another workspace', path: metrics({ ...query, workspace_uuid: OTHER_ORG }), init: { headers: auth }, status: 403, validRequest: true, comparableBody: false },
  { name: 'unknown workspace', path: metrics({ ...query, workspace_uuid: 'e0000000-0000-4000-8000-0000000000ee' }), init: { headers: auth }, status: 404, validRequest: true, comparableBody: false },
  { name: 'unknown token', path: metrics(query), init: { headers: { authorization: 'Bearer fm_nobody_00000000' } }, status: 401, validRequest: true, comparableBody: false },
  { name: 'unknown entity', path: metrics({ ...query, entity: 'bots' }), init: { headers: auth }, status: 422, validRequest: false },
  { name: 'limit over 1000', path: metrics({ ...query, group_by: 'user', limit: 5000 }), init: { headers: auth }, status: 422, validRequest: false },
  { name: 'no entity', path: metrics({ workspace_uuid: ORG, metric: 'executions', aggregation: 'count' }), init: { headers: auth }, status: 422, validRequest: true, comparableBody: false },
];

export const PROXY_CASES: Record<ApiName, ProxyCase[]> = { alloy, stackai, onepin, b3os, multiplai };
