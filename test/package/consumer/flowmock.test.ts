// A user's test in a project that installed flowmock from its tarball (copied there by test/package/consumer.test.ts).
import createClient from 'openapi-fetch';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContract, startFlowmock, type Flowmock } from 'flowmock';
import { createFlowmockHandlers } from 'flowmock/msw';
import type { paths as OnePinPaths } from 'flowmock/types/onepin';
import defaultScenario from 'flowmock/scenarios/default';

const NOW = '2026-11-20T12:00:00Z';

describe('startFlowmock, from the installed package', () => {
  let mock: Flowmock;
  beforeAll(async () => {
    mock = await startFlowmock({ now: NOW });
  });
  afterAll(() => mock.close());

  it('answers a typed OnePin client, and a run added through the admin methods shows', async () => {
    const workspace = (await mock.fixtures()).workspaces[0]!;
    const flow = workspace.flows.find((f) => f.kind === 'workflow')!;
    const onepin = createClient<OnePinPaths>({ baseUrl: `${mock.url}/onepin`, headers: { authorization: `Bearer ${workspace.tokens[0]}` } });
    const ask = () => onepin.GET('/api/v1/workflows/{workflow_id}/runs/summary', { params: { path: { workflow_id: flow.id } } });
    const before = await ask();
    expect(before.response.status).toBe(200);
    await mock.addRun({ workspace: workspace.id, flow: flow.id, status: 'failed', createdAt: '2026-11-20T11:00:00Z', startedAt: '2026-11-20T11:00:01Z', finishedAt: '2026-11-20T11:00:09Z' });
    const after = await ask();
    expect(after.data?.data.total_runs).toBe((before.data?.data.total_runs ?? 0) + 1);
  });

  it('passes its own contract suite, run as a library', async () => {
    const result = await runContract({ baseUrl: mock.url, apis: ['onepin', 'b3os'] });
    expect(result.report?.violations).toEqual([]);
    expect(result.exitCode).toBe(0);
  });
});

describe('flowmock/msw, from the installed package', () => {
  it('answers the same API inside the test process, from the shipped scenario as data', async () => {
    const mock = await createFlowmockHandlers({ scenario: defaultScenario, now: NOW, baseUrl: 'http://flowmock.test' });
    const server = setupServer(...mock.handlers);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const workspace = (await mock.fixtures()).workspaces[0]!;
      const response = await fetch(`http://flowmock.test/onepin/api/v1/workflows/${workspace.flows.find((f) => f.kind === 'workflow')!.id}/runs/summary`, { headers: { authorization: `Bearer ${workspace.tokens[0]}` } });
      expect(response.status).toBe(200);
      expect(await response.json()).toHaveProperty('data.total_runs');
    } finally {
      server.close();
      mock.close();
    }
  });
});
