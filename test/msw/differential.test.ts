/**
 * The Express server over HTTP and the MSW handlers through fetch answer one corpus of requests (every
 * operation, valid and invalid, admin writes and clock moves between them) with the same status, the same
 * headers that matter and the same body bytes: request ids, `uptimeSeconds` and the journal's wall-clock
 * timings aside. Each side starts from the same scenario and clock and replays the corpus in order.
 */
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlowmockHandlers, type FlowmockHandlers } from '../../src/msw/handlers.ts';
import { appOf, stateFor } from '../helpers/app.ts';
import { buildCorpus, type CorpusRequest } from './corpus.ts';

const NOW = '2026-11-20T12:00:00Z';
const MSW_BASE = 'http://flowmock.msw.test';

interface Exchange {
  readonly status: number;
  readonly headers: Record<string, string | undefined>;
  readonly body: string;
}

let corpus: CorpusRequest[];
let viaServer: Exchange[] = [];
let viaMsw: Exchange[] = [];
let mock: FlowmockHandlers;

beforeAll(async () => {
  const server: Server = appOf(stateFor('default', NOW)).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    corpus = buildCorpus(JSON.parse((await overHttp(origin, { name: 'fixtures', method: 'GET', path: '/__mock/fixtures', headers: {} })).body).workspaces);
    // The fixtures request above is journaled by the server: MSW's side makes the same first request.
    for (const request of corpus) viaServer.push(await overHttp(origin, request));
  } finally {
    server.close();
  }
  mock = await createFlowmockHandlers({ scenario: 'default', now: NOW, baseUrl: MSW_BASE });
  const msw = setupServer(...mock.handlers);
  msw.listen({ onUnhandledRequest: 'error' });
  try {
    await throughFetch({ name: 'fixtures', method: 'GET', path: '/__mock/fixtures', headers: {} });
    for (const request of corpus) viaMsw.push(await throughFetch(request));
  } finally {
    msw.close();
    mock.close();
  }
}, 300_000);

afterAll(() => {
  viaServer = [];
  viaMsw = [];
});

describe('the MSW handlers answer as the HTTP server does', () => {
  it('over a corpus of at least 500 requests across every API and the admin API', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(500);
    const mounts = new Set(corpus.map((r) => r.path.split('/')[1]?.toLowerCase()));
    expect([...mounts].sort()).toEqual(['__mock', 'alloy', 'b3os', 'multiplai', 'onepin', 'stackai']);
    // The corpus reaches every status family it should: successes, client errors, injected server errors.
    const statuses = new Set(viaServer.map((e) => e.status));
    for (const status of [200, 201, 204, 400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 503]) expect(statuses, `status ${status}`).toContain(status);
  });

  it('with the same status, headers and body bytes for every request', () => {
    const differences: string[] = [];
    corpus.forEach((request, i) => {
      const server = normalised(viaServer[i] as Exchange);
      const msw = normalised(viaMsw[i] as Exchange);
      if (JSON.stringify(server) !== JSON.stringify(msw)) {
        differences.push(`#${i} ${request.name} (${request.method} ${request.path}):\n  server ${JSON.stringify(server).slice(0, 600)}\n  msw    ${JSON.stringify(msw).slice(0, 600)}`);
      }
    });
    expect(differences.slice(0, 10).join('\n'), `${differences.length} of ${corpus.length} differ`).toBe('');
  });
});

/** What must be equal: status, the headers the core sets, the body with per-request values blanked. */
function normalised({ status, headers, body }: Exchange) {
  const requestId = headers['x-request-id'];
  let text = requestId === undefined ? body : body.split(requestId).join('<request-id>');
  text = withoutMultiplaiQueries(text)
    .replace(/"uptimeSeconds":[0-9.e+-]+/g, '"uptimeSeconds":0')
    .replace(/"at":"[^"]+"/g, '"at":"<wall clock>"')
    .replace(/"durationMs":[0-9.e+-]+/g, '"durationMs":0');
  return {
    status,
    contentType: headers['content-type'],
    allow: headers.allow,
    location: headers.location,
    requestId: requestId === undefined ? undefined : 'present',
    body: text,
  };
}

/**
 * The journal records each request's query string; Multiplai's were sent as a body to the server and as a
 * query string to MSW (the two forms of one query), so those entries' queries differ by design.
 */
function withoutMultiplaiQueries(body: string): string {
  if (!body.startsWith('{"entries":')) return body;
  const journal = JSON.parse(body) as { entries: { api: string; query: unknown }[] };
  for (const entry of journal.entries) if (entry.api === 'multiplai') entry.query = '<form>';
  return JSON.stringify(journal);
}

function overHttp(origin: string, { method, path, headers, body }: CorpusRequest): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const sent = { ...headers, ...(body === undefined ? {} : { 'content-length': String(body.byteLength) }) };
    const outgoing = httpRequest(`${origin}${path}`, { method, headers: sent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: flat(res.headers), body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    outgoing.on('error', reject);
    if (body !== undefined) outgoing.write(body);
    outgoing.end();
  });
}

async function throughFetch(request: CorpusRequest): Promise<Exchange> {
  const path = request.twin?.path ?? request.path;
  const body = request.twin !== undefined ? undefined : request.body;
  const headers = { ...request.headers };
  if (request.twin !== undefined) delete headers['content-type'];
  const response = await fetch(`${MSW_BASE}${path}`, { method: request.method, headers, ...(body === undefined ? {} : { body }) });
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  return { status: response.status, headers: out, body: await response.text() };
}

function flat(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
}
