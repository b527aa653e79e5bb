/**
 * The browser example (examples/browser) in a real Chromium: flowmock's MSW handlers run in the page behind
 * MSW's service worker, and every number the page shows is the one flowmock's HTTP server answers to the same
 * request over the same scenario and clock, before and after the same admin control.
 *
 * Needs Debian's Chromium (`apt-get install chromium`; another binary with CHROMIUM_PATH). Playwright never
 * downloads a browser here. The page is built into examples/browser/dist/ (git-ignored), where the test also
 * leaves screenshot.png.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrowserExample, BUDGET_MIN_GZIP_BYTES, OUT_DIR, type BuildResult } from '../../scripts/build-browser-example.ts';
import { appOf, stateFor } from '../helpers/app.ts';

const NOW = '2026-11-20T12:00:00Z';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const MOUNTS = ['/alloy', '/stackai', '/onepin', '/b3os', '/multiplai', '/__mock'];

/** What the page shows of one answer: the data-* attributes of an element with data-query. */
interface Shown {
  readonly api: string;
  readonly query: string;
  readonly headers: string;
  readonly field: string;
  readonly phase: 'before' | 'after';
  readonly value: string;
  readonly before?: string;
}

interface Fixtures {
  readonly apis: Record<string, string>;
  readonly workspaces: readonly { readonly id: string; readonly tokens: readonly string[] }[];
}

let built: BuildResult;
let pageServer: Server | undefined;
let apiServer: Server | undefined;
let browser: Browser | undefined;
let apiOrigin: string;
/** Paths the static server was asked for: the page's files, never an API's. */
const staticRequests: string[] = [];
const consoleErrors: string[] = [];
let pageError: string | undefined;
let shown: Shown[] = [];
let control: { method: string; path: string; body: unknown };
let pageRunId: string | undefined;
let pageToken: string | undefined;

beforeAll(async () => {
  built = await buildBrowserExample({ log: () => undefined });
}, 120_000);

describe('the browser example bundle', () => {
  it(`stays under ${BUDGET_MIN_GZIP_BYTES / 1000} kB min+gzip`, () => {
    const { raw, minified, minGzip } = built.sizes;
    const top = built.contributors.slice(0, 6).map((c) => `${c.name} ${(c.minified / 1000).toFixed(1)} kB`).join(', ');
    expect(minGzip, `raw ${raw} B, minified ${minified} B, min+gzip ${minGzip} B; biggest (minified): ${top}`).toBeLessThan(BUDGET_MIN_GZIP_BYTES);
  });
});

describe('the browser example in Chromium (MSW in the page)', () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`no Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium), or set CHROMIUM_PATH to a Chromium binary. This test never downloads a browser.`);
    }
    pageServer = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      staticRequests.push(path);
      const file = resolve(OUT_DIR, `.${path === '/' ? '/index.html' : path}`);
      if (!file.startsWith(OUT_DIR + sep) || !existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(readFileSync(file));
    });
    await listening(pageServer.listen(0, '127.0.0.1'));
    apiServer = await listening(appOf(stateFor('default', NOW)).listen(0, '127.0.0.1'));
    apiOrigin = originOf(apiServer);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
    await page.goto(`${originOf(pageServer)}/index.html`);
    await page.waitForSelector('body[data-ready="true"], body[data-error]', { timeout: 120_000 });
    pageError = (await page.getAttribute('body', 'data-error')) ?? undefined;
    await page.screenshot({ path: join(OUT_DIR, 'screenshot.png'), fullPage: true });
    if (pageError !== undefined) return;
    // (The callback runs in the page: `dataset` is each element's data-* attributes.)
    shown = (await page.$$eval('[data-query]', (elements) => elements.map((e) => ({ ...(e as unknown as { dataset: Record<string, string> }).dataset })))) as unknown as Shown[];
    control = JSON.parse((await page.getAttribute('#control', 'data-control')) ?? 'null') as typeof control;
    pageRunId = (await page.getAttribute('#control', 'data-run-id')) ?? undefined;
    pageToken = (await page.textContent('#token')) ?? undefined;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    for (const server of [pageServer, apiServer]) {
      server?.closeAllConnections();
      await new Promise((done) => (server === undefined ? done(undefined) : server.close(done)));
    }
  });

  it('gets ready with no error in the page or its console', () => {
    expect(pageError, 'body[data-error]').toBeUndefined();
    expect(consoleErrors).toEqual([]);
    expect(shown.filter((s) => s.phase === 'before').map((s) => s.api)).toEqual(expect.arrayContaining(['alloy', 'stackai', 'onepin', 'b3os', 'multiplai']));
    expect(shown.some((s) => s.phase === 'after')).toBe(true);
    // Every answer came from the worker in the page: the static server saw the page's own files only.
    expect(staticRequests.filter((path) => MOUNTS.some((mount) => path.toLowerCase().startsWith(mount)))).toEqual([]);
  });

  // The two tests below run in this order on one server: the second applies the admin control.
  it('shows, for every question, the value the HTTP server answers', async () => {
    expect(pageError, 'body[data-error]').toBeUndefined();
    const fixtures = await serverJson<Fixtures>('/__mock/fixtures');
    expect(pageToken).toBe(fixtures.workspaces[0]?.tokens[0]);
    const before = shown.filter((s) => s.phase === 'before');
    expect(before.length).toBeGreaterThanOrEqual(5);
    expect(await differences(before, fixtures)).toEqual([]);
  });

  it('after the same admin control through the server, shows the changed values the server answers', async () => {
    expect(pageError, 'body[data-error]').toBeUndefined();
    const fixtures = await serverJson<Fixtures>('/__mock/fixtures');
    expect(control).toMatchObject({ method: 'POST', path: '/runs' });
    const response = await fetch(`${apiOrigin}/__mock${control.path}`, { method: control.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(control.body) });
    expect(response.status).toBe(201);
    // Run ids come from the scenario's seeded generator: the page and the server made the same one.
    expect(((await response.json()) as { id: string }).id).toBe(pageRunId);
    const after = shown.filter((s) => s.phase === 'after');
    expect(after.length).toBeGreaterThanOrEqual(5);
    expect(await differences(after, fixtures)).toEqual([]);
    // And the control shows: each number the page lists after it moved.
    expect(after.filter((s) => s.value === s.before).map((s) => `${s.api} ${s.field} stayed ${s.value}`)).toEqual([]);
  });
});

/** Each shown value the server answers otherwise, as `api query field: page … server …`. */
async function differences(shownValues: readonly Shown[], fixtures: Fixtures): Promise<string[]> {
  const token = fixtures.workspaces[0]?.tokens[0] as string;
  const found: string[] = [];
  for (const s of shownValues) {
    const mount = fixtures.apis[s.api];
    const response = await fetch(`${apiOrigin}${mount}${s.query}`, { headers: { authorization: `Bearer ${token}`, ...(JSON.parse(s.headers) as Record<string, string>) } });
    const text = await response.text();
    const server = response.status === 200 ? String(valueAt(JSON.parse(text), s.field)) : `status ${response.status}: ${text.slice(0, 200)}`;
    if (server !== s.value) found.push(`${s.api} ${s.query} ${s.field}: page ${s.value}, server ${server}`);
  }
  return found;
}

/** The value at a dot-separated path of a JSON value (`length` of an array too), as the page reads it. */
function valueAt(json: unknown, field: string): unknown {
  return field.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], json);
}

async function serverJson<T>(path: string): Promise<T> {
  const response = await fetch(`${apiOrigin}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  // A service worker script must be served as JavaScript, or the browser refuses to register it.
  '.js': 'application/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
};

function listening(server: Server): Promise<Server> {
  return new Promise((done, fail) => {
    if (server.listening) done(server);
    server.once('listening', () => done(server));
    server.once('error', fail);
  });
}

function originOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
