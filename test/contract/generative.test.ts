/**
 * Generation: deterministic by default (a fixed seed), a seed replays a run exactly, --max-examples bounds
 * it, and a failing request is shrunk to a minimal one whose report says how to replay it.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/openapi/spec-document.ts';
import { requestArbitrary, type GenContext } from '../../src/contract/generative/arbitraries.ts';
import { generationStats } from '../../src/contract/generative/run-generative.ts';
import { runContract, type ContractOptions } from '../../src/contract/run-contract.ts';
import { appOf, stateFor } from '../helpers/app.ts';
import { DEFAULT } from '../helpers/fixtures.ts';
import { startDefectProxy } from './defect-proxy.ts';
import { DEFECTS } from './defects.ts';

const g: GenContext = {
  workspaceId: DEFAULT.acme.workspaceId, flowIds: Object.values(DEFAULT.acme.flows), userIds: Object.values(DEFAULT.acme.users),
  now: Date.parse('2026-11-20T12:00:00Z'), revealed: [Date.parse('2026-11-19T14:45:49.798Z')],
};
const API_NAMES = ['alloy', 'stackai', 'onepin', 'b3os', 'multiplai'] as const;

let server: Server;
let url: string;
beforeAll(async () => {
  server = appOf(stateFor('default', '2026-11-20T12:00:00Z')).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const run = (options: Partial<ContractOptions> & { oracle?: boolean }) => runContract({ baseUrl: url, stateful: false, oracle: false, ...options } as ContractOptions);

describe('generated requests', () => {
  it.each(API_NAMES)('of %s are the same for the same seed and differ for another', (api) => {
    const op = loadSpec(api).operations()[0]!;
    for (const intent of ['valid', 'invalid', 'edge'] as const) {
      const sample = (seed: number) => JSON.stringify(fc.sample(requestArbitrary(api, intent, op, g), { seed, numRuns: 20 }));
      expect(sample(42)).toBe(sample(42));
      expect(sample(42)).not.toBe(sample(43));
    }
  });

  it('number --max-examples per API and kind (edge half of it), and none with 0', async () => {
    const before = generationStats.examples;
    const result = await run({ maxExamples: 4 });
    expect(result.report?.violations).toEqual([]);
    expect(generationStats.examples - before).toBe(5 * (4 + 4 + 2));
    const again = generationStats.examples;
    await run({ maxExamples: 0, apis: ['alloy'] });
    expect(generationStats.examples).toBe(again);
  });

  it('shrink a failure to a minimal request, and the same seed replays it exactly', async () => {
    const defect = DEFECTS.find((d) => d.name === 'b3os answers 500 to an unexpected query parameter')!;
    const proxy = await startDefectProxy(url, defect);
    try {
      const once = await runContract({ baseUrl: proxy.url, apis: ['b3os'], stateful: false, oracle: false, seed: 7 } as ContractOptions);
      const twice = await runContract({ baseUrl: proxy.url, apis: ['b3os'], stateful: false, oracle: false, seed: 7 } as ContractOptions);
      const found = (once.report?.violations ?? []).filter((v) => v.check === 'b3os.not-a-server-error' && v.message.includes('generated valid request'));
      expect(found).toHaveLength(1);
      // Minimal: the three required parameters and the one unknown parameter, its value shrunk to nothing.
      const query = new URL(found[0]!.request!.url).searchParams;
      expect([...query.keys()].filter((k) => !['from', 'to', 'granularity'].includes(k))).toHaveLength(1);
      expect([...query.keys()]).toHaveLength(4);
      expect([...query.entries()].find(([k]) => !['from', 'to', 'granularity'].includes(k))?.[1]).toBe('');
      expect(found[0]!.message).toMatch(/replay with --seed 7 \(b3os valid: fast-check seed -?\d+, path [\d:]+/);
      expect(twice.report?.violations.map((v) => v.message)).toEqual(once.report?.violations.map((v) => v.message));
    } finally {
      await proxy.close();
    }
  });
});
