/**
 * `flowmock export` seeds a second implementation for oracle mode: the export is a scenario with every record
 * explicit; a flowmock server seeded from it (a second implementation) passes oracle mode against the
 * original scenario with zero violations, and a defect put into that second implementation is caught.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportScenario } from '../../src/cli/export.ts';
import { runContract } from '../../src/contract/run-contract.ts';
import type { ScenarioDocument } from '../../src/domain/scenario/document.ts';
import { loadScenarioFile } from '../../src/node/scenario-file.ts';
import { appOf, stateFor } from '../helpers/app.ts';

const NOW = '2026-11-20T12:00:00Z';
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve()))));

async function serve(document: ScenarioDocument): Promise<string> {
  server = appOf(stateFor(document)).listen(0, '127.0.0.1');
  await new Promise((resolve) => server?.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('flowmock export', () => {
  const original = loadScenarioFile('default').document;

  it('writes every record explicitly, generated volume expanded, with the clock', async () => {
    const exported = await exportScenario(original, Date.parse(NOW));
    expect(exported.now).toBe('2026-11-20T12:00:00.000Z');
    expect(exported.workspaces.every((ws) => ws.generate === undefined)).toBe(true);
    const state = stateFor(exported);
    expect(state.dataset.counts()).toEqual(stateFor('default', NOW).dataset.counts());
    expect(exported.workspaces.flatMap((ws) => ws.runs ?? []).length).toBe(state.dataset.counts().runs);
    // Exporting the export changes nothing: it is a fixed point.
    expect(await exportScenario(exported)).toEqual({ ...exported, description: expect.any(String) });
  });

  it('seeds a second implementation that passes oracle mode against the original, and a defect in it is caught', async () => {
    const exported = await exportScenario(original, Date.parse(NOW));
    const file = join(mkdtempSync(join(tmpdir(), 'flowmock-export-')), 'default-export.json');
    writeFileSync(file, JSON.stringify(exported));
    // The oracle knows the ORIGINAL scenario and clock; the target was seeded from the export file.
    const options = { scenario: 'default', now: NOW, stateful: false };
    const clean = await runContract({ ...options, baseUrl: await serve(loadScenarioFile(file).document) });
    expect(clean.report?.violations.map((v) => `${v.check}: ${v.message}`)).toEqual([]);
    expect(clean.report?.checks.filter((c) => c.check.endsWith('.oracle')).length).toBe(5);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;

    // The second implementation gets one run wrong: a failure of the busiest flow recorded as a success.
    const broken = structuredClone(exported);
    const ws = broken.workspaces[0]!;
    const counts = new Map<string, number>();
    for (const run of ws.runs ?? []) if (Date.parse(run.createdAt) <= Date.parse(NOW)) counts.set(run.flow, (counts.get(run.flow) ?? 0) + 1);
    const busiest = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    const failure = (ws.runs ?? []).filter((r) => r.flow === busiest && r.status === 'failed' && Date.parse(r.finishedAt ?? '') <= Date.parse(NOW)).at(-1)!;
    Object.assign(failure, { status: 'succeeded', error: null });
    const report = (await runContract({ ...options, apis: ['onepin', 'alloy'], baseUrl: await serve(broken) })).report;
    const oracle = report?.violations.filter((v) => v.check.endsWith('.oracle')) ?? [];
    expect(oracle.map((v) => v.message).join('\n')).toMatch(/\/data\/completed is \d+, flowmock's engine says \d+/);
    expect(oracle.map((v) => v.message).join('\n')).toMatch(/\/totalErrors is \d+, flowmock's engine says \d+/);
  });
});
