/**
 * The state log through the server, as an operator meets it: on a full disk (a 96 KiB tmpfs) the admin API
 * refuses a change with 507 and applies nothing it refused, every acknowledged change survives a restart,
 * and once space is back changes are taken again; GET /__mock/state gives the scenario, every change and
 * the clock. Needs mount(8) as root (CI runs as root); elsewhere the full-disk case says so and skips.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../helpers/child-process.ts';
import { serveWithStateFile } from '../helpers/cli.ts';
import { EDGE_CASES } from '../helpers/fixtures.ts';
import { httpRequest } from '../helpers/http.ts';

const WS = EDGE_CASES.edge.workspaceId;
const FLOW = EDGE_CASES.edge.flows.oneRunAgent;
const JSON_HEADERS = { 'content-type': 'application/json' };

let running: Running | undefined;
afterEach(() => running?.stop());

async function serve(stateFile: string): Promise<string> {
  const served = await serveWithStateFile(stateFile);
  running = served.running;
  return served.base;
}

const addRun = (base: string, i: number) => httpRequest(`${base}/__mock/runs`, {
  method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ workspace: WS, flow: FLOW, status: 'running', appActions: i, sourceSystem: `disk-filler-${'x'.repeat(200)}` }),
});

describe('GET /__mock/state', () => {
  it('gives the scenario in force, every change since in order, and the clock', async () => {
    const base = await serve(join(mkdtempSync(join(tmpdir(), 'flowmock-state-')), 'state.json'));
    expect((await addRun(base, 1)).status).toBe(201);
    expect((await httpRequest(`${base}/__mock/clock`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ advanceMs: 1000 }) })).status).toBe(200);
    const state = (await httpRequest(`${base}/__mock/state`)).json as { scenario: { name: string }; changes: { kind: string }[]; now: string };
    expect(state.scenario.name).toBe('edge-cases');
    expect(state.changes.map((c) => c.kind)).toEqual(['run-added', 'clock']);
    expect(state.now).toBe(((await httpRequest(`${base}/__mock/clock`)).json as { now: string }).now);
  });
});

describe('a full disk', () => {
  let dir: string | undefined;
  beforeAll(() => {
    const mountPoint = mkdtempSync(join(tmpdir(), 'flowmock-full-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96k', 'tmpfs', mountPoint], { stdio: 'ignore' });
      dir = mountPoint;
    } catch {
      rmSync(mountPoint, { recursive: true, force: true });
    }
  });
  afterAll(() => {
    if (dir === undefined) return;
    execFileSync('umount', [dir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses changes with 507 and applies none of them; keeps every acknowledged one; takes changes again once space is back', async (ctx) => {
    if (dir === undefined) return ctx.skip('mount -t tmpfs is not permitted here (needs root)');
    const file = join(dir, 'state.json');
    let base = await serve(file);
    const acknowledged: number[] = [];
    let refused = 0;
    for (let i = 0; i < 2000 && refused < 3; i++) {
      const res = await addRun(base, i);
      if (res.status === 201) acknowledged.push(i);
      else {
        expect(res.status, res.text).toBe(507);
        expect(res.json).toMatchObject({ type: 'https://flowmock.dev/problems/insufficient-storage' });
        refused++;
      }
    }
    expect(refused).toBe(3);
    expect(acknowledged.length).toBeGreaterThan(10);
    // Nothing refused was applied: the state holds exactly the acknowledged runs.
    const added = () => httpRequest(`${base}/__mock/state`).then((r) => (r.json as { changes: { kind: string; run: { appActions: number } }[] }).changes.filter((c) => c.kind === 'run-added').map((c) => c.run.appActions));
    expect(await added()).toEqual(acknowledged);
    await running!.stop();
    base = await serve(file);
    expect(await added()).toEqual(acknowledged);
    // Space back (a filler removed, or here: the tmpfs grown), changes are taken again.
    execFileSync('mount', ['-o', 'remount,size=4m', dir]);
    expect((await addRun(base, 99_999)).status).toBe(201);
    expect(await added()).toEqual([...acknowledged, 99_999]);
  });
});
