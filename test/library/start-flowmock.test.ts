/**
 * The library API as a test uses it: `startFlowmock` in-process on a free port, the APIs over HTTP, the admin
 * API as typed methods, `close()` freeing the port; no signal handler left in the caller's process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FlowmockAdminError, startFlowmock, StartupError, type ScenarioDocument } from '../../src/index.ts';
import { portFree } from '../helpers/ports.ts';

const NOW = '2026-11-20T12:00:00Z';

describe('startFlowmock', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('serves the five APIs on a free port, the admin API as typed methods, and frees the port on close', async () => {
    const signals = ['SIGTERM', 'SIGINT'].map((signal) => process.listenerCount(signal));
    const mock = await startFlowmock({ now: NOW });
    try {
      expect(mock.port).toBeGreaterThan(0);
      expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
      expect(['SIGTERM', 'SIGINT'].map((signal) => process.listenerCount(signal))).toEqual(signals);
      const fixtures = await mock.fixtures();
      const workspace = fixtures.workspaces[0]!;
      const flow = workspace.flows.find((f) => f.kind === 'workflow')!;
      const ask = async () => {
        const response = await fetch(`${mock.url}/alloy/workflows/${flow.id}/analytics`, { headers: { authorization: `Bearer ${workspace.tokens[0]}`, 'x-api-version': '2025-09' } });
        return { status: response.status, body: await response.json() as { totalWorkflowRuns?: number } };
      };
      const before = await ask();
      expect(before.status).toBe(200);
      const run = await mock.addRun({ workspace: workspace.id, flow: flow.id, status: 'succeeded', createdAt: '2026-11-20T11:00:00Z', startedAt: '2026-11-20T11:00:01Z', finishedAt: '2026-11-20T11:00:05Z' });
      expect(run.flow).toBe(flow.id);
      const after = await ask();
      expect(after.body.totalWorkflowRuns).toBe((before.body.totalWorkflowRuns ?? 0) + 1);
      expect((await mock.advanceClock(60_000)).now).toBe('2026-11-20T12:01:00.000Z');
      await expect(mock.updateRun('no-such-run', { status: 'failed' })).rejects.toBeInstanceOf(FlowmockAdminError);
    } finally {
      await mock.close();
    }
    await expect(fetch(`${mock.url}/__mock/health`)).rejects.toThrow();
    expect(await portFree(mock.port)).toBe(true);
  });

  it('sends its admin token with every admin method, while a request without it is refused', async () => {
    const mock = await startFlowmock({ scenario: 'empty', now: NOW, adminToken: 'sesame' });
    try {
      expect((await mock.health()).status).toBe('ok');
      expect((await mock.fixtures()).workspaces.map((w) => w.name)).toEqual(['Quiet Co', 'Brand New Inc']);
      expect((await fetch(`${mock.url}/__mock/fixtures`)).status).toBe(401);
    } finally {
      await mock.close();
    }
  });

  it('takes a scenario document and keeps admin changes in a state file across starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowmock-lib-'));
    dirs.push(dir);
    const stateFile = join(dir, 'state.json');
    const document: ScenarioDocument = {
      version: 1, name: 'tiny', description: 'one workspace, one flow', seed: 1, now: NOW,
      workspaces: [{
        id: '0c8e4a2f-6b1d-4c3e-9a5f-7d2b8e1c4a60', name: 'One', tokens: ['fm_one_1a2b3c4d5e6f7a8b'],
        users: [{ id: '1', name: 'Ann', email: 'ann@example.test' }],
        flows: [{ id: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', kind: 'workflow', name: 'Nightly', createdAt: '2026-01-05T08:00:00Z', createdBy: '1' }],
      }],
    };
    const first = await startFlowmock({ scenario: document, stateFile });
    await first.addRun({ workspace: '0c8e4a2f-6b1d-4c3e-9a5f-7d2b8e1c4a60', flow: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', user: '1', status: 'running', createdAt: '2026-11-20T11:00:00Z', startedAt: '2026-11-20T11:00:01Z' });
    await first.close();
    const second = await startFlowmock({ scenario: document, stateFile });
    try {
      const fixtures = await second.fixtures();
      expect(fixtures.workspaces[0]!.flows[0]!.runCount).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('refuses what cannot start with a StartupError that says why', async () => {
    await expect(startFlowmock({ scenario: 'no-such-scenario' })).rejects.toThrow(/no such scenario/);
    await expect(startFlowmock({ now: 'yesterday' })).rejects.toBeInstanceOf(StartupError);
    await expect(startFlowmock({ host: '0.0.0.0' })).rejects.toThrow(/admin token/);
    const taken = await startFlowmock({ scenario: 'empty' });
    try {
      await expect(startFlowmock({ scenario: 'empty', port: taken.port })).rejects.toThrow(/in use/);
    } finally {
      await taken.close();
    }
  });
});
