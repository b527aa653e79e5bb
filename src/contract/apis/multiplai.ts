/** Multiplai `GET /api/v1/workspaces/metrics` (docs/apis.md#multiplai). */
import { toCall } from '../baseline.ts';
import { standardAuthCases } from '../checks/auth.ts';
import { foreignWorkspaceId } from '../fixture-picks.ts';
import type { ContractApi } from './contract-api.ts';
import { CONTRACT_OPERATIONS } from '../operations.ts';

interface Metrics {
  data: { entity: string; metric: string; aggregation: string; group_by: string | null; granularity: string | null; total: number; results: Row[] };
  meta: { period: { from: string; to: string }; cached_at: string; cache_ttl: number; unit: string | null };
}
type Row = { user_id?: string; user_name?: string; date?: string; value: number };

const DAY = 86_400_000;

export const multiplaiContract: ContractApi = {
  name: 'multiplai',
  operationId: CONTRACT_OPERATIONS.multiplai,
  validationStatus: 422,

  baseline(ctx) {
    return { pathParams: {}, query: { workspace_uuid: ctx.workspace.id, entity: 'workflows', metric: 'executions', aggregation: 'count' }, headers: {} };
  },

  extraNegatives(ctx, baseline) {
    const body = (extra: Record<string, unknown>, drop?: string) => {
      const b: Record<string, unknown> = { ...baseline.query, ...extra };
      if (drop !== undefined) delete b[drop];
      return toCall(ctx.op, { ...baseline, query: {}, body: b });
    };
    return [
      ...['entity', 'metric', 'aggregation'].map((field) => ({ name: `a body without ${field}`, call: body({}, field), status: 422 })),
      { name: 'avg_duration for agents', call: body({ entity: 'agents', metric: 'avg_duration', aggregation: 'avg' }), status: 422 },
      { name: 'avg_duration grouped by user', call: body({ metric: 'avg_duration', aggregation: 'avg', group_by: 'user' }), status: 422 },
      { name: 'group_by date without granularity', call: body({ group_by: 'date' }), status: 422 },
      { name: 'limit 0', call: body({ group_by: 'user', limit: 0 }), status: 422 },
      { name: 'limit 1001', call: body({ group_by: 'user', limit: 1001 }), status: 422 },
      { name: 'an unknown period', call: body({ filters: { period: '1y' } }), status: 422 },
      { name: 'a body that is not JSON', call: { ...toCall(ctx.op, { ...baseline, query: {} }), body: '{"entity":' }, status: 422 },
      { name: 'an unknown workspace', call: body({ workspace_uuid: '00000000-0000-4000-8000-00000000beef' }), status: 404 },
    ];
  },

  authCases(ctx, baseline) {
    const foreign = ctx.target.fixtures.workspaces[1]?.id;
    return [
      ...standardAuthCases(toCall(ctx.op, baseline)),
      ...(foreign === undefined ? [] : [{ name: "a workspace_uuid that is not the token's workspace", call: toCall(ctx.op, { ...baseline, query: { ...baseline.query, workspace_uuid: foreignWorkspaceId(ctx.target) } }), status: 403 }]),
    ];
  },

  async semantics(ctx, baseline) {
    // Distinct `limit`s below make every query its own cache entry, so answers are computed afresh.
    let fresh = 500;
    const query = async (extra: Record<string, unknown>) => {
      const body = { ...baseline.query, ...extra };
      const exchange = await ctx.call(toCall(ctx.op, { ...baseline, query: {}, body }));
      const ok = ctx.expect(exchange.response.status === 200, `metrics ${JSON.stringify(extra)} answered ${exchange.response.status}, expected 200`, { request: exchange.request, actual: exchange.response.status });
      return { ...exchange, m: ok ? (exchange.response.json as Metrics) : undefined };
    };

    await ctx.check('semantic', 'multiplai.total-only', async () => {
      const { m, request } = await query({ filters: { period: '30d' } });
      if (m === undefined) return;
      ctx.expect(m.data.group_by === null && m.data.results.length === 0, 'without group_by, results must be [] and group_by null', { request, actual: m.data });
      ctx.expect(m.meta.cache_ttl === 300, `meta.cache_ttl is ${m.meta.cache_ttl}, documented 300`, { request, expected: 300, actual: m.meta.cache_ttl });
      ctx.expect(m.meta.unit === null, `meta.unit is ${m.meta.unit} for a count of executions; only avg_duration with sum or avg has a unit`, { request, expected: null, actual: m.meta.unit });
    });

    for (const [period, days] of [['7d', 7], ['30d', 30], ['90d', 90]] as const) {
      await ctx.check('semantic', 'multiplai.daily-buckets', async () => {
        const { m, request } = await query({ group_by: 'date', granularity: 'daily', filters: { period }, limit: fresh++ });
        if (m === undefined) return;
        const dates = m.data.results.map((r) => r.date);
        const { from, to } = m.meta.period;
        ctx.expect(Date.parse(to) - Date.parse(from) === (days - 1) * DAY, `period ${period} spans ${from}..${to}; it must be the ${days} dates ending today`, { request, actual: m.meta.period });
        const expected = Array.from({ length: days }, (_, i) => new Date(Date.parse(from) + i * DAY).toISOString().slice(0, 10));
        ctx.expect(JSON.stringify(dates) === JSON.stringify(expected), `group_by date daily over ${period} must list every date ${from}..${to} ascending, zero-filled (${days} rows); got ${dates.length} rows`, { request, expected: expected.slice(0, 3).concat(['…']), actual: dates.slice(0, 3).concat(['…']) });
        const sum = m.data.results.reduce((t, r) => t + r.value, 0);
        ctx.expect(sum === m.data.total, `the daily values add up to ${sum} but total is ${m.data.total}`, { request, expected: m.data.total, actual: sum });
      });
    }

    await ctx.check('semantic', 'multiplai.week-and-month-buckets', async () => {
      for (const granularity of ['weekly', 'monthly'] as const) {
        const { m, request } = await query({ entity: 'agents', group_by: 'date', granularity, filters: { period: '90d' }, limit: fresh++ });
        if (m === undefined) continue;
        const labels = m.data.results.map((r) => String(r.date));
        const pattern = granularity === 'weekly' ? /^\d{4}-\d{2}$/ : /^\d{4}-(0[1-9]|1[0-2])$/;
        ctx.expect(labels.every((l) => pattern.test(l)), `${granularity} labels must be ${granularity === 'weekly' ? 'YYYY-WW' : 'YYYY-MM'}`, { request, actual: labels });
        ctx.expect(labels.every((l, i) => i === 0 || l > (labels[i - 1] as string)), `${granularity} buckets must be ascending and distinct`, { request, actual: labels });
        const expectedCount = granularity === 'weekly' ? [13, 14, 15] : [3, 4];
        ctx.expect(expectedCount.includes(labels.length), `90 days hold ${expectedCount.join(' or ')} ${granularity} buckets; got ${labels.length}`, { request, actual: labels.length });
        const sum = m.data.results.reduce((t, r) => t + r.value, 0);
        ctx.expect(sum === m.data.total, `the ${granularity} values add up to ${sum} but total is ${m.data.total}`, { request, expected: m.data.total, actual: sum });
      }
    });

    await ctx.check('semantic', 'multiplai.group-by-user', async () => {
      const all = await query({ group_by: 'user', filters: { period: '90d' }, limit: 1000 });
      const top = await query({ group_by: 'user', filters: { period: '90d' }, limit: 2 });
      if (all.m === undefined || top.m === undefined) return;
      const rows = all.m.data.results;
      const sum = rows.reduce((t, r) => t + r.value, 0);
      ctx.expect(sum <= all.m.data.total, `user values add up to ${sum}, more than total ${all.m.data.total}`, { request: all.request, expected: `≤ ${all.m.data.total}`, actual: sum });
      for (let i = 1; i < rows.length; i++) {
        const a = rows[i - 1] as Row;
        const b = rows[i] as Row;
        if (!ctx.expect(a.value > b.value || (a.value === b.value && compareIds(String(a.user_id), String(b.user_id)) < 0), `user rows are not ordered by value descending then user_id: ${a.user_id} (${a.value}) before ${b.user_id} (${b.value})`, { request: all.request, actual: [a, b] })) break;
      }
      ctx.expect(top.m.data.results.length <= 2, `limit 2 returned ${top.m.data.results.length} rows`, { request: top.request, expected: '≤ 2', actual: top.m.data.results.length });
      ctx.expect(JSON.stringify(top.m.data.results) === JSON.stringify(rows.slice(0, 2)), 'limit 2 must keep the first 2 rows of the ordered list', { request: top.request, expected: rows.slice(0, 2), actual: top.m.data.results });
      ctx.expect(top.m.data.total === all.m.data.total, `total must not depend on limit: ${top.m.data.total} with limit 2, ${all.m.data.total} with limit 1000`, { request: top.request, expected: all.m.data.total, actual: top.m.data.total });
      const user = rows[0]?.user_id;
      if (user === undefined) return;
      const one = await query({ group_by: 'user', filters: { period: '90d', user_id: user }, limit: fresh++ });
      if (one.m === undefined) return;
      ctx.expect(one.m.data.results.length === 1 && one.m.data.results[0]?.user_id === user && one.m.data.total === rows[0]?.value,
        `filters.user_id=${user} must keep that user's events only: expected one row with ${rows[0]?.value}`, { request: one.request, expected: rows[0], actual: one.m.data });
    });

    await ctx.check('semantic', 'multiplai.avg-duration', async () => {
      const { m, request } = await query({ metric: 'avg_duration', aggregation: 'avg', filters: { period: '30d' } });
      if (m === undefined) return;
      ctx.expect(m.meta.unit === 'milliseconds', `avg_duration with avg must have unit "milliseconds", got ${m.meta.unit}`, { request, expected: 'milliseconds', actual: m.meta.unit });
      ctx.expect(m.data.total >= 0, 'the average duration is negative', { request, actual: m.data.total });
    });

    await ctx.check('semantic', 'multiplai.cache', async () => {
      const body = { group_by: 'user', filters: { period: '7d' }, limit: fresh++ };
      const first = await query(body);
      const second = await query(body);
      if (first.m === undefined || second.m === undefined) return;
      ctx.expect(first.response.text === second.response.text, 'an identical query within 300 s must return the identical body (cached_at included)', { request: second.request, expected: first.m.meta, actual: second.m.meta });
      const viaQuery = await ctx.call(toCall(ctx.op, { ...baseline, query: { ...baseline.query, group_by: 'user', 'filters[period]': '7d', limit: body.limit } }));
      ctx.expect(viaQuery.response.text === first.response.text, 'the same query as a query string must give the same (cached) answer as the JSON body', { request: viaQuery.request, expected: first.m.meta, actual: (viaQuery.response.json as Metrics | undefined)?.meta });
    });
  },
};

function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

