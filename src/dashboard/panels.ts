/**
 * One panel per API and workspace, each drawn only from that API's own answers, asked as a front-end would.
 * Every headline number is an element with (product design §5)
 *   data-metric    `<api>:<JSON pointer into the answer>`,
 *   data-query     the path and query string below the API's mount that the panel asked,
 *   data-workspace the workspace's id,
 *   data-value     the number exactly as answered (the text may round it),
 * so that asking data-query again with a token of that workspace gives data-value at that pointer.
 */
import type { ApiName } from '../apis.ts';
import type { components as AdminTypes } from '../generated/admin.ts';
import type { components as B3osTypes } from '../generated/b3os.ts';
import type { components as MultiplaiTypes } from '../generated/multiplai.ts';
import type { components as OnepinTypes } from '../generated/onepin.ts';
import type { components as StackaiTypes } from '../generated/stackai.ts';
import type { components as AlloyTypes } from '../generated/alloy.ts';
import { parseJsonPointer } from '../lib/json-pointer.ts';
import { ChartView, COLORS } from './charts.ts';
import { dateTime, day, duration, h, integer, percent, time } from './dom.ts';
import { ask, type ApiAnswer } from './http.ts';

type FixtureWorkspace = AdminTypes['schemas']['FixtureWorkspace'];
type B3osStats = B3osTypes['schemas']['GetExecutionStatsSuccessResponse'];
type Metrics = MultiplaiTypes['schemas']['MetricsResponse'];
type OnepinSummary = OnepinTypes['schemas']['RunsSummaryResponse'];
type StackaiRun = StackaiTypes['schemas']['ProjectRunSummary'];
type AlloyTotals = AlloyTypes['schemas']['GetWorkflowAnalyticsResponseBody'];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How many of a workspace's flows the per-workflow panels show (the busiest): never the whole dataset. */
export const TOP_FLOWS = 6;

export interface PanelContext {
  readonly workspace: FixtureWorkspace;
  readonly token: string;
  /** The clock's now (epoch ms) the panels ask about. */
  readonly now: number;
  /** The flows the per-workflow panels show, busiest first. */
  readonly flows: readonly FixtureWorkspace['flows'][number][];
}

/** The value at a JSON pointer of an answer, or undefined. */
export function valueAt(body: unknown, pointer: string): unknown {
  let value: unknown = body;
  for (const segment of parseJsonPointer(pointer)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** A headline number, carrying where it came from. */
function metric(answer: ApiAnswer, workspace: string, pointer: string, format: (value: number) => string, label?: string): HTMLElement {
  const value = valueAt(answer.body, pointer);
  if (typeof value !== 'number') return h('span', { class: 'metric empty', title: 'not answered', text: '—' });
  return h('span', {
    class: 'metric',
    'data-metric': `${answer.api}:${pointer}`,
    'data-query': answer.query,
    'data-workspace': workspace,
    'data-value': String(value),
    title: label,
    text: format(value),
  });
}

function headline(label: string, value: HTMLElement): HTMLElement {
  return h('div', { class: 'headline' }, h('span', { class: 'headline-label', text: label }), value);
}

function errorText(answer: ApiAnswer): string {
  const body = answer.body as Record<string, unknown> | string;
  let message = '';
  if (typeof body === 'string') message = body.slice(0, 120);
  else if (typeof body?.message === 'string') message = body.message;
  else if (typeof body?.detail === 'string') message = body.detail;
  else if (typeof (body?.error as { message?: unknown })?.message === 'string') message = (body.error as { message: string }).message;
  else if (typeof body?.error === 'string') message = body.error;
  return `${answer.status}${message === '' ? '' : `: ${message}`}`;
}

export abstract class Panel {
  readonly element: HTMLElement;
  protected readonly content: HTMLElement;
  readonly #errors: HTMLElement;
  readonly #footer: HTMLElement;
  #sequence = 0;
  readonly #charts: ChartView[] = [];

  constructor(readonly api: ApiName, title: string, subtitle: string, workspaceId: string) {
    const id = `panel-${api}-${workspaceId}`;
    this.content = h('div', { class: 'panel-content' });
    this.#errors = h('div', { class: 'panel-errors', role: 'status' });
    this.#footer = h('p', { class: 'panel-footer' });
    this.element = h('section', { class: 'panel', 'data-api': api, 'data-workspace': workspaceId, 'aria-labelledby': `${id}-title` },
      h('header', { class: 'panel-header' },
        h('h3', { id: `${id}-title` }, h('span', { class: `api-badge api-${api}`, text: api }), ` ${title}`),
        h('p', { class: 'panel-subtitle', text: subtitle })),
      this.#errors, this.content, this.#footer);
  }

  /** Asks the API again and redraws; an answer overtaken by a later refresh is dropped. */
  async refresh(context: PanelContext): Promise<void> {
    const sequence = ++this.#sequence;
    this.element.setAttribute('aria-busy', 'true');
    let answers: ApiAnswer[];
    try {
      answers = await this.ask(context);
    } catch (error) {
      if (sequence !== this.#sequence) return;
      this.#showErrors([`the request failed: ${error instanceof Error ? error.message : String(error)}`], 1);
      this.element.removeAttribute('aria-busy');
      return;
    }
    if (sequence !== this.#sequence) return;
    const failed = answers.filter((a) => !a.ok);
    this.#showErrors(failed.map((a) => `${a.api} answered ${errorText(a)}`), answers.length);
    if (failed.length < answers.length || answers.length === 0) this.draw(context, answers);
    else this.content.replaceChildren(h('p', { class: 'muted no-data', text: 'Nothing to show: every request of this panel failed (see above).' }));
    const slowest = answers.reduce((max, a) => Math.max(max, a.ms), 0);
    this.#footer.replaceChildren(`${answers.length} request${answers.length === 1 ? '' : 's'}, slowest ${slowest} ms`, ...this.footnote(answers));
    this.element.removeAttribute('aria-busy');
  }

  #showErrors(lines: readonly string[], total: number): void {
    if (lines.length === 0) {
      this.element.removeAttribute('data-error');
      this.#errors.replaceChildren();
      return;
    }
    this.element.setAttribute('data-error', String(lines.length));
    const unique = [...new Set(lines)];
    this.#errors.replaceChildren(
      h('p', { class: 'error', text: `${lines.length} of ${total} request${total === 1 ? '' : 's'} failed` }),
      h('ul', {}, ...unique.slice(0, 3).map((line) => h('li', { text: line }))),
    );
  }

  protected abstract ask(context: PanelContext): Promise<ApiAnswer[]>;
  protected abstract draw(context: PanelContext, answers: readonly ApiAnswer[]): void;
  protected footnote(_answers: readonly ApiAnswer[]): Node[] {
    return [];
  }

  /** A chart of this panel: destroyed with it (Chart.js keeps a canvas, listeners and a resize observer). */
  protected chart(title: string, height: number): ChartView {
    const view = new ChartView(title, height);
    this.#charts.push(view);
    return view;
  }

  destroy(): void {
    this.#sequence++;
    for (const view of this.#charts) view.destroy();
  }
}

/** B3OS: the last 48 hours, hourly, stacked by status; its summary and recent failures. */
export class B3osPanel extends Panel {
  readonly #chart = this.chart('Runs per hour by status', 170);

  constructor(workspaceId: string) {
    super('b3os', 'Executions, last 48 hours', 'GET /v1/executions/stats, hourly', workspaceId);
  }

  protected async ask({ now, token }: PanelContext): Promise<ApiAnswer[]> {
    const query = `/v1/executions/stats?${new URLSearchParams({ from: String(now - 48 * HOUR), to: String(now), granularity: 'hourly' })}`;
    return [await ask<B3osStats>('b3os', query, token)];
  }

  protected draw({ workspace }: PanelContext, [answer]: readonly ApiAnswer[]): void {
    if (answer === undefined || !answer.ok) return;
    const { data } = answer.body as B3osStats;
    const series = data.timeSeries;
    const names = new Map(workspace.flows.map((f) => [f.id, f.name]));
    const total = data.summary.total;
    this.#chart.update({
      kind: 'bar',
      stacked: true,
      labels: series.map((b) => (b.bucketStart.slice(11, 13) === '00' ? day(b.bucketStart) : `${b.bucketStart.slice(11, 13)}h`)),
      series: [
        { label: 'succeeded', data: series.map((b) => b.succeeded), color: COLORS.succeeded },
        { label: 'failed', data: series.map((b) => b.failed), color: COLORS.failed },
        { label: 'cancelled', data: series.map((b) => b.cancelled), color: COLORS.cancelled },
        { label: 'in progress', data: series.map((b) => b.total - b.succeeded - b.failed - b.cancelled), color: COLORS.inProgress },
      ],
      summary: `${integer(total)} runs in ${series.length} hourly buckets (UTC): ${integer(data.summary.succeeded)} succeeded, ${integer(data.summary.failed)} failed, ${integer(data.summary.cancelled)} cancelled, ${integer(data.summary.inProgress)} in progress.`,
    });
    const failures = data.recentFailures.slice(0, 4);
    this.content.replaceChildren(
      h('div', { class: 'headlines' },
        headline('runs', metric(answer, workspace.id, '/data/summary/total', integer)),
        headline('success rate', metric(answer, workspace.id, '/data/summary/successRate', (v) => `${v.toFixed(1)}%`)),
        headline('failed', metric(answer, workspace.id, '/data/summary/failed', integer)),
        headline('in progress', metric(answer, workspace.id, '/data/summary/inProgress', integer)),
        headline('mean duration', metric(answer, workspace.id, '/data/summary/averageDurationMs', duration))),
      this.#chart.element,
      h('h4', { text: 'Recent failures' }),
      failures.length === 0
        ? h('p', { class: 'muted', text: 'No failure in this window.' })
        : h('ul', { class: 'failures' }, ...failures.map((f) => h('li', {},
          h('time', { datetime: f.finishedAt, text: `${day(f.finishedAt)} ${time(f.finishedAt)}` }), ' ',
          h('strong', { text: names.get(f.workflowId) ?? f.workflowId.slice(0, 8) }), ': ',
          h('span', { text: f.statusReason ?? 'no reason given' })))),
    );
  }
}

/** OnePin: pass rate and mean duration per workflow over the last 7 days. */
export class OnepinPanel extends Panel {
  readonly #chart = this.chart('Pass rate per workflow', 150);

  constructor(workspaceId: string) {
    super('onepin', 'Pass rate per workflow, last 7 days', 'GET /api/v1/workflows/{id}/runs/summary', workspaceId);
  }

  protected ask({ now, token, flows }: PanelContext): Promise<ApiAnswer[]> {
    const from = new Date(now - 7 * DAY).toISOString();
    const to = new Date(now).toISOString();
    return Promise.all(flows.map((f) => ask<OnepinSummary>('onepin', `/api/v1/workflows/${f.id}/runs/summary?${new URLSearchParams({ from, to })}`, token)));
  }

  protected draw({ workspace, flows }: PanelContext, answers: readonly ApiAnswer[]): void {
    const rows = flows.map((flow, i) => ({ flow, answer: answers[i] })).filter((r): r is { flow: typeof r.flow; answer: ApiAnswer } => r.answer?.ok === true);
    this.#chart.update({
      kind: 'bar',
      horizontal: true,
      percent: true,
      labels: rows.map((r) => r.flow.name),
      series: [{ label: 'pass rate', data: rows.map((r) => (r.answer.body as OnepinSummary).data.pass_rate ?? 0), color: COLORS.succeeded }],
      summary: rows.map((r) => `${r.flow.name}: ${(r.answer.body as OnepinSummary).data.pass_rate === null ? 'no finished run' : percent((r.answer.body as OnepinSummary).data.pass_rate as number)}`).join('; '),
    });
    this.content.replaceChildren(
      this.#chart.element,
      h('table', { class: 'numbers' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'workflow' }), h('th', { scope: 'col', text: 'runs' }), h('th', { scope: 'col', text: 'pass rate' }), h('th', { scope: 'col', text: 'mean duration' }))),
        h('tbody', {}, ...rows.map(({ flow, answer }) => h('tr', {},
          h('th', { scope: 'row', text: flow.name }),
          h('td', {}, metric(answer, workspace.id, '/data/total_runs', integer)),
          h('td', {}, metric(answer, workspace.id, '/data/pass_rate', percent)),
          h('td', {}, metric(answer, workspace.id, '/data/average_duration_seconds', (s) => duration(s * 1000))))))),
    );
  }
}

/** StackAI: the latest runs of the workspace's busiest flow, with their states and latencies. */
export class StackaiPanel extends Panel {
  constructor(workspaceId: string) {
    super('stackai', 'Latest runs', 'GET /analytics/org/{org_id}/flows/{flow_id}', workspaceId);
  }

  protected async ask({ workspace, token, flows }: PanelContext): Promise<ApiAnswer[]> {
    const flow = flows[0];
    if (flow === undefined) return [];
    return [await ask<StackaiRun[]>('stackai', `/analytics/org/${workspace.id}/flows/${flow.id}?${new URLSearchParams({ page: '0', page_size: '8' })}`, token)];
  }

  protected draw({ workspace, flows }: PanelContext, [answer]: readonly ApiAnswer[]): void {
    if (answer === undefined) {
      this.content.replaceChildren(h('p', { class: 'muted', text: 'This workspace has no flow yet.' }));
      return;
    }
    if (!answer.ok) return;
    const runs = answer.body as StackaiRun[];
    this.content.replaceChildren(
      h('p', { class: 'muted' }, 'Flow ', h('strong', { text: flows[0]?.name ?? '' }), ', newest first'),
      h('table', { class: 'numbers runs' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'created (UTC)' }), h('th', { scope: 'col', text: 'state' }), h('th', { scope: 'col', text: 'latency' }), h('th', { scope: 'col', text: 'tokens' }))),
        h('tbody', {}, ...runs.map((run, i) => h('tr', {},
          h('th', { scope: 'row' }, h('time', { datetime: run.date, text: `${day(run.date)} ${time(run.date)}` })),
          h('td', {}, h('span', { class: `state state-${String(run.state).toLowerCase()}`, text: String(run.state) })),
          h('td', {}, metric(answer, workspace.id, `/${i}/latency`, (s) => duration(s * 1000))),
          h('td', {}, metric(answer, workspace.id, `/${i}/total_tokens`, integer)))))),
      runs.length === 0 ? h('p', { class: 'muted', text: 'No run yet.' }) : '',
    );
  }
}

/** Multiplai: executions by user and by day over 30 days, in its query-string form; its cache shown. */
export class MultiplaiPanel extends Panel {
  readonly #byUser = this.chart('Executions by user', 150);
  readonly #byDay = this.chart('Executions by day', 130);

  constructor(workspaceId: string) {
    super('multiplai', 'Workflow executions, last 30 days', 'GET /api/v1/workspaces/metrics (query string)', workspaceId);
  }

  protected ask({ workspace, token }: PanelContext): Promise<ApiAnswer[]> {
    const base = { workspace_uuid: workspace.id, entity: 'workflows', metric: 'executions', aggregation: 'count', 'filters[period]': '30d' };
    return Promise.all([
      ask<Metrics>('multiplai', `/api/v1/workspaces/metrics?${new URLSearchParams({ ...base, group_by: 'user', limit: '6' })}`, token),
      ask<Metrics>('multiplai', `/api/v1/workspaces/metrics?${new URLSearchParams({ ...base, group_by: 'date', granularity: 'daily' })}`, token),
    ]);
  }

  protected draw({ workspace }: PanelContext, [byUser, byDay]: readonly ApiAnswer[]): void {
    const parts: Node[] = [];
    const headlines = h('div', { class: 'headlines' });
    parts.push(headlines);
    if (byUser?.ok === true) {
      const rows = (byUser.body as Metrics).data.results as { user_name: string; value: number }[];
      this.#byUser.update({ kind: 'bar', horizontal: true, labels: rows.map((r) => r.user_name), series: [{ label: 'executions', data: rows.map((r) => r.value), color: COLORS.primary }], summary: rows.map((r) => `${r.user_name}: ${integer(r.value)}`).join('; ') || 'No executions.' });
      headlines.append(headline('executions (30 days)', metric(byUser, workspace.id, '/data/total', integer)), headline('top user', metric(byUser, workspace.id, '/data/results/0/value', integer, rows[0]?.user_name)));
      parts.push(this.#byUser.element);
    }
    if (byDay?.ok === true) {
      const rows = (byDay.body as Metrics).data.results as { date: string; value: number }[];
      const busiest = rows.reduce((best, r) => (r.value > best.value ? r : best), { date: '', value: -1 });
      this.#byDay.update({ kind: 'line', labels: rows.map((r) => day(`${r.date}T00:00:00Z`)), series: [{ label: 'executions', data: rows.map((r) => r.value), color: COLORS.secondary }], summary: `${rows.length} days; the busiest ${busiest.date} with ${integer(Math.max(0, busiest.value))} executions.` });
      headlines.append(headline('today', metric(byDay, workspace.id, `/data/results/${rows.length - 1}/value`, integer)));
      parts.push(this.#byDay.element);
    }
    this.content.replaceChildren(...parts);
  }

  protected override footnote(answers: readonly ApiAnswer[]): Node[] {
    const meta = (answers.find((a) => a.ok)?.body as Metrics | undefined)?.meta;
    if (meta === undefined) return [];
    return [h('br'), h('span', { class: 'cache-note', 'data-cached-at': meta.cached_at, text: `cached at ${dateTime(meta.cached_at)}: Multiplai answers an identical query from its ${meta.cache_ttl} s cache (clock time), so new runs show once it expires` })];
  }
}

/** Alloy: lifetime totals per workflow. */
export class AlloyPanel extends Panel {
  readonly #chart = this.chart('Lifetime runs and errors per workflow', 150);

  constructor(workspaceId: string) {
    super('alloy', 'Lifetime totals per workflow', 'GET /workflows/{id}/analytics', workspaceId);
  }

  protected ask({ token, flows }: PanelContext): Promise<ApiAnswer[]> {
    return Promise.all(flows.map((f) => ask<AlloyTotals>('alloy', `/workflows/${f.id}/analytics`, token)));
  }

  protected draw({ workspace, flows }: PanelContext, answers: readonly ApiAnswer[]): void {
    const rows = flows.map((flow, i) => ({ flow, answer: answers[i] })).filter((r): r is { flow: typeof r.flow; answer: ApiAnswer } => r.answer?.ok === true);
    const totals = (r: { answer: ApiAnswer }) => r.answer.body as AlloyTotals;
    this.#chart.update({
      kind: 'bar',
      horizontal: true,
      stacked: false,
      labels: rows.map((r) => r.flow.name),
      series: [
        { label: 'runs', data: rows.map((r) => totals(r).totalWorkflowRuns), color: COLORS.primary },
        { label: 'errors', data: rows.map((r) => totals(r).totalErrors), color: COLORS.failed },
      ],
      summary: rows.map((r) => `${r.flow.name}: ${integer(totals(r).totalWorkflowRuns)} runs, ${integer(totals(r).totalErrors)} errors`).join('; '),
    });
    this.content.replaceChildren(
      this.#chart.element,
      h('table', { class: 'numbers' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'workflow' }), h('th', { scope: 'col', text: 'runs' }), h('th', { scope: 'col', text: 'errors' }), h('th', { scope: 'col', text: 'app actions' }))),
        h('tbody', {}, ...rows.map(({ flow, answer }) => h('tr', {},
          h('th', { scope: 'row', text: flow.name }),
          h('td', {}, metric(answer, workspace.id, '/totalWorkflowRuns', integer)),
          h('td', {}, metric(answer, workspace.id, '/totalErrors', integer)),
          h('td', {}, metric(answer, workspace.id, '/totalAppActions', integer)))))),
    );
  }
}

export function panelsFor(workspaceId: string): Panel[] {
  return [new B3osPanel(workspaceId), new OnepinPanel(workspaceId), new StackaiPanel(workspaceId), new MultiplaiPanel(workspaceId), new AlloyPanel(workspaceId)];
}
