/** `GET /__mock/health` and `GET /__mock/fixtures` (specs/admin.yaml). */
import type { components } from '../generated/admin.ts';
import type { MockState } from '../domain/mock-state.ts';
import { API_NAMES, mountPath, type ApiName } from '../apis.ts';
import { VERSION } from '../version.ts';

type Health = components['schemas']['Health'];
type Fixtures = components['schemas']['Fixtures'];

const startedAt = Date.now();

export function health(state: MockState): Health {
  return {
    status: 'ok',
    version: VERSION,
    scenario: { name: state.scenario.name, seed: state.scenario.seed },
    clock: { now: new Date(state.clock.now()).toISOString(), mode: state.clock.mode },
    counts: state.dataset.counts(),
    uptimeSeconds: (Date.now() - startedAt) / 1000,
  };
}

export function fixtures(state: MockState): Fixtures {
  const now = state.clock.now();
  const apis = Object.fromEntries(API_NAMES.map((api) => [api, mountPath(api)])) as Record<ApiName, string>;
  return {
    scenario: { name: state.scenario.name, seed: state.scenario.seed },
    now: new Date(now).toISOString(),
    apis,
    workspaces: [...state.dataset.workspaces()].map((ws) => ({
      id: ws.workspace.id,
      name: ws.workspace.name,
      tokens: [...ws.workspace.tokens],
      users: [...ws.users.values()]
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map(({ id, name, email }) => ({ id, name, email })),
      flows: [...ws.flows.values()]
        .filter((flow) => flow.createdAt <= now)
        .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
        .map((flow) => ({
          id: flow.id,
          kind: flow.kind,
          name: flow.name,
          createdAt: new Date(flow.createdAt).toISOString(),
          runCount: ws.runsByFlow.get(flow.id)?.endAtOrBefore(now) ?? 0,
        })),
    })),
  };
}
