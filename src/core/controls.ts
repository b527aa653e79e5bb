/**
 * The admin API as typed methods: what the library's `startFlowmock` and the MSW handlers both offer. Each
 * method is the admin request itself (over HTTP, or handed to the core in-process), so it validates and
 * answers exactly as the endpoint does; a refused request throws a FlowmockAdminError with the problem.
 */
import type { components } from '../generated/admin.ts';

type Schemas = components['schemas'];

export type Fixtures = Schemas['Fixtures'];
export type Health = Schemas['Health'];
export type RunResource = Schemas['Run'];
export type NewRunInput = Schemas['NewRun'];
export type RunPatchInput = Schemas['RunPatch'];
export type ClockState = Schemas['Clock'];
export type FaultRuleInput = Schemas['FaultRuleInput'];
export type FaultRulesState = Schemas['FaultRules'];
export type LiveState = Schemas['LiveMode'];
export type LiveInput = Schemas['LiveModeInput'];
export type ScenarioInput = Schemas['ScenarioDocument'];

/** Sends one admin request: path below `/__mock`, a JSON body or none; the status and the body's text back. */
export type AdminTransport = (method: string, path: string, body?: unknown) => Promise<{ status: number; text: string }>;

/** An admin request the mock refused: its RFC 9457 problem. */
export class FlowmockAdminError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { type?: string; title?: string; detail?: string; errors?: unknown[] } & Record<string, unknown>,
  ) {
    super(`flowmock admin API answered ${status}: ${problem.detail ?? problem.title ?? 'no detail'}`);
    this.name = 'FlowmockAdminError';
  }
}

export interface FlowmockControls {
  health(): Promise<Health>;
  fixtures(): Promise<Fixtures>;
  addRun(run: NewRunInput): Promise<RunResource>;
  updateRun(id: string, patch: RunPatchInput): Promise<RunResource>;
  /** Freezes the clock at an instant (ISO 8601 with an offset, or epoch ms). */
  setClock(at: string | number): Promise<ClockState>;
  /** Moves the clock: a frozen one to a new instant, a real one keeps running, shifted by `ms`. */
  advanceClock(ms: number): Promise<ClockState>;
  /** The clock back to real time. */
  useRealTime(): Promise<ClockState>;
  setFaults(rules: readonly FaultRuleInput[]): Promise<FaultRulesState>;
  clearFaults(): Promise<void>;
  setLive(options: LiveInput): Promise<LiveState>;
  reset(): Promise<Health>;
  loadScenario(document: ScenarioInput): Promise<Health>;
}

export function createControls(send: AdminTransport): FlowmockControls {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const { status, text } = await send(method, path, body);
    const value: unknown = text === '' ? undefined : JSON.parse(text);
    if (status >= 400) throw new FlowmockAdminError(status, (value ?? {}) as FlowmockAdminError['problem']);
    return value as T;
  };
  return {
    health: () => call('GET', '/health'),
    fixtures: () => call('GET', '/fixtures'),
    addRun: (run) => call('POST', '/runs', run),
    updateRun: (id, patch) => call('PATCH', `/runs/${encodeURIComponent(id)}`, patch),
    setClock: (at) => call('POST', '/clock', { now: typeof at === 'number' ? new Date(at).toISOString() : at }),
    advanceClock: (ms) => call('POST', '/clock', { advanceMs: ms }),
    useRealTime: () => call('POST', '/clock', { mode: 'real' }),
    setFaults: (rules) => call('PUT', '/faults', { rules }),
    clearFaults: () => call('DELETE', '/faults'),
    setLive: (options) => call('PUT', '/live', options),
    reset: () => call('POST', '/reset'),
    loadScenario: (document) => call('PUT', '/scenario', document),
  };
}
