/**
 * What the report says was sent is what the target received: the request count, the response times and the
 * coverage include every request to the five APIs (fixed checks, invariants, generated requests, the oracle's,
 * the stateful check's), as the server's own journal (GET /__mock/requests) counts them.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES } from '../../src/apis.ts';
import { consoleReport } from '../../src/contract/reports/console-report.ts';
import { runContract, type ContractOptions } from '../../src/contract/run-contract.ts';
import type { ContractReport } from '../../src/contract/runner.ts';
import { appOf, stateFor } from '../helpers/app.ts';

let server: Server;
let url: string;
beforeAll(async () => {
  server = appOf(stateFor('default', '2026-11-20T12:00:00Z')).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** How many requests to `api` the server journaled (it keeps 10,000, and counts every one). */
const journaled = async (api: string): Promise<number> => ((await (await fetch(`${url}/__mock/requests?limit=1&api=${api}`)).json()) as { total: number; dropped: number }).total;

describe('the request count of a report', () => {
  it('is the number of requests the target received, per API, generation, the oracle and the stateful check on', async () => {
    await fetch(`${url}/__mock/requests`, { method: 'DELETE' });
    const result = await runContract({ baseUrl: url, oracle: true, maxExamples: 6 } as ContractOptions & { oracle: boolean });
    const report = result.report as ContractReport;
    expect(report.violations.map((v) => v.message)).toEqual([]);
    expect(report.checks.some((c) => c.check.endsWith('.oracle'))).toBe(true);
    expect(report.checks.some((c) => c.check.includes('.generated-'))).toBe(true);
    for (const api of API_NAMES) {
      const received = await journaled(api);
      const covered = report.coverage.filter((c) => c.api === api).reduce((n, c) => n + c.requests, 0);
      const timed = report.timing.find((t) => t.api === api)?.requests;
      expect({ api, covered, timed }).toEqual({ api, covered: received, timed: received });
      expect(consoleReport(report)).toMatch(new RegExp(`${api} .*\\(${received} requests, median`));
    }
  });
});
