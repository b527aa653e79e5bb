/**
 * The admin API's errors: RFC 9457 problem details (`application/problem+json`), built here and only
 * here. Handlers throw an AdminProblem; the router's error handler sends it.
 */
export type ProblemType =
  | 'malformed-body' | 'invalid-request' | 'unauthorized' | 'loopback-only' | 'not-found'
  | 'invalid-transition' | 'run-conflict' | 'duplicate-id' | 'payload-too-large' | 'invalid-scenario'
  | 'method-not-allowed' | 'unsupported-media-type' | 'internal-error' | 'host-not-allowed' | 'origin-not-allowed' | 'build-in-progress' | 'insufficient-storage' | 'storage-unavailable';

const STATUS_AND_TITLE: Record<ProblemType, [number, string]> = {
  'malformed-body': [400, 'Malformed request body'],
  'invalid-request': [400, 'Invalid request'],
  unauthorized: [401, 'Admin token required'],
  'loopback-only': [403, 'Admin API is loopback-only'],
  'host-not-allowed': [403, 'Host not allowed'],
  'origin-not-allowed': [403, 'Origin not allowed'],
  'not-found': [404, 'Not found'],
  'invalid-transition': [409, 'Impossible run transition'],
  'run-conflict': [409, 'Run rules broken'],
  'duplicate-id': [409, 'Duplicate id'],
  'build-in-progress': [409, 'A scenario is being built'],
  'payload-too-large': [413, 'Payload too large'],
  'invalid-scenario': [422, 'Invalid scenario'],
  'method-not-allowed': [405, 'Method not allowed'],
  'unsupported-media-type': [415, 'Unsupported media type'],
  'internal-error': [500, 'Internal error'],
  'insufficient-storage': [507, 'Insufficient storage'],
  'storage-unavailable': [503, 'Storage unavailable'],
};

export interface ProblemField {
  readonly in?: 'body' | 'query' | 'path' | 'header';
  /** JSON pointer into that input. */
  readonly path: string;
  readonly message: string;
}

export class AdminProblem extends Error {
  constructor(
    readonly type: ProblemType,
    readonly detail: string,
    readonly errors: readonly ProblemField[] = [],
  ) {
    super(detail);
    this.name = 'AdminProblem';
  }

  get status(): number {
    return STATUS_AND_TITLE[this.type][0];
  }

  body(instance: string): Record<string, unknown> {
    const [status, title] = STATUS_AND_TITLE[this.type];
    return {
      type: `https://flowmock.dev/problems/${this.type}`,
      title,
      status,
      detail: this.detail,
      instance,
      ...(this.errors.length > 0 ? { errors: this.errors } : {}),
    };
  }
}
