/**
 * The B3OS answer's time series is written as text, not by JSON.stringify: it must be exactly the JSON of
 * the object form, for a long hourly series with real counts and for a daily one.
 */
import { describe, expect, it } from 'vitest';
import { executionStats } from '../../src/domain/analytics/execution-stats.ts';
import { flatSeries } from '../../src/domain/analytics/series-parts.ts';
import { executionStatsAnswer, statsOverview } from '../../src/apis/b3os/stats-view.ts';
import { recentFailuresJson } from '../../src/apis/b3os/failures-text.ts';
import { bodyBytes } from '../../src/core/http-message.ts';
import type { SerializedJson } from '../../src/core/serialized-json.ts';
import type { ObservedRun } from '../../src/domain/observed-status.ts';
import { seriesJson } from '../../src/apis/b3os/series-text.ts';
import { stateFor } from '../helpers/app.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const DAY = 86_400_000;

/** The text of an answer a handler serialised itself, whatever form it took. */
function jsonText({ json }: SerializedJson): string {
  return new TextDecoder().decode(bodyBytes(json));
}

/** Failures as B3OS objects, built here as plainly as possible. */
function failureObjects(failures: readonly ObservedRun[]) {
  return failures.map(({ run, finishedAt }) => ({
    executionId: run.id, runId: run.id, workflowId: run.flow, status: 'workflow_failed', statusReason: run.error, sourceSystem: run.sourceSystem,
    createdAt: new Date(run.createdAt).toISOString(), finishedAt: new Date(finishedAt!).toISOString(),
  }));
}

/** The series as B3OS objects, built here as plainly as possible: what the text must serialise. */
function bucketObjects(starts: readonly number[], outcomes: readonly number[]) {
  return starts.map((start, i) => ({ bucketStart: new Date(start).toISOString(), total: outcomes[i * 4]!, succeeded: outcomes[i * 4 + 1]!, failed: outcomes[i * 4 + 2]!, cancelled: outcomes[i * 4 + 3]! }));
}

describe('b3os: the answer written as text', () => {
  const state = stateFor('default', '2026-11-20T12:00:00Z');
  const ws = [...state.dataset.workspaces()][0]!;

  it.each([
    ['hourly', 'hour', NOW - 30 * DAY + 1234, NOW - 5],
    ['daily', 'day', NOW - 90 * DAY, NOW],
  ] as const)('%s: the text is the JSON of the object form', (granularity, bucket, from, to) => {
    const stats = executionStats(ws, NOW, from, to, bucket);
    const text = jsonText(executionStatsAnswer(stats, granularity, 'req-1'));
    const { starts, outcomes } = flatSeries(stats.timeSeries);
    const data = { ...statsOverview(stats, granularity), timeSeries: bucketObjects(starts, outcomes), recentFailures: failureObjects(stats.recentFailures) };
    const expected = { code: 200, data, message: 'success', requestId: 'req-1' };
    expect(text).toBe(JSON.stringify(expected));
    expect(expected.data.timeSeries.length).toBeGreaterThan(30);
    expect(expected.data.timeSeries.some((b) => b.total > 0)).toBe(true);
    expect(expected.data.recentFailures).toHaveLength(20);
  });
});

describe('b3os: whole stored days, written once and remembered by their snapshot', () => {
  it('follows a run counted in a whole day: the next answer is the JSON of the new counts', () => {
    const state = stateFor('default', '2026-11-20T12:00:00Z');
    const ws = [...state.dataset.workspaces()][0]!;
    const flow = [...ws.flows.keys()][0]!;
    const from = NOW - 5 * DAY - 7_200_000;
    const answer = () => {
      const stats = executionStats(ws, NOW, from, NOW, 'hour');
      const { starts, outcomes } = flatSeries(stats.timeSeries);
      expect(jsonText(executionStatsAnswer(stats, 'hourly', 'req-1'))).toBe(JSON.stringify({
        code: 200,
        data: { ...statsOverview(stats, 'hourly'), timeSeries: bucketObjects(starts, outcomes), recentFailures: failureObjects(stats.recentFailures) },
        message: 'success', requestId: 'req-1',
      }));
      return stats.timeSeries;
    };
    const before = answer();
    const wholeDay = before.parts.findIndex((part) => part.kept);
    expect(wholeDay, 'a whole day is taken as stored').toBeGreaterThan(0);
    expect(answer().parts[wholeDay]!.numbers, 'and the same snapshot again while nothing changed').toBe(before.parts[wholeDay]!.numbers);
    // 10:00 of that day: bucket 10 of its part.
    const day = Math.floor(NOW / DAY) * DAY - (before.parts.length - 1 - wholeDay) * DAY;
    state.addRun({ workspace: ws.workspace.id, flow, user: '1', status: 'succeeded', createdAt: day + 10 * 3_600_000, startedAt: day + 10 * 3_600_000 + 1, finishedAt: day + 10 * 3_600_000 + 2 });
    const after = answer();
    expect(after.parts[wholeDay]!.kept).toBe(true);
    expect(after.parts[wholeDay]!.numbers[40], 'the hour counts the new run').toBe((before.parts[wholeDay]!.numbers[40] as number) + 1);
    const offset = before.parts.slice(0, wholeDay).reduce((n, part) => n + part.numbers.length, 0);
    expect(flatSeries(before).outcomes[offset + 40], 'an answer given earlier keeps its numbers').toBe(after.parts[wholeDay]!.numbers[40] as number - 1);
  });
});

describe('b3os: series text, whole days remembered by their numbers', () => {
  const HOUR = 3_600_000;
  const objects = (starts: number[], outcomes: readonly number[]) => JSON.stringify(bucketObjects(starts, outcomes));
  const seriesText = (starts: number[], outcomes: readonly number[], step: number) =>
    Buffer.concat(seriesJson({ first: starts[0] ?? 0, step, length: starts.length, parts: [{ numbers: outcomes, kept: false }] })).toString('utf8');
  // 2½ days of hours from 12:00: a partial day, two whole days, a partial day.
  const first = Date.parse('2026-03-01T12:00:00Z');
  const starts = Array.from({ length: 61 }, (_, i) => first + i * HOUR);
  const counts = (seed: number) => Array.from({ length: starts.length * 4 }, (_, k) => (k * seed) % 7);

  it('is the JSON of the buckets, each time, after a count changes and after it changes back', () => {
    const a = counts(3);
    const b = counts(3);
    b[(12 + 5) * 4 + 2] = 41; // one hour of the first whole day
    for (const outcomes of [a, a, b, a, b]) expect(seriesText(starts, outcomes, HOUR)).toBe(objects(starts, outcomes));
  });

  it('keeps hour and day chunks apart, and works for empty and one-bucket series', () => {
    const days = Array.from({ length: 50 }, (_, i) => Date.parse('2026-01-01T00:00:00Z') + i * DAY);
    const outcomes = counts(5);
    expect(seriesText(days, outcomes.slice(0, days.length * 4), DAY)).toBe(objects(days, outcomes));
    expect(seriesText(starts, outcomes, HOUR)).toBe(objects(starts, outcomes));
    expect(seriesText([], [], HOUR)).toBe('[]');
    expect(seriesText([first], [1, 1, 0, 0], HOUR)).toBe(objects([first], [1, 1, 0, 0]));
  });
});

describe('b3os: recent failures text, remembered by run', () => {
  const state = stateFor('default', '2026-11-20T12:00:00Z');
  const ws = [...state.dataset.workspaces()][0]!;
  const failures = () => executionStats(ws, NOW, NOW - 30 * DAY, NOW, 'day').recentFailures;
  const failuresText = (list: ReturnType<typeof failures>) => Buffer.concat(recentFailuresJson(list)).toString('utf8');

  it("is the JSON of the failures, again, and after a run's error text is changed", () => {
    const before = failures();
    expect(failuresText(before)).toBe(JSON.stringify(failureObjects(before)));
    expect(failuresText(before)).toBe(JSON.stringify(failureObjects(before)));
    const patched = before[3]!.run;
    state.dataset.updateRun(patched.id, (run) => { run.error = 'Disk quota exceeded — again'; });
    const after = failures();
    expect(JSON.parse(failuresText(after))[3].statusReason).toBe('Disk quota exceeded — again');
    expect(failuresText(after)).toBe(JSON.stringify(failureObjects(after)));
  });
});
