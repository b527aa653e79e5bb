/**
 * StackAI `GET /analytics/org/{org_id}/flows/{flow_id}` (specs/stackai.yaml, operationId getAnalyticsDataApi):
 * a page of run summaries of one flow, newest first, as a bare array. Checks in the spec's (FastAPI's)
 * order: bearer API key (401), query parameters (422, every problem), org_id is the key's workspace (403),
 * flow of that workspace created by now (404).
 */
import { runPage } from '../../domain/analytics/run-pages.ts';
import type { StackAiState } from '../../domain/status.ts';
import type { operations } from '../../generated/stackai.ts';
import type { SerializedJson } from '../../core/serialized-json.ts';
import { ApiFailure, type RequestProblem } from '../shared/api-failure.ts';
import { authenticate } from '../shared/authenticate.ts';
import { parseParameters } from '../shared/request-parameters.ts';
import type { HandlerContext, VendorApi } from '../shared/vendor-router.ts';
import { stackaiError } from './errors.ts';
import { instantOf } from './query-dates.ts';
import { runSummariesJson } from './run-summaries-text.ts';
import { stackaiState } from './workflow-state.ts';

/** Once parseParameters reports no problem, the values have the spec's types. */
type Query = NonNullable<operations['getAnalyticsDataApi']['parameters']['query']>;

const DEFAULT_PAGE = 0;
const DEFAULT_PAGE_SIZE = 25;

/** The page as JSON bytes (run-summaries-text.ts): what JSON.stringify writes of `page.map(runSummary)`. */
function flowRuns({ req, op, state, now }: HandlerContext): SerializedJson {
  const workspace = authenticate(req, state);
  const { values, problems } = parseParameters(op, req);
  const query = values as Query;
  for (const name of ['page', 'page_size'] as const) finiteInteger(name, values[name], problems);
  const from = bound('start_date', query.start_date, problems);
  const to = bound('end_date', query.end_date, problems);
  if (problems.length > 0) throw new ApiFailure('invalid', 'Invalid request parameters', problems);

  const orgId = String(values.org_id);
  if (orgId !== workspace.workspace.id) throw new ApiFailure('forbidden', `You do not have access to organization ${orgId}`);
  const flowId = String(values.flow_id);
  const flow = workspace.flows.get(flowId);
  const runs = workspace.runsByFlow.get(flowId);
  if (flow === undefined || runs === undefined || flow.createdAt > now) throw new ApiFailure('not-found', `Flow ${flowId} not found`);

  const states = query.state == null ? undefined : new Set(query.state.split(',') as StackAiState[]);
  const page = runPage(runs, now, {
    from,
    to,
    userId: query.user_id ?? undefined,
    where: states === undefined ? undefined : (observed) => states.has(stackaiState(observed)),
    page: query.page ?? DEFAULT_PAGE,
    pageSize: query.page_size ?? DEFAULT_PAGE_SIZE,
  });
  return runSummariesJson(page, { workspace, flow });
}

/** `1e999` reads as a number but names no integer (JSON Schema's integer check lets Infinity through). */
function finiteInteger(name: 'page' | 'page_size', value: unknown, problems: RequestProblem[]): void {
  if (typeof value !== 'number' || Number.isFinite(value) || problems.some((p) => p.name === name)) return;
  problems.push({ in: 'query', name, path: [], keyword: 'type', message: 'must be integer', value });
}

/**
 * A window bound as an instant. The spec's formats already vetted the text (a problem is listed when not);
 * one that passes them yet names no instant is listed too, so a bad bound never becomes an open one.
 */
function bound(name: 'start_date' | 'end_date', text: string | null | undefined, problems: RequestProblem[]): number | undefined {
  if (text == null || problems.some((p) => p.name === name)) return undefined;
  const at = instantOf(text);
  if (at === undefined) problems.push({ in: 'query', name, path: [], keyword: 'format', message: 'must be a date-time or a date', value: text });
  return at;
}

export const stackaiApi: VendorApi = {
  name: 'stackai',
  spec: 'stackai',
  handlers: { getAnalyticsDataApi: flowRuns },
  toErrorResponse: stackaiError,
};
