/**
 * Alloy's error envelope: `{"error": CODE, "message": text}` (assumption: Alloy documents none; the shape
 * comes from a third-party harvest, see specs/alloy.yaml).
 */
import type { components } from '../../generated/alloy.ts';
import type { ApiFailure, ErrorResponse } from '../shared/api-failure.ts';

type AlloyError = components['schemas']['ErrorResponse'];

const STATUS_AND_CODE: Record<ApiFailure['kind'], [number, string]> = {
  invalid: [400, 'BAD_REQUEST'],
  unauthenticated: [401, 'UNAUTHORIZED'],
  forbidden: [403, 'FORBIDDEN'],
  not_found: [404, 'NOT_FOUND'],
  method_not_allowed: [405, 'METHOD_NOT_ALLOWED'],
  payload_too_large: [413, 'PAYLOAD_TOO_LARGE'],
  unsupported_media_type: [415, 'UNSUPPORTED_MEDIA_TYPE'],
  injected: [500, 'INTERNAL_ERROR'],
  internal: [500, 'INTERNAL_ERROR'],
};

const INJECTED_CODES: Record<number, string> = { 429: 'RATE_LIMITED', 502: 'BAD_GATEWAY', 503: 'SERVICE_UNAVAILABLE', 504: 'GATEWAY_TIMEOUT' };

export function alloyError(failure: ApiFailure): ErrorResponse {
  let [status, code] = STATUS_AND_CODE[failure.kind];
  const version = failure.problems.find((p) => p.name === 'x-api-version');
  if (failure.kind === 'invalid' && version !== undefined) {
    // The one request rule Alloy documents: the x-api-version header.
    code = version.keyword === 'required' ? 'MISSING_API_VERSION' : 'UNSUPPORTED_API_VERSION';
  }
  if (failure.kind === 'injected' && failure.status !== undefined) {
    status = failure.status;
    code = INJECTED_CODES[status] ?? (status < 500 ? 'BAD_REQUEST' : 'INTERNAL_ERROR');
  }
  const body: AlloyError = { error: code, message: failure.message };
  return { status, body };
}
