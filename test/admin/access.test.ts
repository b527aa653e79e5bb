/**
 * No other web page can drive or read the admin API: a request carrying another origin is refused whatever
 * its method, and no answer of /__mock carries CORS headers for it; on a loopback server the admin API
 * answers loopback host names (and listed ones) only, against DNS rebinding. The vendor APIs stay open to
 * browsers, as front-ends need them.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { appOf, stateFor } from '../helpers/app.ts';

const NOW = '2026-11-20T12:00:00Z';
const EVIL = 'https://evil.example';

describe('the admin API and pages of other origins', () => {
  it('refuses a state-changing request from another origin, and changes nothing', async () => {
    const state = stateFor('default', NOW);
    const app = appOf(state);
    const before = state.dataset.counts();
    const { workspaces } = (await request(app).get('/__mock/fixtures')).body as { workspaces: { id: string; flows: { id: string }[] }[] };
    const add = await request(app).post('/__mock/runs').set({ origin: EVIL, host: '127.0.0.1:4010' }).send({ workspace: workspaces[0]!.id, flow: workspaces[0]!.flows[0]!.id, status: 'running' });
    expect(add.status).toBe(403);
    expect(add.body.type).toBe('https://flowmock.dev/problems/origin-not-allowed');
    expect(add.headers['access-control-allow-origin']).toBeUndefined();
    expect((await request(app).post('/__mock/reset').set({ origin: EVIL })).status).toBe(403);
    expect((await request(app).post('/__mock/clock').set({ origin: 'null' }).send({ advanceMs: 1000 })).status).toBe(403);
    expect(state.dataset.counts()).toEqual(before);
    expect(state.clock.now()).toBe(Date.parse(NOW));
  });

  it('lets no other origin read fixtures (tokens), nor pass a preflight', async () => {
    const app = appOf(stateFor('default', NOW));
    const read = await request(app).get('/__mock/fixtures').set({ origin: EVIL });
    expect(read.status).toBe(403);
    expect(read.text).not.toContain('fm_acme');
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await request(app).options('/__mock/reset').set({ origin: EVIL, 'access-control-request-method': 'POST' });
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers the page the server serves itself (its own origin, as the browser addressed it)', async () => {
    const app = appOf(stateFor('default', NOW));
    const own = await request(app).post('/__mock/clock').set({ host: '127.0.0.1:4010', origin: 'http://127.0.0.1:4010' }).send({ advanceMs: 1000 });
    expect(own.status).toBe(200);
    expect((await request(app).post('/__mock/clock').set({ host: 'localhost:4010', origin: 'http://127.0.0.1:4010' }).send({ advanceMs: 1000 })).status).toBe(403);
  });

  it('answers a listed origin (--admin-cors), with CORS headers for it', async () => {
    const app = appOf(stateFor('default', NOW), { adminOrigins: ['http://localhost:5173'] });
    const res = await request(app).get('/__mock/health').set({ origin: 'http://localhost:5173' });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect((await request(app).get('/__mock/health').set({ origin: EVIL })).status).toBe(403);
  });

  it('keeps the vendor APIs open to any origin', async () => {
    const app = appOf(stateFor('default', NOW));
    const res = await request(app).get('/b3os/v1/executions/stats').set({ origin: EVIL });
    expect(res.headers['access-control-allow-origin']).toBe(EVIL);
  });
});

describe('the Host of an admin request on a loopback server (DNS rebinding)', () => {
  const loopbackApp = (allowedHosts: string[] = []) => appOf(stateFor('empty', NOW), { allowedHosts });

  it.each(['127.0.0.1:4010', 'localhost:4010', '[::1]:4010', 'localhost', 'app.localhost:4010'])('answers Host %s', async (host) => {
    expect((await request(loopbackApp()).get('/__mock/health').set({ host })).status).toBe(200);
  });

  it.each(['evil.example:4010', 'evil.example', '192.168.1.10:4010', 'localhost.evil.example'])('refuses Host %s', async (host) => {
    const res = await request(loopbackApp()).get('/__mock/fixtures').set({ host });
    expect(res.status).toBe(403);
    expect(res.body.type).toBe('https://flowmock.dev/problems/host-not-allowed');
    expect(res.body.detail).toContain('--allowed-hosts');
  });

  it('answers the hosts listed (--allowed-hosts), subdomains with a leading dot', async () => {
    const app = loopbackApp(['flowmock.dev.test', '.tunnel.example']);
    expect((await request(app).get('/__mock/health').set({ host: 'flowmock.dev.test:4010' })).status).toBe(200);
    expect((await request(app).get('/__mock/health').set({ host: 'abc.tunnel.example' })).status).toBe(200);
    expect((await request(app).get('/__mock/health').set({ host: 'tunnel.example.evil' })).status).toBe(403);
  });
});
