/**
 * OnePin's error envelope (vendor SDK `ApiErrorResponse`, docs/apis.md#errors):
 * `{"error": {"code", "message", "details"?: [{"field", "message"}]}, "meta": {"request_id", "timestamp"}}`.
 * Codes and fixed messages follow the examples in specs/onepin.yaml; `details` only on a 422.
 */
import type { components } from '../../generated/onepin.ts';
import type { ApiFailure, ErrorContext, ErrorResponse, FailureKind, RequestProblem } from '../shared/api-failure.ts';

type ApiErrorResponse = components['schemas']['ApiErrorResponse'];
type ApiErrorDetail = components['schemas']['ApiErrorDetail'];

/** Status, code, and the vendor's fixed message (undefined: the failure's own message says more). */
const BY_KIND: Record<FailureKind, [number, string, string | undefined]> = {
  // One message for a missing header, another scheme or an unknown token, as the vendor answers.
  unauthenticated: [401, 'INVALID_API_KEY', 'Invalid or missing API key.'],
  forbidden: [403, 'FORBIDDEN', undefined],
  'not-found': [404, 'NOT_FOUND', undefined],
  'method-not-allowed': [405, 'METHOD_NOT_ALLOWED', undefined],
  'payload-too-large': [413, 'PAYLOAD_TOO_LARGE', 'Request body too large.'],
  'unsupported-media-type': [415, 'UNSUPPORTED_MEDIA_TYPE', undefined],
  invalid: [422, 'VALIDATION_ERROR', 'Request validation failed.'],
  injected: [500, 'INTERNAL_ERROR', undefined],
  // Never the failure's message: it may describe our bug, not the request.
  internal: [500, 'INTERNAL_ERROR', 'An unexpected error occurred.'],
};

/** Injected faults: any 4xx/5xx status, with the code OnePin uses for it. */
const INJECTED: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', 'Bad request.'],
  401: ['INVALID_API_KEY', 'Invalid or missing API key.'],
  403: ['FORBIDDEN', 'Forbidden.'],
  404: ['NOT_FOUND', 'Not found.'],
  409: ['CONFLICT', 'Conflict.'],
  413: ['PAYLOAD_TOO_LARGE', 'Request body too large.'],
  422: ['VALIDATION_ERROR', 'Request validation failed.'],
  429: ['RATE_LIMITED', 'Rate limit exceeded. Retry later.'],
  500: ['INTERNAL_ERROR', 'An unexpected error occurred.'],
  502: ['BAD_GATEWAY', 'Bad gateway.'],
  503: ['SERVICE_UNAVAILABLE', 'Service temporarily unavailable.'],
  504: ['GATEWAY_TIMEOUT', 'Gateway timeout.'],
};

export function onepinError(failure: ApiFailure, ctx: ErrorContext): ErrorResponse {
  let [status, code, message = failure.message] = BY_KIND[failure.kind];
  if (failure.kind === 'injected') {
    status = failure.status !== undefined && failure.status >= 400 && failure.status <= 599 ? failure.status : 500;
    const [injectedCode, injectedMessage] = INJECTED[status] ?? (status < 500 ? ['BAD_REQUEST', 'Bad request.'] : ['INTERNAL_ERROR', 'An unexpected error occurred.']);
    code = injectedCode;
    message = failure.message === '' ? injectedMessage : failure.message;
  }
  const body: ApiErrorResponse = {
    error: {
      code,
      message,
      ...(failure.kind === 'invalid' && failure.problems.length > 0 ? { details: failure.problems.map(toDetail) } : {}),
    },
    meta: { request_id: ctx.requestId, timestamp: new Date(ctx.now).toISOString() },
  };
  return { status, body };
}

/** `field` is the parameter's name (spec assumption); a body problem has no parameter, so it is `body`. */
function toDetail(problem: RequestProblem): ApiErrorDetail {
  return { field: problem.name === '' ? 'body' : problem.name, message: problem.message };
}
