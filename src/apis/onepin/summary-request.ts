/**
 * The runs-summary request read against specs/onepin.yaml: the workflow id, the `created_at` window and
 * the optional `X-Workspace-Id`, with EVERY parameter problem listed (the 422 names each one,
 * docs/apis.md#onepin) in OnePin's words. Nothing is thrown here: the handler decides the order of the checks.
 */
import type { ApiRequest } from '../../core/api-request.ts';
import type { CreatedWindow } from '../../domain/analytics/visible-runs.ts';
import type { Millis } from '../../domain/records.ts';
import type { Operation } from '../../openapi/spec-document.ts';
import type { RequestProblem } from '../shared/api-failure.ts';
import { parseParameters } from '../shared/request-parameters.ts';
import { isNaiveDateTime, parseOffsetDateTime } from './instant.ts';

export interface SummaryRequest {
  readonly workflowId: string;
  readonly window: CreatedWindow;
  /** The `X-Workspace-Id` header, when one was sent (an empty header counts as none). */
  readonly workspaceId: string | undefined;
  /** Every problem with `workflow_id`, `from` and `to`, in the spec's parameter order, then the range. */
  readonly problems: readonly RequestProblem[];
}

export function readSummaryRequest(op: Operation, req: ApiRequest): SummaryRequest {
  const { values, problems: found } = parseParameters(op, req);
  const problems = found.map(inOnePinWords);
  const from = bound(values.from, problems, 'from');
  const to = bound(values.to, problems, 'to');
  // Only two readable bounds can be inverted; an unreadable one already has its own problem.
  if (from !== undefined && to !== undefined && from > to) {
    problems.push({ in: 'query', name: 'from', path: [], keyword: 'range', message: "must be before or equal to 'to'", value: values.from });
  }
  const workspaceId = values['X-Workspace-Id'];
  return {
    workflowId: String(values.workflow_id),
    window: { from, to },
    workspaceId: typeof workspaceId === 'string' ? workspaceId : undefined,
    problems,
  };
}

/** A bound's instant, when it is present and has no problem yet. */
function bound(value: unknown, problems: RequestProblem[], name: 'from' | 'to'): Millis | undefined {
  if (typeof value !== 'string' || problems.some((p) => p.name === name)) return undefined;
  const at = parseOffsetDateTime(value);
  // The spec's format and this parser agree; should they ever not, the caller still gets a 422, not a 500.
  if (at === undefined) problems.push({ in: 'query', name, path: [], keyword: 'format', message: DATE_TIME_MESSAGE, value });
  return at;
}

const DATE_TIME_MESSAGE = 'must be an ISO 8601 date-time with a UTC offset';

/** The spec's examples word the problems this way ("must be a UUID", "must include a UTC offset"). */
function inOnePinWords(problem: RequestProblem): RequestProblem {
  if (problem.name === 'workflow_id') return { ...problem, message: 'must be a UUID' };
  if (problem.name === 'from' || problem.name === 'to') {
    if (typeof problem.value !== 'string') return { ...problem, message: 'must be a single ISO 8601 date-time with a UTC offset' };
    return { ...problem, message: isNaiveDateTime(problem.value) ? 'must include a UTC offset' : DATE_TIME_MESSAGE };
  }
  return problem;
}
