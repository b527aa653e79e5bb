/**
 * The fast paths of the five APIs (B3OS stats, Multiplai run metrics, Alloy totals and OnePin summaries
 * from pre-aggregated counts, StackAI's direct page jump) equal their references, plain scans of every
 * run, for many clocks and windows, before and after runs are added and moved through their lifecycle.
 * The references (src/domain/analytics/*.reference.ts, next to each fast path) are the oracle: the rules
 * of docs/apis.md#b3os, #multiplai, #alloy, #onepin and #stackai, and
 * docs/data-model.md#visibility-and-observed-status, written as directly as possible (why the aggregates
 * exist: docs/performance.md#aggregates-instead-of-scans).
 */
import { describe, expect, it } from 'vitest';
import { executionStatsByScan } from '../../src/domain/analytics/execution-stats.reference.ts';
import { executionStats, type ExecutionStats } from '../../src/domain/analytics/execution-stats.ts';
import { flatSeries } from '../../src/domain/analytics/series-parts.ts';
import { lifetimeTotalsByScan } from '../../src/domain/analytics/lifetime-totals.reference.ts';
import { lifetimeTotals } from '../../src/domain/analytics/lifetime-totals.ts';
import { runPageByScan } from '../../src/domain/analytics/run-pages.reference.ts';
import { runPage, type RunPageQuery } from '../../src/domain/analytics/run-pages.ts';
import { flowStatusSummaryByScan } from '../../src/domain/analytics/status-summary.reference.ts';
import { flowStatusSummary } from '../../src/domain/analytics/status-summary.ts';
import type { CreatedWindow } from '../../src/domain/analytics/visible-runs.ts';
import { workspaceMetricsByScan } from '../../src/domain/analytics/workspace-metrics.reference.ts';
import { workspaceMetrics, type MetricsQuery, type Period } from '../../src/domain/analytics/workspace-metrics.ts';
import { MockState } from '../../src/domain/mock-state.ts';
import { Random } from '../../src/domain/random.ts';
import { isTerminal } from '../../src/domain/status.ts';
import type { WorkspaceRecords } from '../../src/domain/store/dataset.ts';
import { loadScenarioFile } from '../../src/node/scenario-file.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const START = Date.parse('2026-11-20T12:00:00Z');

const iso = (at: number): string => new Date(at).toISOString();
type PlainStats = Omit<ExecutionStats, 'timeSeries'> & { timeSeries: ReturnType<typeof flatSeries> };
const floorTo = (at: number, size: number): number => Math.floor(at / size) * size;

/**
 * The whole answers are equal. When they are not, the failure is told readably: the first of `views`
 * (readable projections of an answer), then of its fields, that differs is reported with its name.
 */
function expectSameAnswer<T extends object>(fast: T, reference: T, where: string, views: Record<string, (answer: T) => unknown> = {}): void {
  try {
    expect(fast, where).toStrictEqual(reference);
  } catch (difference) {
    for (const [name, view] of Object.entries(views)) expect(view(fast), `${where}: ${name}`).toEqual(view(reference));
    for (const key of new Set([...Object.keys(reference), ...Object.keys(fast)])) {
      expect((fast as Record<string, unknown>)[key], `${where}: ${key}`).toEqual((reference as Record<string, unknown>)[key]);
    }
    throw difference;
  }
}

/** A stats time series as one line a bucket, so that a difference names its bucket. */
function seriesLines({ timeSeries: { starts, outcomes } }: PlainStats): string[] {
  return starts.map((start, b) =>
    `${iso(start)} total ${outcomes[4 * b]} succeeded ${outcomes[4 * b + 1]} failed ${outcomes[4 * b + 2]} cancelled ${outcomes[4 * b + 3]}`);
}

/**
 * Every Multiplai query the spec allows, but for the period and the ordering options: each entity, metric
 * and aggregation, ungrouped, by user and by date at each granularity (avg_duration: workflows only,
 * never grouped; specs/multiplai.yaml, rules 5 and 6).
 */
const METRICS_QUERIES: Omit<MetricsQuery, 'period'>[] = [];
for (const entity of ['agents', 'workflows'] as const) {
  for (const metric of ['executions', 'created', 'copies', 'shares', 'avg_duration'] as const) {
    if (metric === 'avg_duration' && entity === 'agents') continue;
    for (const aggregation of ['count', 'sum', 'avg'] as const) {
      for (const grouping of [{}, { groupBy: 'user' }, { groupBy: 'date', granularity: 'day' }, { groupBy: 'date', granularity: 'week' }, { groupBy: 'date', granularity: 'month' }] as const) {
        if (metric === 'avg_duration' && 'groupBy' in grouping) continue;
        METRICS_QUERIES.push({ entity, metric, aggregation, ...grouping });
      }
    }
  }
}
const PERIODS: readonly Period[] = ['7d', '30d', '90d', 'all'];

/** B3OS over [from, to], hourly and daily. */
function checkStats(ws: WorkspaceRecords, now: number, from: number, to: number, label: string, granularities: readonly ('hour' | 'day')[] = ['hour', 'day']): void {
  for (const granularity of granularities) {
    const parts = executionStats(ws, now, from, to, granularity);
    // The series compared plainly: the same buckets, however they are cut in parts.
    const stats = { ...parts, timeSeries: flatSeries(parts.timeSeries) };
    const reference = { ...executionStatsByScan(ws, now, from, to, granularity), timeSeries: flatSeries(executionStatsByScan(ws, now, from, to, granularity).timeSeries) };
    const where = `${label}: executionStats at now ${iso(now)} over [${iso(from)}, ${iso(to)}] ${granularity}`;
    expectSameAnswer(stats, reference, where, {
      'timeSeries, a bucket a line': seriesLines,
      'recentFailures, run ids': (answer) => answer.recentFailures.map((f) => f.run.id),
    });
    expect(stats.timeSeries.starts.reduce((t, _, b) => t + stats.timeSeries.outcomes[b * 4]!, 0), `${where}: the time series adds up to the total`).toBe(stats.total);
  }
}

/** OnePin over each window. */
function checkSummaries(ws: WorkspaceRecords, flowId: string, now: number, windows: readonly CreatedWindow[], label: string): void {
  for (const window of windows) {
    const where = `${label}: flowStatusSummary of ${flowId} at now ${iso(now)} over ${JSON.stringify(window)}`;
    expectSameAnswer(flowStatusSummary(ws, flowId, now, window), flowStatusSummaryByScan(ws, flowId, now, window), where);
  }
}

/** StackAI: each page (`filter` names its `where` in messages). */
function checkPages(ws: WorkspaceRecords, flowId: string, now: number, queries: readonly (RunPageQuery & { filter?: string })[], label: string): void {
  const flowRuns = ws.runsByFlow.get(flowId);
  if (flowRuns === undefined) return;
  for (const query of queries) {
    const where = `${label}: runPage of ${flowId} at now ${iso(now)} ${JSON.stringify(query)}`;
    expectSameAnswer(runPage(flowRuns, now, query), runPageByScan(flowRuns, now, query), where, { 'run ids': (answer) => answer.map((o) => o.run.id) });
  }
}

/** Multiplai: one query. */
function checkMetricsQuery(ws: WorkspaceRecords, now: number, query: MetricsQuery, label: string): void {
  expectSameAnswer(workspaceMetrics(ws, now, query), workspaceMetricsByScan(ws, now, query), `${label}: workspaceMetrics at now ${iso(now)} ${JSON.stringify(query)}`);
}

/** Multiplai: every allowed query, over each of `periods(j)` for the j-th, with orderings, limits and user filters drawn. */
function checkMetrics(ws: WorkspaceRecords, now: number, periods: (j: number) => readonly Period[], options: Random, label: string): void {
  const userIds = [...ws.users.keys()];
  for (const [j, base] of METRICS_QUERIES.entries()) {
    for (const period of periods(j)) {
      checkMetricsQuery(ws, now, {
        ...base,
        period,
        orderBy: options.pick([undefined, 'value', 'name', 'date'] as const),
        orderDir: options.pick([undefined, 'asc', 'desc'] as const),
        limit: options.pick([undefined, undefined, 1, 5, 1000]),
        userId: options.chance(0.2) ? options.pick([...userIds, 'no-such-user']) : undefined,
      }, label);
    }
  }
}

describe('fast paths agree with their references, plain scans of every run', () => {
  const state = new MockState({ scenario: loadScenarioFile('default').document, now: START });
  const random = new Random('oracle');
  // Drawn from their own generator, so that `random` draws the same clocks and windows as ever.
  const options = new Random('oracle-options');
  const ws = [...state.dataset.workspaces()][0]!;
  const flows = [...ws.flows.values()];
  const userIds = [...ws.users.keys()];

  function check(label: string) {
    for (let i = 0; i < 40; i++) {
      const now = START - Math.floor(random.next() * 40 * DAY) + Math.floor(random.next() * 2 * HOUR);
      const from = now - Math.floor(random.next() * 20 * DAY) - Math.floor(random.next() * DAY);
      const to = from + Math.floor(random.next() * 25 * DAY);

      // B3OS: the window drawn, and in turn the same in whole hours, in whole days, ending exactly at now, or after now.
      const edgeWindows: [number, number][] = [
        [floorTo(from, HOUR), floorTo(to, HOUR) + HOUR - 1],
        [floorTo(from, DAY), Math.max(floorTo(from, DAY), floorTo(to, DAY)) + DAY - 1],
        [from, now],
        [now + 1, now + DAY],
      ];
      checkStats(ws, now, from, to, label);
      checkStats(ws, now, ...edgeWindows[i % edgeWindows.length]!, label);

      for (const flowId of [...flows.map((flow) => flow.id), 'no-such-flow']) {
        expectSameAnswer(lifetimeTotals(ws, flowId, now), lifetimeTotalsByScan(ws, flowId, now), `${label}: lifetimeTotals of ${flowId} at now ${iso(now)}`);
        // Open, closed, half-open, a few hours, and in turn whole days or after now.
        const edgeWindow: CreatedWindow = i % 2 === 0 ? { from: floorTo(from, DAY), to: floorTo(to, DAY) + DAY - 1 } : { from: now + 1 };
        checkSummaries(ws, flowId, now, [{}, { from, to }, { from }, { to }, { from: to, to: to + 3 * HOUR }, edgeWindow], label);
        // Direct jumps (no filter) and walks (a user, observed statuses), in and out of a window.
        checkPages(ws, flowId, now, [
          { page: 0, pageSize: 25 },
          { page: options.int(0, 6), pageSize: options.int(1, 30), from, to },
          { page: options.int(0, 3), pageSize: options.int(1, 30), where: (o) => !isTerminal(o.status), filter: 'unfinished' },
          { page: options.int(0, 2), pageSize: options.int(1, 10), userId: options.pick(userIds), where: (o) => o.status === 'failed', filter: 'failed', to },
        ], label);
      }

      // Each query over the periods in turn; and the four queries this test always made, at every clock.
      checkMetrics(ws, now, (j) => [PERIODS[(i + j) % PERIODS.length]!], options, label);
      for (const query of [
        { entity: 'workflows', metric: 'executions', aggregation: 'count', groupBy: 'user', period: '30d' },
        { entity: 'agents', metric: 'executions', aggregation: 'count', groupBy: 'user', period: '7d' },
        { entity: 'workflows', metric: 'avg_duration', aggregation: 'avg', period: '90d' },
        { entity: 'workflows', metric: 'avg_duration', aggregation: 'sum', period: '7d' },
      ] as const) {
        checkMetricsQuery(ws, now, query, label);
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

describe('fast paths agree with their references at the edges', () => {
  it('of edge-cases: clocks on and 1 ms before each instant of a run; windows starting and ending on each run or 1 ms beside it', () => {
    // Runs on hour, day, ISO week, year and period edges, ties, runs created at and 1 ms after now, runs
    // finishing after now.
    const state = new MockState({ scenario: loadScenarioFile('edge-cases').document });
    const scenarioNow = state.clock.now();
    const options = new Random('edges');
    for (const ws of state.dataset.workspaces()) {
      const label = `edge-cases, ${ws.workspace.name}`;
      const runs = [...ws.runs];
      const instants = [...new Set(runs.flatMap((run) => [run.createdAt, run.startedAt, run.finishedAt]).filter((at) => at !== null))];
      const clocks = [scenarioNow, ...instants.flatMap((at) => [at - 1, at])];
      for (const now of clocks) {
        for (const flowId of ws.flows.keys()) {
          expectSameAnswer(lifetimeTotals(ws, flowId, now), lifetimeTotalsByScan(ws, flowId, now), `${label}: lifetimeTotals of ${flowId} at now ${iso(now)}`);
          checkSummaries(ws, flowId, now, [{}, { to: now }], label);
          checkPages(ws, flowId, now, [{ page: 0, pageSize: 3 }, { page: 1, pageSize: 3 }, { page: 0, pageSize: 100, userId: '1' }], label);
        }
        checkStats(ws, now, scenarioNow - 300 * DAY, scenarioNow + DAY, label, ['day']);
      }
      // From the scenario's now until every run has settled, windows on every run's creation.
      for (const [k, now] of clocks.filter((at) => at >= scenarioNow - 1).entries()) {
        for (const run of runs) {
          const at = run.createdAt;
          for (const [from, to] of [[at - 2 * DAY, at], [at - 2 * DAY, at - 1], [at, at + 2 * DAY], [at + 1, at + 2 * DAY]] as const) {
            checkStats(ws, now, from, to, label);
            checkSummaries(ws, run.flow, now, [{ from, to }, { from }, { to }], label);
            checkPages(ws, run.flow, now, [{ page: 0, pageSize: 2, from, to }, { page: 1, pageSize: 1, from, to, where: (o) => o.status !== 'failed', filter: 'not failed' }], label);
          }
        }
        // At the scenario's now (its runs sit on the period edges), every period; then the periods in turn.
        checkMetrics(ws, now, (j) => (k === 0 ? PERIODS : [PERIODS[(k + j) % PERIODS.length]!]), options, label);
      }
    }
  });
});
