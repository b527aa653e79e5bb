/**
 * The contract suite against deliberately broken implementations: each defect must be reported by the
 * check that owns it, with a message that names it. And against flowmock itself: zero violations.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiName } from '../../src/apis.ts';
import { runChecks } from '../../src/contract/runner.ts';
import { resolveTarget } from '../../src/contract/target.ts';
import { stateFor, appOf } from '../helpers/app.ts';
import { startDefectProxy } from './defect-proxy.ts';
import { DEFECTS } from './defects.ts';

let server: Server;
let upstream: string;

beforeAll(async () => {
  server = appOf(stateFor('default', '2026-11-20T12:00:00Z')).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  upstream = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the contract suite against flowmock itself', () => {
  it('finds zero violations, and exercises every documented status but the injected ones', async () => {
    const report = await runChecks(await resolveTarget({ baseUrl: upstream }));
    expect(report.violations).toEqual([]);
    expect(report.checks.length).toBeGreaterThan(100);
    for (const c of report.coverage) expect(c.statusesNeverSeen.filter((s) => s !== '500'), `${c.api} ${c.operation}`).toEqual([]);
  });
});

describe.each(DEFECTS.map((d) => [d.name, d] as const))('a target where %s', (_name, defect) => {
  it('is reported, by the check that owns it, with a message that names it', async () => {
    const proxy = await startDefectProxy(upstream, defect);
    try {
      const report = await runChecks(await resolveTarget({ baseUrl: proxy.url, apis: defect.apis as ApiName[] }));
      const caught = report.violations.filter((v) => defect.caughtBy.test(v.check));
      expect(caught.length, `no violation from ${defect.caughtBy}; got: ${report.violations.map((v) => `${v.check}: ${v.message}`).join(' | ') || 'none'}`).toBeGreaterThan(0);
      expect(caught.map((v) => v.message).join('\n')).toMatch(defect.message);
      expect(caught[0]?.request?.url ?? '').toContain(proxy.url.replace('http://', ''));
    } finally {
      await proxy.close();
    }
  });
});
