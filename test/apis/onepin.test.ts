/**
 * OnePin `GET /api/v1/workflows/{workflow_id}/runs/summary`: counts, pass rate and mean duration.
 * Expected numbers are counted by hand from scenarios/edge-cases.yaml (now 2027-01-05T12:00:00Z) and
 * test/fixtures/scenarios/onepin-summary.yaml (now 2026-06-01T12:00:00Z); the arithmetic is in comments.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { appFor, expectMatchesSpec } from '../helpers/app.ts';
import { EDGE_CASES } from '../helpers/fixtures.ts';

const TOKEN = EDGE_CASES.edge.token;
const OTHER_TOKEN = EDGE_CASES.other.token;
const WORKSPACE = EDGE_CASES.edge.workspaceId;
const FLOWS = EDGE_CASES.edge.flows;
const OTHER_FLOW = EDGE_CASES.other.flows.someoneElses;
const edge = appFor('edge-cases').app;

type Query = Record<string, string>;

function summary(app: typeof edge, workflowId: string, query: Query = {}, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) {
  return request(app).get(`/onepin/api/v1/workflows/${workflowId}/runs/summary`).query(query).set(headers);
}

/** The six counts as given; total_runs written by hand in each test. */
interface Expected {
  total_runs: number; completed: number; failed: number; cancelled: number; pending: number; running: number; paused: number;
  pass_rate: number | null; average_duration_seconds: number | null;
}
const NONE = { total_runs: 0, completed: 0, failed: 0, cancelled: 0, pending: 0, running: 0, paused: 0, pass_rate: null, average_duration_seconds: null };

/** 200 with exactly these numbers (a mean that is not a short binary fraction compared to 12 places). */
function expectSummary(res: request.Response, expected: Expected, now = '2027-01-05T12:00:00.000Z') {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const { average_duration_seconds: average, ...rest } = expected;
  expect(res.body.data).toMatchObject(rest);
  if (average === null) expect(res.body.data.average_duration_seconds).toBeNull();
  else expect(res.body.data.average_duration_seconds).toBeCloseTo(average, 12);
  expect(Object.keys(res.body.data).sort()).toEqual(Object.keys(expected).sort());
  expect(res.body.meta).toEqual({ request_id: res.headers['x-request-id'], timestamp: now });
  expectMatchesSpec('onepin', '/onepin', res);
}

describe('onepin: counts by observed status over all visible runs', () => {
  it('a flow with no terminal run: pass_rate and average null', async () => {
    // running a1, a2; pending = queued a3 + awaiting_payment a5 + payment_confirmed a6; paused a4.
    expectSummary(await summary(edge, FLOWS.noTerminalRuns), { ...NONE, total_runs: 6, pending: 3, running: 2, paused: 1 });
  });

  it('a flow with only cancelled runs: pass_rate 0, average null', async () => {
    // 3 cancelled: 0 / (0 + 0 + 3) = 0; no completed run.
    expectSummary(await summary(edge, FLOWS.onlyCancelled), { ...NONE, total_runs: 3, cancelled: 3, pass_rate: 0 });
  });

  it('a flow with one run', async () => {
    // c1 succeeded, 10:00:00 → 10:00:42.500 = 42.5 s; 1 / 1.
    expectSummary(await summary(edge, FLOWS.oneRunAgent), { ...NONE, total_runs: 1, completed: 1, pass_rate: 1, average_duration_seconds: 42.5 });
  });

  it('a flow with runs on every edge, incl. the clock', async () => {
    // completed d1 d2 d4 d5 d6 da db dc dd de = 10 (durations 10+10+60+20+20+1+2+4+10+10 = 147 s);
    // failed d3 d7 d8 = 3; cancelled df = 1; pending: d10 (created at now, queued) + d13 (succeeded, but
    // starts 12:00:30 > now: queued) = 2; running: d12 (failed, finishes 12:03 > now, started) = 1;
    // d11 is created 1 ms after now: not counted. total 10+3+1+2+1 = 17; pass 10/14; mean 147/10 = 14.7.
    expectSummary(await summary(edge, FLOWS.edgesAndTies), {
      total_runs: 17, completed: 10, failed: 3, cancelled: 1, pending: 2, running: 1, paused: 0, pass_rate: 10 / 14, average_duration_seconds: 14.7,
    });
  });

  it('the clock moved to 12:03: runs that finished or appeared since are counted as such', async () => {
    // d12 finishes at 12:03:00 → failed; d13 finished 12:02 → completed (12:00:30 → 12:02:00 = 90 s);
    // d11 (created 12:00:00.001) is visible and completed (12:00:01 → 12:00:05 = 4 s).
    // completed 12, failed 4, cancelled 1, pending 1 (d10) = 18; pass 12/17; mean (147+90+4)/12 = 241/12.
    const later = appFor('edge-cases', '2027-01-05T12:03:00Z').app;
    expectSummary(await summary(later, FLOWS.edgesAndTies), {
      total_runs: 18, completed: 12, failed: 4, cancelled: 1, pending: 1, running: 0, paused: 0, pass_rate: 12 / 17, average_duration_seconds: 241 / 12,
    }, '2027-01-05T12:03:00.000Z');
  });

  it("the other workspace sees its own flow", async () => {
    // e..ff succeeded 00:00:01 → 00:00:09 = 8 s.
    const res = await summary(edge, OTHER_FLOW, {}, { authorization: `Bearer ${OTHER_TOKEN}` });
    expectSummary(res, { ...NONE, total_runs: 1, completed: 1, pass_rate: 1, average_duration_seconds: 8 });
  });
});

describe('onepin: the created_at window (both ends inclusive, a missing bound open)', () => {
  const LIFETIME_04 = { total_runs: 17, completed: 10, failed: 3, cancelled: 1, pending: 2, running: 1, paused: 0, pass_rate: 10 / 14, average_duration_seconds: 14.7 };
  // da and db are both created at 2027-01-02T15:00:00Z: 1 s and 2 s, mean 1.5.
  const AT_15H = { ...NONE, total_runs: 2, completed: 2, pass_rate: 1, average_duration_seconds: 1.5 };

  it.each([
    ['Z', '2027-01-02T15:00:00Z'],
    ['+02:00', '2027-01-02T17:00:00+02:00'],
    ['-05:00', '2027-01-02T10:00:00-05:00'],
    ['+0530 (no colon)', '2027-01-02T20:30:00+0530'],
    ['lowercase t and z', '2027-01-02t15:00:00z'],
    ['milliseconds', '2027-01-02T15:00:00.000Z'],
    ['sub-millisecond digits (truncated to ms)', '2027-01-02T15:00:00.000999Z'],
  ])('from = to on two runs’ createdAt, written with %s: both included', async (_name, instant) => {
    expectSummary(await summary(edge, FLOWS.edgesAndTies, { from: instant, to: instant }), AT_15H);
  });

  it('bounds with different offsets for the same instant', async () => {
    expectSummary(await summary(edge, FLOWS.edgesAndTies, { from: '2027-01-02T17:00:00+02:00', to: '2027-01-02T10:00:00-05:00' }), AT_15H);
  });

  it('from later than to as text but not as an instant is not inverted', async () => {
    // from 15:00+02:00 = 13:00Z ≤ to 14:00Z; no run in between.
    expectSummary(await summary(edge, FLOWS.edgesAndTies, { from: '2027-01-02T15:00:00+02:00', to: '2027-01-02T14:00:00Z' }), NONE);
  });

  it('from one ms before midnight to midnight: both edge runs', async () => {
    // d3 failed at 23:59:59.999, d4 completed at 00:00:00 (60 s): pass 1/2.
    const res = await summary(edge, FLOWS.edgesAndTies, { from: '2026-12-31T23:59:59.999Z', to: '2027-01-01T00:00:00Z' });
    expectSummary(res, { ...NONE, total_runs: 2, completed: 1, failed: 1, pass_rate: 0.5, average_duration_seconds: 60 });
  });

  it('a window that starts 1 ms after a run leaves it out', async () => {
    // d4 (60 s), da (1), db (2), dc (4), d5 (20, at 01-03 23:59:59.999), d6 (20, at 01-04 00:00, the to edge);
    // d3 at 2026-12-31T23:59:59.999 is 1 ms early. 6 completed, mean 107/6.
    const res = await summary(edge, FLOWS.edgesAndTies, { from: '2027-01-01T00:00:00Z', to: '2027-01-04T00:00:00Z' });
    expectSummary(res, { ...NONE, total_runs: 6, completed: 6, pass_rate: 1, average_duration_seconds: 107 / 6 });
  });

  it('only from: open upper bound', async () => {
    // d7 failed (11:00), d12 running (11:58), d13 pending (11:59:30), d10 pending (12:00); d8 at 10:59:59.999 out.
    const res = await summary(edge, FLOWS.edgesAndTies, { from: '2027-01-05T11:00:00Z' });
    expectSummary(res, { ...NONE, total_runs: 4, failed: 1, running: 1, pending: 2, pass_rate: 0 });
  });

  it('only to: open lower bound', async () => {
    // dd, de (2026-03-29), d1 (10-07 23:59:59.999), d2 (10-08 00:00, the edge): 4 completed of 10 s each.
    const res = await summary(edge, FLOWS.edgesAndTies, { to: '2026-10-08T00:00:00Z' });
    expectSummary(res, { ...NONE, total_runs: 4, completed: 4, pass_rate: 1, average_duration_seconds: 10 });
  });

  it('to after now: runs created after now stay invisible', async () => {
    expectSummary(await summary(edge, FLOWS.edgesAndTies, { to: '2030-01-01T00:00:00Z' }), LIFETIME_04);
  });

  it('from = to = now: the run created exactly at now', async () => {
    expectSummary(await summary(edge, FLOWS.edgesAndTies, { from: '2027-01-05T12:00:00Z', to: '2027-01-05T12:00:00Z' }), { ...NONE, total_runs: 1, pending: 1 });
  });

  it('a window after now is empty, even on a run’s createdAt', async () => {
    // d11 is created at 12:00:00.001, after now.
    const res = await summary(edge, FLOWS.edgesAndTies, { from: '2027-01-05T12:00:00.001Z', to: '2027-01-05T12:00:00.001Z' });
    expectSummary(res, NONE);
  });

  it('a window before any run', async () => {
    expectSummary(await summary(edge, FLOWS.onlyCancelled, { from: '2020-01-01T00:00:00Z', to: '2020-12-31T23:59:59Z' }), NONE);
  });
});

describe('onepin: runs without a start, sub-second durations, futures (onepin-summary fixture)', () => {
  const corners = appFor('test/fixtures/scenarios/onepin-summary.yaml').app;
  const CORNERS_TOKEN = { authorization: `Bearer fm_onepin_0123456789` };
  const NOW = '2026-06-01T12:00:00.000Z';
  const mixed = '91000000-0000-4000-8000-000000000001';

  it('counts every observed status; the mean skips a completed run without a start and is unrounded', async () => {
    // completed r1 (1 s), r2 (2 s), r3 (0.333 s), r4 (no start: not in the mean) = 4; failed r5 = 1;
    // pending: r6 (paused, start 13:00 > now) + r7 (cancelled, no start, finishes 12:30 > now) = 2;
    // running r8 = 1. total 4+1+2+1 = 8; pass 4/5 = 0.8; mean (1 + 2 + 0.333) / 3 = 1.111.
    const res = await summary(corners, mixed, {}, CORNERS_TOKEN);
    expectSummary(res, { ...NONE, total_runs: 8, completed: 4, failed: 1, pending: 2, running: 1, pass_rate: 0.8, average_duration_seconds: 1.111 }, NOW);
  });

  it('a window holding only the completed run without a start: average null, pass_rate 1', async () => {
    const res = await summary(corners, mixed, { from: '2026-05-04T00:00:00Z', to: '2026-05-04T00:00:00Z' }, CORNERS_TOKEN);
    expectSummary(res, { ...NONE, total_runs: 1, completed: 1, pass_rate: 1 }, NOW);
  });

  it('a flow with no runs at all', async () => {
    expectSummary(await summary(corners, '91000000-0000-4000-8000-000000000002', {}, CORNERS_TOKEN), NONE, NOW);
  });

  it.each([
    ['uppercase', '91000000-0000-4000-8000-0000000000AB'],
    ['urn:uuid: prefixed', 'urn:uuid:91000000-0000-4000-8000-0000000000ab'],
  ])('an %s UUID names the same workflow', async (_name, id) => {
    // r9: 3 s.
    expectSummary(await summary(corners, id, {}, CORNERS_TOKEN), { ...NONE, total_runs: 1, completed: 1, pass_rate: 1, average_duration_seconds: 3 }, NOW);
  });
});

describe('onepin: what the request may carry', () => {
  const ONE_RUN = { ...NONE, total_runs: 1, completed: 1, pass_rate: 1, average_duration_seconds: 42.5 };

  it('accepts the scheme in lowercase ("bearer")', async () => {
    expectSummary(await summary(edge, FLOWS.oneRunAgent, {}, { authorization: `bearer ${TOKEN}` }), ONE_RUN);
  });

  it("accepts X-Workspace-Id naming the token's workspace, and an empty one as none", async () => {
    expectSummary(await summary(edge, FLOWS.oneRunAgent, {}, { authorization: `Bearer ${TOKEN}`, 'x-workspace-id': WORKSPACE }), ONE_RUN);
    expectSummary(await summary(edge, FLOWS.oneRunAgent, {}, { authorization: `Bearer ${TOKEN}`, 'x-workspace-id': '' }), ONE_RUN);
  });

  it('ignores unknown query parameters and __proto__ keys', async () => {
    const res = await request(edge)
      .get(`/onepin/api/v1/workflows/${FLOWS.oneRunAgent}/runs/summary?__proto__[from]=x&constructor[prototype]=1&foo=bar&__proto__=y`)
      .set({ authorization: `Bearer ${TOKEN}` });
    expectSummary(res, ONE_RUN);
  });

  it('ignores a body on the GET, even malformed JSON', async () => {
    const res = await summary(edge, FLOWS.oneRunAgent).set('content-type', 'application/json').send('{"from": "nope"');
    expectSummary(res, ONE_RUN);
  });
});
