/**
 * The contract suite against deliberately broken implementations: each defect must be reported by the
 * check that owns it, with a message that names it, without oracle mode and (where it applies) with it.
 * And against flowmock itself, on every shipped scenario but `large`: zero violations, generation and the
 * oracle on.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContract, type ContractOptions } from '../../src/contract/run-contract.ts';
import type { ContractReport } from '../../src/contract/runner.ts';
import { stateFor, appOf } from '../helpers/app.ts';
import { startDefectProxy, type Defect } from './defect-proxy.ts';
import { DEFECTS } from './defects.ts';

const SCENARIOS = { default: '2026-11-20T12:00:00Z', 'edge-cases': undefined, empty: undefined } as const;
type ScenarioName = keyof typeof SCENARIOS;
const servers: Server[] = [];
const upstream = {} as Record<ScenarioName, string>;

beforeAll(async () => {
  for (const [name, now] of Object.entries(SCENARIOS) as [ScenarioName, string | undefined][]) {
    const server = appOf(stateFor(name, now)).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    servers.push(server);
    upstream[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
});
afterAll(() => Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())))));

/** Options beyond ContractOptions that the phases read (`oracle`: on, off, or automatic). */
const run = async (options: ContractOptions & { oracle?: boolean }): Promise<ContractReport> => {
  const result = await runContract(options);
  if (result.report === undefined) throw new Error(`the run did not complete: ${result.error?.message ?? result.outcome}`);
  return result.report;
};
const listed = (report: ContractReport) => report.violations.map((v) => `${v.check}: ${v.message}`).join(' | ') || 'none';

describe('the contract suite against flowmock itself', () => {
  it.each(Object.keys(SCENARIOS) as ScenarioName[])('finds zero violations on %s, generation and the oracle on', async (scenario) => {
    const report = await run({ baseUrl: upstream[scenario], oracle: true });
    expect(report.violations, listed(report)).toEqual([]);
    expect(report.checks.filter((c) => c.check.endsWith('.oracle')).length).toBe(5);
    expect(report.checks.filter((c) => c.check.includes('.generated-')).length).toBe(15);
    if (scenario === 'default') {
      expect(report.checks.length).toBeGreaterThan(100);
      for (const c of report.coverage) expect(c.statusesNeverSeen.filter((s) => s !== '500'), `${c.api} ${c.operation}`).toEqual([]);
    }
  });
});

async function caught(defect: Defect, oracle: boolean): Promise<{ report: ContractReport; url: string }> {
  const proxy = await startDefectProxy(upstream[defect.scenario ?? 'default'], defect);
  try {
    // Fewer generated examples than the default keep the 60-odd runs within CI's time; the defects found by
    // generation itself keep the default count (their options say so).
    const report = await run({ baseUrl: proxy.url, apis: [...defect.apis], oracle, maxExamples: oracle ? 5 : 8, ...(defect.options ?? {}) });
    return { report, url: proxy.url };
  } finally {
    await proxy.close();
  }
}

describe.each(DEFECTS.filter((d) => d.oracleOnly !== true).map((d) => [d.name, d] as const))('a target where %s', (_name, defect) => {
  it('is reported, by the check that owns it, with a message that names it', async () => {
    const { report, url } = await caught(defect, false);
    const found = report.violations.filter((v) => defect.caughtBy.test(v.check));
    expect(found.length, `no violation from ${defect.caughtBy}; got: ${listed(report)}`).toBeGreaterThan(0);
    expect(found.map((v) => v.message).join('\n')).toMatch(defect.message);
    expect(found[0]?.request?.url ?? '').toContain(url.replace('http://', ''));
  });
});

describe.each(DEFECTS.filter((d) => d.oracle !== undefined).map((d) => [d.name, d] as const))('in oracle mode, a target where %s', (_name, defect) => {
  it('is reported by the oracle, naming the field and both values', async () => {
    const { report } = await caught(defect, true);
    const found = report.violations.filter((v) => /\.oracle$/.test(v.check));
    expect(found.length, `no oracle violation; got: ${listed(report)}`).toBeGreaterThan(0);
    expect(found.map((v) => v.message).join('\n')).toMatch(defect.oracle as RegExp);
    if (defect.oracleOnly === true) expect(found.map((v) => v.message).join('\n')).toMatch(defect.message);
  });
});

describe('a defect that shows only with the edge-cases scenario', () => {
  it('is not seen on default: the year boundary is what reveals it', async () => {
    const defect = DEFECTS.find((d) => d.scenario === 'edge-cases') as Defect;
    const { report } = await caught({ ...defect, scenario: 'default' }, false);
    expect(report.violations.filter((v) => defect.caughtBy.test(v.check))).toEqual([]);
  });
});
