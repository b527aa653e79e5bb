/**
 * GET /__mock/health answers without the admin token (probes ask it so), the rest of /__mock stays
 * protected, and health tells nothing secret: no token, no file path.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { appOf, stateFor } from '../helpers/app.ts';

const ADMIN_TOKEN = 'admin-s3cret-token';

describe('health without the admin token', () => {
  const state = stateFor('edge-cases');
  const app = appOf(state, { adminToken: ADMIN_TOKEN });

  it('answers GET and HEAD without a token, from any peer', async () => {
    const res = await request(app).get('/__mock/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', scenario: { name: 'edge-cases' } });
    expect((await request(app).head('/__mock/health')).status).toBe(200);
    expect((await request(app).get('/__MOCK/health')).status).toBe(200);
  });

  it('keeps every other admin endpoint behind the token', async () => {
    for (const path of ['/__mock/fixtures', '/__mock/state', '/__mock/requests', '/__mock/clock', '/__mock/healthz', '/__mock/health/x', '/__mock/HEALTH']) {
      expect((await request(app).get(path)).status, path).toBe(401);
    }
    expect((await request(app).post('/__mock/health')).status).toBe(401);
    expect((await request(app).get('/__mock/fixtures').set('authorization', `Bearer ${ADMIN_TOKEN}`)).status).toBe(200);
  });

  it('still refuses a page of another origin', async () => {
    const res = await request(app).get('/__mock/health').set('origin', 'https://evil.example');
    expect(res.status).toBe(403);
  });

  it('tells nothing secret: no token of any workspace, nor the admin token, nor a file path', async () => {
    const text = (await request(app).get('/__mock/health')).text;
    const tokens = [...state.dataset.workspaces()].flatMap((ws) => ws.workspace.tokens);
    expect(tokens.length).toBeGreaterThan(0);
    for (const secret of [...tokens, ADMIN_TOKEN]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/\.ya?ml|\.json|\/work\/|[A-Z]:\\|scenarios\//);
  });

  it('on a loopback server, still only for loopback host names (DNS rebinding)', async () => {
    const guarded = appOf(stateFor('empty'), { adminToken: ADMIN_TOKEN, allowedHosts: [] });
    expect((await request(guarded).get('/__mock/health').set('host', 'rebound.example:4010')).status).toBe(403);
    expect((await request(guarded).get('/__mock/health').set('host', '127.0.0.1:4010')).status).toBe(200);
  });
});
