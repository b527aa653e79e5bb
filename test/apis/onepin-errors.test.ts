/**
 * OnePin runs summary errors: the envelope {"error": {code, message, details?}, "meta": {request_id,
 * timestamp}} and the documented check order 401 → 403 → 422 → 404 (edge-cases scenario, now
 * 2027-01-05T12:00:00Z).
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { onepinError } from '../../src/apis/onepin/errors.ts';
import { ApiFailure } from '../../src/apis/shared/api-failure.ts';
import { loadSpec } from '../../src/openapi/spec-document.ts';
import { specValidator } from '../../src/openapi/spec-validator.ts';
import { appFor, expectMatchesSpec } from '../helpers/app.ts';
import { EDGE_CASES } from '../helpers/fixtures.ts';

const { app } = appFor('edge-cases');
const TOKEN = EDGE_CASES.edge.token;
const AUTH = { authorization: `Bearer ${TOKEN}` };
const OTHER_WORKSPACE = EDGE_CASES.other.workspaceId;
const NOW = '2027-01-05T12:00:00.000Z';
const FLOWS = EDGE_CASES.edge.flows;
const OTHER_FLOW = EDGE_CASES.other.flows.someoneElses;

function summary(workflowId: string, query: Record<string, string | string[]> = {}, headers: Record<string, string> = AUTH) {
  return request(app).get(`/onepin/api/v1/workflows/${workflowId}/runs/summary`).query(query).set(headers);
}

type Detail = { field: string; message: string };

function expectError(res: request.Response, status: number, code: string, message: string, details?: Detail[]) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toEqual({
    error: { code, message, ...(details === undefined ? {} : { details }) },
    meta: { request_id: res.headers['x-request-id'], timestamp: NOW },
  });
  expectMatchesSpec('onepin', '/onepin', res);
}

const expect401 = (res: request.Response) => expectError(res, 401, 'INVALID_API_KEY', 'Invalid or missing API key.');
const expect403 = (res: request.Response) => expectError(res, 403, 'FORBIDDEN', "X-Workspace-Id does not match the API key's workspace.");
const expect404 = (res: request.Response) => expectError(res, 404, 'NOT_FOUND', 'Workflow not found.');
const expect422 = (res: request.Response, details: Detail[]) => expectError(res, 422, 'VALIDATION_ERROR', 'Request validation failed.', details);

const OFFSET = 'must include a UTC offset';
const DATE_TIME = 'must be an ISO 8601 date-time with a UTC offset';
const INVERTED = { field: 'from', message: "must be before or equal to 'to'" };

describe('onepin: 401 INVALID_API_KEY', () => {
  it.each([
    ['no Authorization header', {}],
    ['an unknown token', { authorization: 'Bearer fm_nobody_000000000000' }],
    ['another scheme', { authorization: `Basic ${TOKEN}` }],
    ['a bearer without token', { authorization: 'Bearer ' }],
    ['a token without scheme', { authorization: TOKEN }],
  ])('with %s', async (_name, headers) => {
    expect401(await summary(FLOWS.noTerminalRuns, {}, headers));
  });

  it('comes before 403, 422 and 404', async () => {
    expect401(await summary('not-a-uuid', { from: '2027-01-01T00:00:00' }, { 'x-workspace-id': OTHER_WORKSPACE }));
  });
});

describe('onepin: 403 FORBIDDEN', () => {
  it("for an X-Workspace-Id that is not the token's workspace", async () => {
    expect403(await summary(FLOWS.noTerminalRuns, {}, { ...AUTH, 'x-workspace-id': OTHER_WORKSPACE }));
  });

  it('compares the id exactly (the spec assumption)', async () => {
    expect403(await summary(FLOWS.noTerminalRuns, {}, { ...AUTH, 'x-workspace-id': EDGE_CASES.edge.workspaceId.toUpperCase() }));
  });

  it('comes before 422 and 404', async () => {
    expect403(await summary('not-a-uuid', { from: 'yesterday' }, { ...AUTH, 'x-workspace-id': 'nope' }));
    expect403(await summary(OTHER_FLOW, {}, { ...AUTH, 'x-workspace-id': OTHER_WORKSPACE }));
  });
});

describe('onepin: 422 VALIDATION_ERROR lists every problem', () => {
  it.each([
    ['not a uuid', 'not-a-uuid'],
    ['a uuid missing a digit', 'f0000000-0000-4000-8000-00000000001'],
    ['a number', '42'],
  ])('workflow_id %s', async (_name, id) => {
    expect422(await summary(id), [{ field: 'workflow_id', message: 'must be a UUID' }]);
  });

  it.each([
    ['naive', '2027-01-01T00:00:00', OFFSET],
    ['naive with ms', '2027-01-01T00:00:00.000', OFFSET],
    ['naive without seconds', '2027-01-01T00:00', OFFSET],
    ['a bare date', '2027-01-01', DATE_TIME],
    ['not a date', 'yesterday', DATE_TIME],
    ['empty', '', DATE_TIME],
    ['an impossible day', '2027-02-30T00:00:00Z', DATE_TIME],
    ['hour 24', '2027-01-01T24:00:00Z', DATE_TIME],
    ['offset hours 24', '2027-01-01T00:00:00+24:00', DATE_TIME],
    ['a Unix timestamp', '1767225600000', DATE_TIME],
  ])('from or to %s', async (_name, value, message) => {
    expect422(await summary(FLOWS.edgesAndTies, { from: value }), [{ field: 'from', message }]);
    expect422(await summary(FLOWS.edgesAndTies, { to: value }), [{ field: 'to', message }]);
  });

  it('a "+" left unencoded in the offset reads as a space, so there is no offset', async () => {
    const res = await request(app).get(`/onepin/api/v1/workflows/${FLOWS.edgesAndTies}/runs/summary?from=2027-01-02T17:00:00+02:00`).set(AUTH);
    expect422(res, [{ field: 'from', message: DATE_TIME }]);
  });

  it.each([
    ['repeated', '?from=2027-01-01T00:00:00Z&from=2027-01-02T00:00:00Z'],
    ['an object', '?from[at]=2027-01-01T00:00:00Z'],
    ['an object with a __proto__ key', '?from[__proto__]=2027-01-01T00:00:00Z'],
  ])('from %s is not one date-time', async (_name, query) => {
    const res = await request(app).get(`/onepin/api/v1/workflows/${FLOWS.edgesAndTies}/runs/summary${query}`).set(AUTH);
    expect422(res, [{ field: 'from', message: 'must be a single ISO 8601 date-time with a UTC offset' }]);
  });

  it('from later than to, by one millisecond', async () => {
    expect422(await summary(FLOWS.edgesAndTies, { from: '2027-01-02T15:00:00.001Z', to: '2027-01-02T15:00:00Z' }), [INVERTED]);
  });

  it('from later than to once offsets are applied', async () => {
    // from 12:00-04:00 = 16:00Z > to 15:00Z, though "12" < "15" as text.
    expect422(await summary(FLOWS.edgesAndTies, { from: '2027-01-02T12:00:00-04:00', to: '2027-01-02T15:00:00Z' }), [INVERTED]);
  });

  it('several problems at once, in parameter order', async () => {
    expect422(await summary('not-a-uuid', { from: '2027-01-01T00:00:00', to: 'soon' }), [
      { field: 'workflow_id', message: 'must be a UUID' },
      { field: 'from', message: OFFSET },
      { field: 'to', message: DATE_TIME },
    ]);
    expect422(await summary('not-a-uuid', { from: '2027-01-02T00:00:00Z', to: '2027-01-01T00:00:00Z' }), [
      { field: 'workflow_id', message: 'must be a UUID' },
      INVERTED,
    ]);
  });

  it('an unreadable bound is not also reported as an inverted range', async () => {
    expect422(await summary(FLOWS.edgesAndTies, { from: '2099-01-01T00:00:00', to: '2027-01-01T00:00:00Z' }), [{ field: 'from', message: OFFSET }]);
  });

  it('comes before 404', async () => {
    expect422(await summary('f0000000-0000-4000-8000-0000000000ee', { to: '2027-01-01T00:00:00' }), [{ field: 'to', message: OFFSET }]);
  });
});

describe('onepin: 404 NOT_FOUND', () => {
  it.each([
    ['an unknown workflow', 'f0000000-0000-4000-8000-00000000dead'],
    ["another workspace's workflow", OTHER_FLOW],
    ['a workflow created after now', FLOWS.createdInTheFuture],
  ])('for %s', async (_name, id) => {
    expect404(await summary(id));
  });

  it('for a workflow created after now, even with a window around its creation', async () => {
    expect404(await summary(FLOWS.createdInTheFuture, { from: '2027-01-01T00:00:00Z', to: '2027-03-01T00:00:00Z' }));
  });
});

describe('onepin: failures outside the operation, in the same envelope', () => {
  const errorSchema = '#/components/schemas/ApiErrorResponse';

  it('413 for a huge body', async () => {
    const res = await summary(FLOWS.noTerminalRuns).set('content-type', 'application/json').send('x'.repeat(1024 * 1024 + 1));
    expectError(res, 413, 'PAYLOAD_TOO_LARGE', 'Request body too large.');
  });

  it('404 for a path OnePin does not have', async () => {
    const res = await request(app).get('/onepin/api/v1/workflows').set(AUTH);
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: 'NOT_FOUND', message: 'No onepin endpoint at /api/v1/workflows' });
    expect(specValidator().validateAt('onepin', errorSchema, res.body)).toEqual([]);
  });

  it('405 for another method', async () => {
    const res = await request(app).post(`/onepin/api/v1/workflows/${FLOWS.noTerminalRuns}/runs/summary`).set(AUTH);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
    expect(res.body.meta.request_id).toBe(res.headers['x-request-id']);
    expect(specValidator().validateAt('onepin', errorSchema, res.body)).toEqual([]);
  });
});

describe('onepin: injected and internal failures (errors.ts)', () => {
  const op = loadSpec('onepin').operations()[0]!;
  const ctx = { requestId: 'req-1', now: Date.parse(NOW) };
  const meta = { request_id: 'req-1', timestamp: NOW };

  it.each([
    [429, 'RATE_LIMITED', 'Rate limit exceeded. Retry later.'],
    [503, 'SERVICE_UNAVAILABLE', 'Service temporarily unavailable.'],
    [500, 'INTERNAL_ERROR', 'An unexpected error occurred.'],
    [401, 'INVALID_API_KEY', 'Invalid or missing API key.'],
    [422, 'VALIDATION_ERROR', 'Request validation failed.'],
    [418, 'BAD_REQUEST', 'Bad request.'],
    [599, 'INTERNAL_ERROR', 'An unexpected error occurred.'],
  ])('an injected %i', (status, code, message) => {
    const response = onepinError(new ApiFailure('injected', '', [], status), ctx);
    expect(response).toEqual({ status, body: { error: { code, message }, meta } });
    expect(specValidator().validateResponse(op, status, 'application/json', response.body)).toEqual([]);
  });

  it("keeps an injected fault's own message, and answers 500 when its status is not an error", () => {
    expect(onepinError(new ApiFailure('injected', 'chaos', [], 503), ctx).body).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: 'chaos' }, meta });
    expect(onepinError(new ApiFailure('injected', '', [], 200), ctx).status).toBe(500);
    expect(onepinError(new ApiFailure('injected', ''), ctx).status).toBe(500);
  });

  it('an internal failure never shows its own message', () => {
    const response = onepinError(new ApiFailure('internal', 'TypeError: x is undefined'), ctx);
    expect(response).toEqual({ status: 500, body: { error: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred.' }, meta } });
  });

  it('a body that could not be read is a 422 on the field "body"', () => {
    const failure = new ApiFailure('invalid', 'The request body could not be read', [{ in: 'body', name: '', path: [], keyword: 'body', message: 'could not be read' }]);
    const response = onepinError(failure, ctx);
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ error: { code: 'VALIDATION_ERROR', message: 'Request validation failed.', details: [{ field: 'body', message: 'could not be read' }] }, meta });
  });
});
