/**
 * Multiplai's answer is written as text, not by JSON.stringify of an object a row: it must be exactly the
 * JSON of the object form, for any echo, rows and values, and for answers computed from the default scenario.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { metricsBody, metricsText } from '../../src/apis/multiplai/metrics-view.ts';
import { workspaceMetrics, type MetricsResult } from '../../src/domain/analytics/workspace-metrics.ts';
import { stateFor } from '../helpers/app.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');

describe('multiplai: the answer written as text', () => {
  it('is the JSON of the object form, for any echo, rows and values', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 });
    const value = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 0.1 + 0.2, 1e21, 5e-7));
    const row = fc.oneof(
      fc.record({ userId: text, userName: text, value }),
      fc.record({ date: fc.constantFrom('2026-11-20', '2026-47', '2026-11'), value }),
    );
    const echo = fc.record({ entity: text, metric: text, aggregation: text, groupBy: fc.option(text), granularity: fc.option(text) });
    const result = fc.record({
      total: value,
      rows: fc.array(row, { maxLength: 8 }),
      period: fc.record({ from: text, to: text }),
      unit: fc.constantFrom('milliseconds' as const, null),
    });
    fc.assert(
      fc.property(echo, result, fc.integer({ min: 0, max: 253_402_300_799_999 }), (e, r: MetricsResult, now) => {
        expect(metricsText(e, r, now)).toBe(JSON.stringify(metricsBody(e, r, now)));
      }),
      { numRuns: 500 },
    );
  });

  it('is the JSON of the object form for answers computed from the default scenario', () => {
    const state = stateFor('default', '2026-11-20T12:00:00Z');
    const ws = [...state.dataset.workspaces()][0]!;
    const echo = { entity: 'workflows', metric: 'executions', aggregation: 'avg', groupBy: 'date', granularity: 'weekly' };
    for (const query of [
      { entity: 'workflows', metric: 'executions', aggregation: 'count', groupBy: 'date', granularity: 'day', period: '90d', orderBy: 'value', orderDir: 'desc' },
      { entity: 'workflows', metric: 'avg_duration', aggregation: 'avg', period: '30d' },
      { entity: 'agents', metric: 'executions', aggregation: 'sum', groupBy: 'user', period: 'all' },
      { entity: 'workflows', metric: 'executions', aggregation: 'avg', groupBy: 'date', granularity: 'week', period: 'all' },
    ] as const) {
      const result = workspaceMetrics(ws, NOW, query);
      expect(result.rows.length + ('groupBy' in query ? 0 : 1)).toBeGreaterThan(0);
      expect(metricsText(echo, result, NOW)).toBe(JSON.stringify(metricsBody(echo, result, NOW)));
    }
  });
});
