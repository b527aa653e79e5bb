/**
 * Multiplai `GET /api/v1/workspaces/metrics`: the metrics semantics (docs/apis.md#multiplai) over
 * test/fixtures/scenarios/multiplai-metrics.yaml (now 2026-06-15T12:00:00Z, a Monday). Expected values are
 * counted by hand from that file; the arithmetic is in the comments. Run ids are written r1..r11 (workflow
 * runs 5b…001..011) and a1..a3 (agent runs).
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { appFor, expectMatchesSpec } from '../helpers/app.ts';

const { app } = appFor('test/fixtures/scenarios/multiplai-metrics.yaml');
const WS = '5a000000-0000-4000-8000-000000000001';
const EMPTY_WS = '5a000000-0000-4000-8000-000000000002';
const URL = '/multiplai/api/v1/workspaces/metrics';

type Body = Record<string, unknown>;

async function metrics(body: Body, { token = 'fm_metrics_0123456789' } = {}) {
  const res = await request(app).get(URL).set('authorization', `Bearer ${token}`).set('content-type', 'application/json').send(JSON.stringify(body));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expectMatchesSpec('multiplai', '/multiplai', res);
  return res.body as { data: Body & { total: number; results: Body[] }; meta: Body & { period: { from: string; to: string } } };
}

const workflows = (extra: Body = {}) => ({ workspace_uuid: WS, entity: 'workflows', metric: 'executions', aggregation: 'count', ...extra });
const days = (...pairs: [string, number][]) => pairs.map(([date, value]) => ({ date, value }));

describe('multiplai: the whole response', () => {
  it('a total without group_by: results [], group_by and granularity null, meta of the default 30d period', async () => {
    // 30d = 2026-05-17..2026-06-15: workflow runs r1..r9 (r10 is April, r11 January) = 9.
    expect(await metrics(workflows())).toEqual({
      data: { entity: 'workflows', metric: 'executions', aggregation: 'count', group_by: null, granularity: null, total: 9, results: [] },
      meta: { period: { from: '2026-05-17', to: '2026-06-15' }, cached_at: '2026-06-15T12:00:00.000Z', cache_ttl: 300, unit: null },
    });
  });

  it('echoes granularity as given even with group_by user (as the vendor\'s cURL sample does)', async () => {
    const { data } = await metrics(workflows({ group_by: 'user', granularity: 'daily' }));
    expect([data.group_by, data.granularity]).toEqual(['user', 'daily']);
  });

  it('accepts and ignores X-Multiplai-Authorization', async () => {
    const res = await request(app).get(URL).set({ authorization: 'Bearer fm_metrics_0123456789', 'x-multiplai-authorization': '', 'content-type': 'application/json' })
      .send(JSON.stringify(workflows()));
    expect(res.status).toBe(200);
    expect(res.body.data.total).toBe(9);
    expectMatchesSpec('multiplai', '/multiplai', res);
  });
});

describe('multiplai: every metric of both entities, count / sum / avg', () => {
  // [entity, metric, period, count, sum, avg]; the measure is 1 except for avg_duration (finish - start, ms).
  it.each([
    // r1..r9 in 30d; r10 (2026-04-01) joins in 90d.
    ['workflows', 'executions', '30d', 9, 9, 1],
    ['workflows', 'executions', '90d', 10, 10, 1],
    // Copied (06-12) in 30d; Copied earlier (03-20) in 90d; Invoices is January; Future copy is after now.
    ['workflows', 'created', '30d', 1, 1, 1],
    ['workflows', 'created', '90d', 2, 2, 1],
    ['workflows', 'copies', '30d', 1, 1, 1],
    ['workflows', 'copies', '90d', 2, 2, 1],
    // Invoices' shares on 06-10 and 06-14; the one on 02-01 is outside 90d.
    ['workflows', 'shares', '30d', 2, 2, 1],
    ['workflows', 'shares', '90d', 2, 2, 1],
    // Started and finished by now: 7d r1 1000 + r2 3000 + r3 5000 + r5 10000 (r4 created 06-08, r6 never
    // started, r7 unfinished, r8 finishes after now); 30d adds r4 2000 and r9 4000; 90d adds r10 6000.
    ['workflows', 'avg_duration', '7d', 4, 19000, 19000 / 4],
    ['workflows', 'avg_duration', '30d', 6, 25000, 25000 / 6],
    ['workflows', 'avg_duration', '90d', 7, 31000, 31000 / 7],
    // a1 (06-10) and a3 (06-14); a2 is created 1 ms after now.
    ['agents', 'executions', '7d', 2, 2, 1],
    ['agents', 'executions', '30d', 2, 2, 1],
    // Cloned agent (06-01, from a template); Helper is 03-01, outside even 90d.
    ['agents', 'created', '30d', 1, 1, 1],
    ['agents', 'created', '90d', 1, 1, 1],
    ['agents', 'created', '7d', 0, 0, 0],
    ['agents', 'copies', '30d', 1, 1, 1],
    // Helper's share at exactly now; the one 1 ms later is invisible.
    ['agents', 'shares', '7d', 1, 1, 1],
  ])('%s %s over %s: count %d, sum %d, avg %d', async (entity, metric, period, count, sum, avg) => {
    const ms = metric === 'avg_duration' ? 'milliseconds' : null;
    for (const [aggregation, total, unit] of [['count', count, null], ['sum', sum, ms], ['avg', avg, ms]] as const) {
      const { data, meta } = await metrics({ workspace_uuid: WS, entity, metric, aggregation, filters: { period } });
      expect([aggregation, data.total, meta.unit]).toEqual([aggregation, total, unit]);
    }
  });

  it('filters.user_id keeps one user\'s events, and drops the system run: user "2" has r3 5000 + r4 2000', async () => {
    const { data, meta } = await metrics({ workspace_uuid: WS, entity: 'workflows', metric: 'avg_duration', aggregation: 'avg', filters: { user_id: 2 } });
    expect([data.total, meta.unit]).toEqual([3500, 'milliseconds']);
  });
});

describe('multiplai: group_by user', () => {
  // 30d workflow executions: "9" r1 r6 r8 = 3, "10" r2 r7 r9 = 3, "2" r3 r4 = 2, the system run r5 in the
  // total only (9); "11" has no events and no row.
  const nine = { user_id: '9', user_name: 'Cid Same', value: 3 };
  const ten = { user_id: '10', user_name: 'Cid Same', value: 3 };
  const two = { user_id: '2', user_name: 'Bea Two', value: 2 };

  it.each([
    ['value descending by default, ties by user_id ascending ("9" before "10")', {}, [nine, ten, two]],
    ['order_by value asc', { order_by: 'value', order_dir: 'asc' }, [two, nine, ten]],
    ['order_by name asc, same names by user_id', { order_by: 'name', order_dir: 'asc' }, [two, nine, ten]],
    ['order_by name (desc by default), same names still by user_id ascending', { order_by: 'name' }, [nine, ten, two]],
    ['limit 1 keeps the first row after ordering', { limit: 1 }, [nine]],
    ['limit past the end keeps every row', { limit: 1000 }, [nine, ten, two]],
  ])('%s', async (_name, extra, results) => {
    const { data } = await metrics(workflows({ group_by: 'user', ...extra }));
    expect(data.results).toEqual(results);
    expect(data.total).toBe(9);
  });

  it('sum and avg per user: executions measure 1, so sum = count and avg = 1', async () => {
    expect((await metrics(workflows({ group_by: 'user', aggregation: 'sum' }))).data.results.map((r) => r.value)).toEqual([3, 3, 2]);
    expect((await metrics(workflows({ group_by: 'user', aggregation: 'avg' }))).data).toMatchObject({ total: 1, results: [{ value: 1 }, { value: 1 }, { value: 1 }] });
  });

  it.each([
    // a1 by "2", a3 by "10": a tie, "2" before "10" (numerically).
    ['agents executions', { entity: 'agents' }, [['2', 1], ['10', 1]]],
    // Copied by "9", Copied earlier by "10".
    ['workflows created over 90d', { metric: 'created', filters: { period: '90d' } }, [['9', 1], ['10', 1]]],
    // Invoices shared by "9" (06-10) and "10" (06-14).
    ['workflows shares', { metric: 'shares' }, [['9', 1], ['10', 1]]],
  ])('%s', async (_name, extra, rows) => {
    const { data } = await metrics(workflows({ group_by: 'user', ...extra }));
    expect(data.results.map((r) => [r.user_id, r.value])).toEqual(rows);
  });

  it.each([[9], ['9']])('filters.user_id %j keeps only that user (number or string)', async (userId) => {
    const { data } = await metrics(workflows({ group_by: 'user', filters: { user_id: userId } }));
    expect([data.total, data.results]).toEqual([3, [nine]]);
  });

  it('a user without events: total 0, no rows', async () => {
    const { data } = await metrics(workflows({ group_by: 'user', filters: { user_id: '11' } }));
    expect([data.total, data.results]).toEqual([0, []]);
  });
});

describe('multiplai: group_by date, every bucket zero-filled', () => {
  // 7d = 06-09..06-15: 06-09 r3 (r4 is 06-08 23:59:59.999), 06-12 r6, 06-13 r5, 06-14 r2, 06-15 r1 r7 r8.
  const week = days(['2026-06-09', 1], ['2026-06-10', 0], ['2026-06-11', 0], ['2026-06-12', 1], ['2026-06-13', 1], ['2026-06-14', 1], ['2026-06-15', 3]);
  const daily = (extra: Body = {}) => workflows({ group_by: 'date', granularity: 'daily', filters: { period: '7d' }, ...extra });

  it('daily over 7d, date ascending', async () => {
    const { data, meta } = await metrics(daily());
    expect([data.total, data.results, meta.period]).toEqual([7, week, { from: '2026-06-09', to: '2026-06-15' }]);
  });

  it.each([
    ['order_by value: desc by default, ties stay in date order ascending', { order_by: 'value' },
      ['2026-06-15', '2026-06-09', '2026-06-12', '2026-06-13', '2026-06-14', '2026-06-10', '2026-06-11']],
    ['order_by value asc', { order_by: 'value', order_dir: 'asc' },
      ['2026-06-10', '2026-06-11', '2026-06-09', '2026-06-12', '2026-06-13', '2026-06-14', '2026-06-15']],
    ['order_by date: desc by default', { order_by: 'date' },
      ['2026-06-15', '2026-06-14', '2026-06-13', '2026-06-12', '2026-06-11', '2026-06-10', '2026-06-09']],
    ['order_dir alone changes nothing: date order ascending', { order_dir: 'desc' }, week.map((r) => r.date)],
    ['limit after ordering; total unchanged', { order_by: 'value', limit: 2 }, ['2026-06-15', '2026-06-09']],
  ])('%s', async (_name, extra, dates) => {
    const { data } = await metrics(daily(extra));
    expect(data.results.map((r) => r.date)).toEqual(dates);
    expect(data.total).toBe(7);
  });

  it('weekly over 30d: ISO weeks from the week of 2026-05-17 (a Sunday, 2026-W20) to 2026-W25', async () => {
    // W20 r9 (05-17); W24 = 06-08..06-14: r4 r3 r6 r5 r2 = 5; W25 = 06-15: r1 r7 r8 = 3.
    const { data } = await metrics(workflows({ group_by: 'date', granularity: 'weekly' }));
    expect(data.results).toEqual(days(['2026-20', 1], ['2026-21', 0], ['2026-22', 0], ['2026-23', 0], ['2026-24', 5], ['2026-25', 3]));
    expect(data.total).toBe(9);
  });

  it('monthly over 90d (from 2026-03-18)', async () => {
    // April r10, May r9, June r1..r8 = 8.
    const { data, meta } = await metrics(workflows({ group_by: 'date', granularity: 'monthly', filters: { period: '90d' } }));
    expect(data.results).toEqual(days(['2026-03', 0], ['2026-04', 1], ['2026-05', 1], ['2026-06', 8]));
    expect([data.total, meta.period]).toEqual([10, { from: '2026-03-18', to: '2026-06-15' }]);
  });

  it('avg per bucket, 0 for an empty one: created workflows over 7d', async () => {
    // Copied (06-12) is the only flow created in 7d.
    const { data } = await metrics(workflows({ metric: 'created', aggregation: 'avg', group_by: 'date', granularity: 'daily', filters: { period: '7d' } }));
    expect(data.results.map((r) => r.value)).toEqual([0, 0, 0, 1, 0, 0, 0]);
  });
});

describe('multiplai: period all', () => {
  it.each([
    // Earliest workflow run: r11 (2026-01-15); 11 visible workflow runs.
    ['workflows executions', workflows(), '2026-01-15', 11],
    // The same start whatever user is asked for: the period is the entity's and metric's, not the user's.
    ['workflows executions of one user', workflows({ filters: { period: 'all', user_id: '11' } }), '2026-01-15', 0],
    // Invoices (01-10), Copied, Copied earlier; Future copy is after now.
    ['workflows created', workflows({ metric: 'created' }), '2026-01-10', 3],
    ['workflows shares', workflows({ metric: 'shares' }), '2026-02-01', 3],
    // a1 (06-10) and a3; a2 is after now.
    ['agents executions', workflows({ entity: 'agents' }), '2026-06-10', 2],
    ['agents copies', workflows({ entity: 'agents', metric: 'copies' }), '2026-06-01', 1],
  ])('%s starts at the earliest event', async (_name, body, from, total) => {
    const { data, meta } = await metrics({ filters: { period: 'all' }, ...body });
    expect([meta.period, data.total]).toEqual([{ from, to: '2026-06-15' }, total]);
  });

  it('monthly over all time', async () => {
    const { data } = await metrics(workflows({ group_by: 'date', granularity: 'monthly', filters: { period: 'all' } }));
    expect(data.results).toEqual(days(['2026-01', 1], ['2026-02', 0], ['2026-03', 0], ['2026-04', 1], ['2026-05', 1], ['2026-06', 8]));
  });

  it('no events at all: today to today, one zero bucket, avg 0', async () => {
    const body = { workspace_uuid: EMPTY_WS, entity: 'workflows', metric: 'avg_duration', aggregation: 'avg', filters: { period: 'all' } };
    const total = await metrics(body, { token: 'fm_empty_0123456789' });
    expect([total.data.total, total.meta.period]).toEqual([0, { from: '2026-06-15', to: '2026-06-15' }]);
    const grouped = await metrics({ ...body, metric: 'executions', group_by: 'date', granularity: 'weekly' }, { token: 'fm_empty_0123456789' });
    expect(grouped.data.results).toEqual(days(['2026-25', 0]));
  });
});
