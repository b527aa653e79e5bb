/**
 * Deeper invariants (docs/contract-suite.md#invariants): rules that need no knowledge of the target's data,
 * probed with instants and ids the target itself revealed. Each is a named check with a one-line rule and
 * the spec field it rests on (INVARIANTS below, listed in the docs).
 */
import type { ApiName } from '../../apis.ts';
import type { CheckContext } from '../context.ts';
import { busiestFlow, flowsToCheck, targetNow } from '../fixture-picks.ts';
import { RunAborted } from '../http-client.ts';
import { apiBase } from '../target.ts';
import type { RecordedRequest } from '../violation.ts';
import { responseInvariants } from './response-invariants.ts';
import type { ContractPhase } from '../runner.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Every invariant: its check name, its rule in one line, the spec field it rests on. */
export const INVARIANTS: readonly { readonly check: string; readonly rule: string; readonly spec: string }[] = [
  { check: 'alloy.errors-match-failed-runs', rule: "totalErrors and totalWorkflowRuns equal OnePin's failed and total_runs for the same workflow (failed runs only, never cancelled ones)", spec: 'specs/alloy.yaml#/components/schemas/WorkflowAnalytics' },
  { check: 'stackai.filters-commute', rule: 'user_id=A plus user_id=B (plus runs without a user) is the unfiltered list; user_id and state combine as AND', spec: 'specs/stackai.yaml#/paths/~1analytics~1org~1{org_id}~1flows~1{flow_id}/get/parameters' },
  { check: 'stackai.latency-unit', rule: "latency (seconds) never exceeds the run's age, now − date", spec: 'specs/stackai.yaml#/components/schemas/ProjectRunSummary/properties/latency' },
  { check: 'onepin.window-ends-inclusive', rule: 'from = to = the instant a run was created (found by bisection) counts that run: both ends are inclusive', spec: 'specs/onepin.yaml#/paths/~1api~1v1~1workflows~1{workflow_id}~1runs~1summary/get/parameters' },
  { check: 'onepin.windows-add-up', rule: 'counts over W1 ∪ W2 = counts(W1) + counts(W2) − counts(W1 ∩ W2), and pass_rate follows the counts of the union', spec: 'specs/onepin.yaml#/components/schemas/RunsSummaryOut' },
  { check: 'onepin.duration-unit', rule: "average_duration_seconds over one instant holding one completed run equals that run's StackAI latency (both seconds), and over the last hour, 6 hours or day never exceeds that span", spec: 'specs/onepin.yaml#/components/schemas/RunsSummaryOut/properties/average_duration_seconds' },
  { check: 'b3os.window-ends-inclusive', rule: "from = to = a recent failure's createdAt counts that failure, and so do windows ending or starting there", spec: 'specs/b3os.yaml#/paths/~1v1~1executions~1stats/get/parameters' },
  { check: 'b3os.hourly-sums-daily', rule: 'hourly buckets summed per UTC day equal the daily buckets of the same window, outcome by outcome', spec: 'specs/b3os.yaml#/components/schemas/ExecutionTimeSeriesPoint' },
  { check: 'b3os.windows-add-up', rule: 'summary counts over W1 ∪ W2 = W1 + W2 − W1 ∩ W2, and successRate follows the counts of the union', spec: 'specs/b3os.yaml#/components/schemas/ExecutionStatsSummary' },
  { check: 'multiplai.iso-week-labels', rule: "weekly labels are the ISO 8601 week-year and week (YYYY-WW) of the period's dates, every week once, ascending", spec: 'specs/multiplai.yaml#/components/schemas/DateMetricRow' },
  { check: 'multiplai.week-and-month-buckets', rule: "monthly labels are the YYYY-MM of the period's dates, every month once, ascending", spec: 'specs/multiplai.yaml#/components/schemas/DateMetricRow' },
  { check: 'multiplai.periods-nest', rule: 'a count over 7d ≤ 30d ≤ 90d ≤ all (each period holds the shorter ones)', spec: 'specs/multiplai.yaml#/components/schemas/MetricsFilters/properties/period' },
  { check: 'multiplai.user-filters-add-up', rule: "filters.user_id=A gives total = A's row of group_by user; the user rows never add up to more than total", spec: 'specs/multiplai.yaml#/components/schemas/MetricsFilters/properties/user_id' },
];

type Json = Record<string, unknown>;

/** A GET through the check context (so it is judged against the spec and counted), its JSON when 200. */
async function get(ctx: CheckContext, path: string, query: Record<string, string | number | undefined> = {}, headers: Record<string, string> = {}): Promise<{ json: Json | undefined; request: RecordedRequest }> {
  const { request, response } = await ctx.call({ path, query, headers });
  return { json: response.status === 200 ? (response.json as Json) : undefined, request };
}

export async function runInvariants(ctx: CheckContext): Promise<void> {
  if (ctx.workspace.flows.length === 0 && ctx.api !== 'b3os' && ctx.api !== 'multiplai') return;
  switch (ctx.api) {
    case 'alloy': return alloy(ctx);
    case 'stackai': return stackai(ctx);
    case 'onepin': return onepin(ctx);
    case 'b3os': return b3os(ctx);
    case 'multiplai': return multiplai(ctx);
  }
}

// ------------------------------------------------------------------------------------------------ Alloy

async function alloy(ctx: CheckContext): Promise<void> {
  await ctx.check('semantic', 'alloy.errors-match-failed-runs', async () => {
    for (const flow of flowsToCheck(ctx.target, 2)) {
      const { json: totals, request } = await get(ctx, `/workflows/${encodeURIComponent(flow.id)}/analytics`, {}, { 'x-api-version': '2025-09' });
      if (totals === undefined) continue;
      const summary = await foreign(ctx, 'onepin', `/api/v1/workflows/${encodeURIComponent(flow.id)}/runs/summary`);
      const s = (summary as { data?: { failed: number; cancelled: number; total_runs: number } } | undefined)?.data;
      if (s === undefined) return; // OnePin is not there to compare with
      const errors = Number(totals.totalErrors);
      ctx.expect(errors === s.failed, `totalErrors is ${errors} for workflow ${flow.id} but it has ${s.failed} failed runs (OnePin's failed)${errors === s.failed + s.cancelled ? `; failed + cancelled = ${errors}: cancelled runs are counted as errors` : ''}: errors are the failed runs only`, { request, expected: s.failed, actual: errors });
      ctx.expect(Number(totals.totalWorkflowRuns) === s.total_runs, `totalWorkflowRuns is ${String(totals.totalWorkflowRuns)} for workflow ${flow.id} but OnePin counts ${s.total_runs} runs: both count every visible run`, { request, expected: s.total_runs, actual: totals.totalWorkflowRuns });
    }
  });
}

/** Another API of the same target, asked directly (not judged here: its own checks judge it). */
async function foreign(ctx: CheckContext, api: ApiName, path: string): Promise<unknown> {
  const token = ctx.workspace.tokens[0];
  try {
    const response = await ctx.send({ method: 'GET', url: `${apiBase(ctx.target, api)}${path}`, headers: { ...ctx.target.headers, ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) } }, { api, options: { probe: true, timeoutMs: 5000 } });
    return response.status === 200 ? response.json : undefined;
  } catch (error) {
    if (error instanceof RunAborted) throw error;
    return undefined;
  }
}

// ------------------------------------------------------------------------------------------------ StackAI

interface RunRow { run_id: string; date: string; state: string | null; user_id: string | null; latency: number | null }

async function stackai(ctx: CheckContext): Promise<void> {
  const flow = busiestFlow(ctx.target);
  if (flow === undefined) return;
  const path = `/analytics/org/${encodeURIComponent(ctx.workspace.id)}/flows/${encodeURIComponent(flow.id)}`;
  const list = async (query: Record<string, string | number>) => {
    const { json, request } = await get(ctx, path, { page_size: 1000, ...query });
    return { rows: Array.isArray(json) ? (json as unknown as RunRow[]) : undefined, request };
  };
  await ctx.check('semantic', 'stackai.filters-commute', async () => {
    const all = await list({});
    if (all.rows === undefined || all.rows.length >= 1000) return; // one complete page is needed
    const users = [...new Set(all.rows.map((r) => r.user_id).filter((u): u is string => u !== null))].slice(0, 4);
    let covered = all.rows.filter((r) => r.user_id === null).length;
    for (const user of users) {
      const one = await list({ user_id: user });
      if (one.rows === undefined) return;
      const expected = all.rows.filter((r) => r.user_id === user).length;
      covered += one.rows.length;
      ctx.expect(one.rows.length === expected, `user_id=${user} returned ${one.rows.length} runs; the unfiltered list holds ${expected} runs of that user: a filter keeps exactly the matching runs`, { request: one.request, expected, actual: one.rows.length });
    }
    const allUsers = new Set(all.rows.map((r) => r.user_id).filter((u) => u !== null));
    if (users.length === allUsers.size) {
      ctx.expect(covered === all.rows.length, `the runs of each user (${users.join(', ')}) plus the runs without a user add up to ${covered}, the unfiltered list has ${all.rows.length}`, { request: all.request, expected: all.rows.length, actual: covered });
    }
    const user = users[0];
    if (user === undefined) return;
    const states = ['FAILED', 'COMPLETED'];
    const both = await list({ user_id: user, state: states.join(',') });
    if (both.rows === undefined) return;
    const expected = all.rows.filter((r) => r.user_id === user && states.includes(String(r.state))).length;
    ctx.expect(both.rows.length === expected, `user_id=${user}&state=${states.join(',')} returned ${both.rows.length} runs; the unfiltered list holds ${expected} runs of that user in those states: filters combine as AND`, { request: both.request, expected, actual: both.rows.length });
  });
  await ctx.check('semantic', 'stackai.latency-unit', async () => {
    const { rows, request } = await list({ page_size: 200 });
    if (rows === undefined) return;
    for (const p of responseInvariants('stackai', { page_size: '200' }, rows, targetNow(ctx.target))) if (p.check === 'stackai.latency-unit') ctx.fail(p.message, { request, expected: p.expected, actual: p.actual });
  });
}

// ------------------------------------------------------------------------------------------------ OnePin

const ONEPIN_COUNTS = ['total_runs', 'completed', 'failed', 'cancelled', 'pending', 'running', 'paused'] as const;
type OnepinSummary = Record<(typeof ONEPIN_COUNTS)[number], number> & { pass_rate: number | null; average_duration_seconds: number | null };

async function onepin(ctx: CheckContext): Promise<void> {
  const flow = busiestFlow(ctx.target);
  if (flow === undefined) return;
  const path = `/api/v1/workflows/${encodeURIComponent(flow.id)}/runs/summary`;
  const summary = async (from?: number, to?: number) => {
    const { json, request } = await get(ctx, path, { from: from === undefined ? undefined : iso(from), to: to === undefined ? undefined : iso(to) });
    return { s: (json as { data?: OnepinSummary } | undefined)?.data, request };
  };
  const now = targetNow(ctx.target);

  await ctx.check('semantic', 'onepin.window-ends-inclusive', async () => {
    const upTo = async (t: number) => (await summary(undefined, t)).s?.total_runs;
    let hi = now;
    if (((await upTo(hi)) ?? 0) === 0) return;
    let lo = 0;
    if (((await upTo(lo)) ?? 0) > 0) return;
    // Smallest t with a run created at or before t: the first createdAt (lo never counts, hi always does).
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      const n = await upTo(mid);
      if (n === undefined) return;
      if (n > 0) hi = mid;
      else lo = mid;
    }
    const { s, request } = await summary(hi, hi);
    if (s === undefined) return;
    ctx.expect(s.total_runs >= 1, `to=${iso(hi)} counts a run that to=${iso(hi - 1)} does not, so one was created at ${iso(hi)}; from = to = ${iso(hi)} counts ${s.total_runs}: both window ends are inclusive (is one treated as exclusive?)`, { request, expected: '≥ 1', actual: s.total_runs });
  });

  await ctx.check('semantic', 'onepin.windows-add-up', async () => {
    const [a, b, c, d] = [now - 10 * DAY, now - 7 * DAY, now - 3 * DAY, now];
    const w1 = await summary(a, c);
    const w2 = await summary(b, d);
    const both = await summary(b, c);
    const union = await summary(a, d);
    if (w1.s === undefined || w2.s === undefined || both.s === undefined || union.s === undefined) return;
    for (const key of ONEPIN_COUNTS) {
      const expected = w1.s[key] + w2.s[key] - both.s[key];
      ctx.expect(union.s[key] === expected, `${key} over ${iso(a)}..${iso(d)} is ${union.s[key]} but ${iso(a)}..${iso(c)} (${w1.s[key]}) + ${iso(b)}..${iso(d)} (${w2.s[key]}) − their overlap (${both.s[key]}) = ${expected}: windows on createdAt must add up`, { request: union.request, expected, actual: union.s[key] });
    }
  });

  await ctx.check('semantic', 'onepin.duration-unit', async () => {
    // The same duration in two fields: a window of one instant holding one completed run has that run's
    // StackAI latency (seconds) as its mean. A thousandfold mean is milliseconds; a thousandth, StackAI's fault.
    const page = await foreign(ctx, 'stackai', `/analytics/org/${encodeURIComponent(ctx.workspace.id)}/flows/${encodeURIComponent(flow.id)}?page_size=100&state=COMPLETED`);
    const completed = (Array.isArray(page) ? (page as RunRow[]) : []).filter((r) => typeof r.latency === 'number' && r.latency > 0);
    const byDate = new Map<string, number>();
    for (const r of completed) byDate.set(r.date, (byDate.get(r.date) ?? 0) + 1);
    for (const run of completed.filter((r) => byDate.get(r.date) === 1).slice(0, 3)) {
      const at = Date.parse(run.date);
      const { s, request } = await summary(at, at);
      if (s === undefined || s.completed !== 1 || s.average_duration_seconds === null) continue;
      const latency = run.latency as number;
      const ratio = s.average_duration_seconds / latency;
      if (Math.abs(ratio - 1) <= 1e-6 || Math.abs(ratio - 0.001) <= 1e-6) continue;
      ctx.fail(`average_duration_seconds over the one completed run created at ${run.date} is ${s.average_duration_seconds}, but that run lasted ${latency} s (StackAI's latency)${Math.abs(ratio - 1000) <= 1e-3 ? ': a duration in milliseconds?' : ': two fields measure the same duration and disagree'}`, { request, expected: latency, actual: s.average_duration_seconds });
      return;
    }
    for (const span of [HOUR, 6 * HOUR, DAY]) {
      const { s, request } = await summary(now - span);
      if (s === undefined || s.average_duration_seconds === null) continue;
      ctx.expect(s.average_duration_seconds <= span / 1000 + 60, `average_duration_seconds is ${s.average_duration_seconds} over the last ${span / 1000} s: runs created in the window and completed by now cannot have lasted longer (a duration in milliseconds?)`, { request, expected: `≤ ${span / 1000}`, actual: s.average_duration_seconds });
    }
  });
}

// ------------------------------------------------------------------------------------------------ B3OS

interface Outcomes { total: number; succeeded: number; failed: number; cancelled: number }
interface StatsData { summary: Outcomes & { successRate: number; terminal: number }; timeSeries: (Outcomes & { bucketStart: string })[]; recentFailures: { executionId: string; createdAt: string }[] }

async function b3os(ctx: CheckContext): Promise<void> {
  const now = targetNow(ctx.target);
  const stats = async (from: number, to: number, granularity: 'hourly' | 'daily') => {
    const { json, request } = await get(ctx, '/v1/executions/stats', { from, to, granularity });
    return { d: (json as { data?: StatsData } | undefined)?.data, request };
  };

  await ctx.check('semantic', 'b3os.window-ends-inclusive', async () => {
    const { d } = await stats(now - 30 * DAY, now, 'daily');
    const failure = d?.recentFailures[0];
    if (failure === undefined) return;
    const c = Date.parse(failure.createdAt);
    for (const [from, to, label] of [[c, c, 'from = to = its createdAt'], [c - HOUR, c, 'a window ending at its createdAt'], [c, c + HOUR, 'a window starting at its createdAt']] as const) {
      const { d: w, request } = await stats(from, to, 'hourly');
      if (w === undefined) return;
      ctx.expect(w.recentFailures.some((f) => f.executionId === failure.executionId) && w.summary.failed >= 1,
        `${label} (${iso(c)}) must count failure ${failure.executionId}: both window ends are inclusive; got ${w.summary.failed} failed${w.summary.total === 0 ? ' and no run at all (is an end treated as exclusive?)' : ''}`, { request, expected: failure.executionId, actual: w.recentFailures.map((f) => f.executionId) });
    }
  });

  await ctx.check('semantic', 'b3os.hourly-sums-daily', async () => {
    const from = Math.floor(now / DAY) * DAY - 6 * DAY;
    const daily = await stats(from, now, 'daily');
    const hourly = await stats(from, now, 'hourly');
    if (daily.d === undefined || hourly.d === undefined) return;
    const perDay = new Map<string, Outcomes>();
    for (const b of hourly.d.timeSeries) {
      const day = b.bucketStart.slice(0, 10);
      const sum = perDay.get(day) ?? { total: 0, succeeded: 0, failed: 0, cancelled: 0 };
      for (const key of ['total', 'succeeded', 'failed', 'cancelled'] as const) sum[key] += b[key];
      perDay.set(day, sum);
    }
    for (const bucket of daily.d.timeSeries) {
      const day = bucket.bucketStart.slice(0, 10);
      const sum = perDay.get(day);
      if (sum === undefined) continue;
      const key = (['total', 'succeeded', 'failed', 'cancelled'] as const).find((k) => sum[k] !== bucket[k]);
      if (key !== undefined) {
        ctx.fail(`the daily bucket ${bucket.bucketStart} counts ${bucket[key]} ${key === 'total' ? 'runs' : key}, its hourly buckets of the same UTC day add up to ${sum[key]}: a daily bucket is the UTC day its label names (counted in another time zone?)`, { request: daily.request, expected: sum[key], actual: bucket[key] });
        return;
      }
    }
  });

  await ctx.check('semantic', 'b3os.windows-add-up', async () => {
    const [a, b, c, d] = [now - 10 * DAY, now - 7 * DAY, now - 3 * DAY, now];
    const w1 = await stats(a, c, 'daily');
    const w2 = await stats(b, d, 'daily');
    const both = await stats(b, c, 'daily');
    const union = await stats(a, d, 'daily');
    if (w1.d === undefined || w2.d === undefined || both.d === undefined || union.d === undefined) return;
    for (const key of ['total', 'succeeded', 'failed', 'cancelled'] as const) {
      const expected = w1.d.summary[key] + w2.d.summary[key] - both.d.summary[key];
      ctx.expect(union.d.summary[key] === expected, `summary.${key} over ${iso(a)}..${iso(d)} is ${union.d.summary[key]} but the two overlapping windows give ${w1.d.summary[key]} + ${w2.d.summary[key]} − ${both.d.summary[key]} = ${expected}: windows on createdAt must add up`, { request: union.request, expected, actual: union.d.summary[key] });
    }
    const u = union.d.summary;
    const rate = u.terminal === 0 ? 0 : (100 * u.succeeded) / u.terminal;
    ctx.expect(Math.abs(u.successRate - rate) <= 1e-9 * Math.max(1, rate), `successRate over the union is ${u.successRate}, its counts give ${rate}`, { request: union.request, expected: rate, actual: u.successRate });
  });
}

// ------------------------------------------------------------------------------------------------ Multiplai

async function multiplai(ctx: CheckContext): Promise<void> {
  const base = { workspace_uuid: ctx.workspace.id, entity: 'workflows', metric: 'executions', aggregation: 'count' };
  const now = targetNow(ctx.target);
  const query = async (extra: Record<string, unknown>) => {
    const body = { ...base, ...extra };
    const { request, response } = await ctx.call({ path: '/api/v1/workspaces/metrics', body });
    return { m: response.status === 200 ? (response.json as { data: { total: number; results: { user_id?: string; value: number }[] } }) : undefined, body, request };
  };

  for (const [check, granularity] of [['multiplai.iso-week-labels', 'weekly'], ['multiplai.week-and-month-buckets', 'monthly']] as const) {
    await ctx.check('semantic', check, async () => {
      for (const period of ['7d', '30d', '90d']) {
        const { m, body, request } = await query({ entity: 'agents', group_by: 'date', granularity, filters: { period } });
        if (m === undefined) continue;
        for (const p of responseInvariants('multiplai', body, m, now)) if (p.check === check) ctx.fail(`period ${period}: ${p.message}`, { request, expected: p.expected, actual: p.actual });
      }
    });
  }

  await ctx.check('semantic', 'multiplai.periods-nest', async () => {
    let previous: { period: string; total: number } | undefined;
    for (const period of ['7d', '30d', '90d', 'all']) {
      const { m, request } = await query({ filters: { period } });
      if (m === undefined) return;
      if (previous !== undefined) ctx.expect(m.data.total >= previous.total, `executions over ${period} (${m.data.total}) are fewer than over ${previous.period} (${previous.total}): a period holds the shorter ones`, { request, expected: `≥ ${previous.total}`, actual: m.data.total });
      previous = { period, total: m.data.total };
    }
  });

  await ctx.check('semantic', 'multiplai.user-filters-add-up', async () => {
    const all = await query({ group_by: 'user', filters: { period: '90d' } });
    if (all.m === undefined) return;
    for (const row of all.m.data.results.slice(0, 3)) {
      const one = await query({ filters: { period: '90d', user_id: row.user_id } });
      if (one.m === undefined) return;
      ctx.expect(one.m.data.total === row.value, `filters.user_id=${String(row.user_id)} gives total ${one.m.data.total}, but that user's row of group_by user says ${row.value}: a user's events are the same whichever way they are asked`, { request: one.request, expected: row.value, actual: one.m.data.total });
    }
  });
}

/** The invariants as a phase of the run (src/contract/phases.ts): every API checked, after its fixed checks. */
export function invariantsPhase(): ContractPhase {
  return {
    name: 'invariants',
    async run(_target, contexts) {
      for (const ctx of contexts.values()) await runInvariants(ctx);
    },
  };
}
