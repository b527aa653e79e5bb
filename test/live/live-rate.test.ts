/**
 * `--live` visibly lives at any hour: at least 6 new runs per minute per workspace on average, at night and
 * at the weekend as on a weekday afternoon, whatever the time zone (product design §5); `--live-rate N` sets
 * the rate; the runs keep the scenario's mix of outcomes, durations and failure bursts. Deterministic: the
 * arrivals are planned from the seed, from a frozen instant.
 */
import { describe, expect, it } from 'vitest';
import { LIVE_FLOOR_PER_MINUTE, LiveArrivals, type PlannedArrival } from '../../src/domain/live/arrivals.ts';
import { MockState } from '../../src/domain/mock-state.ts';
import type { ScenarioDocument } from '../../src/domain/scenario/document.ts';
import { LiveMode } from '../../src/core/live-mode.ts';
import { loadScenarioFile } from '../../src/node/scenario-file.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const scenario = loadScenarioFile('default').document;

/** Every arrival planned in the `minutes` after `start` (a frozen instant). */
function plannedFrom(start: number, minutes: number, { ratePerMinute = null as number | null, document = scenario } = {}): { planned: PlannedArrival[]; workspaces: string[] } {
  const state = new MockState({ scenario: document, now: start });
  const live = new LiveArrivals(state.dataset, { seed: document.seed, start, ratePerMinute, scenario: document });
  const planned: PlannedArrival[] = [];
  for (let next = live.next(); next !== undefined && next.createdAt <= start + minutes * MINUTE; next = live.next()) planned.push(next);
  return { planned, workspaces: [...state.dataset.workspaces()].map((ws) => ws.workspace.id) };
}

function perMinutePerWorkspace(planned: readonly PlannedArrival[], workspace: string, minutes: number): number {
  return planned.filter((a) => a.workspace === workspace).length / minutes;
}

describe('live mode at any hour', () => {
  it.each([
    ['a weekday night (Wednesday 01:00 UTC, when the issue saw two runs in eleven minutes)', '2026-11-18T01:00:00Z'],
    ['a Saturday night', '2026-11-21T23:30:00Z'],
    ['a Sunday morning', '2026-11-22T04:00:00Z'],
    ['a weekday evening in California (Tuesday 03:00 UTC)', '2026-11-17T03:00:00Z'],
    ['a weekday afternoon', '2026-11-18T14:00:00Z'],
  ])(`adds at least ${LIVE_FLOOR_PER_MINUTE} runs a minute per workspace on %s`, (_, at) => {
    const { planned, workspaces } = plannedFrom(Date.parse(at), 60);
    for (const workspace of workspaces) expect(perMinutePerWorkspace(planned, workspace, 60)).toBeGreaterThanOrEqual(LIVE_FLOOR_PER_MINUTE * 0.9);
    // The sample's mean over both workspaces is near the floor (a Poisson process: ±3 % over 720 runs).
    expect(planned.length / 60 / workspaces.length).toBeGreaterThanOrEqual(LIVE_FLOOR_PER_MINUTE * 0.93);
  });

  it('never lets any hour of a week fall below the floor', () => {
    const monday = Date.parse('2026-11-16T00:00:00Z');
    const { planned, workspaces } = plannedFrom(monday, 7 * 24 * 60);
    for (const workspace of workspaces) {
      const ofWorkspace = planned.filter((a) => a.workspace === workspace);
      const byHour = new Array<number>(168).fill(0);
      for (const a of ofWorkspace) byHour[Math.floor((a.createdAt - monday) / HOUR)]! += 1;
      // Every hour of the week: at least 360 expected (Poisson, sigma 19); the least of 168 such counts lies
      // some 3 sigma below, and a night hour without the floor would hold a handful.
      expect(Math.min(...byHour)).toBeGreaterThanOrEqual(280);
      expect(ofWorkspace.length / (7 * 24 * 60)).toBeGreaterThanOrEqual(LIVE_FLOOR_PER_MINUTE);
    }
  });

  it('still shows the working-hours rhythm of a scenario busier than the floor, on top of it', () => {
    // 100,000 runs over 7 days: some 600 an hour per workspace on average, above the floor's 360.
    const busy: ScenarioDocument = structuredClone(scenario);
    busy.now = '2026-11-20T00:00:00Z';
    for (const ws of busy.workspaces) if (ws.generate !== undefined) Object.assign(ws.generate, { runs: 100_000, days: 7 });
    const night = plannedFrom(Date.parse('2026-11-20T02:00:00Z'), 10, { document: busy });
    const afternoon = plannedFrom(Date.parse('2026-11-20T14:00:00Z'), 10, { document: busy });
    expect(afternoon.planned.length / night.planned.length).toBeGreaterThan(2);
    for (const ws of night.workspaces) expect(perMinutePerWorkspace(night.planned, ws, 10)).toBeGreaterThan(LIVE_FLOOR_PER_MINUTE);
  });
});

describe('--live-rate', () => {
  it.each([1, 60, 600])('%d runs a minute per workspace, flat at any hour', (rate) => {
    for (const at of ['2026-11-22T03:00:00Z', '2026-11-18T14:00:00Z']) {
      const minutes = Math.max(10, Math.ceil(6000 / rate));
      const { planned, workspaces } = plannedFrom(Date.parse(at), minutes, { ratePerMinute: rate });
      for (const ws of workspaces) {
        const observed = perMinutePerWorkspace(planned, ws, minutes);
        expect(observed).toBeGreaterThan(rate * 0.9);
        expect(observed).toBeLessThan(rate * 1.1);
      }
    }
  });
});

describe('live runs in the scenario\'s mix', () => {
  it('end as the scenario\'s statusMix says, with its median duration', () => {
    const mixed: ScenarioDocument = structuredClone(scenario);
    for (const ws of mixed.workspaces) {
      if (ws.generate !== undefined) Object.assign(ws.generate, { statusMix: { succeeded: 0.6, failed: 0.3, cancelled: 0.1 }, medianDurationSeconds: 120, failureBursts: 0 });
    }
    const { planned } = plannedFrom(Date.parse('2026-11-18T01:00:00Z'), 24 * 60, { ratePerMinute: 10, document: mixed });
    const share = (status: string) => planned.filter((a) => a.status === status).length / planned.length;
    expect(share('succeeded')).toBeCloseTo(0.6, 1);
    expect(share('failed')).toBeCloseTo(0.3, 1);
    expect(share('cancelled')).toBeCloseTo(0.1, 1);
    const durations = planned.filter((a) => a.status === 'succeeded').map((a) => a.finishedAt! - a.startedAt!).sort((a, b) => a - b);
    const median = durations[Math.floor(durations.length / 2)]!;
    expect(median).toBeGreaterThan(100_000);
    expect(median).toBeLessThan(140_000);
  });

  it('have failure bursts taking the scenario\'s share of time, during which most runs fail', () => {
    const bursty: ScenarioDocument = structuredClone(scenario);
    // 40 incidents of 2.5 h on average over 30 days: 14 % of the time in a burst.
    for (const ws of bursty.workspaces) if (ws.generate !== undefined) Object.assign(ws.generate, { failureBursts: 40, days: 30, statusMix: { succeeded: 0.95, failed: 0.05, cancelled: 0 } });
    const { planned } = plannedFrom(Date.parse('2026-11-18T01:00:00Z'), 24 * 60, { document: bursty });
    // Minutes in which a workspace's runs mostly failed: bursts, about 14 % of the minutes.
    const byMinute = new Map<string, { failed: number; total: number }>();
    for (const a of planned) {
      const key = `${a.workspace}:${Math.floor(a.createdAt / MINUTE)}`;
      const entry = byMinute.get(key) ?? { failed: 0, total: 0 };
      entry.total++;
      if (a.status === 'failed') entry.failed++;
      byMinute.set(key, entry);
    }
    const stormy = [...byMinute.values()].filter((m) => m.total >= 4 && m.failed / m.total >= 0.5).length / byMinute.size;
    expect(stormy).toBeGreaterThan(0.05);
    expect(stormy).toBeLessThan(0.3);
    // Outside bursts, failures stay near the mix's 5 %.
    expect(planned.filter((a) => a.status === 'failed').length / planned.length).toBeLessThan(0.3);
  });

  it('have no bursts when the scenario has none', () => {
    const calm: ScenarioDocument = structuredClone(scenario);
    for (const ws of calm.workspaces) if (ws.generate !== undefined) Object.assign(ws.generate, { failureBursts: 0, statusMix: { succeeded: 1, failed: 0, cancelled: 0 } });
    const { planned } = plannedFrom(Date.parse('2026-11-18T01:00:00Z'), 600, { document: calm });
    expect(planned.every((a) => a.status === 'succeeded')).toBe(true);
  });
});

describe('live mode on the real clock at night', () => {
  it('adds runs that a person sees move: dozens in five minutes, each on time', async () => {
    const night = Date.parse('2026-11-22T02:00:00Z'); // a Sunday, 02:00 UTC
    let wall = night;
    const state = new MockState({ scenario, realNow: () => wall });
    const live = new LiveMode(state, { tickMs: 5 });
    live.set({ enabled: true, ratePerMinute: null });
    const before = state.dataset.counts().runs;
    wall += 5 * MINUTE;
    await new Promise((resolve) => setTimeout(resolve, 40));
    live.stop();
    const added = state.dataset.counts().runs - before;
    // Two workspaces at 6 a minute for five minutes: 60 on average.
    expect(added).toBeGreaterThan(40);
  });
});
