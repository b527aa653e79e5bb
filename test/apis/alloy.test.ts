/**
 * Alloy `GET /workflows/{workflowId}/analytics` over the edge-cases scenario (now 2027-01-05T12:00Z).
 * Expected totals are counted by hand from scenarios/edge-cases.yaml.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { appFor, expectMatchesSpec } from '../helpers/app.ts';
import { EDGE_CASES } from '../helpers/fixtures.ts';

const { app } = appFor('edge-cases');
const TOKEN = EDGE_CASES.edge.token;
const OTHER_TOKEN = EDGE_CASES.other.token;
const FLOWS = EDGE_CASES.edge.flows;
const OTHER_FLOW = EDGE_CASES.other.flows.someoneElses;

function analytics(workflowId: string, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}`, 'x-api-version': '2025-09' }) {
  return request(app).get(`/alloy/workflows/${workflowId}/analytics`).set(headers);
}

async function expectAlloy(res: request.Response, status: number, body: unknown) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toEqual(body);
  expectMatchesSpec('alloy', '/alloy', res);
}

describe('alloy: lifetime totals of one workflow', () => {
  it.each([
    // flow, runs, errors, app actions
    ['a flow with no terminal run', FLOWS.noTerminalRuns, 6, 0, 3 + 5 + 0 + 2 + 0 + 0],
    ['a flow with only cancelled runs', FLOWS.onlyCancelled, 3, 0, 1],
    ['a flow with one run', FLOWS.oneRunAgent, 1, 0, 4],
    // 18 runs, one created 1 ms after now; of 4 failed, one finishes after now and is still running.
    ['a flow with runs on every edge', FLOWS.edgesAndTies, 17, 3, 2 + 2 + 1 + 3 + 3 + 3 + 1 + 1 + 2 + 2 + 2 + 2 + 2 + 0 + 0 + 1 + 4],
  ])('%s', async (_name, id, runs, errors, appActions) => {
    const res = await analytics(id);
    await expectAlloy(res, 200, { totalWorkflowRuns: runs, totalErrors: errors, totalAppActions: appActions });
  });

  it('accepts the scheme in any case ("bearer")', async () => {
    const res = await analytics(FLOWS.oneRunAgent, { authorization: `bearer ${TOKEN}`, 'x-api-version': '2025-09' });
    expect(res.status).toBe(200);
  });

  it('ignores a JSON body on the GET', async () => {
    const res = await analytics(FLOWS.oneRunAgent).set('content-type', 'application/json').send('{"not": "used"');
    await expectAlloy(res, 200, { totalWorkflowRuns: 1, totalErrors: 0, totalAppActions: 4 });
  });
});

describe('alloy: errors in its envelope', () => {
  it('400 without x-api-version, before anything else', async () => {
    const res = await analytics(FLOWS.noTerminalRuns, {});
    await expectAlloy(res, 400, { error: 'MISSING_API_VERSION', message: 'The x-api-version header is required. The current API version is 2025-09.' });
  });

  it('400 on another API version', async () => {
    const res = await analytics(FLOWS.noTerminalRuns, { authorization: `Bearer ${TOKEN}`, 'x-api-version': '2024-07' });
    await expectAlloy(res, 400, { error: 'UNSUPPORTED_API_VERSION', message: "Unsupported x-api-version '2024-07'. The supported version is 2025-09." });
  });

  it.each([
    ['no Authorization header', {}],
    ['an unknown token', { authorization: 'Bearer fm_nobody_000000000000' }],
    ['another scheme', { authorization: `Basic ${TOKEN}` }],
    ['a bearer without token', { authorization: 'Bearer ' }],
  ])('401 with %s', async (_name, auth) => {
    const res = await analytics(FLOWS.noTerminalRuns, { 'x-api-version': '2025-09', ...auth });
    expect(res.body.error).toBe('UNAUTHORIZED');
    await expectAlloy(res, 401, res.body);
  });

  it.each([
    ['an unknown workflow', 'f0000000-0000-4000-8000-00000000dead'],
    ["another workspace's workflow", OTHER_FLOW],
    ['a workflow created after now', FLOWS.createdInTheFuture],
    ['an id that is not a uuid', 'not-a-uuid'],
  ])('404 for %s', async (_name, id) => {
    const res = await analytics(id);
    await expectAlloy(res, 404, { error: 'NOT_FOUND', message: `Workflow ${id} not found` });
  });

  it('the other workspace sees its own workflow', async () => {
    const res = await analytics(OTHER_FLOW, { authorization: `Bearer ${OTHER_TOKEN}`, 'x-api-version': '2025-09' });
    await expectAlloy(res, 200, { totalWorkflowRuns: 1, totalErrors: 0, totalAppActions: 3 });
  });

  it('413 for a huge body', async () => {
    const res = await analytics(FLOWS.noTerminalRuns).set('content-type', 'application/json').send('x'.repeat(1024 * 1024 + 1));
    await expectAlloy(res, 413, { error: 'PAYLOAD_TOO_LARGE', message: 'Request body is larger than 1048576 bytes' });
  });

  it('404 in the envelope for a path Alloy does not have', async () => {
    const res = await request(app).get('/alloy/workflows').set({ authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'NOT_FOUND', message: 'No alloy endpoint at /workflows' });
  });

  it('405 in the envelope for another method', async () => {
    const res = await request(app).post(`/alloy/workflows/${FLOWS.noTerminalRuns}/analytics`);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.body.error).toBe('METHOD_NOT_ALLOWED');
  });
});

describe('alloy: malformed paths', () => {
  it('400 in the envelope for a broken percent-escape, not a 500', async () => {
    const res = await request(app).get('/alloy/workflows/%E0%A4%A/analytics').set({ authorization: `Bearer ${TOKEN}`, 'x-api-version': '2025-09' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'BAD_REQUEST', message: 'A path parameter is not valid percent-encoded UTF-8' });
  });
});
