/**
 * The dashboard at `/` (docs/dashboard.md): per workspace, one panel per API, each drawn only from that API's
 * own answers, and controls that drive the admin API (clock and timeline, live mode, fault rules, a run
 * through its lifecycle, reset, scenario, the request journal).
 *
 * It is a page like any client's: it reads nothing from /__mock before it has the admin token when the
 * server wants one (the meta tag says so), and it notices changes made elsewhere (curl, tests, another tab)
 * by polling the request journal for the newest admin write, which costs nothing when nothing changed
 * (reads of the journal are not journaled); on a real clock it also redraws every few seconds.
 */
import { API_NAMES, type ApiName } from '../apis.ts';
import { ALLOWED_MOVES } from '../domain/run-lifecycle.ts';
import type { RunStatus } from '../domain/status.ts';
import type { components } from '../generated/admin.ts';
import { SHIPPED_SCENARIO_DOCUMENTS } from '../generated/scenarios/index.ts';
import { dateTime, h, integer } from './dom.ts';
import { admin, AdminError, adminTokenRequired, storeAdminToken, storedAdminToken, useAdminToken } from './http.ts';
import { panelsFor, TOP_FLOWS, type Panel, type PanelContext } from './panels.ts';

type Schemas = components['schemas'];
type Health = Schemas['Health'];
type Fixtures = Schemas['Fixtures'];
type LiveState = Schemas['LiveMode'];
type FaultRule = Schemas['FaultRule'];
type FaultRuleInput = Schemas['FaultRuleInput'];
type Journal = Schemas['Journal'];
type Run = Schemas['Run'];
type ScenarioDocument = Schemas['ScenarioDocument'];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const POLL_MS = 1500;
const REAL_CLOCK_REFRESH_MS = 4000;

const statusLine = document.getElementById('status') as HTMLElement;

interface WorkspaceView {
  readonly section: HTMLElement;
  readonly panels: Panel[];
  context: PanelContext;
}

const state = {
  health: undefined as Health | undefined,
  fixtures: undefined as Fixtures | undefined,
  live: undefined as LiveState | undefined,
  rules: [] as FaultRule[],
  span: { from: 0, to: 0 },
  scenarioKey: '',
  marker: -1,
  views: [] as WorkspaceView[],
  lastDraw: 0,
  run: undefined as Run | undefined,
  dragging: false,
};

// ---------------------------------------------------------------------------------------------------------
// Start: the admin token first (when the server wants one), then everything else.

async function start(): Promise<void> {
  if (adminTokenRequired()) {
    const stored = storedAdminToken();
    if (stored === undefined || !(await tokenWorks(stored))) await askForToken();
  }
  (document.getElementById('layout') as HTMLElement).hidden = false;
  buildControls();
  await reload();
  void poll();
}

async function tokenWorks(token: string): Promise<boolean> {
  useAdminToken(token);
  try {
    await admin('GET', '/health');
    storeAdminToken(token);
    return true;
  } catch (error) {
    if (error instanceof AdminError && error.status === 401) {
      storeAdminToken(undefined);
      useAdminToken(undefined);
      return false;
    }
    throw error;
  }
}

function askForToken(): Promise<void> {
  const form = document.getElementById('token-form') as HTMLFormElement;
  const input = document.getElementById('token-input') as HTMLInputElement;
  const error = document.getElementById('token-error') as HTMLElement;
  form.hidden = false;
  statusLine.textContent = 'This server wants its admin token.';
  input.focus();
  return new Promise((resolve) => {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void tokenWorks(input.value.trim()).then((works) => {
        if (!works) {
          error.textContent = 'That is not this server\'s admin token.';
          input.select();
          return;
        }
        input.value = '';
        form.hidden = true;
        resolve();
      }, (e: unknown) => {
        error.textContent = e instanceof Error ? e.message : String(e);
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// The admin state, and the panels that follow it.

async function reload(): Promise<void> {
  const [health, fixtures, live, faults] = await Promise.all([
    admin<Health>('GET', '/health'),
    admin<Fixtures>('GET', '/fixtures'),
    admin<LiveState>('GET', '/live'),
    admin<{ rules: FaultRule[] }>('GET', '/faults'),
  ]);
  state.health = health;
  state.live = live;
  state.rules = faults.rules;
  const key = `${health.scenario.name}:${health.scenario.seed}:${fixtures.workspaces.map((w) => w.id).join(',')}`;
  const rebuild = key !== state.scenarioKey;
  state.fixtures = fixtures;
  if (rebuild) {
    state.scenarioKey = key;
    state.span = await scenarioSpan(Date.parse(health.clock.now));
    buildWorkspaces(fixtures);
  }
  renderControls();
  await drawPanels();
}

/** The span the timeline covers: the scenario's generated days (and explicit runs) up to its end. */
async function scenarioSpan(now: number): Promise<{ from: number; to: number }> {
  let document: ScenarioDocument | undefined;
  try {
    document = await admin<ScenarioDocument>('GET', '/scenario');
  } catch {
    document = undefined;
  }
  const anchor = document?.now === undefined ? now : Date.parse(document.now);
  let from = anchor - 30 * DAY;
  let to = Math.max(anchor, now);
  for (const ws of document?.workspaces ?? []) {
    const end = ws.generate?.end === undefined ? anchor : Date.parse(ws.generate.end);
    if (ws.generate !== undefined) from = Math.min(from, end - (ws.generate.days ?? 90) * DAY);
    to = Math.max(to, end);
    for (const run of ws.runs ?? []) {
      const at = Date.parse(run.createdAt);
      from = Math.min(from, at);
      to = Math.max(to, at);
    }
  }
  return { from: Math.floor(from / HOUR) * HOUR, to: Math.ceil(to / HOUR) * HOUR };
}

function buildWorkspaces(fixtures: Fixtures): void {
  for (const view of state.views) for (const panel of view.panels) panel.destroy();
  const main = document.getElementById('workspaces') as HTMLElement;
  state.views = fixtures.workspaces.map((workspace) => {
    const panels = panelsFor(workspace.id);
    const section = h('section', { class: 'workspace', 'data-workspace': workspace.id, 'aria-labelledby': `ws-${workspace.id}` },
      h('h2', { id: `ws-${workspace.id}` }, workspace.name, ' ', h('span', { class: 'muted ws-id', text: workspace.id })),
      h('div', { class: 'panels' }, ...panels.map((p) => p.element)));
    return { section, panels, context: contextOf(workspace, Date.now()) };
  });
  main.replaceChildren(...state.views.map((v) => v.section));
  if (fixtures.workspaces.length === 0) main.append(h('p', { class: 'muted', text: 'This scenario has no workspace.' }));
}

function contextOf(workspace: Fixtures['workspaces'][number], now: number): PanelContext {
  const flows = [...workspace.flows].sort((a, b) => b.runCount - a.runCount || (a.id < b.id ? -1 : 1)).slice(0, TOP_FLOWS);
  return { workspace, token: workspace.tokens[0] ?? '', now, flows };
}

async function drawPanels(): Promise<void> {
  const fixtures = state.fixtures;
  const health = state.health;
  if (fixtures === undefined || health === undefined) return;
  const now = Date.parse(health.clock.now);
  state.lastDraw = Date.now();
  await Promise.all(state.views.map((view, i) => {
    const workspace = fixtures.workspaces[i];
    if (workspace === undefined) return undefined;
    view.context = contextOf(workspace, now);
    return Promise.all(view.panels.map((panel) => panel.refresh(view.context)));
  }));
  document.body.dataset.drawnAt = health.clock.now;
  document.body.dataset.ready = 'true';
}

/** Changes from anywhere show: a new admin write in the journal reloads; a real clock redraws every few seconds. */
async function poll(): Promise<void> {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    if (document.hidden) continue;
    try {
      const [marker, journal] = await Promise.all([writeMarker(), admin<Journal>('GET', `/requests?${new URLSearchParams({ limit: '60' })}`)]);
      renderJournal(journal);
      if (marker !== state.marker) {
        const first = state.marker === -1;
        state.marker = marker;
        if (!first && !state.dragging) await reload();
      } else if (state.health?.clock.mode === 'real' && Date.now() - state.lastDraw >= REAL_CLOCK_REFRESH_MS && !state.dragging) {
        await reload();
      }
    } catch (error) {
      statusLine.textContent = `Cannot reach the server: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}

/** The id of the newest admin write in the request journal (0: none): it changes with every change made. */
async function writeMarker(): Promise<number> {
  const writes = await admin<Journal>('GET', `/requests?${new URLSearchParams({ api: 'admin', method: 'POST,PUT,PATCH,DELETE', limit: '1' })}`);
  return writes.entries[0]?.id ?? 0;
}

/** Runs an admin change, then redraws; its error goes to the control's message line. */
async function change(out: HTMLElement, action: () => Promise<unknown>, done?: string): Promise<void> {
  out.textContent = 'Working…';
  out.classList.remove('error');
  try {
    await action();
    out.textContent = done ?? 'Done.';
    // This change is the newest admin write: the poll need not reload for it again.
    state.marker = await writeMarker();
    await reload();
  } catch (error) {
    out.textContent = error instanceof Error ? error.message : String(error);
    out.classList.add('error');
  }
}

// ---------------------------------------------------------------------------------------------------------
// Controls.

const ui = {} as {
  clockText: HTMLElement; slider: HTMLInputElement; sliderText: HTMLElement; clockOut: HTMLElement;
  liveOn: HTMLInputElement; liveRate: HTMLInputElement; liveText: HTMLElement; liveOut: HTMLElement;
  faultApi: HTMLSelectElement; faultStatus: HTMLSelectElement; faultRate: HTMLInputElement; faultLatency: HTMLInputElement; faultList: HTMLElement; faultOut: HTMLElement;
  runWorkspace: HTMLSelectElement; runFlow: HTMLSelectElement; runStatus: HTMLSelectElement; runCard: HTMLElement; runOut: HTMLElement;
  scenario: HTMLSelectElement; scenarioOut: HTMLElement;
  journal: HTMLElement;
};

function group(title: string, ...children: Node[]): HTMLElement {
  const id = `control-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return h('section', { class: 'control-group', 'aria-labelledby': id }, h('h2', { id, text: title }), ...children);
}

function button(text: string, onClick: () => void, attributes: Record<string, string> = {}): HTMLButtonElement {
  const element = h('button', { type: 'button', ...attributes, text });
  element.addEventListener('click', onClick);
  return element;
}

function labelled(label: string, control: HTMLElement, id: string): HTMLElement {
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id, text: label }), control);
}

function buildControls(): void {
  const aside = document.getElementById('controls') as HTMLElement;
  ui.clockText = h('p', { class: 'clock-text', 'data-clock': '' });
  ui.clockOut = h('p', { class: 'out', role: 'status' });
  ui.slider = h('input', { type: 'range', min: 0, max: 1, step: HOUR, value: 0, 'aria-describedby': 'timeline-text' });
  ui.sliderText = h('output', { id: 'timeline-text', for: 'timeline' });
  let debounce: ReturnType<typeof setTimeout> | undefined;
  const setClockFromSlider = () => {
    clearTimeout(debounce);
    debounce = undefined;
    const at = Number(ui.slider.value);
    void change(ui.clockOut, () => admin('POST', '/clock', { now: new Date(at).toISOString() }), `Clock set to ${dateTime(at)}.`).finally(() => {
      state.dragging = false;
    });
  };
  ui.slider.addEventListener('input', () => {
    state.dragging = true;
    ui.sliderText.textContent = dateTime(Number(ui.slider.value));
    ui.slider.setAttribute('aria-valuetext', dateTime(Number(ui.slider.value)));
    clearTimeout(debounce);
    debounce = setTimeout(setClockFromSlider, 250);
  });
  ui.slider.addEventListener('change', () => {
    if (debounce !== undefined) setClockFromSlider();
  });
  const advance = (ms: number, text: string) => button(text, () => void change(ui.clockOut, () => admin('POST', '/clock', { advanceMs: ms })), { 'data-advance': String(ms) });

  ui.liveOn = h('input', { type: 'checkbox' });
  ui.liveRate = h('input', { type: 'number', min: 0.1, max: 6000, step: 'any', placeholder: 'default (6+)', inputmode: 'decimal' });
  ui.liveText = h('p', { class: 'muted' });
  ui.liveOut = h('p', { class: 'out', role: 'status' });

  ui.faultApi = h('select', {}, ...API_NAMES.map((api) => h('option', { value: api, text: api })));
  ui.faultStatus = h('select', {}, h('option', { value: '', text: 'none (latency only)' }), ...[500, 502, 503, 429, 401].map((s) => h('option', { value: s, text: String(s) })));
  ui.faultStatus.value = '503';
  ui.faultRate = h('input', { type: 'number', min: 0, max: 1, step: 0.05, value: 1, inputmode: 'decimal' });
  ui.faultLatency = h('input', { type: 'number', min: 0, max: 30000, step: 50, value: 0, inputmode: 'numeric' });
  ui.faultList = h('ul', { class: 'rules' });
  ui.faultOut = h('p', { class: 'out', role: 'status' });

  ui.runWorkspace = h('select');
  ui.runFlow = h('select');
  ui.runStatus = h('select', {}, ...(['queued', 'running', 'awaiting_payment'] as const).map((s) => h('option', { value: s, text: s })));
  ui.runCard = h('div', { class: 'run-card' });
  ui.runOut = h('p', { class: 'out', role: 'status' });
  ui.runWorkspace.addEventListener('change', () => fillFlows());

  ui.scenario = h('select', {}, ...Object.keys(SHIPPED_SCENARIO_DOCUMENTS).sort().map((name) => h('option', { value: name, text: name })));
  ui.scenarioOut = h('p', { class: 'out', role: 'status' });
  ui.journal = h('div', { class: 'journal' });

  aside.replaceChildren(
    group('Clock',
      ui.clockText,
      labelled('Timeline: drag to replay the scenario', ui.slider, 'timeline'),
      ui.sliderText,
      h('div', { class: 'buttons' }, advance(-DAY, '−1 day'), advance(-HOUR, '−1 h'), advance(HOUR, '+1 h'), advance(DAY, '+1 day')),
      h('div', { class: 'buttons' },
        button('Freeze', () => void change(ui.clockOut, () => admin('POST', '/clock', { now: state.health?.clock.now }))),
        button('Real time', () => void change(ui.clockOut, () => admin('POST', '/clock', { mode: 'real' })))),
      ui.clockOut),
    group('Live mode',
      h('div', { class: 'field inline' }, ui.liveOn, h('label', { for: 'live-on', text: 'New runs keep arriving (real clock)' })),
      labelled('Runs per minute per workspace', ui.liveRate, 'live-rate'),
      button('Apply', () => void change(ui.liveOut, () => admin('PUT', '/live', { enabled: ui.liveOn.checked, ratePerMinute: ui.liveRate.value === '' ? null : Number(ui.liveRate.value) }))),
      ui.liveText, ui.liveOut),
    group('Faults',
      labelled('API', ui.faultApi, 'fault-api'),
      labelled('Error status', ui.faultStatus, 'fault-status'),
      labelled('Share of requests (0–1)', ui.faultRate, 'fault-rate'),
      labelled('Added latency (ms)', ui.faultLatency, 'fault-latency'),
      h('div', { class: 'buttons' }, button('Add rule', addFaultRule), button('Remove all', () => void change(ui.faultOut, () => admin('DELETE', '/faults')))),
      ui.faultList, ui.faultOut),
    group('A run',
      labelled('Workspace', ui.runWorkspace, 'run-workspace'),
      labelled('Flow', ui.runFlow, 'run-flow'),
      labelled('Starts as', ui.runStatus, 'run-status'),
      button('Add run', addRun),
      ui.runCard, ui.runOut),
    group('Scenario',
      labelled('Shipped scenario', ui.scenario, 'scenario'),
      h('div', { class: 'buttons' },
        button('Load', () => void change(ui.scenarioOut, async () => admin('PUT', '/scenario', SHIPPED_SCENARIO_DOCUMENTS[ui.scenario.value]), `Scenario ${ui.scenario.value} loaded.`)),
        button('Reset', () => void change(ui.scenarioOut, () => admin('POST', '/reset'), 'Back to the scenario as loaded.'))),
      ui.scenarioOut),
    group('Request journal', ui.journal),
  );
  ui.liveOn.id = 'live-on';
}

function renderControls(): void {
  const health = state.health;
  if (health === undefined) return;
  const now = Date.parse(health.clock.now);
  const live = state.live;
  statusLine.textContent = `Scenario ${health.scenario.name} (seed ${health.scenario.seed}) · ${integer(health.counts.runs)} runs · clock ${health.clock.mode === 'frozen' ? 'frozen' : 'real'} at ${dateTime(now)}${live?.enabled === true ? ' · live' : ''}`;
  ui.clockText.textContent = `${health.clock.mode === 'frozen' ? 'Frozen' : 'Real time'}: ${dateTime(now)}`;
  ui.clockText.dataset.clock = health.clock.now;
  ui.slider.min = String(state.span.from);
  ui.slider.max = String(Math.max(state.span.to, now));
  if (!state.dragging) {
    ui.slider.value = String(now);
    ui.sliderText.textContent = `${dateTime(now)} (span ${dateTime(state.span.from)} to ${dateTime(Math.max(state.span.to, now))})`;
    ui.slider.setAttribute('aria-valuetext', dateTime(now));
  }
  if (live !== undefined) {
    ui.liveOn.checked = live.enabled;
    if (document.activeElement !== ui.liveRate) ui.liveRate.value = live.ratePerMinute === null ? '' : String(live.ratePerMinute);
    ui.liveText.textContent = live.enabled ? `On: ${live.ratePerMinute === null ? 'at least 6' : live.ratePerMinute} new runs a minute per workspace.` : 'Off.';
  }
  ui.faultList.replaceChildren(...state.rules.map((rule, i) => h('li', { 'data-rule': rule.id },
    h('span', { text: describeRule(rule) }),
    button('Remove', () => void change(ui.faultOut, () => admin('PUT', '/faults', { rules: state.rules.filter((_, j) => j !== i).map(ruleInput) })), { 'aria-label': `Remove rule ${describeRule(rule)}` }))));
  if (state.rules.length === 0) ui.faultList.append(h('li', { class: 'muted', text: 'No fault rule.' }));
  const fixtures = state.fixtures;
  if (fixtures !== undefined) {
    const selected = ui.runWorkspace.value;
    ui.runWorkspace.replaceChildren(...fixtures.workspaces.map((w) => h('option', { value: w.id, text: w.name })));
    if (fixtures.workspaces.some((w) => w.id === selected)) ui.runWorkspace.value = selected;
    fillFlows();
  }
  renderRun();
}

function describeRule(rule: FaultRule): string {
  const latency = rule.latencyMs === undefined ? '' : typeof rule.latencyMs === 'number' ? `+${rule.latencyMs} ms` : `+${rule.latencyMs.min}–${rule.latencyMs.max} ms`;
  const status = rule.status === undefined ? '' : `status ${rule.status}`;
  return `${rule.api ?? 'every API'}${rule.route === undefined ? '' : ` ${rule.route}`}: ${[status, latency].filter(Boolean).join(', ')} for ${Math.round(rule.rate * 100)}% (applied ${rule.applied})`;
}

function ruleInput(rule: FaultRule): FaultRuleInput {
  const { applied: _applied, ...input } = rule;
  return input as FaultRuleInput;
}

function addFaultRule(): void {
  const status = ui.faultStatus.value === '' ? undefined : Number(ui.faultStatus.value);
  const latency = Number(ui.faultLatency.value) > 0 ? Number(ui.faultLatency.value) : undefined;
  const rule = {
    api: ui.faultApi.value as ApiName,
    rate: Number(ui.faultRate.value === '' ? 1 : ui.faultRate.value),
    ...(status === undefined ? {} : { status }),
    ...(latency === undefined ? {} : { latencyMs: latency }),
  } as FaultRuleInput;
  void change(ui.faultOut, () => admin('PUT', '/faults', { rules: [...state.rules.map(ruleInput), rule] }), 'Rule added: its panel shows the effect.');
}

function fillFlows(): void {
  const workspace = state.fixtures?.workspaces.find((w) => w.id === ui.runWorkspace.value);
  const selected = ui.runFlow.value;
  const flows = [...(workspace?.flows ?? [])].sort((a, b) => b.runCount - a.runCount).slice(0, 50);
  ui.runFlow.replaceChildren(...flows.map((f) => h('option', { value: f.id, text: f.name })));
  if (flows.some((f) => f.id === selected)) ui.runFlow.value = selected;
}

function addRun(): void {
  void change(ui.runOut, async () => {
    state.run = await admin<Run>('POST', '/runs', { workspace: ui.runWorkspace.value, flow: ui.runFlow.value, status: ui.runStatus.value });
  }, 'Run added: it shows on every API.');
}

function renderRun(): void {
  const run = state.run;
  if (run === undefined) {
    ui.runCard.replaceChildren();
    return;
  }
  const moves = ALLOWED_MOVES[run.status as RunStatus] ?? [];
  ui.runCard.replaceChildren(
    h('p', {}, 'Run ', h('code', { text: run.id.slice(0, 8) }), ' is ', h('strong', { 'data-run-status': run.status, text: run.status }), run.observedStatus !== run.status ? ` (seen as ${run.observedStatus})` : ''),
    moves.length === 0
      ? h('p', { class: 'muted', text: 'Finished: add another run to go again.' })
      : h('div', { class: 'buttons' }, ...moves.map((to) => button(`→ ${to}`, () => void change(ui.runOut, async () => {
        state.run = await admin<Run>('PATCH', `/runs/${encodeURIComponent(run.id)}`, to === 'failed' ? { status: to, error: 'Failed from the flowmock dashboard' } : { status: to });
      }, `Run moved to ${to}.`), { 'data-move': to }))),
  );
}

function renderJournal(journal: Journal): void {
  // The dashboard's own reads of the admin API would fill it: only vendor requests and admin writes are shown.
  const entries = journal.entries.filter((e) => !(e.api === 'admin' && (e.method === 'GET' || e.method === 'HEAD'))).slice(0, 10);
  ui.journal.replaceChildren(entries.length === 0 ? h('p', { class: 'muted', text: 'No request yet.' }) : h('table', { class: 'numbers journal-table' },
    h('caption', { class: 'visually-hidden', text: 'The latest requests, newest first' }),
    h('thead', {}, h('tr', {}, ...['when', 'request', 'status', 'ms'].map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', {}, ...entries.map((e) => h('tr', { class: e.status >= 400 ? 'failed' : '' },
      h('td', { text: e.at.slice(11, 19) }),
      h('td', { class: 'path', title: e.path, text: `${e.method} ${e.path}` }),
      h('td', { text: `${e.status}${e.fault ? ' (fault)' : ''}` }),
      h('td', { text: String(Math.round(e.durationMs)) }))))));
}

void start().catch((error: unknown) => {
  statusLine.textContent = `The dashboard could not start: ${error instanceof Error ? error.message : String(error)}`;
  statusLine.classList.add('error');
});
