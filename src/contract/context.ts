/**
 * What a check works with: the target, one API's operation from the spec, a way to send a request and
 * have its response judged against the spec, and a place to put violations. Checks never throw on a
 * broken target: everything they find is recorded as data.
 */
import type { ApiName } from '../apis.ts';
import { loadSpec, type Operation } from '../openapi/spec-document.ts';
import { specValidator } from '../openapi/spec-validator.ts';
import type { CoverageRecorder } from './coverage.ts';
import { send, type ContractResponse } from './http-client.ts';
import { apiBase, type FixtureWorkspace, type Target } from './target.ts';
import { redact, type CheckKind, type CheckRecord, type RecordedRequest, type Violation } from './violation.ts';

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

export class CheckContext {
  readonly target: Target;
  readonly api: ApiName;
  readonly op: Operation;
  readonly violations: Violation[] = [];
  readonly checks: CheckRecord[] = [];
  readonly #coverage: CoverageRecorder;
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

  /** Runs one named check; whatever it throws (a broken target) becomes a violation too. */
  async check(kind: CheckKind, check: string, body: () => Promise<void>): Promise<void> {
    this.#current = { kind, check, before: this.violations.length };
    try {
      await body();
    } catch (error) {
      this.fail(`the check could not complete: ${(error as Error).message}`);
    }
    this.checks.push({ api: this.api, operation: this.op.operationId, kind, check, violations: this.violations.length - this.#current.before });
    this.#current = undefined;
  }

  /** Records a violation of the check that is running. */
  fail(message: string, details: { request?: RecordedRequest; expected?: unknown; actual?: unknown } = {}): void {
    const current = this.#current ?? { kind: 'semantic' as const, check: `${this.api}.unnamed` };
    this.violations.push({ api: this.api, operation: this.op.operationId, kind: current.kind, check: current.check, message, ...details });
  }

  /** Asserts `condition`, recording `message` with expected/actual when it does not hold. Returns it. */
  expect(condition: boolean, message: string, details: { request?: RecordedRequest; expected?: unknown; actual?: unknown } = {}): boolean {
    if (!condition) this.fail(message, details);
    return condition;
  }

  #recordPrismVerdict(request: RecordedRequest, response: ContractResponse): void {
    const raw = response.headers['sl-violations'];
    const found: { location?: string[]; message?: string }[] = raw === undefined ? [] : (() => { try { return JSON.parse(raw) as { location?: string[]; message?: string }[]; } catch { return [{ message: raw }]; } })();
    const own = prismProblem(response);
    for (const v of own === undefined ? found : [{ message: own }]) {
      this.violations.push({
        api: this.api, operation: this.op.operationId, kind: 'prism', check: `${this.api}.prism-proxy`,
        message: `Prism proxy: ${(v.location ?? []).join('.')}${v.location ? ': ' : ''}${v.message ?? 'violation'}`, request,
      });
    }
  }

  /** Sends a request to this operation and judges its response against the spec (status, type, schema). */
  async call(options: CallOptions): Promise<Exchange> {
    const workspace = options.workspace ?? this.workspace;
    const judge = this.target.prismJudges?.[this.api];
    const judged = judge !== undefined && options.body === undefined && (this.#current?.kind === 'schema' || this.#current?.kind === 'semantic');
    const url = new URL((judged ? judge : apiBase(this.target, this.api)) + options.path);
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
    const method = options.method ?? this.op.method.toUpperCase();
    const request: RecordedRequest = { method, url: url.href, headers: redact(headers), ...(body === undefined ? {} : { body: body.length > 2000 ? `${body.slice(0, 2000)}…` : body }) };
    const response = await send({ method, url: url.href, headers, ...(body === undefined ? {} : { body }) });
    this.#coverage.record(this.api, this.op.operationId, response.status, used);
    if (judged) this.#recordPrismVerdict(request, response);
    const problems = specValidator().validateResponse(this.op, response.status, response.headers['content-type'], response.text === '' ? undefined : response.json ?? response.text);
    // An answer to a deliberately invalid request is judged too, as an error envelope of the check running.
    const judgingError = this.#current?.kind === 'negative' || this.#current?.kind === 'auth';
    for (const problem of problems) {
      this.violations.push({
        api: this.api, operation: this.op.operationId,
        kind: judgingError ? (this.#current?.kind ?? 'schema') : 'schema',
        check: judgingError ? `${this.api}.error-envelope` : `${this.api}.response-schema`,
        message: `${method} ${url.pathname}${url.search} → ${response.status}: ${problem.path === '' ? 'body' : `body${problem.path}`} ${problem.message}`,
        request, actual: truncate(response.json ?? response.text),
      });
    }
    return { request, response, schemaOk: problems.length === 0 };
  }
}

function prismProblem(response: ContractResponse): string | undefined {
  const body = response.json as { type?: string; title?: string; detail?: string; validation?: { location: string[]; message: string }[] } | undefined;
  if (typeof body?.type !== 'string' || !body.type.includes('stoplight.io/prism/errors')) return undefined;
  const details = (body.validation ?? []).map((v) => `${v.location.join('.')}: ${v.message}`).join('; ');
  return `${body.title ?? body.type}${details ? ` (${details})` : body.detail ? ` (${body.detail})` : ''}`;
}

function truncate(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text !== undefined && text.length > 4000 ? `${text.slice(0, 4000)}…` : value;
}
