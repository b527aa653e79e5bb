/** B3OS stats requests and the whole-answer check, shared by the B3OS API tests. */
import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'vitest';
import { expectMatchesSpec } from './app.ts';

export type B3osQuery = Record<string, string | number>;

/** GET /b3os/v1/executions/stats with a query (an object, or the raw query string). */
export function b3osStats(app: Express, query: B3osQuery | string, headers: Record<string, string>) {
  const text = typeof query === 'string' ? query : new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return request(app).get(`/b3os/v1/executions/stats${text === '' ? '' : `?${text}`}`).set(headers);
}

/** The whole body, with the request id the router put in `x-request-id`, and the spec's blessing. */
export function expectB3os(res: request.Response, status: number, body: Record<string, unknown>) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toEqual({ ...body, requestId: res.headers['x-request-id'] });
  expectMatchesSpec('b3os', '/b3os', res);
}
