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

/**
 * The answer's text in pieces to be joined by commas: everything before the first row with the first row's
 * text, each row's text, the last row's with everything after it (one piece, head and tail, when there is no
 * row). Date rows are remembered texts shared by every answer that has them, so pieces kept in the 300 s
 * cache hold little of their own: caching the joined text instead made every computed answer 3 KB that
 * survived into V8's old space, which cost more than computing the rows (docs/performance.md#multiplai-sums-by-position-answers-as-text).
 * Head and tail go into the first and last pieces so that one join writes the whole answer as one flat
 * string: added around the join, they made a rope (a V8 ConsString) that sending copied once more
 * (docs/performance.md#one-copy-of-an-answers-text).
 */
export interface MetricsParts {
  readonly pieces: readonly string[];
}

export function metricsParts(echo: ValidQuery['echo'], result: MetricsResult, now: Millis): MetricsParts {
  const dataText = JSON.stringify(dataHead(echo, result));
  // `results` is the last member of `data`, and `data` comes before `meta`.
  const head = `{"data":${dataText.slice(0, -1)},"results":[`;
  const tail = `]},"meta":${metaText(result, now)}}`;
  const rows = result.rows;
  if (rows.length === 0) return { pieces: [head + tail] };
  const pieces = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as MetricsResult['rows'][number];
    pieces[i] = 'userId' in row
      ? `{"user_id":${JSON.stringify(row.userId)},"user_name":${JSON.stringify(row.userName)},"value":${numberJson(row.value)}}`
      : dateRowText(row.date, row.value);
  }
  pieces[0] = head + (pieces[0] as string);
  pieces[rows.length - 1] += tail;
  return { pieces };
}

/** The text of the parts: `JSON.stringify(metricsBody(echo, result, now))`. */
export function partsText({ pieces }: MetricsParts): string {
  return pieces.join(',');
}

/** `JSON.stringify(metricsBody(echo, result, now))`, with no object made per row. */
export function metricsText(echo: ValidQuery['echo'], result: MetricsResult, now: Millis): string {
  return partsText(metricsParts(echo, result, now));
}

/** `data` up to its results, in the spec's order. */
function dataHead(echo: ValidQuery['echo'], result: MetricsResult) {
  return { entity: echo.entity, metric: echo.metric, aggregation: echo.aggregation, group_by: echo.groupBy, granularity: echo.granularity, total: result.total };
}

function meta(result: MetricsResult, now: Millis): MetricsResponse['meta'] {
  return { period: result.period, cached_at: new Date(now).toISOString(), cache_ttl: METRICS_CACHE_TTL_MS / 1000, unit: result.unit };
}

/** `JSON.stringify(meta(result, now))`, without the objects. */
function metaText({ period, unit }: MetricsResult, now: Millis): string {
  const ttl = METRICS_CACHE_TTL_MS / 1000;
  return `{"period":{"from":${JSON.stringify(period.from)},"to":${JSON.stringify(period.to)}},"cached_at":"${new Date(now).toISOString()}","cache_ttl":${ttl},"unit":${unit === null ? 'null' : JSON.stringify(unit)}}`;
}

/** Date rows' text by label, then by value; how many texts it holds in all. */
const dateRows = new Map<string, Map<number, string>>();
let dateRowsKept = 0;
/** About 2 MB of rows: the days of a few years, each with a few dozen values. */
const DATE_ROWS_KEPT = 20_000;

/**
 * `{"date":…,"value":…}`, remembered: answers about the same window write the same rows in other orders and
 * lengths, and writing each row anew was most of what a computed answer allocated. A row's text is a pure
 * function of its label and value, so nothing is ever stale; all are forgotten at once past DATE_ROWS_KEPT.
 * (A Map treats 0 and -0 as one key: both are written `0`.)
 */
function dateRowText(date: string, value: number): string {
  let byValue = dateRows.get(date);
  let text = byValue?.get(value);
  if (text !== undefined) return text;
  if (dateRowsKept >= DATE_ROWS_KEPT) {
    dateRows.clear();
    dateRowsKept = 0;
    byValue = undefined;
  }
  if (byValue === undefined) dateRows.set(date, (byValue = new Map()));
  // JSON.stringify writes a flat string; a template would be a rope (a V8 ConsString) that every join of it
  // walks again, which made joining an answer's rows twice as slow.
  text = JSON.stringify({ date, value });
  byValue.set(value, text);
  dateRowsKept++;
  return text;
}

/** A number as JSON.stringify writes it (non-finite ones as null). */
function numberJson(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}
