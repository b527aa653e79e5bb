/**
 * The specs and the server tell the same truth about what comes back. The MSW corpus (every operation of
 * the five APIs and of the admin API, valid and invalid: bad credentials, ids, parameters, methods, bodies,
 * encodings, injected faults) is replayed against the HTTP server, and each answer is held to the spec of
 * the operation at its path:
 * - its status is listed for that operation by number (`default` only covers statuses that nothing but an
 *   injected fault answers: 429, 502, 503 and 504 on a vendor API);
 * - every header the spec declares as required is sent, and every `x-request-id` or `allow` sent is declared;
 * - its body is valid against the documented schema.
 * A 405 is held to the operations at its path (OpenAPI has no place for a method a path does not have), a
 * HEAD to its GET, and a path with no operation (a 404 from the router) to nothing.
 */
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES, type ApiName } from '../../src/apis.ts';
import { pathTemplateSource } from '../../src/core/path-template.ts';
import { loadSpec, type Operation, type ResponseObject, type SpecName } from '../../src/openapi/spec-document.ts';
import { specValidator } from '../../src/openapi/spec-validator.ts';
import { alloyApi } from '../../src/apis/alloy/api.ts';
import { b3osApi } from '../../src/apis/b3os/api.ts';
import { multiplaiApi } from '../../src/apis/multiplai/api.ts';
import { onepinApi } from '../../src/apis/onepin/api.ts';
import { stackaiApi } from '../../src/apis/stackai/api.ts';
import { ApiFailure, type FailureKind } from '../../src/apis/shared/api-failure.ts';
import type { VendorApi } from '../../src/apis/shared/vendor-router.ts';
import { appOf, stateFor } from '../helpers/app.ts';
import { buildCorpus, type CorpusRequest } from '../msw/corpus.ts';

const NOW = '2026-11-20T12:00:00Z';
/** Statuses a vendor API answers only when told to by a fault rule: the spec's `default` covers them. */
const INJECTED_ONLY = new Set([429, 502, 503, 504]);

interface Exchange {
  readonly request: CorpusRequest;
  readonly status: number;
  readonly headers: Record<string, string | undefined>;
  readonly body: string;
}

let exchanges: Exchange[] = [];

beforeAll(async () => {
  const server: Server = appOf(stateFor('default', NOW)).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const fixtures = await overHttp(origin, { name: 'fixtures', method: 'GET', path: '/__mock/fixtures', headers: {} });
    for (const request of buildCorpus(JSON.parse(fixtures.body).workspaces)) exchanges.push(await overHttp(origin, request));
  } finally {
    server.close();
  }
}, 120_000);

afterAll(() => {
  exchanges = [];
});

/** The spec and the operations at the exchange's path (any method), and the one for its method if any. */
function operationsOf({ request }: Exchange): { spec: SpecName; atPath: Operation[]; op: Operation | undefined } | undefined {
  const path = request.path.split('?')[0] as string;
  const mount = (path.split('/')[1] ?? '').toLowerCase();
  const spec: SpecName | undefined = mount === '__mock' ? 'admin' : (API_NAMES as readonly string[]).includes(mount) ? (mount as ApiName) : undefined;
  if (spec === undefined) return undefined;
  const below = spec === 'admin' ? path : path.slice(mount.length + 1) || '/';
  const atPath = loadSpec(spec).operations().filter((o) => new RegExp(`^${pathTemplateSource(o.path)}/?$`, 'i').test(below));
  const method = request.method === 'HEAD' ? 'get' : request.method.toLowerCase();
  return { spec, atPath, op: atPath.find((o) => o.method === method) };
}

function declaredHeaders(spec: SpecName, response: ResponseObject | undefined): Map<string, { required: boolean }> {
  const document = loadSpec(spec);
  return new Map(Object.entries(response?.headers ?? {}).map(([name, header]) => [name.toLowerCase(), { required: document.resolve<{ required?: boolean }>(header).required === true }]));
}

describe('every answer of the corpus is what the spec of its operation documents', () => {
  it('replays the whole corpus, every API and the admin API', () => {
    expect(exchanges.length).toBeGreaterThanOrEqual(500);
    expect(new Set(exchanges.map((e) => operationsOf(e)?.spec)).size).toBe(API_NAMES.length + 1);
  });

  it('lists each status by number for the operation (the 405s for the operations at their path)', () => {
    const missing = new Set<string>();
    for (const exchange of exchanges) {
      const found = operationsOf(exchange);
      if (found === undefined || found.atPath.length === 0) continue;
      const ops = found.op === undefined ? found.atPath : [found.op];
      for (const op of ops) {
        const listed = String(exchange.status) in op.responses;
        const covered = found.spec !== 'admin' && INJECTED_ONLY.has(exchange.status) && 'default' in op.responses;
        if (!listed && !covered) missing.add(`${found.spec} ${op.operationId} ${exchange.status} (e.g. ${exchange.request.name})`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('sends every header the spec requires, and declares every x-request-id and allow it sends', () => {
    const wrong = new Set<string>();
    for (const exchange of exchanges) {
      const found = operationsOf(exchange);
      if (found === undefined || found.atPath.length === 0) continue;
      for (const op of found.op === undefined ? found.atPath : [found.op]) {
        const response = op.responses[String(exchange.status)] ?? op.responses.default;
        const declared = declaredHeaders(found.spec, response);
        for (const [name, { required }] of declared) {
          if (required && exchange.headers[name] === undefined) wrong.add(`${found.spec} ${op.operationId} ${exchange.status}: ${name} declared required, not sent`);
        }
        for (const name of ['x-request-id', 'allow']) {
          if (exchange.headers[name] !== undefined && !declared.has(name)) wrong.add(`${found.spec} ${op.operationId} ${exchange.status}: ${name} sent, not declared`);
        }
      }
    }
    expect([...wrong]).toEqual([]);
  });

  it('sends x-request-id with every vendor answer, and allow with every 405', () => {
    for (const exchange of exchanges) {
      const found = operationsOf(exchange);
      if (found === undefined) continue;
      if (found.spec !== 'admin') expect(exchange.headers['x-request-id'], exchange.request.name).toMatch(/\S/);
      if (exchange.status === 405) expect(exchange.headers.allow, exchange.request.name).toMatch(/^[A-Z]+(, [A-Z]+)*$/);
    }
  });

  it('answers with bodies valid against the documented schema', () => {
    const problems: string[] = [];
    for (const exchange of exchanges) {
      const found = operationsOf(exchange);
      if (found === undefined || found.atPath.length === 0 || exchange.request.method === 'HEAD') continue;
      const op = found.op ?? (found.atPath[0] as Operation);
      // The scenario document's schema lives in scenario.schema.yaml, which the validator cannot reach from
      // admin.yaml (test/admin checks those bodies against it).
      if (exchange.status === 200 && (op.operationId === 'getScenario' || op.operationId === 'getState')) continue;
      const body = exchange.body === '' ? undefined : JSON.parse(exchange.body);
      for (const p of specValidator().validateResponse(op, exchange.status, exchange.headers['content-type'], body)) {
        problems.push(`${exchange.request.name}: ${exchange.status} ${p.path} ${p.message}`);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });
});

const VENDOR_APIS: Record<ApiName, VendorApi> = { alloy: alloyApi, stackai: stackaiApi, onepin: onepinApi, b3os: b3osApi, multiplai: multiplaiApi };

/**
 * What any request to a vendor API can meet besides its handler's own failures: a body that cannot be read
 * (too large, an unknown Content-Encoding, unreadable), a method the path does not answer, a bug. Plus what
 * each handler throws: every API authenticates; all but B3OS look up an id (404); all but Alloy check the
 * workspace asked for against the token's (403: Alloy answers a workflow of another workspace with 404).
 */
function kindsOf(api: ApiName): FailureKind[] {
  return [
    'unauthenticated', 'invalid', 'payload-too-large', 'method-not-allowed', 'unsupported-media-type', 'internal',
    ...(api === 'alloy' ? [] : ['forbidden' as const]),
    // B3OS looks up no id (its 404 is the router's, for a path that is no operation's).
    ...(api === 'b3os' ? [] : ['not-found' as const]),
  ];
}

describe.each(API_NAMES)('every failure the %s API can answer', (name) => {
  it.each(kindsOf(name).map((kind) => [kind]))('is documented by number on every operation, in its envelope: %s', (kind) => {
    const { status, body } = VENDOR_APIS[name].toErrorResponse(new ApiFailure(kind, 'Something went wrong', []), { requestId: 'r-1', now: Date.parse(NOW) });
    for (const op of loadSpec(name).operations()) {
      expect(Object.keys(op.responses), `${op.operationId} documents ${status}`).toContain(String(status));
      expect(specValidator().validateResponse(op, status, 'application/json', body)).toEqual([]);
      const headers = declaredHeaders(name, op.responses[String(status)]);
      expect(headers.get('x-request-id'), `${op.operationId} ${status} declares x-request-id`).toEqual({ required: true });
      if (status === 405) expect(headers.get('allow'), `${op.operationId} 405 declares allow`).toEqual({ required: true });
    }
  });
});

function overHttp(origin: string, request: CorpusRequest): Promise<Exchange> {
  const { method, path, headers, body } = request;
  return new Promise((resolve, reject) => {
    const sent = { ...headers, ...(body === undefined ? {} : { 'content-length': String(body.byteLength) }) };
    const outgoing = httpRequest(`${origin}${path}`, { method, headers: sent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const flat = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
        resolve({ request, status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    outgoing.on('error', reject);
    if (body !== undefined) outgoing.write(body);
    outgoing.end();
  });
}
