/** The catalogue of broken implementations: each a realistic bug, each one the suite must name. */
import { DEFAULT } from '../helpers/fixtures.ts';
import type { Defect, Exchange, ResponseDraft } from './defect-proxy.ts';

type Body = Record<string, unknown>;
const data = (draft: ResponseDraft) => (draft.json as { data: Body }).data;
const ok = (draft: ResponseDraft) => draft.status === 200;
const on = (api: string, e: Exchange) => e.url.pathname.startsWith(`/${api}/`);
const validToken = `Bearer ${DEFAULT.acme.token}`;
const DAY = 86_400_000;
const ENGINE = /flowmock's engine (says|answers)/;

/** An ISO week label `YYYY-WW` as its Monday (UTC ms). */
function mondayOf(label: string): number {
  const [year, week] = label.split('-').map(Number) as [number, number];
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - weekday * DAY + (week - 1) * 7 * DAY;
}

/** Sunday-based (US, strftime %U) week number of a date: week 0 runs until the year's first Sunday. */
function usWeek(ms: number): string {
  const d = new Date(ms);
  const dayOfYear = Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY);
  return `${d.getUTCFullYear()}-${String(Math.floor((dayOfYear + 7 - d.getUTCDay()) / 7)).padStart(2, '0')}`;
}

const weeklyRows = (d: ResponseDraft) => { const b = data(d); return b.granularity === 'weekly' ? b.results as Body[] : []; };

export const DEFECTS: Defect[] = [
  // --- Alloy ---
  {
    name: 'alloy counts errors wrong (more errors than runs)', oracle: ENGINE, apis: ['alloy'], caughtBy: /alloy\.totals/, message: /totalErrors \(\d+\) exceeds totalWorkflowRuns/,
    response: (e, d) => { if (on('alloy', e) && ok(d)) { const b = d.json as Body; b.totalErrors = Number(b.totalWorkflowRuns) + 1; } },
  },
  {
    name: 'alloy drops totalAppActions', apis: ['alloy'], caughtBy: /alloy\.response-schema/, message: /must have required property 'totalAppActions'/,
    response: (e, d) => { if (on('alloy', e) && ok(d)) delete (d.json as Body).totalAppActions; },
  },
  {
    name: 'alloy sends totalWorkflowRuns as a string', apis: ['alloy'], caughtBy: /alloy\.response-schema/, message: /totalWorkflowRuns must be integer/,
    response: (e, d) => { if (on('alloy', e) && ok(d)) { const b = d.json as Body; b.totalWorkflowRuns = String(b.totalWorkflowRuns); } },
  },
  {
    name: 'alloy does not require x-api-version (200 where 400 is documented)', apis: ['alloy'], caughtBy: /alloy\.rejects-invalid-request/, message: /header x-api-version: missing.*got 200/,
    request: (e) => { if (on('alloy', e)) e.headers['x-api-version'] = '2025-09'; },
  },
  {
    name: 'alloy answers 404 in the wrong envelope', apis: ['alloy'], caughtBy: /alloy\.error-envelope/, message: /→ 404: body must have required property 'error'/,
    response: (e, d) => { if (on('alloy', e) && d.status === 404) d.json = { message: 'Not found' }; },
  },
  // --- StackAI ---
  {
    name: 'stackai ignores auth', apis: ['stackai'], caughtBy: /stackai\.auth/, message: /(no credentials|an unknown token).*should be answered 401, got 200 \(auth is not enforced\)/,
    request: (e) => { if (on('stackai', e)) e.headers.authorization = validToken; },
  },
  {
    name: 'stackai ignores the state filter', apis: ['stackai'], caughtBy: /stackai\.state-filter/, message: /state=FAILED returned run .* in state/,
    request: (e) => { if (on('stackai', e)) e.url.searchParams.delete('state'); },
  },
  {
    name: 'stackai ignores page (pages overlap)', apis: ['stackai'], caughtBy: /stackai\.pages-disjoint/, message: /pages must be disjoint/,
    request: (e) => { if (on('stackai', e)) e.url.searchParams.delete('page'); },
  },
  {
    name: 'stackai orders oldest first', oracle: ENGINE, apis: ['stackai'], caughtBy: /stackai\.order/, message: /not ordered by date descending/,
    response: (e, d) => { if (on('stackai', e) && ok(d)) (d.json as unknown[]).reverse(); },
  },
  {
    name: 'stackai ignores page_size', apis: ['stackai'], caughtBy: /stackai\.page-size/, message: /page_size=3 returned \d+ runs/,
    request: (e) => { if (on('stackai', e)) e.url.searchParams.delete('page_size'); },
  },
  {
    name: 'stackai marks cancelled runs successful', oracle: ENGINE, apis: ['stackai'], caughtBy: /stackai\.fields/, message: /is CANCELLED but is_flow_successful is true/,
    response: (e, d) => { if (on('stackai', e) && ok(d)) for (const r of d.json as Body[]) if (r.state === 'CANCELLED') r.is_flow_successful = true; },
  },
  {
    name: 'stackai accepts another org (200 where 403 is documented)', apis: ['stackai'], caughtBy: /stackai\.auth/, message: /org_id that is not the token's workspace.*should be answered 403/,
    request: (e) => { if (on('stackai', e)) e.url.pathname = e.url.pathname.replace(/\/org\/[^/]+\//, `/org/${DEFAULT.acme.workspaceId}/`); },
  },
  // --- OnePin ---
  {
    name: 'onepin rounds pass_rate to one decimal', oracle: ENGINE, apis: ['onepin'], caughtBy: /onepin\.arithmetic/, message: /pass_rate is .* but completed\/\(completed\+failed\+cancelled\)/,
    response: (e, d) => { if (on('onepin', e) && ok(d)) { const b = data(d); if (typeof b.pass_rate === 'number') b.pass_rate = Math.round(b.pass_rate * 10) / 10 + 0.01; } },
  },
  {
    name: 'onepin leaves paused runs out of total_runs', apis: ['onepin'], caughtBy: /onepin\.arithmetic/, message: /total_runs is \d+ but completed\+failed/,
    response: (e, d) => { if (on('onepin', e) && ok(d)) { const b = data(d); b.total_runs = Number(b.total_runs) - Number(b.paused) - 1; } },
  },
  {
    name: 'onepin accepts an inverted range (200 where 422 is documented)', apis: ['onepin'], caughtBy: /onepin\.rejects-invalid-request/, message: /inverted range.*should be refused with 422.*got 200/,
    request: (e) => { if (on('onepin', e) && (e.url.searchParams.get('from') ?? '') > (e.url.searchParams.get('to') ?? '~')) { e.url.searchParams.delete('from'); e.url.searchParams.delete('to'); } },
  },
  {
    name: 'onepin ignores the window', apis: ['onepin'], caughtBy: /onepin\.window/, message: /a window with no runs \(1971-01-01\) must give 0 runs/,
    request: (e) => { if (on('onepin', e) && e.url.searchParams.get('from')?.startsWith('1971')) { e.url.searchParams.delete('from'); e.url.searchParams.delete('to'); } },
  },
  {
    name: 'onepin answers 422 in FastAPI\'s envelope', apis: ['onepin'], caughtBy: /onepin\.error-envelope/, message: /→ 422: body must have required property 'error'/,
    response: (e, d) => { if (on('onepin', e) && d.status === 422) d.json = { detail: [{ loc: ['query', 'from'], msg: 'bad', type: 'value_error' }] }; },
  },
  {
    name: 'onepin serves stale summaries (new runs never counted)', apis: ['onepin'], caughtBy: /onepin\.counts-a-new-run/, message: /count went from \d+ to \d+; it must move by exactly one/,
    response: (() => { const seen = new Map<string, unknown>(); return (e: Exchange, d: ResponseDraft) => { if (!on('onepin', e) || !ok(d)) return; const key = e.url.href; if (seen.has(key)) d.json = seen.get(key); else seen.set(key, d.json); }; })(),
  },
  // --- B3OS ---
  {
    name: 'b3os drops an empty bucket from the time series', apis: ['b3os'], caughtBy: /b3os\.stats/, message: /timeSeries has \d+ buckets; .* buckets from floor\(from\) to floor\(to\)/,
    response: (e, d) => { if (on('b3os', e) && ok(d)) { const ts = data(d).timeSeries as Body[]; const i = ts.findIndex((b) => b.total === 0); ts.splice(i < 0 ? 0 : i, 1); } },
  },
  {
    name: 'b3os reports successRate as a fraction', oracle: ENGINE, apis: ['b3os'], caughtBy: /b3os\.stats/, message: /summary\.successRate is .* but 100·succeeded\/terminal/,
    response: (e, d) => { if (on('b3os', e) && ok(d)) { const s = data(d).summary as Body; s.successRate = Number(s.successRate) / 100 + 0.001; } },
  },
  {
    name: 'b3os defaults granularity (200 where 400 is documented)', apis: ['b3os'], caughtBy: /b3os\.rejects-invalid-request/, message: /query granularity: missing.*got 200/,
    request: (e) => { if (on('b3os', e) && !e.url.searchParams.has('granularity')) e.url.searchParams.set('granularity', 'daily'); },
  },
  {
    name: 'b3os ignores X-Org-ID', apis: ['b3os'], caughtBy: /b3os\.auth/, message: /X-Org-ID that is not the token's organisation.*should be answered 403, got 200/,
    request: (e) => { if (on('b3os', e)) delete e.headers['x-org-id']; },
  },
  {
    name: 'b3os sorts source systems by name', apis: ['b3os'], caughtBy: /b3os\.stats/, message: /sourceSystems are not ordered by total descending/,
    response: (e, d) => { if (on('b3os', e) && ok(d)) (data(d).sourceSystems as Body[]).sort((a, b) => (String(a.sourceSystem) < String(b.sourceSystem) ? 1 : -1)); },
  },
  {
    name: 'b3os buckets by local time (shifted an hour)', apis: ['b3os'], caughtBy: /b3os\.stats/, message: /timeSeries bucket 0 starts at/,
    response: (e, d) => { if (on('b3os', e) && ok(d)) for (const b of data(d).timeSeries as Body[]) b.bucketStart = new Date(Date.parse(String(b.bucketStart)) + 3_600_000).toISOString(); },
  },
  // --- Multiplai ---
  {
    name: 'multiplai regenerates cached_at on every call (unstable cache)', apis: ['multiplai'], caughtBy: /multiplai\.cache/, message: /identical body \(cached_at included\)/,
    response: (() => { let n = 0; return (e: Exchange, d: ResponseDraft) => { if (on('multiplai', e) && ok(d)) (d.json as { meta: Body }).meta.cached_at = new Date(Date.UTC(2026, 0, 1) + n++).toISOString(); }; })(),
  },
  {
    name: 'multiplai leaves out empty days', apis: ['multiplai'], caughtBy: /multiplai\.daily-buckets/, message: /must list every date .* zero-filled/,
    response: (e, d) => { if (on('multiplai', e) && ok(d)) { const b = data(d); if (b.granularity === 'daily') b.results = (b.results as Body[]).filter((r) => r.value !== 0).slice(0, -1); } },
  },
  {
    name: 'multiplai computes total over the limited rows', oracle: ENGINE, apis: ['multiplai'], caughtBy: /multiplai\.group-by-user/, message: /total must not depend on limit/,
    response: (e, d) => { if (on('multiplai', e) && ok(d)) { const b = data(d); if (b.group_by === 'user') b.total = (b.results as Body[]).reduce((t, r) => t + Number(r.value), 0); } },
  },
  {
    name: 'multiplai orders users ascending', apis: ['multiplai'], caughtBy: /multiplai\.group-by-user/, message: /not ordered by value descending/,
    response: (e, d) => { if (on('multiplai', e) && ok(d)) { const b = data(d); if (b.group_by === 'user') (b.results as Body[]).reverse(); } },
  },
  {
    name: 'multiplai answers 404 for a workspace it should forbid', apis: ['multiplai'], caughtBy: /multiplai\.auth/, message: /workspace_uuid that is not the token's workspace.*should be answered 403, got 404/,
    response: (e, d) => { if (on('multiplai', e) && d.status === 403) { d.status = 404; d.json = { error: 'Workspace not found' }; } },
  },
  {
    name: 'multiplai gives avg_duration no unit', apis: ['multiplai'], caughtBy: /multiplai\.avg-duration/, message: /unit "milliseconds"/,
    response: (e, d) => { if (on('multiplai', e) && ok(d)) { const m = (d.json as { meta: Body; data: Body }); if (m.data.metric === 'avg_duration') m.meta.unit = null; } },
  },
  // --- Second generation: defects a fixed list of cases could not see (issue 16) ---
  {
    name: 'b3os treats the window end as exclusive', apis: ['b3os'], caughtBy: /b3os\.window-ends-inclusive/, message: /must count failure .*both window ends are inclusive/, oracle: ENGINE,
    request: (e) => {
      if (!on('b3os', e)) return;
      if (![e.url.searchParams.get('from'), e.url.searchParams.get('to')].every((v) => v !== null && /^\d{1,15}$/.test(v))) return;
      const from = Number(e.url.searchParams.get('from'));
      const to = Number(e.url.searchParams.get('to'));
      // createdAt < to: a window of one instant is empty (asked here as an empty window of 1970).
      if (to > from) e.url.searchParams.set('to', String(to - 1));
      else if (to === from) { e.url.searchParams.set('from', '0'); e.url.searchParams.set('to', '0'); }
    },
  },
  {
    name: 'onepin treats the window end as exclusive', apis: ['onepin'], caughtBy: /onepin\.window-ends-inclusive/, message: /both window ends are inclusive/, oracle: ENGINE,
    request: (e) => {
      if (!on('onepin', e)) return;
      const to = e.url.searchParams.get('to');
      const instant = (v: string | null) => v !== null && /\d(Z|[+-]\d\d:\d\d)$/i.test(v) && !Number.isNaN(Date.parse(v));
      if (to === null || !instant(to)) return;
      const from = e.url.searchParams.get('from');
      if (from !== null && !instant(from)) return;
      if (from !== null && Date.parse(from) === Date.parse(to)) { e.url.searchParams.set('from', '1971-01-01T00:00:00Z'); e.url.searchParams.set('to', '1971-01-01T00:00:00Z'); return; }
      if (from === null || Date.parse(to) > Date.parse(from)) e.url.searchParams.set('to', new Date(Date.parse(to) - 1).toISOString());
    },
  },
  {
    name: 'b3os counts daily buckets in local time (UTC−5) while labelling them in UTC', apis: ['b3os'], caughtBy: /b3os\.hourly-sums-daily/, message: /counted in another time zone/, oracle: ENGINE,
    respond: async (e, d, upstream) => {
      if (!on('b3os', e) || !ok(d) || data(d).granularity !== 'daily') return;
      const from = Number(e.url.searchParams.get('from'));
      const to = Number(e.url.searchParams.get('to'));
      const hourly = await upstream(`/b3os/v1/executions/stats?from=${from}&to=${Math.min(to + DAY, 253_402_300_799_999)}&granularity=hourly`) as { data?: { timeSeries: Body[] } } | undefined;
      for (const bucket of data(d).timeSeries as Body[]) {
        const start = Date.parse(String(bucket.bucketStart)) + 5 * 3_600_000;
        for (const key of ['total', 'succeeded', 'failed', 'cancelled']) {
          bucket[key] = (hourly?.data?.timeSeries ?? []).filter((h) => { const t = Date.parse(String(h.bucketStart)); return t >= start && t < start + DAY; }).reduce((n, h) => n + Number(h[key]), 0);
        }
      }
    },
  },
  {
    name: 'stackai reports latency in milliseconds', apis: ['stackai'], caughtBy: /stackai\.latency-unit/, message: /latency is in seconds and cannot exceed the run's age/, oracle: ENGINE,
    response: (e, d) => { if (on('stackai', e) && ok(d)) for (const r of d.json as Body[]) if (typeof r.latency === 'number') r.latency *= 1000; },
  },
  {
    name: 'onepin reports average_duration_seconds in milliseconds', apis: ['onepin'], caughtBy: /onepin\.duration-unit/, message: /a duration in milliseconds\?/, oracle: ENGINE,
    response: (e, d) => { if (on('onepin', e) && ok(d)) { const b = data(d); if (typeof b.average_duration_seconds === 'number') b.average_duration_seconds *= 1000; } },
  },
  {
    name: 'multiplai numbers weeks from Sunday (US weeks, not ISO 8601)', apis: ['multiplai'], caughtBy: /multiplai\.iso-week-labels/, message: /must be its ISO 8601 weeks/, oracle: ENGINE,
    response: (e, d) => { if (on('multiplai', e) && ok(d)) for (const r of weeklyRows(d)) r.date = usWeek(mondayOf(String(r.date))); },
  },
  {
    name: 'multiplai labels an ISO week with the calendar year of its Sunday (shows only across a new year: edge-cases)', scenario: 'edge-cases', apis: ['multiplai'], caughtBy: /multiplai\.iso-week-labels/, message: /"2027-53" where "2026-53" belongs/, oracle: ENGINE,
    response: (e, d) => { if (on('multiplai', e) && ok(d)) for (const r of weeklyRows(d)) r.date = `${new Date(mondayOf(String(r.date)) + 6 * DAY).getUTCFullYear()}-${String(r.date).slice(5)}`; },
  },
  {
    name: 'alloy counts cancelled runs as errors', apis: ['alloy'], caughtBy: /alloy\.errors-match-failed-runs/, message: /cancelled runs are counted as errors/, oracle: ENGINE,
    respond: async (e, d, upstream) => {
      const id = /^\/alloy\/workflows\/([^/]+)\/analytics$/.exec(e.url.pathname)?.[1];
      if (id === undefined || !ok(d)) return;
      const summary = await upstream(`/onepin/api/v1/workflows/${id}/runs/summary`) as { data?: { cancelled: number } } | undefined;
      (d.json as Body).totalErrors = Number((d.json as Body).totalErrors) + (summary?.data?.cancelled ?? 0);
    },
  },
  {
    name: 'b3os answers 500 to an unexpected query parameter', apis: ['b3os'], caughtBy: /b3os\.not-a-server-error/, message: /answered 500 to valid input/, options: { maxExamples: 25 },
    response: (e, d) => {
      if (on('b3os', e) && [...e.url.searchParams.keys()].some((k) => !['from', 'to', 'granularity'].includes(k))) { d.status = 500; d.json = { code: 500, message: 'internal error', details: [], requestId: 'defect' }; }
    },
  },
  {
    name: 'onepin answers 500 to a date-time with a numeric UTC offset (its parser knows only Z)', apis: ['onepin'], caughtBy: /onepin\.not-a-server-error/, message: /answered 500 to valid input/, options: { maxExamples: 25 },
    response: (e, d) => {
      if (on('onepin', e) && ['from', 'to'].some((k) => /[+-]\d\d:\d\d$/.test(e.url.searchParams.get(k) ?? ''))) { d.status = 500; d.json = { error: { code: 'INTERNAL_ERROR', message: 'Internal server error' }, meta: { request_id: 'defect', timestamp: new Date().toISOString() } }; }
    },
  },
  {
    name: 'stackai drops the CORS headers (a browser cannot read its answers)', apis: ['stackai'], caughtBy: /stackai\.cors/, message: /./, options: { checks: ['cors'] },
    headers: (_e, h) => { for (const key of Object.keys(h)) if (key.startsWith('access-control-')) delete h[key]; },
  },
  {
    name: 'onepin takes 5 s to answer', apis: ['onepin'], caughtBy: /onepin\.response-time/, message: /over --max-response-time 2000 ms/, options: { maxResponseTimeMs: 2000 },
    delayMs: (() => { let n = 0; return (e: Exchange) => (on('onepin', e) && n++ === 0 ? 5000 : 0); })(),
  },
  // --- Internally consistent, but wrong: only the oracle can tell ---
  {
    name: 'b3os averages durations over succeeded runs only (a plausible, wrong mean)', apis: ['b3os'], caughtBy: /b3os\.oracle/, message: /summary\/averageDurationMs is .*flowmock's engine says/, oracleOnly: true, oracle: ENGINE,
    response: (e, d) => { if (on('b3os', e) && ok(d)) { const s = data(d).summary as Body; if (Number(s.averageDurationMs) > 0) s.averageDurationMs = Number(s.averageDurationMs) * 0.93; } },
  },
  {
    name: 'multiplai measures avg_duration in seconds while saying milliseconds', apis: ['multiplai'], caughtBy: /multiplai\.oracle/, message: /total is .*flowmock's engine says/, oracleOnly: true, oracle: ENGINE,
    response: (e, d) => { if (on('multiplai', e) && ok(d)) { const b = data(d); if (b.metric === 'avg_duration') { b.total = Number(b.total) / 1000; for (const r of b.results as Body[]) r.value = Number(r.value) / 1000; } } },
  },
  {
    name: 'alloy sums app actions of finished runs only', apis: ['alloy'], caughtBy: /alloy\.oracle/, message: /totalAppActions is \d+, flowmock's engine says \d+/, oracleOnly: true, oracle: ENGINE,
    response: (e, d) => { if (on('alloy', e) && ok(d)) { const b = d.json as Body; b.totalAppActions = Math.floor(Number(b.totalAppActions) * 0.9); } },
  },
];
