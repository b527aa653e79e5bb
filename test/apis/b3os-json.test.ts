/**
 * The B3OS answer's time series is written as text, not by JSON.stringify: it must be exactly the JSON of
 * the object form, for a long hourly series with real counts and for a daily one.
 */
import { describe, expect, it } from 'vitest';
import { executionStats } from '../../src/domain/analytics/execution-stats.ts';
import { executionStatsAnswer, executionStatsData } from '../../src/apis/b3os/stats-view.ts';
import { stateFor } from '../helpers/app.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const DAY = 86_400_000;

describe('b3os: the answer written as text', () => {
  const state = stateFor('default', '2026-11-20T12:00:00Z');
  const ws = [...state.dataset.workspaces()][0]!;

  it.each([
    ['hourly', 'hour', NOW - 30 * DAY + 1234, NOW - 5],
    ['daily', 'day', NOW - 90 * DAY, NOW],
  ] as const)('%s: the text is the JSON of the object form', (granularity, bucket, from, to) => {
    const stats = executionStats(ws, NOW, from, to, bucket);
    const text = executionStatsAnswer(stats, granularity, 'req-1').text;
    const expected = { code: 200, data: executionStatsData(stats, granularity), message: 'success', requestId: 'req-1' };
    expect(text).toBe(JSON.stringify(expected));
    expect(expected.data.timeSeries.length).toBeGreaterThan(30);
    expect(expected.data.timeSeries.some((b) => b.total > 0)).toBe(true);
  });
});
