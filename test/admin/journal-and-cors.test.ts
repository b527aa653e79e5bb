/** The journal stays bounded; CORS lets a browser page on another origin call the APIs. */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { RequestJournal } from '../../src/core/request-journal.ts';
import { stateFor, appOf } from '../helpers/app.ts';

describe('the request journal is bounded', () => {
  it('keeps the newest entries and counts the dropped ones', async () => {
    const journal = new RequestJournal(5);
    const app = appOf(stateFor('empty'), { journal });
    for (let i = 0; i < 8; i++) await request(app).get(`/alloy/workflows/w${i}/analytics`);
    const body = (await request(app).get('/__mock/requests')).body;
    expect(body).toMatchObject({ total: 5, capacity: 5, dropped: 3 });
    expect(body.entries.map((e: { path: string }) => e.path)).toEqual([7, 6, 5, 4, 3].map((i) => `/alloy/workflows/w${i}/analytics`));
  });
});

describe('CORS', () => {
  it('answers a preflight from any origin by default, and exposes x-request-id', async () => {
    const app = appOf(stateFor('empty'));
    const preflight = await request(app).options('/b3os/v1/executions/stats').set({ origin: 'http://localhost:5173', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,x-org-id' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(preflight.headers['access-control-allow-headers']).toBe('authorization,x-org-id');
    const res = await request(app).get('/b3os/v1/executions/stats').set({ origin: 'http://localhost:5173' });
    expect(res.headers['access-control-expose-headers']).toBe('x-request-id');
  });

  it('can be limited to some origins, or turned off', async () => {
    const path = '/alloy/workflows/w1/analytics';
    const limited = appOf(stateFor('empty'), { corsOrigins: ['https://dash.example'] });
    expect((await request(limited).get(path).set({ origin: 'https://evil.example' })).headers['access-control-allow-origin']).toBeUndefined();
    expect((await request(limited).get(path).set({ origin: 'https://dash.example' })).headers['access-control-allow-origin']).toBe('https://dash.example');
    const off = appOf(stateFor('empty'), { corsOrigins: false });
    expect((await request(off).get(path).set({ origin: 'https://dash.example' })).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('says the answer varies by Origin, with or without one, so a shared cache keeps them apart', async () => {
    const app = appOf(stateFor('empty'));
    expect((await request(app).get('/alloy/workflows/w1/analytics')).headers.vary).toBe('Origin');
    expect((await request(app).get('/__mock/health')).headers.vary).toBe('Origin');
    expect((await request(app).get('/alloy/workflows/w1/analytics').set({ origin: 'https://dash.example' })).headers.vary).toBe('Origin');
    // A path below no mount is answered with the vendor APIs' CORS (a page learns where the APIs are).
    const nowhere = await request(app).get('/nowhere').set({ origin: 'https://dash.example' });
    expect([nowhere.status, nowhere.headers.vary, nowhere.headers['access-control-allow-origin']]).toEqual([404, 'Origin', 'https://dash.example']);
    const off = appOf(stateFor('empty'), { corsOrigins: false });
    expect((await request(off).get('/alloy/workflows/w1/analytics')).headers.vary).toBeUndefined();
    expect((await request(off).get('/nowhere')).headers.vary).toBeUndefined();
    // The admin API's own list, with the vendor APIs' turned off: the vendor APIs still vary by Origin.
    const adminOnly = appOf(stateFor('empty'), { corsOrigins: false, adminOrigins: ['https://admin.example'] });
    expect((await request(adminOnly).get('/alloy/workflows/w1/analytics').set({ origin: 'https://admin.example' })).headers).toMatchObject({ vary: 'Origin' });
    expect((await request(adminOnly).get('/alloy/workflows/w1/analytics').set({ origin: 'https://admin.example' })).headers['access-control-allow-origin']).toBeUndefined();
    expect((await request(adminOnly).get('/__mock/health').set({ origin: 'https://admin.example' })).headers['access-control-allow-origin']).toBe('https://admin.example');
  });
});
