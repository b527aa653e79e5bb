/**
 * StackAI `GET /analytics/org/{org_id}/flows/{flow_id}` over the edge-cases scenario (now 2027-01-05T12:00Z):
 * states, mapping, order, auth, the check order and every error envelope. Expectations are read by hand off
 * scenarios/edge-cases.yaml; the arithmetic is in the comments.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { specValidator } from '../../src/openapi/spec-validator.ts';
import { appFor, expectMatchesSpec } from '../helpers/app.ts';
import { EDGE_CASES } from '../helpers/fixtures.ts';

const { app } = appFor('edge-cases');
const TOKEN = EDGE_CASES.edge.token;
const OTHER_TOKEN = EDGE_CASES.other.token;
const ORG = EDGE_CASES.edge.workspaceId;
const OTHER_ORG = EDGE_CASES.other.workspaceId;
const FLOWS = EDGE_CASES.edge.flows;
const OTHER_FLOW = EDGE_CASES.other.flows.someoneElses;
const AUTH = { authorization: `Bearer ${TOKEN}` };
const ACCEPTED = 'accepted values: PENDING, PAUSED, RESUMED, COMPLETED, FAILED, CANCELLED';

function runs(flowId: string, query = '', headers: Record<string, string> = AUTH, org = ORG) {
  return request(app).get(`/stackai/analytics/org/${org}/flows/${flowId}${query}`).set(headers);
}

async function expectStackai(res: request.Response, status: number, body?: unknown) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  if (body !== undefined) expect(res.body).toEqual(body);
  expectMatchesSpec('stackai', '/stackai', res);
}

type Item = Record<string, unknown>;
const pluck = (res: request.Response, ...keys: string[]) =>
  (res.body as Item[]).map((item) => (keys.length === 1 ? item[keys[0] as string] : keys.map((k) => item[k])));

describe('stackai: run summaries of one flow', () => {
  it('a flow with no terminal run: observed states, no outcome, no latency', async () => {
    const res = await runs(FLOWS.noTerminalRuns);
    await expectStackai(res, 200);
    // Newest first: a3 queued 11:59, a1 running 11:00, a2 running+resumed 10:00, a4 paused 09:00,
    // a6 payment_confirmed 01-04 13:00, a5 awaiting_payment 01-04 12:00.
    expect(pluck(res, 'run_id', 'state')).toEqual([
      ['a0000000-0000-4000-8000-000000000003', 'PENDING'],
      ['a0000000-0000-4000-8000-000000000001', 'PENDING'],
      ['a0000000-0000-4000-8000-000000000002', 'RESUMED'],
      ['a0000000-0000-4000-8000-000000000004', 'PAUSED'],
      ['a0000000-0000-4000-8000-000000000006', 'PENDING'],
      ['a0000000-0000-4000-8000-000000000005', 'PENDING'],
    ]);
    for (const item of res.body as Item[]) {
      expect(item).toMatchObject({ is_flow_successful: null, latency: null, error: null, outputs: null });
    }
    // a1: tokens 120, user "1", trigger api; a5: no user, trigger "trigger" (a system run).
    expect(res.body[1]).toMatchObject({ date: '2027-01-05T11:00:00.000Z', total_tokens: 120, user_id: '1', run_type: 'api', ran_by_type: 'user', ran_by_display_name: 'alice@edge.example' });
    expect(res.body[5]).toMatchObject({ date: '2027-01-04T12:00:00.000Z', total_tokens: 0, user_id: null, run_type: 'trigger', ran_by_type: 'system', ran_by_id: null });
  });

  it('a flow with only cancelled runs: not successful, latency only when it started', async () => {
    const res = await runs(FLOWS.onlyCancelled);
    // b3: 10:00:01 → 10:00:11 = 10 s; b2: 10:00:01 → 10:01:01 = 60 s; b1 never started: null.
    await expectStackai(res, 200);
    expect(pluck(res, 'run_id', 'state', 'is_flow_successful', 'latency', 'error')).toEqual([
      ['b0000000-0000-4000-8000-000000000003', 'CANCELLED', false, 10, null],
      ['b0000000-0000-4000-8000-000000000002', 'CANCELLED', false, 60, null],
      ['b0000000-0000-4000-8000-000000000001', 'CANCELLED', false, null, null],
    ]);
  });

  it('a flow with one run: a completed chat run in full', async () => {
    const res = await runs(FLOWS.oneRunAgent);
    await expectStackai(res, 200);
    expect(res.body).toHaveLength(1);
    const [item] = res.body as Item[];
    // 10:00:00 → 10:00:42.500 = 42.5 s; 3180 tokens; chat_assistant, so a conversation.
    expect(item).toMatchObject({
      run_id: 'c0000000-0000-4000-8000-000000000001', date: '2026-12-21T10:00:00.000Z', state: 'COMPLETED',
      is_flow_successful: true, error: null, latency: 42.5, total_tokens: 3180, user_id: '1', run_type: 'chat_assistant',
      ran_by_type: 'user', ran_by_display_name: 'alice@edge.example', parent_run_id: null,
    });
    expect(item?.conversation_id).toMatch(/^conv-[0-9a-f-]{36}$/);
    expect(item?.outputs).toMatch(/^\{"out-0": ".+"\}$/);
    const usage = item?.llm_usage as { tokens: number; input_tokens: number; output_tokens: number }[];
    expect(usage.reduce((sum, u) => sum + u.tokens, 0)).toBe(3180);
    for (const u of usage) expect(u.input_tokens + u.output_tokens).toBe(u.tokens);
  });

  it('the edges flow: 17 of 18 runs (one is created 1 ms after now), newest first, ties by run_id', async () => {
    const res = await runs(FLOWS.edgesAndTies);
    await expectStackai(res, 200);
    expect(pluck(res, 'run_id').map((id) => (id as string).slice(-2))).toEqual([
      '10', // 2027-01-05T12:00:00.000 (exactly now: visible), queued
      '13', // 11:59:30, starts after now: queued
      '12', // 11:58:00, fails after now: running
      '07', // 11:00:00
      '08', // 10:59:59.999
      '06', // 2027-01-04T00:00:00
      '05', // 2027-01-03T23:59:59.999
      '0c', // 2027-01-03T06:00
      '0a', // 2027-01-02T15:00, tie: 0a before 0b
      '0b',
      '04', // 2027-01-01T00:00
      '03', // 2026-12-31T23:59:59.999
      '0f', // 2026-11-01
      '02', // 2026-10-08T00:00
      '01', // 2026-10-07T23:59:59.999
      '0e', // 2026-03-29T01:00
      '0d', // 2026-03-29T00:59:59.999
    ]);
    expect(pluck(res, 'state').slice(0, 5)).toEqual(['PENDING', 'PENDING', 'PENDING', 'FAILED', 'FAILED']);
    // d12 fails at 12:03, after now: its error is not shown yet.
    expect(res.body[2]).toMatchObject({ is_flow_successful: null, error: null, latency: null });
    // d07: 11:00:01 → 11:00:30 = 29 s.
    expect(res.body[3]).toMatchObject({ error: 'Request to Slack API timed out after 30000ms', latency: 29, is_flow_successful: false });
    // d0a: 15:00:01 → 15:00:02 = 1 s; d0b: 15:00:01 → 15:00:03 = 2 s.
    expect(pluck(res, 'latency').slice(8, 10)).toEqual([1, 2]);
  });

  it('state=FAILED: only failures already observed (d12 is still running)', async () => {
    const res = await runs(FLOWS.edgesAndTies, '?state=FAILED');
    await expectStackai(res, 200);
    expect(pluck(res, 'run_id').map((id) => (id as string).slice(-2))).toEqual(['07', '08', '03']);
  });

  it('no maximum page_size; the scheme in any case; a body and prototype keys are ignored', async () => {
    const res = await runs(FLOWS.edgesAndTies, '?page_size=1000000&__proto__=1&constructor=x&__proto__[page]=-1', { authorization: `bearer ${TOKEN}` })
      .set('content-type', 'application/json').send('{"page": "x"');
    await expectStackai(res, 200);
    expect(res.body).toHaveLength(17);
  });

  it('the other workspace sees its own flow in its own org', async () => {
    const res = await runs(OTHER_FLOW, '', { authorization: `Bearer ${OTHER_TOKEN}` }, OTHER_ORG);
    await expectStackai(res, 200);
    // 00:00:01 → 00:00:09 = 8 s.
    expect(pluck(res, 'run_id', 'state', 'latency', 'ran_by_display_name')).toEqual([['e0000000-0000-4000-8000-0000000000ff', 'COMPLETED', 8, 'olga@other.example']]);
  });
});

describe('stackai: authentication (401)', () => {
  it.each([
    ['no Authorization header', {}],
    ['an unknown token', { authorization: 'Bearer fm_nobody_000000000000' }],
    ['another scheme', { authorization: `Basic ${TOKEN}` }],
    ['a bearer without token', { authorization: 'Bearer ' }],
    ['the token alone', { authorization: TOKEN }],
  ])('401 with %s', async (_name, headers) => {
    await expectStackai(await runs(FLOWS.noTerminalRuns, '', headers), 401, { detail: 'Not authenticated' });
  });

  it('401 comes before bad parameters', async () => {
    await expectStackai(await runs(FLOWS.noTerminalRuns, '?page=-1', {}), 401, { detail: 'Not authenticated' });
  });
});

describe('stackai: organisation (403) and flow (404)', () => {
  it('403 for an org that is not the key\'s workspace', async () => {
    await expectStackai(await runs(OTHER_FLOW, '', AUTH, OTHER_ORG), 403, { detail: `You do not have access to organization ${OTHER_ORG}` });
  });

  it('403 for another workspace\'s key on this org, even for its own flow', async () => {
    await expectStackai(await runs(OTHER_FLOW, '', { authorization: `Bearer ${OTHER_TOKEN}` }), 403, { detail: `You do not have access to organization ${ORG}` });
  });

  it('403 for an org that does not exist, before the flow is looked at', async () => {
    await expectStackai(await runs('nope', '', AUTH, 'not-an-org'), 403, { detail: 'You do not have access to organization not-an-org' });
  });

  it.each([
    ['an unknown flow', 'f0000000-0000-4000-8000-00000000dead'],
    ["another workspace's flow", OTHER_FLOW],
    ['a flow created after now', FLOWS.createdInTheFuture],
    ['an id that is not a uuid', 'not-a-uuid'],
  ])('404 for %s', async (_name, id) => {
    await expectStackai(await runs(id), 404, { detail: `Flow ${id} not found` });
  });

  it('422 comes before 403, 403 before 404', async () => {
    const invalid = await runs('nope', '?page_size=0', AUTH, OTHER_ORG);
    await expectStackai(invalid, 422);
    await expectStackai(await runs('nope', '', AUTH, OTHER_ORG), 403);
  });
});

describe('stackai: bad parameters (422, FastAPI)', () => {
  const one = (name: string, msg: string, type: string) => ({ detail: [{ loc: ['query', name], msg, type }] });
  const NOT_INT = 'Input should be a valid integer, unable to parse string as an integer';

  it.each([
    ['page=-1', one('page', 'Input should be greater than or equal to 0', 'greater_than_equal')],
    ['page_size=0', one('page_size', 'Input should be greater than or equal to 1', 'greater_than_equal')],
    ['page_size=-3', one('page_size', 'Input should be greater than or equal to 1', 'greater_than_equal')],
    ['page=first', one('page', NOT_INT, 'int_parsing')],
    ['page=1.5', one('page', NOT_INT, 'int_parsing')],
    ['page=-1.5', one('page', NOT_INT, 'int_parsing')], // one error per input: the type, not also the minimum
    ['page=', one('page', NOT_INT, 'int_parsing')],
    ['page_size=1e999', one('page_size', NOT_INT, 'int_parsing')],
    ['page=1&page=2', one('page', 'Input should be a valid integer', 'int_type')],
    ['page[a]=1', one('page', 'Input should be a valid integer', 'int_type')],
    ['start_date=yesterday', one('start_date', 'Input should be a valid datetime or date, input is too short', 'datetime_from_date_parsing')],
    ['start_date=last%20month', one('start_date', 'Input should be a valid datetime or date, invalid character in year', 'datetime_from_date_parsing')],
    ['start_date=2026/01/01', one('start_date', 'Input should be a valid datetime or date, invalid date separator, expected `-`', 'datetime_from_date_parsing')],
    ['start_date=2026-13-01', one('start_date', 'Input should be a valid datetime or date, month value is outside expected range of 1-12', 'datetime_from_date_parsing')],
    ['end_date=2026-02-29', one('end_date', 'Input should be a valid datetime or date, day value is outside expected range', 'datetime_from_date_parsing')],
    ['end_date=2026-06-01T25:00:00Z', one('end_date', 'Input should be a valid datetime or date, unexpected extra characters at the end of the input', 'datetime_from_date_parsing')],
    ['end_date=2026-06-01T10:00:00', one('end_date', 'Input should have timezone info', 'timezone_aware')],
    ['end_date=1767225600', one('end_date', 'Input should be a valid datetime or date, invalid date separator, expected `-`', 'datetime_from_date_parsing')],
    ['start_date=a&start_date=b', one('start_date', 'Input should be a valid datetime', 'datetime_type')],
    ['user_id[x]=1', one('user_id', 'Input should be a valid string', 'string_type')],
    ['state=COMPLETED,DONE', one('state', `Value error, unknown state 'DONE'; ${ACCEPTED}`, 'value_error')],
    ['state=completed', one('state', `Value error, unknown state 'completed'; ${ACCEPTED}`, 'value_error')],
    ['state=COMPLETED,%20FAILED', one('state', `Value error, unknown state ' FAILED'; ${ACCEPTED}`, 'value_error')],
    ['state=RUNNING,X', one('state', `Value error, unknown states 'RUNNING', 'X'; ${ACCEPTED}`, 'value_error')],
    ['state=', one('state', `Value error, unknown state ''; ${ACCEPTED}`, 'value_error')],
    ['state=FAILED,', one('state', `Value error, unknown state ''; ${ACCEPTED}`, 'value_error')],
  ])('%s', async (query, body) => {
    await expectStackai(await runs(FLOWS.edgesAndTies, `?${query}`), 422, body);
  });

  it('lists every problem, in the order the operation declares its parameters', async () => {
    const res = await runs(FLOWS.edgesAndTies, '?state=DONE&end_date=2026-06-01T10:00:00&start_date=yesterday&page_size=0&page=x&user_id=1');
    await expectStackai(res, 422, {
      detail: [
        { loc: ['query', 'page'], msg: NOT_INT, type: 'int_parsing' },
        { loc: ['query', 'page_size'], msg: 'Input should be greater than or equal to 1', type: 'greater_than_equal' },
        { loc: ['query', 'start_date'], msg: 'Input should be a valid datetime or date, input is too short', type: 'datetime_from_date_parsing' },
        { loc: ['query', 'end_date'], msg: 'Input should have timezone info', type: 'timezone_aware' },
        { loc: ['query', 'state'], msg: `Value error, unknown state 'DONE'; ${ACCEPTED}`, type: 'value_error' },
      ],
    });
  });
});

describe('stackai: framework answers in the same envelope', () => {
  it('413 for a huge body', async () => {
    const res = await runs(FLOWS.noTerminalRuns).set('content-type', 'application/json').send('x'.repeat(1024 * 1024 + 1));
    await expectStackai(res, 413, { detail: 'Request body too large' });
  });

  it('405 for another method, with Allow', async () => {
    const res = await request(app).post(`/stackai/analytics/org/${ORG}/flows/${FLOWS.noTerminalRuns}`).set(AUTH);
    expect(res.status).toBe(405);
    expect(res.body).toEqual({ detail: 'Method Not Allowed' });
    expect(res.headers.allow).toBe('GET, HEAD');
    // No operation of the spec answers a POST: the body is checked against the spec's error schema itself.
    expect(specValidator().validateAt('stackai', '#/components/schemas/HTTPError', res.body)).toEqual([]);
  });

  it('404 for a path StackAI does not have', async () => {
    const res = await request(app).get('/stackai/analytics/org').set(AUTH);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'No stackai endpoint at /analytics/org' });
    expect(specValidator().validateAt('stackai', '#/components/schemas/HTTPError', res.body)).toEqual([]);
  });
});
