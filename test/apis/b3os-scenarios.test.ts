/**
 * B3OS `GET /v1/executions/stats` over two small inline scenarios: more than 20 failures with ties, and
 * source systems tied on total with every outcome. Expected numbers are counted by hand in the comments.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { RunDocument, ScenarioDocument } from '../../src/domain/scenario/document.ts';
import { appFor, expectMatchesSpec } from '../helpers/app.ts';

const at = (iso: string) => Date.parse(iso);
const flow = (n: string) => `f0000000-0000-4000-8000-0000000000${n}`;
const SCENARIO_AUTH = { authorization: 'Bearer fm_b3os_test_0123456789' };

type App = ReturnType<typeof appFor>['app'];

function stats(app: App, query: Record<string, string | number>) {
  const text = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return request(app).get(`/b3os/v1/executions/stats?${text}`).set(SCENARIO_AUTH);
}

/** The whole body, with the request id the router put in `x-request-id`, and the spec's blessing. */
function expectOk(res: request.Response, data: Record<string, unknown>) {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body).toEqual({ code: 200, data, message: 'success', requestId: res.headers['x-request-id'] });
  expectMatchesSpec('b3os', '/b3os', res);
}

const bucket = (bucketStart: string, total = 0, succeeded = 0, failed = 0, cancelled = 0) => ({ bucketStart, total, succeeded, failed, cancelled });
const source = (sourceSystem: string, total: number, succeeded = 0, failed = 0, cancelled = 0) => ({ sourceSystem, total, succeeded, failed, cancelled });

/** One workspace, one flow, the given runs; now 2027-03-01. */
function scenario(name: string, runs: RunDocument[]): ScenarioDocument {
  return {
    version: 1, name, seed: 1, now: '2027-03-01T00:00:00Z',
    workspaces: [{
      id: '5c000000-0000-4000-8000-000000000001', name, tokens: ['fm_b3os_test_0123456789'],
      users: [{ id: '1', name: 'Ann', email: 'ann@b3os.example' }],
      flows: [{ id: flow('b3'), kind: 'workflow', name: 'Swap', createdAt: '2026-01-01T00:00:00Z', createdBy: '1' }],
      runs,
    }],
  };
}
const runId = (n: number) => `5a000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const hours = (base: string, h: number) => new Date(at(base) + h * 3_600_000).toISOString();

describe('b3os: more than 20 failures', () => {
  // Run k = 1..22 fails: created 2027-01-01T00:00Z + k h (started then), finished 2027-01-02T00:00Z + ceil(k/2) h,
  // so runs 2j−1 and 2j finish together. Odd k from anyspend, even k from x402 (11 each: a tie on total).
  // Run 22 recorded no error.
  const runs: RunDocument[] = Array.from({ length: 22 }, (_, i) => {
    const k = i + 1;
    return {
      id: runId(k), flow: flow('b3'), user: '1', status: 'failed',
      createdAt: hours('2027-01-01T00:00:00Z', k), startedAt: hours('2027-01-01T00:00:00Z', k),
      finishedAt: hours('2027-01-02T00:00:00Z', Math.ceil(k / 2)),
      sourceSystem: k % 2 === 1 ? 'anyspend' : 'x402', error: k === 22 ? null : `step ${k} reverted`,
    };
  });
  const { app } = appFor(scenario('b3os-failures', runs));

  it('keeps 20, latest finish first, ties by id; hourly buckets zero-filled around them', async () => {
    const res = await stats(app, { from: at('2027-01-01T00:00:00.000Z'), to: at('2027-01-01T23:59:59.999Z'), granularity: 'hourly' });
    // Finish hours desc: 11 (runs 21, 22), 10 (19, 20), ..., 2 (3, 4); 1 (runs 1, 2) falls past the 20th.
    const expectedOrder = [21, 22, 19, 20, 17, 18, 15, 16, 13, 14, 11, 12, 9, 10, 7, 8, 5, 6, 3, 4];
    // Duration of run k = (24 − k + ceil(k/2)) h; Σ over k = 22·24 − 253 + 2·(1 + … + 11) = 528 − 253 + 132 = 407 h;
    // mean 407/22 = 18.5 h = 66,600,000 ms. No success: rate 0 though 22 runs are terminal.
    expectOk(res, {
      granularity: 'hourly',
      summary: { total: 22, succeeded: 0, failed: 22, cancelled: 0, terminal: 22, inProgress: 0, successRate: 0, averageDurationMs: 66_600_000 },
      statuses: [{ status: 'workflow_failed', count: 22 }],
      sourceSystems: [source('anyspend', 11, 0, 11), source('x402', 11, 0, 11)],
      // 00:00 and 23:00 are empty; hours 01..22 hold run k = hour: 0 + 22·1 + 0 = 22 = summary.total.
      timeSeries: Array.from({ length: 24 }, (_, h) => bucket(hours('2027-01-01T00:00:00Z', h), h >= 1 && h <= 22 ? 1 : 0, 0, h >= 1 && h <= 22 ? 1 : 0)),
      recentFailures: expectedOrder.map((k) => ({
        executionId: runId(k), runId: runId(k), workflowId: flow('b3'), status: 'workflow_failed',
        statusReason: k === 22 ? null : `step ${k} reverted`, sourceSystem: k % 2 === 1 ? 'anyspend' : 'x402',
        createdAt: hours('2027-01-01T00:00:00Z', k), finishedAt: hours('2027-01-02T00:00:00Z', Math.ceil(k / 2)),
      })),
    });
  });

  it('daily over three days: the empty days around the busy one', async () => {
    const res = await stats(app, { from: at('2026-12-31T00:00:00.000Z'), to: at('2027-01-02T00:00:00.000Z'), granularity: 'daily' });
    expect(res.status).toBe(200);
    expect(res.body.data.timeSeries).toEqual([bucket('2026-12-31T00:00:00.000Z'), bucket('2027-01-01T00:00:00.000Z', 22, 0, 22), bucket('2027-01-02T00:00:00.000Z')]);
    expectMatchesSpec('b3os', '/b3os', res);
  });
});

describe('b3os: source systems and every outcome', () => {
  // Created on 2027-02-01, x402 first, anyspend last, so that first-seen order is not the expected order.
  const r = (n: number, h: string, sourceSystem: string, status: RunDocument['status'], startedAt: string | null, finishedAt: string | null): RunDocument =>
    ({ id: runId(n), flow: flow('b3'), user: '1', status, createdAt: `2027-02-01T${h}Z`, startedAt: startedAt && `2027-02-01T${startedAt}Z`, finishedAt: finishedAt && `2027-02-01T${finishedAt}Z`, sourceSystem });
  const runs = [
    r(1, '01:00:00', 'x402', 'cancelled', '01:00:00', '01:00:00.500'), // 500 ms
    r(2, '01:30:00', 'x402', 'awaiting_payment', null, null),
    r(3, '03:00:00', 'zapier', 'succeeded', '03:00:00', '03:00:06'), // 6000 ms
    r(4, '03:10:00', 'zapier', 'queued', null, null),
    r(5, '05:00:00', 'api', 'succeeded', '05:00:00', '05:00:04'), // 4000 ms
    r(6, '05:10:00', 'api', 'cancelled', null, '05:10:01'), // cancelled before it started: no duration
    r(7, '05:20:00', 'api', 'running', '05:20:01', null),
    r(8, '07:00:00', 'anyspend', 'succeeded', '07:00:00', '07:00:01'), // 1000 ms
    r(9, '07:10:00', 'anyspend', 'succeeded', '07:10:00', '07:10:03'), // 3000 ms
    r(10, '07:20:00', 'anyspend', 'failed', '07:20:00', '07:20:02'), // 2000 ms
  ];
  const { app } = appFor(scenario('b3os-sources', runs));

  it('orders sources by total then name; buckets 00:00..08:00 add up to the summary', async () => {
    // 10 runs: succeeded 3, 5, 8, 9 = 4; failed 10 = 1; cancelled 1, 6 = 2 → terminal 7, in progress 3;
    // rate 100·4/7; durations of terminal runs with a start: 500 + 6000 + 4000 + 1000 + 3000 + 2000 = 16,500
    // over 6 → 2750 ms.
    const res = await stats(app, { from: at('2027-02-01T00:30:00.000Z'), to: at('2027-02-01T08:00:00.000Z'), granularity: 'hourly' });
    expectOk(res, {
      granularity: 'hourly',
      summary: { total: 10, succeeded: 4, failed: 1, cancelled: 2, terminal: 7, inProgress: 3, successRate: 400 / 7, averageDurationMs: 2750 },
      statuses: [
        { status: 'awaiting_payment', count: 1 },
        { status: 'workflow_queued', count: 1 },
        { status: 'workflow_running', count: 1 },
        { status: 'workflow_succeeded', count: 4 },
        { status: 'workflow_failed', count: 1 },
        { status: 'workflow_cancelled', count: 2 },
      ],
      sourceSystems: [source('anyspend', 3, 2, 1, 0), source('api', 3, 1, 0, 1), source('x402', 2, 0, 0, 1), source('zapier', 2, 1, 0, 0)],
      timeSeries: [
        bucket('2027-02-01T00:00:00.000Z'),
        bucket('2027-02-01T01:00:00.000Z', 2, 0, 0, 1),
        bucket('2027-02-01T02:00:00.000Z'),
        bucket('2027-02-01T03:00:00.000Z', 2, 1),
        bucket('2027-02-01T04:00:00.000Z'),
        bucket('2027-02-01T05:00:00.000Z', 3, 1, 0, 1),
        bucket('2027-02-01T06:00:00.000Z'),
        bucket('2027-02-01T07:00:00.000Z', 3, 2, 1),
        bucket('2027-02-01T08:00:00.000Z'), // 2 + 2 + 3 + 3 = 10; succeeded 1 + 1 + 2 = 4
      ],
      recentFailures: [{
        executionId: runId(10), runId: runId(10), workflowId: flow('b3'), status: 'workflow_failed', statusReason: null,
        sourceSystem: 'anyspend', createdAt: '2027-02-01T07:20:00.000Z', finishedAt: '2027-02-01T07:20:02.000Z',
      }],
    });
  });
});
