/**
 * Stopping a server (what SIGTERM does in `flowmock serve`, and `close()` in the library): requests in
 * flight finish, idle keep-alive connections do not hold it open, and a drain is bounded: past
 * `drainTimeout` what is left is cut, and the log says so.
 */
import { Agent, request as httpGet } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/core/logger.ts';
import { startServer } from '../../src/server/start-server.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const scratch = mkdtempSync(join(tmpdir(), 'flowmock-drain-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function get(url: string, agent?: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpGet(url, { agent }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function put(url: string, body: unknown): Promise<number> {
  return (await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;
}

function warnings() {
  const lines: string[] = [];
  const ignore = () => {};
  const logger: Logger = { error: ignore, info: ignore, debug: ignore, warn: (_details, message) => void lines.push(message) };
  return { logger, lines };
}

describe('closing a server', () => {
  it('is not held open by an idle keep-alive connection', async () => {
    const running = await startServer({ scenario: 'empty', now: NOW, keepAliveTimeout: 60_000 });
    const agent = new Agent({ keepAlive: true });
    expect((await get(`${running.url}/__mock/health`, agent)).status).toBe(200);
    const started = performance.now();
    await running.close();
    expect(performance.now() - started).toBeLessThan(1000);
    agent.destroy();
  });

  it('lets a request in flight finish, then closes its keep-alive connection', async () => {
    const running = await startServer({ scenario: 'empty', now: NOW, keepAliveTimeout: 60_000 });
    expect(await put(`${running.url}/__mock/faults`, { rules: [{ api: 'onepin', latencyMs: 1200 }] })).toBe(200);
    const agent = new Agent({ keepAlive: true });
    const inFlight = get(`${running.url}/onepin/api/v1/workflows/x/runs/summary`, agent);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = performance.now();
    await running.close();
    const waited = performance.now() - started;
    expect((await inFlight).status).toBe(401); // answered (no token), after the injected latency
    expect(waited).toBeGreaterThan(700);
    expect(waited).toBeLessThan(3000);
    agent.destroy();
  });

  it('is bounded: past drainTimeout the connections still answering are cut, and the log says so', async () => {
    const { logger, lines } = warnings();
    const running = await startServer({ scenario: 'empty', now: NOW, drainTimeout: 300, logger });
    expect(await put(`${running.url}/__mock/faults`, { rules: [{ api: 'b3os', latencyMs: 20_000 }] })).toBe(200);
    const inFlight = get(`${running.url}/b3os/v1/executions/stats`).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = performance.now();
    await running.close();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await inFlight).toBeInstanceOf(Error);
    expect(lines).toEqual([expect.stringMatching(/^drain: requests still in flight after 300 ms; cutting 1 connection\(s\)$/)]);
  });

  it('stops live mode and closes the state log', async () => {
    const stateFile = join(scratch, 'live.json');
    const running = await startServer({ scenario: 'empty', live: true, liveRate: 600, stateFile });
    const started = performance.now();
    await running.close();
    expect(performance.now() - started).toBeLessThan(1000);
    // Closed: the same file opens again in another server.
    const again = await startServer({ scenario: 'empty', stateFile });
    await again.close();
  });
});
