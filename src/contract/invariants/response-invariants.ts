/**
 * The documented rules one answer must satisfy given only the request that produced it, with no knowledge of
 * the target's data: what every generated exchange is judged by (besides status, content type and schema).
 * Each problem names the check that owns the rule, the same names the fixed semantic checks use.
 */
import type { ApiName } from '../../apis.ts';
import { statsProblems, type Stats } from '../apis/b3os.ts';
import { bucketLabels, utcDate } from './calendar.ts';

export interface InvariantProblem {
  readonly check: string;
  readonly message: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
}

/** The request's parameters as the API reads them: path, query (last value wins) and, for Multiplai, the body merged over the query. */
export type Params = Readonly<Record<string, unknown>>;

const STACKAI_STATES = ['PENDING', 'PAUSED', 'RESUMED', 'COMPLETED', 'FAILED', 'CANCELLED'];
/** A real clock moves on while the suite runs: bounds that read the target's now allow this much. */
const SLACK = 60_000;
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** A date-time or date query value as an instant (a date alone is 00:00:00Z), or undefined. */
export function instantParam(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function responseInvariants(api: ApiName, params: Params, body: unknown, now: number | undefined): InvariantProblem[] {
  try {
    switch (api) {
      case 'alloy': return alloy(body as { totalWorkflowRuns: number; totalErrors: number });
      case 'stackai': return stackai(params, body as Row[], now);
      case 'onepin': return onepin(params, (body as { data: Summary }).data, now);
      case 'b3os': return statsProblems(Number(params.from), Number(params.to), String(params.granularity), (body as { data: Stats }).data).map((p) => ({ check: 'b3os.stats', ...p }));
      case 'multiplai': return multiplai(params, body as Metrics, now);
    }
  } catch (error) {
    // A body the schema check already refused may lack what a rule reads: that is the schema check's to report.
    return [{ check: `${api}.response-schema`, message: `the answer could not be read: ${(error as Error).message}` }];
  }
}

function alloy(t: { totalWorkflowRuns: number; totalErrors: number }): InvariantProblem[] {
  return t.totalErrors <= t.totalWorkflowRuns ? [] : [{ check: 'alloy.totals', message: `totalErrors (${t.totalErrors}) exceeds totalWorkflowRuns (${t.totalWorkflowRuns}): errors are failed runs, a subset of runs`, actual: t }];
}

interface Row { run_id: string; date: string; state: string | null; is_flow_successful: boolean | null; error: string | null; latency: number | null; user_id: string | null }

function stackai(params: Params, rows: Row[], now: number | undefined): InvariantProblem[] {
  const out: InvariantProblem[] = [];
  const pageSize = params.page_size === undefined ? 25 : Number(params.page_size);
  if (rows.length > pageSize) out.push({ check: 'stackai.page-size', message: `page_size=${pageSize} returned ${rows.length} runs`, expected: `≤ ${pageSize}`, actual: rows.length });
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1] as Row;
    const b = rows[i] as Row;
    const da = Date.parse(a.date);
    const db = Date.parse(b.date);
    if (!(da > db || (da === db && a.run_id < b.run_id))) {
      out.push({ check: 'stackai.order', message: `runs are not ordered by date descending then run_id ascending: ${a.run_id} (${a.date}) comes before ${b.run_id} (${b.date})`, actual: [a.date, b.date] });
      break;
    }
  }
  const states = typeof params.state === 'string' ? params.state.split(',').filter((s) => STACKAI_STATES.includes(s)) : undefined;
  const wrongState = states === undefined ? undefined : rows.find((r) => !states.includes(String(r.state)));
  if (wrongState !== undefined) out.push({ check: 'stackai.state-filter', message: `state=${String(params.state)} returned run ${wrongState.run_id} in state ${wrongState.state}: the filter is not honoured`, expected: states, actual: wrongState.state });
  if (typeof params.user_id === 'string') {
    const other = rows.find((r) => r.user_id !== params.user_id);
    if (other !== undefined) out.push({ check: 'stackai.user-filter', message: `user_id=${params.user_id} returned run ${other.run_id} of user ${String(other.user_id)}: the filter is not honoured`, expected: params.user_id, actual: other.user_id });
  }
  const start = instantParam(params.start_date);
  const end = instantParam(params.end_date);
  const outside = rows.find((r) => (start !== undefined && Date.parse(r.date) < start) || (end !== undefined && Date.parse(r.date) > end));
  if (outside !== undefined) out.push({ check: 'stackai.window-filter', message: `start_date=${String(params.start_date ?? '')} end_date=${String(params.end_date ?? '')} returned run ${outside.run_id} created ${outside.date}: both ends are inclusive, nothing outside them`, actual: outside.date });
  for (const r of rows) {
    const expected = r.state === 'COMPLETED' ? true : r.state === 'FAILED' || r.state === 'CANCELLED' ? false : null;
    if (r.is_flow_successful !== expected) { out.push({ check: 'stackai.fields', message: `run ${r.run_id} is ${r.state} but is_flow_successful is ${String(r.is_flow_successful)} (expected ${String(expected)})`, expected, actual: r.is_flow_successful }); break; }
    if (r.error !== null && r.state !== 'FAILED') { out.push({ check: 'stackai.fields', message: `run ${r.run_id} is ${r.state} but has an error; only FAILED runs have one`, actual: r.error }); break; }
  }
  if (now !== undefined) {
    const tooLong = rows.find((r) => r.latency !== null && r.latency > (now + SLACK - Date.parse(r.date)) / 1000);
    if (tooLong !== undefined) {
      out.push({ check: 'stackai.latency-unit', message: `run ${tooLong.run_id} has latency ${tooLong.latency} but was created ${(now - Date.parse(tooLong.date)) / 1000} s before now: latency is in seconds and cannot exceed the run's age (milliseconds?)`, expected: `≤ ${(now - Date.parse(tooLong.date)) / 1000}`, actual: tooLong.latency });
    }
  }
  return out;
}

interface Summary {
  total_runs: number; completed: number; failed: number; cancelled: number; pending: number; running: number; paused: number;
  pass_rate: number | null; average_duration_seconds: number | null;
}

function onepin(params: Params, s: Summary, now: number | undefined): InvariantProblem[] {
  const out: InvariantProblem[] = [];
  const sum = s.completed + s.failed + s.cancelled + s.pending + s.running + s.paused;
  if (s.total_runs !== sum) out.push({ check: 'onepin.arithmetic', message: `total_runs is ${s.total_runs} but completed+failed+cancelled+pending+running+paused = ${sum}`, expected: sum, actual: s.total_runs });
  const terminal = s.completed + s.failed + s.cancelled;
  const rate = terminal === 0 ? null : s.completed / terminal;
  if (rate === null ? s.pass_rate !== null : s.pass_rate === null || !close(s.pass_rate, rate)) {
    out.push({ check: 'onepin.arithmetic', message: `pass_rate is ${String(s.pass_rate)} but completed/(completed+failed+cancelled) = ${s.completed}/${terminal} = ${String(rate)}`, expected: rate, actual: s.pass_rate });
  }
  if (s.completed === 0 && s.average_duration_seconds !== null) out.push({ check: 'onepin.arithmetic', message: `average_duration_seconds is ${s.average_duration_seconds} with no completed run; it must be null`, expected: null, actual: s.average_duration_seconds });
  // A run created at or after `from` and completed by now lasted at most now − from (wherever `to` is).
  const from = instantParam(params.from);
  if (from !== undefined && now !== undefined && s.average_duration_seconds !== null) {
    const span = (now + SLACK - from) / 1000;
    if (span >= 0 && s.average_duration_seconds > span + 1e-6) {
      out.push({ check: 'onepin.duration-unit', message: `average_duration_seconds is ${s.average_duration_seconds} but every run counted was created at or after from and completed by now, ${span} s later at most: a duration in milliseconds?`, expected: `≤ ${span}`, actual: s.average_duration_seconds });
    }
  }
  return out;
}

interface Metrics {
  data: { entity: string; metric: string; aggregation: string; group_by: string | null; granularity: string | null; total: number; results: { user_id?: string; user_name?: string; date?: string; value: number }[] };
  meta: { period: { from: string; to: string }; cached_at: string; cache_ttl: number; unit: string | null };
}

const PERIOD_DAYS: Record<string, number> = { '7d': 7, '30d': 30, '90d': 90 };

function multiplai(params: Params, m: Metrics, now: number | undefined): InvariantProblem[] {
  const out: InvariantProblem[] = [];
  const d = m.data;
  const filters = (typeof params.filters === 'object' && params.filters !== null ? params.filters : {}) as Record<string, unknown>;
  const period = typeof filters.period === 'string' ? filters.period : '30d';
  const groupBy = params.group_by ?? null;
  const limit = params.limit === undefined || params.limit === null ? undefined : Number(params.limit);
  const additive = d.aggregation === 'count' || d.aggregation === 'sum';
  const wantUnit = d.metric === 'avg_duration' && (d.aggregation === 'sum' || d.aggregation === 'avg') ? 'milliseconds' : null;
  if (m.meta.unit !== wantUnit) out.push({ check: 'multiplai.avg-duration', message: `meta.unit is ${String(m.meta.unit)} for ${d.metric} with ${d.aggregation}; it must be ${String(wantUnit)} ("milliseconds" only for avg_duration with sum or avg)`, expected: wantUnit, actual: m.meta.unit });
  if (m.meta.cache_ttl !== 300) out.push({ check: 'multiplai.total-only', message: `meta.cache_ttl is ${m.meta.cache_ttl}, documented 300`, expected: 300, actual: m.meta.cache_ttl });
  if (groupBy === null && d.results.length !== 0) out.push({ check: 'multiplai.total-only', message: 'without group_by, results must be []', expected: [], actual: d.results.length });
  const { from, to } = m.meta.period;
  const days = PERIOD_DAYS[period];
  if (days !== undefined) {
    if (Date.parse(to) - Date.parse(from) !== (days - 1) * 86_400_000) out.push({ check: 'multiplai.period', message: `period ${period} spans ${from}..${to}; it must be the ${days} dates ending today`, expected: days, actual: m.meta.period });
    if (now !== undefined && to !== utcDate(now) && to !== utcDate(now + SLACK)) out.push({ check: 'multiplai.period', message: `period ${period} ends ${to}; it must end today (${utcDate(now)}, the date of the clock's now in UTC)`, expected: utcDate(now), actual: to });
  }
  if (groupBy === 'date' && (d.granularity === 'daily' || d.granularity === 'weekly' || d.granularity === 'monthly')) {
    const check = d.granularity === 'weekly' ? 'multiplai.iso-week-labels' : d.granularity === 'monthly' ? 'multiplai.week-and-month-buckets' : 'multiplai.daily-buckets';
    const expected = bucketLabels(from, to, d.granularity);
    const labels = d.results.map((r) => String(r.date));
    const ordered = params.order_by === undefined || params.order_by === null;
    const wanted = ordered ? expected.slice(0, limit ?? expected.length) : undefined;
    if (wanted !== undefined && JSON.stringify(labels) !== JSON.stringify(wanted)) {
      const first = labels.findIndex((l, i) => l !== wanted[i]);
      out.push({ check, message: `${d.granularity} buckets of ${from}..${to} must be ${d.granularity === 'weekly' ? 'its ISO 8601 weeks (week-year and week of each date\'s Thursday)' : 'every bucket of the period'}, ascending, zero-filled: ${wanted.length} labels from ${wanted[0] ?? '-'}; got ${labels.length}${first >= 0 ? `, the first different at ${first}: "${labels[first]}" where "${wanted[first] ?? '(none)'}" belongs` : ''}`, expected: wanted.slice(0, 20), actual: labels.slice(0, 20) });
    } else if (wanted === undefined && (labels.some((l) => !expected.includes(l)) || labels.length !== Math.min(limit ?? expected.length, expected.length))) {
      out.push({ check, message: `${d.granularity} buckets of ${from}..${to} must be labelled ${expected.slice(0, 3).join(', ')}…; got ${labels.slice(0, 3).join(', ')}…`, expected: expected.slice(0, 20), actual: labels.slice(0, 20) });
    }
    const sum = d.results.reduce((t, r) => t + r.value, 0);
    if (additive && limit === undefined && !close(sum, d.total)) out.push({ check, message: `the ${d.granularity} values add up to ${sum} but total is ${d.total}`, expected: d.total, actual: sum });
  }
  if (groupBy === 'user') {
    const rows = d.results;
    if (limit !== undefined && rows.length > limit) out.push({ check: 'multiplai.group-by-user', message: `limit ${limit} returned ${rows.length} rows`, expected: `≤ ${limit}`, actual: rows.length });
    const sum = rows.reduce((t, r) => t + r.value, 0);
    if (additive && sum > d.total + 1e-9 * Math.max(1, d.total)) out.push({ check: 'multiplai.group-by-user', message: `user values add up to ${sum}, more than total ${d.total}`, expected: `≤ ${d.total}`, actual: sum });
    if ((params.order_by === undefined || params.order_by === 'value') && params.order_dir === undefined) {
      for (let i = 1; i < rows.length; i++) {
        const a = rows[i - 1] as { user_id?: string; value: number };
        const b = rows[i] as { user_id?: string; value: number };
        if (!(a.value > b.value || (a.value === b.value && compareIds(String(a.user_id), String(b.user_id)) < 0))) {
          out.push({ check: 'multiplai.group-by-user', message: `user rows are not ordered by value descending then user_id: ${a.user_id} (${a.value}) before ${b.user_id} (${b.value})`, actual: [a, b] });
          break;
        }
      }
    }
    if (filters.user_id !== undefined && rows.some((r) => String(r.user_id) !== String(filters.user_id))) {
      out.push({ check: 'multiplai.group-by-user', message: `filters.user_id=${String(filters.user_id)} must keep that user's events only; a row of another user came back`, actual: rows.map((r) => r.user_id) });
    }
  }
  return out;
}

export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
