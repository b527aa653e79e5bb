/**
 * The methods the server offers are the methods that answer: a CORS preflight names only those (no
 * PUT/PATCH/POST/DELETE where every one of them is a 405), and a 405's `Allow` names every method the path
 * answers, HEAD included (GET answers it). Read from the specs, so an operation added is offered at once.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { API_NAMES, mountPath } from '../../src/apis.ts';
import { loadSpec } from '../../src/openapi/spec-document.ts';
import { appOf, stateFor } from '../helpers/app.ts';
import { DEFAULT } from '../helpers/fixtures.ts';
import { buildRequest } from '../helpers/spec-requests.ts';

const NOW = '2026-11-20T12:00:00Z';
const ORIGIN = 'http://localhost:5173';
const EVERY_METHOD = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The methods that answer at an operation's path: its spec's methods there, and HEAD wherever GET is. */
function answeringMethods(spec: ReturnType<typeof loadSpec>, path: string): string[] {
  const methods = spec.operations().filter((op) => op.path === path).map((op) => op.method.toUpperCase());
  return methods.includes('GET') ? [...methods, 'HEAD'] : methods;
}

const sorted = (header: string | undefined) => (header ?? '').split(',').map((m) => m.trim()).filter(Boolean).sort();

describe.each(API_NAMES)('the %s API', (name) => {
  const spec = loadSpec(name);
  const app = appOf(stateFor('default', NOW));
  const vendorMethods = [...new Set(API_NAMES.flatMap((api) => loadSpec(api).operations().map((op) => op.method.toUpperCase())))];

  it.each(spec.operations().map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))('offers in a preflight only the methods that answer: %s', async (_title, op) => {
    const { path } = buildRequest(op);
    const preflight = await request(app).options(mountPath(name) + path).set({ origin: ORIGIN, 'access-control-request-method': op.method.toUpperCase() });
    expect(preflight.status).toBe(204);
    const offered = sorted(preflight.headers['access-control-allow-methods']);
    // Every vendor operation's method, HEAD and OPTIONS; nothing the vendor APIs answer with a 405 only.
    expect(offered).toEqual([...new Set([...vendorMethods, 'HEAD', 'OPTIONS'])].sort());
    for (const method of offered.filter((m) => m !== 'OPTIONS')) {
      expect(API_NAMES.some((api) => loadSpec(api).operations().some((o) => o.method.toUpperCase() === (method === 'HEAD' ? 'GET' : method))), method).toBe(true);
    }
  });

  it.each(spec.operations().map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))('names HEAD in the Allow of a 405: %s', async (_title, op) => {
    const { path } = buildRequest(op);
    const allowed = answeringMethods(spec, op.path);
    const refused = EVERY_METHOD.find((m) => !allowed.includes(m)) as string;
    const res = await request(app)[refused.toLowerCase() as 'post'](mountPath(name) + path).set({ authorization: `Bearer ${DEFAULT.acme.token}` });
    expect(res.status).toBe(405);
    expect(sorted(res.headers.allow)).toEqual([...allowed].sort());
    // HEAD answers where GET does: with the GET's status and no body.
    if (allowed.includes('HEAD')) {
      const head = await request(app).head(mountPath(name) + path).set({ authorization: `Bearer ${DEFAULT.acme.token}` });
      expect(head.status).not.toBe(405);
    }
  });
});

describe('the admin API', () => {
  const spec = loadSpec('admin');
  const app = appOf(stateFor('default', NOW), { adminOrigins: [ORIGIN] });
  const paths = [...new Set(spec.operations().map((op) => op.path))];

  it.each(paths)('offers in a preflight only the methods some admin operation answers: %s', async (path) => {
    const preflight = await request(app).options(path.replace('{id}', 'x')).set({ origin: ORIGIN, 'access-control-request-method': 'GET' });
    expect(preflight.status).toBe(204);
    const adminMethods = [...new Set(spec.operations().map((op) => op.method.toUpperCase()))];
    expect(sorted(preflight.headers['access-control-allow-methods'])).toEqual([...new Set([...adminMethods, 'HEAD', 'OPTIONS'])].sort());
  });

  it.each(paths)('names HEAD in the Allow of a 405 wherever GET answers: %s', async (path) => {
    const allowed = answeringMethods(spec, path);
    const refused = EVERY_METHOD.find((m) => !allowed.includes(m)) as string;
    const res = await request(app)[refused.toLowerCase() as 'post'](path.replace('{id}', 'x'));
    expect(res.status).toBe(405);
    expect(sorted(res.headers.allow)).toEqual([...allowed].sort());
  });
});
