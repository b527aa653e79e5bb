/**
 * The dashboard and the API reference in Debian's Chromium (playwright-core, never a downloaded browser),
 * against a real server started by the CLI (`flowmock serve`, as a user would):
 * - on `default` with a frozen clock: no console error (CSP violations included); every data-metric equals
 *   its data-query asked again; dragging the timeline and advancing the clock redraw every panel with the
 *   APIs' new answers; a fault rule shows as errors in its panel; usable at 1280×800 and 390×844,
 *   controls reachable by keyboard, charts with text alternatives; the docs page renders with a token;
 * - with `--live --live-rate 60`: new runs show within 20 s.
 * Screenshots go to .tmp/screenshots/ (git-ignored).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../scripts/build-dashboard.ts';
import { parseJsonPointer } from '../../src/lib/json-pointer.ts';
import { start, waitForOutput, type Running } from '../helpers/child-process.ts';
import { CLI_ARGS, ROOT, runCli } from '../helpers/cli.ts';

/** The page's globals the callbacks below use: they run in Chromium, and this file is typed for Node. */
interface PageElement {
  readonly dataset: Record<string, string | undefined>;
  readonly labels?: { readonly length: number } | null;
  readonly outerHTML: string;
  readonly id: string;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): { querySelector(selector: string): unknown } | null;
}
declare const document: {
  readonly body: PageElement;
  readonly documentElement: { readonly scrollWidth: number };
  readonly activeElement: PageElement | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): { readonly length: number };
};

const NOW = '2026-11-20T12:00:00.000Z';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const SCREENSHOTS = join(ROOT, '.tmp/screenshots');
const APIS = ['alloy', 'stackai', 'onepin', 'b3os', 'multiplai'];

interface Fixtures {
  readonly workspaces: readonly { readonly id: string; readonly tokens: readonly string[] }[];
}

interface Shown {
  readonly metric: string;
  readonly query: string;
  readonly workspace: string;
  readonly value: string;
}

let browser: Browser | undefined;
const servers: Running[] = [];

async function serve(args: readonly string[]): Promise<string> {
  const running = start(process.execPath, [...CLI_ARGS, 'serve', '--port', '0', ...args]);
  servers.push(running);
  const [, base] = await waitForOutput(running, /admin\s+(http:\/\/127\.0\.0\.1:\d+)\/__mock/, 60_000);
  return base as string;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium), or set CHROMIUM_PATH. This test never downloads a browser.`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await buildDashboard({ log: () => undefined });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((running) => running.stop()));
});

/** A page that records console errors and uncaught exceptions (CSP violations are console errors). */
async function openPage(url: string, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; errors: string[]; headers: Record<string, string> }> {
  const page = await (browser as Browser).newPage({ viewport });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  const response = await page.goto(url);
  return { page, errors, headers: response?.headers() ?? {} };
}

async function settled(page: Page): Promise<void> {
  // Generous: CI shares two cores with everything else.
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, { timeout: 60_000 });
}

async function shownMetrics(page: Page): Promise<Shown[]> {
  return page.$$eval('[data-metric]', (elements) => elements.map((e) => {
    const d = (e as unknown as PageElement).dataset;
    return { metric: d.metric ?? '', query: d.query ?? '', workspace: d.workspace ?? '', value: d.value ?? '' };
  }));
}

function valueAt(body: unknown, pointer: string): unknown {
  return parseJsonPointer(pointer).reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], body);
}

/** Each shown number the API answers otherwise when asked data-query again with a token of the workspace. */
async function differences(base: string, shown: readonly Shown[]): Promise<string[]> {
  const fixtures = (await (await fetch(`${base}/__mock/fixtures`)).json()) as Fixtures;
  const found: string[] = [];
  const answers = new Map<string, Promise<unknown>>();
  for (const s of shown) {
    const api = s.metric.slice(0, s.metric.indexOf(':'));
    const pointer = s.metric.slice(api.length + 1);
    const token = fixtures.workspaces.find((w) => w.id === s.workspace)?.tokens[0];
    const key = `${api}${s.query}${s.workspace}`;
    if (!answers.has(key)) {
      answers.set(key, fetch(`${base}/${api}${s.query}`, { headers: { authorization: `Bearer ${token}`, 'x-api-version': '2025-09' } }).then((r) => r.json()));
    }
    const value = String(valueAt(await answers.get(key), pointer));
    if (value !== s.value) found.push(`${s.metric} ${s.query}: page ${s.value}, API ${value}`);
  }
  return found;
}

async function clockOf(base: string): Promise<string> {
  return ((await (await fetch(`${base}/__mock/clock`)).json()) as { now: string }).now;
}

/** Waits for the panels to be drawn at another clock than `before`, and to settle. */
async function redrawnAfter(page: Page, before: string): Promise<string> {
  await page.waitForFunction((old) => document.body.dataset.drawnAt !== old, before, { timeout: 60_000 });
  await settled(page);
  return (await page.getAttribute('body', 'data-drawn-at')) as string;
}

describe('the dashboard on default, clock frozen', () => {
  let base: string;
  let page: Page;
  let errors: string[];
  let headers: Record<string, string>;
  let first: Shown[];

  beforeAll(async () => {
    base = await serve(['--scenario', 'default', '--now', NOW]);
    ({ page, errors, headers } = await openPage(`${base}/`));
    await settled(page);
    first = await shownMetrics(page);
    // The viewport only (the whole page is captured on a page of its own, last).
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-1280x800.png') });
  }, 120_000);

  it('is sent with a CSP that forbids inline scripts and anything from elsewhere, and has no console error', () => {
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("default-src 'none'");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(errors).toEqual([]);
  });

  it('shows every headline number as its API answers data-query, at least one per API', async () => {
    expect(new Set(first.map((s) => s.metric.split(':')[0]))).toEqual(new Set(APIS));
    expect(first.every((s) => s.workspace !== '' && s.query.startsWith('/'))).toBe(true);
    expect(await differences(base, first)).toEqual([]);
  });

  it('asks Multiplai in its query-string form and shows its cached_at', async () => {
    expect(first.filter((s) => s.metric.startsWith('multiplai:')).every((s) => s.query.includes('filters%5Bperiod%5D=30d'))).toBe(true);
    expect(await page.getAttribute('[data-api="multiplai"] .cache-note', 'data-cached-at')).toMatch(/^\d{4}-/);
  });

  it('follows the timeline when dragged: every panel redraws with the APIs\' new answers', async () => {
    const before = (await page.getAttribute('body', 'data-drawn-at')) as string;
    const box = (await page.locator('#timeline').boundingBox())!;
    await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(box.x + box.width * (1 - step * 0.05), box.y + box.height / 2);
    await page.mouse.up();
    const after = await redrawnAfter(page, before);
    expect(Date.parse(after)).toBeLessThan(Date.parse(before));
    expect(await clockOf(base)).toBe(after);
    const shown = await shownMetrics(page);
    expect(await differences(base, shown)).toEqual([]);
    const changed = shown.filter((s) => first.some((f) => f.metric === s.metric && f.workspace === s.workspace && f.query !== s.query));
    expect(changed.length).toBeGreaterThan(0);
  });

  it('advances the clock by a day with a button, and the panels follow', async () => {
    const before = (await page.getAttribute('body', 'data-drawn-at')) as string;
    await page.click('button[data-advance="86400000"]');
    const after = await redrawnAfter(page, before);
    expect(Date.parse(after) - Date.parse(before)).toBe(86_400_000);
    expect(await differences(base, await shownMetrics(page))).toEqual([]);
  });

  it('shows a fault rule as errors in its panel, and drops them once removed', async () => {
    await page.selectOption('#fault-api', 'b3os');
    await page.selectOption('#fault-status', '503');
    await page.fill('#fault-rate', '1');
    await page.click('button:has-text("Add rule")');
    await page.waitForSelector('[data-api="b3os"][data-error]', { timeout: 20_000 });
    const text = await page.textContent('[data-api="b3os"] .panel-errors');
    expect(text).toContain('503');
    expect(await page.$$('[data-api="onepin"][data-error]')).toHaveLength(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-fault.png'), fullPage: false });
    await page.click('button:has-text("Remove all")');
    await page.waitForFunction(() => document.querySelectorAll('[data-api="b3os"][data-error]').length === 0, undefined, { timeout: 20_000 });
  });

  it('shows a change made elsewhere (the admin API over HTTP) without a reload', async () => {
    const before = (await page.getAttribute('body', 'data-drawn-at')) as string;
    await fetch(`${base}/__mock/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: NOW }) });
    expect(await redrawnAfter(page, before)).toBe(NOW);
  });

  it('adds a run and moves it through its lifecycle', async () => {
    await page.selectOption('#run-status', 'queued');
    await page.click('button:has-text("Add run")');
    await page.waitForSelector('[data-run-status="queued"]');
    await page.click('button[data-move="running"]');
    await page.waitForSelector('[data-run-status="running"]');
    await page.click('button[data-move="succeeded"]');
    await page.waitForSelector('[data-run-status="succeeded"]');
    await settled(page);
    expect(await differences(base, await shownMetrics(page))).toEqual([]);
  });

  it('has charts with text alternatives and controls that are labelled and reachable by keyboard', async () => {
    const canvases = await page.$$eval('canvas', (list) => list.map((c) => ({ role: c.getAttribute('role'), label: c.getAttribute('aria-label') ?? '', table: c.closest('figure')?.querySelector('table') !== null })));
    expect(canvases.length).toBeGreaterThanOrEqual(10);
    for (const c of canvases) expect(c.role === 'img' && c.label.length > 20 && c.table).toBe(true);
    const unlabelled = await page.$$eval('#controls input, #controls select', (list) => list.filter((e) => (e as unknown as PageElement).labels?.length === 0).map((e) => e.outerHTML));
    expect(unlabelled).toEqual([]);
    // Tab from the top reaches the timeline and the buttons.
    await page.focus('body');
    const reached = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || ''));
    }
    expect(reached).toContain('timeline');
    expect(reached).toContain('+1 day');
    expect(reached).toContain('Add rule');
  });

  it('fits a phone (390×844): no horizontal scrolling, the panels one under another', async () => {
    const phone = await openPage(`${base}/`, { width: 390, height: 844 });
    await settled(phone.page);
    const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await phone.page.screenshot({ path: join(SCREENSHOTS, 'dashboard-390x844.png'), fullPage: false });
    await phone.page.locator('#workspaces').scrollIntoViewIfNeeded();
    await phone.page.screenshot({ path: join(SCREENSHOTS, 'dashboard-390x844-panels.png'), fullPage: false });
    expect(phone.errors).toEqual([]);
    await phone.page.close();
  });

  it('draws the whole page (screenshot)', async () => {
    const whole = await openPage(`${base}/`);
    await settled(whole.page);
    await whole.page.screenshot({ path: join(SCREENSHOTS, 'dashboard-full.png'), fullPage: true });
    expect(whole.errors).toEqual([]);
    await whole.page.close();
  });

  it('serves the API reference at /__mock/docs with a working token pre-filled', async () => {
    const docs = await openPage(`${base}/__mock/docs?spec=onepin`);
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    await docs.page.waitForSelector('.opblock', { timeout: 90_000 });
    await docs.page.waitForSelector('#token-note[data-prefilled="token"]', { timeout: 90_000 });
    await docs.page.screenshot({ path: join(SCREENSHOTS, 'docs-onepin.png'), fullPage: false });
    // The spec's server is its mount here.
    const spec = (await (await fetch(`${base}/__mock/docs/specs/onepin.json`)).json()) as { servers: { url: string }[] };
    expect(spec.servers).toEqual([{ url: '/onepin', description: 'this flowmock server' }]);
    // "Try it out" (on from the start) calls this server with the pre-filled token.
    await docs.page.click('.opblock-summary');
    const fixtures = (await (await fetch(`${base}/__mock/fixtures`)).json()) as { workspaces: { flows: { id: string }[] }[] };
    await docs.page.fill('tr[data-param-name="workflow_id"] input', fixtures.workspaces[0]!.flows[0]!.id);
    const answer = docs.page.waitForResponse((r) => r.url().includes('/onepin/api/v1/workflows/'));
    await docs.page.click('button.execute');
    expect((await answer).status()).toBe(200);
    await docs.page.screenshot({ path: join(SCREENSHOTS, 'docs-onepin-try-it.png'), fullPage: false });
    expect(docs.errors).toEqual([]);
    await docs.page.close();
  }, 180_000);
});

describe('--live --live-rate 60', () => {
  it('shows new runs on the dashboard within 20 s, at 60 a minute per workspace', async () => {
    const base = await serve(['--scenario', 'default', '--live', '--live-rate', '60']);
    expect(await (await fetch(`${base}/__mock/live`)).json()).toEqual({ enabled: true, ratePerMinute: 60 });
    const { page, errors } = await openPage(`${base}/`);
    await settled(page);
    const metric = '[data-api="b3os"] [data-metric="b3os:/data/summary/total"]';
    const before = Number(await page.getAttribute(metric, 'data-value'));
    const started = Date.now();
    await page.waitForFunction(([selector, old]) => Number(document.querySelector(selector as string)?.getAttribute('data-value')) > (old as number), [metric, before] as const, { timeout: 20_000 });
    const seconds = (Date.now() - started) / 1000;
    const after = Number(await page.getAttribute(metric, 'data-value'));
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-live.png'), fullPage: false });
    expect(after).toBeGreaterThan(before);
    expect(seconds).toBeLessThan(20);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('refuses a rate that is not a positive number (exit 2)', async () => {
    const { code, stderr } = await runCli(['serve', '--live-rate', '0']);
    expect(code).toBe(2);
    expect(stderr).toContain('--live-rate');
  });
});
