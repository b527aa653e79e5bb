/** `--live`: arrivals are deterministic under the seed, follow the rhythm, and move through their lifecycle. */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { LiveArrivals } from '../../src/domain/live/arrivals.ts';
import { MockState } from '../../src/domain/mock-state.ts';
import { observedStatus } from '../../src/domain/observed-status.ts';
import { loadScenarioFile } from '../../src/node/scenario-file.ts';
import { LiveMode } from '../../src/core/live-mode.ts';
import { appOf } from '../helpers/app.ts';

const START = Date.parse('2026-11-18T09:00:00Z'); // a Wednesday morning
const scenario = loadScenarioFile('default').document;

function arrivals(seed: number, count: number) {
  const state = new MockState({ scenario: { ...scenario, seed }, now: START });
  const live = new LiveArrivals(state.dataset, { seed, start: START });
  return Array.from({ length: count }, () => live.next()!);
}

describe('live arrivals', () => {
  it('are the same for the same seed', () => {
    expect(arrivals(scenario.seed, 200)).toEqual(arrivals(scenario.seed, 200));
  });

  it('differ for another seed', () => {
    expect(arrivals(scenario.seed + 1, 50).map((a) => a.createdAt)).not.toEqual(arrivals(scenario.seed, 50).map((a) => a.createdAt));
  });

  it('are all valid runs that finish', () => {
    for (const a of arrivals(scenario.seed, 3000)) {
      if (a.startedAt !== null) expect(a.startedAt).toBeGreaterThanOrEqual(a.createdAt);
      expect(a.finishedAt).toBeGreaterThanOrEqual((a.startedAt ?? a.createdAt) as number);
      expect(a.error !== null).toBe(a.status === 'failed');
    }
  });
});

describe('live mode on a server', () => {
  it('adds runs as real time passes, each observed queued, then running, then finished', async () => {
    let wall = START;
    const state = new MockState({ scenario, realNow: () => wall });
    const app = appOf(state);
    const live = new LiveMode(state, { tickMs: 5 });
    live.set({ enabled: true, ratePerMinute: null });
    const before = state.dataset.counts().runs;
    wall += 20 * 60_000; // twenty minutes pass
    await new Promise((resolve) => setTimeout(resolve, 30));
    const added = state.dataset.counts().runs - before;
    expect(added).toBeGreaterThan(3);
    const journal = await request(app).get('/__mock/health');
    expect(journal.body.counts.runs).toBe(before + added);
    const latest = [...state.dataset.workspaces()].flatMap((ws) => [...ws.runs]).filter((r) => r.createdAt > START);
    const run = latest[latest.length - 1]!;
    expect(observedStatus(run, run.createdAt)).toBe('queued');
    expect(observedStatus(run, run.startedAt!)).toBe('running');
    expect(observedStatus(run, run.finishedAt!)).toBe(run.status);
    live.stop();
  });
});

describe('live mode and the change stream', () => {
  it('adds a bounded number of runs in one tick, however far the clock moved', async () => {
    let wall = START;
    const state = new MockState({ scenario, realNow: () => wall });
    const live = new LiveMode(state, { tickMs: 5 });
    live.set({ enabled: true, ratePerMinute: 6000 });
    const before = state.dataset.counts().runs;
    wall += 2 * 3_600_000; // two hours at 6,000 a minute per workspace would be over a million runs
    await new Promise((resolve) => setTimeout(resolve, 20));
    live.stop();
    const added = state.dataset.counts().runs - before;
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThanOrEqual(4 * 200);
  });

  it('records its return to real time after a reset, so a replay agrees', async () => {
    const { FlowmockCore } = await import('../../src/core/flowmock-core.ts');
    const core = new FlowmockCore(new MockState({ scenario: { ...scenario, now: '2026-11-20T12:00:00Z' } }));
    core.live.set({ enabled: true, ratePerMinute: null });
    await core.reset();
    core.live.stop();
    expect(core.state.clock.mode).toBe('real');
    expect(core.snapshot().changes.map((c) => c.kind)).toContain('clock');
  });
});
