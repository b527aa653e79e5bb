/** StackAI `GET /analytics/org/{org_id}/flows/{flow_id}`: pages of run summaries (docs/apis.md#stackai). */
import { toCall } from '../baseline.ts';
import { standardAuthCases } from '../checks/auth.ts';
import { busiestFlow, foreignWorkspaceId, UNKNOWN_FLOW_ID } from '../fixture-picks.ts';
import type { ContractApi } from './contract-api.ts';
import { CONTRACT_OPERATIONS } from '../operations.ts';

interface RunSummary {
  run_id: string;
  date: string;
  state: string | null;
  is_flow_successful: boolean | null;
  error: string | null;
  latency: number | null;
  user_id: string | null;
  total_tokens: number;
}


export const stackaiContract: ContractApi = {
  name: 'stackai',
  operationId: CONTRACT_OPERATIONS.stackai,
  validationStatus: 422,

  baseline(ctx) {
    const flow = busiestFlow(ctx.target);
    return flow === undefined ? undefined : { pathParams: { org_id: ctx.workspace.id, flow_id: flow.id }, query: {}, headers: {} };
  },

  extraNegatives(ctx, baseline) {
    return [
      { name: 'an unknown flow', call: toCall(ctx.op, { ...baseline, pathParams: { ...baseline.pathParams, flow_id: UNKNOWN_FLOW_ID } }), status: 404 },
      { name: 'an unknown state in the list', call: toCall(ctx.op, { ...baseline, query: { state: 'COMPLETED,DONE' } }), status: 422 },
      { name: 'page_size 0', call: toCall(ctx.op, { ...baseline, query: { page_size: 0 } }), status: 422 },
    ];
  },

  authCases(ctx, baseline) {
    return [
      ...standardAuthCases(toCall(ctx.op, baseline)),
      { name: "an org_id that is not the token's workspace", call: toCall(ctx.op, { ...baseline, pathParams: { ...baseline.pathParams, org_id: foreignWorkspaceId(ctx.target) } }), status: 403 },
    ];
  },

  async semantics(ctx, baseline) {
    const page = async (query: Record<string, string | number | undefined>) => {
      const exchange = await ctx.call(toCall(ctx.op, { ...baseline, query }));
      const ok = ctx.expect(exchange.response.status === 200 && Array.isArray(exchange.response.json), `${exchange.request.url} answered ${exchange.response.status}, expected 200 with a list`, { request: exchange.request, actual: exchange.response.status });
      return { ...exchange, items: ok ? (exchange.response.json as RunSummary[]) : [] };
    };

    await ctx.check('semantic', 'stackai.page-size', async () => {
      const { items, request } = await page({ page_size: 3 });
      ctx.expect(items.length <= 3, `page_size=3 returned ${items.length} runs`, { request, expected: '≤ 3', actual: items.length });
      const defaults = await page({});
      ctx.expect(defaults.items.length <= 25, `the default page holds ${defaults.items.length} runs; page_size defaults to 25`, { request: defaults.request, expected: '≤ 25', actual: defaults.items.length });
    });

    await ctx.check('semantic', 'stackai.pages-disjoint', async () => {
      const whole = await page({ page: 0, page_size: 9 });
      const parts = [await page({ page: 0, page_size: 3 }), await page({ page: 1, page_size: 3 }), await page({ page: 2, page_size: 3 })];
      const ids = parts.flatMap((p) => p.items.map((r) => r.run_id));
      const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
      ctx.expect(duplicates.length === 0, `pages 0, 1 and 2 (page_size=3) share run ${duplicates[0]}: pages must be disjoint`, { request: parts[1]?.request, actual: duplicates });
      ctx.expect(JSON.stringify(ids) === JSON.stringify(whole.items.map((r) => r.run_id)), 'pages 0–2 of 3 runs do not add up to page 0 of 9 runs: paging must slice one stable order', { request: whole.request, expected: whole.items.map((r) => r.run_id), actual: ids });
    });

    await ctx.check('semantic', 'stackai.order', async () => {
      const { items, request } = await page({ page_size: 200 });
      for (let i = 1; i < items.length; i++) {
        const a = items[i - 1] as RunSummary;
        const b = items[i] as RunSummary;
        const da = Date.parse(a.date);
        const db = Date.parse(b.date);
        if (!ctx.expect(da > db || (da === db && a.run_id < b.run_id), `runs are not ordered by date descending then run_id ascending: ${a.run_id} (${a.date}) comes before ${b.run_id} (${b.date})`, { request, actual: [a.date, b.date] })) break;
      }
    });

    await ctx.check('semantic', 'stackai.page-past-end', async () => {
      const { items, request } = await page({ page: 100_000, page_size: 100 });
      ctx.expect(items.length === 0, `page 100000 of 100 runs should be empty, got ${items.length} runs`, { request, expected: [], actual: items.length });
    });

    await ctx.check('semantic', 'stackai.fields', async () => {
      const { items, request } = await page({ page_size: 200 });
      for (const r of items) {
        const expected = r.state === 'COMPLETED' ? true : r.state === 'FAILED' || r.state === 'CANCELLED' ? false : null;
        ctx.expect(r.is_flow_successful === expected, `run ${r.run_id} is ${r.state} but is_flow_successful is ${String(r.is_flow_successful)} (expected ${String(expected)})`, { request, expected, actual: r.is_flow_successful });
        ctx.expect(r.error === null || r.state === 'FAILED', `run ${r.run_id} is ${r.state} but has an error; only FAILED runs have one`, { request, actual: r.error });
        ctx.expect(r.latency === null || r.latency >= 0, `run ${r.run_id} has a negative latency ${r.latency}`, { request, actual: r.latency });
      }
    });

    await ctx.check('semantic', 'stackai.state-filter', async () => {
      const all = await page({ page_size: 200 });
      for (const states of [['FAILED'], ['COMPLETED', 'CANCELLED'], ['PENDING', 'RESUMED', 'PAUSED']]) {
        const { items, request } = await page({ page_size: 200, state: states.join(',') });
        const outside = items.filter((r) => !states.includes(String(r.state)));
        ctx.expect(outside.length === 0, `state=${states.join(',')} returned run ${outside[0]?.run_id} in state ${outside[0]?.state}: the filter is not honoured`, { request, expected: states, actual: outside.map((r) => r.state) });
        const wanted = all.items.filter((r) => states.includes(String(r.state))).length;
        if (all.items.length < 200) ctx.expect(items.length === wanted, `state=${states.join(',')} returned ${items.length} runs but the unfiltered list has ${wanted} in those states`, { request, expected: wanted, actual: items.length });
      }
    });

    await ctx.check('semantic', 'stackai.window-filter', async () => {
      const all = await page({ page_size: 200 });
      const middle = all.items[Math.floor(all.items.length / 2)];
      if (middle === undefined) return;
      const { items, request } = await page({ page_size: 200, start_date: middle.date, end_date: middle.date });
      ctx.expect(items.some((r) => r.run_id === middle.run_id), `start_date = end_date = ${middle.date} must include run ${middle.run_id} created then (both ends inclusive)`, { request, actual: items.map((r) => r.run_id) });
      const outside = items.filter((r) => r.date !== middle.date && Date.parse(r.date) !== Date.parse(middle.date));
      ctx.expect(outside.length === 0, `start_date = end_date = ${middle.date} returned run ${outside[0]?.run_id} created ${outside[0]?.date}: the window is not honoured`, { request, actual: outside.map((r) => r.date) });
    });

    await ctx.check('semantic', 'stackai.user-filter', async () => {
      const all = await page({ page_size: 200 });
      const user = all.items.find((r) => r.user_id !== null)?.user_id;
      if (user == null) return;
      const { items, request } = await page({ page_size: 200, user_id: user });
      const others = items.filter((r) => r.user_id !== user);
      ctx.expect(items.length > 0 && others.length === 0, `user_id=${user} returned ${others.length} runs of other users (and ${items.length} in all): the filter is not honoured`, { request, actual: others.map((r) => r.user_id) });
    });
  },
};
