/**
 * SIGTERM and SIGINT stop `flowmock serve`: requests in flight finish, the port is freed, exit 0, however it
 * was started. Here node runs the CLI directly (from its source); test/cli/signals-npm.test.ts starts it
 * through `npm start` and `npx flowmock`.
 */
import { Agent, request as httpGet } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { start, waitForOutput, type Running } from '../helpers/child-process.ts';
import { CLI_ARGS } from '../helpers/cli.ts';
import { portFree } from '../helpers/ports.ts';

const READY = /^flowmock listening (\{.*\})$/m;
const scratch = mkdtempSync(join(tmpdir(), 'flowmock-signals-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function serve(args: readonly string[] = []): Promise<{ server: Running; url: string; port: number }> {
  const server = start(process.execPath, [...CLI_ARGS, 'serve', '--scenario', 'empty', '--port', '0', '--log-format', 'json', ...args]);
  const [, ready] = await waitForOutput(server, READY);
  const { url, port } = JSON.parse(ready!) as { url: string; port: number };
  return { server, url, port };
}

function exited(server: Running): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const started = performance.now();
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode, ms: 0 });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, ms: performance.now() - started })));
}

function get(url: string, agent?: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpGet(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('flowmock serve stops on a signal', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s: drain, exit 0, the port freed', async (signal) => {
    const { server, port } = await serve();
    const done = exited(server);
    server.child.kill(signal);
    expect(await done).toMatchObject({ code: 0, signal: null });
    expect(await portFree(port)).toBe(true);
    expect(server.output()).toMatch(new RegExp(`"msg":"${signal}: stopping[^"]*"[\\s\\S]*"msg":"stopped"`));
  });

  it('is held neither by an idle keep-alive connection, nor live mode, nor an open state log', async () => {
    const stateFile = join(scratch, 'state.json');
    const { server, url, port } = await serve(['--live', '--live-rate', '600', '--state-file', stateFile, '--keep-alive-timeout', '60000']);
    const agent = new Agent({ keepAlive: true });
    expect(await get(`${url}/__mock/health`, agent)).toBe(200);
    const done = exited(server);
    server.child.kill('SIGTERM');
    const { code, ms } = await done;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(3000);
    expect(await portFree(port)).toBe(true);
    agent.destroy();
  });

  it('drains: a request in flight is answered before it exits', async () => {
    const { server, url } = await serve();
    await fetch(`${url}/__mock/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules: [{ api: 'onepin', latencyMs: 1500 }] }) });
    const inFlight = get(`${url}/onepin/api/v1/workflows/x/runs/summary`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const done = exited(server);
    server.child.kill('SIGTERM');
    expect(await inFlight).toBe(401);
    expect((await done).code).toBe(0);
  });

  it('a drain is bounded (--drain-timeout): it exits anyway, and says so', async () => {
    const { server, url, port } = await serve(['--drain-timeout', '500']);
    await fetch(`${url}/__mock/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules: [{ api: 'b3os', latencyMs: 30_000 }] }) });
    const inFlight = get(`${url}/b3os/v1/executions/stats`).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const done = exited(server);
    server.child.kill('SIGTERM');
    const { code, ms } = await done;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(5000);
    expect(await inFlight).toBeInstanceOf(Error);
    expect(server.output()).toMatch(/"level":40,.*"msg":"drain: requests still in flight after 500 ms; cutting 1 connection\(s\)"/);
    expect(await portFree(port)).toBe(true);
  });

  it('a second signal during the drain exits at once', async () => {
    const { server, url } = await serve();
    await fetch(`${url}/__mock/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules: [{ api: 'b3os', latencyMs: 30_000 }] }) });
    void get(`${url}/b3os/v1/executions/stats`).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const done = exited(server);
    server.child.kill('SIGINT');
    await waitForOutput(server, /SIGINT: stopping/);
    // Within half a second it would be the same Ctrl-C delivered twice (terminal and npm): ignored.
    server.child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(server.child.exitCode).toBe(null);
    server.child.kill('SIGINT');
    const { code, ms } = await done;
    expect(code).toBe(130);
    expect(ms).toBeLessThan(3000);
    expect(server.output()).toMatch(/SIGINT again while draining: exiting now/);
  });
});
