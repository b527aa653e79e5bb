// A test reading the server the globalSetup started (the README's example).
import { expect, inject, it } from 'vitest';

it('finds the shared server through inject', async () => {
  const health = await fetch(`${inject('flowmockUrl')}/__mock/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok' });
});

it("a server of its own, closed by `await using` (the README's example)", async () => {
  const { startFlowmock } = await import('flowmock');
  let url: string;
  {
    await using mock = await startFlowmock({ scenario: 'edge-cases' });
    url = mock.url;
    expect((await fetch(`${url}/__mock/health`)).status).toBe(200);
  }
  await expect(fetch(`${url}/__mock/health`)).rejects.toThrow();
});
