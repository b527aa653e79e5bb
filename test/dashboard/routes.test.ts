/**
 * The pages' routes in process (src/server/dashboard-routes.ts): the dashboard at `/` and the reference at
 * `/__mock/docs` with their CSP, the docs open without the admin token while the rest of /__mock keeps its
 * protection, each spec's server set to its mount here, and whether the page must ask for the admin token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboardFiles } from '../../scripts/build-dashboard.ts';
import { FlowmockCore } from '../../src/core/flowmock-core.ts';
import { dashboardRoutes } from '../../src/server/dashboard-routes.ts';
import { appOf, stateFor } from '../helpers/app.ts';

let assetsDir: string;
beforeAll(async () => {
  assetsDir = mkdtempSync(join(tmpdir(), 'flowmock-dashboard-'));
  await buildDashboardFiles({ outDir: assetsDir, log: () => undefined });
}, 60_000);
afterAll(() => rmSync(assetsDir, { recursive: true, force: true }));

function pages(adminToken?: string) {
  const core = new FlowmockCore(stateFor('default', '2026-11-20T12:00:00Z'), adminToken === undefined ? {} : { adminToken });
  return express().use(dashboardRoutes(core, { assetsDir }));
}

describe('the dashboard page', () => {
  it('is served at / with a CSP allowing scripts of this origin only', async () => {
    const res = await request(pages()).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)|https?:/);
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(res.text).toContain('<meta name="flowmock-admin-token" content="none">');
  });

  it('tells the page to ask for the admin token when the server has one, and holds no secret', async () => {
    const res = await request(pages('s3cret-admin')).get('/');
    expect(res.text).toContain('<meta name="flowmock-admin-token" content="required">');
    expect(res.text).not.toContain('s3cret-admin');
  });

  it('serves its scripts and styles from this origin', async () => {
    const js = await request(pages()).get('/dashboard-assets/dashboard.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['x-content-type-options']).toBe('nosniff');
    expect((await request(pages()).get('/dashboard-assets/swagger-ui/swagger-ui-bundle.js')).status).toBe(200);
  });
});

describe('the API reference at /__mock/docs', () => {
  it('renders without the admin token, while the rest of /__mock keeps asking for it', async () => {
    const app = appOf(stateFor('default', '2026-11-20T12:00:00Z'), { adminToken: 's3cret-admin' });
    const docs = await request(app).get('/__mock/docs');
    // Served by the pages' routes before the core: the page (or, unbuilt, the note saying how to build it).
    expect([200, 503]).toContain(docs.status);
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await request(app).get('/__mock/docs/specs/onepin.json')).status).toBe(200);
    expect((await request(app).get('/__mock/fixtures')).status).toBe(401);
    expect((await request(app).get('/__mock/docs-not')).status).toBe(401);
    expect((await request(app).get('/__mock/docs/specs/nothing.json')).status).toBe(401);
  });

  it('gives each spec with its one server at its mount on this server', async () => {
    for (const [name, url] of [['alloy', '/alloy'], ['stackai', '/stackai'], ['onepin', '/onepin'], ['b3os', '/b3os'], ['multiplai', '/multiplai'], ['admin', '/']]) {
      const res = await request(pages()).get(`/__mock/docs/specs/${name}.json`);
      expect(res.status, name).toBe(200);
      expect(res.body.servers, name).toEqual([{ url, description: 'this flowmock server' }]);
      expect(res.body.openapi, name).toBe('3.1.0');
    }
  });

  it('is sent with a CSP without inline scripts (Swagger UI needs inline styles only)', async () => {
    const res = await request(pages()).get('/__mock/docs');
    expect(res.status).toBe(200);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe|https?:/);
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
