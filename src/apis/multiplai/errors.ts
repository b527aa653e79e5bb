/**
 * Multiplai's error envelopes (specs/multiplai.yaml), Laravel's: `{"message"}` for 401, 403, 413 and any
 * other status, `{"message", "errors": {field: [messages]}}` for 422, and the vendor's own
 * `{"error": "Workspace not found"}` for 404.
 */
import type { components } from '../../generated/multiplai.ts';
import type { ApiFailure, ErrorResponse, RequestProblem } from '../shared/api-failure.ts';
import { fieldOf } from './validation-messages.ts';

type MessageError = components['schemas']['MessageError'];
type NotFoundError = components['schemas']['NotFoundError'];
type ValidationError = components['schemas']['ValidationError'];

/** Laravel's stock texts, for the statuses whose failure message is ours rather than the vendor's. */
const LARAVEL_MESSAGES: Record<number, string> = {
  401: 'Unauthenticated.',
  403: 'This action is unauthorized.',
  413: 'The request body is too large.',
  429: 'Too Many Attempts.',
  500: 'Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function multiplaiError(failure: ApiFailure): ErrorResponse {
  switch (failure.kind) {
    case 'unauthenticated':
      return message(401);
    case 'forbidden':
      return message(403);
    case 'not-found': {
      const body: NotFoundError = { error: failure.message };
      return { status: 404, body };
    }
    case 'invalid':
      return { status: 422, body: validationError(failure.problems, failure.message) };
    case 'payload-too-large':
      return message(413);
    case 'method-not-allowed':
      return message(405, failure.message);
    case 'unsupported-media-type':
      return message(415, failure.message);
    case 'injected': {
      // An injected status takes the shape the spec documents for it: 404 and 422 have their own.
      const status = failure.status ?? 500;
      if (status === 404) return { status, body: { error: failure.message } satisfies NotFoundError };
      if (status === 422) return { status, body: validationError([], failure.message) };
      return message(status, failure.message);
    }
    case 'internal':
      return message(500);
  }
}

function message(status: number, fallback = 'Server Error'): ErrorResponse {
  const body: MessageError = { message: LARAVEL_MESSAGES[status] ?? fallback };
  return { status, body };
}

/**
 * Laravel's 422: every message keyed by field, and the first one as `message` with "(and N more
 * errors)" when there are more. The problems arrive in the order they are to be reported.
 */
function validationError(problems: readonly RequestProblem[], fallback: string): ValidationError {
  const errors: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  let count = 0;
  let first: string | undefined;
  for (const problem of problems) {
    const field = fieldOf(problem);
    const text = laravelText(problem, field);
    const messages = (errors[field] ??= []);
    if (messages.includes(text)) continue;
    messages.push(text);
    first ??= text;
    count++;
  }
  if (first === undefined) return { message: fallback, errors: { body: [fallback] } };
  const more = count - 1;
  return {
    message: more === 0 ? first : `${first} (and ${more} more ${more === 1 ? 'error' : 'errors'})`,
    // A plain object again, so that a field named `__proto__` is an own key of the JSON.
    errors: Object.fromEntries(Object.entries(errors)),
  };
}

/**
 * Our validation writes Laravel sentences already; a problem from the shared plumbing (a body that
 * could not be read) carries a bare phrase, made into one here.
 */
function laravelText(problem: RequestProblem, field: string): string {
  return /^The .*\.$/.test(problem.message) ? problem.message : `The ${field} ${problem.message}.`;
}
