/**
 * The stateful check (add one run through the admin API, every API's count moves by one) on a busy flow: the
 * StackAI count is read in pages of a bounded size, never as one giant page; an answer that cannot be read
 * (here: cut at a small --max-body-bytes, as a 40,000-run flow's single page was cut at the 8 MiB cap on the
 * `large` scenario) is a violation of StackAI's part of the check only, never a TypeError charged to all five.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runContract, type ContractOptions } from '../../src/contract/run-contract.ts';
import type { ContractReport } from '../../src/contract/runner.ts';
import { appOf, stateFor } from '../helpers/app.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve()))));

/** A fresh flowmock over `default` (its busiest flow, an agent, has 1,224 runs: more than one count page). */
async function target(): Promise<string> {
  server = appOf(stateFor('default', '2026-11-20T12:00:00Z')).listen(0, '127.0.0.1');
  await new Promise((resolve) => server?.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const run = async (options: Partial<ContractOptions>): Promise<ContractReport> => {
  const result = await runContract({ baseUrl: await target(), oracle: false, maxExamples: 0, ...options } as ContractOptions);
  if (result.report === undefined) throw new Error(`the run did not complete: ${result.error?.message ?? result.outcome}`);
  return result.report;
};
const stateful = (report: ContractReport) => report.checks.filter((c) => c.kind === 'stateful');

describe('the stateful check', () => {
  it('counts a busy flow\'s StackAI runs over several bounded pages, and each API sees the new run once', async () => {
    const report = await run({});
    expect(stateful(report).map((c) => `${c.check} ${c.violations}`)).toEqual(['alloy', 'stackai', 'onepin', 'b3os', 'multiplai'].map((api) => `${api}.counts-a-new-run 0`));
    expect(report.violations).toEqual([]);
  });

  it('charges an unreadable StackAI count to StackAI alone, as a violation that says why, never a TypeError', async () => {
    // 512 KiB: StackAI's pages of 200 runs fit, a page of 1,000 (≈1.1 MB) does not; the other APIs' answers fit.
    const report = await run({ maxBodyBytes: 512 * 1024 });
    const failing = stateful(report).filter((c) => c.violations > 0).map((c) => c.check);
    expect(failing).toEqual(['stackai.counts-a-new-run']);
    const messages = report.violations.filter((v) => v.kind === 'stateful').map((v) => v.message);
    expect(messages.join('\n')).toMatch(/could not read stackai's count before adding the run: .*larger than 524288 bytes/);
    expect(report.violations.map((v) => v.message).join('\n')).not.toMatch(/TypeError|could not complete|Cannot read properties/);
    expect(report.violations.some((v) => v.check === 'stackai.http' && /page_size=1000/.test(v.request?.url ?? ''))).toBe(true);
    expect(report.violations.filter((v) => v.api !== 'stackai')).toEqual([]);
    expect(report.diagnosis.join(' ')).toContain('1 API did not count a run added through the admin API exactly once');
  });
});
