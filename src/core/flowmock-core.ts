/**
 * The framework-free core: the five vendor APIs and the admin API as one function over one MockState.
 * A plain request in, a plain response out (or a Promise of one, when a fault adds latency); undefined
 * for a path below no mount, which an adapter passes on (Express to its 404, MSW to the network).
 * Adapters translate and nothing else (docs/architecture.md#the-core).
 */
import { API_NAMES, mountOf, mountPath, type ApiName } from '../apis.ts';
import type { AdminAccessOptions } from '../admin/admin-access.ts';
import { adminBodyLimit, AdminApi } from '../admin/admin-api.ts';
import { alloyApi } from '../apis/alloy/api.ts';
import { b3osApi } from '../apis/b3os/api.ts';
import { multiplaiApi } from '../apis/multiplai/api.ts';
import { onepinApi } from '../apis/onepin/api.ts';
import { MAX_BODY_BYTES, VendorEndpoint, type ExchangeNotes, type VendorApi } from '../apis/shared/vendor-router.ts';
import type { MockState } from '../domain/mock-state.ts';
import type { ScenarioDocument } from '../domain/scenario/document.ts';
import { stackaiApi } from '../apis/stackai/api.ts';
import { FaultRules, type FaultRule, type FaultRuleInput } from './fault-rules.ts';
import type { CoreRequest, CoreResponse } from './http-message.ts';
import { LiveMode } from './live-mode.ts';
import { REQUEST_MESSAGE, silentLogger, type Logger, type RequestRecord } from './logger.ts';
import { BuildInProgress, type MockControl } from './mock-control.ts';
import { apiOfPath, redactedQuery, RequestJournal } from './request-journal.ts';
import { DEFAULT_SCENARIO_LIMITS, type ScenarioLimits } from './scenario-limits.ts';
import { runSliced } from './sliced.ts';
import type { Persistence } from './persistence.ts';
import type { MockChange } from './state-changes.ts';

const VENDOR_APIS: Readonly<Record<ApiName, VendorApi>> = {
  alloy: alloyApi, stackai: stackaiApi, onepin: onepinApi, b3os: b3osApi, multiplai: multiplaiApi,
};

export const ADMIN_MOUNT = '/__mock';

export interface CoreOptions extends AdminAccessOptions {
  /** Makes every change durable before the admin API acknowledges it; none: changes live in memory only. */
  readonly persistence?: Persistence;
  /** How much a scenario put in force through the admin API may hold. */
  readonly limits?: ScenarioLimits;
  /**
   * Where unexpected errors are reported (with their stack and the request's correlation id), and each
   * answered request at `info` (one record: method, path, status, ms, request id; no header, no credential).
   */
  readonly logger?: Logger;
  readonly journal?: RequestJournal;
  /** Request ids (`x-request-id`, the envelopes' request ids): random UUIDs unless replaced. */
  readonly newRequestId?: () => string;
}

export class FlowmockCore implements MockControl {
  readonly state: MockState;
  readonly journal: RequestJournal;
  readonly logger: Logger;
  readonly live: LiveMode;
  readonly #endpoints: Map<string, VendorEndpoint>;
  readonly #admin: AdminApi;
  readonly #newRequestId: () => string;
  #faults: FaultRules;

  readonly limits: ScenarioLimits;
  /** Whether the admin API wants a bearer token (the dashboard asks for one before its first /__mock request). */
  readonly adminTokenRequired: boolean;
  #building = false;
  #persistence: Persistence | undefined;
  /** Writes to the persistence not yet known durable: the admin API waits for them before answering. */
  readonly #pending = new Set<Promise<unknown>>();
  /** Every change since the scenario was put in force, in order (GET /__mock/state). */
  #changes: MockChange[] = [];
  #restoring = false;

  constructor(state: MockState, { adminToken, adminOrigins, allowedHosts, limits = DEFAULT_SCENARIO_LIMITS, persistence, logger = silentLogger, journal = new RequestJournal(), newRequestId = randomId }: CoreOptions = {}) {
    this.limits = limits;
    this.#persistence = persistence;
    this.state = state;
    this.journal = journal;
    this.logger = logger;
    this.#newRequestId = newRequestId;
    this.#faults = new FaultRules(state.scenario.seed);
    // A reset or another scenario drops the fault rules too; their draws restart from the (new) seed.
    state.onReset(() => {
      this.#faults = new FaultRules(state.scenario.seed);
      this.#changes = [];
      if (!this.#restoring && this.#persistence !== undefined) this.#track(this.#persistence.reset(state.scenario));
    });
    state.onChange((change) => this.#emit(change));
    // After the core's reset listener: live mode's own reaction to a reset (back to real time) is then a
    // change recorded after the reset, not one the reset wipes.
    this.live = new LiveMode(state);
    const services = { state, faults: () => this.#faults, logger, newRequestId };
    this.#endpoints = new Map(API_NAMES.map((api) => [mountPath(api), new VendorEndpoint(VENDOR_APIS[api], services)]));
    this.#admin = new AdminApi(this, { adminToken, adminOrigins, allowedHosts });
    this.adminTokenRequired = adminToken !== undefined;
  }

  get faults(): FaultRules {
    return this.#faults;
  }

  /**
   * The answer to a request below one of the mounts (`/alloy` … `/multiplai`, `/__mock`); undefined for
   * any other path. Every answered request is journaled (reads of the journal itself excepted) and logged.
   * `started` is when the adapter met the request (performance.now()), so its time reading the body counts.
   */
  handle(request: CoreRequest, started = performance.now()): CoreResponse | Promise<CoreResponse> | undefined {
    const mount = mountOf(request.path);
    const below = request.path.slice(mount.length) || '/';
    const atMs = Date.now();
    const clockMs = this.state.clock.now();
    const notes: ExchangeNotes = { faultRule: null };
    let answer: CoreResponse | Promise<CoreResponse>;
    if (mount === ADMIN_MOUNT) {
      answer = this.#admin.handle(request, below, this.#newRequestId());
      if (request.method === 'GET' && request.path === '/__mock/requests') {
        const logOnly = (response: CoreResponse): CoreResponse => {
          this.logExchange(request, response.status, { started, requestId: response.headers['x-request-id'] });
          return response;
        };
        return answer instanceof Promise ? answer.then(logOnly) : logOnly(answer);
      }
    } else {
      const endpoint = this.#endpoints.get(mount);
      if (endpoint === undefined) return undefined;
      answer = endpoint.handle(request, below, notes);
    }
    const record = (response: CoreResponse): CoreResponse => {
      this.recordExchange(request, response.status, { atMs, clockMs, started, faultRule: notes.faultRule, requestId: response.headers['x-request-id'] });
      return response;
    };
    return answer instanceof Promise ? answer.then(record) : record(answer);
  }

  /**
   * The refusal of an admin request by its headers alone (token, Origin, Host), or undefined: adapters ask
   * before reading a body, so that nobody the admin API would refuse can make the server read 64 MiB.
   */
  refusalBeforeBody(request: CoreRequest): CoreResponse | undefined {
    if (mountOf(request.path) !== ADMIN_MOUNT) return undefined;
    return this.#admin.refusal(request, this.#newRequestId());
  }

  /** Whether a path is below one of the mounts (the core answers it). */
  serves(path: string): boolean {
    const mount = mountOf(path);
    return mount === ADMIN_MOUNT || this.#endpoints.has(mount);
  }

  /** The largest body a request may send: adapters read no further (and answer with `bodyProblem`). */
  bodyLimit(method: string, path: string): number {
    const mount = mountOf(path);
    return mount === ADMIN_MOUNT ? adminBodyLimit(method, path.slice(mount.length)) : MAX_BODY_BYTES;
  }

  /** Journals and logs an exchange; adapters call it for requests they answered themselves (a 404 off the mounts). */
  recordExchange(request: CoreRequest, status: number, timing: { atMs: number; clockMs: number; started: number; faultRule?: string | null; requestId?: string | undefined }): void {
    const durationMs = Math.round((performance.now() - timing.started) * 1000) / 1000;
    this.#logRequest(request, status, durationMs, timing.requestId, timing.faultRule ?? null);
    this.journal.record({
      atMs: timing.atMs,
      clockMs: timing.clockMs,
      api: apiOfPath(request.path),
      method: request.method,
      path: request.path,
      query: request.query,
      status,
      durationMs,
      faultRule: timing.faultRule ?? null,
    });
  }

  /** Logs an exchange the journal does not keep (an adapter's own pages: the dashboard and its assets). */
  logExchange(request: CoreRequest, status: number, timing: { started: number; requestId?: string | undefined }): void {
    this.#logRequest(request, status, Math.round((performance.now() - timing.started) * 1000) / 1000, timing.requestId, null);
  }

  /** A fresh request id (`x-request-id`), for answers an adapter gives itself. */
  newRequestId(): string {
    return this.#newRequestId();
  }

  /** Back to the scenario as loaded; see replaceScenario. */
  reset(): Promise<void> {
    return this.replaceScenario(this.state.scenario);
  }

  /**
   * Puts a (validated) scenario in force. The dataset is built in slices of time, so every other request is
   * answered meanwhile (from the dataset in force), then swapped in at once; one build at a time.
   */
  async replaceScenario(scenario: ScenarioDocument): Promise<void> {
    if (this.#building) throw new BuildInProgress();
    this.#building = true;
    try {
      this.state.adopt(await runSliced(this.state.prepareScenario(scenario)));
    } finally {
      this.#building = false;
    }
  }

  setFaults(rules: readonly FaultRuleInput[]): readonly FaultRule[] {
    const inForce = this.#faults.replace(rules);
    this.#emit({ kind: 'faults', rules: rules.map((rule) => ({ ...rule })) });
    return inForce;
  }

  /** Sets where changes are made durable (once the state a log held is replayed). */
  persistTo(persistence: Persistence): void {
    this.#persistence = persistence;
  }

  /**
   * Resolves once every change made so far is durable; rejects with the persistence's error when one was
   * refused (the state has then been restored to what is durable, by whoever owns the persistence).
   */
  async durable(): Promise<void> {
    await Promise.all([...this.#pending]);
  }

  /** The scenario in force and every change since, in order, and the clock: what rebuilds this state elsewhere. */
  snapshot(): { scenario: ScenarioDocument; changes: readonly MockChange[]; now: number } {
    return { scenario: this.state.scenario, changes: this.#changes, now: this.state.clock.now() };
  }

  /**
   * Back to a durable state after a refused write: the scenario rebuilt, its changes replayed, nothing
   * written again. Whatever was applied but not made durable is gone.
   */
  restore({ scenario, changes }: { scenario: ScenarioDocument; changes: readonly MockChange[] }): void {
    this.#restoring = true;
    this.#pending.clear();
    try {
      this.state.replaceScenario(scenario);
      for (const change of changes) this.replay(change);
    } finally {
      this.#restoring = false;
    }
  }

  /** Stops what runs on a timer (live mode): the core can then be dropped. */
  close(): void {
    this.live.stop();
  }

  /** Replays a recorded change without announcing it again. */
  replay(change: MockChange): void {
    if (change.kind === 'faults') this.#faults.replace(change.rules);
    else this.state.replay(change);
    this.#changes.push(change);
  }

  /** One record per answered request, at info; nothing is built when info is off (the hot path). */
  #logRequest(request: CoreRequest, status: number, ms: number, reqId: string | undefined, fault: string | null): void {
    const logger = this.logger;
    if (logger.isLevelEnabled !== undefined && !logger.isLevelEnabled('info')) return;
    const record: RequestRecord = {
      reqId,
      method: request.method,
      path: request.path,
      query: request.query === '' ? undefined : redactedQuery(request.query),
      status,
      ms,
      api: apiOfPath(request.path) ?? undefined,
      fault: fault ?? undefined,
    };
    logger.info(record, REQUEST_MESSAGE);
  }

  #emit(change: MockChange): void {
    this.#changes.push(change);
    if (!this.#restoring && this.#persistence !== undefined) this.#track(this.#persistence.append(change));
  }

  #track(write: Promise<unknown>): void {
    // A write leaves the pending set once it is durable. A refused one stays until restore() (the state is
    // then back to what is durable): every admin request until then learns of the refusal, however soon
    // the write failed. Nobody may wait for it (live mode's runs): hence the silent catch.
    const tracked = write.then(() => {
      this.#pending.delete(tracked);
    });
    tracked.catch(() => undefined);
    this.#pending.add(tracked);
  }
}

function randomId(): string {
  return globalThis.crypto.randomUUID();
}
