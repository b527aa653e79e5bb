/**
 * Multiplai workspace metrics over scenarios/edge-cases.yaml (now 2027-01-05T12:00:00Z: today 2027-01-05,
 * 7d from 2026-12-30, 30d from 2026-12-07, 90d from 2026-10-08; 2026-12-28..2027-01-03 is ISO 2026-W53).
 * Flows: 01 "No terminal runs" (6 runs, two by the system), 02 "Only cancelled" (from a template, 3 runs
 * in mid-December), 03 the agent (1 run, 1 share), 04 "Edges and ties" (18 runs, d11 created 1 ms after
 * now; shares on 2026-10-08T00:00Z and 1 ms after now), 05 created after now. Counted by hand.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { appFor, expectMatchesSpec } from '../helpers/app.ts';
import { EDGE_CASES } from '../helpers/fixtures.ts';

const { app } = appFor('edge-cases');
const WS = EDGE_CASES.edge.workspaceId;

type Body = Record<string, unknown>;

async function metrics(extra: Body) {
  const body = { workspace_uuid: WS, entity: 'workflows', metric: 'executions', aggregation: 'count', ...extra };
  const res = await request(app).get('/multiplai/api/v1/workspaces/metrics').set('authorization', `Bearer ${EDGE_CASES.edge.token}`)
    .set('content-type', 'application/json').send(JSON.stringify(body));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expectMatchesSpec('multiplai', '/multiplai', res);
  return res.body as { data: Body & { total: number; results: Body[] }; meta: Body & { period: Body } };
}

const rows = (...pairs: [string, number][]) => pairs.map(([date, value]) => ({ date, value }));

describe('multiplai over edge-cases: windows and buckets', () => {
  it('weekly over 90d: d1 (2026-10-07T23:59:59.999Z) is out, d2 (2026-10-08T00:00Z) in; 2026-W53 then 2027-W01', async () => {
    // W41 d2; W44 d0f (Sunday 2026-11-01); W51 b1 b2 b3 (Dec 15-17); W53 d3 (12-31) d4 (01-01) d0a d0b (01-02)
    // d5 (01-03 23:59:59.999) d0c (01-03) = 6; W01 (from Monday 01-04): flow 01's six runs + d6 d8 d7 d10
    // d12 d13 = 12 (d11 is after now). 1 + 1 + 3 + 6 + 12 = 23.
    const { data, meta } = await metrics({ group_by: 'date', granularity: 'weekly', filters: { period: '90d' } });
    expect(data.results).toEqual(rows(
      ['2026-41', 1], ['2026-42', 0], ['2026-43', 0], ['2026-44', 1], ['2026-45', 0], ['2026-46', 0], ['2026-47', 0],
      ['2026-48', 0], ['2026-49', 0], ['2026-50', 0], ['2026-51', 3], ['2026-52', 0], ['2026-53', 6], ['2027-01', 12],
    ));
    expect([data.total, meta.period]).toEqual([23, { from: '2026-10-08', to: '2027-01-05' }]);
  });

  it('daily over 7d, across the year edge', async () => {
    // 12-31 d3; 01-01 d4; 01-02 d0a d0b; 01-03 d5 d0c; 01-04 a5 a6 d6; 01-05 a1 a2 a3 a4 d8 d7 d10 d12 d13.
    const { data } = await metrics({ group_by: 'date', granularity: 'daily', filters: { period: '7d' } });
    expect(data.results).toEqual(rows(
      ['2026-12-30', 0], ['2026-12-31', 1], ['2027-01-01', 1], ['2027-01-02', 2], ['2027-01-03', 2], ['2027-01-04', 3], ['2027-01-05', 9],
    ));
    expect(data.total).toBe(18);
  });

  it('monthly over 30d', async () => {
    // December from 12-07: b1 b2 b3 d3 = 4; January: 6 (flow 01) + 11 (flow 04 from d4 on, d11 aside) = 17.
    const { data } = await metrics({ group_by: 'date', granularity: 'monthly' });
    expect(data.results).toEqual(rows(['2026-12', 4], ['2027-01', 17]));
    expect(data.total).toBe(21);
  });

  it('period all starts at the earliest workflow run (d0d, 2026-03-29T00:59:59.999Z)', async () => {
    // Every visible workflow run: 6 + 3 + 17 = 26; 90d leaves out d1, d0d and d0e: 23.
    const { data, meta } = await metrics({ filters: { period: 'all' } });
    expect([data.total, meta.period]).toEqual([26, { from: '2026-03-29', to: '2027-01-05' }]);
  });
});

describe('multiplai over edge-cases: users, shares, copies, agents', () => {
  it('group_by user over 30d: users without runs have no row; system runs count in the total only', async () => {
    // Bob "2": a3 a4, b1 b2, d3 d4 d8 d0b d12 d13 = 10; Alice "1": a1 a2, b3, d5 d6 d7 d0a d10 = 8;
    // the system: a5 a6 d0c = 3. Total 21.
    const { data } = await metrics({ group_by: 'user' });
    expect(data.results).toEqual([
      { user_id: '2', user_name: 'Bob Boundary', value: 10 },
      { user_id: '1', user_name: 'Alice Edge', value: 8 },
    ]);
    expect(data.total).toBe(21);
  });

  it('workflow shares: the one on the 90d edge counts, the one after now does not', async () => {
    const ninety = await metrics({ metric: 'shares', group_by: 'user', filters: { period: '90d' } });
    expect([ninety.data.total, ninety.data.results]).toEqual([1, [{ user_id: '1', user_name: 'Alice Edge', value: 1 }]]);
    expect((await metrics({ metric: 'shares' })).data.total).toBe(0);
    expect((await metrics({ metric: 'shares', filters: { period: 'all' } })).meta.period).toEqual({ from: '2026-10-08', to: '2027-01-05' });
  });

  it('copies: flow 02 (from a template, 2026-12-01) is in 90d, not in 30d', async () => {
    expect((await metrics({ metric: 'copies', filters: { period: '90d' } })).data.total).toBe(1);
    expect((await metrics({ metric: 'copies' })).data.total).toBe(0);
    const all = await metrics({ metric: 'copies', group_by: 'user', filters: { period: 'all' } });
    expect([all.meta.period, all.data.results]).toEqual([{ from: '2026-12-01', to: '2027-01-05' }, [{ user_id: '2', user_name: 'Bob Boundary', value: 1 }]]);
  });

  it('created workflows: 01 and 02 in 90d; 04 (2026-03-01) only in all; 05 (after now) never', async () => {
    expect((await metrics({ metric: 'created', filters: { period: '90d' } })).data.total).toBe(2);
    const all = await metrics({ metric: 'created', filters: { period: 'all' } });
    expect([all.data.total, all.meta.period]).toEqual([3, { from: '2026-03-01', to: '2027-01-05' }]);
  });

  it('the agent: created by Alice, run by Alice, shared by Bob', async () => {
    const agents = { entity: 'agents', group_by: 'user' };
    expect((await metrics({ ...agents, metric: 'created' })).data.results).toEqual([{ user_id: '1', user_name: 'Alice Edge', value: 1 }]);
    expect((await metrics({ ...agents, metric: 'executions' })).data.results).toEqual([{ user_id: '1', user_name: 'Alice Edge', value: 1 }]);
    expect((await metrics({ ...agents, metric: 'shares' })).data.results).toEqual([{ user_id: '2', user_name: 'Bob Boundary', value: 1 }]);
  });

  it('avg_duration over 7d: only runs started and finished by now (d12 finishes and d13 starts after it)', async () => {
    // d3 30000, d4 60000, d0a 1000, d0b 2000, d5 20000, d0c 4000, d6 20000, d8 30000, d7 29000 = 196000 over 9.
    for (const [aggregation, total] of [['count', 9], ['sum', 196000], ['avg', 196000 / 9]] as const) {
      const { data, meta } = await metrics({ metric: 'avg_duration', aggregation, filters: { period: '7d' } });
      expect([data.total, meta.unit]).toEqual([total, aggregation === 'count' ? null : 'milliseconds']);
    }
  });
});
