/** A path that is neither an API mount, the admin API nor the dashboard: a JSON 404 that says where things are. */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { API_NAMES } from '../../src/apis.ts';
import { appFor } from '../helpers/app.ts';

const NOW = '2026-11-20T12:00:00Z';

describe('a path off the mounts', () => {
  const { app } = appFor('empty', NOW);

  it.each(['GET', 'POST', 'PUT', 'DELETE', 'PATCH'])('%s gets a JSON 404 naming the mounts, with a request id', async (method) => {
    const res = await request(app)[method.toLowerCase() as 'get']('/api/v1/workflows/x/runs/summary');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).toMatchObject({ error: 'not_found', mounts: { onepin: '/onepin', admin: '/__mock' } });
    expect(res.body.message).toContain(`Nothing at ${method} /api/v1/workflows/x/runs/summary`);
    for (const api of API_NAMES) expect(res.body.message).toContain(`/${api}`);
  });

  it('HEAD: the same status and headers, no body', async () => {
    const res = await request(app).head('/favicon.ico');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBeGreaterThan(0);
    expect(res.text).toBeUndefined();
  });

  it('OPTIONS without a CORS preflight: 404 too; a preflight from a page is answered by CORS', async () => {
    expect((await request(app).options('/nope')).status).toBe(404);
    const preflight = await request(app).options('/nope').set('origin', 'http://localhost:5173').set('access-control-request-method', 'GET');
    expect(preflight.status).toBe(204);
  });

  it('is journaled, as before', async () => {
    const { app: journaled } = appFor('empty', NOW);
    await request(journaled).get('/nope?x=1');
    const journal = await request(journaled).get('/__mock/requests');
    expect(journal.body.entries[0]).toMatchObject({ api: null, method: 'GET', path: '/nope', status: 404 });
  });

  it('echoes at most 200 characters of the path', async () => {
    const res = await request(app).get(`/${'a'.repeat(5000)}`);
    expect(res.status).toBe(404);
    expect(res.body.message.length).toBeLessThan(700);
  });
});
