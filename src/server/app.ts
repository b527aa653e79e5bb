/**
 * The Express adapter: CORS, then every request below a mount handed to the core as a plain request
 * (its body read up to the core's limit) and the core's answer written back; any other path goes on to
 * Express's own 404. It translates and holds no state of its own (docs/architecture.md#adapters).
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
import { dashboardRoutes } from './dashboard-routes.ts';

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
  app.use(dashboardRoutes(core)); // the dashboard at /, the API reference at /__mock/docs (before the core: the rest of /__mock stays protected)
  const vendorCors = corsOrigins === false ? undefined : cors({ origin: corsOrigins, methods: ['GET', 'HEAD', 'OPTIONS'], exposedHeaders: ['x-request-id'], maxAge: 600 });
  const adminCors = adminOrigins.length === 0 ? undefined : cors({ origin: [...adminOrigins], methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], exposedHeaders: ['x-request-id'], maxAge: 600 });
  // CORS for a browser's cross-origin call (it sends Origin), each part of the server with its own list; a
  // request without Origin only needs caches told the answer varies by it (a plain header: nothing to merge).
  if (vendorCors !== undefined || adminCors !== undefined) app.use((req, res, next) => {
    if (req.headers.origin === undefined) {
      res.setHeader('vary', 'Origin');
      return next();
    }
    const handler = mountOf(req.path) === ADMIN_MOUNT ? adminCors : vendorCors;
    if (handler === undefined) {
      res.setHeader('vary', 'Origin');
      return next();
    }
    handler(req, res, next);
  });
  // One body reader per limit, each undoing Content-Encoding; only requests that declare a body meet one.
  const readers = new Map([MAX_BODY_BYTES, MAX_SCENARIO_BODY_BYTES].map((limit) => [limit, express.raw({ type: () => true, limit })]));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const path = req.path;
    if (!core.serves(path)) return offTheMounts(core, req, res, next);
    const base = { method: req.method, path, query: queryOf(req.url), headers: req.headers, remoteAddress: req.socket.remoteAddress };
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
      return answer(core, base, req, res, next);
    }
    // Whom the admin API refuses is known from the headers: refused before a byte of the body is read.
    const refusal = core.refusalBeforeBody(base);
    if (refusal !== undefined) {
      res.setHeader('connection', 'close');
      return send(req.method, res, refusal);
    }
    const limit = core.bodyLimit(req.method, path);
    const reader = readers.get(limit) ?? express.raw({ type: () => true, limit });
    reader(req, res, (error?: unknown) => {
      if (error !== undefined && error !== null) return answer(core, { ...base, bodyProblem: bodyProblemOf(error, limit) }, req, res, next);
      const body = req.body as Buffer | undefined;
      answer(core, { ...base, body: Buffer.isBuffer(body) ? body : new Uint8Array(0) }, req, res, next);
    });
  });
  return app;
}

function answer(core: FlowmockCore, request: CoreRequest, req: Request, res: Response, next: NextFunction): void {
  let response: CoreResponse | Promise<CoreResponse> | undefined;
  try {
    response = core.handle(request);
  } catch (error) {
    // The core answers its own failures; this is a bug in it.
    return internalError(core, req, res, error);
  }
  if (response === undefined) return next();
  if (response instanceof Promise) {
    response.then((r) => send(req.method, res, r)).catch((error: unknown) => internalError(core, req, res, error));
  } else {
    send(req.method, res, response);
  }
}

/** A bug past the core (it answers its own failures): logged, and a bare 500 without the error's text. */
function internalError(core: FlowmockCore, req: Request, res: Response, error: unknown): void {
  core.logger.error({ err: errorDetails(error), path: req.path }, 'unexpected error writing an answer');
  if (res.headersSent) return void res.destroy();
  res.statusCode = 500;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end('{"error":"internal","message":"Internal server error"}');
}

/** Writes the core's answer straight to Node's response (HEAD: headers only; pieces corked into one write). */
function send(method: string, res: ServerResponse, { status, headers, body }: CoreResponse): void {
  res.statusCode = status;
  for (const name in headers) res.setHeader(name, headers[name] as string);
  if (body === undefined) return void res.end();
  if (typeof body === 'string' || body instanceof Uint8Array) {
    res.setHeader('content-length', typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
    if (method === 'HEAD') res.end();
    else res.end(body);
    return;
  }
  let length = 0;
  for (const piece of body) length += piece.byteLength;
  res.setHeader('content-length', length);
  if (method === 'HEAD') return void res.end();
  res.cork();
  for (const piece of body) res.write(piece);
  res.end();
  res.uncork();
}

/** A path below no mount: Express answers it (its 404), and the journal still records it. */
function offTheMounts(core: FlowmockCore, req: Request, res: Response, next: NextFunction): void {
  const started = performance.now();
  const timing = { atMs: Date.now(), clockMs: core.state.clock.now(), started };
  const request = { method: req.method, path: req.path, query: queryOf(req.url), headers: req.headers };
  res.on('finish', () => core.recordExchange(request, res.statusCode, timing));
  next();
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
