/**
 * The query of B3OS `GET /v1/executions/stats`, read against specs/b3os.yaml (types, `minimum`, the
 * granularity enum) plus the rules the schema cannot express: from ≤ to, a window of at most 365 days,
 * and instants ISO 8601 can print. Every problem is kept, worded as the spec's 400 examples word them,
 * so one 400 names them all.
 */
import type { ApiRequest } from '../../core/api-request.ts';
import type { Granularity } from '../../domain/analytics/time-buckets.ts';
import type { Millis } from '../../domain/records.ts';
import type { Operation } from '../../openapi/spec-document.ts';
import type { RequestProblem } from '../shared/api-failure.ts';
import { parseParameters } from '../shared/request-parameters.ts';

export type B3osGranularity = 'hourly' | 'daily';

export interface StatsQuery {
  readonly from: Millis;
  readonly to: Millis;
  readonly granularity: B3osGranularity;
  /** The domain's bucket size for the vendor's granularity. */
  readonly bucket: Extract<Granularity, 'hour' | 'day'>;
}

export interface ParsedStatsQuery {
  /** Present only when there is no problem. */
  readonly query?: StatsQuery;
  /** The `X-Org-ID` header, when sent (an empty header counts as absent). */
  readonly orgId?: string;
  /** At most one per query parameter, in the spec's parameter order, then the window rules. */
  readonly problems: readonly RequestProblem[];
}

/** The sibling `/v1/metrics` endpoints' cap, borrowed by the spec: 365 days. */
export const MAX_WINDOW_MS = 365 * 86_400_000;

/**
 * The last millisecond of year 9999. Beyond it `bucketStart`, `createdAt` and `finishedAt` could not be
 * written as `YYYY-MM-DDTHH:mm:ss.sssZ` (nor at all past JavaScript's date range), so a larger `from`
 * or `to` is refused with a 400 rather than answered with a 500.
 */
export const MAX_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const BUCKETS: Record<B3osGranularity, StatsQuery['bucket']> = { hourly: 'hour', daily: 'day' };
const INSTANT_ISSUE = 'must be an integer (Unix milliseconds)';

export function parseStatsQuery(op: Operation, req: ApiRequest): ParsedStatsQuery {
  const { values, problems: found } = parseParameters(op, req);
  const orgId = typeof values['X-Org-ID'] === 'string' ? values['X-Org-ID'] : undefined;
  const problems: RequestProblem[] = [];
  for (const name of ['from', 'to', 'granularity']) {
    // One entry per parameter: ajv may report a wrong value twice (type and format, or type and minimum).
    const first = found.find((p) => p.name === name);
    if (first !== undefined) problems.push(reworded(first));
  }
  const from = values.from as number;
  const to = values.to as number;
  for (const [name, at] of [['from', from], ['to', to]] as const) {
    if (!problems.some((p) => p.name === name) && at > MAX_INSTANT_MS) {
      problems.push(queryProblem(name, 'maximum', `must be <= ${MAX_INSTANT_MS} (9999-12-31T23:59:59.999Z)`, at));
    }
  }
  // The window rules only make sense between two valid instants.
  if (!problems.some((p) => p.name === 'from' || p.name === 'to')) {
    if (from > to) problems.push(queryProblem('from', 'range', 'must be <= to', from));
    else if (to - from > MAX_WINDOW_MS) problems.push(queryProblem('to', 'range', 'must be at most 365 days after from', to));
  }
  if (problems.length > 0) return { problems, ...(orgId === undefined ? {} : { orgId }) };
  const granularity = values.granularity as B3osGranularity;
  return { query: { from, to, granularity, bucket: BUCKETS[granularity] }, problems, ...(orgId === undefined ? {} : { orgId }) };
}

/** The 400 message: the problem itself when there is one, else the parameters at fault. */
export function invalidQueryMessage(problems: readonly RequestProblem[]): string {
  const [only] = problems;
  if (problems.length === 1 && only !== undefined) {
    if (only.keyword === 'required') return `missing required query parameter: ${only.name}`;
    if (only.keyword === 'range') {
      return only.name === 'from'
        ? 'invalid time range: from must be less than or equal to to'
        : 'invalid time range: max 365 days from from';
    }
    return `invalid query parameter ${only.name}: ${only.message}`;
  }
  const names = [...new Set(problems.map((p) => p.name))];
  return problems.every((p) => p.keyword === 'required')
    ? `missing required query parameters: ${names.join(', ')}`
    : `invalid query parameters: ${names.join(', ')}`;
}

/** ajv's wording ("must be integer") becomes the vendor's. */
function reworded(problem: RequestProblem): RequestProblem {
  if (problem.keyword === 'required') return { ...problem, message: 'required' };
  if (problem.name === 'granularity') return { ...problem, message: 'must be one of hourly, daily' };
  if (problem.keyword === 'minimum') return { ...problem, message: 'must be >= 0' };
  return { ...problem, message: INSTANT_ISSUE };
}

function queryProblem(name: string, keyword: string, message: string, value: unknown): RequestProblem {
  return { in: 'query', name, path: [], keyword, message, value };
}
