/**
 * B3OS `GET /v1/executions/stats` over the edge-cases scenario (now 2027-01-05T12:00Z): edges of buckets,
 * windows and the clock. Every expected number is counted by hand from scenarios/edge-cases.yaml; the
 * counting is in the comments. Inline scenarios: b3os-scenarios.test.ts; errors: b3os-errors.test.ts.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { appFor, expectMatchesSpec } from '../helpers/app.ts';
import { EDGE_CASES } from '../helpers/fixtures.ts';
import { b3osStats, expectB3os, type B3osQuery } from '../helpers/b3os.ts';

const { app: edgeApp } = appFor('edge-cases');
const TOKEN = EDGE_CASES.edge.token;
const OTHER_TOKEN = EDGE_CASES.other.token;
const EDGE_ORG = EDGE_CASES.edge.workspaceId;
const OTHER_ORG = EDGE_CASES.other.workspaceId;
const AUTH = { authorization: `Bearer ${TOKEN}` };
const DAY = 86_400_000;
const at = (iso: string) => Date.parse(iso);
const edgeRun = (n: string) => `d0000000-0000-4000-8000-0000000000${n}`;

type Query = B3osQuery;

const stats = (query: Query | string, headers: Record<string, string> = AUTH) => b3osStats(edgeApp, query, headers);

function expectOk(res: request.Response, data: Record<string, unknown>) {
  expectB3os(res, 200, { code: 200, data, message: 'success' });
}

const bucket = (bucketStart: string, total = 0, succeeded = 0, failed = 0, cancelled = 0) => ({ bucketStart, total, succeeded, failed, cancelled });
const source = (sourceSystem: string, total: number, succeeded = 0, failed = 0, cancelled = 0) => ({ sourceSystem, total, succeeded, failed, cancelled });
const ZERO_SUMMARY = { total: 0, succeeded: 0, failed: 0, cancelled: 0, terminal: 0, inProgress: 0, successRate: 0, averageDurationMs: 0 };
const SLACK_TIMEOUT = 'Request to Slack API timed out after 30000ms';

function edgeFailure(n: string, createdAt: string, finishedAt: string, statusReason: string) {
  return { executionId: edgeRun(n), runId: edgeRun(n), workflowId: EDGE_CASES.edge.flows.edgesAndTies, status: 'workflow_failed', statusReason, sourceSystem: 'api', createdAt, finishedAt };
}

describe('b3os: execution stats over the edge-cases workspace', () => {
  it('daily, 2026-12-31 to 2027-01-05: summary, statuses, sources, buckets on edges, failures', async () => {
    // Window [2026-12-31T00:00Z, 2027-01-05T23:59:59.999Z], cut at now 12:00Z. Visible runs (18):
    //   a01 running api, a02 running scheduler, a03 queued api, a04 paused webhook (all 01-05),
    //   a05 awaiting_payment stripe, a06 payment_confirmed stripe (01-04),
    //   d03 failed 12-31T23:59:59.999 (30 s), d04 succeeded 01-01T00:00 (60 s), d0a/d0b succeeded webhook
    //   01-02T15:00 (1 s, 2 s), d0c succeeded scheduler 01-03T06:00 (4 s), d05 succeeded 01-03T23:59:59.999
    //   (20 s), d06 succeeded 01-04T00:00 (20 s), d08 failed 01-05T10:59:59.999 (30 s), d07 failed
    //   01-05T11:00 (29 s), d10 queued (created exactly at now), d12 failed but finishing 12:03 → observed
    //   running, d13 succeeded but starting 12:00:30 → observed queued. d11 (created now + 1 ms) is invisible.
    // succeeded 6 (d04 d05 d06 d0a d0b d0c), failed 3 (d03 d07 d08), cancelled 0 → terminal 9, in progress 9.
    // Durations 30+60+20+20+30+29+2+1+4 = 196 s over 9 runs.
    const res = await stats({ from: at('2026-12-31T00:00:00.000Z'), to: at('2027-01-05T23:59:59.999Z'), granularity: 'daily' });
    expectOk(res, {
      granularity: 'daily',
      summary: { total: 18, succeeded: 6, failed: 3, cancelled: 0, terminal: 9, inProgress: 9, successRate: (100 * 6) / 9, averageDurationMs: 196_000 / 9 },
      statuses: [
        { status: 'awaiting_payment', count: 1 }, // a05
        { status: 'payment_confirmed', count: 1 }, // a06
        { status: 'workflow_queued', count: 3 }, // a03, d10, d13
        { status: 'workflow_running', count: 3 }, // a01, a02, d12
        { status: 'workflow_waiting', count: 1 }, // a04
        { status: 'workflow_succeeded', count: 6 },
        { status: 'workflow_failed', count: 3 },
      ],
      sourceSystems: [
        source('api', 11, 3, 3), // a01 a03 d03 d04 d05 d06 d07 d08 d10 d12 d13
        source('webhook', 3, 2), // a04 d0a d0b
        source('scheduler', 2, 1), // a02 d0c; ties with stripe on 2, first by name
        source('stripe', 2), // a05 a06
      ],
      timeSeries: [
        bucket('2026-12-31T00:00:00.000Z', 1, 0, 1), // d03, the day's last ms
        bucket('2027-01-01T00:00:00.000Z', 1, 1), // d04, the day's first ms
        bucket('2027-01-02T00:00:00.000Z', 2, 2), // d0a d0b
        bucket('2027-01-03T00:00:00.000Z', 2, 2), // d0c d05
        bucket('2027-01-04T00:00:00.000Z', 3, 1), // d06 a05 a06
        bucket('2027-01-05T00:00:00.000Z', 9, 0, 2), // a01-a04 d07 d08 d10 d12 d13 (1+1+2+2+3+9 = 18)
      ],
      recentFailures: [
        // d07 and d08 both finished 11:00:30: the lower id first.
        edgeFailure('07', '2027-01-05T11:00:00.000Z', '2027-01-05T11:00:30.000Z', SLACK_TIMEOUT),
        edgeFailure('08', '2027-01-05T10:59:59.999Z', '2027-01-05T11:00:30.000Z', SLACK_TIMEOUT),
        edgeFailure('03', '2026-12-31T23:59:59.999Z', '2027-01-01T00:00:30.000Z', 'Salesforce API returned 500 Internal Server Error'),
      ],
    });
  });

  it('hourly across midnight: every hour from floor(from) to floor(to), the last one starting at to', async () => {
    // [2026-12-31T22:30Z, 2027-01-01T01:00Z] → buckets 22:00, 23:00, 00:00, 01:00. d03 (23:59:59.999, failed,
    // 30 s) and d04 (00:00:00.000, succeeded, 60 s): rate 100·1/2 = 50, mean (30 + 60)/2 = 45 s.
    const res = await stats({ from: at('2026-12-31T22:30:00.000Z'), to: at('2027-01-01T01:00:00.000Z'), granularity: 'hourly' });
    expectOk(res, {
      granularity: 'hourly',
      summary: { total: 2, succeeded: 1, failed: 1, cancelled: 0, terminal: 2, inProgress: 0, successRate: 50, averageDurationMs: 45_000 },
      statuses: [{ status: 'workflow_succeeded', count: 1 }, { status: 'workflow_failed', count: 1 }],
      sourceSystems: [source('api', 2, 1, 1)],
      timeSeries: [
        bucket('2026-12-31T22:00:00.000Z'),
        bucket('2026-12-31T23:00:00.000Z', 1, 0, 1),
        bucket('2027-01-01T00:00:00.000Z', 1, 1),
        bucket('2027-01-01T01:00:00.000Z'),
      ],
      recentFailures: [edgeFailure('03', '2026-12-31T23:59:59.999Z', '2027-01-01T00:00:30.000Z', 'Salesforce API returned 500 Internal Server Error')],
    });
  });

  it.each([
    // from = to: one bucket, and only a run created at exactly that instant.
    ['the first ms of 2027, daily', '2027-01-01T00:00:00.000Z', 'daily', '2027-01-01T00:00:00.000Z', 'workflow_succeeded'],
    ['the last ms of 2026, hourly', '2026-12-31T23:59:59.999Z', 'hourly', '2026-12-31T23:00:00.000Z', 'workflow_failed'],
  ])('from = to on %s: one bucket, one run', async (_name, instant, granularity, bucketStart, status) => {
    const res = await stats({ from: at(instant), to: at(instant), granularity });
    expect(res.status).toBe(200);
    expect(res.body.data.summary.total).toBe(1);
    expect(res.body.data.statuses).toEqual([{ status, count: 1 }]);
    expect(res.body.data.timeSeries).toEqual([status === 'workflow_failed' ? bucket(bucketStart, 1, 0, 1) : bucket(bucketStart, 1, 1)]);
    expectMatchesSpec('b3os', '/b3os', res);
  });

  it('from = to one ms after a run: one empty bucket', async () => {
    const instant = at('2027-01-01T00:00:00.001Z'); // d04 was 1 ms earlier
    const res = await stats({ from: instant, to: instant, granularity: 'hourly' });
    expectOk(res, { granularity: 'hourly', summary: ZERO_SUMMARY, statuses: [], sourceSystems: [], timeSeries: [bucket('2027-01-01T00:00:00.000Z')], recentFailures: [] });
  });

  it('at the clock: observed statuses, nothing after now, no terminal run (rate 0, mean 0)', async () => {
    // [11:58, 12:00:00.001] of 2027-01-05: d12 (11:58, failed at 12:03 → running), a03 (11:59, queued),
    // d13 (11:59:30, succeeds after starting 12:00:30 → queued), d10 (12:00 = now, queued); d11 at
    // 12:00:00.001 is after now, invisible. Nothing terminal → successRate 0, averageDurationMs 0.
    const res = await stats({ from: at('2027-01-05T11:58:00.000Z'), to: at('2027-01-05T12:00:00.001Z'), granularity: 'hourly' });
    expectOk(res, {
      granularity: 'hourly',
      summary: { ...ZERO_SUMMARY, total: 4, inProgress: 4 },
      statuses: [{ status: 'workflow_queued', count: 3 }, { status: 'workflow_running', count: 1 }],
      sourceSystems: [source('api', 4)],
      timeSeries: [bucket('2027-01-05T11:00:00.000Z', 3), bucket('2027-01-05T12:00:00.000Z', 1)],
      recentFailures: [],
    });
  });

  it('a window entirely after now is empty but still zero-filled', async () => {
    const res = await stats({ from: at('2027-01-05T12:00:00.001Z'), to: at('2027-01-07T00:00:00.000Z'), granularity: 'daily' });
    expectOk(res, {
      granularity: 'daily', summary: ZERO_SUMMARY, statuses: [], sourceSystems: [],
      timeSeries: [bucket('2027-01-05T00:00:00.000Z'), bucket('2027-01-06T00:00:00.000Z'), bucket('2027-01-07T00:00:00.000Z')],
      recentFailures: [],
    });
  });

  it('exactly 365 days is allowed: 366 daily buckets summing to the summary', async () => {
    // [2026-01-05T12:00Z, 2027-01-05T12:00Z] is 365 days (2026 is not a leap year) and holds every visible
    // run of the workspace: 6 (flow 01) + 3 (flow 02) + 1 (flow 03) + 17 (flow 04, d11 invisible) = 27.
    // Failed: d03 d07 d08 (d12 still running); succeeded: c01 d01 d02 d04 d05 d06 d0a d0b d0c d0d d0e = 11;
    // cancelled: b01 b02 b03 d0f = 4.
    const from = at('2026-01-05T12:00:00.000Z');
    const res = await stats({ from, to: from + 365 * DAY, granularity: 'daily' });
    expect(res.status).toBe(200);
    const { summary, timeSeries } = res.body.data as { summary: Record<string, number>; timeSeries: ReturnType<typeof bucket>[] };
    expect(summary).toMatchObject({ total: 27, succeeded: 11, failed: 3, cancelled: 4, terminal: 18, inProgress: 9 });
    expect(timeSeries).toHaveLength(366);
    expect(timeSeries[0]?.bucketStart).toBe('2026-01-05T00:00:00.000Z');
    expect(timeSeries[365]?.bucketStart).toBe('2027-01-05T00:00:00.000Z');
    const sum = (key: 'total' | 'succeeded' | 'failed' | 'cancelled') => timeSeries.reduce((n, b) => n + b[key], 0);
    expect([sum('total'), sum('succeeded'), sum('failed'), sum('cancelled')]).toEqual([27, 11, 3, 4]);
    expectMatchesSpec('b3os', '/b3os', res);
  });

  it('365 days hourly: 365·24 + 1 buckets', async () => {
    const from = at('2026-01-05T12:00:00.000Z');
    const res = await stats({ from, to: from + 365 * DAY, granularity: 'hourly' });
    expect(res.status).toBe(200);
    expect(res.body.data.timeSeries).toHaveLength(365 * 24 + 1);
    expectMatchesSpec('b3os', '/b3os', res);
  });

  it('the other workspace sees only its own run, with or without its X-Org-ID', async () => {
    // e...ff: succeeded, api, created 2026-12-01T00:00:00Z, 00:00:01 → 00:00:09 = 8 s.
    const query = { from: at('2026-12-01T00:00:00.000Z'), to: at('2026-12-01T00:00:00.000Z'), granularity: 'daily' };
    for (const headers of [{ authorization: `Bearer ${OTHER_TOKEN}` }, { authorization: `Bearer ${OTHER_TOKEN}`, 'x-org-id': OTHER_ORG }] as Record<string, string>[]) {
      expectOk(await stats(query, headers), {
        granularity: 'daily',
        summary: { total: 1, succeeded: 1, failed: 0, cancelled: 0, terminal: 1, inProgress: 0, successRate: 100, averageDurationMs: 8000 },
        statuses: [{ status: 'workflow_succeeded', count: 1 }],
        sourceSystems: [source('api', 1, 1)],
        timeSeries: [bucket('2026-12-01T00:00:00.000Z', 1, 1)],
        recentFailures: [],
      });
    }
  });

  it("a workspace with no run in the window (the other workspace's week)", async () => {
    const res = await stats({ from: at('2027-01-01T00:00:00.000Z'), to: at('2027-01-02T23:59:59.999Z'), granularity: 'daily' }, { authorization: `Bearer ${OTHER_TOKEN}` });
    expectOk(res, { granularity: 'daily', summary: ZERO_SUMMARY, statuses: [], sourceSystems: [], timeSeries: [bucket('2027-01-01T00:00:00.000Z'), bucket('2027-01-02T00:00:00.000Z')], recentFailures: [] });
  });

  it('accepts the scheme in lower case, its own X-Org-ID, unknown parameters and __proto__ keys', async () => {
    const query = `from=${at('2027-01-01T00:00:00.000Z')}&to=${at('2027-01-01T00:00:00.000Z')}&granularity=daily&__proto__[total]=9&constructor=x&extra=1`;
    const res = await stats(query, { authorization: `bearer ${TOKEN}`, 'X-Org-ID': EDGE_ORG });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.summary.total).toBe(1); // d04 alone
    expectMatchesSpec('b3os', '/b3os', res);
  });
});
