/**
 * The vendor APIs, served from their specs: one route per operation (the vendor's paths below the API's
 * mount), injected faults first, and every failure (a thrown ApiFailure, a body too large, an unknown path
 * or method, a bug) answered in that vendor's envelope. Framework-free: a CoreRequest in, a CoreResponse out.
 */
import type { ApiName } from '../../apis.ts';
import { ApiRequest } from '../../core/api-request.ts';
import type { FaultRules } from '../../core/fault-rules.ts';
import type { CoreRequest, CoreResponse } from '../../core/http-message.ts';
import { errorDetails, type Logger } from '../../core/logger.ts';
import { pathTemplateParams, pathTemplateSource } from '../../core/path-template.ts';
import { SerializedJson } from '../../core/serialized-json.ts';
import type { MockState } from '../../domain/mock-state.ts';
import { loadSpec, type Operation, type SpecName } from '../../openapi/spec-document.ts';
import { ApiFailure, type ErrorContext, type ErrorResponse } from './api-failure.ts';

/** What a handler gets: the request, its operation, the state, and this request's id. */
export interface HandlerContext {
  readonly req: ApiRequest;
  readonly op: Operation;
  readonly state: MockState;
  readonly requestId: string;
  /** The clock's now when the request arrived: one instant for the whole answer. */
  readonly now: number;
}

/** Returns the 200 body: a value to serialise, or SerializedJson. */
export type OperationHandler = (ctx: HandlerContext) => unknown;

export interface VendorApi {
  readonly name: ApiName;
  readonly spec: SpecName;
  /** By operationId: returns the 200 body, or throws an ApiFailure. */
  readonly handlers: Readonly<Record<string, OperationHandler>>;
  /** The vendor's envelope for every failure (its errors.ts). */
  readonly toErrorResponse: (failure: ApiFailure, ctx: ErrorContext) => ErrorResponse;
}

/** What the core tells an endpoint besides the request: the faults in force, the logger, a fresh id. */
export interface EndpointServices {
  readonly state: MockState;
  readonly faults: () => FaultRules;
  readonly logger: Logger;
  readonly newRequestId: () => string;
}

/** Remembers which fault rule an answer applied, for the request journal. */
export interface ExchangeNotes {
  faultRule: string | null;
}

const INJECTED_MESSAGES: Record<number, string> = {
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

/** Bodies above this are refused with 413 in the vendor's envelope. */
export const MAX_BODY_BYTES = 1024 * 1024;

interface Route {
  readonly op: Operation;
  /** `GET` also answers `HEAD`, as Express routes do. */
  readonly methods: ReadonlySet<string>;
  readonly pattern: RegExp;
  readonly paramNames: readonly string[];
  readonly handler: OperationHandler;
}

/**
 * One API: its operations found by their spec path templates (the hot path is one lookup), its faults and
 * its envelope. `path` is below the API's mount, `/` at least.
 */
export class VendorEndpoint {
  readonly #api: VendorApi;
  readonly #services: EndpointServices;
  readonly #routes: readonly Route[];

  constructor(api: VendorApi, services: EndpointServices) {
    this.#api = api;
    this.#services = services;
    this.#routes = loadSpec(api.spec).operations().map((op) => {
      const handler = api.handlers[op.operationId];
      if (handler === undefined) throw new Error(`${api.name}: no handler for operation ${op.operationId}`);
      const method = op.method.toUpperCase();
      return { op, methods: new Set(method === 'GET' ? ['GET', 'HEAD'] : [method]), pattern: pathPattern(op.path), paramNames: pathTemplateParams(op.path), handler };
    });
  }

  get name(): ApiName {
    return this.#api.name;
  }

  handle(request: CoreRequest, path: string, notes: ExchangeNotes): CoreResponse | Promise<CoreResponse> {
    const { state, faults } = this.#services;
    // Each request gets its id and its instant; then injected faults come first, before the vendor's own auth
    // and validation, as a flaky upstream would (synchronous unless a fault applies: most requests meet none).
    const requestId = this.#services.newRequestId();
    const rules = faults();
    const fault = rules.rules.length === 0 ? undefined : rules.decide(this.#api.name, request.method, path);
    if (fault === undefined) return this.#answer(request, path, requestId, state.clock.now());
    notes.faultRule = fault.rule.id;
    const afterLatency = (): CoreResponse => {
      const now = state.clock.now();
      if (fault.status === undefined) return this.#answer(request, path, requestId, now);
      const message = fault.message ?? INJECTED_MESSAGES[fault.status] ?? `Injected fault: HTTP ${fault.status}`;
      return this.#fail(path, new ApiFailure('injected', message, [], fault.status), requestId, now);
    };
    if (fault.latencyMs <= 0) return afterLatency();
    return new Promise((resolve) => setTimeout(() => resolve(afterLatency()), fault.latencyMs));
  }

  #answer(request: CoreRequest, path: string, requestId: string, now: number): CoreResponse {
    try {
      if (request.bodyProblem !== undefined) throw bodyFailure(request.bodyProblem);
      let route: Route | undefined;
      let match: RegExpExecArray | null = null;
      for (const candidate of this.#routes) {
        match = candidate.methods.has(request.method) ? candidate.pattern.exec(path) : null;
        if (match !== null) {
          route = candidate;
          break;
        }
      }
      if (route === undefined || match === null) return this.#unrouted(request.method, path, requestId, now);
      const req = new ApiRequest(request, pathParams(route.paramNames, match));
      const body = route.handler({ req, op: route.op, state: this.#services.state, requestId, now });
      return jsonResponse(200, body, requestId);
    } catch (error) {
      return this.#fail(path, error, requestId, now);
    }
  }

  /** No operation answers this method at this path: 404, or 405 with the methods that do. */
  #unrouted(method: string, path: string, requestId: string, now: number): CoreResponse {
    const atPath = this.#routes.filter((candidate) => candidate.pattern.test(path));
    if (atPath.length === 0) return this.#fail(path, new ApiFailure('not-found', `No ${this.#api.name} endpoint at ${path}`), requestId, now);
    // GET answers HEAD too, so Allow names it.
    const allowed = atPath.flatMap((candidate) => [...candidate.methods]).join(', ');
    const failure = this.#fail(path, new ApiFailure('method-not-allowed', `${method} is not allowed here: use ${allowed}`), requestId, now);
    return { ...failure, headers: { ...failure.headers, allow: allowed } };
  }

  #fail(path: string, error: unknown, requestId: string, now: number): CoreResponse {
    const failure = error instanceof ApiFailure ? error : new ApiFailure('internal', 'Internal server error');
    if (failure.kind === 'internal') {
      this.#services.logger.error({ err: errorDetails(error), api: this.#api.name, path, requestId }, 'unexpected error');
    }
    const { status, body } = this.#api.toErrorResponse(failure, { requestId, now });
    return jsonResponse(status, body, requestId);
  }
}

/** A JSON answer with the vendor's headers: its type and this request's id. */
function jsonResponse(status: number, body: unknown, requestId: string): CoreResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestId },
    body: body instanceof SerializedJson ? body.json : JSON.stringify(body),
  };
}

/** What an adapter could not read of a body, as the catalogue's failure. */
function bodyFailure(problem: NonNullable<CoreRequest['bodyProblem']>): ApiFailure {
  switch (problem.kind) {
    case 'too-large':
      return new ApiFailure('payload-too-large', `Request body is larger than ${problem.limitBytes} bytes`);
    case 'unsupported-encoding':
      return new ApiFailure('unsupported-media-type', problem.message);
    case 'unreadable':
      return new ApiFailure('invalid', 'The request body could not be read', [{ in: 'body', name: '', path: [], keyword: 'body', message: 'could not be read' }]);
  }
}

/** The path parameters of a matched route, percent-decoded (a broken escape is the caller's 400). */
function pathParams(names: readonly string[], match: RegExpExecArray): Record<string, string> {
  const params: Record<string, string> = {};
  names.forEach((name, i) => {
    try {
      params[name] = decodeURIComponent(match[i + 1] as string);
    } catch {
      throw new ApiFailure('invalid', 'A path parameter is not valid percent-encoded UTF-8', [
        { in: 'path', name, path: [], keyword: 'format', message: 'is not valid percent-encoded UTF-8' },
      ]);
    }
  });
  return params;
}

/**
 * `/workflows/{workflowId}/analytics` → `^/workflows/([^/]+)/analytics/?$`, without regard to case: what
 * Express's router matched (a trailing slash allowed, a parameter one or more characters other than `/`).
 */
function pathPattern(template: string): RegExp {
  return new RegExp(`^${pathTemplateSource(template)}/?$`, 'i');
}
