/**
 * flowmock/msw as a test uses it: handlers at the mounts below a base URL, or an API at its vendor's own
 * base URL; requests for anything else left to MSW (here: an error, as `onUnhandledRequest: 'error'`
 * asks); a GET whose body the interceptor dropped but whose content-length it kept; the admin API as
 * methods.
 */
// Through the module object, as code calling http.request does: MSW's interceptor patches it there.
import nodeHttp from 'node:http';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlowmockHandlers, type FlowmockHandlers } from '../../src/msw/handlers.ts';
import { FlowmockAdminError } from '../../src/core/controls.ts';

const BASE = 'http://mock.flowmock.test';
const ONEPIN = 'https://api.onepin.ai';
let mock: FlowmockHandlers;
let server: ReturnType<typeof setupServer>;
let acme: { id: string; tokens: string[]; flows: { id: string }[] };

beforeAll(async () => {
  mock = await createFlowmockHandlers({ scenario: 'default', now: '2026-11-20T12:00:00Z', baseUrl: BASE, apis: { onepin: ONEPIN } });
  server = setupServer(...mock.handlers);
  server.listen({ onUnhandledRequest: 'bypass' });
  acme = (await mock.fixtures()).workspaces[0] as typeof acme;
});

afterAll(() => {
  server.close();
  mock.close();
});

describe('createFlowmockHandlers', () => {
  it('answers an API at its vendor URL, and no longer at its mount', async () => {
    const path = `/api/v1/workflows/${acme.flows[0]!.id}/runs/summary`;
    const atVendor = await fetch(`${ONEPIN}${path}`, { headers: { authorization: `Bearer ${acme.tokens[0]}` } });
    expect(atVendor.status).toBe(200);
    expect(((await atVendor.json()) as { data: { total_runs: number } }).data.total_runs).toBeGreaterThan(0);
    await expect(fetch(`${BASE}/onepin${path}`, { headers: { authorization: `Bearer ${acme.tokens[0]}` } })).rejects.toThrow();
  });

  it('answers the other APIs and the admin API at their mounts, in any case', async () => {
    const alloy = await fetch(`${BASE}/ALLOY/workflows/${acme.flows[0]!.id}/analytics`, { headers: { authorization: `Bearer ${acme.tokens[0]}`, 'x-api-version': '2025-09' } });
    expect(alloy.status).toBe(200);
    expect((await fetch(`${BASE}/__mock/health`)).status).toBe(200);
  });

  it('leaves paths below no mount to MSW', async () => {
    await expect(fetch(`${BASE}/elsewhere/at/all`)).rejects.toThrow();
  });

  it('does not trip on a GET body the interceptor dropped (its content-length kept): the query string is read', async () => {
    const query = `workspace_uuid=${acme.id}&entity=workflows&metric=executions&aggregation=count`;
    const body = JSON.stringify({ workspace_uuid: acme.id, entity: 'agents', metric: 'executions', aggregation: 'count' });
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const outgoing = nodeHttp.request(`${BASE}/multiplai/api/v1/workspaces/metrics?${query}`, {
        method: 'GET',
        headers: { authorization: `Bearer ${acme.tokens[0]}`, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => { text += chunk.toString(); });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
    expect(answer.status, answer.text).toBe(200);
    expect((JSON.parse(answer.text) as { data: { entity: string } }).data.entity).toBe('workflows');
  });

  it('offers the admin API as methods, which refuse what the endpoint refuses', async () => {
    const before = (await mock.health()).counts.runs;
    const run = await mock.addRun({ workspace: acme.id, flow: acme.flows[0]!.id, status: 'running' });
    expect((await mock.health()).counts.runs).toBe(before + 1);
    expect((await mock.updateRun(run.id, { status: 'succeeded' })).status).toBe('succeeded');
    expect((await mock.advanceClock(60_000)).now).toBe('2026-11-20T12:01:00.000Z');
    expect((await mock.setClock('2026-11-21T00:00:00Z')).now).toBe('2026-11-21T00:00:00.000Z');
    expect((await mock.setFaults([{ api: 'alloy', status: 503 }])).rules).toHaveLength(1);
    const alloy = await fetch(`${BASE}/alloy/workflows/${acme.flows[0]!.id}/analytics`, { headers: { authorization: `Bearer ${acme.tokens[0]}`, 'x-api-version': '2025-09' } });
    expect(alloy.status).toBe(503);
    await expect(mock.updateRun(run.id, { status: 'running' })).rejects.toSatisfy((error: unknown) =>
      error instanceof FlowmockAdminError && error.status === 409 && /succeeded/.test(String(error.problem.detail)));
    await mock.reset();
    expect((await mock.health()).counts.runs).toBe(before);
    expect((await mock.setLive({ enabled: false })).enabled).toBe(false);
  });
});
