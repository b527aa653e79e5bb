/**
 * Oracle mode (docs/contract-suite.md#oracle-mode): when the suite can know the state the target serves
 * (a flowmock-compatible admin API's `GET /__mock/state`, or `--scenario NAME|PATH --now ISO` for a target
 * seeded with that scenario), every answer of the target is compared field by field with the answer of
 * flowmock's own engine, built in process over the same state, to the same request. A running clock is
 * frozen first through the admin API (and released after); when that or the rebuild is impossible, the
 * check says why. It catches numbers that are internally consistent but wrong.
 */
import fc from 'fast-check';
import type { ApiName } from '../../apis.ts';
import type { MockChange } from '../../core/state-changes.ts';
import { parseInstant } from '../../lib/instant.ts';
import { loadScenarioFile } from '../../node/scenario-file.ts';
import type { CheckContext } from '../context.ts';
import { recordRequest } from '../context.ts';
import { busiestFlow, flowsToCheck } from '../fixture-picks.ts';
import { RunAborted } from '../http-client.ts';
import type { ContractPhase } from '../runner.ts';
import type { Target } from '../target.ts';
import { invalidRequests, multiplaiRequest, validRequests, type GenContext } from '../generative/arbitraries.ts';
import { DEFAULT_MAX_EXAMPLES, DEFAULT_SEED, derivedSeed, genContext } from '../generative/run-generative.ts';
import { describeGen, pathAndQuery, sendGen, type GenRequest } from '../generative/request.ts';
import { compare, ignored, show } from './compare.ts';
import { OracleEngine } from './engine.ts';

export interface OracleOptions {
  /** `--scenario NAME|PATH`: the target serves this scenario (seeded by the user, e.g. from `flowmock export`). */
  readonly scenario?: string;
  /** `--now ISO`: the target's clock (required unless the scenario has its own `now`). */
  readonly now?: string;
  readonly seed?: number;
  /** Generated requests per API compared besides the fixed ones (default as for generation). */
  readonly maxExamples?: number;
  /** false: no oracle mode even when the target has an admin API; true: it must run (a violation says why it cannot). */
  readonly oracle?: boolean;
}

interface Prepared {
  readonly engine: OracleEngine;
  readonly source: string;
  readonly release: () => Promise<void>;
}

class CannotRun extends Error {}

const iso = (ms: number) => new Date(ms).toISOString();

export async function runOracle(target: Target, contexts: ReadonlyMap<ApiName, CheckContext>, options: OracleOptions = {}): Promise<void> {
  if (options.oracle === false) return;
  const explicit = options.scenario !== undefined || options.oracle === true;
  if (!explicit && !target.hasAdminApi) return;
  let prepared: Prepared;
  try {
    prepared = options.scenario !== undefined ? fromScenario(options.scenario, options.now) : await fromAdminApi(target);
  } catch (error) {
    if (error instanceof RunAborted) throw error;
    // Asked for, it must run: why it cannot is a violation. Found by itself (an admin API), it stays silent.
    if (!explicit) return;
    const reason = error instanceof CannotRun ? error.message : `could not build the engine: ${(error as Error).message}`;
    for (const ctx of contexts.values()) await ctx.check('oracle', `${ctx.api}.oracle`, async () => ctx.fail(`oracle mode cannot run: ${reason}`));
    return;
  }
  try {
    for (const ctx of contexts.values()) {
      if (ctx.workspace.flows.length === 0) continue;
      await ctx.check('oracle', `${ctx.api}.oracle`, async () => compareAll(ctx, prepared, options));
    }
  } finally {
    prepared.engine.close();
    await prepared.release();
  }
}

/** Oracle mode as a phase of the run (src/contract/phases.ts): after the other checks, before the stateful one. */
export function oraclePhase(options: OracleOptions = {}): ContractPhase {
  return { name: 'oracle', run: (target, contexts) => runOracle(target, contexts, options) };
}

function fromScenario(nameOrPath: string, now: string | undefined): Prepared {
  let document;
  try {
    document = loadScenarioFile(nameOrPath).document;
  } catch (error) {
    throw new CannotRun(`--scenario ${nameOrPath}: ${(error as Error).message}`);
  }
  const at = now === undefined ? undefined : parseInstant(now);
  if (now !== undefined && at === undefined) throw new CannotRun(`--now "${now}" is not an ISO 8601 date-time with a UTC offset`);
  if (at === undefined && document.now === undefined) throw new CannotRun(`scenario "${document.name}" has no now: give --now, the clock the target was seeded at`);
  return { engine: new OracleEngine(document, { loadNow: at }), source: `scenario "${document.name}" at ${iso(at ?? Date.parse(document.now as string))}`, release: async () => undefined };
}

async function fromAdminApi(target: Target): Promise<Prepared> {
  const headers: Record<string, string> = { ...target.adminHeaders, 'content-type': 'application/json' };
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await target.transport.send({ method, url: `${target.baseUrl}/__mock${path}`, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: response.status, json: response.json as Record<string, unknown> | undefined };
  };
  const clock = await admin('GET', '/clock');
  if (clock.status !== 200) throw new CannotRun(`GET /__mock/clock answered ${clock.status}${clock.status === 401 || clock.status === 403 ? ' (give --admin-token)' : ''}`);
  const at = Date.parse(String(clock.json?.now));
  const real = clock.json?.mode === 'real';
  // Frozen at its now, through one step forward and one back: moving the clock back also empties Multiplai's
  // cache, whose entries could otherwise hide changes made since they were computed.
  const forward = await admin('POST', '/clock', { now: iso(at + 1) });
  const back = forward.status === 200 ? await admin('POST', '/clock', { now: iso(at) }) : forward;
  if (back.status !== 200 && real) throw new CannotRun(`the target's clock runs in real time and could not be frozen: POST /__mock/clock answered ${back.status}${back.status === 401 || back.status === 403 ? ' (give --admin-token)' : ''}`);
  const release = async () => { if (real) await admin('POST', '/clock', { mode: 'real' }).catch(() => undefined); };
  try {
    const state = await admin('GET', '/state');
    if (state.status !== 200 || state.json === undefined) throw new CannotRun(`GET /__mock/state answered ${state.status}: the target does not give its state`);
    const scenario = OracleEngine.scenarioFrom(state.json.scenario, 'GET /__mock/state');
    const changes = (state.json.changes ?? []) as MockChange[];
    const now = Date.parse(String(state.json.now));
    const served = (await admin('GET', '/fixtures')).json;
    // A scenario without its own now generates runs relative to the instant it was loaded, which the state does
    // not give: the candidates are the scenario's now, the clock when the run started, and now. The engine's
    // fixtures (flows and their visible run counts) must be the target's.
    const candidates = [undefined, Date.parse(target.fixtures.now ?? ''), at].filter((c, i, all) => c === undefined || (!Number.isNaN(c) && all.indexOf(c) === i));
    for (const loadNow of candidates) {
      const engine = new OracleEngine(scenario, { loadNow, changes, now });
      if (JSON.stringify(await engine.fixtures()) === JSON.stringify(served)) return { engine, source: `GET /__mock/state (scenario "${scenario.name}", ${changes.length} changes, now ${iso(now)})`, release };
      engine.close();
    }
    throw new CannotRun(`the target's state could not be rebuilt: scenario "${scenario.name}" ${scenario.now === undefined ? 'has no now, so its generated runs depend on the instant it was loaded, which GET /__mock/state does not give (serve it with --now, or seed the target from `flowmock export`)' : 'replayed with its changes does not give the fixtures the target serves'}`);
  } catch (error) {
    await release();
    throw error;
  }
}

/** The fixed requests of each API: the documented semantics' usual questions. */
function fixedRequests(ctx: CheckContext, g: GenContext): GenRequest[] {
  const flow = busiestFlow(ctx.target)?.id ?? g.flowIds[0] ?? '';
  const v = (parts: Partial<GenRequest>): GenRequest => ({ intent: 'valid', pathParams: {}, query: [], headers: {}, ...parts });
  const now = g.now;
  const DAY = 86_400_000;
  const first = flow; // the flow whose runs revealed the instants
  const edges = g.revealed.filter((t) => t <= now).slice(-3);
  switch (ctx.api) {
    case 'alloy':
      return flowsToCheck(ctx.target, 10).map((f) => v({ pathParams: { workflowId: f.id }, headers: { 'x-api-version': '2025-09' } }));
    case 'stackai': {
      const p = { org_id: g.workspaceId, flow_id: flow };
      return [
        v({ pathParams: p }), v({ pathParams: p, query: [['page_size', '200']] }), v({ pathParams: p, query: [['page', '1'], ['page_size', '10']] }),
        v({ pathParams: p, query: [['state', 'FAILED,CANCELLED'], ['page_size', '100']] }),
        v({ pathParams: p, query: [['start_date', iso(now - 7 * DAY)], ['end_date', iso(now)], ['page_size', '100']] }),
        ...g.userIds.slice(0, 2).map((u) => v({ pathParams: p, query: [['user_id', u], ['page_size', '100']] })),
        ...edges.map((t) => v({ pathParams: { org_id: g.workspaceId, flow_id: first }, query: [['start_date', iso(t)], ['end_date', iso(t)]] })),
      ];
    }
    case 'onepin':
      return [
        ...flowsToCheck(ctx.target, 6).map((f) => v({ pathParams: { workflow_id: f.id } })),
        v({ pathParams: { workflow_id: flow }, query: [['from', iso(now - 7 * DAY)], ['to', iso(now)]] }),
        v({ pathParams: { workflow_id: flow }, query: [['from', iso(now - DAY)]] }),
        // Windows whose ends are instants the target revealed (its runs' createdAt): an end off by one shows.
        ...edges.flatMap((t) => [v({ pathParams: { workflow_id: first }, query: [['from', iso(t)], ['to', iso(t)]] }), v({ pathParams: { workflow_id: first }, query: [['to', iso(t)]] })]),
      ];
    case 'b3os':
      return [
        v({ query: [['from', String(now - 30 * DAY)], ['to', String(now)], ['granularity', 'daily']] }),
        v({ query: [['from', String(now - 2 * DAY)], ['to', String(now)], ['granularity', 'hourly']] }),
        v({ query: [['from', String(now - 90 * DAY)], ['to', String(now)], ['granularity', 'daily']] }),
        ...edges.flatMap((t) => [v({ query: [['from', String(t)], ['to', String(t)], ['granularity', 'hourly']] }), v({ query: [['from', String(t - DAY)], ['to', String(t)], ['granularity', 'hourly']] })]),
      ];
    case 'multiplai': {
      const q = (extra: Record<string, unknown>) => multiplaiRequest('valid', { workspace_uuid: g.workspaceId, entity: 'workflows', metric: 'executions', aggregation: 'count', ...extra }, 'body');
      return [
        q({}), q({ filters: { period: '7d' } }), q({ filters: { period: 'all' } }), q({ entity: 'agents', filters: { period: '90d' } }),
        q({ group_by: 'user', filters: { period: '90d' } }), q({ group_by: 'date', granularity: 'daily', filters: { period: '30d' } }),
        q({ group_by: 'date', granularity: 'weekly', filters: { period: '90d' } }), q({ group_by: 'date', granularity: 'monthly', filters: { period: '90d' } }),
        q({ metric: 'avg_duration', aggregation: 'avg', filters: { period: '30d' } }), q({ metric: 'created' }), q({ metric: 'shares', filters: { period: 'all' } }),
        q({ metric: 'copies', entity: 'agents', filters: { period: 'all' } }),
      ];
    }
  }
}

async function compareAll(ctx: CheckContext, { engine }: Prepared, options: OracleOptions): Promise<void> {
  const g = { ...(await genContext(ctx)), now: engine.now };
  const seed = options.seed ?? DEFAULT_SEED;
  const examples = options.maxExamples ?? DEFAULT_MAX_EXAMPLES;
  const requests = [
    ...fixedRequests(ctx, g),
    ...(examples > 0 ? fc.sample(validRequests(ctx.api, g), { seed: derivedSeed(seed, `oracle:${ctx.api}`), numRuns: examples }) : []),
    ...(examples > 0 ? fc.sample(invalidRequests(ctx.api, ctx.op, g), { seed: derivedSeed(seed, `oracle-invalid:${ctx.api}`), numRuns: Math.ceil(examples / 5) }) : []),
  ];
  for (const req of requests) {
    const { path, query } = pathAndQuery(ctx.op.path, req);
    const { request, response } = await sendGen(ctx, req);
    const prepared = ctx.prepare({ path, headers: { ...req.headers }, ...(req.body === undefined ? {} : { body: req.body }) });
    const expected = await engine.answer(prepared.method, `/${ctx.api}${path}`, query, prepared.headers, prepared.body);
    if (expected === undefined) continue;
    const where = `GET ${describeGen(ctx.op.path, req)}`;
    if (response.status !== expected.status) {
      ctx.fail(`${where} answered ${response.status}, flowmock's engine answers ${expected.status} over the same state`, { request: request ?? recordRequest('GET', '', {}), expected: expected.status, actual: response.status });
      continue;
    }
    if (response.json === undefined || expected.json === undefined) continue;
    const differences = compare(response.json, expected.json, (pointer) => ignored(ctx.api, expected.status, pointer), '', [], 6);
    if (differences.length === 0) continue;
    const [first, ...rest] = differences;
    if (first === undefined) continue;
    ctx.fail(`${where}: ${first.pointer} is ${show(first.actual)}, flowmock's engine says ${show(first.expected)}${rest.length === 0 ? '' : `; also ${rest.map((d) => `${d.pointer} ${show(d.actual)} ≠ ${show(d.expected)}`).join(', ')}`}`, { request, expected: first.expected, actual: first.actual });
  }
}
