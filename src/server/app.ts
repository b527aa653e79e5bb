/**
 * The Express adapter: CORS, then every request below a mount handed to the core as a plain request
 * (its body read up to the core's limit) and the core's answer written back; the dashboard's pages beside
 * them; any other path a JSON 404 that says where the APIs are. It translates and holds no state of its own
 * (docs/architecture.md#adapters). Every request is logged through the core's logger (docs/operations.md).
 */
import type { ServerResponse } from 'node:http';
import cors from 'cors';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { ADMIN_MOUNT, type FlowmockCore } from '../core/flowmock-core.ts';
import { mountOf } from '../apis.ts';
import type { BodyProblem, CoreRequest, CoreResponse } from '../core/http-message.ts';
import { MAX_SCENARIO_BODY_BYTES } from '../admin/admin-api.ts';
import { MAX_BODY_BYTES } from '../apis/shared/vendor-router.ts';
import { errorDetails } from '../core/logger.ts';
import { bodyReader } from './body-reader.ts';
import { dashboardRoutes } from './dashboard-routes.ts';
import { notFoundBody } from './not-found.ts';

export interface AppOptions {
  /** Origins a page may call the vendor APIs from: `true` for any (the default: front-ends call them from a browser), false for none. */
  readonly corsOrigins?: boolean | string[];
  /**
   * Origins a page may call the admin API from (`--admin-cors`): none by default, so no other page can read
   * or drive it (docs/admin-api.md#access). The core refuses what it does not list, whatever the method.
   */
  readonly adminOrigins?: readonly string[];
}

export function createApp(core: FlowmockCore, { corsOrigins = true, adminOrigins = [] }: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const vendorCors = corsOrigins === false ? undefined : cors({ origin: corsOrigins, methods: ['GET', 'HEAD', 'OPTIONS'], exposedHeaders: ['x-request-id'], maxAge: 600 });
  const adminCors = adminOrigins.length === 0 ? undefined : cors({ origin: [...adminOrigins], methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], exposedHeaders: ['x-request-id'], maxAge: 600 });
  // One body reader per limit (body-reader.ts: body-parser's, with a short way for plain bodies); only
  // requests that declare a body meet one.
  const readers = new Map([MAX_BODY_BYTES, MAX_SCENARIO_BODY_BYTES].map((limit) => [limit, bodyReader(limit)]));
  const toCore = coreAnswers(core, readers);
  const withCors = corsStep(vendorCors !== undefined || adminCors !== undefined);
  // A request to a vendor API (the hot path) meets one layer: its CORS, then the core. Each layer Express
  // passes a request through costs it a match and a few closures: the three that only passed it on were
  // about 5% of an Alloy request's CPU under load (docs/performance.md#one-express-layer-per-vendor-request).
  app.use((req, res, next) => (isVendorPath(core, req.path) ? withCors(vendorCors, req, res, () => toCore(req, res)) : next()));
  // Everything else, in order: what the core does not answer is logged (a 404 also journaled), with a
  // request id; the dashboard at /, the API reference at /__mock/docs (before the core: the rest of /__mock
  // stays protected); the admin API behind its own CORS list; a JSON 404 for whatever is left.
  app.use(offTheMounts(core));
  app.use(dashboardRoutes(core));
  app.use((req, res, next) => withCors(mountOf(req.path) === ADMIN_MOUNT ? adminCors : vendorCors, req, res, next));
  app.use((req, res, next) => (core.serves(req.path) ? toCore(req, res) : next()));
  app.use(notFound(core));
  // A throw in a page's route (the core answers its own failures): JSON, not Express's HTML page.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => internalError(core, req, res, error));
  return app;
}

/**
 * CORS for a browser's cross-origin call (it sends Origin), by the list of its part of the server; a request
 * without Origin, or to a part with no list, only needs caches told the answer varies by it (a plain header:
 * nothing to merge). A server with no list at all says nothing of Origin.
 */
function corsStep(anyList: boolean) {
  return function withCors(handler: ReturnType<typeof cors> | undefined, req: Request, res: Response, next: () => void): void {
    if (!anyList) return next();
    if (req.headers.origin === undefined || handler === undefined) {
      res.setHeader('vary', 'Origin');
      return next();
    }
    handler(req, res, next);
  };
}

/**
 * Hands a request below a mount (`core.serves`, checked by the caller) to the core, its body read first when
 * it declares one. The core answers in the event loop's check phase (`setImmediate`), not inside the HTTP
 * parser's callback: the requests that arrived together on every connection are parsed first, then answered
 * one after the other, which took 12–19% less CPU per request under load than answering each as it is
 * parsed (docs/performance.md#answers-after-the-poll-phase). A body read the short way is handed on there too.
 */
function coreAnswers(core: FlowmockCore, readers: Map<number, ReturnType<typeof bodyReader>>) {
  return function handToCore(req: Request, res: Response): void {
    const started = performance.now();
    const path = req.path;
    const base = { method: req.method, path, query: queryOf(req.url), headers: req.headers, remoteAddress: req.socket.remoteAddress };
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
      return void setImmediate(answer, core, base, started, req, res);
    }
    // Whom the admin API refuses is known from the headers: refused before a byte of the body is read.
    const refusal = core.refusalBeforeBody(base);
    if (refusal !== undefined) {
      res.setHeader('connection', 'close');
      core.logExchange(base, refusal.status, { started, requestId: refusal.headers['x-request-id'] });
      return send(req.method, res, refusal);
    }
    const limit = core.bodyLimit(req.method, path);
    const reader = readers.get(limit) ?? bodyReader(limit);
    reader(req, res, (error, body) => {
      if (error !== undefined && error !== null) return answer(core, { ...base, bodyProblem: bodyProblemOf(error, limit) }, started, req, res);
      answer(core, { ...base, body: body ?? new Uint8Array(0) }, started, req, res);
    });
  };
}

function answer(core: FlowmockCore, request: CoreRequest, started: number, req: Request, res: Response): void {
  let response: CoreResponse | Promise<CoreResponse> | undefined;
  try {
    // Below a mount (core.serves), so the core answers: never undefined here.
    response = core.handle(request, started) as CoreResponse | Promise<CoreResponse>;
  } catch (error) {
    // The core answers its own failures; this is a bug in it.
    return internalError(core, req, res, error, started);
  }
  if (response instanceof Promise) {
    response.then((r) => send(req.method, res, r)).catch((error: unknown) => internalError(core, req, res, error, started));
  } else {
    send(req.method, res, response);
  }
}

/** A bug past the core (it answers its own failures): logged with a request id, and a bare 500 without the error's text. */
function internalError(core: FlowmockCore, req: Request, res: Response, error: unknown, started?: number): void {
  const requestId = (res.getHeader('x-request-id') as string | undefined) ?? core.newRequestId();
  core.logger.error({ err: errorDetails(error), path: req.path, requestId }, 'unexpected error writing an answer');
  if (res.headersSent) return void res.destroy();
  if (started !== undefined) core.logExchange({ method: req.method, path: req.path, query: queryOf(req.url), headers: req.headers }, 500, { started, requestId });
  res.statusCode = 500;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('x-request-id', requestId);
  res.end(`{"error":"internal","message":"Internal server error (request id ${requestId})"}`);
}

/** Writes the core's answer straight to Node's response (HEAD: headers only; pieces corked into one write). */
function send(method: string, res: ServerResponse, { status, headers, body }: CoreResponse): void {
  res.statusCode = status;
  for (const name in headers) res.setHeader(name, headers[name] as string);
  if (body === undefined) return void res.end();
  if (typeof body === 'string' || body instanceof Uint8Array) {
    // One piece: Node writes its Content-Length when it ends the answer with it (counting a text's bytes
    // itself, so counting them here first was a second pass over every answer); HEAD sends none, so says it
    // (docs/performance.md#one-copy-of-an-answers-text).
    if (method !== 'HEAD') return void res.end(body);
    res.setHeader('content-length', typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
    return void res.end();
  }
  let length = 0;
  for (const piece of body) length += typeof piece === 'string' ? Buffer.byteLength(piece) : piece.byteLength;
  res.setHeader('content-length', length);
  if (method === 'HEAD') return void res.end();
  res.cork();
  for (const piece of body) res.write(piece);
  res.end();
  res.uncork();
}

/** Answered off the core, so journaled here: a 404 off the mounts (the dashboard's pages are logged only). */
const JOURNALED = 'flowmockJournaled';

/**
 * A path below no mount (the dashboard's pages, or nothing): it gets a request id, and its answer is logged
 * once sent; a 404 (notFound) is journaled as well, as the core's answers are.
 */
function offTheMounts(core: FlowmockCore) {
  return function logOffTheMounts(req: Request, res: Response, next: NextFunction): void {
    if (core.serves(req.path)) return next();
    const started = performance.now();
    const timing = { atMs: Date.now(), clockMs: core.state.clock.now(), started, requestId: core.newRequestId() };
    res.setHeader('x-request-id', timing.requestId);
    res.on('finish', () => {
      const request = { method: req.method, path: req.path, query: queryOf(req.url), headers: req.headers };
      if (res.locals[JOURNALED] === true) core.recordExchange(request, res.statusCode, timing);
      else core.logExchange(request, res.statusCode, timing);
    });
    next();
  };
}

/** Whatever nothing answered: a JSON 404 saying where the APIs are (HEAD: its headers). */
function notFound(core: FlowmockCore) {
  return function answerNotFound(req: Request, res: Response): void {
    res.locals[JOURNALED] = true;
    if (res.getHeader('x-request-id') === undefined) res.setHeader('x-request-id', core.newRequestId());
    send(req.method, res, { status: 404, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(notFoundBody(req.method, req.path)) });
  };
}

/** Below a vendor API's mount (not the admin API's, where the API reference lives). */
function isVendorPath(core: FlowmockCore, path: string): boolean {
  return core.serves(path) && mountOf(path) !== ADMIN_MOUNT;
}

function queryOf(url: string): string {
  const mark = url.indexOf('?');
  return mark < 0 ? '' : url.slice(mark + 1);
}

/** What the body reader could not do, in the core's words. */
function bodyProblemOf(error: unknown, limit: number): BodyProblem {
  const { type, message } = error as { type?: string; message?: string };
  if (type === 'entity.too.large') return { kind: 'too-large', limitBytes: limit };
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return { kind: 'unsupported-encoding', message: message ?? 'unsupported content encoding' };
  return { kind: 'unreadable', message: message ?? 'the body could not be read' };
}
