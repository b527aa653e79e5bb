/**
 * StackAI run pages over test/fixtures/scenarios/stackai-pages.yaml (now 2026-06-10T12:00Z): paging, ties,
 * the state, user and window filters, the field mapping and the generated run detail. The fixture's header
 * lists the 11 visible runs newest first; every expectation below is read off that table by hand.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { appFor, expectMatchesSpec } from '../helpers/app.ts';

const SCENARIO = 'test/fixtures/scenarios/stackai-pages.yaml';
const { app } = appFor(SCENARIO);
const ORG = '5a000000-0000-4000-8000-000000000001';
const PAGES = '5f000000-0000-4000-8000-000000000001';
const ORCHESTRATOR = '5f000000-0000-4000-8000-000000000002';
const EMPTY = '5f000000-0000-4000-8000-000000000004';
const ANA = '6a1f0c3e-2b7d-4c59-8e14-93d0b7a2c5f1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Item = Record<string, unknown>;

async function list(query = '', on = app, flowId = PAGES): Promise<Item[]> {
  const res = await request(on).get(`/stackai/analytics/org/${ORG}/flows/${flowId}${query}`).set({ authorization: 'Bearer fm_stackai_pages_0001' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expectMatchesSpec('stackai', '/stackai', res);
  return res.body as Item[];
}

/** The short run names of the fixture: the last two hex digits of the run id. */
const names = (items: Item[]) => items.map((item) => (item.run_id as string).slice(-2));
const byName = (items: Item[], name: string) => items.find((item) => (item.run_id as string).endsWith(name)) as Item;

const ALL = ['11', '09', '08', '07', '06', '05', '04', '0b', '0c', '02', '01'];

describe('stackai pages: order and paging', () => {
  it('default page 0 of 25: every visible run, newest first, the tie by run_id (0b before 0c)', async () => {
    expect(names(await list())).toEqual(ALL);
  });

  it('a run created 1 ms after now is invisible, even when end_date reaches past now', async () => {
    expect(names(await list('?end_date=2026-12-31T00:00:00Z'))).toEqual(ALL);
  });

  it('pages of 4 are disjoint and cover the list; the page past the end is empty', async () => {
    const pages = [];
    for (let page = 0; page < 4; page++) pages.push(names(await list(`?page=${page}&page_size=4`)));
    // 11 runs = 4 + 4 + 3, then nothing.
    expect(pages).toEqual([ALL.slice(0, 4), ALL.slice(4, 8), ALL.slice(8), []]);
    expect(pages.flat()).toEqual(ALL);
  });

  it('a page boundary inside a tie splits it in run_id order', async () => {
    // 8 per page: runs 0–7 end with 0b, page 1 starts with 0c.
    expect(names(await list('?page=0&page_size=8'))).toEqual(ALL.slice(0, 8));
    expect(names(await list('?page=1&page_size=8'))).toEqual(['0c', '02', '01']);
  });

  it('page_size=1 walks one run at a time; a far page is empty', async () => {
    expect(names(await list('?page=7&page_size=1'))).toEqual(['0b']);
    expect(names(await list('?page=8&page_size=1'))).toEqual(['0c']);
    expect(await list('?page=1000000')).toEqual([]);
  });

  it('a flow with no runs answers []', async () => {
    expect(await list('', app, EMPTY)).toEqual([]);
  });
});

describe('stackai pages: state filter (observed status, STATUS_VOCABULARY)', () => {
  it.each([
    // 11 awaiting_payment, 08 failing after now (running), 07 queued, 05 running not resumed.
    ['PENDING', ['11', '08', '07', '05']],
    // 09 succeeding after now but resumed (running, resumed), 04 running resumed.
    ['RESUMED', ['09', '04']],
    ['PAUSED', ['06']],
    ['COMPLETED', ['0b', '01']],
    // 08 is not FAILED yet: it fails at 12:30.
    ['FAILED', ['02']],
    ['CANCELLED', ['0c']],
    ['FAILED,CANCELLED', ['0c', '02']],
    ['CANCELLED,FAILED,CANCELLED', ['0c', '02']],
    ['PENDING,PAUSED,RESUMED,COMPLETED,FAILED,CANCELLED', ALL],
  ])('state=%s', async (state, expected) => {
    expect(names(await list(`?state=${state}`))).toEqual(expected);
  });

  it('state and paging combine: the page counts only matching runs', async () => {
    expect(names(await list('?state=PENDING&page=1&page_size=3'))).toEqual(['05']);
  });
});

describe('stackai pages: user filter', () => {
  it.each([
    ['bo', ['08', '06', '0b', '02']],
    [ANA, ['09', '05', '04', '01']],
    ['BO', []], // case-sensitive
    ['nobody', []],
    ['', []], // runs without a user never match
  ])('user_id=%s', async (user, expected) => {
    expect(names(await list(`?user_id=${encodeURIComponent(user)}`))).toEqual(expected);
  });

  it('user and state combine (AND)', async () => {
    expect(names(await list('?user_id=bo&state=PENDING,COMPLETED'))).toEqual(['08', '0b']);
  });
});

describe('stackai pages: window (start_date ≤ date ≤ end_date)', () => {
  it.each([
    // Both ends inclusive: 05 is created exactly at end, 0b/0c exactly at start.
    ['start_date=2026-06-03T09:00:00Z&end_date=2026-06-04T00:00:00Z', ['05', '04', '0b', '0c']],
    // from = to on 04's millisecond.
    ['start_date=2026-06-03T23:59:59.999Z&end_date=2026-06-03T23:59:59.999Z', ['04']],
    // One millisecond past the tie: 0b/0c drop out.
    ['start_date=2026-06-03T09:00:00.001Z&end_date=2026-06-04T00:00:00Z', ['05', '04']],
    // A date-only bound is 00:00:00Z of that day: end 2026-06-04 keeps 05 (created at 00:00) and excludes the rest of the 4th.
    ['end_date=2026-06-04', ['05', '04', '0b', '0c', '02', '01']],
    ['start_date=2026-06-04', ['11', '09', '08', '07', '06', '05']],
    ['start_date=2026-06-03&end_date=2026-06-03', []],
    ['start_date=2026-06-01&end_date=2026-06-02', ['02', '01']],
    // An offset: 02:00+02:00 is 00:00Z.
    ['start_date=2026-06-04T02:00:00%2B02:00', ['11', '09', '08', '07', '06', '05']],
    // Extra fraction digits are cut to the millisecond: .9989 is .998, before 04's .999.
    ['end_date=2026-06-03T23:59:59.9989Z', ['0b', '0c', '02', '01']],
    // start after end is no error: an empty page.
    ['start_date=2026-06-05T00:00:00Z&end_date=2026-06-04T00:00:00Z', []],
  ])('%s', async (query, expected) => {
    expect(names(await list(`?${query}`))).toEqual(expected);
  });
});

describe('stackai pages: field mapping', () => {
  it('a completed run: outcome, latency in seconds, date with ms, tokens, user', async () => {
    const item = byName(await list(), '01');
    // 00:00:01 → 00:00:03.250 = 2.25 s.
    expect(item).toMatchObject({
      date: '2026-06-01T00:00:00.000Z', state: 'COMPLETED', is_flow_successful: true, error: null, latency: 2.25,
      total_tokens: 1000, user_id: ANA, run_type: 'chat_assistant', ran_by_type: 'user', ran_by_id: ANA, ran_by_display_name: 'ana@pages.example',
    });
  });

  it('a failed run: its error and latency; explicit detail is honoured exactly', async () => {
    const item = byName(await list(), '02');
    // 00:00:00 → 00:00:00.500 = 0.5 s.
    expect(item).toMatchObject({
      state: 'FAILED', is_flow_successful: false, error: 'Boom', latency: 0.5, total_tokens: 10, user_id: 'bo', run_type: 'api',
      conversation_id: 'conv-explicit-1', inputs: '{"in-0": "hello"}', outputs: null, llms: 'claude-3-5-haiku-20241022, my-own-model',
      feedback: 'thumbs_down', ran_by_type: 'personal_api_key', ran_by_id: '0d5a4c3b-2a19-4e08-b7f6-e5d4c3b2a190', ran_by_display_name: 'bo-laptop-key',
    });
    // The usage follows the explicit models, and still adds up to the run's 10 tokens.
    const usage = item.llm_usage as { provider: string; model_id: string; tokens: number }[];
    expect(usage.map((u) => [u.provider, u.model_id])).toEqual([['Anthropic', 'claude-3-5-haiku-20241022'], ['Local', 'my-own-model']]);
    expect(usage[0]!.tokens + usage[1]!.tokens).toBe(10);
  });

  it('a run cancelled before it started: not successful, no latency; no user and a batch: an org API key', async () => {
    const item = byName(await list(), '0c');
    expect(item).toMatchObject({
      state: 'CANCELLED', is_flow_successful: false, error: null, latency: null, outputs: null, llms: null, llm_usage: [],
      user_id: null, run_type: 'batch', ran_by_type: 'org_api_key', ran_by_display_name: 'stack-pages-inc-batch-key', conversation_id: null,
    });
    expect(item.ran_by_id).toMatch(UUID);
  });

  it('a run that fails after now: still running (PENDING), no error, no outcome, no latency', async () => {
    expect(byName(await list(), '08')).toMatchObject({ state: 'PENDING', is_flow_successful: null, error: null, latency: null, outputs: null });
  });

  it('an API run without a user came in on the org API key; a triggered one is the system\'s', async () => {
    const items = await list();
    expect(byName(items, '07')).toMatchObject({ ran_by_type: 'org_api_key', ran_by_display_name: 'stack-pages-inc-api-key' });
    expect(byName(items, '11')).toMatchObject({ ran_by_type: 'system', ran_by_id: null, ran_by_display_name: null });
    // The two keys are distinct and stable.
    expect(byName(items, '07').ran_by_id).not.toBe(byName(items, '0c').ran_by_id);
  });

  it('a user whose id is no uuid gets one stable uuid as ran_by_id (the schema wants a uuid)', async () => {
    const bo = (await list('?user_id=bo')).map((item) => item.ran_by_id);
    // 02 names its own ran_by (a personal key); 08, 06 and 0b share bo's stand-in.
    expect(bo[0]).toMatch(UUID);
    expect(new Set([bo[0], bo[1], bo[2]]).size).toBe(1);
  });

  it('a sub-workflow has a parent: the only other flow that existed when it was created', async () => {
    // 04 is created 2026-06-03; "Later flow" (06-05) and "Empty flow" (06-07) came after; "Orchestrator" (04-01) before.
    const item = byName(await list(), '04');
    expect(item).toMatchObject({ state: 'RESUMED', run_type: 'sub_workflow', parent_project_id: ORCHESTRATOR, parent_project_name: 'Orchestrator' });
    expect(item.parent_run_id).toMatch(UUID);
    for (const other of (await list()).filter((i) => i.run_type !== 'sub_workflow')) {
      expect(other).toMatchObject({ parent_run_id: null, parent_project_id: null, parent_project_name: null });
    }
  });

  it('generated LLM usage adds up to total_tokens, input + output to each call, and llms names its models', async () => {
    for (const item of await list()) {
      const usage = item.llm_usage as { model_id: string; tokens: number; input_tokens: number; output_tokens: number }[];
      expect(usage.reduce((sum, u) => sum + u.tokens, 0)).toBe(item.total_tokens);
      for (const u of usage) expect(u.input_tokens + u.output_tokens).toBe(u.tokens);
      if (item.run_id !== '7a000000-0000-4000-8000-000000000002') {
        expect(item.llms).toBe(usage.length === 0 ? null : [...new Set(usage.map((u) => u.model_id))].join(', '));
      }
    }
  });

  it('conversations for chat and agent runs only; outputs and feedback only once completed', async () => {
    for (const item of await list()) {
      const conversational = item.run_type === 'chat_assistant' || item.run_type === 'agent_assistant';
      if (item.run_id !== '7a000000-0000-4000-8000-000000000002') {
        expect(item.conversation_id === null, String(item.run_id)).toBe(!conversational);
        if (item.state !== 'COMPLETED') expect(item.feedback).toBeNull();
      }
      expect(item.inputs).toMatch(/^\{"in-0": ".*"\}$/);
      if (item.state !== 'COMPLETED') expect(item.outputs).toBeNull();
      else expect(item.outputs).toMatch(/^\{"out-0": ".*"\}$/);
    }
  });
});

describe('stackai pages: generated detail is deterministic', () => {
  it('the same request twice, and on a freshly loaded copy of the scenario, gives the same body', async () => {
    const first = await list();
    expect(await list()).toEqual(first);
    expect(await list('', appFor(SCENARIO).app)).toEqual(first);
  });

  it('a run reads the same whatever the page or filter it is found through', async () => {
    const all = await list();
    const alone = await list('?page=7&page_size=1');
    expect(alone[0]).toEqual(byName(all, '0b'));
    expect(await list('?user_id=bo&state=COMPLETED')).toEqual([byName(all, '0b')]);
  });

  it('when the clock moves on, only what became observable changes', async () => {
    const before = await list();
    const later = await list('', appFor(SCENARIO, '2026-06-10T13:00:00Z').app);
    // At 13:00, 10 (created 12:00:00.001) is visible; 08 has failed (12:30); 09 has completed (13:00).
    expect(names(later)).toEqual(['10', ...ALL]);
    const failed = byName(later, '08');
    // 11:00:01 → 12:30:00 = 5399 s.
    expect(failed).toMatchObject({ state: 'FAILED', is_flow_successful: false, error: 'Timed out', latency: 5399, outputs: null });
    // 11:30:01 → 13:00:00 = 5399 s.
    const completed = byName(later, '09');
    expect(completed).toMatchObject({ state: 'COMPLETED', is_flow_successful: true, latency: 5399 });
    expect(completed.outputs).toMatch(/^\{"out-0": ".+"\}$/);
    for (const name of ['08', '09']) {
      const { state: _s, is_flow_successful: _o, error: _e, latency: _l, outputs: _out, feedback: _f, ...stable } = byName(later, name);
      const { state: _s2, is_flow_successful: _o2, error: _e2, latency: _l2, outputs: _out2, feedback: _f2, ...stableBefore } = byName(before, name);
      expect(stable).toEqual(stableBefore);
    }
  });
});
