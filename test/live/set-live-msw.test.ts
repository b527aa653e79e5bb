/** `setLive` through MSW (createFlowmockHandlers): live mode on at a rate, the clock real, runs arriving; off again. */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFlowmockHandlers } from '../../src/msw/handlers.ts';

const BASE = 'http://live.test';
const mock = await createFlowmockHandlers({ scenario: 'default', now: '2026-11-22T03:00:00Z', baseUrl: BASE }); // a Sunday night
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  server.close();
  mock.close();
});

it('turns live mode on at a rate (the clock to real time), runs arrive, and off', async () => {
  const before = (await mock.health()).counts.runs;
  expect(await mock.setLive({ enabled: true, ratePerMinute: 600 })).toEqual({ enabled: true, ratePerMinute: 600 });
  expect((await mock.health()).clock.mode).toBe('real');
  // The same state through the admin endpoint, as a page would read it.
  expect(await (await fetch(`${BASE}/__mock/live`)).json()).toEqual({ enabled: true, ratePerMinute: 600 });
  // 600 a minute per workspace: some 10 a second each; the timer ticks every second.
  await new Promise((resolve) => setTimeout(resolve, 2300));
  const during = (await mock.health()).counts.runs;
  expect(during - before).toBeGreaterThan(10);
  expect(await mock.setLive({ enabled: false })).toEqual({ enabled: false, ratePerMinute: null });
  await new Promise((resolve) => setTimeout(resolve, 1200));
  expect((await mock.health()).counts.runs).toBe(during);
});

it('refuses a rate out of bounds as the endpoint does', async () => {
  await expect(mock.setLive({ enabled: true, ratePerMinute: 0 })).rejects.toMatchObject({ status: 400 });
});
