/**
 * Against a target with flowmock's admin API: add one run and see each API's count move by exactly one.
 * (The run stays: the target keeps it, as it would keep any run added through its admin API.)
 */
import type { ApiName } from '../../apis.ts';
import type { CheckContext } from '../context.ts';
import { busiestFlow } from '../fixture-picks.ts';
import type { Target } from '../target.ts';
import type { RecordedRequest } from '../violation.ts';

type Counter = (ctx: CheckContext) => Promise<{ count: number | undefined; request: RecordedRequest }>;

/** How to read "how many runs" on each API, for the flow or workspace the run goes to. */
export function counters(flowId: string, workspaceId: string, now: number): Record<ApiName, Counter> {
  const read = async (ctx: CheckContext, options: Parameters<CheckContext['call']>[0], pick: (json: unknown) => number) => {
    const { response, request } = await ctx.call(options);
    return { count: response.status === 200 ? pick(response.json) : undefined, request };
  };
  let limit = 900;
  return {
    alloy: (ctx) => read(ctx, { path: `/workflows/${flowId}/analytics`, headers: { 'x-api-version': '2025-09' } }, (j) => (j as { totalWorkflowRuns: number }).totalWorkflowRuns),
    stackai: (ctx) => read(ctx, { path: `/analytics/org/${workspaceId}/flows/${flowId}`, query: { page_size: 100_000 } }, (j) => (j as unknown[]).length),
    onepin: (ctx) => read(ctx, { path: `/api/v1/workflows/${flowId}/runs/summary` }, (j) => (j as { data: { total_runs: number } }).data.total_runs),
    b3os: (ctx) => read(ctx, { path: '/v1/executions/stats', query: { from: now - 86_400_000, to: now + 60_000, granularity: 'hourly' } }, (j) => (j as { data: { summary: { total: number } } }).data.summary.total),
    // A limit not used before is a new cache entry: the count is computed afresh.
    multiplai: (ctx) => read(ctx, { path: '/api/v1/workspaces/metrics', body: { workspace_uuid: workspaceId, entity: kindEntity, metric: 'executions', aggregation: 'count', group_by: 'user', limit: limit++, filters: { period: '7d' } } }, (j) => (j as { data: { total: number } }).data.total),
  };
}

let kindEntity = 'workflows';

export async function runStateful(target: Target, contexts: Map<ApiName, CheckContext>): Promise<void> {
  const flow = busiestFlow(target);
  const workspace = target.fixtures.workspaces[0];
  if (flow === undefined || workspace === undefined) return;
  kindEntity = flow.kind === 'agent' ? 'agents' : 'workflows';
  const clock = await target.transport.send({ method: 'GET', url: `${target.baseUrl}/__mock/clock`, headers: target.adminHeaders });
  const now = Date.parse((clock.json as { now?: string } | undefined)?.now ?? '') || Date.now();
  const count = counters(flow.id, workspace.id, now);
  const before = new Map<ApiName, number | undefined>();
  for (const [api, ctx] of contexts) before.set(api, (await count[api](ctx)).count);
  const createdAt = new Date(now - 1000).toISOString();
  const added = await target.transport.send({
    method: 'POST', url: `${target.baseUrl}/__mock/runs`, headers: { ...target.adminHeaders, 'content-type': 'application/json' },
    body: JSON.stringify({ workspace: workspace.id, flow: flow.id, status: 'succeeded', createdAt, startedAt: createdAt, finishedAt: createdAt }),
  });
  for (const [api, ctx] of contexts) {
    await ctx.check('stateful', `${api}.counts-a-new-run`, async () => {
      if (!ctx.expect(added.status === 201, `POST /__mock/runs answered ${added.status}; could not add a run to check the counts`, { actual: added.text.slice(0, 500) })) return;
      const { count: after, request } = await count[api](ctx);
      const was = before.get(api);
      ctx.expect(was !== undefined && after === was + 1, `after adding one run to flow ${flow.id}, ${api}'s count went from ${String(was)} to ${String(after)}; it must move by exactly one`, { request, expected: was === undefined ? undefined : was + 1, actual: after });
    });
  }
}
