/**
 * A page on another origin can neither change nor read the admin API of a default `flowmock serve`, while
 * the vendor APIs keep working from it; and a DNS-rebinding page (another host name resolving to this
 * machine: Chromium's --host-resolver-rules stands in for the attacker's DNS) cannot reach it either.
 * Real Chromium against the real CLI, as an attack would go.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ARGS, ROOT } from '../helpers/cli.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  // The attacker's DNS: rebind.test resolves to this machine (the rebinding has happened).
  '--host-resolver-rules=MAP rebind.test 127.0.0.1'];

let flowmock: ChildProcess;
let port: number;
let attacker: Server;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium). This test never downloads a browser.`);
  flowmock = spawn(process.execPath, [...CLI_ARGS, 'serve', '--port', '0', '--now', '2026-11-20T12:00:00Z'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  port = await new Promise<number>((resolve, reject) => {
    let out = '';
    flowmock.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /admin\s+http:\/\/127\.0\.0\.1:(\d+)\/__mock/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    flowmock.once('exit', (code) => reject(new Error(`flowmock exited ${code}: ${out}`)));
  });
  attacker = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>another site</title><p>hello'));
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  page = await browser.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  attacker?.close();
  flowmock?.kill('SIGKILL');
});

/** Runs fetch in the page; what the page's script could learn of the answer. */
async function fetchFromPage(url: string, init: { method?: string; headers?: Record<string, string>; body?: string; mode?: 'cors' | 'no-cors' } = {}) {
  return page.evaluate(async ({ url, init }) => {
    try {
      const response = await fetch(url, init);
      return { ok: true, status: response.status, type: response.type, text: await response.text() };
    } catch (error) {
      return { ok: false, status: 0, type: 'error', text: String(error) };
    }
  }, { url, init });
}

async function health() {
  return (await (await fetch(`http://127.0.0.1:${port}/__mock/health`)).json()) as { counts: { runs: number }; clock: { now: string } };
}

describe('a page of another origin', () => {
  it('cannot change the admin API (reset, add a run, move the clock): refused, nothing changed', async () => {
    await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
    const before = await health();
    const base = `http://127.0.0.1:${port}/__mock`;
    const json = { 'content-type': 'application/json' };
    const attempts = [
      await fetchFromPage(`${base}/reset`, { method: 'POST' }),
      await fetchFromPage(`${base}/clock`, { method: 'POST', headers: json, body: JSON.stringify({ advanceMs: 86_400_000 }) }),
      // A "simple" request (no preflight), as a form would send it.
      await fetchFromPage(`${base}/clock`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"advanceMs":86400000}', mode: 'no-cors' }),
      await fetchFromPage(`${base}/faults`, { method: 'DELETE' }),
    ];
    for (const attempt of attempts) expect(attempt.ok && attempt.type !== 'opaque' && attempt.status < 400, JSON.stringify(attempt)).toBe(false);
    expect(await health()).toMatchObject({ counts: before.counts, clock: before.clock });
  });

  it('cannot read fixtures (every token) nor any other admin answer', async () => {
    const read = await fetchFromPage(`http://127.0.0.1:${port}/__mock/fixtures`);
    expect(read.ok).toBe(false);
    expect(read.text).not.toContain('fm_acme');
    const opaque = await fetchFromPage(`http://127.0.0.1:${port}/__mock/fixtures`, { mode: 'no-cors' });
    expect(opaque.text).toBe('');
  });

  it('can still call the vendor APIs with a token, as a front-end does', async () => {
    const fixtures = (await (await fetch(`http://127.0.0.1:${port}/__mock/fixtures`)).json()) as { workspaces: { tokens: string[]; flows: { id: string }[] }[] };
    const ws = fixtures.workspaces[0]!;
    const answer = await fetchFromPage(`http://127.0.0.1:${port}/alloy/workflows/${ws.flows[0]!.id}/analytics`, { headers: { authorization: `Bearer ${ws.tokens[0]}`, 'x-api-version': '2025-09' } });
    expect(answer).toMatchObject({ ok: true, status: 200 });
    expect(JSON.parse(answer.text)).toHaveProperty('totalWorkflowRuns');
  });
});

describe('a DNS-rebinding page (another host name, this machine)', () => {
  it('reaches no admin answer, although the browser thinks it is same-origin', async () => {
    await page.goto(`http://rebind.test:${port}/alloy`);
    const fixtures = await fetchFromPage('/__mock/fixtures');
    expect(fixtures.status).toBe(403);
    expect(fixtures.text).toContain('host-not-allowed');
    expect(fixtures.text).not.toContain('fm_acme');
    const reset = await fetchFromPage('/__mock/reset', { method: 'POST' });
    expect(reset.status).toBe(403);
  });
});
