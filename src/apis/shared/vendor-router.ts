/**
 * The Express router of one vendor API, built from its spec: one route per operation (the vendor's
 * paths below the API's mount), request bodies read with a size limit, and every failure (a thrown
 * ApiFailure, a body too large, an unknown path, a bug) answered in that vendor's envelope.
 */
import { randomUUID } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { ApiName } from '../../apis.ts';
import type { MockState } from '../../domain/mock-state.ts';
import { loadSpec, type Operation, type SpecName } from '../../openapi/spec-document.ts';
import { ApiFailure, type ErrorContext, type ErrorResponse } from './api-failure.ts';

/** What a handler gets: the request, its operation, the state, and this request's id. */
export interface HandlerContext {
  readonly req: Request;
  readonly op: Operation;
  readonly state: MockState;
  readonly requestId: string;
  /** The clock's now when the request arrived: one instant for the whole answer. */
  readonly now: number;
}

export type OperationHandler = (ctx: HandlerContext) => unknown;

export interface VendorApi {
  readonly name: ApiName;
  readonly spec: SpecName;
  /** By operationId: returns the 200 body, or throws an ApiFailure. */
  readonly handlers: Readonly<Record<string, OperationHandler>>;
  /** The vendor's envelope for every failure (its errors.ts). */
  readonly toErrorResponse: (failure: ApiFailure, ctx: ErrorContext) => ErrorResponse;
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

export function vendorRouter(api: VendorApi, state: MockState): Router {
  const router = Router({ strict: false });
  const operations = loadSpec(api.spec).operations();
  // Each request gets its id and its instant; then injected faults come first, before the vendor's own auth
  // and validation, as a flaky upstream would (synchronous unless a fault applies: most requests meet none).
  router.use((req, res, next) => {
    res.locals.requestId = randomUUID();
    res.locals.now = state.clock.now();
    res.setHeader('x-request-id', res.locals.requestId as string);
    const fault = state.faults.rules.length === 0 ? undefined : state.faults.decide(api.name, req.method, req.path);
    if (fault === undefined) return next();
    res.locals.faultRule = fault.rule.id;
    const fail = () => {
      res.locals.now = state.clock.now();
      if (fault.status === undefined) return next();
      next(new ApiFailure('injected', fault.message ?? INJECTED_MESSAGES[fault.status] ?? `Injected fault: HTTP ${fault.status}`, [], fault.status));
    };
    if (fault.latencyMs > 0) setTimeout(fail, fault.latencyMs);
    else fail();
  });
  // Every API takes its body as bytes: only Multiplai reads it, but any of them must refuse a huge one.
  const readBody = express.raw({ type: () => true, limit: MAX_BODY_BYTES });
  router.use((req, res, next) => {
    // Most requests are GETs without a body: skip the body reader entirely for them.
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return next();
    readBody(req, res, next);
  });

  for (const op of operations) {
    const handler = api.handlers[op.operationId];
    if (handler === undefined) throw new Error(`${api.name}: no handler for operation ${op.operationId}`);
    router[op.method](expressPath(op.path), async (req: Request, res: Response) => {
      const body = await handler({ req, op, state, requestId: res.locals.requestId as string, now: res.locals.now as number });
      res.status(200).json(body);
    });
  }

  router.use((req: Request) => {
    const known = operations.filter((op) => pathPattern(op.path).test(req.path));
    if (known.length > 0) {
      throw new ApiFailure('method_not_allowed', `${req.method} is not allowed here: use ${known.map((op) => op.method.toUpperCase()).join(', ')}`);
    }
    throw new ApiFailure('not_found', `No ${api.name} endpoint at ${req.path}`);
  });

  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const failure = toFailure(error);
    if (failure.kind === 'internal') req.log?.error({ err: error }, 'unexpected error');
    const ctx: ErrorContext = { requestId: (res.locals.requestId as string | undefined) ?? randomUUID(), now: (res.locals.now as number | undefined) ?? state.clock.now() };
    const { status, body } = api.toErrorResponse(failure, ctx);
    if (failure.kind === 'method_not_allowed') {
      res.set('allow', operations.filter((op) => pathPattern(op.path).test(req.path)).map((op) => op.method.toUpperCase()).join(', '));
    }
    res.status(status).json(body);
  });
  return router;
}

function toFailure(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) return error;
  const type = (error as { type?: string } | null)?.type;
  if (type === 'entity.too.large') return new ApiFailure('payload_too_large', `Request body is larger than ${MAX_BODY_BYTES} bytes`);
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new ApiFailure('unsupported_media_type', (error as Error).message);
  }
  if (type === 'request.aborted' || type === 'request.size.invalid' || type === 'stream.encoding.set') {
    return new ApiFailure('invalid', 'The request body could not be read', [{ in: 'body', name: '', path: [], keyword: 'body', message: 'could not be read' }]);
  }
  const message = (error as Error | null)?.message ?? '';
  if (message.startsWith('Failed to decode param')) {
    // A broken percent-escape in a path segment: the request, not the server, is at fault.
    return new ApiFailure('invalid', 'A path parameter is not valid percent-encoded UTF-8', [
      { in: 'path', name: '', path: [], keyword: 'format', message: 'is not valid percent-encoded UTF-8' },
    ]);
  }
  return new ApiFailure('internal', 'Internal server error');
}

/** `/workflows/{workflowId}/analytics` → `/workflows/:workflowId/analytics` */
function expressPath(template: string): string {
  return template.replace(/\{([^}]+)\}/g, ':$1');
}

function pathPattern(template: string): RegExp {
  const source = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+');
  return new RegExp(`^${source}/?$`);
}

declare module 'express-serve-static-core' {
  interface Request {
    log?: { error: (obj: object, msg: string) => void };
  }
}
