/** B3OS `GET /v1/executions/stats` (docs/apis.md#b3os). */
import { toCall } from '../baseline.ts';
import { standardAuthCases } from '../checks/auth.ts';
import { foreignWorkspaceId, targetNow } from '../fixture-picks.ts';
import type { ContractApi } from './contract-api.ts';
import { CONTRACT_OPERATIONS } from '../operations.ts';

interface Outcomes { total: number; succeeded: number; failed: number; cancelled: number }
export interface Stats {
  granularity: string;
  summary: Outcomes & { terminal: number; inProgress: number; successRate: number; averageDurationMs: number };
  statuses: { status: string; count: number }[];
  sourceSystems: (Outcomes & { sourceSystem: string })[];
  timeSeries: (Outcomes & { bucketStart: string })[];
  recentFailures: { executionId: string; status: string; createdAt: string; finishedAt: string }[];
}

const STATUS_ORDER = ['awaiting_payment', 'payment_confirmed', 'workflow_queued', 'workflow_running', 'workflow_waiting', 'workflow_succeeded', 'workflow_failed', 'workflow_cancelled'];
const HOUR = 3_600_000;
const DAY = 86_400_000;

export const b3osContract: ContractApi = {
  name: 'b3os',
  operationId: CONTRACT_OPERATIONS.b3os,
  validationStatus: 400,

  baseline(ctx) {
    const now = targetNow(ctx.target);
    return { pathParams: {}, query: { from: now - 30 * DAY, to: now, granularity: 'daily' }, headers: {} };
  },

  extraNegatives(ctx, baseline) {
    const now = Number(baseline.query.to);
    return [
      { name: 'from after to', call: toCall(ctx.op, { ...baseline, query: { ...baseline.query, from: now, to: now - DAY } }), status: 400 },
      { name: 'a window over 365 days', call: toCall(ctx.op, { ...baseline, query: { ...baseline.query, from: now - 366 * DAY, to: now } }), status: 400 },
    ];
  },

  authCases(ctx, baseline) {
    return [
      ...standardAuthCases(toCall(ctx.op, baseline)),
      { name: "an X-Org-ID that is not the token's organisation", call: toCall(ctx.op, { ...baseline, headers: { 'X-Org-ID': foreignWorkspaceId(ctx.target) } }), status: 403 },
    ];
  },

  async semantics(ctx, baseline) {
    const now = Number(baseline.query.to);
    const windows: [string, number, number, 'daily' | 'hourly'][] = [
      ['30 days, daily', now - 30 * DAY, now, 'daily'],
      ['48 hours, hourly', now - 48 * HOUR + 1234, now, 'hourly'],
      ['one instant on an hour edge', Math.floor(now / HOUR) * HOUR - HOUR, Math.floor(now / HOUR) * HOUR - HOUR, 'hourly'],
    ];
    for (const [label, from, to, granularity] of windows) {
      await ctx.check('semantic', 'b3os.stats', async () => {
        const { request, response } = await ctx.call(toCall(ctx.op, { ...baseline, query: { from, to, granularity } }));
        if (!ctx.expect(response.status === 200, `${label}: answered ${response.status}, expected 200`, { request, actual: response.status })) return;
        const d = (response.json as { data: Stats }).data;
        const where = `${label} (${request.url})`;
        for (const p of statsProblems(from, to, granularity, d)) ctx.fail(`${where}: ${p.message}`, { request, expected: p.expected, actual: p.actual });
      });
    }
  },
};

export interface Problem { readonly message: string; readonly expected?: unknown; readonly actual?: unknown }

/** Every documented rule of one stats answer for the window [from, to] at this granularity (docs/apis.md#b3os). */
export function statsProblems(from: number, to: number, granularity: string, d: Stats): Problem[] {
  const problems: Problem[] = [];
  const fail = (message: string, expected: unknown, actual: unknown) => problems.push({ message, expected, actual });
  const s = d.summary;
  if (d.granularity !== granularity) fail(`granularity is "${d.granularity}", the request asked for "${granularity}"`, granularity, d.granularity);
  if (s.terminal !== s.succeeded + s.failed + s.cancelled) fail(`summary.terminal is ${s.terminal} but succeeded+failed+cancelled = ${s.succeeded + s.failed + s.cancelled}`, s.succeeded + s.failed + s.cancelled, s.terminal);
  if (s.inProgress !== s.total - s.terminal) fail(`summary.inProgress is ${s.inProgress} but total − terminal = ${s.total - s.terminal}`, s.total - s.terminal, s.inProgress);
  const rate = s.terminal === 0 ? 0 : (100 * s.succeeded) / s.terminal;
  if (Math.abs(s.successRate - rate) > 1e-9 * Math.max(1, rate)) fail(`summary.successRate is ${s.successRate} but 100·succeeded/terminal = ${rate}`, rate, s.successRate);
  if (s.terminal === 0 && s.averageDurationMs !== 0) fail(`summary.averageDurationMs is ${s.averageDurationMs} with no terminal run; it must be 0`, 0, s.averageDurationMs);
  if (s.averageDurationMs < 0) fail('summary.averageDurationMs is negative', '≥ 0', s.averageDurationMs);
  // statuses: count > 0, enum order, adding up to the total and agreeing with the summary.
  const order = d.statuses.map((x) => STATUS_ORDER.indexOf(x.status));
  if (order.some((o, i) => i > 0 && o <= (order[i - 1] as number))) fail('statuses are not in the enum order', STATUS_ORDER, d.statuses.map((x) => x.status));
  if (d.statuses.some((x) => x.count <= 0)) fail('statuses lists a status with count 0; only counts above 0 are listed', '> 0', d.statuses);
  const statusSum = d.statuses.reduce((t, x) => t + x.count, 0);
  if (statusSum !== s.total) fail(`statuses add up to ${statusSum}, summary.total is ${s.total}`, s.total, statusSum);
  for (const [status, key] of [['workflow_succeeded', 'succeeded'], ['workflow_failed', 'failed'], ['workflow_cancelled', 'cancelled']] as const) {
    const count = d.statuses.find((x) => x.status === status)?.count ?? 0;
    if (count !== s[key]) fail(`statuses says ${count} ${status}, summary.${key} says ${s[key]}`, s[key], count);
  }
  // sourceSystems: total descending then name, adding up to the total.
  const sourceSum = d.sourceSystems.reduce((t, x) => t + x.total, 0);
  if (sourceSum !== s.total) fail(`sourceSystems totals add up to ${sourceSum}, summary.total is ${s.total}`, s.total, sourceSum);
  const sorted = [...d.sourceSystems].sort((a, b) => b.total - a.total || (a.sourceSystem < b.sourceSystem ? -1 : 1));
  if (JSON.stringify(sorted) !== JSON.stringify(d.sourceSystems)) fail('sourceSystems are not ordered by total descending, then name', sorted.map((x) => x.sourceSystem), d.sourceSystems.map((x) => x.sourceSystem));
  // timeSeries: aligned UTC buckets from floor(from) to floor(to), zero-filled, adding up to the summary.
  const step = granularity === 'hourly' ? HOUR : DAY;
  const first = Math.floor(from / step) * step;
  const count = Math.floor(to / step) - Math.floor(from / step) + 1;
  const starts = d.timeSeries.map((b) => Date.parse(b.bucketStart));
  if (d.timeSeries.length !== count) fail(`timeSeries has ${d.timeSeries.length} buckets; ${granularity} buckets from floor(from) to floor(to) are ${count} (zero-filled)`, count, d.timeSeries.length);
  const misaligned = starts.findIndex((t, i) => t !== first + i * step);
  if (misaligned >= 0) fail(`timeSeries bucket ${misaligned} starts at ${d.timeSeries[misaligned]?.bucketStart}, expected ${new Date(first + misaligned * step).toISOString()}`, new Date(first + misaligned * step).toISOString(), d.timeSeries[misaligned]?.bucketStart);
  if (d.timeSeries.some((b) => !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(b.bucketStart))) fail('a bucketStart is not formatted YYYY-MM-DDTHH:mm:ss.sssZ', 'YYYY-MM-DDTHH:mm:ss.sssZ', d.timeSeries.map((b) => b.bucketStart).slice(0, 3));
  for (const key of ['total', 'succeeded', 'failed', 'cancelled'] as const) {
    const sum = d.timeSeries.reduce((t, b) => t + b[key], 0);
    if (sum !== s[key]) fail(`timeSeries ${key} adds up to ${sum}, summary.${key} is ${s[key]}`, s[key], sum);
  }
  // recentFailures: at most 20, failed, in the window, finishedAt descending then id.
  const rf = d.recentFailures;
  if (rf.length !== Math.min(20, s.failed)) fail(`recentFailures has ${rf.length} runs; with ${s.failed} failed it must have min(20, failed) = ${Math.min(20, s.failed)}`, Math.min(20, s.failed), rf.length);
  if (rf.some((f) => f.status !== 'workflow_failed')) fail('recentFailures holds a run whose status is not workflow_failed', 'workflow_failed', rf.map((f) => f.status));
  if (rf.some((f) => Date.parse(f.createdAt) < from || Date.parse(f.createdAt) > to)) fail('recentFailures holds a run created outside [from, to]', [from, to], rf.map((f) => f.createdAt));
  const rfSorted = [...rf].sort((a, b) => Date.parse(b.finishedAt) - Date.parse(a.finishedAt) || (a.executionId < b.executionId ? -1 : 1));
  if (JSON.stringify(rfSorted) !== JSON.stringify(rf)) fail('recentFailures are not ordered by finishedAt descending, then id', rfSorted.map((f) => f.executionId), rf.map((f) => f.executionId));
  return problems;
}
