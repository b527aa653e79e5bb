/**
 * B3OS's error envelope (swag `ErrorResponse`, specs/b3os.yaml): `{code, message, details, requestId}`,
 * `code` = the HTTP status (assumption stated in the spec). `details` has one entry per problem, each
 * `{field|header, issue, value?}` as in the spec's 400 and 403 examples; empty when there is none.
 */
import type { components } from '../../generated/b3os.ts';
import type { ApiFailure, ErrorContext, ErrorResponse, RequestProblem } from '../shared/api-failure.ts';

type B3osError = components['schemas']['ErrorResponse'];

const STATUS: Record<ApiFailure['kind'], number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  injected: 500,
  internal: 500,
};

export function b3osError(failure: ApiFailure, ctx: ErrorContext): ErrorResponse {
  const status = failure.kind === 'injected' && failure.status !== undefined ? failure.status : STATUS[failure.kind];
  const body: B3osError = {
    code: status,
    message: failure.message,
    details: failure.problems.map(detail),
    requestId: ctx.requestId,
  };
  return { status, body };
}

/** A header problem names the header (as the 403 example does); anything else names the field. */
function detail(problem: RequestProblem): Record<string, unknown> {
  const where = problem.in === 'header' ? { header: problem.name } : { field: problem.name === '' ? problem.in : problem.name };
  return { ...where, issue: problem.message, ...(problem.value === undefined ? {} : { value: problem.value }) };
}
