/**
 * `--state-file`: every change the admin API acknowledged survives `kill -9` and a restart, and the
 * file is never left torn.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Running } from '../helpers/child-process.ts';
import { serveWithStateFile } from '../helpers/cli.ts';
import { EDGE_CASES } from '../helpers/fixtures.ts';
import { httpRequest } from '../helpers/http.ts';

const WS = EDGE_CASES.edge.workspaceId;
const FLOW = EDGE_CASES.edge.flows.oneRunAgent;
const ALLOY = { authorization: `Bearer ${EDGE_CASES.edge.token}`, 'x-api-version': '2025-09' };
const JSON_HEADERS = { 'content-type': 'application/json' };

let running: Running | undefined;
afterEach(() => running?.stop());

async function serve(stateFile: string): Promise<string> {
  const served = await serveWithStateFile(stateFile);
  running = served.running;
  return served.base;
}

describe('--state-file', () => {
  it('keeps every acknowledged change after kill -9', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'flowmock-state-')), 'state.json');
    let base = await serve(file);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await httpRequest(`${base}/__mock/runs`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ workspace: WS, flow: FLOW, status: 'running', appActions: i }) });
      expect(res.status).toBe(201);
      ids.push((res.json as { id: string }).id);
    }
    const failed = await httpRequest(`${base}/__mock/runs/${ids[0]}`, { method: 'PATCH', headers: JSON_HEADERS, body: JSON.stringify({ status: 'failed', error: 'boom' }) });
    expect(failed.status).toBe(200);
    const clock = await httpRequest(`${base}/__mock/clock`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ advanceMs: 60_000 }) });
    expect(clock.status).toBe(200);
    const faults = await httpRequest(`${base}/__mock/faults`, { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify({ rules: [{ id: 'slow', api: 'b3os', latencyMs: 5 }] }) });
    expect(faults.status).toBe(200);
    const before = (await httpRequest(`${base}/alloy/workflows/${FLOW}/analytics`, { headers: ALLOY })).json;

    running!.child.kill('SIGKILL');
    await new Promise((resolve) => running!.child.once('exit', resolve));
    expect(() => JSON.parse(readFileSync(file, 'utf8'))).not.toThrow();

    base = await serve(file);
    expect(running!.output()).toMatch(/restored scenario "edge-cases" and 13 change\(s\)/);
    // 1 run before + 10 added; app actions 4 + (0 + 1 + … + 9); one failed.
    expect(before).toEqual({ totalWorkflowRuns: 11, totalErrors: 1, totalAppActions: 4 + 45 });
    expect((await httpRequest(`${base}/alloy/workflows/${FLOW}/analytics`, { headers: ALLOY })).json).toEqual(before);
    expect((await httpRequest(`${base}/__mock/clock`)).json).toEqual({ now: '2027-01-05T12:01:00.000Z', mode: 'frozen' });
    expect((await httpRequest(`${base}/__mock/faults`)).json).toMatchObject({ rules: [{ id: 'slow', api: 'b3os', latencyMs: 5 }] });
    // The id generator continues where it was: the next generated id is new.
    const next = await httpRequest(`${base}/__mock/runs`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ workspace: WS, flow: FLOW, status: 'queued' }) });
    expect(next.status).toBe(201);
    expect(ids).not.toContain((next.json as { id: string }).id);
  });

  it('starts afresh after a reset, and keeps a replaced scenario', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'flowmock-state-')), 'state.json');
    let base = await serve(file);
    await httpRequest(`${base}/__mock/runs`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ workspace: WS, flow: FLOW, status: 'queued' }) });
    expect((await httpRequest(`${base}/__mock/reset`, { method: 'POST' })).status).toBe(200);
    const scenario = { version: 1, name: 'replaced', seed: 9, now: '2026-01-01T00:00:00Z', workspaces: [] };
    expect((await httpRequest(`${base}/__mock/scenario`, { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify(scenario) })).status).toBe(200);
    await running!.stop();
    base = await serve(file);
    expect((await httpRequest(`${base}/__mock/health`)).json).toMatchObject({ scenario: { name: 'replaced', seed: 9 }, counts: { runs: 0 } });
  });
});
