/**
 * What a check works with: the target, one API's operation from the spec, a way to send a request and
 * have its response judged against the spec, and a place to put violations. Checks never throw on a
 * broken target: everything they find is recorded as data, bounded (src/contract/bounded.ts) and capped
 * per check and operation, so that no target can grow the report or the suite's memory.
 */
import type { ApiName } from '../apis.ts';
import { loadSpec, type Operation } from '../openapi/spec-document.ts';
import { specValidator } from '../openapi/spec-validator.ts';
import { boundText, boundValue, describeExcerpt, excerptOf, type Excerpt } from './bounded.ts';
import type { CoverageRecorder } from './coverage.ts';
import { RunAborted, TargetUnreachable, type ContractRequest, type ContractResponse, type SendOptions } from './http-client.ts';
import { CONTRACT_OPERATIONS } from './operations.ts';
import { apiBase, type FixtureWorkspace, type Target } from './target.ts';
import { redact, type CheckKind, type CheckRecord, type RecordedRequest, type Violation } from './violation.ts';

/** Violations of one check on one operation listed before the rest are only counted ("and 412 more like it"). */
export const MAX_VIOLATIONS_PER_CHECK = 10;
/** Schema problems of one response spelled out in its violation; the rest are counted. */
export const MAX_PROBLEMS_PER_RESPONSE = 5;

export interface CallOptions {
  /** Path below the API's base, vendor path with ids filled in. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON body (sent as is when a string). */
  readonly body?: unknown;
  readonly method?: string;
  /** Send the workspace's bearer token (default true). */
  readonly auth?: boolean;
  readonly workspace?: FixtureWorkspace;
}

export interface Exchange {
  readonly request: RecordedRequest;
  readonly response: ContractResponse;
  /** Schema problems of the response against the spec, already recorded as violations. */
  readonly schemaOk: boolean;
}

type Details = { request?: RecordedRequest; expected?: unknown; actual?: unknown };

export class CheckContext {
  readonly target: Target;
  readonly api: ApiName;
  readonly op: Operation;
  readonly checks: CheckRecord[] = [];
  readonly #coverage: CoverageRecorder;
  readonly #kept: Violation[] = [];
  readonly #groups = new Map<string, number>();
  #found = 0;
  #current: { kind: CheckKind; check: string; before: number } | undefined;

  constructor(target: Target, api: ApiName, operationId: string, coverage: CoverageRecorder) {
    this.target = target;
    this.api = api;
    const op = loadSpec(api).operations().find((o) => o.operationId === operationId);
    if (op === undefined) throw new Error(`${api} has no operation ${operationId}`);
    this.op = op;
    this.#coverage = coverage;
  }

  get workspace(): FixtureWorkspace {
    return this.target.fixtures.workspaces[0] as FixtureWorkspace;
  }

  /** Violations found so far, listed and counted: at most MAX_VIOLATIONS_PER_CHECK of each check and operation, then one "and N more like it". */
  get violations(): Violation[] {
    const last = new Map<string, number>();
    this.#kept.forEach((v, i) => last.set(groupKey(v), i));
    const out: Violation[] = [];
    this.#kept.forEach((v, i) => {
      out.push(v);
      const key = groupKey(v);
      const count = this.#groups.get(key) ?? 0;
      if (last.get(key) !== i || count <= MAX_VIOLATIONS_PER_CHECK) return;
      const more = count - MAX_VIOLATIONS_PER_CHECK;
      out.push({ api: v.api, operation: v.operation, kind: v.kind, check: v.check, message: `and ${more} more like it (${v.check} on ${v.operation}: ${count} violations in all, the first ${MAX_VIOLATIONS_PER_CHECK} listed)`, more });
    });
    return out;
  }

  /** Every violation found, listed or only counted. */
  get found(): number {
    return this.#found;
  }

  /** The check running now, if any. */
  get current(): { readonly kind: CheckKind; readonly check: string } | undefined {
    return this.#current;
  }

  /**
   * Runs one named check; whatever it throws (a broken target) becomes a violation too, except the end of
   * the run (the target stopped answering, the deadline), which goes on up once the check is recorded.
   */
  async check(kind: CheckKind, check: string, body: () => Promise<void>, { since = this.#found }: { since?: number } = {}): Promise<void> {
    this.#current = { kind, check, before: since };
    let aborted: RunAborted | undefined;
    try {
      await body();
    } catch (error) {
      if (error instanceof RunAborted) aborted = error;
      else if (error instanceof TargetUnreachable) {
        // No answer at all (refused, reset, timed out, not HTTP): the target's failure, said as such.
        this.record({ api: this.api, operation: this.op.operationId, kind: 'http', check: `${this.api}.http`, message: `${check}: no answer: ${error.message}` });
      } else this.fail(`the check could not complete: ${(error as Error).message}`);
    }
    this.checks.push({ api: this.api, operation: this.op.operationId, kind, check, violations: this.#found - this.#current.before });
    this.#current = undefined;
    if (aborted !== undefined) throw aborted;
  }

  /**
   * Runs a first part of a check that another step must separate from the rest (the stateful check reads every
   * API's count, adds a run, then reads them again): what it records is the check's, and what it throws (but the
   * end of the run) is handed back, for the check to record when it runs, `check(kind, check, body, { since })`.
   */
  async part(kind: CheckKind, check: string, body: () => Promise<void>): Promise<{ since: number; error?: unknown }> {
    const outer = this.#current;
    const since = this.#found;
    this.#current = { kind, check, before: since };
    try {
      await body();
      return { since };
    } catch (error) {
      if (error instanceof RunAborted) throw error;
      return { since, error };
    } finally {
      this.#current = outer;
    }
  }

  /** Records a violation of the check that is running. */
  fail(message: string, details: Details = {}): void {
    const current = this.#current ?? { kind: 'semantic' as const, check: `${this.api}.unnamed` };
    this.record({ api: this.api, operation: this.op.operationId, kind: current.kind, check: current.check, message, ...details });
  }

  /** Records any violation (bounded, and counted only once its check and operation have MAX_VIOLATIONS_PER_CHECK listed). */
  record(violation: Violation): void {
    this.#found++;
    const key = groupKey(violation);
    const count = (this.#groups.get(key) ?? 0) + 1;
    this.#groups.set(key, count);
    if (count <= MAX_VIOLATIONS_PER_CHECK) this.#kept.push(bound(violation));
  }

  /** Asserts `condition`, recording `message` with expected/actual when it does not hold. Returns it. */
  expect(condition: boolean, message: string, details: Details = {}): boolean {
    if (!condition) this.fail(message, details);
    return condition;
  }

  #recordPrismVerdict(request: RecordedRequest, response: ContractResponse): void {
    const raw = response.headers['sl-violations'];
    const found: { location?: string[]; message?: string }[] = raw === undefined ? [] : (() => { try { return JSON.parse(raw) as { location?: string[]; message?: string }[]; } catch { return [{ message: raw }]; } })();
    const own = prismProblem(response);
    for (const v of (own === undefined ? found : [{ message: own }]).slice(0, MAX_PROBLEMS_PER_RESPONSE)) {
      this.record({
        api: this.api, operation: this.op.operationId, kind: 'prism', check: `${this.api}.prism-proxy`,
        message: `Prism proxy: ${(v.location ?? []).join('.')}${v.location ? ': ' : ''}${v.message ?? 'violation'}`, request,
      });
    }
  }

  /** The URL and headers a call sends, as `call` would send them. */
  prepare(options: CallOptions, judged = false): { url: URL; method: string; headers: Record<string, string>; body: string | undefined; used: string[] } {
    const workspace = options.workspace ?? this.workspace;
    const judge = this.target.prismJudges?.[this.api];
    const url = new URL((judged && judge !== undefined ? judge : apiBase(this.target, this.api)) + options.path);
    const used: string[] = [];
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value === undefined) continue;
      url.searchParams.set(key, String(value));
      used.push(`query:${key.replace(/\[.*$/, '')}`);
    }
    const headers: Record<string, string> = { ...this.target.headers, ...(options.headers ?? {}) };
    if (options.auth !== false && headers.authorization === undefined && workspace.tokens[0] !== undefined) {
      headers.authorization = `Bearer ${workspace.tokens[0]}`;
    }
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    for (const key of Object.keys(options.headers ?? {})) used.push(`header:${key}`);
    for (const p of this.op.parameters) if (p.in === 'path') used.push(`path:${p.name}`);
    return { url, method: options.method ?? this.op.method.toUpperCase(), headers, body, used };
  }

  /**
   * Sends a request to one of the target's APIs as it is, and nothing more: every request to an API goes
   * through here (or `call`), so that the request count, the response times and the coverage of statuses
   * and parameters are those of every request sent (fixed checks, invariants, generated requests, the
   * oracle's, probes). `api` is the API the request goes to (this one by default); a request to this one is
   * also judged against `--max-response-time`. A request that gets no answer throws, as the transport does.
   */
  async send(req: ContractRequest, { api = this.api, used = [], options }: { api?: ApiName; used?: readonly string[]; options?: SendOptions } = {}): Promise<ContractResponse> {
    const response = await this.target.transport.send(req, options);
    const url = new URL(req.url);
    const operation = api === this.api ? this.op.operationId : CONTRACT_OPERATIONS[api];
    const queried = [...new Set([...url.searchParams.keys()].map((key) => `query:${key.replace(/\[.*$/, '')}`))];
    this.#coverage.record(api, operation, response.status, [...used, ...queried], response.durationMs, `${req.method} ${url.pathname}${url.search}`);
    const max = this.target.limits.maxResponseTimeMs;
    if (api === this.api && max !== undefined && response.durationMs > max) {
      this.record({
        api: this.api, operation, kind: 'operational', check: `${this.api}.response-time`,
        message: `${req.method} ${shortUrl(url)} → ${response.status} took ${Math.round(response.durationMs)} ms, over --max-response-time ${max} ms`,
        request: recordRequest(req.method, req.url, req.headers, req.body), expected: `≤ ${max} ms`, actual: Math.round(response.durationMs),
      });
    }
    return response;
  }

  /**
   * Sends a request to this operation and judges its response: it must come (a request that gets no answer
   * throws, and the check records it), whole (not cut at the body cap), where it was asked (no redirect),
   * as JSON when it says so, in time (`--max-response-time`), and valid against the spec for its status.
   */
  async call(options: CallOptions): Promise<Exchange> {
    const kind = this.#current?.kind;
    const judged = this.target.prismJudges?.[this.api] !== undefined && options.body === undefined && (kind === 'schema' || kind === 'semantic');
    const { url, method, headers, body, used } = this.prepare(options, judged);
    const request = recordRequest(method, url.href, headers, body);
    const response = await this.send({ method, url: url.href, headers, ...(body === undefined ? {} : { body }) }, { used });
    if (judged) this.#recordPrismVerdict(request, response);
    const where = `${method} ${shortUrl(url)} → ${response.status}`;
    const http = (message: string, actual?: unknown) => this.record({ api: this.api, operation: this.op.operationId, kind: 'http', check: `${this.api}.http`, message: `${where}: ${message}`, request, ...(actual === undefined ? {} : { actual }) });
    if (response.status >= 300 && response.status < 400) {
      http(`a redirect${response.headers.location === undefined ? '' : ` to ${boundText(response.headers.location, 300)}`} (redirects are not followed: the API must answer where it is asked)`);
      return { request, response, schemaOk: false };
    }
    if (response.truncated) {
      http(`the body is larger than ${this.target.transport.maxBodyBytes} bytes (--max-body-bytes); reading stopped there`, bodyExcerpt(response));
      return { request, response, schemaOk: false };
    }
    const contentType = response.headers['content-type'];
    if (response.text !== '' && response.json === undefined && /\bjson\b/i.test(contentType ?? '')) {
      http(`the body is not valid JSON (Content-Type ${contentType ?? ''}, ${response.bytes} bytes)`, bodyExcerpt(response));
      return { request, response, schemaOk: false };
    }
    const problems = specValidator().validateResponse(this.op, response.status, contentType, response.text === '' ? undefined : response.json ?? response.text);
    if (problems.length > 0) {
      // Judged by the answer's status, as generated exchanges are (src/contract/generative/judge.ts): an error
      // answer against the vendor's error envelope (for a deliberately invalid request, a violation of the check
      // running), a success against the success response's schema, whatever was asked (an invalid request
      // answered 200 is also reported by its own check, as not refused).
      const errorAnswer = response.status >= 400;
      const judgingError = errorAnswer && (kind === 'negative' || kind === 'auth');
      const shown = problems.slice(0, MAX_PROBLEMS_PER_RESPONSE).map((p) => `${p.path === '' ? 'body' : `body${p.path}`} ${p.message}`);
      const rest = problems.length - shown.length;
      this.record({
        api: this.api, operation: this.op.operationId,
        kind: judgingError ? (kind ?? 'schema') : 'schema',
        check: errorAnswer ? `${this.api}.error-envelope` : `${this.api}.response-schema`,
        message: `${where}: ${shown.join('; ')}${rest > 0 ? `; and ${rest} more problems in this response` : ''}`,
        request, actual: bodyExcerpt(response),
      });
    }
    return { request, response, schemaOk: problems.length === 0 };
  }
}

function groupKey(v: Violation): string {
  return `${v.api} ${v.operation} ${v.check}`;
}

/** A violation as kept: its message and values bounded, its strings copied off the target's. */
function bound(v: Violation): Violation {
  return {
    ...v,
    message: boundText(v.message),
    ...(v.request === undefined ? {} : { request: v.request }),
    ...(v.expected === undefined ? {} : { expected: boundValue(v.expected) }),
    ...(v.actual === undefined ? {} : { actual: boundValue(v.actual) }),
  };
}

const excerpts = new WeakMap<ContractResponse, string | Excerpt>();

/** The body of a response as a report shows it (computed once per response). */
export function bodyExcerpt(response: ContractResponse): string | Excerpt {
  let excerpt = excerpts.get(response);
  if (excerpt === undefined) {
    excerpt = excerptOf(response.text);
    if (response.truncated && typeof excerpt !== 'string') excerpt = { ...excerpt, excerpt: `${excerpt.excerpt} (cut at ${response.bytes} bytes)` };
    excerpts.set(response, excerpt);
  }
  return excerpt;
}

/** A request as a report keeps it: credentials redacted, a long URL or body as an excerpt. */
export function recordRequest(method: string, url: string, headers: Readonly<Record<string, string>>, body?: string): RecordedRequest {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(redact(headers))) kept[key] = boundText(value, 300);
  return { method, url: boundText(url, 2000), headers: kept, ...(body === undefined ? {} : { body: describeExcerpt(excerptOf(body, 500)) }) };
}

function shortUrl(url: URL): string {
  const text = `${url.pathname}${url.search}`;
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function prismProblem(response: ContractResponse): string | undefined {
  const body = response.json as { type?: string; title?: string; detail?: string; validation?: { location: string[]; message: string }[] } | undefined;
  if (typeof body?.type !== 'string' || !body.type.includes('stoplight.io/prism/errors')) return undefined;
  const details = (body.validation ?? []).slice(0, MAX_PROBLEMS_PER_RESPONSE).map((v) => `${v.location.join('.')}: ${v.message}`).join('; ');
  return `${body.title ?? body.type}${details ? ` (${details})` : body.detail ? ` (${body.detail})` : ''}`;
}
