/**
 * Oracle mode's set-up: a running clock is frozen through the admin API first and released after; what
 * cannot be rebuilt, or cannot be frozen, is said, as a violation when oracle mode was asked for and in
 * silence when it was only found (an admin API).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtures } from '../../src/admin/health.ts';
import { runContract, type ContractOptions } from '../../src/contract/run-contract.ts';
import type { ScenarioDocument } from '../../src/domain/scenario/document.ts';
import type { MockState } from '../../src/domain/mock-state.ts';
import { appOf, stateFor } from '../helpers/app.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve()))));

async function serve(state: MockState, adminToken?: string): Promise<string> {
  server = appOf(state, adminToken === undefined ? {} : { adminToken }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server?.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const run = (options: ContractOptions & { oracle?: boolean }) => runContract({ stateful: false, maxExamples: 4, ...options });
const oracleMessages = (result: Awaited<ReturnType<typeof run>>) => (result.report?.violations ?? []).filter((v) => v.check.endsWith('.oracle')).map((v) => v.message);

/** Explicit runs only, no `now`: the clock is real, and the dataset does not depend on when it was loaded. */
const REAL_CLOCK: ScenarioDocument = {
  version: 1, name: 'real-clock', seed: 1,
  workspaces: [{
    id: '11111111-1111-4111-8111-111111111111', name: 'Real', tokens: ['real-token'],
    users: [{ id: 'u1', name: 'Ann', email: 'ann@example.test' }],
    flows: [{ id: '22222222-2222-4222-8222-222222222222', kind: 'workflow', name: 'Flow', createdAt: '2026-01-01T00:00:00Z', createdBy: 'u1' }],
    runs: [
      { id: '33333333-3333-4333-8333-333333333331', flow: '22222222-2222-4222-8222-222222222222', user: 'u1', status: 'succeeded', createdAt: '2026-02-01T00:00:00Z', startedAt: '2026-02-01T00:00:01Z', finishedAt: '2026-02-01T00:01:00Z' },
      { id: '33333333-3333-4333-8333-333333333332', flow: '22222222-2222-4222-8222-222222222222', user: null, status: 'failed', createdAt: '2026-02-02T00:00:00Z', startedAt: '2026-02-02T00:00:01Z', finishedAt: '2026-02-02T00:00:30Z', error: 'Timeout' },
    ],
  }],
};

describe('oracle mode', () => {
  it('freezes a real clock through the admin API, compares, and gives the clock back', async () => {
    const state = stateFor(REAL_CLOCK);
    expect(state.clock.mode).toBe('real');
    const result = await run({ baseUrl: await serve(state), oracle: true });
    expect(result.report?.violations.map((v) => v.message)).toEqual([]);
    expect(result.report?.checks.filter((c) => c.check.endsWith('.oracle')).length).toBe(5);
    expect(state.clock.mode).toBe('real');
  });

  it('says why it cannot run when asked for, and stays silent when only found', async () => {
    // The default scenario has no now: its generated runs depend on the instant it was loaded.
    const url = await serve(stateFor('default'));
    const asked = await run({ baseUrl: url, apis: ['alloy'], oracle: true });
    expect(oracleMessages(asked)).toEqual([expect.stringMatching(/^oracle mode cannot run: .*scenario "default" has no now.*serve it with --now/)]);
    const found = await run({ baseUrl: url, apis: ['alloy'] });
    expect(found.report?.checks.some((c) => c.check.endsWith('.oracle'))).toBe(false);
    expect(found.report?.violations).toEqual([]);
  });

  it('needs the admin token of a target whose admin API asks for one', async () => {
    const state = stateFor(REAL_CLOCK);
    const url = await serve(state, 's3cret');
    // Its fixtures from a file: only the admin API's health answers without the token.
    const file = join(mkdtempSync(join(tmpdir(), 'flowmock-oracle-')), 'fixtures.json');
    writeFileSync(file, JSON.stringify(fixtures(state)));
    const without = await run({ baseUrl: url, apis: ['onepin'], oracle: true, fixtures: file });
    expect(oracleMessages(without).join('\n')).toMatch(/GET \/__mock\/clock answered 401 \(give --admin-token\)/);
    const withToken = await run({ baseUrl: url, apis: ['onepin'], oracle: true, adminToken: 's3cret', fixtures: file });
    expect(oracleMessages(withToken)).toEqual([]);
    expect(withToken.report?.checks.some((c) => c.check === 'onepin.oracle')).toBe(true);
  });

  it('with --scenario, needs a clock: --now or the scenario\'s own', async () => {
    const url = await serve(stateFor('default', '2026-11-20T12:00:00Z'));
    const noNow = await run({ baseUrl: url, apis: ['alloy'], scenario: 'default' });
    expect(oracleMessages(noNow)).toEqual([expect.stringMatching(/scenario "default" has no now: give --now/)]);
    const wrongNow = await run({ baseUrl: url, apis: ['alloy'], scenario: 'default', now: '2026-11-21T12:00:00Z' });
    expect(oracleMessages(wrongNow).join('\n')).toMatch(/flowmock's engine (says|answers)/);
    const right = await run({ baseUrl: url, apis: ['alloy'], scenario: 'default', now: '2026-11-20T12:00:00Z' });
    expect(oracleMessages(right)).toEqual([]);
  });
});
