/**
 * One corpus of requests for the differential test: every operation of the five APIs and of the admin API,
 * valid and invalid, admin writes and clock moves in between, in an order both sides replay exactly.
 * A Multiplai metrics query is sent to the server as a JSON body on the GET (the vendor's own form) and to
 * MSW as its query-string twin (fetch sends no body on GET).
 */
import { gzipSync } from 'node:zlib';
import { stringify } from 'qs';

export interface CorpusRequest {
  readonly name: string;
  readonly method: string;
  /** From the origin, mount included, with its query string. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Uint8Array;
  /** For the MSW side when it differs (Multiplai's query-string twin of a body). */
  readonly twin?: { readonly path: string; readonly body?: undefined };
}

interface FixtureWorkspace {
  readonly id: string;
  readonly tokens: readonly string[];
  readonly users: readonly { id: string }[];
  readonly flows: readonly { id: string; kind: string }[];
}

const NOW = Date.parse('2026-11-20T12:00:00Z');
const DAY = 86_400_000;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

export function buildCorpus(workspaces: readonly FixtureWorkspace[]): CorpusRequest[] {
  const [a, b] = workspaces as [FixtureWorkspace, FixtureWorkspace];
  const token = a.tokens[0] as string;
  const auth = { authorization: `Bearer ${token}` };
  const requests: CorpusRequest[] = [];
  const add = (name: string, method: string, path: string, headers: Record<string, string> = {}, body?: Uint8Array) =>
    requests.push({ name, method, path, headers, ...(body === undefined ? {} : { body }) });

  const vendorRound = (round: string, flows: readonly { id: string }[], ws: FixtureWorkspace = a) => {
    const auth = { authorization: `Bearer ${ws.tokens[0]}` };
    for (const [i, flow] of flows.entries()) {
      add(`${round} alloy ${i}`, 'GET', `/alloy/workflows/${flow.id}/analytics`, { ...auth, 'x-api-version': '2025-09' });
      add(`${round} stackai ${i}`, 'GET', `/stackai/analytics/org/${ws.id}/flows/${flow.id}?page=${i % 3}&page_size=${3 + (i % 7)}`, auth);
      add(`${round} onepin ${i}`, 'GET', `/onepin/api/v1/workflows/${flow.id}/runs/summary?from=${new Date(NOW - (i + 1) * 3 * DAY).toISOString()}`, { ...auth, 'x-workspace-id': ws.id });
    }
    for (const [i, granularity] of ['hourly', 'daily'].entries()) {
      add(`${round} b3os ${granularity}`, 'GET', `/b3os/v1/executions/stats?from=${NOW - (7 + i * 23) * DAY}&to=${NOW}&granularity=${granularity}`, { ...auth, 'x-org-id': ws.id });
    }
    for (const query of multiplaiQueries(ws)) multiplai(`${round} multiplai ${JSON.stringify(query)}`, query, auth);
  };
  const multiplai = (name: string, query: Record<string, unknown>, headers: Record<string, string> = auth) => {
    requests.push({
      name, method: 'GET', path: '/multiplai/api/v1/workspaces/metrics',
      headers: { ...headers, 'content-type': 'application/json' }, body: json(query),
      twin: { path: `/multiplai/api/v1/workspaces/metrics?${stringify(query)}` },
    });
  };

  // Every flow of both workspaces, valid requests.
  vendorRound('start', a.flows);
  vendorRound('start b', b.flows, b);
  for (const [i, flow] of a.flows.entries()) {
    const filters = ['state=COMPLETED', 'state=FAILED', `start_date=2026-11-${String(10 + (i % 9)).padStart(2, '0')}`, `end_date=2026-11-15T00:00:00Z&page_size=50`, 'user_id=1003'];
    add(`stackai filter ${i}`, 'GET', `/stackai/analytics/org/${a.id}/flows/${flow.id}?${filters[i % filters.length]}`, auth);
  }

  // Invalid requests on every API: auth, ids, parameters, methods, paths, bodies.
  const flow = a.flows[0]?.id as string;
  const others = b.flows[0]?.id as string;
  for (const [name, headers] of [['no auth', {}], ['bad token', { authorization: 'Bearer nope' }], ['not bearer', { authorization: 'Basic abc' }]] as const) {
    add(`alloy ${name}`, 'GET', `/alloy/workflows/${flow}/analytics`, { ...headers, 'x-api-version': '2025-09' });
    add(`stackai ${name}`, 'GET', `/stackai/analytics/org/${a.id}/flows/${flow}`, headers);
    add(`onepin ${name}`, 'GET', `/onepin/api/v1/workflows/${flow}/runs/summary`, headers);
    add(`b3os ${name}`, 'GET', `/b3os/v1/executions/stats?from=${NOW - DAY}&to=${NOW}&granularity=hourly`, headers);
    multiplai(`multiplai ${name}`, { workspace_uuid: a.id, entity: 'workflows', metric: 'executions', aggregation: 'count' }, headers);
  }
  for (const version of ['2024-01', '']) add(`alloy version ${version}`, 'GET', `/alloy/workflows/${flow}/analytics`, { ...auth, 'x-api-version': version });
  add('alloy no version', 'GET', `/alloy/workflows/${flow}/analytics`, auth);
  for (const id of [others, UNKNOWN_ID, 'not-a-uuid', '%E0%A4%A']) {
    add(`alloy flow ${id}`, 'GET', `/alloy/workflows/${id}/analytics`, { ...auth, 'x-api-version': '2025-09' });
    add(`stackai flow ${id}`, 'GET', `/stackai/analytics/org/${a.id}/flows/${id}`, auth);
    add(`onepin flow ${id}`, 'GET', `/onepin/api/v1/workflows/${id}/runs/summary`, auth);
  }
  add('stackai other org', 'GET', `/stackai/analytics/org/${b.id}/flows/${flow}`, auth);
  for (const query of ['page=-1', 'page_size=0', 'page=abc', 'page_size=2.5', 'state=RUNNING', 'state=COMPLETED,FAILED', 'start_date=2026-11-01', 'start_date=yesterday',
    'end_date=2026-11-19T00:00:00Z&start_date=2026-11-20T00:00:00Z', 'user_id=1000', 'user_id=', 'page=1&page=2', 'unknown=1', 'start_date=2026-02-30']) {
    add(`stackai ${query}`, 'GET', `/stackai/analytics/org/${a.id}/flows/${flow}?${query}`, auth);
  }
  for (const query of ['from=2026-11-01', 'from=2026-11-01T00:00:00', 'to=2026-11-01T00:00:00Z&from=2026-11-10T00:00:00Z', 'from=2026-11-01T00:00:00%2B02:00',
    'from=2026-13-01T00:00:00Z', 'to=garbage', 'from=2026-11-20T23:59:60Z', 'from=&to=']) {
    add(`onepin ${query}`, 'GET', `/onepin/api/v1/workflows/${flow}/runs/summary?${query}`, { ...auth, 'x-workspace-id': a.id });
  }
  add('onepin other workspace header', 'GET', `/onepin/api/v1/workflows/${flow}/runs/summary`, { ...auth, 'x-workspace-id': b.id });
  for (const query of [`from=${NOW}&to=${NOW - DAY}&granularity=hourly`, `from=x&to=${NOW}&granularity=daily`, `to=${NOW}&granularity=hourly`,
    `from=${NOW - 400 * DAY}&to=${NOW}&granularity=daily`, `from=${NOW - DAY}&to=${NOW}&granularity=weekly`, `from=${NOW - DAY}&to=${NOW}`, '', `from=-5&to=${NOW}&granularity=hourly`,
    `from=${NOW - DAY}.5&to=${NOW}&granularity=hourly`]) {
    add(`b3os ${query}`, 'GET', `/b3os/v1/executions/stats?${query}`, { ...auth, 'x-org-id': a.id });
  }
  add('b3os other org', 'GET', `/b3os/v1/executions/stats?from=${NOW - DAY}&to=${NOW}&granularity=hourly`, { ...auth, 'x-org-id': b.id });
  for (const query of [
    { workspace_uuid: a.id },
    { workspace_uuid: a.id, entity: 'robots', metric: 'executions', aggregation: 'count' },
    { workspace_uuid: a.id, entity: 'workflows', metric: 'executions', aggregation: 'count', group_by: 'date' },
    { workspace_uuid: a.id, entity: 'workflows', metric: 'executions', aggregation: 'count', group_by: 'user', limit: 0 },
    { workspace_uuid: a.id, entity: 'workflows', metric: 'executions', aggregation: 'count', surprise: 'yes' },
    { workspace_uuid: UNKNOWN_ID, entity: 'workflows', metric: 'executions', aggregation: 'count' },
    { workspace_uuid: b.id, entity: 'workflows', metric: 'executions', aggregation: 'count' },
    { workspace_uuid: 'nope', entity: 'workflows', metric: 'executions', aggregation: 'count' },
    { workspace_uuid: a.id, entity: 'agents', metric: 'tokens', aggregation: 'sum', filters: { period: '1y' } },
  ]) multiplai(`multiplai invalid ${JSON.stringify(query)}`, query);
  add('multiplai query string only', 'GET', `/multiplai/api/v1/workspaces/metrics?workspace_uuid=${a.id}&entity=agents&metric=executions&aggregation=count&group_by=date&granularity=daily&filters%5Bperiod%5D=7d`, auth);
  add('multiplai nothing', 'GET', '/multiplai/api/v1/workspaces/metrics', auth);
  // Methods and paths: HEAD answers as GET without a body, other methods 405, unknown paths 404, mounts in any case.
  add('alloy HEAD', 'HEAD', `/alloy/workflows/${flow}/analytics`, { ...auth, 'x-api-version': '2025-09' });
  add('alloy POST', 'POST', `/alloy/workflows/${flow}/analytics`, { ...auth, 'content-type': 'application/json' }, json({}));
  add('stackai DELETE', 'DELETE', `/stackai/analytics/org/${a.id}/flows/${flow}`, auth);
  add('onepin PUT', 'PUT', `/onepin/api/v1/workflows/${flow}/runs/summary`, auth, json({ a: 1 }));
  add('b3os PATCH', 'PATCH', '/b3os/v1/executions/stats', auth, json({}));
  add('multiplai POST', 'POST', '/multiplai/api/v1/workspaces/metrics', { ...auth, 'content-type': 'application/json' }, json({ workspace_uuid: a.id }));
  for (const path of ['/alloy', '/alloy/', '/stackai/nowhere', '/onepin/api/v1', '/b3os/v2/executions/stats', '/multiplai/api/v1/workspaces', '/ALLOY/workflows/' + flow + '/analytics',
    `/alloy/workflows/${flow}/analytics/`, `/OnePin/API/v1/workflows/${flow}/runs/summary`]) {
    add(`path ${path}`, 'GET', path, { ...auth, 'x-api-version': '2025-09' });
  }
  add('onepin body too large', 'PUT', `/onepin/api/v1/workflows/${flow}/runs/summary`, auth, new Uint8Array(1024 * 1024 + 1));

  // The admin API: reads.
  for (const path of ['/__mock/health', '/__mock/fixtures', '/__mock/clock', '/__mock/faults', '/__mock/scenario', '/__mock/live', '/__mock/HEALTH', '/__mock/health/', '/__mock', '/__mock/nothing', '/__mock/runs']) {
    add(`admin GET ${path}`, 'GET', path);
  }
  add('admin HEAD health', 'HEAD', '/__mock/health');
  add('admin DELETE health', 'DELETE', '/__mock/health');
  // Runs added (valid and not), moved through their lifecycle (valid and impossible moves).
  const jsonHeaders = { 'content-type': 'application/json' };
  const firstRun = '7a1e0c3b-2d4f-4e6a-8b9c-0d1e2f3a4b5c';
  const runs: [string, unknown][] = [
    ['running', { workspace: a.id, flow, status: 'running', id: firstRun }],
    ['generated id', { workspace: a.id, flow, status: 'queued' }],
    ['failed with error', { workspace: a.id, flow: a.flows[1]?.id, status: 'failed', error: 'Timeout', createdAt: '2026-11-20T11:00:00Z', startedAt: '2026-11-20T11:00:01Z', finishedAt: '2026-11-20T11:00:31Z' }],
    ['unknown workspace', { workspace: UNKNOWN_ID, flow, status: 'running' }],
    ['other workspace flow', { workspace: a.id, flow: others, status: 'running' }],
    ['bad status', { workspace: a.id, flow, status: 'exploded' }],
    ['duplicate id', { workspace: a.id, flow, status: 'running', id: firstRun }],
    ['finished before start', { workspace: a.id, flow, status: 'succeeded', startedAt: '2026-11-20T10:00:00Z', finishedAt: '2026-11-20T09:00:00Z', createdAt: '2026-11-20T08:00:00Z' }],
    ['unknown field', { workspace: a.id, flow, status: 'running', colour: 'red' }],
    ['not an object', [1, 2]],
  ];
  for (const [name, body] of runs) add(`admin POST runs ${name}`, 'POST', '/__mock/runs', jsonHeaders, json(body));
  add('admin POST runs malformed', 'POST', '/__mock/runs', jsonHeaders, new TextEncoder().encode('{"workspace":'));
  add('admin POST runs scalar', 'POST', '/__mock/runs', jsonHeaders, new TextEncoder().encode('"running"'));
  add('admin POST runs text', 'POST', '/__mock/runs', { 'content-type': 'text/plain' }, new TextEncoder().encode('hello'));
  add('admin POST runs no body', 'POST', '/__mock/runs');
  add('admin POST runs latin1', 'POST', '/__mock/runs', { 'content-type': 'application/json; charset=iso-8859-1' }, json({ workspace: a.id, flow, status: 'running' }));
  add('admin POST runs gzip', 'POST', '/__mock/runs', { ...jsonHeaders, 'content-encoding': 'gzip' }, gzipSync(json({ workspace: a.id, flow: a.flows[2]?.id, status: 'paused' })));
  add('admin POST runs unknown encoding', 'POST', '/__mock/runs', { ...jsonHeaders, 'content-encoding': 'zstd-but-not' }, json({}));
  for (const [name, patch] of [['to paused', { status: 'paused' }], ['back to running', { status: 'running' }], ['to succeeded', { status: 'succeeded' }],
    ['out of terminal', { status: 'running' }], ['bad field', { status: 'running', nope: 1 }]] as const) {
    add(`admin PATCH run ${name}`, 'PATCH', `/__mock/runs/${firstRun}`, jsonHeaders, json(patch));
  }
  add('admin PATCH unknown run', 'PATCH', `/__mock/runs/${UNKNOWN_ID}`, jsonHeaders, json({ status: 'failed' }));
  add('admin PATCH broken escape', 'PATCH', '/__mock/runs/%ZZ', jsonHeaders, json({ status: 'failed' }));
  vendorRound('after runs', a.flows.slice(0, 4));
  // The clock: moved forward, set, refused.
  for (const [name, body] of [['advance an hour', { advanceMs: 3_600_000 }], ['set', { now: '2026-11-21T08:30:00Z' }], ['no offset', { now: '2026-11-21T08:30:00' }],
    ['two instructions', { now: '2026-11-21T08:30:00Z', advanceMs: 5 }], ['empty', {}], ['advance a day', { advanceMs: DAY }]] as const) {
    add(`admin clock ${name}`, 'POST', '/__mock/clock', jsonHeaders, json(body));
  }
  vendorRound('after clock', a.flows.slice(4, 8));
  // Faults: a deterministic error rate on OnePin and a short latency on Alloy, then removed.
  add('admin PUT faults', 'PUT', '/__mock/faults', jsonHeaders, json({ rules: [{ id: 'onepin-flaky', api: 'onepin', status: 503, rate: 0.5 }, { api: 'alloy', latencyMs: { min: 1, max: 5 } }, { api: 'b3os', status: 429, route: '/v1/executions' }] }));
  add('admin PUT faults invalid', 'PUT', '/__mock/faults', jsonHeaders, json({ rules: [{ api: 'onepin' }, { latencyMs: { min: 9, max: 1 } }] }));
  vendorRound('with faults', a.flows.slice(0, 6));
  add('admin GET faults applied', 'GET', '/__mock/faults');
  add('admin DELETE faults', 'DELETE', '/__mock/faults');
  add('admin live invalid', 'PUT', '/__mock/live', jsonHeaders, json({ enabled: true, ratePerMinute: 0 }));
  // The journal, filtered.
  for (const query of ['', 'api=onepin&status=5xx', 'api=admin&method=POST', 'fault=true&limit=3', 'status=404', 'path=/alloy', 'api[x]=1', 'limit=0', 'since=2020-01-01T00:00:00Z']) {
    add(`admin journal ${query}`, 'GET', `/__mock/requests?${query}`);
  }
  // A scenario put in force, used, then the one loaded at start back by a reset.
  add('admin PUT scenario invalid', 'PUT', '/__mock/scenario', jsonHeaders, json({ version: 1, name: 'x' }));
  add('admin PUT scenario yaml', 'PUT', '/__mock/scenario', { 'content-type': 'application/yaml' }, new TextEncoder().encode(TINY_SCENARIO));
  add('admin PUT scenario bad yaml', 'PUT', '/__mock/scenario', { 'content-type': 'application/yaml' }, new TextEncoder().encode('a: [1,'));
  add('tiny alloy', 'GET', '/alloy/workflows/3b0d9a8e-4c2f-4e1a-8f6b-1d2c3e4f5a60/analytics', { authorization: 'Bearer fm_tiny_token', 'x-api-version': '2025-09' });
  add('tiny fixtures', 'GET', '/__mock/fixtures');
  add('admin reset', 'POST', '/__mock/reset');
  vendorRound('after reset', a.flows.slice(0, 3));
  add('admin journal at the end', 'GET', '/__mock/requests?limit=1000');
  add('admin DELETE journal', 'DELETE', '/__mock/requests');
  add('admin journal cleared', 'GET', '/__mock/requests');
  return requests;
}

function multiplaiQueries(workspace: FixtureWorkspace): Record<string, unknown>[] {
  const queries: Record<string, unknown>[] = [];
  const user = workspace.users[0]?.id ?? '1000';
  for (const entity of ['workflows', 'agents']) {
    for (const [metric, aggregation] of [['executions', 'count'], ['duration', 'avg'], ['tokens', 'sum'], ['errors', 'count'], ['success_rate', 'avg']]) {
      queries.push({ workspace_uuid: workspace.id, entity, metric, aggregation });
      queries.push({ workspace_uuid: workspace.id, entity, metric, aggregation, group_by: 'user', limit: 5, filters: { period: '7d' } });
      queries.push({ workspace_uuid: workspace.id, entity, metric, aggregation, group_by: 'date', granularity: 'weekly', filters: { period: '90d', user_id: user } });
    }
  }
  return queries;
}

const TINY_SCENARIO = `version: 1
name: tiny
description: One workspace, one flow, one run.
seed: 7
now: 2026-11-20T12:00:00Z
workspaces:
  - id: 6f1d3c2a-8b4e-4f7a-9c1d-2e5b7a9f0c31
    name: Tiny
    tokens: [fm_tiny_token]
    users: [{ id: "1", name: Ada, email: ada@tiny.example }]
    flows:
      - { id: 3b0d9a8e-4c2f-4e1a-8f6b-1d2c3e4f5a60, kind: workflow, name: Sync, createdAt: 2026-06-02T09:15:00Z, createdBy: "1" }
    runs:
      - { id: 0d1e2f3a-4b5c-4d6e-8f70-81a2b3c4d5e6, flow: 3b0d9a8e-4c2f-4e1a-8f6b-1d2c3e4f5a60, user: "1", status: failed,
          createdAt: 2026-11-20T11:00:00Z, startedAt: 2026-11-20T11:00:01Z, finishedAt: 2026-11-20T11:00:31Z, error: Timeout }
`;
