/**
 * StackAI's error envelopes (specs/stackai.yaml): FastAPI's. A 422 is `HTTPValidationError`
 * (`{"detail": [{loc, msg, type}, ...]}`, every problem); everything else is `HTTPError` (`{"detail": text}`),
 * with FastAPI's and Starlette's own texts where the framework would answer by itself.
 */
import { STATUS_TEXT } from '../../core/status-text.ts';
import type { components } from '../../generated/stackai.ts';
import { failureStatus, type ApiFailure, type ErrorResponse } from '../shared/api-failure.ts';
import { validationErrors } from './validation-errors.ts';

type HttpError = components['schemas']['HTTPError'];
type HttpValidationError = components['schemas']['HTTPValidationError'];

/** FastAPI's security dependencies answer this, whatever was wrong with the credentials. */
const NOT_AUTHENTICATED = 'Not authenticated';

export function stackaiError(failure: ApiFailure): ErrorResponse {
  const status = failureStatus(failure, 422);
  if (status === 422) return { status, body: validationBody(failure) };
  const body: HttpError = { detail: detailText(failure, status) };
  return { status, body };
}

function validationBody(failure: ApiFailure): HttpValidationError {
  const detail = validationErrors(failure.problems);
  // An injected 422 (or a bare one) has no problems of its own: it still answers in the documented shape.
  if (detail.length === 0) detail.push({ loc: [], msg: failure.kind === 'injected' ? 'Unprocessable Entity' : failure.message, type: 'value_error' });
  return { detail };
}

function detailText(failure: ApiFailure, status: number): string {
  switch (failure.kind) {
    case 'unauthenticated':
      return NOT_AUTHENTICATED;
    case 'forbidden':
    case 'not-found':
      return failure.message;
    case 'payload-too-large':
      return 'Request body too large';
    default:
      // Starlette's texts for what the framework answers by itself: "Method Not Allowed", "Internal Server Error", ...
      return STATUS_TEXT[status] ?? failure.message;
  }
}
