/**
 * How a request finds its operation, on every API: what Express's routers used to do implicitly and
 * clients rely on (HEAD on a GET, case and trailing slash, mounts that are whole path segments).
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { appFor, expectMatchesSpec } from '../helpers/app.ts';
import { EDGE_CASES } from '../helpers/fixtures.ts';
import type { SpecName } from '../../src/openapi/spec-document.ts';

const { app } = appFor('edge-cases');
const TOKEN = EDGE_CASES.edge.token;
const WS = EDGE_CASES.edge.workspaceId;
const FLOW = EDGE_CASES.edge.flows.edgesAndTies;
const DAYS = `from=${Date.parse('2027-01-01T00:00:00Z')}&to=${Date.parse('2027-01-05T12:00:00Z')}`;
const headers = { authorization: `Bearer ${TOKEN}`, 'x-api-version': '2025-09' };

const OPERATIONS: readonly [SpecName, string][] = [
  ['alloy', `/alloy/workflows/${FLOW}/analytics`],
  ['stackai', `/stackai/analytics/org/${WS}/flows/${FLOW}`],
  ['onepin', `/onepin/api/v1/workflows/${FLOW}/runs/summary`],
  ['b3os', `/b3os/v1/executions/stats?granularity=daily&${DAYS}`],
  ['multiplai', `/multiplai/api/v1/workspaces/metrics?workspace_uuid=${WS}&entity=workflows&metric=executions&aggregation=count`],
];

describe('routing on every API', () => {
  it.each(OPERATIONS)('%s: HEAD answers the GET\'s status and headers without a body', async (_api, path) => {
    const get = await request(app).get(path).set(headers);
    expect(get.status, get.text).toBe(200);
    expect(Number(get.headers['content-length'])).toBe(Buffer.byteLength(get.text));
    const head = await request(app).head(path).set(headers);
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.text ?? '').toBe('');
  });

  it.each(OPERATIONS)('%s: a trailing slash and upper-case letters name the same operation', async (api, path) => {
    const [pathname, query] = path.split('?') as [string, string | undefined];
    const answer = await request(app).get(path).set(headers);
    expectMatchesSpec(api, `/${api}`, answer);
    const expected = answer.body as unknown;
    for (const variant of [`${pathname}/`, pathname.toUpperCase().replace(FLOW.toUpperCase(), FLOW).replace(WS.toUpperCase(), WS)]) {
      const res = await request(app).get(query === undefined ? variant : `${variant}?${query}`).set(headers);
      expect(res.status, `${variant}: ${res.text}`).toBe(200);
      expect(withoutVolatile(res.body)).toEqual(withoutVolatile(expected));
    }
  });

  it.each(OPERATIONS)('%s: an unknown path below the mount is a 404 in the vendor\'s envelope', async (api) => {
    const res = await request(app).get(`/${api}/no/such/endpoint`).set(headers);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.stringify(res.body)).toContain(`No ${api} endpoint at /no/such/endpoint`);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a mount is a whole path segment: /onepinx is nobody\'s', async () => {
    const res = await request(app).get('/onepinx/api/v1/workflows').set(headers);
    expect(res.status).toBe(404);
    // Not OnePin's envelope: the server's own 404 off the mounts (test/server/not-found.test.ts).
    expect(res.body).toMatchObject({ error: 'not_found' });
  });

  it('the mount alone is the API\'s own 404', async () => {
    const res = await request(app).get('/onepin').set(headers);
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: 'NOT_FOUND', message: 'No onepin endpoint at /' });
  });
});

/** Request ids and timestamps differ between two answers to the same question. */
function withoutVolatile(body: unknown): unknown {
  return JSON.parse(JSON.stringify(body, (key, value: unknown) => (/^(request_?id|requestId|timestamp|cached_at)$/i.test(key) ? undefined : value)));
}
