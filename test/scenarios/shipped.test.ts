/** The shipped scenarios load, and the generated one looks like production data. */
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/domain/scenario/build.ts';
import { observedStatus } from '../../src/domain/observed-status.ts';
import { RUN_STATUSES } from '../../src/domain/status.ts';
import type { Run } from '../../src/domain/records.ts';
import { loadScenarioFile } from '../../src/node/scenario-file.ts';
import { shippedScenarioNames } from '../../src/node/locate-scenario.ts';
import { DEFAULT, EDGE_CASES } from '../helpers/fixtures.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const load = (name: string) => {
  const { document } = loadScenarioFile(name);
  return buildDataset(document, { now: document.now ? Date.parse(document.now) : NOW });
};

describe('shipped scenarios', () => {
  it('are default, edge-cases, empty and large', () => {
    expect(shippedScenarioNames()).toEqual(['default', 'edge-cases', 'empty', 'large']);
  });

  it('empty has workspaces and no runs', () => {
    expect(load('empty').counts()).toEqual({ workspaces: 2, users: 1, flows: 2, runs: 0 });
  });

  it('edge-cases holds its explicit records exactly', () => {
    const dataset = load('edge-cases');
    expect(dataset.counts()).toEqual({ workspaces: 2, users: 5, flows: 6, runs: 29 });
    const tie = dataset.workspace(EDGE_CASES.edge.workspaceId)!.runs;
    const sameInstant = [...tie.inWindow(Date.parse('2027-01-02T15:00:00Z'), Date.parse('2027-01-02T15:00:00Z'))].map((r) => r.id);
    expect(sameInstant).toEqual(['d0000000-0000-4000-8000-00000000000a', 'd0000000-0000-4000-8000-00000000000b']);
  });

  it('large holds a million runs', () => {
    expect(load('large').counts().runs).toBe(1_000_000);
  }, 120_000);
});

describe('the default scenario looks like production', () => {
  const dataset = load('default');
  const runs: Run[] = [...dataset.workspaces()].flatMap((ws) => [...ws.runs]);

  it('has a few thousand runs over 90 days, in every status', () => {
    expect(runs.length).toBeGreaterThan(3000);
    const earliest = Math.min(...runs.map((r) => r.createdAt));
    expect((NOW - earliest) / 86_400_000).toBeGreaterThan(85);
    const observed = new Set(runs.map((r) => observedStatus(r, NOW)));
    for (const status of RUN_STATUSES) expect(observed, status).toContain(status);
  });

  it('is busier on weekdays than at weekends, and in working hours than at night', () => {
    const byDay = new Array(7).fill(0);
    const byHour = new Array(24).fill(0);
    for (const run of runs) {
      byDay[new Date(run.createdAt).getUTCDay()]++;
      byHour[new Date(run.createdAt).getUTCHours()]++;
    }
    const weekday = (byDay[1] + byDay[2] + byDay[3] + byDay[4] + byDay[5]) / 5;
    const weekend = (byDay[0] + byDay[6]) / 2;
    expect(weekday / weekend).toBeGreaterThan(2);
    expect(byHour[14] / byHour[3]).toBeGreaterThan(4);
  });

  it('has heavy-tailed durations', () => {
    const durations = runs.filter((r) => r.status === 'succeeded' && r.startedAt !== null).map((r) => r.finishedAt! - r.startedAt!).sort((a, b) => a - b);
    const p50 = durations[Math.floor(durations.length * 0.5)]!;
    const p99 = durations[Math.floor(durations.length * 0.99)]!;
    expect(p99 / p50).toBeGreaterThan(8);
  });

  it('has failure bursts: hours where most runs fail, against a low failure rate overall', () => {
    const finished = runs.filter((r) => r.status === 'failed' || r.status === 'succeeded');
    const overall = finished.filter((r) => r.status === 'failed').length / finished.length;
    expect(overall).toBeLessThan(0.2);
    const hours = new Map<number, { failed: number; total: number }>();
    for (const run of finished) {
      const hour = Math.floor(run.createdAt / 3_600_000);
      const h = hours.get(hour) ?? { failed: 0, total: 0 };
      h.total++;
      if (run.status === 'failed') h.failed++;
      hours.set(hour, h);
    }
    const burstHours = [...hours.values()].filter((h) => h.total >= 5 && h.failed / h.total > 0.5);
    expect(burstHours.length).toBeGreaterThan(0);
  });

  it('gives failed runs an error message and realistic names and emails', () => {
    const failed = runs.filter((r) => r.status === 'failed');
    expect(failed.every((r) => typeof r.error === 'string' && r.error.length > 10)).toBe(true);
    expect(new Set(failed.map((r) => r.error)).size).toBeGreaterThan(10);
    const users = [...dataset.workspaces()].flatMap((ws) => [...ws.users.values()]);
    expect(users.every((u) => /^[^@\s]+@[^@\s]+\.[a-z]+$/.test(u.email) && / /.test(u.name))).toBe(true);
  });

  it('leaves some users without runs and starts some runs without a user', () => {
    const runners = new Set(runs.map((r) => r.user));
    expect(runners.has(null)).toBe(true);
    const acme = dataset.workspace(DEFAULT.acme.workspaceId)!;
    expect([...acme.users.keys()].filter((id) => !runners.has(id)).length).toBeGreaterThanOrEqual(3);
  });
});
