/**
 * The pre-aggregated answers (B3OS stats, Multiplai run metrics) equal a plain scan of every run, for
 * many clocks and windows, before and after runs are added and moved through their lifecycle.
 * The scans below are the oracle: the rules of docs/apis.md#b3os, docs/apis.md#multiplai and
 * docs/data-model.md#visibility-and-observed-status written as directly as possible (why the aggregates
 * exist: docs/performance.md#aggregates-instead-of-scans).
 */
import { describe, expect, it } from 'vitest';
import { executionStats } from '../../src/domain/analytics/execution-stats.ts';
import { lifetimeTotals } from '../../src/domain/analytics/lifetime-totals.ts';
import { flowStatusSummary, statusSummary } from '../../src/domain/analytics/status-summary.ts';
import { workspaceMetrics, type MetricsQuery } from '../../src/domain/analytics/workspace-metrics.ts';
import { MockState } from '../../src/domain/mock-state.ts';
import { observe } from '../../src/domain/observed-status.ts';
import { Random } from '../../src/domain/random.ts';
import type { WorkspaceRecords } from '../../src/domain/store/dataset.ts';
import { loadScenarioFile } from '../../src/node/scenario-file.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const START = Date.parse('2026-11-20T12:00:00Z');

type Outcomes = [total: number, succeeded: number, failed: number, cancelled: number];

/** Adds one run of observed status `status` to its outcome numbers. */
function countOutcome(into: Record<string, Outcomes>, key: string, status: string): void {
  const numbers = (into[key] ??= [0, 0, 0, 0]);
  numbers[0]++;
  const at = ['succeeded', 'failed', 'cancelled'].indexOf(status);
  if (at >= 0) numbers[at + 1]! += 1;
}

function scanStats(ws: WorkspaceRecords, now: number, from: number, to: number, granularity: 'hour' | 'day') {
  const counts: Record<string, number> = {};
  let durationSum = 0;
  let durationCount = 0;
  const sources: Record<string, Outcomes> = {};
  /** Buckets with runs, by their start as ISO text. */
  const series: Record<string, Outcomes> = {};
  const failed: { id: string; finishedAt: number }[] = [];
  for (const run of ws.runs) {
    if (run.createdAt < from || run.createdAt > to || run.createdAt > now) continue;
    const o = observe(run, now)!;
    counts[o.status] = (counts[o.status] ?? 0) + 1;
    countOutcome(sources, run.sourceSystem, o.status);
    const size = granularity === 'hour' ? HOUR : DAY;
    countOutcome(series, new Date(Math.floor(run.createdAt / size) * size).toISOString(), o.status);
    if (['succeeded', 'failed', 'cancelled'].includes(o.status) && o.startedAt !== null && o.finishedAt !== null) {
      durationSum += o.finishedAt - o.startedAt;
      durationCount++;
    }
    if (o.status === 'failed') failed.push({ id: run.id, finishedAt: o.finishedAt! });
  }
  failed.sort((a, b) => b.finishedAt - a.finishedAt || (a.id < b.id ? -1 : 1));
  return { counts, sources, series, mean: durationCount === 0 ? 0 : durationSum / durationCount, failures: failed.slice(0, 20).map((f) => f.id) };
}

function scanMetrics(ws: WorkspaceRecords, now: number, query: MetricsQuery) {
  const kind = query.entity === 'agents' ? 'agent' : 'workflow';
  const today = Math.floor(now / DAY) * DAY;
  const from = today - ({ '7d': 6, '30d': 29, '90d': 89 } as Record<string, number>)[query.period]! * DAY;
  let count = 0;
  let sum = 0;
  const byUser: Record<string, number> = {};
  for (const run of ws.runs) {
    if (run.createdAt < from || run.createdAt > now || ws.flows.get(run.flow)!.kind !== kind) continue;
    const o = observe(run, now)!;
    let measure = 1;
    if (query.metric === 'avg_duration') {
      if (o.startedAt === null || o.finishedAt === null) continue;
      measure = o.finishedAt - o.startedAt;
    }
    count++;
    sum += measure;
    if (run.user !== null) byUser[run.user] = (byUser[run.user] ?? 0) + 1;
  }
  return { total: query.aggregation === 'count' ? count : query.aggregation === 'sum' ? sum : count === 0 ? 0 : sum / count, byUser };
}

describe('aggregates agree with a scan of every run', () => {
  const state = new MockState({ scenario: loadScenarioFile('default').document, now: START });
  const random = new Random('oracle');
  const ws = [...state.dataset.workspaces()][0]!;
  const flows = [...ws.flows.values()];

  function check(label: string) {
    for (let i = 0; i < 40; i++) {
      const now = START - Math.floor(random.next() * 40 * DAY) + Math.floor(random.next() * 2 * HOUR);
      const from = now - Math.floor(random.next() * 20 * DAY) - Math.floor(random.next() * DAY);
      const to = from + Math.floor(random.next() * 25 * DAY);
      for (const granularity of ['hour', 'day'] as const) {
        const stats = executionStats(ws, now, from, to, granularity);
        const oracle = scanStats(ws, now, from, to, granularity);
        const where = `${label}: now ${new Date(now).toISOString()} [${new Date(from).toISOString()}, ${new Date(to).toISOString()}] ${granularity}`;
        expect(Object.fromEntries(Object.entries(stats.counts).filter(([, n]) => n !== 0)), where).toEqual(oracle.counts);
        expect(Object.fromEntries(stats.sourceSystems.map((s) => [s.sourceSystem, [s.total, s.succeeded, s.failed, s.cancelled]])), where).toEqual(oracle.sources);
        const { starts, outcomes } = stats.timeSeries;
        const buckets = starts.map((start, b) => [new Date(start).toISOString(), [...outcomes.subarray(b * 4, b * 4 + 4)]] as const);
        expect(Object.fromEntries(buckets.filter(([, numbers]) => numbers[0] !== 0)), where).toEqual(oracle.series);
        expect(stats.meanTerminalDurationMs, where).toBeCloseTo(oracle.mean, 6);
        expect(stats.recentFailures.map((f) => f.run.id), where).toEqual(oracle.failures);
        expect(stats.timeSeries.starts.reduce((t, _, i) => t + stats.timeSeries.outcomes[i * 4]!, 0), where).toBe(stats.total);
      }
      for (const flow of flows) {
        let runs = 0;
        let failed = 0;
        let appActions = 0;
        for (const run of ws.runsByFlow.get(flow.id)!) {
          if (run.createdAt > now) continue;
          runs++;
          appActions += run.appActions;
          if (observe(run, now)!.status === 'failed') failed++;
        }
        expect(lifetimeTotals(ws, flow.id, now), `${label}: flow ${flow.id} at ${new Date(now).toISOString()}`).toEqual({ runs, failed, appActions });
        for (const window of [{}, { from, to }, { from }, { to }, { from: to, to: to + 3 * HOUR }]) {
          const summary = flowStatusSummary(ws, flow.id, now, window);
          const scanned = statusSummary(ws.runsByFlow.get(flow.id)!, now, window);
          const where = `${label}: summary of ${flow.id} at ${new Date(now).toISOString()} over ${JSON.stringify(window)}`;
          expect(summary.counts, where).toEqual(scanned.counts);
          expect(summary.total, where).toBe(scanned.total);
          expect(summary.passRate ?? -1, where).toBeCloseTo(scanned.passRate ?? -1, 9);
          expect(summary.meanSucceededDurationMs ?? -1, where).toBeCloseTo(scanned.meanSucceededDurationMs ?? -1, 6);
        }
      }
      for (const query of [
        { entity: 'workflows', metric: 'executions', aggregation: 'count', groupBy: 'user', period: '30d' },
        { entity: 'agents', metric: 'executions', aggregation: 'count', groupBy: 'user', period: '7d' },
        { entity: 'workflows', metric: 'avg_duration', aggregation: 'avg', period: '90d' },
        { entity: 'workflows', metric: 'avg_duration', aggregation: 'sum', period: '7d' },
      ] as MetricsQuery[]) {
        const result = workspaceMetrics(ws, now, query);
        const oracle = scanMetrics(ws, now, query);
        const where = `${label}: now ${new Date(now).toISOString()} ${JSON.stringify(query)}`;
        expect(result.total, where).toBeCloseTo(oracle.total, 6);
        if (query.groupBy === 'user') {
          expect(Object.fromEntries(result.rows.map((r) => ['userId' in r ? r.userId : '', r.value])), where).toEqual(oracle.byUser);
        }
      }
    }
  }

  it('on the scenario as generated', () => check('as generated'));

  it('after runs are added (some finishing in the future) and moved through their lifecycle', () => {
    for (let i = 0; i < 60; i++) {
      const flow = flows[i % flows.length]!;
      const createdAt = START - Math.floor(random.next() * 30 * DAY);
      const status = (['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const)[i % 5]!;
      const run = state.addRun({
        workspace: ws.workspace.id, flow: flow.id, user: '1', status, createdAt,
        // New source systems, so that hour blocks made earlier have no room for them.
        ...(i % 6 === 0 ? { sourceSystem: `source-${i}` } : {}),
        ...(status === 'queued' ? {} : { startedAt: createdAt + 1000 }),
        ...(['succeeded', 'failed', 'cancelled'].includes(status) ? { finishedAt: createdAt + Math.floor(random.next() * 3 * DAY) } : {}),
        ...(status === 'failed' ? { error: 'boom' } : {}),
      });
      if (status === 'queued') state.updateRun(run.id, { status: 'running' }, createdAt + 500);
      if (status === 'running' && i % 2 === 0) state.updateRun(run.id, { status: 'failed', error: 'late', finishedAt: createdAt + 2 * DAY }, createdAt + 10);
    }
    check('after admin changes');
  });
});
