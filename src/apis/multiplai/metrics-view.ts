/**
 * The metrics answer (the spec's `MetricsResponse`): the object form, which is the rule, and the same JSON
 * written as text, without an object a row (up to a thousand rows; docs/performance.md#multiplai-sums-by-position-answers-as-text).
 * test/apis/multiplai-json.test.ts holds the text equal to the object form's JSON.
 */
import type { MetricsResult } from '../../domain/analytics/workspace-metrics.ts';
import type { Millis } from '../../domain/records.ts';
import type { components } from '../../generated/multiplai.ts';
import type { ValidQuery } from './metrics-request.ts';

type MetricsResponse = components['schemas']['MetricsResponse'];

/** Multiplai answers an identical query from cache for 300 s of clock time (docs/apis.md#multiplai). */
export const METRICS_CACHE_TTL_MS = 300_000;

/** The answer as an object: what `metricsText` writes. */
export function metricsBody(echo: ValidQuery['echo'], result: MetricsResult, now: Millis): MetricsResponse {
  return {
    data: { ...dataHead(echo, result), results: result.rows.map((row) => ('userId' in row ? { user_id: row.userId, user_name: row.userName, value: row.value } : { date: row.date, value: row.value })) },
    meta: meta(result, now),
  };
}

/** `JSON.stringify(metricsBody(echo, result, now))`, with no object made per row. */
export function metricsText(echo: ValidQuery['echo'], result: MetricsResult, now: Millis): string {
  const head = JSON.stringify(dataHead(echo, result));
  const rows = result.rows;
  const results = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as MetricsResult['rows'][number];
    results[i] = 'userId' in row
      ? `{"user_id":${JSON.stringify(row.userId)},"user_name":${JSON.stringify(row.userName)},"value":${numberJson(row.value)}}`
      : `{"date":${JSON.stringify(row.date)},"value":${numberJson(row.value)}}`;
  }
  // `results` is the last member of `data`, and `data` comes before `meta`.
  return `{"data":${head.slice(0, -1)},"results":[${results.join(',')}]},"meta":${JSON.stringify(meta(result, now))}}`;
}

/** `data` up to its results, in the spec's order. */
function dataHead(echo: ValidQuery['echo'], result: MetricsResult) {
  return { entity: echo.entity, metric: echo.metric, aggregation: echo.aggregation, group_by: echo.groupBy, granularity: echo.granularity, total: result.total };
}

function meta(result: MetricsResult, now: Millis): MetricsResponse['meta'] {
  return { period: result.period, cached_at: new Date(now).toISOString(), cache_ttl: METRICS_CACHE_TTL_MS / 1000, unit: result.unit };
}

/** A number as JSON.stringify writes it (non-finite ones as null). */
function numberJson(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}
