/**
 * POST /__mock/clock {"advanceMs": n}: a frozen clock moves its instant; a real (running) clock keeps
 * running, shifted by n ms (live mode and a demo go on), until {"mode": "real"} or a reset. The shift is a
 * recorded change: replayed in another process (a restart from the state file), the clock is the same.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { FlowmockCore } from '../../src/core/flowmock-core.ts';
import { MockState } from '../../src/domain/mock-state.ts';
import { validateScenarioDocument } from '../../src/scenario-files/parse.ts';
import { createApp } from '../../src/server/app.ts';

const HOUR = 3_600_000;
const WALL = Date.parse('2026-11-23T09:00:00Z');

const SCENARIO = validateScenarioDocument({
  version: 1, name: 'clock', seed: 1,
  workspaces: [{ id: 'e0000000-0000-4000-8000-000000000001', name: 'W', tokens: ['fm_clock_0123456789'] }],
}, 'inline scenario');

/** A server whose wall clock the test moves; `now` freezes the clock at start-up. */
function server({ now }: { now?: number } = {}) {
  const wall = { now: WALL };
  const state = new MockState({ scenario: SCENARIO, now, realNow: () => wall.now });
  const core = new FlowmockCore(state);
  const app = createApp(core);
  const clock = async () => (await request(app).get('/__mock/clock').expect(200)).body as { now: string; mode: string };
  const post = (body: object) => request(app).post('/__mock/clock').send(body);
  return { wall, state, core, app, clock, post };
}

const iso = (at: number) => new Date(at).toISOString();

describe('advancing a real clock', () => {
  it('keeps it running, n ms ahead of the wall clock', async () => {
    const mock = server();
    const answer = await mock.post({ advanceMs: HOUR }).expect(200);
    expect(answer.body).toEqual({ now: iso(WALL + HOUR), mode: 'real' });
    mock.wall.now += 5_000;
    expect(await mock.clock()).toEqual({ now: iso(WALL + 5_000 + HOUR), mode: 'real' });
  });

  it('adds up, goes back with a negative n, and {"mode": "real"} returns to the wall clock', async () => {
    const mock = server();
    await mock.post({ advanceMs: HOUR }).expect(200);
    await mock.post({ advanceMs: -3 * HOUR }).expect(200);
    expect(await mock.clock()).toEqual({ now: iso(WALL - 2 * HOUR), mode: 'real' });
    await mock.post({ mode: 'real' }).expect(200);
    expect(await mock.clock()).toEqual({ now: iso(WALL), mode: 'real' });
  });

  it('refuses a shift beyond the clock\'s range, changing nothing', async () => {
    const mock = server();
    const answer = await mock.post({ advanceMs: -WALL - 1 }).expect(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: '/advanceMs' })]);
    expect(await mock.clock()).toEqual({ now: iso(WALL), mode: 'real' });
  });

  it('a reset brings back the start-up clock (the wall clock)', async () => {
    const mock = server();
    await mock.post({ advanceMs: HOUR }).expect(200);
    await request(mock.app).post('/__mock/reset').expect(200);
    expect(await mock.clock()).toEqual({ now: iso(WALL), mode: 'real' });
  });

  it('is recorded: replayed in another process after a restart, the clock runs with the same shift', async () => {
    const before = server();
    await before.post({ advanceMs: HOUR }).expect(200);
    const { changes } = (await request(before.app).get('/__mock/state').expect(200)).body as { changes: unknown[] };
    expect(changes).toEqual([{ kind: 'clock', mode: 'real', now: WALL + HOUR, offsetMs: HOUR }]);

    const after = server();
    after.wall.now = WALL + 86_400_000; // restarted a day later
    for (const change of changes) after.core.replay(change as Parameters<FlowmockCore['replay']>[0]);
    expect(await after.clock()).toEqual({ now: iso(WALL + 86_400_000 + HOUR), mode: 'real' });
  });

  it('records of a real clock without a shift (older state files) replay as the wall clock', async () => {
    const mock = server({ now: WALL - HOUR });
    mock.core.replay({ kind: 'clock', mode: 'real', now: WALL - 42 });
    expect(await mock.clock()).toEqual({ now: iso(WALL), mode: 'real' });
  });
});

describe('advancing a frozen clock', () => {
  it('moves the frozen instant, and it stays frozen', async () => {
    const mock = server({ now: WALL });
    expect((await mock.post({ advanceMs: HOUR }).expect(200)).body).toEqual({ now: iso(WALL + HOUR), mode: 'frozen' });
    mock.wall.now += 5_000;
    expect(await mock.clock()).toEqual({ now: iso(WALL + HOUR), mode: 'frozen' });
  });

  it('setting an instant freezes a shifted real clock there; releasing it goes back to the wall clock', async () => {
    const mock = server();
    await mock.post({ advanceMs: HOUR }).expect(200);
    await mock.post({ now: '2027-01-01T00:00:00Z' }).expect(200);
    expect(await mock.clock()).toEqual({ now: '2027-01-01T00:00:00.000Z', mode: 'frozen' });
    await mock.post({ mode: 'real' }).expect(200);
    expect(await mock.clock()).toEqual({ now: iso(WALL), mode: 'real' });
  });
});
