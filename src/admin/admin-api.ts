/**
 * The `/__mock` admin API (specs/admin.yaml) as core operations: a CoreRequest below `/__mock` in, a
 * CoreResponse out. Bodies and query parameters are validated against that spec; every error is an
 * RFC 9457 problem built in problem.ts. Routes match as Express's router matched them: without regard to
 * case, a trailing slash allowed, HEAD answered by GET.
 */
import { parseParameters } from '../apis/shared/request-parameters.ts';
import { ApiRequest } from '../core/api-request.ts';
import type { FaultRuleInput } from '../core/fault-rules.ts';
import type { CoreRequest, CoreResponse } from '../core/http-message.ts';
import { errorDetails } from '../core/logger.ts';
import { BodyError, bodyText, jsonBody } from '../core/request-body.ts';
import { BuildInProgress, type MockControl } from '../core/mock-control.ts';
import { PersistenceError } from '../core/persistence.ts';
import { scenarioLimitProblems } from '../core/scenario-limits.ts';
import { formatJsonPointer } from '../lib/json-pointer.ts';
import { isClockInstant } from '../domain/clock.ts';
import { RunRuleError } from '../domain/mock-state.ts';
import { parseInstant } from '../lib/instant.ts';
import { DatasetError } from '../domain/store/dataset.ts';
import type { components } from '../generated/admin.ts';
import { loadSpec, type Operation } from '../openapi/spec-document.ts';
import { specValidator } from '../openapi/spec-validator.ts';
import { validateScenarioDocument } from '../scenario-files/parse.ts';
import { ScenarioError } from '../scenario-files/scenario-error.ts';
import { yamlErrorSummary } from '../scenario-files/yaml-syntax.ts';
import { parseCompactYaml } from '../yaml/compact-yaml.ts';
import { adminAccessProblem, type AdminAccessOptions } from './admin-access.ts';
import { fixtures, health } from './health.ts';
import { AdminProblem, type ProblemField } from './problem.ts';
import { fromNewRunBody, fromRunPatchBody, InstantFields, toRunResource } from './run-resource.ts';

export type { AdminAccessOptions as AdminOptions } from './admin-access.ts';

/** What an admin operation gets: the request (with its path parameters) and the mock it drives. */
interface AdminContext {
  readonly req: ApiRequest;
  readonly raw: CoreRequest;
  readonly mock: MockControl;
}

type AdminAnswer = CoreResponse | Promise<CoreResponse>;
type AdminOperation = (ctx: AdminContext) => AdminAnswer;

/** Bodies above these are refused with 413: a scenario may be large, nothing else is. */
export const MAX_ADMIN_BODY_BYTES = 1024 * 1024;
export const MAX_SCENARIO_BODY_BYTES = 64 * 1024 * 1024;
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];
const MAX_YAML_SCENARIO_CHARS = 1024 * 1024;

interface AdminRoute {
  readonly method: string;
  /** Below `/__mock`, `:id` for a path segment. */
  readonly path: string;
  readonly pattern: RegExp;
  readonly operation: AdminOperation;
  /** Whether it changes the state (its answer then waits until the change is durable). */
  readonly changesState: boolean;
}

function route(method: string, path: string, operation: AdminOperation): AdminRoute {
  const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[a-z]+/g, '([^/]+)');
  // The journal is not state: clearing it makes no change to keep.
  return { method, path, pattern: new RegExp(`^${source}/?$`, 'i'), operation, changesState: method !== 'GET' && path !== '/requests' };
}

const ROUTES: readonly AdminRoute[] = [
  route('GET', '/health', ({ mock }) => json(200, health(mock.state))),
  route('GET', '/fixtures', ({ mock }) => json(200, fixtures(mock.state))),
  route('POST', '/runs', ({ raw, mock }) => {
    const body = validBody<components['schemas']['NewRun']>(operation('createRun'), raw);
    const instants = new InstantFields();
    const input = fromNewRunBody(body, instants);
    if (instants.problems.length > 0) throw invalidRequest(instants.problems.map((p) => ({ in: 'body' as const, ...p })));
    const run = domainCall(() => mock.state.addRun(input));
    return json(201, toRunResource(run, mock.state.clock.now()), { location: `/__mock/runs/${encodeURIComponent(run.id)}` });
  }),
  route('PATCH', '/runs/:id', ({ req, raw, mock }) => {
    const { values, problems } = parseParameters(operation('updateRun'), req);
    if (problems.length > 0) throw invalidRequest(problems.map((p) => ({ in: p.in as ProblemField['in'], path: `/${p.name}`, message: p.message })));
    const body = validBody<components['schemas']['RunPatch']>(operation('updateRun'), raw);
    const instants = new InstantFields();
    const patch = fromRunPatchBody(body, instants);
    if (instants.problems.length > 0) throw invalidRequest(instants.problems.map((p) => ({ in: 'body' as const, ...p })));
    const run = domainCall(() => mock.state.updateRun(String(values.id), patch));
    return json(200, toRunResource(run, mock.state.clock.now()));
  }),
  route('GET', '/clock', ({ mock }) => json(200, clockOf(mock))),
  route('POST', '/clock', ({ raw, mock }) => {
    const body = validBody<{ now?: string; advanceMs?: number; mode?: 'real' }>(operation('setClock'), raw);
    if (body.now !== undefined) {
      const at = new InstantFields().read(body.now, '/now');
      if (at == null || !isClockInstant(at)) throw invalidRequest([{ in: 'body', path: '/now', message: `must be an instant from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z (no leap second :60), not "${body.now}"` }]);
      mock.state.setClock({ now: at });
    } else if (body.advanceMs !== undefined) {
      const at = mock.state.clock.now() + body.advanceMs;
      if (!isClockInstant(at)) throw invalidRequest([{ in: 'body', path: '/advanceMs', message: `would move the clock outside 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z (now ${clockOf(mock).now})` }]);
      mock.state.setClock({ advanceMs: body.advanceMs });
    } else {
      mock.state.setClock({ mode: 'real' });
    }
    return json(200, clockOf(mock));
  }),
  route('POST', '/reset', async ({ mock }) => {
    await mock.reset();
    return json(200, health(mock.state));
  }),
  route('GET', '/scenario', ({ mock }) => json(200, mock.state.scenario)),
  route('GET', '/state', ({ mock }) => {
    const { scenario, changes, now } = mock.snapshot();
    return json(200, { scenario, changes, now: new Date(now).toISOString() });
  }),
  route('PUT', '/scenario', async ({ raw, mock }) => {
    const scenario = scenarioFromBody(raw);
    const tooLarge = scenarioLimitProblems(scenario, mock.limits).map((p) => ({ in: 'body' as const, path: formatJsonPointer(p.path), message: p.message }));
    if (tooLarge.length > 0) throw new AdminProblem('invalid-scenario', `The scenario ${scenario.name} is larger than this server takes; nothing was changed.`, tooLarge);
    await mock.replaceScenario(scenario);
    return json(200, health(mock.state));
  }),
  route('GET', '/requests', ({ req, mock }) => {
    const { values, problems } = parseParameters(operation('listRequests'), req);
    if (problems.length > 0) throw invalidRequest(problems.map((p) => ({ in: 'query' as const, path: `/${p.name}`, message: p.message })));
    const list = (v: unknown) => (v === undefined ? undefined : String(v).split(',').map((s) => s.trim()).filter(Boolean));
    const { journal } = mock;
    const { entries, total } = journal.query({
      ...(values.api === undefined ? {} : { api: list(values.api) }),
      ...(values.method === undefined ? {} : { method: list(values.method)?.map((m) => m.toUpperCase()) }),
      ...(values.status === undefined ? {} : { status: String(values.status) }),
      ...(values.path === undefined ? {} : { path: String(values.path) }),
      ...(values.since === undefined ? {} : { since: sinceOf(String(values.since)) }),
      ...(values.fault === undefined ? {} : { fault: values.fault === true || values.fault === 'true' }),
      limit: typeof values.limit === 'number' ? values.limit : 100,
    });
    return json(200, { entries, total, capacity: journal.capacity, dropped: journal.dropped });
  }),
  route('DELETE', '/requests', ({ mock }) => {
    mock.journal.clear();
    return NO_CONTENT;
  }),
  route('GET', '/faults', ({ mock }) => json(200, { rules: mock.faults.rules })),
  route('PUT', '/faults', ({ raw, mock }) => {
    const body = validBody<{ rules: FaultRuleInput[] }>(operation('replaceFaults'), raw);
    const bad = body.rules.flatMap((rule, i) => {
      const problems: ProblemField[] = [];
      if (rule.latencyMs === undefined && rule.status === undefined) problems.push({ path: `/rules/${i}`, message: 'a rule needs latencyMs, status or both' });
      if (typeof rule.latencyMs === 'object' && rule.latencyMs.min > rule.latencyMs.max) problems.push({ path: `/rules/${i}/latencyMs`, message: 'min is greater than max' });
      return problems;
    });
    if (bad.length > 0) throw invalidRequest(bad);
    return json(200, { rules: mock.setFaults(body.rules) });
  }),
  route('DELETE', '/faults', ({ mock }) => {
    mock.setFaults([]);
    return NO_CONTENT;
  }),
  route('GET', '/live', ({ mock }) => json(200, mock.live.settings)),
  route('PUT', '/live', async ({ raw, mock }) => {
    const body = validBody<components['schemas']['LiveModeInput']>(operation('setLive'), raw);
    // Live mode runs on real time: that clock change is made durable before live mode starts, so a refused
    // one leaves live mode as it was.
    if (body.enabled && mock.state.clock.mode !== 'real') {
      mock.state.setClock({ mode: 'real' });
      await mock.durable();
    }
    return json(200, mock.live.set({ enabled: body.enabled, ratePerMinute: body.ratePerMinute ?? null }));
  }),
];

export class AdminApi {
  readonly #mock: MockControl;
  readonly #access: AdminAccessOptions;

  constructor(mock: MockControl, access: AdminAccessOptions = {}) {
    this.#mock = mock;
    this.#access = access;
  }

  /** `path` is below `/__mock` (`/health`), `/` at least. */
  handle(request: CoreRequest, path: string, requestId: string): AdminAnswer {
    const instance = uriPath(`/__mock${path === '/' ? '' : path}`);
    try {
      const denied = adminAccessProblem(request, this.#access);
      if (denied !== undefined) throw denied;
      const method = request.method === 'HEAD' ? 'GET' : request.method;
      for (const candidate of ROUTES) {
        if (candidate.method !== method) continue;
        const match = candidate.pattern.exec(path);
        if (match === null) continue;
        const req = new ApiRequest(request, pathParams(candidate.path, match));
        const answer = candidate.operation({ req, raw: request, mock: this.#mock });
        // A change is acknowledged only once it is durable (a state log); a read needs no wait.
        if (method === 'GET' || !candidate.changesState) return answer instanceof Promise ? answer.catch((error: unknown) => this.#problem(error, instance, requestId)) : answer;
        return (async () => {
          const response = await answer;
          await this.#mock.durable();
          return response;
        })().catch((error: unknown) => this.#problem(error, instance, requestId));
      }
      const allowed = ROUTES.filter((candidate) => candidate.pattern.test(path)).map((candidate) => candidate.method);
      if (allowed.length > 0) {
        // GET answers HEAD too (as Express routes do), so Allow names it.
        const allow = allowed.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])).join(', ');
        const refused = this.#problem(new AdminProblem('method-not-allowed', `${request.method} is not allowed on ${instance}: use ${allow}.`), instance, requestId);
        return { ...refused, headers: { ...refused.headers, allow } };
      }
      throw new AdminProblem('not-found', `There is no admin endpoint at ${instance}. See specs/admin.yaml.`);
    } catch (error) {
      return this.#problem(error, instance, requestId);
    }
  }

  /** The access problem of a request, answered, or undefined when it may go on (headers only). */
  refusal(request: CoreRequest, requestId: string): CoreResponse | undefined {
    const denied = adminAccessProblem(request, this.#access);
    if (denied === undefined) return undefined;
    const path = request.path.slice('/__mock'.length) || '/';
    return this.#problem(denied, uriPath(`/__mock${path === '/' ? '' : path}`), requestId);
  }

  #problem(error: unknown, instance: string, requestId: string): CoreResponse {
    const problem = toProblem(error, requestId);
    if (problem.type === 'internal-error') this.#mock.logger.error({ err: errorDetails(error), path: instance, requestId }, 'unexpected error');
    return {
      status: problem.status,
      // The correlation id the log line carries, for any problem: a person can match the two.
      headers: { 'content-type': 'application/problem+json; charset=utf-8', 'x-request-id': requestId },
      body: JSON.stringify(problem.body(instance)),
    };
  }
}

/**
 * The request path as a valid URI reference for a problem's `instance`: characters a URI path may not hold
 * percent-encoded, a `%` that starts no escape written `%25` (a raw path is the client's text, not ours).
 */
function uriPath(path: string): string {
  return path.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu, (char) => {
    try {
      return encodeURIComponent(char);
    } catch {
      return '%EF%BF%BD'; // a lone surrogate: U+FFFD, as a decoder would read it
    }
  });
}

/** The journal's `since`, an instant (the schema's date-time lets a leap second through). */
function sinceOf(text: string): number {
  const at = parseInstant(text);
  if (at === undefined) throw invalidRequest([{ in: 'query', path: '/since', message: `"${text}" is not an instant: give an ISO 8601 date-time with a UTC offset (no leap second :60)` }]);
  return at;
}

/** The largest body an admin request may send: PUT /__mock/scenario takes a whole scenario. */
export function adminBodyLimit(method: string, path: string): number {
  return method === 'PUT' && /^\/scenario\/?$/i.test(path) ? MAX_SCENARIO_BODY_BYTES : MAX_ADMIN_BODY_BYTES;
}

const NO_CONTENT: CoreResponse = { status: 204, headers: {}, body: undefined };

function json(status: number, value: unknown, headers: Record<string, string> = {}): CoreResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

function clockOf(mock: MockControl) {
  return { now: new Date(mock.state.clock.now()).toISOString(), mode: mock.state.clock.mode };
}

let operations: Map<string, Operation> | undefined;

/** An operation of the admin spec, read on first use (the largest spec: not at start-up). */
function operation(id: string): Operation {
  operations ??= new Map(loadSpec('admin').operations().map((o) => [o.operationId, o]));
  return operations.get(id) as Operation;
}

function pathParams(template: string, match: RegExpExecArray): Record<string, string> {
  const names = [...template.matchAll(/:([a-z]+)/g)].map((m) => m[1] as string);
  const params: Record<string, string> = {};
  names.forEach((name, i) => {
    try {
      params[name] = decodeURIComponent(match[i + 1] as string);
    } catch {
      throw invalidRequest([{ in: 'path', path: `/${name}`, message: 'is not valid percent-encoded UTF-8' }]);
    }
  });
  return params;
}

/** The request body, checked against the operation's JSON schema; every problem reported. */
function validBody<T>(op: Operation, request: CoreRequest): T {
  const body = jsonBody(request);
  if (body === undefined) throw new AdminProblem('invalid-request', 'This endpoint needs a JSON body (Content-Type: application/json).');
  const problems = specValidator().validateAt('admin', `${op.requestBody?.pointer}/content/application~1json/schema`, body);
  if (problems.length > 0) {
    throw invalidRequest(problems.filter((p) => p.keyword !== 'oneOf' || problems.length === 1).map((p) => ({ in: 'body' as const, path: p.path, message: p.message })));
  }
  return body as T;
}

function invalidRequest(errors: ProblemField[]): AdminProblem {
  const n = errors.length;
  return new AdminProblem('invalid-request', `The request has ${n} problem${n === 1 ? '' : 's'}: ${errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ')}.`, errors);
}

function scenarioFromBody(request: CoreRequest) {
  let value = jsonBody(request);
  if (value === undefined) {
    const text = bodyText(request, YAML_TYPES);
    if (text !== undefined) {
      // YAML parses at about a megabyte a second, on the event loop: a YAML scenario is kept to 1 MiB (a
      // larger one goes as JSON, which parses a hundred times faster).
      if (text.length > MAX_YAML_SCENARIO_CHARS) {
        throw new AdminProblem('payload-too-large', `A YAML scenario may be 1 MiB at most (this one is ${text.length} characters); send a larger one as application/json.`);
      }
      try {
        value = parseCompactYaml(text, { uniqueKeys: true, maxAliasCount: 1000 });
      } catch (error) {
        const reason = error instanceof RangeError ? 'it is nested too deeply' : yamlErrorSummary(error, text);
        throw new AdminProblem('malformed-body', `The body is not valid YAML: ${reason}`);
      }
    }
  }
  if (value === undefined) throw new AdminProblem('invalid-request', 'Send the scenario document as the body (application/json or application/yaml).');
  try {
    return validateScenarioDocument(value, 'request body');
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    const errors = error.problems.map((p) => ({ in: 'body' as const, path: p.pointer, message: p.message }));
    const name = (value as { name?: unknown } | null)?.name;
    const detail = `The scenario${typeof name === 'string' ? ` ${name}` : ''} has ${errors.length} problem${errors.length === 1 ? '' : 's'}; nothing was changed.`;
    throw new AdminProblem(error.stage === 'rules' ? 'invalid-scenario' : 'invalid-request', detail, errors);
  }
}

/** Domain errors to problems: not found → 404, a duplicate → 409, broken run rules → 400 or 409. */
function domainCall<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof RunRuleError) {
      const errors = error.problems.map((p) => ({ in: 'body' as const, path: formatJsonPointer(p.path), message: p.message }));
      if (error.reason === 'invalid-run') throw new AdminProblem('invalid-request', error.message, errors);
      throw new AdminProblem(error.reason, error.message, errors);
    }
    if (error instanceof DatasetError) {
      throw new AdminProblem(error.kind === 'conflict' ? 'duplicate-id' : error.kind === 'not-found' ? 'not-found' : 'invalid-request', error.message);
    }
    throw error;
  }
}

function toProblem(error: unknown, requestId: string): AdminProblem {
  if (error instanceof AdminProblem) return error;
  if (error instanceof BuildInProgress) return new AdminProblem('build-in-progress', error.message);
  if (error instanceof PersistenceError) {
    return new AdminProblem(error.noSpace ? 'insufficient-storage' : 'storage-unavailable', `The change could not be made durable (${error.code ?? 'I/O error'}: ${error.message.split('\n')[0]}); it was not applied. Free space, then send it again.`);
  }
  if (error instanceof BodyError) {
    switch (error.kind) {
      case 'too-large':
        return new AdminProblem('payload-too-large', 'The request body is too large (1 MiB at most; 64 MiB for a scenario).');
      case 'malformed':
        return new AdminProblem('malformed-body', `The body is not valid JSON: ${error.message}`);
      case 'unsupported-media-type':
        return new AdminProblem('unsupported-media-type', error.message);
      case 'unreadable':
        return new AdminProblem('malformed-body', `The body could not be read: ${error.message}`);
    }
  }
  return new AdminProblem('internal-error', `An unexpected error occurred; the server log has the details (correlation id ${requestId}).`);
}
