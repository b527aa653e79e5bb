/**
 * fast-check arbitraries for requests to every operation of the five vendor APIs and every route of the
 * admin API (specs/*.yaml): valid requests built from the fixtures, the same requests mutated one way at
 * a time (auth, ids, query parameters, headers, bodies, methods, paths), and wholly random ones.
 *
 * A request is a model (mount, path segments, decoded query pairs, header lines, a JSON value or raw bytes)
 * until it is rendered to what goes on the wire; every mutation says what it did in `label`, and the
 * rendered request prints as an HTTP request (fast-check's counterexamples, the long run's reports).
 */
import { brotliCompressSync, constants as zlibConstants, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { stringify as yamlStringify } from 'yaml';
import type { WireRequest } from './protocol.ts';

// ---------------------------------------------------------------------------------------------------------
// Fixtures: what valid requests are made of.

export interface FixtureWorkspace {
  readonly id: string;
  readonly tokens: readonly string[];
  readonly users: readonly string[];
  /** Flows with whether the clock's now sees them (a flow created later is a 404 on every API). */
  readonly flows: readonly { readonly id: string; readonly kind: string; readonly visible: boolean }[];
  /** Some runs (explicit and generated), for PATCH /__mock/runs/{id}. */
  readonly runs: readonly { readonly id: string; readonly flow: string; readonly status: string }[];
}

export interface FuzzFixtures {
  /** The clock's now when the state is fresh (epoch ms). */
  readonly now: number;
  readonly workspaces: readonly FixtureWorkspace[];
  /** The scenario document in force: a valid body for PUT /__mock/scenario that keeps these fixtures true. */
  readonly scenario: unknown;
}

// ---------------------------------------------------------------------------------------------------------
// Requests.

export interface FuzzRequest extends WireRequest {
  /** The operation (or route) the request was built for: `onepin.runsSummary`, `admin.setClock`, `random`. */
  readonly target: string;
  /** How it was made: `valid`, or the mutation applied (`query from = 8640000000000001`). */
  readonly label: string;
  readonly headers: readonly (readonly [string, string])[];
}

type Pairs = readonly (readonly [string, string])[];

interface Segment {
  /** A literal segment as written, or a parameter's value (percent-encoded when rendered unless `raw`). */
  readonly text: string;
  readonly param?: boolean;
  /** Put on the wire as it is: broken escapes (`%ZZ`) and encoded slashes stay what they are. */
  readonly raw?: boolean;
}

type ModelBody = { readonly json: unknown } | { readonly text: string } | { readonly bytes: Uint8Array };

interface Model {
  readonly target: string;
  readonly method: string;
  /** `/alloy` … `/__mock`. */
  readonly mount: string;
  readonly segments: readonly Segment[];
  /** Replaces mount and segments when set (path mutations). */
  readonly rawPath?: string;
  /** Decoded query pairs, encoded when rendered. */
  readonly query: Pairs;
  /** Appended to the rendered query as it is (`a[]=`, `%ZZ`, …). */
  readonly rawQuery?: string;
  readonly headers: Pairs;
  readonly body?: ModelBody;
  readonly labels: readonly string[];
}

export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PURGE', 'PROPFIND', 'SEARCH', 'LOCK', 'MKCOL'] as const;
export const MOUNTS = ['/alloy', '/stackai', '/onepin', '/b3os', '/multiplai', '/__mock'] as const;

const encoder = new TextEncoder();
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Percent-encodes text as UTF-8 (lone surrogates become U+FFFD, as a browser sends them), keeping unreserved characters. */
export function pct(text: string): string {
  let out = '';
  for (const byte of encoder.encode(text)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function render(model: Model): FuzzRequest {
  const path = model.rawPath ?? model.mount + model.segments.map((s) => `/${s.param === true && s.raw !== true ? pct(s.text) : s.text}`).join('');
  const encoded = model.query.map(([name, value]) => `${pct(name)}=${pct(value)}`);
  if (model.rawQuery !== undefined) encoded.push(model.rawQuery);
  const body = model.body === undefined ? undefined : bodyBytesOf(model.body);
  const request: FuzzRequest = {
    target: model.target,
    label: model.labels.length === 0 ? 'valid' : model.labels.join('; '),
    method: model.method,
    path,
    query: encoded.join('&'),
    headers: model.headers,
    ...(body === undefined ? {} : { body }),
  };
  Object.defineProperty(request, fc.toStringMethod, { value: () => describeRequest(request), enumerable: false });
  return request;
}

function bodyBytesOf(body: ModelBody): Uint8Array {
  if ('bytes' in body) return body.bytes;
  if ('text' in body) return encoder.encode(body.text);
  return encoder.encode(JSON.stringify(body.json));
}

/** The request as an HTTP message (a long body or header cut short), for reports and counterexamples. */
export function describeRequest(request: WireRequest & { label?: string }, maxBody = 600): string {
  const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);
  const lines = [`${request.method} ${cut(request.path + (request.query === '' ? '' : `?${request.query}`), 400)}`];
  for (const [name, value] of request.headers) lines.push(`${name}: ${cut(value, 200)}`);
  if (request.body !== undefined) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(request.body);
    const printable = ![...text].some((c) => (c < ' ' && c !== '\t' && c !== '\n' && c !== '\r') || (c >= '\x7f' && c < '\xa0') || c === '\ufffd');
    lines.push('', printable ? cut(text, maxBody) : `<${request.body.byteLength} bytes: ${Buffer.from(request.body.slice(0, 48)).toString('hex')}${request.body.byteLength > 48 ? '…' : ''}>`);
  }
  if (request.label !== undefined) lines.unshift(`# ${request.label}`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Nasty values.

/** Numbers as query text: out of range, not numbers, numbers in other spellings. */
export const NUMBER_TEXTS = [
  '-1', '0', 'abc', '', '1.5', '8640000000000001', '-8640000000000001', '-1e308', '1e308', 'NaN', 'Infinity', '-Infinity',
  '9007199254740993', '1e3', '0x10', '+5', ' 5', '5 ', '-0', '00', '1_000', '5abc', '١٢', '1'.repeat(400), '2147483648', '-2147483649',
  '1e-400', '1e400', '-1e400', '.5', '5.', 'true', 'null', '[]', '{}',
];

/** Instants: leap seconds, years 0000 and 10000, offsets past ±23:59, impossible dates, other spellings. */
export const INSTANT_TEXTS = [
  '2026-11-20T23:59:60Z', '0000-01-01T00:00:00Z', '10000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z', '-000001-01-01T00:00:00Z',
  '2026-11-20T12:00:00+24:00', '2026-11-20T12:00:00-24:00', '2026-11-20T12:00:00+23:59', '2026-11-20T12:00:00-99:99',
  '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-11-20T24:00:00Z', '2026-11-20T12:60:00Z', '2026-11-20T12:00:61Z',
  '2026-11-20', '2026-11-20T12:00:00', '2026-11-20T12:00:00.123456789012Z', '2026-11-20t12:00:00z', '2026-11-20 12:00:00Z',
  '275760-09-13T00:00:00Z', '+275760-09-13T00:00:00.001Z', '1969-12-31T23:59:59.999Z', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z',
  '9999-12-31T23:59:59.999-23:59', '0001-01-01T00:00:00+23:59', '2026-W47', 'now', 'yesterday', '2026-11-20T12:00:00+0530',
  '2026-11-20T12:00:00+05:30:00', '2026-11-20T12:00:00Z/2026-11-21T00:00:00Z', '1e308', '-1e308', '8640000000000001',
  '2026-11-20T12:00:00.Z', '2026-11-20T12:00Z', '2026-1-2T3:4:5Z', '2026-11-20T12:00:00ZZ', '2016-12-31T23:59:60Z', '2026-06-30T23:59:60+00:00',
];

/** Other strings: empty, blank, control characters, unicode, long, prototype names. */
export const STRING_TEXTS = [
  '', ' ', 'x', '\u0000', '\t', '%', '%ZZ', '💥', 'é', '\u202e', '\ufeff', '\ud800', '__proto__', 'constructor', 'toString',
  'hasOwnProperty', '../../etc/passwd', '<script>', "' OR 1=1 --", '${7*7}', 'x'.repeat(10_000), 'null', 'undefined',
];

/** JSON values as raw JSON text, including what JSON.stringify cannot write (1e400, lone surrogates, deep nesting). */
export const JSON_TOKENS = [
  'null', 'true', 'false', '0', '-1', '1.5', '-0', '1e308', '-1e308', '1e400', '-1e400', '8640000000000001', '-8640000000000001',
  '9007199254740993', '123456789012345678901234567890', '1e-400', '2.5e-324', '""', '" "', '"x"', '"\\u0000"', '"\\ud800"', '"💥"',
  '[]', '{}', '[null]', '{"":null}', JSON.stringify('x'.repeat(20_000)), '[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]',
  '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '"3600000"', '"NaN"', '"Infinity"',
  '"__proto__"', '"constructor"', '"toString"', `${'['.repeat(5000)}${']'.repeat(5000)}`,
];

const INSTANT_TOKENS = INSTANT_TEXTS.map((t) => JSON.stringify(t));

/** Numbers JSON can write and a double cannot hold, or holds only approximately: where integers and ranges break. */
const NUMBER_TOKENS = ['1e400', '-1e400', '1e308', '-1e308', '8640000000000001', '-8640000000000001', '9007199254740993', '-0', '1.5', '-1', '0', '4294967296', '1e-7'];

/** Bodies that are not JSON, or not the JSON a body should be. */
const RAW_BODIES: readonly (readonly [string, Uint8Array])[] = [
  ['empty', new Uint8Array(0)],
  ['blank', encoder.encode(' \n')],
  ['unclosed object', encoder.encode('{')],
  ['unfinished member', encoder.encode('{"a":')],
  ['trailing comma', encoder.encode('[1,]')],
  ['extra brace', encoder.encode('{"a":1}}')],
  ['bare word', encoder.encode('nul')],
  ['single quotes', encoder.encode("{'a':1}")],
  ['byte-order mark', encoder.encode('\ufeff{}')],
  ['NUL after JSON', encoder.encode('{}\u0000')],
  ['NaN', encoder.encode('NaN')],
  ['number', encoder.encode('1')],
  ['string', encoder.encode('"s"')],
  ['null', encoder.encode('null')],
  ['true', encoder.encode('true')],
  ['array', encoder.encode('[]')],
  ['huge number', encoder.encode('1e400')],
  ['invalid UTF-8', Uint8Array.from([0xff, 0xfe, 0xfd, 0x7b, 0x7d])],
  ['invalid UTF-8 in a string', Uint8Array.from([...encoder.encode('{"a":"'), 0xc3, 0x28, ...encoder.encode('"}')])],
  ['overlong UTF-8', Uint8Array.from([...encoder.encode('{"a":"'), 0xc0, 0xaf, ...encoder.encode('"}')])],
  ['UTF-16 JSON', Uint8Array.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])],
  ['deeply nested arrays', encoder.encode(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)],
  ['deeply nested objects', encoder.encode(`${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`)],
  ['prototype key', encoder.encode('{"__proto__":{"polluted":true}}')],
  ['constructor key', encoder.encode('{"constructor":{"prototype":{"polluted":true}}}')],
  ['duplicate keys', encoder.encode('{"a":1,"a":2}')],
  ['lone surrogate', encoder.encode('{"a":"\\udc00"}')],
  ['exactly 1 MiB', encoder.encode(`{"a":"${'x'.repeat(1024 * 1024 - 8)}"}`)],
  ['1 MiB and a byte', new Uint8Array(1024 * 1024 + 1).fill(0x20)],
];

/** YAML that should be refused: bombs, cycles, nothing at all, tags. */
export const YAML_BODIES: readonly (readonly [string, string])[] = [
  ['empty', ''],
  ['tilde', '~'],
  ['null', 'null'],
  ['document marker', '---'],
  ['end marker', '...'],
  ['null document', '--- ~\n'],
  ['two documents', 'version: 1\n---\nversion: 1\n'],
  ['scalar', 'hello'],
  ['list', '- 1\n- 2\n'],
  ['billion laughs', billionLaughs(9, 9)],
  ['alias fan-out', billionLaughs(6, 30)],
  ['self-referencing alias', 'a: &x [*x]\n'],
  ['recursive merge', 'a: &x\n  <<: *x\n'],
  ['merge key', 'base: &b {version: 1}\ndoc:\n  <<: *b\n'],
  ['undefined alias', 'a: *nowhere\n'],
  ['deep flow nesting', `${'['.repeat(20_000)}${']'.repeat(20_000)}`],
  ['deep block nesting', Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')],
  ['binary tag', 'seed: !!binary aGVsbG8=\n'],
  ['unknown tag', 'seed: !fuzz 1\n'],
  ['js function tag', 'seed: !!js/function "function(){}"\n'],
  ['infinite seed', 'version: 1\nname: x\nseed: .inf\nworkspaces: []\n'],
  ['NaN seed', 'version: 1\nname: x\nseed: .nan\nworkspaces: []\n'],
  ['huge seed', 'version: 1\nname: x\nseed: 1e400\nworkspaces: []\n'],
  ['leap-second now', 'version: 1\nname: x\nseed: 1\nnow: 2026-12-31T23:59:60Z\nworkspaces: []\n'],
  ['year 10000 now', 'version: 1\nname: x\nseed: 1\nnow: 10000-01-01T00:00:00Z\nworkspaces: []\n'],
  ['YAML timestamp now', 'version: 1\nname: x\nseed: 1\nnow: 2026-11-20 12:00:00\nworkspaces: []\n'],
  ['duplicate keys', 'version: 1\nversion: 1\n'],
  ['complex key', '? [a, b]\n: c\n'],
  ['tab indentation', 'version: 1\n\tname: x\n'],
  ['directive', '%YAML 1.1\n---\nversion: 1\n'],
  ['prototype key', '__proto__: {polluted: true}\nversion: 1\nname: x\nseed: 1\nworkspaces: []\n'],
  ['invalid UTF-8', '\u00ff\u00fe'],
  // Not a scenario, but under the 64 MiB limit: the server must not spend seconds reading it.
  ['4.5 MB of YAML', Array.from({ length: 130_000 }, (_, i) => `- id: r-${i}\n  status: succeeded\n`).join('')],
];

function billionLaughs(levels: number, fanOut: number): string {
  const lines = ['a0: &a0 [lol]'];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: fanOut }, () => `*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

/** Content types a client might send (or get wrong). */
export const CONTENT_TYPES = [
  'application/json', 'APPLICATION/JSON', 'application/json; charset=utf-8', 'application/json; charset=UTF-8', 'application/json;charset="utf-8"',
  'application/json; charset=utf-16', 'application/json; charset=iso-8859-1', 'application/json; charset=nope', 'application/json; charset=',
  'application/json;;;', 'application/json; boundary=x', 'application/problem+json', 'application/vnd.api+json', 'text/json', 'text/plain',
  'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/yaml', 'text/yaml', 'application/x-yaml',
  'application/octet-stream', '', ';', '*/*', 'application', 'application/', 'garbage', 'json',
];

/** Statuses a fault rule may inject (400–599): the ones the specs name, and some they do not. */
export const INJECTABLE = [400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500, 502, 503, 504, 599];

export const CONTENT_ENCODINGS = ['gzip', 'deflate', 'br', 'identity', 'GZIP', 'x-gzip', 'compress', 'zstd', 'gzip, gzip', 'gzip, identity', 'garbage', ''];

// ---------------------------------------------------------------------------------------------------------
// Valid requests, one builder per operation.

interface Builders {
  readonly fx: FuzzFixtures;
  readonly a: FixtureWorkspace;
  readonly b: FixtureWorkspace;
  readonly flowsA: readonly string[];
  readonly token: string;
  /** The scenario as YAML, written once (the yaml package takes its time). */
  readonly scenarioYaml: string;
}

function builders(fx: FuzzFixtures): Builders {
  const [a, b = a] = fx.workspaces as [FixtureWorkspace, FixtureWorkspace?];
  if (a === undefined) throw new Error('the fuzz fixtures need a workspace');
  const visible = a.flows.filter((f) => f.visible).map((f) => f.id);
  return { fx, a, b, flowsA: visible.length > 0 ? visible : a.flows.map((f) => f.id), token: a.tokens[0] as string, scenarioYaml: yamlStringify(fx.scenario) };
}

function model(target: string, method: string, mount: string, segments: readonly Segment[], query: Pairs, headers: Pairs, body?: ModelBody): Model {
  return { target, method, mount, segments, query, headers, ...(body === undefined ? {} : { body }), labels: [] };
}

const lit = (text: string): Segment => ({ text });
const param = (text: string): Segment => ({ text, param: true });

const iso = (ms: number) => new Date(ms).toISOString();
const JSON_HEADERS: Pairs = [['content-type', 'application/json']];

/** An instant near the fixtures' now, in one of the spellings the APIs accept. */
function instantNear(now: number): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: -400 * DAY, max: 30 * DAY }), fc.constantFrom('Z', '+00:00', '+02:00', '-05:30', 'ms')).map(([offset, style]) => {
    const at = now + Math.round(offset / 1000) * 1000;
    if (style === 'ms') return iso(at);
    if (style === 'Z') return iso(at).replace('.000Z', 'Z');
    const sign = style.startsWith('-') ? -1 : 1;
    const [h, m] = style.slice(1).split(':').map(Number) as [number, number];
    const local = new Date(at + sign * (h * HOUR + m * 60_000)).toISOString().slice(0, 19);
    return `${local}${style}`;
  });
}

const TARGETS = [
  'alloy.getWorkflowAnalytics', 'stackai.listFlowRuns', 'onepin.runsSummary', 'b3os.executionStats', 'multiplai.workspaceMetrics',
  'admin.getHealth', 'admin.getFixtures', 'admin.createRun', 'admin.updateRun', 'admin.getClock', 'admin.setClock', 'admin.reset',
  'admin.getScenario', 'admin.replaceScenario', 'admin.listRequests', 'admin.clearRequests', 'admin.getFaults', 'admin.replaceFaults',
  'admin.clearFaults', 'admin.getLive', 'admin.setLive',
] as const;
export type Target = (typeof TARGETS)[number];
export const ALL_TARGETS: readonly Target[] = TARGETS;

function validModel(target: Target, x: Builders): fc.Arbitrary<Model> {
  const { fx, a, b, flowsA, token } = x;
  const auth: Pairs = [['authorization', `Bearer ${token}`]];
  const now = fx.now;
  switch (target) {
    case 'alloy.getWorkflowAnalytics':
      return fc.constantFrom(...flowsA).map((flow) =>
        model(target, 'GET', '/alloy', [lit('workflows'), param(flow), lit('analytics')], [], [...auth, ['x-api-version', '2025-09']]));
    case 'stackai.listFlowRuns':
      return fc.record({
        flow: fc.constantFrom(...flowsA),
        page: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
        page_size: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
        start_date: fc.option(fc.oneof(instantNear(now), instantNear(now).map((t) => t.slice(0, 10))), { nil: undefined }),
        end_date: fc.option(fc.oneof(instantNear(now), instantNear(now).map((t) => t.slice(0, 10))), { nil: undefined }),
        user_id: fc.option(fc.constantFrom(...(a.users.length > 0 ? a.users : ['1'])), { nil: undefined }),
        state: fc.option(fc.subarray(['PENDING', 'PAUSED', 'RESUMED', 'COMPLETED', 'FAILED', 'CANCELLED'], { minLength: 1 }).map((s) => s.join(',')), { nil: undefined }),
      }).map(({ flow, ...params }) =>
        model(target, 'GET', '/stackai', [lit('analytics'), lit('org'), param(a.id), lit('flows'), param(flow)], definedPairs(params), auth));
    case 'onepin.runsSummary':
      return fc.record({
        flow: fc.constantFrom(...flowsA),
        from: fc.option(instantNear(now), { nil: undefined }),
        to: fc.option(instantNear(now), { nil: undefined }),
        header: fc.boolean(),
      }).map(({ flow, from, to, header }) => {
        const [lo, hi] = from !== undefined && to !== undefined && Date.parse(from) > Date.parse(to) ? [to, from] : [from, to];
        return model(target, 'GET', '/onepin', [lit('api'), lit('v1'), lit('workflows'), param(flow), lit('runs'), lit('summary')],
          definedPairs({ from: lo, to: hi }), header ? [...auth, ['X-Workspace-Id', a.id]] : auth);
      });
    case 'b3os.executionStats':
      return fc.record({
        back: fc.integer({ min: 0, max: 400 * DAY }),
        span: fc.integer({ min: 0, max: 365 * DAY }),
        granularity: fc.constantFrom('hourly', 'daily'),
        header: fc.boolean(),
      }).map(({ back, span, granularity, header }) => {
        const from = Math.max(0, now - back);
        return model(target, 'GET', '/b3os', [lit('v1'), lit('executions'), lit('stats')],
          [['from', String(from)], ['to', String(from + span)], ['granularity', granularity]], header ? [...auth, ['X-Org-ID', a.id]] : auth);
      });
    case 'multiplai.workspaceMetrics':
      return fc.record({
        entity: fc.constantFrom('agents', 'workflows'),
        metric: fc.constantFrom('executions', 'created', 'copies', 'shares', 'avg_duration'),
        aggregation: fc.constantFrom('count', 'sum', 'avg'),
        group_by: fc.option(fc.constantFrom('user', 'date'), { nil: undefined }),
        granularity: fc.constantFrom('daily', 'weekly', 'monthly'),
        order_by: fc.option(fc.constantFrom('value', 'name', 'date'), { nil: undefined }),
        order_dir: fc.option(fc.constantFrom('asc', 'desc'), { nil: undefined }),
        limit: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
        period: fc.option(fc.constantFrom('7d', '30d', '90d', 'all'), { nil: undefined }),
        user: fc.option(fc.constantFrom(...(a.users.length > 0 ? a.users : ['1'])), { nil: undefined }),
        asQuery: fc.boolean(),
      }).map(({ entity, metric, aggregation, group_by, granularity, order_by, order_dir, limit, period, user, asQuery }) => {
        const avg = metric === 'avg_duration';
        const query: Record<string, unknown> = {
          workspace_uuid: a.id, entity: avg ? 'workflows' : entity, metric, aggregation,
          ...(group_by === undefined || avg ? {} : { group_by }),
          ...(group_by === 'date' && !avg ? { granularity } : {}),
          ...(order_by === undefined ? {} : { order_by }),
          ...(order_dir === undefined ? {} : { order_dir }),
          ...(limit === undefined ? {} : { limit }),
          ...(period === undefined && user === undefined ? {} : { filters: { ...(period === undefined ? {} : { period }), ...(user === undefined ? {} : { user_id: user }) } }),
        };
        const segments = [lit('api'), lit('v1'), lit('workspaces'), lit('metrics')];
        if (!asQuery) return model(target, 'GET', '/multiplai', segments, [], [...auth, ...JSON_HEADERS], { json: query });
        const pairs: [string, string][] = [];
        for (const [key, value] of Object.entries(query)) {
          if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) pairs.push([`${key}[${k}]`, String(v)]);
          else pairs.push([key, String(value)]);
        }
        return model(target, 'GET', '/multiplai', segments, pairs, auth);
      });
    case 'admin.getHealth':
    case 'admin.getFixtures':
    case 'admin.getClock':
    case 'admin.getScenario':
    case 'admin.getFaults':
    case 'admin.getLive': {
      const name = { 'admin.getHealth': 'health', 'admin.getFixtures': 'fixtures', 'admin.getClock': 'clock', 'admin.getScenario': 'scenario', 'admin.getFaults': 'faults', 'admin.getLive': 'live' }[target];
      return fc.constant(model(target, 'GET', '/__mock', [lit(name)], [], []));
    }
    case 'admin.listRequests':
      return fc.record({
        api: fc.option(fc.subarray(['alloy', 'stackai', 'onepin', 'b3os', 'multiplai', 'admin'], { minLength: 1 }).map((s) => s.join(',')), { nil: undefined }),
        method: fc.option(fc.subarray(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'], { minLength: 1 }).map((s) => s.join(',')), { nil: undefined }),
        status: fc.option(fc.constantFrom('200', '404', '4xx', '5xx', '2xx'), { nil: undefined }),
        path: fc.option(fc.constantFrom('/', '/alloy', '/onepin/api/v1/workflows', '/__mock'), { nil: undefined }),
        since: fc.option(fc.constantFrom('2020-01-01T00:00:00Z', '2030-01-01T00:00:00+02:00'), { nil: undefined }),
        fault: fc.option(fc.constantFrom('true', 'false'), { nil: undefined }),
        limit: fc.option(fc.integer({ min: 1, max: 1000 }).map(String), { nil: undefined }),
      }).map((params) => model(target, 'GET', '/__mock', [lit('requests')], definedPairs(params), []));
    case 'admin.clearRequests':
      return fc.constant(model(target, 'DELETE', '/__mock', [lit('requests')], [], []));
    case 'admin.clearFaults':
      return fc.constant(model(target, 'DELETE', '/__mock', [lit('faults')], [], []));
    case 'admin.reset':
      return fc.constant(model(target, 'POST', '/__mock', [lit('reset')], [], []));
    case 'admin.createRun':
      return fc.record({
        flow: fc.constantFrom(...flowsA),
        status: fc.constantFrom('awaiting_payment', 'payment_confirmed', 'queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled'),
        user: fc.option(fc.constantFrom(...(a.users.length > 0 ? a.users : ['1'])), { nil: null }),
        id: fc.option(fc.uuid({ version: 4 }), { nil: undefined }),
        appActions: fc.option(fc.nat(50), { nil: undefined }),
        tokens: fc.option(fc.nat(5000), { nil: undefined }),
        trigger: fc.option(fc.constantFrom('api', 'form', 'scheduled', 'chat_assistant'), { nil: undefined }),
        sourceSystem: fc.option(fc.constantFrom('api', 'stripe', 'zapier'), { nil: undefined }),
      }).map(({ flow, status, user, ...rest }) => {
        const body: Record<string, unknown> = { workspace: a.id, flow, status, user, ...definedEntries(rest) };
        if (status === 'failed') body.error = 'Timeout';
        return model(target, 'POST', '/__mock', [lit('runs')], [], JSON_HEADERS, { json: body });
      });
    case 'admin.updateRun': {
      const runs = [...a.runs, ...b.runs];
      const ids = runs.length > 0 ? runs.map((r) => r.id) : [UNKNOWN_UUID];
      return fc.record({
        id: fc.constantFrom(...ids),
        status: fc.option(fc.constantFrom('payment_confirmed', 'queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled'), { nil: undefined }),
        appActions: fc.option(fc.nat(50), { nil: undefined }),
        tokens: fc.option(fc.nat(5000), { nil: undefined }),
      }).map(({ id, ...patch }) => {
        const body = definedEntries(patch);
        return model(target, 'PATCH', '/__mock', [lit('runs'), param(id)], [], JSON_HEADERS, { json: Object.keys(body).length === 0 ? { tokens: 1 } : body });
      });
    }
    case 'admin.setClock':
      return fc.oneof(
        instantNear(now).map((t) => ({ now: t })),
        // The ends of the clock's range (specs/admin.yaml ClockAdvance): every API must still answer there.
        fc.constantFrom('1970-01-01T00:00:00Z', '1970-01-01T00:00:00.001Z', '9999-12-31T23:59:59.999Z', '9999-12-31T00:00:00Z', '2000-02-29T00:00:00Z').map((t) => ({ now: t })),
        fc.integer({ min: -30 * DAY, max: 30 * DAY }).map((ms) => ({ advanceMs: ms })),
        fc.constant({ mode: 'real' }),
      ).map((body) => model(target, 'POST', '/__mock', [lit('clock')], [], JSON_HEADERS, { json: body }));
    case 'admin.replaceScenario':
      return fc.constantFrom('json', 'yaml', 'x-yaml').map((form) =>
        form === 'json'
          ? model(target, 'PUT', '/__mock', [lit('scenario')], [], JSON_HEADERS, { json: fx.scenario })
          : model(target, 'PUT', '/__mock', [lit('scenario')], [], [['content-type', form === 'yaml' ? 'application/yaml' : 'application/x-yaml']], { text: x.scenarioYaml }));
    case 'admin.replaceFaults': {
      const rule = fc.record({
        id: fc.option(fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/), { nil: undefined }),
        api: fc.option(fc.constantFrom('alloy', 'stackai', 'onepin', 'b3os', 'multiplai'), { nil: undefined }),
        route: fc.option(fc.constantFrom('/workflows', '/api/v1/workflows', '/analytics/org/{org_id}/flows/{flow_id}', '/v1', '/'), { nil: undefined }),
        method: fc.option(fc.constantFrom('GET', 'HEAD', 'POST'), { nil: undefined }),
        status: fc.option(fc.constantFrom(429, 500, 502, 503, 504, 400, 401, 403, 404, 413, 422, 599), { nil: undefined }),
        latencyMs: fc.option(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 10 }).map((min) => ({ min, max: min + 10 }))), { nil: undefined }),
        message: fc.option(fc.constantFrom('Injected by the fuzzer', 'x'), { nil: undefined }),
        rate: fc.option(fc.constantFrom(0, 0.25, 0.5, 1), { nil: undefined }),
      }).map((r) => {
        const out = definedEntries(r);
        if (out.status === undefined && out.latencyMs === undefined) out.status = 503;
        return out;
      });
      return fc.uniqueArray(rule, { maxLength: 4, selector: (r) => r.id ?? Symbol('no id') })
        .map((rules) => model(target, 'PUT', '/__mock', [lit('faults')], [], JSON_HEADERS, { json: { rules } }));
    }
    case 'admin.setLive':
      return fc.constantFrom({ enabled: false }, { enabled: false, ratePerMinute: 6 }, { enabled: false, ratePerMinute: null }, { enabled: true, ratePerMinute: 60 })
        .map((body) => model(target, 'PUT', '/__mock', [lit('live')], [], JSON_HEADERS, { json: body }));
  }
}

function definedPairs(values: Record<string, string | number | undefined>): [string, string][] {
  return Object.entries(values).filter((e): e is [string, string | number] => e[1] !== undefined).map(([k, v]) => [k, String(v)]);
}

function definedEntries<T extends Record<string, unknown>>(values: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

// ---------------------------------------------------------------------------------------------------------
// Mutations: each changes one thing about a request and says what.

type Mutation = (m: Model, x: Builders) => fc.Arbitrary<Model> | undefined;

const withLabel = (m: Model, label: string, change: Partial<Model>): Model => ({ ...m, ...change, labels: [...m.labels, label] });
const setHeader = (headers: Pairs, name: string, value: string | undefined): Pairs => {
  const rest = headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase());
  return value === undefined ? rest : [...rest, [name, value]];
};
const headerOf = (headers: Pairs, name: string) => headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];

/** Authentication: absent, another scheme, unknown or another workspace's token, duplicated, huge. */
const mutateAuth: Mutation = (m, x) => {
  const token = x.token;
  const other = x.b.tokens[0] ?? 'fm_other_token';
  const values = [
    undefined, '', 'Bearer', 'Bearer ', `Bearer  ${token}`, `bearer ${token}`, `BEARER ${token}`, 'Basic dXNlcjpwYXNz', `Token ${token}`,
    'Bearer nope', `Bearer ${other}`, `Bearer ${token} extra`, `Bearer ${token}\t`, `Bearer ${'x'.repeat(8000)}`, `Bearer ${token.toUpperCase()}`,
    'Bearer t\u00f6k\u00e9n', `Bearer ${token.slice(0, -1)}`, `Bearer "${token}"`, `Bearer ${token},Bearer ${other}`,
  ];
  return fc.oneof(
    fc.constantFrom(...values).map((value) => withLabel(m, `authorization ${value === undefined ? 'absent' : JSON.stringify(value.slice(0, 40))}`, { headers: setHeader(m.headers, 'authorization', value) })),
    fc.constantFrom<[string, string]>([token, other], ['nope', token], [token, token]).map(([first, second]) =>
      withLabel(m, `authorization twice (${first.slice(0, 12)}, ${second.slice(0, 12)})`, { headers: [...setHeader(m.headers, 'authorization', undefined), ['authorization', `Bearer ${first}`], ['Authorization', `Bearer ${second}`]] })),
  );
};

/** Path parameters: unknown, another workspace's, malformed, broken escapes, huge, prototype names. */
const mutateIds: Mutation = (m, x) => {
  const params = m.segments.map((s, i) => [s, i] as const).filter(([s]) => s.param === true);
  if (params.length === 0) return undefined;
  const other = x.b.flows[0]?.id ?? UNKNOWN_UUID;
  const future = x.a.flows.find((f) => !f.visible)?.id ?? UNKNOWN_UUID;
  const decoded = [UNKNOWN_UUID, other, future, x.a.id, x.b.id, 'not-a-uuid', ' ', '..', '.', 'x'.repeat(10_000), '💥', '{id}', '*', '-1', '0', 'null',
    '__proto__', 'constructor', 'toString', 'hasOwnProperty', `${x.flowsA[0] ?? UNKNOWN_UUID} `, (x.flowsA[0] ?? UNKNOWN_UUID).toUpperCase(), `{${x.flowsA[0] ?? ''}}`, 'é', '\u0000'];
  const raw = ['%ZZ', '%', '%E0%A4%A', '%2F', '%2e%2e', '%00', '%C0%AF', '%F0%9F%92%A9', '%FF', '%25', `${x.flowsA[0] ?? ''}%00`, '%u0041', '%%', '%%32%46', ';x=1', 'a%2Fb'];
  return fc.tuple(fc.constantFrom(...params), fc.oneof(fc.constantFrom(...decoded).map((t) => ({ text: t, raw: false })), fc.constantFrom(...raw).map((t) => ({ text: t, raw: true }))))
    .map(([[seg, i], v]) => {
      const segments = m.segments.map((s, j) => (j === i ? { text: v.text, param: true, raw: v.raw } : s));
      return withLabel(m, `path parameter ${seg.text.slice(0, 8)}… → ${v.raw ? 'raw ' : ''}${JSON.stringify(v.text.slice(0, 40))}`, { segments });
    });
};

/** The query parameters an operation declares, to break them by name. */
const DECLARED: Partial<Record<Target, readonly string[]>> = {
  'stackai.listFlowRuns': ['page', 'page_size', 'start_date', 'end_date', 'user_id', 'state'],
  'onepin.runsSummary': ['from', 'to'],
  'b3os.executionStats': ['from', 'to', 'granularity'],
  'multiplai.workspaceMetrics': ['workspace_uuid', 'entity', 'metric', 'aggregation', 'group_by', 'granularity', 'order_by', 'order_dir', 'limit', 'filters[period]', 'filters[user_id]'],
  'admin.listRequests': ['api', 'method', 'status', 'path', 'since', 'fault', 'limit'],
};

/** Query parameters: wrong types, out of range, bad instants, arrays, objects, repeats, unknown names, unicode, long. */
const mutateQuery: Mutation = (m) => {
  const declared = DECLARED[m.target as Target] ?? [];
  const names = [...new Set([...declared, ...m.query.map(([n]) => n)])];
  const replace = (name: string, value: string | undefined): Pairs => {
    const rest = m.query.filter(([n]) => n !== name);
    return value === undefined ? rest : [...rest, [name, value]];
  };
  const valueArb = fc.oneof(fc.constantFrom(...NUMBER_TEXTS), fc.constantFrom(...INSTANT_TEXTS), fc.constantFrom(...STRING_TEXTS));
  const shapes: fc.Arbitrary<Model>[] = [
    fc.constantFrom(...['zzz', '__proto__[polluted]', 'constructor[prototype][polluted]', 'a[]', 'filters[__proto__]', 'filters[x]', '', '💥', 'x'.repeat(5000)])
      .map((name) => withLabel(m, `unknown query parameter ${JSON.stringify(name.slice(0, 30))}`, { query: [...m.query, [name, '1']] })),
    // Names an object already has: a parser that fills a plain object meets its prototype (twice: they matter).
    ...[1, 2].map(() => fc.constantFrom('toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', '__defineGetter__')
      .chain((name) => fc.constantFrom(`${name}=1`, `${name}=1&${name}=2`, `${name}[]=1`, `${name}[x]=1`).map((raw) => withLabel(m, `query ${raw}`, { rawQuery: raw })))),
    fc.constantFrom(...[
      'a[]=', '%ZZ=1', 'x=%ZZ', 'x=%', 'x=%E0%A4%A', '&&&', '=', '==', '?', 'x', 'x[', 'x]', 'x[[y]]=1', 'x[y][z][w]=1', 'x[999999999]=1',
      '__proto__=1', '__proto__[toString]=1', 'constructor=1', 'hasOwnProperty=1', 'toString=1', '+=+', '%00=%00', '%26=%3D',
      Array.from({ length: 250 }, (_, i) => `p${i}=1`).join('&'), Array.from({ length: 60 }, () => 'a[]=1').join('&'),
    ]).map((raw) => withLabel(m, `query text ${JSON.stringify(raw.slice(0, 40))}`, { rawQuery: raw })),
  ];
  if (names.length > 0) {
    const name = fc.constantFrom(...names);
    shapes.push(
      fc.tuple(name, valueArb).map(([n, v]) => withLabel(m, `query ${n} = ${JSON.stringify(v.slice(0, 40))}`, { query: replace(n, v) })),
      name.map((n) => withLabel(m, `query ${n} absent`, { query: replace(n, undefined) })),
      fc.tuple(name, valueArb).map(([n, v]) => withLabel(m, `query ${n} repeated (${JSON.stringify(v.slice(0, 20))})`, { query: [...m.query, [n, v], [n, m.query.find(([k]) => k === n)?.[1] ?? '1']] })),
      name.map((n) => withLabel(m, `query ${n}[] (array)`, { query: m.query.filter(([k]) => k !== n), rawQuery: `${n}[]=${pct(m.query.find(([k]) => k === n)?.[1] ?? '1')}&${n}[]=2` })),
      name.map((n) => withLabel(m, `query ${n}[x] (object)`, { query: m.query.filter(([k]) => k !== n), rawQuery: `${n}[x]=1` })),
      name.map((n) => withLabel(m, `query ${n} without =`, { query: m.query.filter(([k]) => k !== n), rawQuery: n })),
      fc.tuple(name, fc.string({ unit: 'binary', maxLength: 30 })).map(([n, v]) => withLabel(m, `query ${n} = unicode ${JSON.stringify(v)}`, { query: replace(n, v) })),
      name.map((n) => withLabel(m, `query ${n} 10,000 characters`, { query: replace(n, '9'.repeat(10_000)) })),
    );
  }
  return fc.oneof(...shapes);
};

/** Headers: content types, charsets, content encodings, API version, tenant headers, odd extras. */
const mutateHeaders: Mutation = (m, x) => {
  const shapes: fc.Arbitrary<Model>[] = [
    fc.constantFrom(...CONTENT_TYPES).map((ct) => withLabel(m, `content-type ${JSON.stringify(ct)}`, { headers: setHeader(m.headers, 'content-type', ct) })),
    fc.constant(withLabel(m, 'content-type absent', { headers: setHeader(m.headers, 'content-type', undefined) })),
    fc.constantFrom<[string, string]>(['application/json', 'text/plain'], ['text/plain', 'application/json'], ['application/yaml', 'application/json'])
      .map(([one, two]) => withLabel(m, `content-type twice (${one}, ${two})`, { headers: [...setHeader(m.headers, 'content-type', undefined), ['content-type', one], ['Content-Type', two]] })),
    fc.constantFrom(
      ['accept', 'text/html'], ['accept', 'application/xml'], ['accept', ''], ['accept-encoding', 'gzip, br'], ['origin', 'http://evil.example'],
      ['x-forwarded-for', '8.8.8.8'], ['x-request-id', '../../x'], ['expect', 'nothing'], ['range', 'bytes=0-1'], ['if-none-match', '*'],
      ['x-http-method-override', 'DELETE'], ['cookie', 'a=1'], ['x-multiplai-authorization', 'Bearer x'], ['connection', 'close'],
      ['x-' + 'a'.repeat(200), 'b'], ['x-fuzz', 'v'.repeat(8000)], ['x-fuzz', 'caf\u00e9'],
    ).map(([name, value]) => withLabel(m, `header ${name.slice(0, 30)}: ${JSON.stringify(value.slice(0, 30))}`, { headers: [...m.headers, [name, value]] })),
  ];
  if (m.target === 'alloy.getWorkflowAnalytics') {
    shapes.push(
      fc.constantFrom(undefined, '', '2024-01', '2025-09 ', ' 2025-09', '2025-9', '2025-09, 2025-09', '2025-09;', '2025-10', 'latest', 'x'.repeat(9000))
        .map((v) => withLabel(m, `x-api-version ${v === undefined ? 'absent' : JSON.stringify(v.slice(0, 30))}`, { headers: setHeader(m.headers, 'x-api-version', v) })),
      fc.constant(withLabel(m, 'x-api-version twice', { headers: [...m.headers, ['X-API-Version', '2024-01']] })),
    );
  }
  const tenant = m.target === 'onepin.runsSummary' ? 'X-Workspace-Id' : m.target === 'b3os.executionStats' ? 'X-Org-ID' : undefined;
  if (tenant !== undefined) {
    shapes.push(
      fc.constantFrom('', x.b.id, 'garbage', x.a.id.toUpperCase(), `${x.a.id} `, UNKNOWN_UUID, '__proto__', 'x'.repeat(9000))
        .map((v) => withLabel(m, `${tenant} ${JSON.stringify(v.slice(0, 40))}`, { headers: setHeader(m.headers, tenant, v) })),
      fc.constant(withLabel(m, `${tenant} twice`, { headers: [...setHeader(m.headers, tenant, undefined), [tenant, x.a.id], [tenant, x.b.id]] })),
    );
  }
  return fc.oneof(...shapes);
};

/** Content-Encoding with a body that matches it, one that does not, or none. */
const mutateEncoding: Mutation = (m) => {
  const plain = m.body === undefined ? encoder.encode('{}') : bodyBytesOf(m.body);
  const withCt = m.body === undefined ? setHeader(m.headers, 'content-type', 'application/json') : m.headers;
  const encoded: Record<string, (b: Uint8Array) => Uint8Array> = {
    gzip: (b) => gzipSync(b),
    deflate: (b) => deflateSync(b),
    br: (b) => brotliCompressSync(b, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } }),
  };
  return fc.tuple(fc.constantFrom(...CONTENT_ENCODINGS), fc.constantFrom('matching', 'plain', 'truncated', 'other', 'empty', 'bomb')).map(([encoding, form]) => {
    const codecName = encoding.toLowerCase() in encoded ? encoding.toLowerCase() : 'gzip';
    const codec = encoded[codecName] as (b: Uint8Array) => Uint8Array;
    let bytes: Uint8Array;
    switch (form) {
      case 'matching':
        bytes = codec(plain);
        break;
      case 'plain':
        bytes = plain;
        break;
      case 'truncated':
        bytes = codec(plain).slice(0, Math.max(1, Math.floor(codec(plain).byteLength / 2)));
        break;
      case 'other':
        bytes = (encoding.toLowerCase() === 'gzip' ? deflateSync : gzipSync)(plain);
        break;
      case 'empty':
        bytes = new Uint8Array(0);
        break;
      case 'bomb':
        // Past the body limit (1 MiB; 64 MiB for a scenario) in a few kilobytes: the reader must stop at its limit.
        bytes = bomb(codec, codecName, m.target === 'admin.replaceScenario' ? 64 * 1024 * 1024 + 1 : 2 * 1024 * 1024);
        break;
    }
    return withLabel(m, `content-encoding ${JSON.stringify(encoding)} with a ${form} body`, { headers: setHeader(withCt, 'content-encoding', encoding), body: { bytes } });
  });
};

/** Decompression bombs (a few kilobytes that inflate past a limit), made once per codec and size. */
const bombs = new Map<string, Uint8Array>();
function bomb(codec: (b: Uint8Array) => Uint8Array, name: string, bytes: number): Uint8Array {
  const key = `${name}:${bytes}`;
  let made = bombs.get(key);
  if (made === undefined) {
    made = codec(new Uint8Array(bytes).fill(0x20));
    bombs.set(key, made);
  }
  return made;
}

/** Bodies: a field broken (wrong type, out of range, bad instant, removed, unknown, prototype keys), or the whole body replaced. */
const mutateBody: Mutation = (m) => {
  const shapes: fc.Arbitrary<Model>[] = [
    fc.constantFrom(...RAW_BODIES).map(([name, bytes]) => withLabel(m, `body ${name}`, { body: { bytes }, headers: headerOf(m.headers, 'content-type') === undefined ? setHeader(m.headers, 'content-type', 'application/json') : m.headers })),
    fc.constantFrom(...JSON_TOKENS).map((token) => withLabel(m, `body ${JSON.stringify(token.slice(0, 40))}`, { body: { text: token }, headers: setHeader(m.headers, 'content-type', 'application/json') })),
    fc.jsonValue({ maxDepth: 3 }).map((value) => withLabel(m, 'body random JSON', { body: { json: value }, headers: setHeader(m.headers, 'content-type', 'application/json') })),
    fc.constant(withLabel(m, 'body absent', { body: undefined } as Partial<Model>)),
  ];
  if (m.body !== undefined && 'json' in m.body && typeof m.body.json === 'object' && m.body.json !== null) {
    const json = m.body.json;
    const paths = jsonPaths(json);
    if (paths.length > 0) {
      const leaves = paths.filter((p) => { const v = getAt(json, p); return v === null || typeof v !== 'object'; });
      const pathArb = leaves.length === 0 ? fc.constantFrom(...paths) : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...leaves) }, { weight: 1, arbitrary: fc.constantFrom(...paths) });
      const tokenArb = fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom(...NUMBER_TOKENS) },
        { weight: 2, arbitrary: fc.constantFrom(...JSON_TOKENS) },
        { weight: 1, arbitrary: fc.constantFrom(...INSTANT_TOKENS) },
      );
      shapes.push(
        fc.tuple(pathArb, tokenArb).map(([p, token]) => withLabel(m, `body ${pointer(p)} = ${token.slice(0, 40)}`, { body: { text: replaceAt(json, p, token) } })),
        pathArb.map((p) => withLabel(m, `body ${pointer(p)} removed`, { body: { json: removeAt(json, p) } })),
        fc.tuple(fc.constantFrom(...objectPaths(json)), fc.constantFrom('__proto__', 'constructor', 'colour', 'toString', '')).map(([p, key]) =>
          withLabel(m, `body ${pointer(p)}/${key} added`, { body: { text: addKeyAt(json, p, key) } })),
        pathArb.filter((p) => p.length > 0).map((p) => withLabel(m, `body ${pointer(p)} given twice`, { body: { text: duplicateKeyAt(json, p) } })),
      );
    }
  }
  if (m.target === 'admin.replaceScenario') {
    shapes.push(fc.constantFrom(...YAML_BODIES).map(([name, text]) => withLabel(m, `YAML ${name}`, { body: { text }, headers: setHeader(m.headers, 'content-type', 'application/yaml') })));
  }
  return fc.oneof(...shapes);
};

/** Another method: every one, OPTIONS and HEAD included, and some WebDAV ones. */
const mutateMethod: Mutation = (m) =>
  fc.constantFrom(...METHODS.filter((method) => method !== m.method)).map((method) => withLabel(m, `method ${method}`, { method }));

/** The path: case, trailing and double slashes, dot segments, encoded slashes, a segment more or less. */
const mutatePath: Mutation = (m) => {
  const base = render({ ...m, query: [], labels: [] }).path;
  const segs = base.split('/').slice(1);
  const variants: [string, string][] = [
    ['upper case', base.toUpperCase()],
    ['mount in upper case', base.replace(/^\/[^/]+/, (mount) => mount.toUpperCase())],
    ['trailing slash', `${base}/`],
    ['two trailing slashes', `${base}//`],
    ['leading double slash', `/${base}`],
    ['double slash inside', base.replace(/\/([^/]+)\//, '/$1//')],
    ['dot segment', base.replace(/^(\/[^/]+)/, '$1/.')],
    ['dot-dot segment', `${base}/..`],
    ['dot-dot to the admin API', `${base.replace(/^(\/[^/]+).*/, '$1')}/../__mock/reset`],
    ['encoded slashes', base.replace(/^(\/[^/]+)\/(.*)$/, (_all, mount: string, rest: string) => `${mount}/${rest.replaceAll('/', '%2F')}`)],
    ['encoded dot-dot', `${base}/%2e%2e/%2e%2e`],
    ['one segment less', `/${segs.slice(0, -1).join('/')}`],
    ['one segment more', `${base}/extra`],
    ['mount only', `/${segs[0] ?? ''}`],
    ['mount and slash', `/${segs[0] ?? ''}/`],
    ['matrix parameter', `${base};jsessionid=1`],
    ['trailing encoded space', `${base}%20`],
    ['trailing dot', `${base}.`],
    ['trailing percent', `${base}%`],
    ['mount with a suffix', base.replace(/^\/([^/]+)/, '/$1x')],
    ['asterisk', '*'],
    ['backslashes', base.replaceAll('/', '\\').replace(/^\\/, '/')],
    ['encoded mount', base.replace(/^\/([^/]+)/, (_all, mount: string) => `/${[...mount].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('')}`)],
    ['long path', `${base}/${'a/'.repeat(3000)}`],
  ];
  return fc.constantFrom(...variants).map(([name, rawPath]) => withLabel(m, `path ${name}`, { rawPath }));
};

export type MutationKind = 'auth' | 'ids' | 'query' | 'headers' | 'encoding' | 'body' | 'method' | 'path';

const MUTATIONS: readonly (readonly [MutationKind, number, Mutation])[] = [
  ['auth', 3, mutateAuth], ['ids', 3, mutateIds], ['query', 5, mutateQuery], ['headers', 4, mutateHeaders],
  ['encoding', 2, mutateEncoding], ['body', 5, mutateBody], ['method', 2, mutateMethod], ['path', 3, mutatePath],
];

// ---------------------------------------------------------------------------------------------------------
// JSON paths, and JSON text with a raw token where JSON.stringify would not write one.

type JsonPath = readonly (string | number)[];
const pointer = (p: JsonPath) => (p.length === 0 ? '/' : `/${p.join('/')}`);

/** Every path into a value (objects and arrays, 5 levels, at most 400), the root first. */
function jsonPaths(value: unknown, prefix: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  if (out.length >= 400) return out;
  out.push(prefix);
  if (prefix.length >= 5 || value === null || typeof value !== 'object') return out;
  const entries = Array.isArray(value) ? value.slice(0, 3).map((v, i) => [i, v] as const) : Object.entries(value);
  for (const [key, child] of entries) jsonPaths(child, [...prefix, key], out);
  return out;
}

function objectPaths(value: unknown): JsonPath[] {
  return jsonPaths(value).filter((p) => {
    const v = getAt(value, p);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });
}

function getAt(value: unknown, path: JsonPath): unknown {
  let node = value;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node;
}

const MARK = '\u0001FUZZ\u0001';
const MARK_TEXT = JSON.stringify(MARK);

function setAt(value: unknown, path: JsonPath, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...JsonPath];
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, replacement) : v));
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  copy[head] = setAt(copy[head], rest, replacement);
  return copy;
}

function replaceAt(value: unknown, path: JsonPath, token: string): string {
  return JSON.stringify(setAt(value, path, MARK)).replace(MARK_TEXT, () => token);
}

function removeAt(value: unknown, path: JsonPath): unknown {
  if (path.length === 0) return undefined;
  const parent = path.slice(0, -1);
  const key = path[path.length - 1] as string | number;
  const container = getAt(value, parent);
  if (Array.isArray(container)) return setAt(value, parent, container.filter((_, i) => i !== key));
  const { [key]: _gone, ...rest } = container as Record<string, unknown>;
  return setAt(value, parent, rest);
}

function addKeyAt(value: unknown, path: JsonPath, key: string): string {
  const text = JSON.stringify(getAt(value, path));
  const inner = text === '{}' ? `{${JSON.stringify(key)}:{"polluted":true}}` : `{${JSON.stringify(key)}:{"polluted":true},${text.slice(1)}`;
  return replaceAt(value, path, inner);
}

function duplicateKeyAt(value: unknown, path: JsonPath): string {
  const parent = path.slice(0, -1);
  const key = path[path.length - 1] as string | number;
  const container = getAt(value, parent);
  if (Array.isArray(container) || typeof key === 'number') return replaceAt(value, path, '[1,2]');
  const text = JSON.stringify(container);
  return replaceAt(value, parent, `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}${JSON.stringify(key)}:"again"}`);
}

// ---------------------------------------------------------------------------------------------------------
// Wholly random requests.

function randomModel(x: Builders): fc.Arbitrary<Model> {
  const segment = fc.oneof(
    fc.constantFrom('workflows', 'analytics', 'api', 'v1', 'runs', 'summary', 'org', 'flows', 'executions', 'stats', 'workspaces', 'metrics',
      'health', 'fixtures', 'clock', 'reset', 'scenario', 'requests', 'faults', 'live', ...x.flowsA.slice(0, 2), x.a.id, '', '..', '.', '%ZZ'),
    fc.string({ unit: 'binary', maxLength: 12 }).map(pct),
  );
  const headerName = fc.constantFrom('authorization', 'content-type', 'content-encoding', 'x-api-version', 'x-workspace-id', 'x-org-id', 'accept', 'x-random');
  const headerValue = fc.oneof(fc.constantFrom(`Bearer ${x.token}`, 'application/json', 'application/yaml', 'gzip', '2025-09', x.a.id, ''), fc.string({ unit: 'binary-ascii', maxLength: 30 }));
  const body = fc.oneof(
    fc.constant(undefined),
    fc.jsonValue({ maxDepth: 4 }).map((json): ModelBody => ({ json })),
    fc.uint8Array({ maxLength: 64 }).map((bytes): ModelBody => ({ bytes })),
    fc.string({ maxLength: 64 }).map((text): ModelBody => ({ text })),
  );
  return fc.record({
    method: fc.constantFrom(...METHODS),
    mount: fc.oneof(fc.constantFrom(...MOUNTS), fc.constantFrom('', '/', '/ALLOY', '/__MOCK', '/unknown', '/alloy/../__mock')),
    segments: fc.array(segment, { maxLength: 7 }),
    query: fc.array(fc.tuple(fc.oneof(fc.constantFrom('from', 'to', 'page', 'limit', 'filters[period]', 'workspace_uuid'), fc.string({ maxLength: 8 })), fc.oneof(fc.constantFrom(...NUMBER_TEXTS, ...INSTANT_TEXTS), fc.string({ maxLength: 12 }))), { maxLength: 5 }),
    headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 5 }),
    body,
  }).map(({ method, mount, segments, query, headers, body: b }) => ({
    target: 'random',
    method,
    mount,
    segments: segments.map((text) => ({ text, param: true, raw: true })),
    query,
    headers: headers.map(([n, v]) => [n, v.replace(/[^\t\x20-\x7e\x80-\xff]/g, '')] as const),
    ...(b === undefined ? {} : { body: b }),
    labels: ['random'],
  }));
}

// ---------------------------------------------------------------------------------------------------------
// What the tests and the long run draw from.

export interface RequestArbitraries {
  /** A valid request for the target (or any target). */
  valid(target?: Target): fc.Arbitrary<FuzzRequest>;
  /** A valid request with exactly one mutation (of these kinds: all by default). */
  mutated(target?: Target, kinds?: readonly MutationKind[]): fc.Arbitrary<FuzzRequest>;
  /** A wholly random request. */
  random(): fc.Arbitrary<FuzzRequest>;
  /** Mostly mutated, some valid, some random: the mix the fuzzer sends. */
  any(target?: Target): fc.Arbitrary<FuzzRequest>;
  /** Valid admin writes that change the state (faults, clock, runs, scenario, live): the setup of a sequence. */
  setup(): fc.Arbitrary<FuzzRequest>;
  /** An admin read as plain as can be (no filter): what it reports of the requests before it must be valid. */
  plainRead(): fc.Arbitrary<FuzzRequest>;
  /** A valid request to one of the five vendor APIs: whatever was accepted before, it must still get a valid answer. */
  vendorRead(): fc.Arbitrary<FuzzRequest>;
  /** For every API and every status a rule may inject: the rule, then a valid request to that API (its envelope). */
  injected(): fc.Arbitrary<FuzzRequest[][]>;
}

export function requestArbitraries(fx: FuzzFixtures): RequestArbitraries {
  const x = builders(fx);
  // Without a target: the vendor operations as often as the admin routes together, a whole scenario rarely.
  const pick = (target?: Target): fc.Arbitrary<Target> => target !== undefined ? fc.constant(target) : fc.oneof(
    ...TARGETS.map((t) => ({ weight: !t.startsWith('admin.') ? 6 : t === 'admin.replaceScenario' ? 1 : 2, arbitrary: fc.constant(t) })),
  );
  const validModels = (target?: Target) => pick(target).chain((t) => validModel(t, x));
  // The kind of mutation is drawn first and only that one is built: building all eight for every request is slow.
  const mutatedModels = (target?: Target, kinds?: readonly MutationKind[]) => {
    const chosen = MUTATIONS.filter(([kind]) => kinds === undefined || kinds.includes(kind));
    const kindArb = fc.oneof(...chosen.map(([, weight, mutation]) => ({ weight, arbitrary: fc.constant(mutation) })));
    return fc.tuple(validModels(target), kindArb).chain(([m, mutation]) => {
      const mutated = mutation(m, x);
      if (mutated !== undefined) return mutated;
      // Nothing to break of that kind here (no path parameter): break the query or the body instead.
      return fc.oneof(mutateQuery(m, x) as fc.Arbitrary<Model>, mutateBody(m, x) as fc.Arbitrary<Model>);
    });
  };
  const valid = (target?: Target) => validModels(target).map(render);
  const mutated = (target?: Target, kinds?: readonly MutationKind[]) => mutatedModels(target, kinds).map(render);
  const random = () => randomModel(x).map(render);
  return {
    valid,
    mutated,
    random,
    any: (target) => fc.oneof({ weight: 2, arbitrary: valid(target) }, { weight: 7, arbitrary: mutated(target) }, { weight: target === undefined ? 1 : 0, arbitrary: random() }),
    plainRead: () => fc.constantFrom('requests', 'requests', 'fixtures', 'health', 'faults', 'clock', 'live', 'scenario')
      .map((name) => render(model(`admin.${name}`, 'GET', '/__mock', [lit(name)], name === 'requests' ? [['limit', '1000']] : [], []))),
    vendorRead: () => fc.constantFrom(...TARGETS.filter((t) => !t.startsWith('admin.'))).chain((t) => valid(t)),
    injected: () => fc.tuple(...TARGETS.filter((t) => !t.startsWith('admin.')).map((target) => valid(target))).map((requests) =>
      requests.flatMap((request) => INJECTABLE.map((status) => {
        const rule = { api: request.path.split('/')[1] as string, status };
        return [render(model('admin.replaceFaults', 'PUT', '/__mock', [lit('faults')], [], JSON_HEADERS, { json: { rules: [rule] } })), request];
      }))),
    setup: () => fc.oneof(
      { weight: 3, arbitrary: valid('admin.replaceFaults') },
      { weight: 3, arbitrary: valid('admin.setClock') },
      { weight: 2, arbitrary: valid('admin.createRun') },
      { weight: 2, arbitrary: valid('admin.updateRun') },
      { weight: 1, arbitrary: valid('admin.setLive') },
      { weight: 1, arbitrary: valid('admin.reset') },
    ),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Sweeps: not drawn at random but every one, as a coverage phase would (Schemathesis' boundary values).

/** Instants that have broken an API before: one of each kind. */
const SWEEP_INSTANTS = ['2026-11-20T23:59:60Z', '0000-01-01T00:00:00Z', '10000-01-01T00:00:00Z', '2026-11-20T12:00:00+24:00', '9999-12-31T23:59:59.999-23:59', '1969-12-31T23:59:59.999Z'].map((t) => JSON.stringify(t));

export interface SweepCase {
  readonly name: string;
  readonly sequence: readonly FuzzRequest[];
}

/**
 * Every field of every admin write body set in turn to each boundary number and each troublesome instant,
 * followed (for what the state keeps: runs, the clock, fault rules) by a valid request to each vendor API;
 * then every malformed body to every operation that reads one, and every odd YAML to PUT /__mock/scenario.
 */
export function bodySweep(fx: FuzzFixtures): SweepCase[] {
  const cases: SweepCase[] = [];
  const x = builders(fx);
  const { a, flowsA, fx: { now } } = x;
  const auth: Pairs = [['authorization', `Bearer ${x.token}`]];
  const flow = flowsA[0] ?? UNKNOWN_UUID;
  // A running run of our own to patch (the fixtures' may start after now: a patch could not finish them).
  const running = '5eed0000-0000-4000-8000-000000000001';
  const start = render(model('admin.createRun', 'POST', '/__mock', [lit('runs')], [], JSON_HEADERS,
    { json: { id: running, workspace: a.id, flow, status: 'running', createdAt: iso(now - 2 * HOUR), startedAt: iso(now - 2 * HOUR + 1000) } }));
  const reads = [
    model('alloy.getWorkflowAnalytics', 'GET', '/alloy', [lit('workflows'), param(flow), lit('analytics')], [], [...auth, ['x-api-version', '2025-09']]),
    model('stackai.listFlowRuns', 'GET', '/stackai', [lit('analytics'), lit('org'), param(a.id), lit('flows'), param(flow)], [['page_size', '5']], auth),
    model('onepin.runsSummary', 'GET', '/onepin', [lit('api'), lit('v1'), lit('workflows'), param(flow), lit('runs'), lit('summary')], [], auth),
    model('b3os.executionStats', 'GET', '/b3os', [lit('v1'), lit('executions'), lit('stats')], [['from', String(now - DAY)], ['to', String(now)], ['granularity', 'hourly']], auth),
    model('multiplai.workspaceMetrics', 'GET', '/multiplai', [lit('api'), lit('v1'), lit('workspaces'), lit('metrics')], [], [...auth, ...JSON_HEADERS],
      { json: { workspace_uuid: a.id, entity: 'workflows', metric: 'avg_duration', aggregation: 'avg', filters: { period: '7d' } } }),
  ].map(render);
  const bodies: [Target, string, string[], unknown, boolean][] = [
    ['admin.createRun', 'POST', ['runs'], {
      workspace: a.id, flow, user: a.users[0] ?? null, status: 'failed', createdAt: iso(now - HOUR), startedAt: iso(now - HOUR + 1000), finishedAt: iso(now - HOUR + 60_000),
      resumed: false, appActions: 3, tokens: 100, trigger: 'api', sourceSystem: 'api', error: 'Timeout',
    }, true],
    ['admin.updateRun', 'PATCH', ['runs', running], { status: 'succeeded', startedAt: iso(now - HOUR), finishedAt: iso(now - HOUR + 30_000), appActions: 5, tokens: 10, resumed: true }, true],
    ['admin.setClock', 'POST', ['clock'], { now: iso(now) }, true],
    ['admin.setClock', 'POST', ['clock'], { advanceMs: 1000 }, true],
    ['admin.replaceFaults', 'PUT', ['faults'], { rules: [{ id: 'r1', api: 'onepin', route: '/api/v1/workflows', method: 'GET', latencyMs: { min: 1, max: 2 }, status: 503, message: 'm', rate: 0.5 }] }, true],
    ['admin.setLive', 'PUT', ['live'], { enabled: false, ratePerMinute: 6 }, false],
  ];
  for (const [target, method, segments, body, thenRead] of bodies) {
    const segs = segments.map((s, i) => (i === 0 ? lit(s) : param(s)));
    for (const path of jsonPaths(body).filter((p) => { const v = getAt(body, p); return p.length > 0 && (v === null || typeof v !== 'object'); })) {
      for (const token of [...NUMBER_TOKENS, ...SWEEP_INSTANTS]) {
        const write = render(withLabel(model(target, method, '/__mock', segs, [], JSON_HEADERS, { text: replaceAt(body, path, token) }), `body ${pointer(path)} = ${token}`, {}));
        const setup = target === 'admin.updateRun' ? [start] : [];
        cases.push({ name: `${target} ${pointer(path)} = ${token}`, sequence: [...setup, write, ...(thenRead ? reads : [])] });
      }
    }
  }
  // The clock at either end of its range (a valid move), then each API's widest valid question.
  for (const edge of ['1970-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z']) {
    const move = render(model('admin.setClock', 'POST', '/__mock', [lit('clock')], [], JSON_HEADERS, { json: { now: edge } }));
    for (const granularity of ['daily', 'weekly', 'monthly']) {
      const widest = model('multiplai.workspaceMetrics', 'GET', '/multiplai', [lit('api'), lit('v1'), lit('workspaces'), lit('metrics')],
        [['workspace_uuid', a.id], ['entity', 'agents'], ['metric', 'shares'], ['aggregation', 'sum'], ['group_by', 'date'], ['granularity', granularity], ['filters[period]', 'all']], auth);
      cases.push({ name: `clock at ${edge}, then multiplai period=all by ${granularity} date`, sequence: [move, render(widest)] });
    }
    cases.push({ name: `clock at ${edge}, then every API`, sequence: [move, ...reads] });
  }

  // Every malformed body to every operation that reads one; every YAML oddity to the one that reads YAML.
  const readers: [Target, string, Segment[], Pairs][] = [
    ['admin.createRun', 'POST', [lit('runs')], JSON_HEADERS],
    ['admin.updateRun', 'PATCH', [lit('runs'), param(running)], JSON_HEADERS],
    ['admin.setClock', 'POST', [lit('clock')], JSON_HEADERS],
    ['admin.replaceScenario', 'PUT', [lit('scenario')], JSON_HEADERS],
    ['admin.replaceFaults', 'PUT', [lit('faults')], JSON_HEADERS],
    ['admin.setLive', 'PUT', [lit('live')], JSON_HEADERS],
  ];
  for (const [target, method, segments, headers] of readers) {
    for (const [name, bytes] of RAW_BODIES) {
      cases.push({ name: `${target} body ${name}`, sequence: [render(withLabel(model(target, method, '/__mock', segments, [], headers, { bytes }), `body ${name}`, {}))] });
    }
  }
  for (const [name, bytes] of RAW_BODIES) {
    const request = model('multiplai.workspaceMetrics', 'GET', '/multiplai', [lit('api'), lit('v1'), lit('workspaces'), lit('metrics')], [], [...auth, ...JSON_HEADERS], { bytes });
    cases.push({ name: `multiplai.workspaceMetrics body ${name}`, sequence: [render(withLabel(request, `body ${name}`, {}))] });
  }
  for (const [name, text] of YAML_BODIES) {
    const request = model('admin.replaceScenario', 'PUT', '/__mock', [lit('scenario')], [], [['content-type', 'application/yaml']], { text });
    cases.push({ name: `admin.replaceScenario YAML ${name}`, sequence: [render(withLabel(request, `YAML ${name}`, {}))] });
  }
  return cases;
}
