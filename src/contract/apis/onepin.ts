/** OnePin `GET /api/v1/workflows/{workflow_id}/runs/summary` (docs/apis.md#onepin). */
import { toCall } from '../baseline.ts';
import { standardAuthCases } from '../checks/auth.ts';
import { flowsToCheck, foreignWorkspaceId, targetNow, UNKNOWN_FLOW_ID } from '../fixture-picks.ts';
import type { ContractApi } from './contract-api.ts';
import { CONTRACT_OPERATIONS } from '../operations.ts';

interface Summary {
  total_runs: number; completed: number; failed: number; cancelled: number; pending: number; running: number; paused: number;
  pass_rate: number | null; average_duration_seconds: number | null;
}

const COUNTS = ['completed', 'failed', 'cancelled', 'pending', 'running', 'paused'] as const;
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

export const onepinContract: ContractApi = {
  name: 'onepin',
  operationId: CONTRACT_OPERATIONS.onepin,
  validationStatus: 422,

  baseline(ctx) {
    const flow = flowsToCheck(ctx.target, 1)[0];
    return flow === undefined ? undefined : { pathParams: { workflow_id: flow.id }, query: {}, headers: {} };
  },

  extraNegatives(ctx, baseline) {
    return [
      { name: 'an unknown workflow', call: toCall(ctx.op, { ...baseline, pathParams: { workflow_id: UNKNOWN_FLOW_ID } }), status: 404 },
      { name: 'an inverted range (from > to)', call: toCall(ctx.op, { ...baseline, query: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } }), status: 422 },
    ];
  },

  authCases(ctx, baseline) {
    return [
      ...standardAuthCases(toCall(ctx.op, baseline)),
      { name: "an X-Workspace-Id that is not the token's workspace", call: toCall(ctx.op, { ...baseline, headers: { 'X-Workspace-Id': foreignWorkspaceId(ctx.target) } }), status: 403 },
    ];
  },

  async semantics(ctx, baseline) {
    const summary = async (workflowId: string, query: Record<string, string | undefined> = {}) => {
      const exchange = await ctx.call(toCall(ctx.op, { ...baseline, pathParams: { workflow_id: workflowId }, query }));
      const ok = ctx.expect(exchange.response.status === 200, `${exchange.request.url} answered ${exchange.response.status}, expected 200`, { request: exchange.request, actual: exchange.response.status });
      return { ...exchange, data: ok ? (exchange.response.json as { data: Summary }).data : undefined };
    };

    for (const flow of flowsToCheck(ctx.target)) {
      await ctx.check('semantic', 'onepin.arithmetic', async () => {
        const { data: s, request } = await summary(flow.id);
        if (s === undefined) return;
        const sum = COUNTS.reduce((total, key) => total + s[key], 0);
        ctx.expect(s.total_runs === sum, `total_runs is ${s.total_runs} but completed+failed+cancelled+pending+running+paused = ${sum}`, { request, expected: sum, actual: s.total_runs });
        const terminal = s.completed + s.failed + s.cancelled;
        const rate = terminal === 0 ? null : s.completed / terminal;
        ctx.expect(rate === null ? s.pass_rate === null : s.pass_rate !== null && close(s.pass_rate, rate),
          `pass_rate is ${String(s.pass_rate)} but completed/(completed+failed+cancelled) = ${s.completed}/${terminal} = ${String(rate)}`, { request, expected: rate, actual: s.pass_rate });
        if (s.completed === 0) ctx.expect(s.average_duration_seconds === null, `average_duration_seconds is ${s.average_duration_seconds} with no completed run; it must be null`, { request, expected: null, actual: s.average_duration_seconds });
        else ctx.expect(s.average_duration_seconds === null || s.average_duration_seconds >= 0, `average_duration_seconds is negative (${s.average_duration_seconds})`, { request, actual: s.average_duration_seconds });
        if (flow.runCount !== undefined) ctx.expect(s.total_runs === flow.runCount, `total_runs is ${s.total_runs} but the fixtures list ${flow.runCount} visible runs for workflow ${flow.id}`, { request, expected: flow.runCount, actual: s.total_runs });
      });
    }

    const flow = baseline.pathParams.workflow_id as string;
    await ctx.check('semantic', 'onepin.window', async () => {
      const now = targetNow(ctx.target);
      const all = await summary(flow);
      const wide = await summary(flow, { from: '1970-01-01T00:00:00Z', to: new Date(now + 86_400_000).toISOString() });
      if (all.data === undefined || wide.data === undefined) return;
      ctx.expect(JSON.stringify(all.data) === JSON.stringify(wide.data), 'a window covering all time must give the same summary as no window (a missing bound is open)', { request: wide.request, expected: all.data, actual: wide.data });
      const lastWeek = await summary(flow, { from: new Date(now - 7 * 86_400_000).toISOString(), to: new Date(now).toISOString() });
      if (lastWeek.data === undefined) return;
      for (const key of [...COUNTS, 'total_runs'] as const) {
        ctx.expect(lastWeek.data[key] <= all.data[key], `${key} over the last 7 days (${lastWeek.data[key]}) exceeds ${key} over all time (${all.data[key]}): the window filter is wrong`, { request: lastWeek.request, expected: `≤ ${all.data[key]}`, actual: lastWeek.data[key] });
      }
      const empty = await summary(flow, { from: '1971-01-01T00:00:00Z', to: '1971-01-01T00:00:00Z' });
      if (empty.data === undefined) return;
      ctx.expect(empty.data.total_runs === 0 && empty.data.pass_rate === null && empty.data.average_duration_seconds === null,
        'a window with no runs (1971-01-01) must give 0 runs, pass_rate null and average_duration_seconds null', { request: empty.request, actual: empty.data });
    });
  },
};

