/**
 * `flowmock/msw`: the five APIs and the admin API as MSW 2 request handlers, for `setupWorker` in a page
 * and `setupServer` in Node tests, answered by the same core as the HTTP server: same scenario and clock,
 * same status and body bytes (docs/architecture.md#adapters). The adapter translates a fetch Request into
 * the core's plain request and the core's answer into a fetch Response, and nothing else.
 */
import { http, type HttpHandler } from 'msw';
import { API_NAMES, mountPath, type ApiName } from '../apis.ts';
import { createControls, type FlowmockControls } from '../core/controls.ts';
import { ADMIN_MOUNT, FlowmockCore } from '../core/flowmock-core.ts';
import { bodyBytes, type CoreRequest, type CoreResponse } from '../core/http-message.ts';
import type { Logger } from '../core/logger.ts';
import { isClockInstant } from '../domain/clock.ts';
import { MockState } from '../domain/mock-state.ts';
import { parseInstant } from '../lib/instant.ts';
import type { ScenarioDocument } from '../domain/scenario/document.ts';
import { bundledDocuments } from '../openapi/bundled-documents.ts';
import { provideOwnDocuments } from '../openapi/own-documents.ts';
import { validateScenarioDocument } from '../scenario-files/parse.ts';
import { shippedScenario } from '../scenarios/shipped.ts';

/** Where the admin API answers, besides the five APIs, in `apis`. */
export type MountName = ApiName | 'admin';

export interface FlowmockHandlersOptions {
  /** A shipped scenario's name (default `default`) or a scenario document. */
  readonly scenario?: string | ScenarioDocument;
  /** Freezes the clock at this instant (ISO 8601 with an offset, or epoch ms); else the scenario's now, else real time. */
  readonly now?: string | number;
  /**
   * Where the mounts (`/alloy` … `/multiplai`, `/__mock`) are: an origin, optionally with a path below it. In a
   * page it defaults to the page's origin; under Node give it (or `apis`).
   */
  readonly baseUrl?: string;
  /** An API answered at another base URL instead of its mount, e.g. `{ onepin: 'https://api.onepin.ai' }`. */
  readonly apis?: Partial<Record<MountName, string>>;
  /** Where unexpected errors are reported; silent by default. */
  readonly logger?: Logger;
}

export interface FlowmockHandlers extends FlowmockControls {
  /** For `setupWorker(...handlers)` or `setupServer(...handlers)`. */
  readonly handlers: HttpHandler[];
  /** The core itself, for what the controls do not cover. */
  readonly core: FlowmockCore;
  /** Stops live mode's timer. */
  close(): void;
}

export async function createFlowmockHandlers(options: FlowmockHandlersOptions = {}): Promise<FlowmockHandlers> {
  provideOwnDocuments(bundledDocuments);
  const { scenario = 'default', now, apis = {}, logger } = options;
  const document = typeof scenario === 'string' ? shippedScenario(scenario) : validateScenarioDocument(scenario, 'the scenario option');
  const state = new MockState({ scenario: document, now: instantOf(now) });
  const core = new FlowmockCore(state, logger === undefined ? {} : { logger });
  const handlers = [...handlersAtBase(core, baseUrlOf(options), apis), ...Object.entries(apis).map(([name, base]) => handlerAtApiBase(core, name as MountName, base as string))];
  const controls = createControls(async (method, path, body) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const bytes = text === undefined ? undefined : new TextEncoder().encode(text);
    const headers: Record<string, string> = bytes === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(bytes.byteLength) };
    const response = (await core.handle({ method, path: `${ADMIN_MOUNT}${path}`, query: '', headers, body: bytes })) as CoreResponse;
    return { status: response.status, text: response.body === undefined ? '' : new TextDecoder().decode(bodyBytes(response.body)) };
  });
  return { handlers, core, close: () => core.close(), ...controls };
}

/** The mounts below the base URL, but for those answered elsewhere (`apis`). */
function handlersAtBase(core: FlowmockCore, base: string | undefined, apis: Partial<Record<MountName, string>>): HttpHandler[] {
  if (base === undefined) return [];
  const url = new URL(base);
  const prefix = url.pathname.replace(/\/+$/, '');
  const mounts = [...API_NAMES.filter((api) => apis[api] === undefined).map(mountPath), ...(apis.admin === undefined ? [ADMIN_MOUNT] : [])];
  if (mounts.length === 0) return [];
  // Mounts match without regard to case, as the server's do; the path goes on to the core as it is.
  const pattern = new RegExp(`^${escape(url.origin + prefix)}(?:${mounts.map(escape).join('|')})(?=[/?#]|$)`, 'i');
  return [http.all(pattern, async ({ request }) => answer(core, request, (path) => path.slice(prefix.length)))];
}

/** One API at a base URL of its own: what is below it is below that API's mount. */
function handlerAtApiBase(core: FlowmockCore, name: MountName, base: string): HttpHandler {
  const url = new URL(base);
  const prefix = url.pathname.replace(/\/+$/, '');
  const mount = name === 'admin' ? ADMIN_MOUNT : mountPath(name);
  const pattern = new RegExp(`^${escape(url.origin + prefix)}(?=[/?#]|$)`, 'i');
  return http.all(pattern, async ({ request }) => answer(core, request, (path) => `${mount}${path.slice(prefix.length) || '/'}`));
}

async function answer(core: FlowmockCore, request: Request, toCorePath: (path: string) => string): Promise<Response | undefined> {
  const url = new URL(request.url);
  // The raw path as sent (URL keeps percent-escapes), and the raw query without `?`.
  const coreRequest = await toCoreRequest(request, toCorePath(url.pathname), url.search.slice(1), core);
  const response = await core.handle(coreRequest);
  if (response === undefined) return undefined;
  const noBody = request.method === 'HEAD' || response.body === undefined || response.status === 204;
  return new Response(noBody ? null : (bodyBytes(response.body as NonNullable<CoreResponse['body']>) as ConstructorParameters<typeof Response>[0]), { status: response.status, headers: response.headers });
}

async function toCoreRequest(request: Request, path: string, query: string, core: FlowmockCore): Promise<CoreRequest> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  // fetch sends no body on GET or HEAD; MSW's interceptors may still pass the sender's content-length on.
  delete headers['content-length'];
  delete headers['transfer-encoding'];
  const base = { method: request.method.toUpperCase(), path, query, headers };
  if (request.method === 'GET' || request.method === 'HEAD' || request.body === null) return base;
  // A request the admin API refuses by its headers gets no body read.
  if (core.refusalBeforeBody(base) !== undefined) return base;
  const limit = core.bodyLimit(base.method, path);
  let bytes: Uint8Array;
  try {
    bytes = await decoded(request, headers['content-encoding']);
  } catch (error) {
    return { ...base, bodyProblem: { kind: 'unsupported-encoding', message: (error as Error).message } };
  }
  if (bytes.byteLength > limit) return { ...base, bodyProblem: { kind: 'too-large', limitBytes: limit } };
  return { ...base, headers: { ...headers, 'content-length': String(bytes.byteLength) }, body: bytes };
}

/** The body's bytes, its Content-Encoding undone (gzip and deflate, which every browser can decode). */
async function decoded(request: Request, encoding: string | undefined): Promise<Uint8Array> {
  const coding = (encoding ?? 'identity').trim().toLowerCase();
  if (coding === 'identity') return new Uint8Array(await request.arrayBuffer());
  if (coding !== 'gzip' && coding !== 'deflate') throw new Error(`unsupported content encoding "${coding}"`);
  // Typed apart: DOM's and Node's lib types disagree on DecompressionStream's chunk type.
  const decompress = new DecompressionStream(coding) as unknown as TransformStream<Uint8Array, Uint8Array>;
  const stream = (request.body as ReadableStream<Uint8Array>).pipeThrough(decompress);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function baseUrlOf({ baseUrl, apis }: FlowmockHandlersOptions): string | undefined {
  if (baseUrl !== undefined) return baseUrl;
  const page = (globalThis as { location?: { origin?: string } }).location?.origin;
  if (page !== undefined && page !== 'null') return page;
  if (apis !== undefined && Object.keys(apis).length > 0) return undefined;
  throw new Error('flowmock/msw: give baseUrl (where the mounts /alloy … /__mock are) or apis: outside a page there is no origin to default to');
}

function instantOf(now: string | number | undefined): number | undefined {
  if (now === undefined) return undefined;
  const at = typeof now === 'number' ? now : parseInstant(now);
  if (at === undefined || !isClockInstant(at)) throw new Error(`flowmock/msw: now must be an ISO 8601 instant with an offset or epoch ms, not ${JSON.stringify(now)}`);
  return at;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
