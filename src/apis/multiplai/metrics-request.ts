/**
 * Reading a metrics query (specs/multiplai.yaml, "Parameter sources"): the vendor sends it as a JSON body
 * on the GET; flowmock also reads it from the query string (`filters[period]=7d`). The two merge field by
 * field at the top level, the body winning, a body `filters` replacing every `filters[...]` value. The
 * merged query is validated as a whole against the spec's MetricsQuery schema, so a required field may
 * come from either source and one set of messages covers both.
 */
import type { ApiRequest } from '../../core/api-request.ts';
import type { Metric, MetricsEntity, MetricsQuery, Period, RowOrder, Aggregation } from '../../domain/analytics/workspace-metrics.ts';
import type { components } from '../../generated/multiplai.ts';
import type { Operation } from '../../openapi/spec-document.ts';
import { specValidator } from '../../openapi/spec-validator.ts';
import { ApiFailure, type RequestProblem } from '../shared/api-failure.ts';
import { parseParameters } from '../shared/request-parameters.ts';
import { METRICS_QUERY_POINTER, toValidationProblems } from './validation-messages.ts';

type QueryFields = components['schemas']['MetricsQuery'];

/** A valid query: what the response echoes, and what the domain computes. */
export interface ValidQuery {
  readonly workspaceUuid: string;
  readonly echo: { readonly entity: string; readonly metric: string; readonly aggregation: string; readonly groupBy: string | null; readonly granularity: string | null };
  readonly metrics: MetricsQuery;
}

// A byte-order mark is kept, as JSON.parse refuses it: the body is read exactly as sent.
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });
const GRANULARITY = { daily: 'day', weekly: 'week', monthly: 'month' } as const;
const DEFAULT_PERIOD: Period = '30d';

/** The merged, validated query; throws ApiFailure('invalid') with every problem otherwise. */
export function readMetricsQuery(op: Operation, req: ApiRequest): ValidQuery {
  const body = parseBody(req.body);
  const query = queryStringFields(op, req);
  // With no query-string field the merge is a copy of the body, field for field: the body itself does.
  const merged: Record<string, unknown> = hasNoFields(query) ? body : Object.fromEntries([...Object.entries(query).filter(([key]) => !Object.hasOwn(body, key)), ...Object.entries(body)]);

  const found = specValidator().validateAt('multiplai', METRICS_QUERY_POINTER, merged);
  if (found.length > 0) {
    const problems = toValidationProblems(found, merged, (field) => (Object.hasOwn(body, field) ? 'body' : 'query'));
    throw new ApiFailure('invalid', problems[0]?.message ?? 'The given data was invalid.', problems);
  }
  return toValidQuery(merged as QueryFields);
}

/**
 * The JSON body, or no fields when there is none (no body, or an empty one). Any content type is read as JSON: the vendor's cURL sample is the only client we know, and a
 * JSON body sent as `curl -d` (form-encoded) should not be silently ignored.
 */
function parseBody(raw: Uint8Array | undefined): Record<string, unknown> {
  if (raw === undefined) return {};
  const text = UTF8.decode(raw);
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw bodyProblem('json', 'The request body must be valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw bodyProblem('type', 'The request body must be a JSON object.');
  }
  // JSON.parse makes `__proto__` an own key, never a prototype: it stays a field, and is rejected as unknown.
  return parsed as Record<string, unknown>;
}

function bodyProblem(keyword: string, message: string): ApiFailure {
  const problem: RequestProblem = { in: 'body', name: '', path: [], keyword, message };
  return new ApiFailure('invalid', message, [problem]);
}

/**
 * The query-string fields, text coerced to the types the spec declares for them (`limit=10` → 10,
 * `filters[user_id]=12` stays "12" since it may be a string). Their own problems are not kept here: the
 * merged query is validated once. Fields the spec does not declare are kept raw, to be refused as unknown.
 */
function queryStringFields(op: Operation, req: ApiRequest): Record<string, unknown> {
  const raw = req.query as Record<string, unknown>;
  // No query string, no fields: what the rule below makes of it, without reading the operation's parameters.
  if (hasNoFields(raw)) return {};
  const { values } = parseParameters(op, req);
  const declared = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  return Object.fromEntries(
    Object.keys(raw).map((key) => [key, declared.has(key) ? values[key] : raw[key]]),
  );
}

/** No own field (`Object.keys(fields).length === 0`, without the array). */
function hasNoFields(fields: Record<string, unknown>): boolean {
  for (const key in fields) if (Object.hasOwn(fields, key)) return false;
  return true;
}

/** Defaults applied and `user_id` as text (12 and "12" name the same user). */
function toValidQuery(q: QueryFields): ValidQuery {
  const groupBy = q.group_by ?? undefined;
  const granularity = q.granularity ?? undefined;
  const userId = q.filters?.user_id;
  return {
    workspaceUuid: q.workspace_uuid,
    echo: { entity: q.entity, metric: q.metric, aggregation: q.aggregation, groupBy: groupBy ?? null, granularity: granularity ?? null },
    metrics: {
      entity: q.entity as MetricsEntity,
      metric: q.metric as Metric,
      aggregation: q.aggregation as Aggregation,
      groupBy,
      granularity: granularity === undefined ? undefined : GRANULARITY[granularity],
      orderBy: q.order_by as RowOrder | undefined,
      orderDir: q.order_dir,
      limit: q.limit,
      period: q.filters?.period ?? DEFAULT_PERIOD,
      userId: userId === undefined ? undefined : String(userId),
    },
  };
}
