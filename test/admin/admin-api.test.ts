/**
 * The /__mock admin API through HTTP: each endpoint, its effect on the vendor APIs, and every answer
 * validated against specs/admin.yaml. Scenario: edge-cases (frozen at 2027-01-05T12:00:00Z).
 */
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import type { MockState } from '../../src/domain/mock-state.ts';
import { expectMatchesSpec, stateFor, appOf } from '../helpers/app.ts';
import { EDGE_CASES } from '../helpers/fixtures.ts';

const WS = EDGE_CASES.edge.workspaceId;
const TOKEN = EDGE_CASES.edge.token;
const FLOW_ONE_RUN = EDGE_CASES.edge.flows.oneRunAgent;
const FLOW_FUTURE = EDGE_CASES.edge.flows.createdInTheFuture;
const BOB = EDGE_CASES.edge.users.bob;

let app: Express;
let state: MockState;
beforeEach(() => {
  state = stateFor('edge-cases');
  app = appOf(state);
});

const admin = {
  get: (path: string) => request(app).get(`/__mock${path}`),
  post: (path: string, body?: unknown) => request(app).post(`/__mock${path}`).send(body as object),
  patch: (path: string, body: unknown) => request(app).patch(`/__mock${path}`).send(body as object),
  put: (path: string, body: unknown) => request(app).put(`/__mock${path}`).send(body as object),
  delete: (path: string) => request(app).delete(`/__mock${path}`),
};

async function ok(res: request.Response, status = 200) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expectMatchesSpec('admin', '', res);
  return res.body;
}

async function problem(res: request.Response, status: number, type: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.type).toBe(`https://flowmock.dev/problems/${type}`);
  expectMatchesSpec('admin', '', res);
  return res.body;
}

const alloyTotals = async (flow: string) =>
  (await request(app).get(`/alloy/workflows/${flow}/analytics`).set({ authorization: `Bearer ${TOKEN}`, 'x-api-version': '2025-09' })).body;

describe('POST /__mock/runs', () => {
  it('adds a run with its defaults, visible at once on the vendor APIs', async () => {
    const run = await ok(await admin.post('/runs', { workspace: WS, flow: FLOW_ONE_RUN, user: BOB, status: 'failed', appActions: 2, error: 'boom' }), 201);
    expect(run).toMatchObject({
      workspace: WS, flow: FLOW_ONE_RUN, user: BOB, status: 'failed', createdAt: '2027-01-05T12:00:00.000Z',
      startedAt: '2027-01-05T12:00:00.000Z', finishedAt: '2027-01-05T12:00:00.000Z', resumed: false, appActions: 2,
      tokens: 0, trigger: 'api', sourceSystem: 'api', error: 'boom', visible: true, observedStatus: 'failed',
    });
    expect(run.id).toMatch(/^[0-9a-f-]{36}$/);
    // One run with 4 app actions before; now 2 runs, 1 error, 4 + 2 app actions.
    expect(await alloyTotals(FLOW_ONE_RUN)).toEqual({ totalWorkflowRuns: 2, totalErrors: 1, totalAppActions: 6 });
  });

  it('answers 201 with a Location of the run', async () => {
    const res = await admin.post('/runs', { workspace: WS, flow: FLOW_ONE_RUN, status: 'queued', id: 'a1000000-0000-4000-8000-000000000001' });
    await ok(res, 201);
    expect(res.headers.location).toBe('/__mock/runs/a1000000-0000-4000-8000-000000000001');
  });

  it('generates the same ids from the same seed', async () => {
    const first = await ok(await admin.post('/runs', { workspace: WS, flow: FLOW_ONE_RUN, status: 'queued' }), 201);
    const other = appOf(stateFor('edge-cases'));
    const again = (await request(other).post('/__mock/runs').send({ workspace: WS, flow: FLOW_ONE_RUN, status: 'queued' })).body;
    expect(again.id).toBe(first.id);
  });

  it('keeps a run created after now invisible until the clock gets there', async () => {
    await ok(await admin.post('/runs', { workspace: WS, flow: FLOW_ONE_RUN, status: 'queued', createdAt: '2027-01-05T13:00:00Z' }), 201);
    expect((await alloyTotals(FLOW_ONE_RUN)).totalWorkflowRuns).toBe(1);
    await ok(await admin.post('/clock', { advanceMs: 3_600_000 }));
    expect((await alloyTotals(FLOW_ONE_RUN)).totalWorkflowRuns).toBe(2);
  });

  it.each([
    ['an unknown workspace', { workspace: 'e0000000-0000-4000-8000-0000000000aa', flow: FLOW_ONE_RUN, status: 'queued' }, 404, 'not-found'],
    ['a flow of another workspace', { workspace: WS, flow: EDGE_CASES.other.flows.someoneElses, status: 'queued' }, 404, 'not-found'],
    ['an unknown user', { workspace: WS, flow: FLOW_ONE_RUN, user: '99', status: 'queued' }, 404, 'not-found'],
    ['no status', { workspace: WS, flow: FLOW_ONE_RUN }, 400, 'invalid-request'],
    ['an unknown field', { workspace: WS, flow: FLOW_ONE_RUN, status: 'queued', colour: 'red' }, 400, 'invalid-request'],
    ['an unknown status', { workspace: WS, flow: FLOW_ONE_RUN, status: 'done' }, 400, 'invalid-request'],
    ['finishedAt on a queued run', { workspace: WS, flow: FLOW_ONE_RUN, status: 'queued', finishedAt: '2027-01-05T12:00:00Z' }, 400, 'invalid-request'],
    ['a run before its flow exists', { workspace: WS, flow: FLOW_ONE_RUN, status: 'queued', createdAt: '2026-01-01T00:00:00Z' }, 400, 'invalid-request'],
    ['a __proto__ key', JSON.parse('{"workspace":"' + WS + '","flow":"' + FLOW_ONE_RUN + '","status":"queued","__proto__":{"x":1}}'), 400, 'invalid-request'],
  ])('refuses %s', async (_name, body, status, type) => {
    await problem(await admin.post('/runs', body), status, type);
    expect((await alloyTotals(FLOW_ONE_RUN)).totalWorkflowRuns).toBe(1);
  });

  it('refuses a duplicate id with 409', async () => {
    await problem(await admin.post('/runs', { workspace: WS, flow: FLOW_ONE_RUN, status: 'queued', id: 'c0000000-0000-4000-8000-000000000001' }), 409, 'duplicate-id');
  });

  it('refuses malformed JSON with 400 in a problem', async () => {
    const res = await request(app).post('/__mock/runs').set('content-type', 'application/json').send('{"workspace":');
    await problem(res, 400, 'malformed-body');
  });

  it('refuses a huge body with 413 in a problem', async () => {
    const res = await request(app).post('/__mock/runs').set('content-type', 'application/json').send(`{"x":"${'y'.repeat(1024 * 1024)}"}`);
    await problem(res, 413, 'payload-too-large');
  });
});

describe('PATCH /__mock/runs/{id}: the lifecycle', () => {
  it('queued → running → paused → running (resumed) → succeeded, each step seen by the APIs', async () => {
    const { id } = await ok(await admin.post('/runs', { workspace: WS, flow: FLOW_ONE_RUN, status: 'queued' }), 201);
    const started = await ok(await admin.patch(`/runs/${id}`, { status: 'running' }));
    expect(started).toMatchObject({ status: 'running', startedAt: '2027-01-05T12:00:00.000Z', resumed: false });
    await ok(await admin.post('/clock', { advanceMs: 60_000 }));
    expect(await ok(await admin.patch(`/runs/${id}`, { status: 'paused' }))).toMatchObject({ status: 'paused' });
    expect(await ok(await admin.patch(`/runs/${id}`, { status: 'running' }))).toMatchObject({ status: 'running', resumed: true });
    const done = await ok(await admin.patch(`/runs/${id}`, { status: 'succeeded', appActions: 7 }));
    expect(done).toMatchObject({ status: 'succeeded', finishedAt: '2027-01-05T12:01:00.000Z', appActions: 7, observedStatus: 'succeeded' });
    expect(await alloyTotals(FLOW_ONE_RUN)).toEqual({ totalWorkflowRuns: 2, totalErrors: 0, totalAppActions: 11 });
  });

  it('a run that fails shows as an error', async () => {
    const { id } = await ok(await admin.post('/runs', { workspace: WS, flow: FLOW_ONE_RUN, status: 'running' }), 201);
    await ok(await admin.patch(`/runs/${id}`, { status: 'failed', error: 'Timeout' }));
    expect((await alloyTotals(FLOW_ONE_RUN)).totalErrors).toBe(1);
  });

  it.each([
    ['out of a terminal status', 'c0000000-0000-4000-8000-000000000001', { status: 'running' }, /is succeeded, a terminal status: it cannot move to running/],
    ['queued straight to succeeded', 'd0000000-0000-4000-8000-000000000010', { status: 'succeeded' }, /cannot move from queued to succeeded; from queued it can move to running, cancelled/],
  ])('409 on an impossible move: %s', async (_name, id, patch, message) => {
    const body = await problem(await admin.patch(`/runs/${id}`, patch), 409, 'invalid-transition');
    expect(body.detail).toMatch(message);
  });

  it('409 when the patch breaks a run rule', async () => {
    const body = await problem(await admin.patch('/runs/c0000000-0000-4000-8000-000000000001', { error: 'late' }), 409, 'run-conflict');
    expect(body.errors).toEqual([{ in: 'body', path: '/error', message: 'error is set on a succeeded run; only failed runs have one' }]);
  });

  it('404 for an unknown run, 400 for a bad id or an empty patch', async () => {
    await problem(await admin.patch('/runs/c0000000-0000-4000-8000-0000000000aa', { status: 'running' }), 404, 'not-found');
    await problem(await admin.patch('/runs/not-a-uuid', { status: 'running' }), 400, 'invalid-request');
    await problem(await admin.patch('/runs/c0000000-0000-4000-8000-000000000001', {}), 400, 'invalid-request');
  });
});

describe('the clock', () => {
  it('reads, sets, advances, goes back to real time', async () => {
    expect(await ok(await admin.get('/clock'))).toEqual({ now: '2027-01-05T12:00:00.000Z', mode: 'frozen' });
    expect(await ok(await admin.post('/clock', { now: '2027-02-01T00:00:00Z' }))).toEqual({ now: '2027-02-01T00:00:00.000Z', mode: 'frozen' });
    expect(await ok(await admin.post('/clock', { advanceMs: -86_400_000 }))).toEqual({ now: '2027-01-31T00:00:00.000Z', mode: 'frozen' });
    const real = await ok(await admin.post('/clock', { mode: 'real' }));
    expect(real.mode).toBe('real');
    expect(Math.abs(Date.parse(real.now) - Date.now())).toBeLessThan(5_000);
  });

  it('replays the scenario as a timeline: a flow appears, a failing run finishes', async () => {
    const edges = EDGE_CASES.edge.flows.edgesAndTies;
    expect(await alloyTotals(edges)).toMatchObject({ totalWorkflowRuns: 17, totalErrors: 3 });
    await ok(await admin.post('/clock', { now: '2027-01-05T12:03:00Z' }));
    // d…11 (created 12:00:00.001) appears; d…12 fails at 12:03:00.
    expect(await alloyTotals(edges)).toMatchObject({ totalWorkflowRuns: 18, totalErrors: 4 });
    expect((await request(app).get(`/alloy/workflows/${FLOW_FUTURE}/analytics`).set({ authorization: `Bearer ${TOKEN}`, 'x-api-version': '2025-09' })).status).toBe(404);
    await ok(await admin.post('/clock', { now: '2027-02-01T00:00:00Z' }));
    expect((await alloyTotals(FLOW_FUTURE)).totalWorkflowRuns).toBe(0);
  });

  it('refuses two instructions at once, or a bad instant', async () => {
    await problem(await admin.post('/clock', { now: '2027-01-01T00:00:00Z', advanceMs: 5 }), 400, 'invalid-request');
    await problem(await admin.post('/clock', { now: 'yesterday' }), 400, 'invalid-request');
  });
});

describe('reset and scenario', () => {
  it('reset drops added runs and puts the clock back', async () => {
    await ok(await admin.post('/runs', { workspace: WS, flow: FLOW_ONE_RUN, status: 'queued' }), 201);
    await ok(await admin.post('/clock', { advanceMs: 1000 }));
    const health = await ok(await admin.post('/reset'));
    expect(health.counts.runs).toBe(29);
    expect(health.clock).toEqual({ now: '2027-01-05T12:00:00.000Z', mode: 'frozen' });
    expect((await alloyTotals(FLOW_ONE_RUN)).totalWorkflowRuns).toBe(1);
  });

  it('PUT replaces the scenario (JSON or YAML) and GET returns it', async () => {
    const doc = { version: 1, name: 'tiny', seed: 3, now: '2026-01-01T00:00:00Z', workspaces: [{ id: WS, name: 'Tiny', tokens: ['fm_tiny_0123456789'] }] };
    const health = await ok(await admin.put('/scenario', doc));
    expect(health).toMatchObject({ scenario: { name: 'tiny', seed: 3 }, counts: { workspaces: 1, runs: 0 }, clock: { now: '2026-01-01T00:00:00.000Z' } });
    expect((await admin.get('/scenario')).body).toEqual(doc);
    const yaml = 'version: 1\nname: tiny-yaml\nseed: 4\nworkspaces: []\n';
    await ok(await request(app).put('/__mock/scenario').set('content-type', 'application/yaml').send(yaml));
    expect((await admin.get('/health')).body.scenario.name).toBe('tiny-yaml');
  });

  it('refuses a scenario that breaks the schema (400) or its rules (422), changing nothing', async () => {
    const body400 = await problem(await admin.put('/scenario', { version: 1, name: 'x', seed: 'one', workspaces: [] }), 400, 'invalid-request');
    expect(body400.errors).toEqual([{ in: 'body', path: '/seed', message: 'must be an integer, not a string' }]);
    const bad = { version: 1, name: 'x', seed: 1, workspaces: [{ id: WS, name: 'W', tokens: ['fm_w_0123456789'], runs: [{ id: 'a0000000-0000-4000-8000-000000000001', flow: FLOW_ONE_RUN, status: 'queued', createdAt: '2026-01-01T00:00:00Z' }] }] };
    const body422 = await problem(await admin.put('/scenario', bad), 422, 'invalid-scenario');
    expect(body422.errors[0]).toMatchObject({ path: '/workspaces/0/runs/0/flow' });
    expect((await admin.get('/health')).body.scenario.name).toBe('edge-cases');
  });
});

describe('the request journal', () => {
  it('records what was answered, newest first, filterable', async () => {
    await alloyTotals(FLOW_ONE_RUN);
    await request(app).get('/alloy/workflows/x/analytics');
    await admin.get('/health');
    const all = await ok(await admin.get('/requests'));
    expect(all.entries.map((e: { api: string; status: number }) => [e.api, e.status])).toEqual([['admin', 200], ['alloy', 400], ['alloy', 200]]);
    expect(all.entries[2]).toMatchObject({ method: 'GET', path: `/alloy/workflows/${FLOW_ONE_RUN}/analytics`, clockNow: '2027-01-05T12:00:00.000Z', fault: false });
    const errors = await ok(await admin.get('/requests?status=4xx&api=alloy'));
    expect(errors.total).toBe(1);
    // Mounts are matched without regard to case, and so is the API a request is journaled under.
    await request(app).get('/ALLOY/workflows/x/analytics');
    expect((await admin.get('/requests?limit=1&api=alloy')).body.entries[0]).toMatchObject({ api: 'alloy', path: '/ALLOY/workflows/x/analytics', status: 400 });
    await ok(await admin.delete('/requests'), 204);
    expect((await admin.get('/requests')).body.entries.map((e: { method: string }) => e.method)).toEqual(['DELETE']);
  });

  it('refuses a bad filter', async () => {
    await problem(await admin.get('/requests?limit=5000'), 400, 'invalid-request');
  });
});

describe('fault rules', () => {
  it('answers an injected error in the vendor envelope, and records it', async () => {
    await ok(await admin.put('/faults', { rules: [{ id: 'alloy-down', api: 'alloy', status: 503 }] }));
    const res = await request(app).get(`/alloy/workflows/${FLOW_ONE_RUN}/analytics`);
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: 'SERVICE_UNAVAILABLE', message: 'Service unavailable' });
    const journal = (await admin.get('/requests?fault=true')).body;
    expect(journal.entries[0]).toMatchObject({ api: 'alloy', status: 503, fault: true, faultRule: 'alloy-down' });
    expect((await admin.get('/faults')).body.rules[0]).toMatchObject({ id: 'alloy-down', applied: 1, rate: 1 });
    await ok(await admin.delete('/faults'), 204);
    expect((await request(app).get(`/alloy/workflows/${FLOW_ONE_RUN}/analytics`)).status).toBe(400);
  });

  it('adds latency', async () => {
    await ok(await admin.put('/faults', { rules: [{ api: 'alloy', latencyMs: 120 }] }));
    const started = performance.now();
    await alloyTotals(FLOW_ONE_RUN);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('applies at a rate, deterministically under the seed', async () => {
    const pattern = async () => {
      const s = stateFor('edge-cases');
      const a = appOf(s);
      await request(a).put('/__mock/faults').send({ rules: [{ route: '/workflows/{workflowId}/analytics', status: 500, rate: 0.5 }] });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await request(a).get(`/alloy/workflows/${FLOW_ONE_RUN}/analytics`).set({ authorization: `Bearer ${TOKEN}`, 'x-api-version': '2025-09' })).status);
      return statuses;
    };
    const first = await pattern();
    expect(await pattern()).toEqual(first);
    const failures = first.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
  });

  it('refuses a rule that does nothing', async () => {
    await problem(await admin.put('/faults', { rules: [{ api: 'alloy' }] }), 400, 'invalid-request');
  });
});

describe('admin access', () => {
  it('needs the admin token when the server has one', async () => {
    const guarded = appOf(stateFor('edge-cases'), { adminToken: 's3cret-admin' });
    const res = await request(guarded).get('/__mock/fixtures');
    expect(res.status).toBe(401);
    expect(res.body.type).toBe('https://flowmock.dev/problems/unauthorized');
    expect((await request(guarded).get('/__mock/fixtures').set('authorization', 'Bearer s3cret-admin')).status).toBe(200);
    // Health excepted: probes ask it without credentials (test/server/health-access.test.ts).
    expect((await request(guarded).get('/__mock/health')).status).toBe(200);
  });

  it('answers 404 and 405 as problems', async () => {
    const missing = await admin.get('/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ type: 'https://flowmock.dev/problems/not-found', status: 404, instance: '/__mock/nope' });
    const res = await request(app).delete('/__mock/health');
    expect(res.status).toBe(405);
  });
});
