/**
 * Multiplai workspace metrics: every error in the vendor's envelopes, and their order (401, 422, 404,
 * 403), over scenarios/edge-cases.yaml. Messages are Laravel's, the seed's six rules with the seed's and
 * the spec's sentences.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { specValidator } from '../../src/openapi/spec-validator.ts';
import { appFor, expectMatchesSpec } from '../helpers/app.ts';
import { EDGE_CASES } from '../helpers/fixtures.ts';

const { app } = appFor('edge-cases');
const WS = EDGE_CASES.edge.workspaceId;
const OTHER_WS = EDGE_CASES.other.workspaceId;
const TOKEN = EDGE_CASES.edge.token;
const OTHER_TOKEN = EDGE_CASES.other.token;
const URL = '/multiplai/api/v1/workspaces/metrics';
const VALID = { workspace_uuid: WS, entity: 'workflows', metric: 'executions', aggregation: 'count' };

function metrics(body: unknown, { auth = `Bearer ${TOKEN}` as string | null, query = '' } = {}) {
  let req = request(app).get(URL + query);
  if (auth !== null) req = req.set('authorization', auth);
  return body === undefined ? req : req.set('content-type', 'application/json').send(typeof body === 'string' ? body : JSON.stringify(body));
}

async function expectError(res: request.Response, status: number, body: unknown) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toEqual(body);
  expectMatchesSpec('multiplai', '/multiplai', res);
}

/** A 422 with one message on one field. */
const invalid = (field: string, message: string) => ({ message, errors: { [field]: [message] } });

describe('multiplai: 401', () => {
  it.each([
    ['no Authorization header', null],
    ['an unknown token', 'Bearer fm_nobody_000000000000'],
    ['another scheme', `Basic ${TOKEN}`],
    ['a bearer without token', 'Bearer '],
  ])('with %s', async (_name, auth) => {
    await expectError(await metrics(VALID, { auth }), 401, { message: 'Unauthenticated.' });
  });

  it('comes before validation, even of a malformed body', async () => {
    await expectError(await metrics('{not json', { auth: null }), 401, { message: 'Unauthenticated.' });
  });

  it('the scheme is case-insensitive ("bearer")', async () => {
    const res = await metrics(VALID, { auth: `bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    expectMatchesSpec('multiplai', '/multiplai', res);
  });
});

describe('multiplai: 422, the seed\'s six rules', () => {
  it.each([
    // Rule 1: the seed's own example body.
    ['entity missing', { entity: undefined }, invalid('entity', 'The entity field is required.')],
    ['entity null', { entity: null }, invalid('entity', 'The entity field is required.')],
    ['entity unknown', { entity: 'bots' }, invalid('entity', 'The selected entity is invalid.')],
    ['entity of the wrong type', { entity: 5 }, invalid('entity', 'The selected entity is invalid.')],
    // Rule 2
    ['metric missing', { metric: undefined }, invalid('metric', 'The metric field is required.')],
    ['metric unknown', { metric: 'runs' }, invalid('metric', 'The selected metric is invalid.')],
    // Rule 3
    ['aggregation missing', { aggregation: undefined }, invalid('aggregation', 'The aggregation field is required.')],
    ['aggregation unknown', { aggregation: 'median' }, invalid('aggregation', 'The selected aggregation is invalid.')],
    // Rule 4
    ['group_by date without granularity', { group_by: 'date' }, invalid('granularity', 'The granularity field is required when group by is date.')],
    ['group_by date with a null granularity', { group_by: 'date', granularity: null }, invalid('granularity', 'The granularity field is required when group by is date.')],
    // Rule 5
    ['avg_duration grouped', { metric: 'avg_duration', group_by: 'user' }, invalid('group_by', 'The avg_duration metric does not support group_by.')],
    // Rule 6
    ['avg_duration for agents', { entity: 'agents', metric: 'avg_duration' }, invalid('metric', 'The avg_duration metric is only available for workflows.')],
  ])('%s', async (_name, change, expected) => {
    await expectError(await metrics({ ...VALID, ...change }), 422, expected);
  });

  it('avg_duration with group_by null is fine (null is no grouping)', async () => {
    const res = await metrics({ ...VALID, metric: 'avg_duration', aggregation: 'avg', group_by: null });
    expect([res.status, res.body.data?.group_by]).toEqual([200, null]);
  });
});

describe('multiplai: 422, the spec\'s other rules', () => {
  it.each([
    ['workspace_uuid missing', { workspace_uuid: undefined }, invalid('workspace_uuid', 'The workspace uuid field is required.')],
    ['workspace_uuid empty', { workspace_uuid: '' }, invalid('workspace_uuid', 'The workspace uuid field is required.')],
    ['workspace_uuid not a string', { workspace_uuid: 123 }, invalid('workspace_uuid', 'The workspace uuid field must be a string.')],
    ['group_by unknown', { group_by: 'team' }, invalid('group_by', 'The selected group by is invalid.')],
    ['granularity unknown', { group_by: 'date', granularity: 'hourly' }, invalid('granularity', 'The selected granularity is invalid.')],
    ['order_by unknown', { order_by: 'size' }, invalid('order_by', 'The selected order by is invalid.')],
    ['order_dir unknown', { order_dir: 'up' }, invalid('order_dir', 'The selected order dir is invalid.')],
    ['limit 0', { limit: 0 }, invalid('limit', 'The limit field must be at least 1.')],
    ['limit -1', { limit: -1 }, invalid('limit', 'The limit field must be at least 1.')],
    ['limit 1001', { limit: 1001 }, invalid('limit', 'The limit field must not be greater than 1000.')],
    ['limit 2.5', { limit: 2.5 }, invalid('limit', 'The limit field must be an integer.')],
    ['limit as text in the body (only the query string is text)', { limit: '10' }, invalid('limit', 'The limit field must be an integer.')],
    ['filters not an object', { filters: '7d' }, invalid('filters', 'The filters field must be an object.')],
    ['filters.period unknown', { filters: { period: '1y' } }, invalid('filters.period', 'The selected filters.period is invalid.')],
    ['filters.user_id of the wrong type', { filters: { user_id: true } }, invalid('filters.user_id', 'The filters.user id field must be a string or an integer.')],
    ['an unknown field', { team: 'x' }, invalid('team', 'The team field is prohibited.')],
    ['an unknown filter', { filters: { team: 'x' } }, invalid('filters.team', 'The filters.team field is prohibited.')],
  ])('%s', async (_name, change, expected) => {
    await expectError(await metrics({ ...VALID, ...change }), 422, expected);
  });

  it.each([[1], [1000]])('limit %d is in range', async (limit) => {
    expect((await metrics({ ...VALID, limit })).status).toBe(200);
  });

  it('every problem is listed, in the spec\'s field order; message = the first "(and N more errors)"', async () => {
    await expectError(await metrics({ limit: 0, metric: 'executions', zz: 1 }), 422, {
      message: 'The workspace uuid field is required. (and 4 more errors)',
      errors: {
        workspace_uuid: ['The workspace uuid field is required.'],
        entity: ['The entity field is required.'],
        aggregation: ['The aggregation field is required.'],
        limit: ['The limit field must be at least 1.'],
        zz: ['The zz field is prohibited.'],
      },
    });
  });

  it('"(and 1 more error)" in the singular', async () => {
    const res = await metrics({ ...VALID, entity: 'bots', order_dir: 'up' });
    expect(res.body.message).toBe('The selected entity is invalid. (and 1 more error)');
  });

  it('no body and no query string: the four required fields', async () => {
    const res = await metrics(undefined);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual(['workspace_uuid', 'entity', 'metric', 'aggregation']);
    expectMatchesSpec('multiplai', '/multiplai', res);
  });

  it('query-string values are validated like body values', async () => {
    const query = `?workspace_uuid=${WS}&entity=workflows&metric=executions&aggregation=count&limit=abc&filters[period]=1y&extra=1`;
    await expectError(await metrics(undefined, { query }), 422, {
      message: 'The limit field must be an integer. (and 2 more errors)',
      errors: {
        limit: ['The limit field must be an integer.'],
        'filters.period': ['The selected filters.period is invalid.'],
        extra: ['The extra field is prohibited.'],
      },
    });
  });
});

describe('multiplai: 422 for a malformed body', () => {
  it.each([
    ['malformed JSON', '{"entity": ', 'The request body must be valid JSON.'],
    ['a JSON array', '[1, 2]', 'The request body must be a JSON object.'],
    ['a JSON string', '"agents"', 'The request body must be a JSON object.'],
    ['JSON null', 'null', 'The request body must be a JSON object.'],
  ])('%s', async (_name, text, message) => {
    await expectError(await metrics(text), 422, invalid('body', message));
  });

  it('a __proto__ key in the body is an unknown field, and pollutes nothing', async () => {
    const text = JSON.stringify(VALID).replace('{', '{"__proto__": {"polluted": true}, ');
    await expectError(await metrics(text), 422, invalid('__proto__', 'The __proto__ field is prohibited.'));
    const nested = JSON.stringify({ ...VALID, filters: { period: '7d' } }).replace('{"period"', '{"__proto__": {"polluted": true}, "period"');
    await expectError(await metrics(nested), 422, invalid('filters.__proto__', 'The filters.__proto__ field is prohibited.'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a __proto__ key in the query string is dropped by the query parser, and pollutes nothing', async () => {
    const query = `?__proto__[polluted]=1&filters[__proto__][polluted]=1&workspace_uuid=${WS}&entity=workflows&metric=executions&aggregation=count`;
    const res = await metrics(undefined, { query });
    expect(res.status).toBe(200);
    expectMatchesSpec('multiplai', '/multiplai', res);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('413 in the envelope for a huge body', async () => {
    await expectError(await metrics(' '.repeat(1024 * 1024 + 1)), 413, { message: 'The request body is too large.' });
  });
});

describe('multiplai: 404 and 403, after validation', () => {
  it.each([
    ['an unknown workspace', 'e0000000-0000-4000-8000-00000000dead'],
    ['a workspace_uuid that is not a uuid', 'not-a-uuid'],
  ])('404 for %s', async (_name, workspace) => {
    await expectError(await metrics({ ...VALID, workspace_uuid: workspace }), 404, { error: 'Workspace not found' });
  });

  it('422 comes before 404', async () => {
    const res = await metrics({ ...VALID, workspace_uuid: 'not-a-uuid', entity: 'bots' });
    expect(res.status).toBe(422);
  });

  it('404 comes before 403 (an unknown workspace with any token)', async () => {
    await expectError(await metrics({ ...VALID, workspace_uuid: 'nope' }, { auth: `Bearer ${OTHER_TOKEN}` }), 404, { error: 'Workspace not found' });
  });

  it.each([
    ['the other token on this workspace', OTHER_TOKEN, WS],
    ['this token on the other workspace', TOKEN, OTHER_WS],
  ])('403 for %s', async (_name, token, workspace) => {
    await expectError(await metrics({ ...VALID, workspace_uuid: workspace }, { auth: `Bearer ${token}` }), 403, { message: 'This action is unauthorized.' });
  });
});

describe('multiplai: outside the operation, still in the envelope', () => {
  const messageError = (body: unknown) => specValidator().validateAt('multiplai', '#/components/schemas/MessageError', body);

  it('405 for another method', async () => {
    const res = await request(app).post(URL).set('authorization', `Bearer ${TOKEN}`);
    expect([res.status, res.headers.allow]).toEqual([405, 'GET, HEAD']);
    expect(messageError(res.body)).toEqual([]);
  });

  it('404 for a path Multiplai does not have', async () => {
    const res = await request(app).get('/multiplai/api/v1/workspaces').set('authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'No multiplai endpoint at /api/v1/workspaces' });
  });
});
