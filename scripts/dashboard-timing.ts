/**
 * How fast the dashboard loads and redraws, in Debian's Chromium against `flowmock serve` (the CLI), on
 * `default` and on `large` (1,000,000 runs), clock frozen. Prints, per scenario:
 * - load: from navigation to every panel drawn (body[data-ready], no panel busy), and the requests it took;
 * - redraw: from a click on "+1 h" (the clock moved through the admin API) to every panel drawn again,
 *   median and worst of a few;
 * - the longest main-thread task seen (Long Tasks API): what a person would feel as a stall.
 * A measurement, not a test (figures depend on the machine): the budget is load under 1 s on `default` and
 * no stall on `large` (the page never asks for more than one page of runs or one window of buckets).
 *
 *   npx tsx scripts/dashboard-timing.ts                 # both scenarios
 *   npx tsx scripts/dashboard-timing.ts large           # one
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { build } from './build.ts';

/** The page's globals the callbacks below use: they run in Chromium, and this file is typed for Node. */
declare const document: { readonly body: { readonly dataset: Record<string, string | undefined> }; querySelectorAll(selector: string): { readonly length: number } };
declare const window: { longestTask: number };
declare const PerformanceObserver: new (callback: (list: { getEntries(): { duration: number }[] }) => void) => { observe(options: { type: string; buffered: boolean }): void };

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const REDRAWS = 5;
const RELOADS = 5;

async function serve(scenario: string): Promise<{ base: string; stop: () => void }> {
  // The compiled package, as users run it (built below).
  const child = spawn(process.execPath, ['bin/flowmock.js', 'serve', '--scenario', scenario, '--port', '0', '--now', '2026-11-20T12:00:00Z', '--log-level', 'error'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /admin\s+(http:\/\/127\.0\.0\.1:\d+)\/__mock/.exec(output);
      if (found !== null) resolve(found[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`flowmock serve exited with ${code}: ${output}`)));
  });
  return { base, stop: () => child.kill('SIGTERM') };
}

async function settled(page: Page): Promise<void> {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, { timeout: 120_000 });
}

interface Figures {
  readonly scenario: string;
  readonly coldMs: number;
  readonly loadMs: number;
  readonly loadRequests: number;
  readonly redrawMedianMs: number;
  readonly redrawWorstMs: number;
  readonly redrawRequests: number;
  readonly longestTaskMs: number;
  readonly bytes: number;
}

async function measure(scenario: string): Promise<Figures> {
  const server = await serve(scenario);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Injected by the DevTools protocol (not an inline script: the page's CSP is untouched).
    await page.addInitScript(() => {
      const w = window;
      w.longestTask = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longestTask = Math.max(w.longestTask, entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    let requests = 0;
    let bytes = 0;
    page.on('response', (response) => {
      requests++;
      void response.body().then((b) => { bytes += b.byteLength; }, () => undefined);
    });
    const started = performance.now();
    await page.goto(`${server.base}/`);
    await settled(page);
    const coldMs = performance.now() - started;
    const loadRequests = requests;
    // Again on a warm server (its first answers compile validators and fill caches): the steady state,
    // the median of a few reloads.
    const loads: number[] = [];
    for (let i = 0; i < RELOADS; i++) {
      const again = performance.now();
      await page.reload();
      await settled(page);
      loads.push(performance.now() - again);
    }
    loads.sort((a, b) => a - b);
    const loadMs = loads[Math.floor(loads.length / 2)] as number;
    const redraws: number[] = [];
    requests = 0;
    for (let i = 0; i < REDRAWS; i++) {
      const before = await page.getAttribute('body', 'data-drawn-at');
      const t = performance.now();
      await page.click('button[data-advance="3600000"]');
      await page.waitForFunction((old) => document.body.dataset.drawnAt !== old, before, { timeout: 120_000 });
      await settled(page);
      redraws.push(performance.now() - t);
    }
    redraws.sort((a, b) => a - b);
    const longestTaskMs = await page.evaluate(() => window.longestTask);
    return {
      scenario,
      coldMs: Math.round(coldMs),
      loadMs: Math.round(loadMs),
      loadRequests,
      redrawMedianMs: Math.round(redraws[Math.floor(redraws.length / 2)] as number),
      redrawWorstMs: Math.round(redraws[redraws.length - 1] as number),
      redrawRequests: Math.round(requests / REDRAWS),
      longestTaskMs: Math.round(longestTaskMs),
      bytes,
    };
  } finally {
    await browser.close();
    server.stop();
  }
}

const scenarios = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['default', 'large'];
await build();
const results: Figures[] = [];
for (const scenario of scenarios) results.push(await measure(scenario));
console.log('| scenario | first load (server cold) | load, all panels drawn (median of 5 reloads) | requests | redraw after +1 h (median / worst) | requests per redraw | longest main-thread task |');
console.log('|---|---|---|---|---|---|---|');
for (const r of results) console.log(`| ${r.scenario} | ${r.coldMs} ms | ${r.loadMs} ms | ${r.loadRequests} (${(r.bytes / 1000).toFixed(0)} kB in all) | ${r.redrawMedianMs} / ${r.redrawWorstMs} ms | ${r.redrawRequests} | ${r.longestTaskMs} ms |`);
