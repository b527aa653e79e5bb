/**
 * Every spec, served by real Prism (`prism mock`), gives back each documented example, and rejects a
 * request that breaks the spec with the documented error status.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathTemplateSource } from '../../src/core/path-template.ts';
import { loadSpec, type SpecName } from '../../src/openapi/spec-document.ts';
import { freePort, start, waitForOutput, type Running } from '../helpers/child-process.ts';
import { httpRequest } from '../helpers/http.ts';
import { DEFAULT } from '../helpers/fixtures.ts';
import { buildRequest } from '../helpers/spec-requests.ts';

const PRISM = fileURLToPath(new URL('../../node_modules/@stoplight/prism-cli/dist/index.js', import.meta.url));
const AUTH = { authorization: 'Bearer fm_test_token_123456' };
const FLOW = DEFAULT.acme.flows.syncLeads;

/** For each spec, requests that break it, and the status the spec documents for them. */
const BROKEN: Record<SpecName, { name: string; path: string; headers?: Record<string, string>; body?: string; method?: string; status: number }[]> = {
  alloy: [
    { name: 'no x-api-version', path: `/workflows/${FLOW}/analytics`, headers: AUTH, status: 400 },
    { name: 'no credentials', path: `/workflows/${FLOW}/analytics`, headers: { 'x-api-version': '2025-09' }, status: 401 },
  ],
  stackai: [
    { name: 'a negative page', path: '/analytics/org/o/flows/f?page=-1', headers: AUTH, status: 422 },
    { name: 'an unknown state', path: '/analytics/org/o/flows/f?state=COMPLETED,DONE', headers: AUTH, status: 422 },
    { name: 'no credentials', path: '/analytics/org/o/flows/f', status: 401 },
  ],
  onepin: [
    { name: 'a workflow_id that is not a uuid', path: '/api/v1/workflows/not-a-uuid/runs/summary', headers: AUTH, status: 422 },
    { name: 'a datetime without offset', path: `/api/v1/workflows/${FLOW}/runs/summary?from=2026-01-01T00:00:00`, headers: AUTH, status: 422 },
    { name: 'no credentials', path: `/api/v1/workflows/${FLOW}/runs/summary`, status: 401 },
  ],
  b3os: [
    { name: 'no granularity', path: '/v1/executions/stats?from=0&to=1000', headers: AUTH, status: 400 },
    { name: 'an unknown granularity', path: '/v1/executions/stats?from=0&to=1000&granularity=weekly', headers: AUTH, status: 400 },
    { name: 'no credentials', path: '/v1/executions/stats?from=0&to=1000&granularity=daily', status: 401 },
  ],
  multiplai: [
    {
      name: 'a body without entity', path: '/api/v1/workspaces/metrics', headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ workspace_uuid: 'w', metric: 'executions', aggregation: 'count' }), status: 422,
    },
    { name: 'an unknown entity in the query', path: '/api/v1/workspaces/metrics?entity=bots', headers: AUTH, status: 422 },
    { name: 'no credentials', path: '/api/v1/workspaces/metrics', status: 401 },
  ],
  admin: [
    { name: 'a run without a status', method: 'POST', path: '/__mock/runs', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ workspace: DEFAULT.acme.workspaceId, flow: FLOW }), status: 400 },
    { name: 'a clock with an unknown field', method: 'POST', path: '/__mock/clock', headers: { 'content-type': 'application/json' }, body: '{"later":true}', status: 400 },
  ],
};

describe.each(Object.keys(BROKEN) as SpecName[])('prism mock specs/%s.yaml', (name) => {
  let prism: Running;
  let base: string;
  const spec = loadSpec(name);

  beforeAll(async () => {
    const port = await freePort();
    prism = start(process.execPath, [PRISM, 'mock', '-h', '127.0.0.1', '-p', String(port), spec.file]);
    await waitForOutput(prism, /Prism is listening/);
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => prism?.stop());

  const cases = spec.operations().flatMap((op) =>
    Object.entries(op.responses)
      .filter(([code]) => code !== 'default')
      .flatMap(([code, response]) =>
        Object.entries(response.content ?? {}).flatMap(([mediaType, media]) =>
          // Prism cannot serialise YAML responses (it answers 500 "Cannot find serializer"), so only JSON ones.
          mediaType.endsWith('yaml') ? [] :
          Object.entries(spec.examples(media)).map(([example, value]) => ({ op, code, mediaType, example, value })))));

  it('has examples to check', () => expect(cases.length).toBeGreaterThan(0));

  it.each(cases.map((c) => [`${c.op.method.toUpperCase()} ${c.op.path} ${c.code} "${c.example}"`, c] as const))(
    'returns the documented example: %s',
    async (_title, { op, code, mediaType, example, value }) => {
      const request = buildRequest(op);
      const bodyExample = Object.values(spec.examples(op.requestBody?.content['application/json']))[0];
      const body = bodyExample === undefined ? undefined : JSON.stringify(bodyExample);
      const response = await httpRequest(base + request.path, {
        method: op.method.toUpperCase(),
        headers: {
          ...AUTH, ...request.headers, ...(body ? { 'content-type': 'application/json' } : {}),
          accept: mediaType, prefer: `code=${code}, example=${example}`,
        },
        ...(body ? { body } : {}),
      });
      expect(response.status, response.text).toBe(Number(code));
      if (value !== undefined) expect(response.json).toEqual(value);
    },
  );

  it.each(BROKEN[name].map((c) => [c.name, c] as const))('rejects %s with the documented status', async (_title, c) => {
    const response = await httpRequest(base + c.path, { method: c.method ?? 'GET', headers: c.headers ?? {}, ...(c.body ? { body: c.body } : {}) });
    expect(response.status, response.text).toBe(c.status);
    const op = spec.operations().find((o) => o.method === (c.method ?? 'GET').toLowerCase() && new RegExp(`^${pathTemplateSource(o.path)}$`).test(c.path.split('?')[0] as string));
    expect(op?.responses[String(c.status)], `status ${c.status} is documented`).toBeDefined();
  });
});
