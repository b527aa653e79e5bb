/**
 * The checks on every exchange of the bad-input fuzzer (Schemathesis' `not_a_server_error`, and what we
 * know besides of our envelopes and our state):
 *
 * - the server answered: no crash (the process died), no hang (an answer within a bound, plus any latency
 *   a fault rule in force may add), no throw out of the core;
 * - no 5xx unless a fault rule injected it;
 * - the status is one the spec documents for the operation (or 404/405 for an unknown path or method,
 *   415 for a body encoding that cannot be read, as docs/apis.md#errors lists), never `default` by accident;
 * - the content type and body are what the spec documents for that status (the API's error envelope for
 *   an error), checked by src/openapi/spec-validator.ts; a 405 names the allowed methods;
 * - a request that failed (and any read) changed nothing: scenario, clock, fault rules, live mode, counts
 *   and the dataset's digest are as before.
 */
import { mountOf } from '../../src/apis.ts';
import { pathTemplateSource } from '../../src/core/path-template.ts';
import { loadSpec, type Operation, type SpecName } from '../../src/openapi/spec-document.ts';
import { specValidator } from '../../src/openapi/spec-validator.ts';
import { ScenarioError } from '../../src/scenario-files/scenario-error.ts';
import { validateScenarioDocument } from '../../src/scenario-files/parse.ts';
import type { FuzzRequest } from './arbitraries.ts';
import type { StateDigest } from './protocol.ts';

export interface Exchange {
  readonly request: FuzzRequest;
  /** Straight into the core, or over a loopback socket through the Express adapter. */
  readonly via: 'core' | 'http';
  readonly outcome: 'answered' | 'not-served' | 'hang' | 'crash' | 'connection-error';
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | undefined;
  readonly elapsedMs: number;
  readonly before?: StateDigest | undefined;
  readonly after?: StateDigest | undefined;
  /** The fault rule that applied (core: from the journal); undefined when unknown (HTTP). */
  readonly faultRule?: string | null | undefined;
  /** Statuses the rules in force may inject. */
  readonly faultStatuses: readonly number[];
  /** The longest latency the rules in force may add. */
  readonly maxLatencyMs: number;
  /** Unexpected errors the core logged while answering. */
  readonly logged: readonly string[];
  /** The core threw instead of answering. */
  readonly threw?: string | undefined;
  /** What happened, for a crash, a hang or a broken connection. */
  readonly detail?: string | undefined;
}

export type ViolationKind =
  | 'crash' | 'hang' | 'threw' | 'server-error' | 'undocumented-status' | 'envelope' | 'content-type' | 'not-json'
  | 'allow-header' | 'request-id' | 'state-changed' | 'connection';

/** The promise (never a crash, a hang or a 500; a failed request changes nothing), and the contract besides it. */
export const PROMISE_KINDS: readonly ViolationKind[] = ['crash', 'hang', 'threw', 'server-error', 'state-changed', 'connection'];
export const CONTRACT_KINDS: readonly ViolationKind[] = ['undocumented-status', 'envelope', 'content-type', 'not-json', 'allow-header', 'request-id'];

/**
 * Responses the spec validator itself could not check (it threw), by operation and status: a problem of the
 * validator, not of the answer, reported apart (see validateBody).
 */
export const validatorFailures = new Map<string, string>();

export interface Violation {
  readonly kind: ViolationKind;
  readonly message: string;
}

export interface OracleOptions {
  /** How long an answer may take, on top of injected latency: 2 s. */
  readonly timeBoundMs?: number;
}

/** The most a request head may weigh before Node itself refuses it (431). */
const NODE_MAX_HEADER_BYTES = 16 * 1024;
const API_SPECS: Readonly<Record<string, SpecName>> = {
  '/alloy': 'alloy', '/stackai': 'stackai', '/onepin': 'onepin', '/b3os': 'b3os', '/multiplai': 'multiplai', '/__mock': 'admin',
};
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Route {
  readonly op: Operation;
  readonly pattern: RegExp;
}

const routesBySpec = new Map<SpecName, readonly Route[]>();

/** The spec's operations as the routers match them: without regard to case, a trailing slash allowed. */
function routesOf(spec: SpecName): readonly Route[] {
  let routes = routesBySpec.get(spec);
  if (routes === undefined) {
    routes = loadSpec(spec).operations().map((op) => ({ op, pattern: new RegExp(`^${pathTemplateSource(op.path)}/?$`, 'i') }));
    routesBySpec.set(spec, routes);
  }
  return routes;
}

export interface Classification {
  /** The spec of the API the path is below; undefined for a path below no mount. */
  readonly spec?: SpecName;
  /** The operation the request reaches. */
  readonly op?: Operation;
  /** Why no operation: no path like it (404), or not with this method (405). */
  readonly unrouted?: 404 | 405;
  /** The operation whose `default` (and 404) responses describe the envelope of an unrouted answer. */
  readonly envelopeOp?: Operation;
}

export function classify(method: string, path: string): Classification {
  const mount = mountOf(path);
  const spec = API_SPECS[mount];
  if (spec === undefined) return {};
  const below = spec === 'admin' ? path : path.slice(mount.length) || '/';
  const routes = routesOf(spec);
  const atPath = routes.filter((r) => r.pattern.test(below));
  const wanted = method === 'HEAD' ? ['head', 'get'] : [method.toLowerCase()];
  const route = atPath.find((r) => wanted.includes(r.op.method));
  const envelopeOp = (spec === 'admin' ? routes.find((r) => r.op.operationId === 'getHealth') : routes[0])?.op;
  if (route !== undefined) return { spec, op: route.op, envelopeOp: route.op };
  return { spec, unrouted: atPath.length === 0 ? 404 : 405, ...(envelopeOp === undefined ? {} : { envelopeOp }) };
}

/** The size of the request head as sent (request line and header lines). */
export function headBytes(request: FuzzRequest): number {
  let size = request.method.length + request.path.length + request.query.length + 16;
  for (const [name, value] of request.headers) size += name.length + value.length + 4;
  return size;
}

export function checkExchange(ex: Exchange, { timeBoundMs = 2000 }: OracleOptions = {}): Violation[] {
  const violations: Violation[] = [];
  const add = (kind: ViolationKind, message: string) => violations.push({ kind, message });
  const { request } = ex;
  if (ex.outcome === 'crash') return [{ kind: 'crash', message: `the server process died: ${ex.detail ?? ''}` }];
  if (ex.outcome === 'hang') return [{ kind: 'hang', message: `no answer within ${Math.round(ex.elapsedMs)} ms: ${ex.detail ?? ''}` }];
  if (ex.outcome === 'connection-error') return [{ kind: 'connection', message: `the connection failed without an answer: ${ex.detail ?? ''}` }];
  if (ex.threw !== undefined) add('threw', `core.handle threw (Express answers its own 500): ${ex.threw}`);

  const bound = timeBoundMs + ex.maxLatencyMs;
  if (ex.elapsedMs > bound) add('hang', `answered after ${Math.round(ex.elapsedMs)} ms (bound ${bound} ms)`);
  checkState(ex, add);

  if (ex.outcome === 'not-served') return violations;
  const where = classify(request.method, request.path);
  const status = ex.status;
  const injected = ex.faultRule !== undefined ? ex.faultRule !== null : ex.faultStatuses.includes(status);

  // Answers that are not ours: Express's own 404 below no mount, CORS preflights, Node's parser refusing a head.
  if (ex.via === 'http') {
    // Every answer of the app carries `Vary: Origin` (its first middleware); Node's own refusals do not.
    const fromOurApp = ex.headers.vary !== undefined;
    if (!fromOurApp && (status === 400 || (status === 431 && headBytes(request) > NODE_MAX_HEADER_BYTES))) return violations;
    // An Expect other than 100-continue: Node answers 417 itself (RFC 9110 §10.1.1) before any request event.
    const expect = request.headers.find(([n]) => n.toLowerCase() === 'expect')?.[1];
    if (!fromOurApp && status === 417 && expect !== undefined && expect.toLowerCase() !== '100-continue') return violations;
    if (request.method === 'OPTIONS' && request.headers.some(([n]) => n.toLowerCase() === 'origin') && status === 204) return violations;
  }
  if (where.spec === undefined) {
    if (status >= 500) add('server-error', `${status} for a path below no mount`);
    else if (status !== 404) add('undocumented-status', `${status} for a path below no mount (expected Express's 404)`);
    return violations;
  }

  if (status >= 500 && !injected) {
    add('server-error', `${status} without a fault rule${ex.logged.length > 0 ? `; the core logged: ${ex.logged.join(' | ')}` : ''}`);
  } else if (ex.logged.length > 0) {
    add('server-error', `the core logged an unexpected error: ${ex.logged.join(' | ')}`);
  }

  const expected = allowedStatuses(where, request, injected ? status : undefined, ex.via);
  if (!expected.has(status) && !(status >= 500 && !injected)) {
    add('undocumented-status', `${status} is not documented for ${where.op?.operationId ?? `an unknown ${where.unrouted === 405 ? 'method' : 'path'} of ${where.spec}`} (expected one of ${[...expected].sort().join(', ')})`);
  }

  const op = where.op ?? where.envelopeOp;
  if (op !== undefined && status >= 200) checkEnvelope(ex, op, add);
  if (status === 405 && !injected && (ex.headers.allow ?? '') === '') add('allow-header', '405 without an Allow header (RFC 9110 §15.5.6)');
  if (where.spec !== 'admin' && status >= 400 && ex.headers['x-request-id'] === undefined) add('request-id', `a ${where.spec} error without x-request-id`);
  return violations;
}

/** Methods for which Node's client sends an (empty, chunked) body even when given none. */
const NODE_CHUNKED_BY_DEFAULT = new Set(['POST', 'PUT', 'PATCH', 'PURGE', 'PROPFIND', 'SEARCH', 'LOCK', 'MKCOL']);

/** Whether the server got a body: one was given, or Node's client sent an empty one of its own accord. */
export function carriesBody(request: FuzzRequest, via: 'core' | 'http'): boolean {
  return request.body !== undefined || (via === 'http' && NODE_CHUNKED_BY_DEFAULT.has(request.method));
}

/** The statuses a request may get: documented for its operation, plus the catalogue's 404/405/415 and injected faults. */
export function allowedStatuses(where: Classification, request: FuzzRequest, injected: number | undefined, via: 'core' | 'http' = 'core'): Set<number> {
  const allowed = new Set<number>();
  const hasBody = carriesBody(request, via);
  if (where.op !== undefined) {
    for (const code of Object.keys(where.op.responses)) if (/^\d{3}$/.test(code)) allowed.add(Number(code));
  } else if (where.unrouted !== undefined) {
    allowed.add(where.unrouted);
    // A vendor reads the body before it routes: a body it cannot read is answered whatever the path.
    if (where.spec !== 'admin' && hasBody) for (const code of [413, 415, where.spec === 'alloy' || where.spec === 'b3os' ? 400 : 422]) allowed.add(code);
  }
  // A body whose encoding or charset cannot be read (docs/apis.md#errors; specs/admin.yaml "Other errors").
  if (hasBody && (where.spec !== 'admin' || where.op?.requestBody !== undefined)) allowed.add(415);
  if (injected !== undefined) allowed.add(injected);
  for (const code of [...allowed]) if (code >= 500 && code !== injected) allowed.delete(code);
  return allowed;
}

function checkEnvelope(ex: Exchange, op: Operation, add: (kind: ViolationKind, message: string) => void): void {
  const status = ex.status;
  const contentType = ex.headers['content-type'];
  const documented = op.responses[String(status)] ?? op.responses.default;
  const mediaTypes = Object.keys(documented?.content ?? {});
  const isHeadOverHttp = ex.via === 'http' && ex.request.method === 'HEAD';
  const text = ex.body === undefined ? '' : new TextDecoder().decode(ex.body);
  if (mediaTypes.length === 0) {
    if (text !== '' && !isHeadOverHttp) add('envelope', `${status} documents no body, got ${cut(text)}`);
    return;
  }
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!mediaTypes.includes(mediaType)) {
    add('content-type', `${status} with content-type ${JSON.stringify(contentType ?? null)} (documented: ${mediaTypes.join(', ')}); body ${cut(text)}`);
    return;
  }
  if (isHeadOverHttp) return;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    add('not-json', `${status} ${mediaType} body is not JSON: ${cut(text)}`);
    return;
  }
  const problems = validateBody(op, status, contentType, body);
  if (problems.length > 0) {
    add('envelope', `${status} body does not match ${op.spec}'s ${String(status) in op.responses ? String(status) : 'default'} response of ${op.operationId}: ${problems.slice(0, 3).map((p) => `${p.path || '/'} ${p.message}`).join('; ')}; body ${cut(text)}`);
    return;
  }
  // What the envelopes promise beyond their schemas.
  const record = body as Record<string, unknown>;
  if (op.spec === 'admin' && status >= 400 && record.status !== status) add('envelope', `problem.status ${String(record.status)} differs from the HTTP status ${status}`);
  if (op.spec === 'b3os' && status >= 400 && record.code !== status) add('envelope', `B3OS code ${String(record.code)} differs from the HTTP status ${status}`);
}

/**
 * The spec validator's problems with a body. `GET /__mock/scenario` answers a scenario document, whose schema
 * (scenario.schema.yaml, referenced from admin.yaml) the validator cannot compile (a `$ref` resolved against
 * the wrong base): that body is checked by the scenario loader's own validation instead.
 */
function validateBody(op: Operation, status: number, contentType: string | undefined, body: unknown): { path: string; message: string }[] {
  const key = `${op.spec} ${op.operationId} ${status}`;
  try {
    // The validator compiles (and fails to compile) again on every call it cannot cache: ask it once.
    if (!validatorFailures.has(key)) return specValidator().validateResponse(op, status, contentType, body);
  } catch (error) {
    validatorFailures.set(key, (error as Error).message);
  }
  {
    if (op.operationId !== 'getScenario' || status !== 200) return [];
    try {
      validateScenarioDocument(body, 'GET /__mock/scenario');
      return [];
    } catch (invalid) {
      if (!(invalid instanceof ScenarioError)) throw invalid;
      return invalid.problems.map((p) => ({ path: p.pointer, message: p.message }));
    }
  }
}

type Add = (kind: ViolationKind, message: string) => void;

/** A failed request, and any request that is not an admin write, leaves the state as it was. */
function checkState(ex: Exchange, add: Add): void {
  const { before, after, request } = ex;
  if (before === undefined || after === undefined) return;
  const mount = mountOf(request.path);
  const write = mount === '/__mock' && WRITES.has(request.method);
  const answeredOk = ex.outcome === 'answered' && ex.status >= 200 && ex.status < 400 && ex.threw === undefined;
  if (write && answeredOk) return;
  const changed = stateDifferences(before, after);
  if (changed.length > 0) {
    const why = write ? `a failed admin write (${ex.status})` : `a ${request.method} to ${mount === '/__mock' ? 'the admin API' : 'a vendor API'} (${ex.status})`;
    add('state-changed', `${why} changed the state: ${changed.join('; ')}`);
  }
}

export function stateDifferences(before: StateDigest, after: StateDigest): string[] {
  const out: string[] = [];
  const differ = (name: keyof StateDigest) => {
    if (before[name] !== after[name]) out.push(`${name} ${cut(String(before[name]), 120)} → ${cut(String(after[name]), 120)}`);
  };
  differ('scenario');
  if (!(before.realClock && after.realClock)) differ('clock');
  differ('faults');
  differ('live');
  if (!before.liveEnabled && !after.liveEnabled) {
    differ('counts');
    differ('dataset');
  }
  return out;
}

/** The statuses the fault rules of a digest may inject. */
export function faultStatusesOf(digest: StateDigest | undefined): number[] {
  if (digest === undefined) return [];
  try {
    return (JSON.parse(digest.faults) as { status?: number }[]).flatMap((rule) => (typeof rule.status === 'number' ? [rule.status] : []));
  } catch {
    return [];
  }
}

function cut(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

/** One line per violation, and the exchange that broke them: what a failing test or the long run prints. */
export function describeViolations(ex: Exchange, violations: readonly Violation[]): string {
  const text = ex.body === undefined ? '' : new TextDecoder().decode(ex.body);
  return [
    ...violations.map((v) => `✗ ${v.kind}: ${v.message}`),
    `answer (${ex.via}, ${Math.round(ex.elapsedMs)} ms): ${ex.outcome === 'answered' ? `${ex.status} ${ex.headers['content-type'] ?? ''} ${cut(text, 400)}` : ex.outcome}`,
  ].join('\n');
}
