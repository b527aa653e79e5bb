/**
 * Every value is checked at the boundary, and a request that fails changes nothing: instants that name no
 * instant (a leap second), clock moves beyond 1970–9999, scenarios larger than the server takes. A
 * scenario is built in slices, so other requests are answered meanwhile, and one build runs at a time.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { appOf, stateFor } from '../helpers/app.ts';

const NOW = '2026-11-20T12:00:00Z';

function snapshot(state: ReturnType<typeof stateFor>) {
  return { counts: state.dataset.counts(), now: state.clock.now(), mode: state.clock.mode };
}

describe('instants', () => {
  it('refuses a run whose instant is a leap second, at its field, and adds nothing', async () => {
    const state = stateFor('default', NOW);
    const app = appOf(state);
    const before = snapshot(state);
    const [ws] = (await request(app).get('/__mock/fixtures')).body.workspaces as { id: string; flows: { id: string }[] }[];
    const res = await request(app).post('/__mock/runs').send({ workspace: ws!.id, flow: ws!.flows[0]!.id, status: 'failed', error: 'x', createdAt: '2026-11-19T23:59:60Z', startedAt: '2026-11-19T23:59:59Z', finishedAt: '2026-11-20T00:00:10Z' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/createdAt', message: expect.stringContaining('leap second') })]);
    expect(snapshot(state)).toEqual(before);
  });

  it.each([
    [{ now: '2026-11-20T23:59:60Z' }, '/now'],
    [{ now: '1969-12-31T23:59:59Z' }, '/now'],
    [{ advanceMs: 8640000000000001 }, '/advanceMs'],
    [{ advanceMs: -1e308 }, '/advanceMs'],
    [{ advanceMs: 253402300800000 }, '/advanceMs'],
  ])('refuses the clock move %j with a 400 at %s, and the clock stays', async (body, path) => {
    const state = stateFor('empty', NOW);
    const app = appOf(state);
    const res = await request(app).post('/__mock/clock').send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(state.clock.now()).toBe(Date.parse(NOW));
    // The APIs still answer as before.
    expect((await request(app).get('/__mock/health')).status).toBe(200);
  });

  it('refuses a scenario whose now is a leap second (422, at /now)', async () => {
    const state = stateFor('empty', NOW);
    const app = appOf(state);
    const scenario = { ...state.scenario, now: '2026-11-20T23:59:60Z' };
    const res = await request(app).put('/__mock/scenario').send(scenario);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/now' })]);
  });

  it('refuses a leap second in the journal filter', async () => {
    const res = await request(appOf(stateFor('empty', NOW))).get('/__mock/requests?since=2026-11-20T23:59:60Z');
    expect(res.status).toBe(400);
  });
});

describe('scenarios put in force', () => {
  it.each(['', '~', 'null', '[]', '42'])('refuses the YAML body %j with a 4xx problem', async (body) => {
    const state = stateFor('empty', NOW);
    const res = await request(appOf(state)).put('/__mock/scenario').set('content-type', 'application/yaml').send(body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(state.scenario.name).toBe('empty');
  });

  it('refuses one larger than the server takes (422, saying how to allow it), and changes nothing', async () => {
    const state = stateFor('empty', NOW);
    const app = appOf(state, { limits: { maxRuns: 1000, maxEntities: 1000 } });
    const ws = state.scenario.workspaces[0]!;
    const huge = { ...state.scenario, name: 'huge', workspaces: [{ ...ws, generate: { ...ws.generate, runs: 5_000_000 } }, ...state.scenario.workspaces.slice(1)] };
    const res = await request(app).put('/__mock/scenario').send(huge);
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ path: '/workspaces/0/generate/runs', message: expect.stringContaining('--max-runs') });
    expect(state.scenario.name).toBe('empty');
  });

  it('is built while other requests are answered, one build at a time', async () => {
    const state = stateFor('empty', NOW);
    const app = appOf(state);
    const ws = state.scenario.workspaces[0]!;
    const big = { ...state.scenario, name: 'big', workspaces: [{ ...ws, generate: { ...ws.generate, users: 5, workflows: 5, runs: 300_000 } }] };
    const server = app.listen(0, '127.0.0.1');
    try {
      await new Promise((resolve) => server.once('listening', resolve));
      const agent = request(server);
      const order: string[] = [];
      const put = agent.put('/__mock/scenario').send(big).then((res) => {
        order.push('put');
        return res;
      });
      // Let the build start, then ask for health and for a second build.
      await new Promise((resolve) => setTimeout(resolve, 150));
      const [health, second] = await Promise.all([
        agent.get('/__mock/health').then((res) => (order.push('health'), res)),
        agent.post('/__mock/reset'),
      ]);
      const built = await put;
      expect(built.status).toBe(200);
      expect(built.body.counts.runs).toBe(300_000);
      expect(health.status).toBe(200);
      expect(health.body.scenario.name).toBe('empty');
      expect(order).toEqual(['health', 'put']);
      expect(second.status).toBe(409);
      expect(second.body.type).toBe('https://flowmock.dev/problems/build-in-progress');
    } finally {
      server.close();
    }
  });
});
