/**
 * Alloy's error envelope: `{"error": CODE, "message": text}` (assumption: Alloy documents none; the shape
 * comes from a third-party harvest, see specs/alloy.yaml).
 */
import type { components } from '../../generated/alloy.ts';
import { failureStatus, type ApiFailure, type ErrorResponse } from '../shared/api-failure.ts';

type AlloyError = components['schemas']['ErrorResponse'];

const CODE: Record<ApiFailure['kind'], string> = {
  invalid: 'BAD_REQUEST',
  unauthenticated: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  'not-found': 'NOT_FOUND',
  'method-not-allowed': 'METHOD_NOT_ALLOWED',
  'payload-too-large': 'PAYLOAD_TOO_LARGE',
  'unsupported-media-type': 'UNSUPPORTED_MEDIA_TYPE',
  injected: 'INTERNAL_ERROR',
  internal: 'INTERNAL_ERROR',
};

const INJECTED_CODES: Record<number, string> = { 429: 'RATE_LIMITED', 502: 'BAD_GATEWAY', 503: 'SERVICE_UNAVAILABLE', 504: 'GATEWAY_TIMEOUT' };

export function alloyError(failure: ApiFailure): ErrorResponse {
  const status = failureStatus(failure, 400);
  let code = CODE[failure.kind];
  const version = failure.problems.find((p) => p.name === 'x-api-version');
  if (failure.kind === 'invalid' && version !== undefined) {
    // The one request rule Alloy documents: the x-api-version header.
    code = version.keyword === 'required' ? 'MISSING_API_VERSION' : 'UNSUPPORTED_API_VERSION';
  }
  if (failure.kind === 'injected') code = INJECTED_CODES[status] ?? (status < 500 ? 'BAD_REQUEST' : 'INTERNAL_ERROR');
  const body: AlloyError = { error: code, message: failure.message };
  return { status, body };
}
