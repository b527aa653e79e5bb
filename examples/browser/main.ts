/**
 * flowmock in a page: MSW's service worker answers the page's `fetch` calls to the five vendor APIs with
 * flowmock's handlers, which run here in the page (the core needs no server and no Node).
 *
 * Build and open it:
 *   npx tsx scripts/build-browser-example.ts                    # writes examples/browser/dist/
 *   python3 -m http.server 8080 -d examples/browser/dist        # or any static server, then http://localhost:8080/
 * (service workers need http://localhost or https, and their script served as JavaScript).
 *
 * Every number shown is an element with
 *   data-api     the API asked (alloy, stackai, onepin, b3os, multiplai),
 *   data-query   the path and query string below that API's mount (what a front-end appends to its base URL),
 *   data-headers the request's headers besides `Authorization` (JSON),
 *   data-field   where the number is in the JSON answer (dot-separated; `length` of an array),
 *   data-value   the value exactly as answered (String(value)),
 *   data-phase   `before` or `after` the admin control (after: data-before holds the value it replaced),
 * and `#control[data-control]` is the admin request the page made (method, path below /__mock, body), so
 * that test/browser/example.test.ts can ask flowmock's HTTP server the same questions, make the same
 * change, and compare.
 */
import { setupWorker } from 'msw/browser';
// In this repository the example imports the source; flowmock's MSW adapter is src/msw/handlers.ts.
import { createFlowmockHandlers } from '../../src/msw/handlers.ts';

/** The clock, frozen: the same scenario at the same instant gives the same numbers, byte for byte. */
const NOW = '2026-11-20T12:00:00Z';
const DAY_MS = 86_400_000;

type ApiName = 'alloy' | 'stackai' | 'onepin' | 'b3os' | 'multiplai';

/** One question to an API, and the number of its answer to show. */
interface Question {
  readonly api: ApiName;
  /** Path and query string below the API's mount, e.g. `/workflows/<id>/analytics`. */
  readonly query: string;
  /** Headers besides `Authorization` (each vendor has its own). */
  readonly headers?: Record<string, string>;
  /** Where the number is in the JSON answer: dot-separated keys and array indexes; `length` of an array. */
  readonly field: string;
  /** What the number means, for people. */
  readonly label: string;
}

/** A question with the value answered. */
interface Answered extends Question {
  readonly value: unknown;
}

async function main(): Promise<void> {
  // 1. The mock: the `default` scenario (two workspaces, ~4,500 runs) with its clock frozen at NOW. In a
  //    page the mounts (/alloy, /stackai, /onepin, /b3os, /multiplai, /__mock) sit at the page's origin.
  const mock = await createFlowmockHandlers({ scenario: 'default', now: NOW });

  // 2. The worker: mockServiceWorker.js (copied from msw/lib by the build) is served next to this page.
  const worker = setupWorker(...mock.handlers);
  await worker.start({ serviceWorker: { url: './mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });

  // 3. Who we are: a workspace, its token and its busiest workflow, from the fixtures (GET /__mock/fixtures).
  const fixtures = await mock.fixtures();
  const workspace = fixtures.workspaces[0];
  if (workspace === undefined) throw new Error('the scenario has no workspace');
  const token = workspace.tokens[0] as string;
  const flow = workspace.flows.filter((f) => f.kind === 'workflow').sort((a, b) => b.runCount - a.runCount)[0];
  if (flow === undefined) throw new Error(`workspace ${workspace.name} has no workflow`);
  const now = Date.parse(fixtures.now);

  /** What a front-end does: fetch from the API's base URL with its bearer token. */
  async function ask(question: Question): Promise<Answered> {
    const response = await fetch(`${fixtures.apis[question.api]}${question.query}`, {
      headers: { Authorization: `Bearer ${token}`, ...question.headers },
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${question.api} ${question.query} answered ${response.status}: ${text}`);
    return { ...question, value: valueAt(JSON.parse(text), question.field) };
  }

  // 4. The five APIs, each as its vendor documents it.
  const alloy = `/workflows/${flow.id}/analytics`;
  const alloyHeaders = { 'x-api-version': '2025-09' };
  const stackai = `/analytics/org/${workspace.id}/flows/${flow.id}?page=0&page_size=10`;
  const onepin = `/api/v1/workflows/${flow.id}/runs/summary?${new URLSearchParams({ from: new Date(now - 30 * DAY_MS).toISOString() })}`;
  const onepinHeaders = { 'X-Workspace-Id': workspace.id };
  const b3os = `/v1/executions/stats?from=${now - 7 * DAY_MS}&to=${now}&granularity=daily`;
  const b3osHeaders = { 'X-Org-ID': workspace.id };
  // Multiplai documents a JSON body on a GET, which fetch cannot send: the same query goes in the query string.
  const multiplai = (groupBy: 'date' | 'user') =>
    `/api/v1/workspaces/metrics?${new URLSearchParams({
      workspace_uuid: workspace.id, entity: 'workflows', metric: 'executions', aggregation: 'count',
      group_by: groupBy, ...(groupBy === 'date' ? { granularity: 'daily' } : {}), 'filters[period]': '7d',
    })}`;

  const questions: Question[] = [
    { api: 'alloy', query: alloy, headers: alloyHeaders, field: 'totalWorkflowRuns', label: 'runs of the workflow, lifetime' },
    { api: 'alloy', query: alloy, headers: alloyHeaders, field: 'totalErrors', label: 'failed runs of the workflow, lifetime' },
    { api: 'stackai', query: stackai, field: 'length', label: 'runs on page 0 (page_size 10)' },
    { api: 'stackai', query: stackai, field: '0.state', label: 'state of the newest run' },
    { api: 'onepin', query: onepin, headers: onepinHeaders, field: 'data.total_runs', label: 'runs of the workflow, last 30 days' },
    { api: 'onepin', query: onepin, headers: onepinHeaders, field: 'data.pass_rate', label: 'pass rate, last 30 days' },
    { api: 'b3os', query: b3os, headers: b3osHeaders, field: 'data.summary.total', label: 'executions of the workspace, last 7 days' },
    { api: 'b3os', query: b3os, headers: b3osHeaders, field: 'data.summary.successRate', label: 'success rate (%), last 7 days' },
    { api: 'multiplai', query: multiplai('date'), field: 'data.total', label: 'workflow executions, last 7 days' },
  ];
  const before = await Promise.all(questions.map(ask));

  // 5. An admin control, as a test would use it: one failed run of the workflow added now. It shows at once
  //    on every API (the controls are the admin API, /__mock, handed to the core in the page).
  const newRun = { workspace: workspace.id, flow: flow.id, status: 'failed', error: 'Added by the browser example' } as const;
  const run = await mock.addRun(newRun);

  // The same questions again, but the page length (a page of 10 stays 10). Multiplai keeps an identical
  // query's answer for 300 s of clock time, and a new run does not empty that cache (as in production):
  // grouped by user, the question is a new one.
  const again = questions.filter((q) => q.field !== 'length');
  const after = await Promise.all(again.map((q) => ask(q.api === 'multiplai' ? { ...q, query: multiplai('user'), label: `${q.label}, grouped by user` } : q)));
  const was = again.map((q) => before[questions.indexOf(q)] as Answered);

  // 6. The page.
  const app = document.getElementById('app') as HTMLElement;
  app.append(
    h('dl', {},
      h('dt', {}, 'scenario'), h('dd', {}, `${fixtures.scenario.name}, clock frozen at ${fixtures.now}`),
      h('dt', {}, 'workspace'), h('dd', {}, `${workspace.name} (${workspace.id})`),
      h('dt', {}, 'token'), h('dd', { id: 'token' }, token),
      h('dt', {}, 'workflow'), h('dd', {}, `${flow.name} (${flow.id})`),
    ),
    h('h2', {}, 'The five APIs, answered in this page'),
    table(['API', 'asked (below the mount)', 'field', 'what', 'value'], before.map((a) => [
      a.api, cell(a.query, 'query'), h('td', {}, h('code', {}, a.field)), a.label, valueCell(a, 'before'),
    ])),
    h('h2', {}, 'After one admin control: addRun'),
    h('p', { id: 'control', 'data-control': JSON.stringify({ method: 'POST', path: '/runs', body: newRun }), 'data-run-id': run.id },
      'mock.addRun(', h('code', {}, JSON.stringify(newRun)), `) added run ${run.id} at ${run.createdAt}. Every API counts it:`),
    table(['API', 'asked (below the mount)', 'field', 'what', 'before', 'after'], after.map((a, i) => [
      a.api, cell(a.query, 'query'), h('td', {}, h('code', {}, a.field)), a.label, cell(String(was[i]?.value), 'value'), valueCell(a, 'after', was[i]),
    ])),
  );
}

/** The value at a dot-separated path of a JSON value (`length` of an array too). */
function valueAt(json: unknown, field: string): unknown {
  return field.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], json);
}

function valueCell(a: Answered, phase: 'before' | 'after', was?: Answered): HTMLElement {
  const value = String(a.value);
  const td = cell(value, was !== undefined && String(was.value) !== value ? 'value changed' : 'value');
  Object.assign(td.dataset, { api: a.api, query: a.query, headers: JSON.stringify(a.headers ?? {}), field: a.field, phase, value });
  if (was !== undefined) td.dataset.before = String(was.value);
  return td;
}

/** A table; a string is a plain cell, an element a cell made already. */
function table(head: string[], rows: (string | HTMLElement)[][]): HTMLElement {
  return h('table', {},
    h('thead', {}, h('tr', {}, ...head.map((title) => h('th', {}, title)))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((content) => (typeof content === 'string' ? h('td', {}, content) : content))))),
  );
}

function cell(text: string, className: string): HTMLElement {
  return h('td', { class: className }, text);
}

function h(tag: string, attributes: Record<string, string>, ...children: (string | Node)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

const status = document.getElementById('status') as HTMLElement;
main().then(
  () => {
    status.textContent = 'Ready: every number below was answered by flowmock inside this page.';
    document.body.dataset.ready = 'true';
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    status.textContent = `Failed: ${message}`;
    document.body.dataset.error = message;
    console.error(error);
  },
);
