/**
 * The small catalogue of ways a vendor request fails. Handlers throw an ApiFailure; each API turns it
 * into its own envelope in ONE place (its errors.ts), so no handler ever builds an error body.
 */
export type FailureKind =
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'invalid'
  | 'payload-too-large'
  | 'method-not-allowed'
  | 'unsupported-media-type'
  | 'injected'
  | 'internal';

/** One thing wrong with a request: which input, where inside it, and what. */
export interface RequestProblem {
  readonly in: 'path' | 'query' | 'header' | 'body';
  /** The parameter, or for a body the top-level field ('' for the body itself). */
  readonly name: string;
  /** Below `name`, e.g. ['period'] for `filters.period`. */
  readonly path: readonly (string | number)[];
  /** The failed rule: a JSON Schema keyword (`type`, `enum`, `required`, `minimum`, ...) or our own (`range`). */
  readonly keyword: string;
  readonly message: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly value?: unknown;
}

export class ApiFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly problems: readonly RequestProblem[] = [],
    /** For `injected` faults: the status to answer with. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/** What a vendor's error module needs to build an envelope. */
export interface ErrorContext {
  readonly requestId: string;
  /** The clock's now, for envelopes that carry a timestamp. */
  readonly now: number;
}

export interface ErrorResponse {
  readonly status: number;
  readonly body: unknown;
}

const STATUS_OF_KIND: Readonly<Record<Exclude<FailureKind, 'invalid'>, number>> = {
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  injected: 500,
  internal: 500,
};

/**
 * The HTTP status of a failure: the same on every API but for a request that breaks a rule, which each
 * vendor answers with its own status (400 or 422), and an injected fault, which carries its own.
 */
export function failureStatus(failure: ApiFailure, invalidStatus: 400 | 422): number {
  if (failure.kind === 'invalid') return invalidStatus;
  if (failure.kind === 'injected' && failure.status !== undefined && failure.status >= 400 && failure.status <= 599) return failure.status;
  return STATUS_OF_KIND[failure.kind];
}
