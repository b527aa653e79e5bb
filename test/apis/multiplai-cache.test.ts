/**
 * Multiplai workspace metrics: where the parameters come from (a JSON body on the GET, the query string,
 * both merged field by field with the body winning) and the 300 s response cache on the clock
 * (docs/apis.md#multiplai). Over test/fixtures/scenarios/multiplai-metrics.yaml (now 2026-06-15T12:00:00Z),
 * where 30d workflow executions are 9: "9" 3, "10" 3, "2" 2, the system 1 (see multiplai.test.ts).
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { MockState } from '../../src/domain/mock-state.ts';
import type { Run } from '../../src/domain/records.ts';
import { appFor, expectMatchesSpec } from '../helpers/app.ts';

const SCENARIO = 'test/fixtures/scenarios/multiplai-metrics.yaml';
const WS = '5a000000-0000-4000-8000-000000000001';
const INVOICES = '5f000000-0000-4000-8000-000000000001';
const NOW = Date.parse('2026-06-15T12:00:00Z');
const URL = '/multiplai/api/v1/workspaces/metrics';
const BASE = { workspace_uuid: WS, entity: 'workflows', metric: 'executions', aggregation: 'count' };
const BASE_QUERY = `workspace_uuid=${WS}&entity=workflows&metric=executions&aggregation=count`;

type App = ReturnType<typeof appFor>['app'];

async function metrics(app: App, body?: Record<string, unknown>, query = '', token = 'fm_metrics_0123456789') {
  let req = request(app).get(query === '' ? URL : `${URL}?${query}`).set('authorization', `Bearer ${token}`);
  if (body !== undefined) req = req.set('content-type', 'application/json').send(JSON.stringify(body));
  const res = await req;
  expectMatchesSpec('multiplai', '/multiplai', res);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { data: { total: number; results: Record<string, unknown>[] }; meta: { cached_at: string; period: { from: string } } };
}

/** A finished workflow run by user "9", created at `at`. */
function addRun(state: MockState, id: string, at: number): void {
  const run: Run = {
    id, workspaceId: WS, flow: INVOICES, user: '9', status: 'succeeded', createdAt: at, startedAt: at, finishedAt: at + 1000,
    resumed: false, appActions: 0, tokens: 0, trigger: 'api', sourceSystem: 'api', error: null,
  };
  state.dataset.addRun(run);
}

describe('multiplai: parameters from the body or the query string', () => {
  it.each([
    ['a total', { filters: { period: '7d' } }, 'filters[period]=7d'],
    ['grouped by user, limited', { group_by: 'user', order_by: 'name', order_dir: 'asc', limit: 2 }, 'group_by=user&order_by=name&order_dir=asc&limit=2'],
    ['grouped by week, one user (user_id 9 in the body, "9" in the URL)', { group_by: 'date', granularity: 'weekly', filters: { user_id: 9 } },
      'group_by=date&granularity=weekly&filters[user_id]=9'],
  ])('the query-string form of %s answers exactly as the body form', async (_name, body, query) => {
    // Two fresh apps, so that neither answer comes from the other's cache.
    const fromBody = await metrics(appFor(SCENARIO).app, { ...BASE, ...body });
    const fromQuery = await metrics(appFor(SCENARIO).app, undefined, `${BASE_QUERY}&${query}`);
    expect(fromQuery).toEqual(fromBody);
  });

  it('filters[user_id] from the URL stays a string and keeps user "9": 3 runs', async () => {
    expect((await metrics(appFor(SCENARIO).app, undefined, `${BASE_QUERY}&filters[user_id]=9`)).data.total).toBe(3);
  });

  it('a field in the body wins over the same field in the query string', async () => {
    // The URL asks for agents (2 executions), the body for workflows (9).
    const { data } = await metrics(appFor(SCENARIO).app, { entity: 'workflows' }, `${BASE_QUERY.replace('entity=workflows', 'entity=agents')}`);
    expect(data.total).toBe(9);
  });

  it('a body `filters` replaces every filters[...] of the query string', async () => {
    // The URL: 7d and user "2" (r3 = 1); the body's filters: 90d and nobody in particular (10).
    const { data, meta } = await metrics(appFor(SCENARIO).app, { filters: { period: '90d' } }, `${BASE_QUERY}&filters[period]=7d&filters[user_id]=2`);
    expect([data.total, meta.period.from]).toEqual([10, '2026-03-18']);
  });

  it('required fields may come from either source', async () => {
    const { data } = await metrics(appFor(SCENARIO).app, { metric: 'executions', aggregation: 'count' }, `workspace_uuid=${WS}&entity=workflows`);
    expect(data.total).toBe(9);
  });
});

describe('multiplai: the 300 s cache on the clock', () => {
  it('an identical query within 300 s returns the identical body, new runs and moving time notwithstanding', async () => {
    const { app, state } = appFor(SCENARIO);
    const query = { ...BASE, group_by: 'user' };
    const first = await metrics(app, query);
    expect(first.meta.cached_at).toBe('2026-06-15T12:00:00.000Z');
    // A new run by "9" (it would make 4 runs) and r8 finishing at 12:01: neither shows within the TTL.
    addRun(state, '5b000000-0000-4000-8000-0000000000f1', NOW - 60_000);
    state.clock.advance(299_999);
    expect(await metrics(app, query)).toEqual(first);
    // At 300 s the entry has expired: recomputed, cached_at is the new now, the new run counts.
    state.clock.advance(1);
    const second = await metrics(app, query);
    expect(second.meta.cached_at).toBe('2026-06-15T12:05:00.000Z');
    expect([second.data.total, second.data.results[0]]).toEqual([10, { user_id: '9', user_name: 'Cid Same', value: 4 }]);
  });

  it.each([
    ['filters.user_id 9 and "9"', { filters: { user_id: 9 } }, { filters: { user_id: '9' } }],
    ['the default period and filters.period 30d', {}, { filters: { period: '30d' } }],
    ['the default ordering of users and order_by value desc', { group_by: 'user' }, { group_by: 'user', order_by: 'value', order_dir: 'desc' }],
    ['date order and order_dir alone', { group_by: 'date', granularity: 'daily' }, { group_by: 'date', granularity: 'daily', order_dir: 'desc' }],
    ['no group_by, with or without ordering and limit', {}, { order_by: 'name', limit: 3 }],
  ])('normalised parameters share an entry: %s', async (_name, a, b) => {
    const { app, state } = appFor(SCENARIO);
    const first = await metrics(app, { ...BASE, ...a });
    state.clock.advance(100_000);
    expect(await metrics(app, { ...BASE, ...b })).toEqual(first);
  });

  it('the body and the query-string forms share an entry', async () => {
    const { app, state } = appFor(SCENARIO);
    const first = await metrics(app, { ...BASE, filters: { user_id: 9 } });
    state.clock.advance(100_000);
    expect(await metrics(app, undefined, `${BASE_QUERY}&filters[user_id]=9`)).toEqual(first);
  });

  it.each([
    ['another limit', { group_by: 'user' }, { group_by: 'user', limit: 1 }],
    ['another order', { group_by: 'date', granularity: 'daily' }, { group_by: 'date', granularity: 'daily', order_by: 'value' }],
    ['a granularity echoed with group_by user', { group_by: 'user' }, { group_by: 'user', granularity: 'daily' }],
    ['another user', { filters: { user_id: '9' } }, { filters: { user_id: '10' } }],
  ])('different queries do not: %s', async (_name, a, b) => {
    const { app, state } = appFor(SCENARIO);
    await metrics(app, { ...BASE, ...a });
    state.clock.advance(100_000);
    expect((await metrics(app, { ...BASE, ...b })).meta.cached_at).toBe('2026-06-15T12:01:40.000Z');
  });

  it('each workspace has its own entries, and the token is checked before the cache', async () => {
    const { app, state } = appFor(SCENARIO);
    await metrics(app, BASE);
    const emptyWs = '5a000000-0000-4000-8000-000000000002';
    expect((await metrics(app, { ...BASE, workspace_uuid: emptyWs }, '', 'fm_empty_0123456789')).data.total).toBe(0);
    state.clock.advance(1000);
    const res = await request(app).get(URL).set('authorization', 'Bearer fm_empty_0123456789').set('content-type', 'application/json').send(JSON.stringify(BASE));
    expect([res.status, res.body]).toEqual([403, { message: 'This action is unauthorized.' }]);
    expectMatchesSpec('multiplai', '/multiplai', res);
  });

  it('moving the clock back empties the cache', async () => {
    const { app, state } = appFor(SCENARIO);
    await metrics(app, BASE);
    addRun(state, '5b000000-0000-4000-8000-0000000000f2', NOW - 60_000);
    state.clock.advance(100_000);
    expect((await metrics(app, BASE)).data.total).toBe(9); // still the cached body
    // Back to 12:00:50: the entry (cached at 12:00:00) would still be fresh, but the cache was emptied.
    state.clock.advance(-50_000);
    const after = await metrics(app, BASE);
    expect([after.meta.cached_at, after.data.total]).toEqual(['2026-06-15T12:00:50.000Z', 10]);
  });

  it('putting a scenario in force empties it too', async () => {
    const { app, state } = appFor(SCENARIO);
    expect((await metrics(app, BASE)).data.total).toBe(9);
    // The same scenario without its runs, at the same now: only a recomputed body can say 0.
    state.replaceScenario({ ...state.scenario, workspaces: state.scenario.workspaces.map((ws) => ({ ...ws, runs: [] })) });
    const after = await metrics(app, BASE);
    expect([after.data.total, after.meta.cached_at]).toEqual([0, '2026-06-15T12:00:00.000Z']);
  });
});
