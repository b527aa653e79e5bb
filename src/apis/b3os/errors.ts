/**
 * B3OS's error envelope (swag `ErrorResponse`, specs/b3os.yaml): `{code, message, details, requestId}`,
 * `code` = the HTTP status (assumption stated in the spec). `details` has one entry per problem, each
 * `{field|header, issue, value?}` as in the spec's 400 and 403 examples; empty when there is none.
 */
import type { components } from '../../generated/b3os.ts';
import { failureStatus, type ApiFailure, type ErrorContext, type ErrorResponse, type RequestProblem } from '../shared/api-failure.ts';

type B3osError = components['schemas']['ErrorResponse'];

export function b3osError(failure: ApiFailure, ctx: ErrorContext): ErrorResponse {
  const status = failureStatus(failure, 400);
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
