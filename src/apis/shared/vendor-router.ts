/**
 * The vendor APIs, served from their specs: one route per operation (the vendor's paths below the API's
 * mount), request bodies read with a size limit, and every failure (a thrown ApiFailure, a body too large,
 * an unknown path or method, a bug) answered in that vendor's envelope.
 */
import { randomUUID } from 'node:crypto';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { mountOf, mountPath, type ApiName } from '../../apis.ts';
import type { MockState } from '../../domain/mock-state.ts';
import { pathTemplateParams, pathTemplateSource } from '../../domain/path-template.ts';
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

/** Returns the 200 body: a value to serialise, or SerializedJson. */
export type OperationHandler = (ctx: HandlerContext) => unknown;

/**
 * An answer a handler serialised itself, where building the objects would cost more than the work: its JSON
 * text, or that text's UTF-8 bytes, whole or in pieces to be written one after the other. Bytes are sent as
 * they are: for a large answer, or one answered again and again, encoding it on every request costs more
 * than the rest, and pieces a handler remembers need not even be copied into one buffer.
 */
export class SerializedJson {
  constructor(readonly json: string | Buffer | readonly Buffer[]) {}
}

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

/**
 * The five APIs as one Express middleware: a request below an API's mount (`/onepin/...`, matched without
 * regard to case, as Express mounts do) is answered here, anything else goes on to `next`. Operations are
 * found by their spec path templates, not by a stack of Express routers: the hot path is one lookup.
 */
export function vendorApis(apis: readonly VendorApi[], state: MockState): RequestHandler {
  const byMount = new Map(apis.map((api) => [mountPath(api.name), new VendorEndpoint(api, state)]));
  return (req, res, next) => {
    const path = req.path;
    const mount = mountOf(path);
    const endpoint = byMount.get(mount);
    if (endpoint === undefined) return next();
    endpoint.handle(req, res, path.slice(mount.length) || '/');
  };
}

interface Route {
  readonly op: Operation;
  /** `GET` also answers `HEAD`, as Express routes do. */
  readonly methods: ReadonlySet<string>;
  readonly pattern: RegExp;
  readonly paramNames: readonly string[];
  readonly handler: OperationHandler;
}

/** One API: its operations by path template, its faults, its body limit and its envelope. */
class VendorEndpoint {
  readonly #api: VendorApi;
  readonly #state: MockState;
  readonly #routes: readonly Route[];
  readonly #readBody = express.raw({ type: () => true, limit: MAX_BODY_BYTES });

  constructor(api: VendorApi, state: MockState) {
    this.#api = api;
    this.#state = state;
    this.#routes = loadSpec(api.spec).operations().map((op) => {
      const handler = api.handlers[op.operationId];
      if (handler === undefined) throw new Error(`${api.name}: no handler for operation ${op.operationId}`);
      const method = op.method.toUpperCase();
      return { op, methods: new Set(method === 'GET' ? ['GET', 'HEAD'] : [method]), pattern: pathPattern(op.path), paramNames: pathTemplateParams(op.path), handler };
    });
  }

  /** `path`: below the API's mount, `/` at least. */
  handle(req: Request, res: Response, path: string): void {
    const state = this.#state;
    // Each request gets its id and its instant; then injected faults come first, before the vendor's own auth
    // and validation, as a flaky upstream would (synchronous unless a fault applies: most requests meet none).
    const requestId = randomUUID();
    let now = state.clock.now();
    res.setHeader('x-request-id', requestId);
    const fault = state.faults.rules.length === 0 ? undefined : state.faults.decide(this.#api.name, req.method, path);
    if (fault === undefined) return this.#answer(req, res, path, requestId, now);
    res.locals.faultRule = fault.rule.id;
    const afterLatency = () => {
      now = state.clock.now();
      if (fault.status === undefined) return this.#answer(req, res, path, requestId, now);
      const message = fault.message ?? INJECTED_MESSAGES[fault.status] ?? `Injected fault: HTTP ${fault.status}`;
      this.#fail(req, res, path, new ApiFailure('injected', message, [], fault.status), requestId, now);
    };
    if (fault.latencyMs > 0) setTimeout(afterLatency, fault.latencyMs);
    else afterLatency();
  }

  #answer(req: Request, res: Response, path: string, requestId: string, now: number): void {
    // Every API takes its body as bytes (only Multiplai reads it, but any of them must refuse a huge one);
    // most requests are GETs without a body and skip the reader.
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
      return this.#dispatch(req, res, path, requestId, now);
    }
    this.#readBody(req, res, (error?: unknown) => {
      if (error !== undefined && error !== null) return this.#fail(req, res, path, error, requestId, now);
      this.#dispatch(req, res, path, requestId, now);
    });
  }

  #dispatch(req: Request, res: Response, path: string, requestId: string, now: number): void {
    try {
      let route: Route | undefined;
      let match: RegExpExecArray | null = null;
      for (const candidate of this.#routes) {
        match = candidate.methods.has(req.method) ? candidate.pattern.exec(path) : null;
        if (match !== null) {
          route = candidate;
          break;
        }
      }
      if (route === undefined || match === null) {
        const atPath = this.#routes.filter((candidate) => candidate.pattern.test(path));
        if (atPath.length === 0) throw new ApiFailure('not_found', `No ${this.#api.name} endpoint at ${path}`);
        const allowed = atPath.map((candidate) => candidate.op.method.toUpperCase()).join(', ');
        res.setHeader('allow', allowed);
        throw new ApiFailure('method_not_allowed', `${req.method} is not allowed here: use ${allowed}`);
      }
      req.params = pathParams(route.paramNames, match);
      const body = route.handler({ req, op: route.op, state: this.#state, requestId, now });
      if (body instanceof Promise) {
        body.then((value: unknown) => sendJson(req, res, 200, value), (error: unknown) => this.#fail(req, res, path, error, requestId, now));
      } else {
        sendJson(req, res, 200, body);
      }
    } catch (error) {
      this.#fail(req, res, path, error, requestId, now);
    }
  }

  #fail(req: Request, res: Response, path: string, error: unknown, requestId: string, now: number): void {
    const failure = toFailure(error);
    if (failure.kind === 'internal') req.log?.error({ err: error, path }, 'unexpected error');
    const { status, body } = this.#api.toErrorResponse(failure, { requestId, now });
    sendJson(req, res, status, body);
  }
}

/** The answer as JSON, written straight to Node's response (HEAD: headers only). */
function sendJson(req: Request, res: Response, status: number, body: unknown): void {
  const json = body instanceof SerializedJson ? body.json : JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  if (typeof json === 'string' || Buffer.isBuffer(json)) {
    res.setHeader('content-length', typeof json === 'string' ? Buffer.byteLength(json) : json.length);
    if (req.method === 'HEAD') res.end();
    else res.end(json);
    return;
  }
  let length = 0;
  for (const piece of json) length += piece.length;
  res.setHeader('content-length', length);
  if (req.method === 'HEAD') return void res.end();
  // Corked, the pieces leave in one writev with the headers.
  res.cork();
  for (const piece of json) res.write(piece);
  res.end();
  res.uncork();
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
  return new ApiFailure('internal', 'Internal server error');
}

/**
 * `/workflows/{workflowId}/analytics` → `^/workflows/([^/]+)/analytics/?$`, without regard to case: what
 * Express's router matched (a trailing slash allowed, a parameter one or more characters other than `/`).
 */
function pathPattern(template: string): RegExp {
  return new RegExp(`^${pathTemplateSource(template)}/?$`, 'i');
}

declare module 'express-serve-static-core' {
  interface Request {
    log?: { error: (obj: object, msg: string) => void };
  }
}
