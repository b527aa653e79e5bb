/**
 * Against a target with flowmock's admin API: add one run and see each API's count move by exactly one.
 * (The run stays: the target keeps it, as it would keep any run added through its admin API.)
 *
 * Each API's part is its own check: whatever goes wrong reading one API's count (no answer, a body cut at
 * the cap, no count in the answer) is a violation of that API's `<api>.counts-a-new-run`, never of the others.
 */
import type { ApiName } from '../../apis.ts';
import type { CheckContext } from '../context.ts';
import { busiestFlow } from '../fixture-picks.ts';
import type { ContractResponse } from '../http-client.ts';
import type { Target } from '../target.ts';
import type { RecordedRequest } from '../violation.ts';

/** A count as read: the number, or why there is none. */
export interface Reading {
  readonly count: number | undefined;
  readonly request: RecordedRequest | undefined;
  readonly problem?: string;
}

type Counter = (ctx: CheckContext) => Promise<Reading>;

/** StackAI's runs are counted in pages of this many (a busy flow's runs in one page can exceed the body cap). */
export const COUNT_PAGE_SIZE = 1000;
/** Pages looked at before concluding that they never end (a billion runs). */
const MAX_COUNT_PAGES = 1 << 20;

/** The count in an answer, or why it holds none (a status, a cut or non-JSON body, no number where it belongs). */
function countIn(ctx: CheckContext, response: ContractResponse, pick: (json: unknown) => unknown): { count: number | undefined; problem?: string } {
  if (response.status !== 200) return { count: undefined, problem: `answered ${response.status}` };
  if (response.truncated) return { count: undefined, problem: `the body is larger than ${ctx.target.transport.maxBodyBytes} bytes (--max-body-bytes)` };
  if (response.json === undefined) return { count: undefined, problem: 'the body is not JSON' };
  let value: unknown;
  try {
    value = pick(response.json);
  } catch {
    value = undefined;
  }
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? { count: value } : { count: undefined, problem: `the answer holds no count (found ${JSON.stringify(value) ?? 'nothing'})` };
}

/** How to read "how many runs" on each API, for the flow or workspace the run goes to. */
export function counters(flowId: string, workspaceId: string, now: number): Record<ApiName, Counter> {
  const read = async (ctx: CheckContext, options: Parameters<CheckContext['call']>[0], pick: (json: unknown) => unknown): Promise<Reading> => {
    const { response, request } = await ctx.call(options);
    return { ...countIn(ctx, response, pick), request };
  };
  let limit = 900;
  return {
    alloy: (ctx) => read(ctx, { path: `/workflows/${flowId}/analytics`, headers: { 'x-api-version': '2025-09' } }, (j) => (j as { totalWorkflowRuns: number }).totalWorkflowRuns),
    stackai: (ctx) => countPages((page) => read(ctx, { path: `/analytics/org/${workspaceId}/flows/${flowId}`, query: { page, page_size: COUNT_PAGE_SIZE } }, (j) => (Array.isArray(j) ? j.length : undefined))),
    onepin: (ctx) => read(ctx, { path: `/api/v1/workflows/${flowId}/runs/summary` }, (j) => (j as { data: { total_runs: number } }).data.total_runs),
    b3os: (ctx) => read(ctx, { path: '/v1/executions/stats', query: { from: now - 86_400_000, to: now + 60_000, granularity: 'hourly' } }, (j) => (j as { data: { summary: { total: number } } }).data.summary.total),
    // A limit not used before is a new cache entry: the count is computed afresh.
    multiplai: (ctx) => read(ctx, { path: '/api/v1/workspaces/metrics', body: { workspace_uuid: workspaceId, entity: kindEntity, metric: 'executions', aggregation: 'count', group_by: 'user', limit: limit++, filters: { period: '7d' } } }, (j) => (j as { data: { total: number } }).data.total),
  };
}

/**
 * The number of runs of a paged list, read in pages of COUNT_PAGE_SIZE: page 0 alone when it is not full,
 * otherwise the first page that is not full, found by doubling then bisecting (about 2·log2(pages) requests:
 * a dozen for 40,000 runs), each answer bounded however many runs the flow has.
 */
export async function countPages(page: (n: number) => Promise<Reading>): Promise<Reading> {
  const first = await page(0);
  if (first.count === undefined || first.count !== COUNT_PAGE_SIZE) return first;
  let full = 0; // the last page known to be full
  let partial: Reading & { count: number };
  let at = 1;
  for (;;) {
    const r = await page(at);
    if (r.count === undefined) return r;
    if (r.count !== COUNT_PAGE_SIZE) {
      partial = { ...r, count: r.count };
      break;
    }
    full = at;
    at *= 2;
    if (at > MAX_COUNT_PAGES) return { count: undefined, request: r.request, problem: `pages 0 to ${full} of ${COUNT_PAGE_SIZE} runs are all full: the list never ends` };
  }
  while (at - full > 1) {
    const mid = Math.floor((full + at) / 2);
    const r = await page(mid);
    if (r.count === undefined) return r;
    if (r.count === COUNT_PAGE_SIZE) full = mid;
    else {
      at = mid;
      partial = { ...r, count: r.count };
    }
  }
  return { count: at * COUNT_PAGE_SIZE + partial.count, request: partial.request };
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
  const name = (api: ApiName) => `${api}.counts-a-new-run`;
  // Each API's count before, read as the first part of its own check: what goes wrong is that check's.
  const before = new Map<ApiName, { reading?: Reading; since: number; error?: unknown }>();
  for (const [api, ctx] of contexts) {
    let reading: Reading | undefined;
    const part = await ctx.part('stateful', name(api), async () => { reading = await count[api](ctx); });
    before.set(api, { ...part, ...(reading === undefined ? {} : { reading }) });
  }
  const createdAt = new Date(now - 1000).toISOString();
  const added = await target.transport.send({
    method: 'POST', url: `${target.baseUrl}/__mock/runs`, headers: { ...target.adminHeaders, 'content-type': 'application/json' },
    body: JSON.stringify({ workspace: workspace.id, flow: flow.id, status: 'succeeded', createdAt, startedAt: createdAt, finishedAt: createdAt }),
  });
  for (const [api, ctx] of contexts) {
    const first = before.get(api);
    await ctx.check('stateful', name(api), async () => {
      if (first?.error !== undefined) throw first.error;
      const was = first?.reading;
      if (!ctx.expect(was?.count !== undefined, `could not read ${api}'s count before adding the run: ${was?.problem ?? 'no answer'}`, { ...(was?.request === undefined ? {} : { request: was.request }) })) return;
      if (!ctx.expect(added.status === 201, `POST /__mock/runs answered ${added.status}; could not add a run to check the counts`, { actual: added.text.slice(0, 500) })) return;
      const after = await count[api](ctx);
      const from = was?.count as number;
      if (!ctx.expect(after.count !== undefined, `could not read ${api}'s count after adding the run: ${after.problem ?? 'no answer'}`, { ...(after.request === undefined ? {} : { request: after.request }) })) return;
      ctx.expect(after.count === from + 1, `after adding one run to flow ${flow.id}, ${api}'s count went from ${from} to ${String(after.count)}; it must move by exactly one`, { ...(after.request === undefined ? {} : { request: after.request }), expected: from + 1, actual: after.count });
    }, { since: first?.since });
  }
}
