/**
 * B3OS `GET /v1/executions/stats` errors over the edge-cases scenario: 400 with every problem in
 * `details`, 401, 403, the check order (401 → 403 → 400) and the other failures in the envelope.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { b3osError } from '../../src/apis/b3os/errors.ts';
import { ApiFailure } from '../../src/apis/shared/api-failure.ts';
import { loadSpec } from '../../src/openapi/spec-document.ts';
import { specValidator } from '../../src/openapi/spec-validator.ts';
import { appFor, expectMatchesSpec } from '../helpers/app.ts';
import { EDGE_CASES } from '../helpers/fixtures.ts';
import { b3osStats, expectB3os, type B3osQuery } from '../helpers/b3os.ts';

const { app: edgeApp } = appFor('edge-cases');
const TOKEN = EDGE_CASES.edge.token;
const OTHER_ORG = EDGE_CASES.other.workspaceId;
const AUTH = { authorization: `Bearer ${TOKEN}` };
const DAY = 86_400_000;
const at = (iso: string) => Date.parse(iso);

type Query = B3osQuery;

const stats = (query: Query | string, headers: Record<string, string> = AUTH) => b3osStats(edgeApp, query, headers);

function expect400(res: request.Response, message: string, details: unknown[]) {
  expectB3os(res, 400, { code: 400, message, details });
}

describe('b3os: 400 for a bad query, every problem named', () => {
  const FROM = at('2027-01-01T00:00:00.000Z');
  const TO = at('2027-01-02T00:00:00.000Z');

  it('all three parameters missing', async () => {
    await expect400(await stats(''), 'missing required query parameters: from, to, granularity', [
      { field: 'from', issue: 'required' }, { field: 'to', issue: 'required' }, { field: 'granularity', issue: 'required' },
    ]);
  });

  it.each([
    ['granularity missing', { from: FROM, to: TO }, 'missing required query parameter: granularity', { field: 'granularity', issue: 'required' }],
    ['granularity weekly', { from: FROM, to: TO, granularity: 'weekly' }, 'invalid query parameter granularity: must be one of hourly, daily', { field: 'granularity', issue: 'must be one of hourly, daily', value: 'weekly' }],
    ['granularity in capitals', { from: FROM, to: TO, granularity: 'Daily' }, 'invalid query parameter granularity: must be one of hourly, daily', { field: 'granularity', issue: 'must be one of hourly, daily', value: 'Daily' }],
    ['from missing', { to: TO, granularity: 'daily' }, 'missing required query parameter: from', { field: 'from', issue: 'required' }],
    ['from a date', { from: '2027-01-01', to: TO, granularity: 'daily' }, 'invalid query parameter from: must be an integer (Unix milliseconds)', { field: 'from', issue: 'must be an integer (Unix milliseconds)', value: '2027-01-01' }],
    ['from empty', { from: '', to: TO, granularity: 'daily' }, 'invalid query parameter from: must be an integer (Unix milliseconds)', { field: 'from', issue: 'must be an integer (Unix milliseconds)', value: '' }],
    ['to not an integer', { from: FROM, to: `${TO}.5`, granularity: 'daily' }, 'invalid query parameter to: must be an integer (Unix milliseconds)', { field: 'to', issue: 'must be an integer (Unix milliseconds)', value: TO + 0.5 }],
    ['from negative', { from: -1, to: TO, granularity: 'daily' }, 'invalid query parameter from: must be >= 0', { field: 'from', issue: 'must be >= 0', value: -1 }],
    ['to past year 9999', { from: FROM, to: 1e20, granularity: 'daily' }, 'invalid query parameter to: must be <= 253402300799999 (9999-12-31T23:59:59.999Z)', { field: 'to', issue: 'must be <= 253402300799999 (9999-12-31T23:59:59.999Z)', value: 1e20 }],
    ['from after to', { from: TO + 1, to: TO, granularity: 'daily' }, 'invalid time range: from must be less than or equal to to', { field: 'from', issue: 'must be <= to', value: TO + 1 }],
    ['365 days and 1 ms', { from: FROM, to: FROM + 365 * DAY + 1, granularity: 'daily' }, 'invalid time range: max 365 days from from', { field: 'to', issue: 'must be at most 365 days after from', value: FROM + 365 * DAY + 1 }],
    ['366 days', { from: FROM, to: FROM + 366 * DAY, granularity: 'hourly' }, 'invalid time range: max 365 days from from', { field: 'to', issue: 'must be at most 365 days after from', value: FROM + 366 * DAY }],
  ])('%s', async (_name, query, message, detail) => {
    await expect400(await stats(query), message, [detail]);
  });

  it('a repeated or bracketed parameter is not an integer', async () => {
    await expect400(await stats(`from=${FROM}&from=${FROM}&to=${TO}&granularity=daily`), 'invalid query parameter from: must be an integer (Unix milliseconds)', [
      { field: 'from', issue: 'must be an integer (Unix milliseconds)', value: [String(FROM), String(FROM)] },
    ]);
    // The query parser drops prototype keys, so `from[__proto__]=1` leaves an empty object.
    await expect400(await stats(`from[__proto__]=1&to=${TO}&granularity=daily`), 'invalid query parameter from: must be an integer (Unix milliseconds)', [
      { field: 'from', issue: 'must be an integer (Unix milliseconds)', value: {} },
    ]);
  });

  it('several problems at once, the window rule among them', async () => {
    await expect400(await stats({ from: TO + 1, to: TO, granularity: 'weekly' }), 'invalid query parameters: granularity, from', [
      { field: 'granularity', issue: 'must be one of hourly, daily', value: 'weekly' },
      { field: 'from', issue: 'must be <= to', value: TO + 1 },
    ]);
    await expect400(await stats({ from: 'soon', granularity: 'daily' }), 'invalid query parameters: from, to', [
      { field: 'from', issue: 'must be an integer (Unix milliseconds)', value: 'soon' },
      { field: 'to', issue: 'required' },
    ]);
  });
});

describe('b3os: auth, organisation and check order (401 → 403 → 400)', () => {
  const VALID = { from: at('2027-01-01T00:00:00.000Z'), to: at('2027-01-01T00:00:00.000Z'), granularity: 'daily' };

  it.each([
    ['no Authorization header', {}, 'Missing Authorization header'],
    ['an unknown token', { authorization: 'Bearer fm_nobody_000000000000' }, 'Invalid API key'],
    ['another scheme', { authorization: `Basic ${TOKEN}` }, 'The Authorization header must be "Bearer <token>"'],
    ['a bearer without token', { authorization: 'Bearer ' }, 'The Authorization header must be "Bearer <token>"'],
  ])('401 with %s', async (_name, headers, message) => {
    expectB3os(await stats(VALID, headers), 401, { code: 401, message, details: [] });
  });

  it.each([
    ["the other workspace's id", OTHER_ORG],
    ['an unknown organisation', 'org_123'],
  ])('403 when X-Org-ID is %s', async (_name, orgId) => {
    expectB3os(await stats(VALID, { ...AUTH, 'X-Org-ID': orgId }), 403, {
      code: 403, message: 'API key does not have access to this organization',
      details: [{ header: 'X-Org-ID', issue: "is not the API key's organization", value: orgId }],
    });
  });

  it('401 before 403 and 400', async () => {
    const res = await stats({ granularity: 'weekly' }, { authorization: 'Bearer fm_nobody_000000000000', 'X-Org-ID': OTHER_ORG });
    expectB3os(res, 401, { code: 401, message: 'Invalid API key', details: [] });
  });

  it('403 before 400', async () => {
    const res = await stats({ granularity: 'weekly' }, { ...AUTH, 'X-Org-ID': OTHER_ORG });
    expect(res.body.code).toBe(403);
    expectB3os(res, 403, res.body);
  });

  it('an empty X-Org-ID counts as absent', async () => {
    const res = await stats(VALID, { ...AUTH, 'X-Org-ID': '' });
    expect(res.status).toBe(200);
    expectMatchesSpec('b3os', '/b3os', res);
  });
});

describe('b3os: other failures in the envelope', () => {
  it('413 for a huge body', async () => {
    const res = await stats({ from: 0, to: 0, granularity: 'daily' }).set('content-type', 'application/json').send('x'.repeat(1024 * 1024 + 1));
    expectB3os(res, 413, { code: 413, message: 'Request body is larger than 1048576 bytes', details: [] });
  });

  it('ignores a small body on the GET', async () => {
    const res = await stats({ from: 0, to: 0, granularity: 'daily' }).set('content-type', 'application/json').send('{"from": "x"');
    expect(res.status).toBe(200);
    expectMatchesSpec('b3os', '/b3os', res);
  });

  // No operation documents these (expectMatchesSpec needs one): the body is checked against ErrorResponse.
  it.each([
    ['405 for another method', 'post', '/v1/executions/stats', 405, 'POST is not allowed here: use GET, HEAD'],
    ['404 for another path', 'get', '/v1/executions', 404, 'No b3os endpoint at /v1/executions'],
  ] as const)('%s', async (_name, method, path, status, message) => {
    const res = await request(edgeApp)[method](`/b3os${path}`).set(AUTH);
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ code: status, message, details: [], requestId: res.headers['x-request-id'] });
    expect(specValidator().validateAt('b3os', '#/components/schemas/ErrorResponse', res.body)).toEqual([]);
    if (status === 405) expect(res.headers.allow).toBe('GET, HEAD');
  });

  it.each([[429, 'rate limit exceeded, retry later'], [500, 'failed to get execution stats'], [503, 'service temporarily unavailable']])(
    'an injected %i keeps its status as the code', (status, message) => {
      const { status: answered, body } = b3osError(new ApiFailure('injected', message, [], status), { requestId: 'r-1', now: 0 });
      expect(answered).toBe(status);
      expect(body).toEqual({ code: status, message, details: [], requestId: 'r-1' });
      const op = loadSpec('b3os').operations().find((o) => o.operationId === 'getExecutionStats');
      expect(specValidator().validateResponse(op!, status, 'application/json', body)).toEqual([]);
    },
  );
});
