/**
 * A run added through the admin API shows on all five APIs at once, consistently: OnePin's counts,
 * B3OS's time series, StackAI's pages, Alloy's totals and, after the cache TTL, Multiplai's metrics.
 * Scenario edge-cases (now 2027-01-05T12:00:00Z); expectations counted by hand from the file.
 */
import type { ApiName } from '../../src/apis.ts';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { appFor, expectMatchesSpec } from '../helpers/app.ts';
import { EDGE_CASES } from '../helpers/fixtures.ts';

const WS = EDGE_CASES.edge.workspaceId;
const AUTH = { authorization: `Bearer ${EDGE_CASES.edge.token}` };
const FLOW = EDGE_CASES.edge.flows.onlyCancelled; // "Only cancelled": 3 cancelled runs, 1 app action
const FROM = Date.parse('2027-01-05T00:00:00Z');
const TO = Date.parse('2027-01-05T12:00:00Z');

describe('one dataset, five views', () => {
  it('a run added shows everywhere, and in Multiplai after the cache TTL', async () => {
    const { app } = appFor('edge-cases');
    const get = async (spec: ApiName, path: string, headers: Record<string, string> = {}) => {
      const res = await request(app).get(`/${spec}${path}`).set({ ...AUTH, ...headers });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expectMatchesSpec(spec, `/${spec}`, res);
      return res.body;
    };
    const views = async () => ({
      alloy: await get('alloy', `/workflows/${FLOW}/analytics`, { 'x-api-version': '2025-09' }),
      onepin: (await get('onepin', `/api/v1/workflows/${FLOW}/runs/summary`)).data,
      stackai: await get('stackai', `/analytics/org/${WS}/flows/${FLOW}`),
      b3os: (await get('b3os', `/v1/executions/stats?from=${FROM}&to=${TO}&granularity=hourly`)).data,
      multiplai: (await get('multiplai', `/api/v1/workspaces/metrics?workspace_uuid=${WS}&entity=workflows&metric=executions&aggregation=count&filters[period]=7d`)).data,
    });
    const bucket = (b3os: { timeSeries: { bucketStart: string }[] }, hour: string) => b3os.timeSeries.find((b) => b.bucketStart === `2027-01-05T${hour}:00:00.000Z`);

    const before = await views();
    expect(before.alloy).toEqual({ totalWorkflowRuns: 3, totalErrors: 0, totalAppActions: 1 });
    expect(before.onepin).toMatchObject({ total_runs: 3, cancelled: 3, failed: 0, pass_rate: 0 });
    expect(before.stackai).toHaveLength(3);
    // 2027-01-05 00:00–12:00: a01–a04, d07, d08, d10, d12, d13 (d11 is 1 ms after now).
    expect(before.b3os.summary.total).toBe(9);
    expect(bucket(before.b3os, '11')).toMatchObject({ total: 5, failed: 1 }); // a01 a03 d07 d12 d13; d12 still running
    // Workflow runs since 2026-12-30: 6 of "No terminal runs" + 12 of "Edges and ties".
    expect(before.multiplai.total).toBe(18);

    const added = await request(app).post('/__mock/runs').send({
      workspace: WS, flow: FLOW, user: EDGE_CASES.edge.users.alice, status: 'failed', createdAt: '2027-01-05T11:30:00Z',
      startedAt: '2027-01-05T11:30:01Z', finishedAt: '2027-01-05T11:31:00Z', error: 'Webhook payload failed validation', appActions: 2,
    });
    expect(added.status).toBe(201);

    const after = await views();
    expect(after.alloy).toEqual({ totalWorkflowRuns: 4, totalErrors: 1, totalAppActions: 3 });
    expect(after.onepin).toMatchObject({ total_runs: 4, cancelled: 3, failed: 1, pass_rate: 0 });
    expect(after.stackai).toHaveLength(4);
    expect(after.stackai[0]).toMatchObject({ run_id: added.body.id, state: 'FAILED', is_flow_successful: false, error: 'Webhook payload failed validation' });
    expect(after.b3os.summary.total).toBe(10);
    expect(bucket(after.b3os, '11')).toMatchObject({ total: 6, failed: 2 });
    expect(after.b3os.recentFailures.map((f: { executionId: string }) => f.executionId)).toContain(added.body.id);
    // Multiplai answers from its cache until the TTL passes, as production does.
    expect(after.multiplai).toEqual(before.multiplai);

    expect((await request(app).post('/__mock/clock').send({ advanceMs: 300_000 })).status).toBe(200);
    const later = await views();
    // 18 + the added run + d11, which became visible at 12:00:00.001.
    expect(later.multiplai.total).toBe(20);
  });
});
