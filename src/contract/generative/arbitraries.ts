/**
 * Requests generated from the specs with fast-check: for each API, valid requests (every parameter within
 * its type, format, bounds and enum, in combinations, with the fixtures' ids, instants near the data the
 * target revealed, unknown extra parameters where the spec allows them, and two encodings), invalid ones
 * (a valid request with one rule broken: a parameter's type, enum, bound, format or pattern, a required one
 * missing, or a rule between parameters), and edge ones (repeated parameters, lower-case date-times, huge
 * numbers, unusual text) whose answer must be either. Everything shrinks towards the smallest request.
 */
import fc from 'fast-check';
import type { ApiName } from '../../apis.ts';
import { loadSpec, type JsonSchema, type Operation, type ParameterObject } from '../../openapi/spec-document.ts';
import { specValidator } from '../../openapi/spec-validator.ts';
import type { GenRequest, Intent } from './request.ts';

const DAY = 86_400_000;
const MAX_INSTANT = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

/** What generation draws ids and instants from: the fixtures, and instants the target revealed. */
export interface GenContext {
  readonly workspaceId: string;
  readonly flowIds: readonly string[];
  readonly userIds: readonly string[];
  readonly now: number;
  /** Instants the target answered (runs' createdAt, failures' finishedAt): windows probe their edges. */
  readonly revealed: readonly number[];
}

type Pair = readonly [string, string];

// ---------------------------------------------------------------------------------------------- values

const EXTRA_NAMES = ['utm_source', 'trace', 'cb', 'verbose', 'q'];
const extraParam: fc.Arbitrary<Pair> = fc.tuple(fc.constantFrom(...EXTRA_NAMES), fc.string({ maxLength: 10 }));

function instantArb(g: GenContext): fc.Arbitrary<number> {
  const near = g.revealed.length === 0 ? [g.now] : g.revealed;
  return fc.oneof(
    fc.tuple(fc.constantFrom(...near), fc.constantFrom(0, -1, 1, -1000, 1000)).map(([t, d]) => t + d),
    fc.integer({ min: 0, max: 120 }).map((days) => g.now - days * DAY),
    fc.integer({ min: 0, max: 48 }).map((hours) => Math.floor(g.now / 3_600_000) * 3_600_000 - hours * 3_600_000),
    fc.constantFrom(0, g.now, g.now + DAY),
  ).map((t) => Math.min(Math.max(t, 0), MAX_INSTANT));
}

/** An RFC 3339 date-time for an instant: `Z` or a numeric offset, with or without milliseconds. */
function dateTimeArb(g: GenContext): fc.Arbitrary<{ text: string; ms: number }> {
  return fc.record({
    ms: instantArb(g),
    offset: fc.constantFrom(0, 0, 60, -300, 330, 840),
    zulu: fc.boolean(),
    millis: fc.boolean(),
  }).map(({ ms, offset, zulu, millis }) => {
    const at = millis ? ms : Math.floor(ms / 1000) * 1000;
    return { text: formatDateTime(at, zulu && offset === 0 ? undefined : offset, millis), ms: at };
  }).filter(({ text }) => /^\d{4}-/.test(text));
}

export function formatDateTime(ms: number, offsetMinutes: number | undefined, millis = true): string {
  const local = new Date(ms + (offsetMinutes ?? 0) * 60_000).toISOString();
  const body = millis ? local.slice(0, 23) : local.slice(0, 19);
  if (offsetMinutes === undefined) return `${body}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${body}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const notUuid = fc.stringMatching(/^[a-z0-9-]{1,40}$/).filter((s) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s));

// ---------------------------------------------------------------------------------------------- valid requests

function req(intent: Intent, parts: Partial<GenRequest> & Pick<GenRequest, 'pathParams'>): GenRequest {
  return { intent, query: [], headers: {}, ...parts };
}

const pairs = (entries: readonly (Pair | null | undefined | false)[]): Pair[] => entries.filter((e): e is Pair => Array.isArray(e));

function validAlloy(g: GenContext): fc.Arbitrary<GenRequest> {
  return fc.record({ flow: fc.constantFrom(...g.flowIds), extra: fc.option(extraParam), header: fc.constantFrom('x-api-version', 'X-API-Version') })
    .map(({ flow, extra, header }) => req('valid', { pathParams: { workflowId: flow }, headers: { [header]: '2025-09' }, query: pairs([extra]) }));
}

const STACKAI_STATES = ['PENDING', 'PAUSED', 'RESUMED', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;

function validStackai(g: GenContext): fc.Arbitrary<GenRequest> {
  const bound = fc.oneof(dateTimeArb(g).map((d) => d.text), instantArb(g).map((t) => new Date(t).toISOString().slice(0, 10)));
  return fc.record({
    flow: fc.constantFrom(...g.flowIds),
    page: fc.option(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 1_000_000 }))),
    pageSize: fc.option(fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 300 }))),
    start: fc.option(bound),
    end: fc.option(bound),
    user: fc.option(g.userIds.length === 0 ? fc.string({ maxLength: 8 }) : fc.oneof(fc.constantFrom(...g.userIds), fc.string({ maxLength: 8 }))),
    state: fc.option(fc.subarray([...STACKAI_STATES], { minLength: 1 })),
    extra: fc.option(extraParam),
    encoding: fc.constantFrom('plain' as const, 'percent' as const),
  }).map((v) => req('valid', {
    pathParams: { org_id: g.workspaceId, flow_id: v.flow },
    encoding: v.encoding,
    query: pairs([
      v.page !== null && ['page', String(v.page)], v.pageSize !== null && ['page_size', String(v.pageSize)],
      v.start !== null && ['start_date', v.start], v.end !== null && ['end_date', v.end],
      v.user !== null && ['user_id', v.user], v.state !== null && ['state', v.state.join(',')], v.extra,
    ]),
  }));
}

function validOnepin(g: GenContext): fc.Arbitrary<GenRequest> {
  return fc.record({
    flow: fc.constantFrom(...g.flowIds),
    upper: fc.boolean(),
    from: fc.option(dateTimeArb(g)),
    to: fc.option(dateTimeArb(g)),
    workspace: fc.boolean(),
    extra: fc.option(extraParam),
    encoding: fc.constantFrom('plain' as const, 'percent' as const),
  }).filter((v) => v.from === null || v.to === null || v.from.ms <= v.to.ms).map((v) => req('valid', {
    pathParams: { workflow_id: v.upper ? v.flow.toUpperCase() : v.flow },
    encoding: v.encoding,
    headers: v.workspace ? { 'X-Workspace-Id': g.workspaceId } : {},
    query: pairs([v.from !== null && ['from', v.from.text], v.to !== null && ['to', v.to.text], v.extra]),
  }));
}

function validB3os(g: GenContext): fc.Arbitrary<GenRequest> {
  return fc.record({
    from: instantArb(g),
    span: fc.oneof(fc.integer({ min: 0, max: 3 * DAY }), fc.integer({ min: 0, max: 365 * DAY })),
    granularity: fc.constantFrom('daily', 'hourly'),
    org: fc.boolean(),
    extra: fc.option(extraParam),
    encoding: fc.constantFrom('plain' as const, 'percent' as const),
  }).map((v) => {
    const to = Math.min(v.from + v.span, MAX_INSTANT);
    return req('valid', {
      pathParams: {},
      encoding: v.encoding,
      headers: v.org ? { 'X-Org-ID': g.workspaceId } : {},
      query: pairs([['from', String(v.from)], ['to', String(to)], ['granularity', v.granularity], v.extra]),
    });
  });
}

const checkMetricsQuery = () => specValidator().validatorAt('multiplai', '#/components/schemas/MetricsQuery');

/** A Multiplai query as its fields; `asRequest` writes it as a JSON body or as a query string. */
export type MetricsFields = Record<string, unknown>;

function metricsFields(g: GenContext): fc.Arbitrary<MetricsFields> {
  return fc.record({
    entity: fc.constantFrom('workflows', 'agents'),
    metric: fc.constantFrom('executions', 'created', 'copies', 'shares', 'avg_duration'),
    aggregation: fc.constantFrom('count', 'sum', 'avg'),
    group_by: fc.option(fc.constantFrom('user', 'date')),
    granularity: fc.option(fc.constantFrom('daily', 'weekly', 'monthly')),
    order_by: fc.option(fc.constantFrom('value', 'name', 'date')),
    order_dir: fc.option(fc.constantFrom('asc', 'desc')),
    limit: fc.option(fc.integer({ min: 1, max: 1000 })),
    period: fc.option(fc.constantFrom('7d', '30d', '90d', 'all')),
    user: fc.option(g.userIds.length === 0 ? fc.constant('1') : fc.constantFrom(...g.userIds)),
  }, { requiredKeys: ['entity', 'metric', 'aggregation'] }).map((v) => {
    const fields: MetricsFields = { workspace_uuid: g.workspaceId, entity: v.entity, metric: v.metric, aggregation: v.aggregation };
    for (const key of ['group_by', 'granularity', 'order_by', 'order_dir', 'limit'] as const) if (v[key] !== null && v[key] !== undefined) fields[key] = v[key];
    const filters: Record<string, unknown> = {};
    if (v.period !== null && v.period !== undefined) filters.period = v.period;
    if (v.user !== null && v.user !== undefined) filters.user_id = v.user;
    if (Object.keys(filters).length > 0) fields.filters = filters;
    return fields;
  });
}

export function multiplaiRequest(intent: Intent, fields: MetricsFields, via: 'body' | 'query', encoding: 'plain' | 'percent' = 'plain', note?: string): GenRequest {
  if (via === 'body') return { intent, pathParams: {}, query: [], headers: {}, body: fields, ...(note === undefined ? {} : { note }) };
  const query: Pair[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'filters' && typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) query.push([`filters[${k}]`, String(v)]);
    else query.push([key, String(value)]);
  }
  return { intent, pathParams: {}, query, headers: {}, encoding, ...(note === undefined ? {} : { note }) };
}

function validMultiplai(g: GenContext): fc.Arbitrary<GenRequest> {
  const valid = checkMetricsQuery();
  return fc.tuple(metricsFields(g).filter((f) => valid(f).length === 0), fc.constantFrom('body' as const, 'query' as const), fc.constantFrom('plain' as const, 'percent' as const))
    .map(([fields, via, encoding]) => multiplaiRequest('valid', fields, via, encoding));
}

export function validRequests(api: ApiName, g: GenContext): fc.Arbitrary<GenRequest> {
  switch (api) {
    case 'alloy': return validAlloy(g);
    case 'stackai': return validStackai(g);
    case 'onepin': return validOnepin(g);
    case 'b3os': return validB3os(g);
    case 'multiplai': return validMultiplai(g);
  }
}

// ---------------------------------------------------------------------------------------------- invalid requests

type Mutation = { readonly note: string; readonly apply: (r: GenRequest) => GenRequest };

function setParam(r: GenRequest, param: ParameterObject, value: string | undefined, note: string): GenRequest {
  if (param.in === 'path') return { ...r, intent: 'invalid', note, pathParams: { ...r.pathParams, [param.name]: value ?? '' } };
  if (param.in === 'header') {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.headers)) if (k.toLowerCase() !== param.name.toLowerCase()) headers[k] = v;
    if (value !== undefined) headers[param.name] = value;
    return { ...r, intent: 'invalid', note, headers };
  }
  const query: Pair[] = r.query.filter(([k]) => k !== param.name);
  if (value !== undefined) query.push([param.name, value]);
  return { ...r, intent: 'invalid', note, query };
}

/** Values breaking one rule of a parameter's schema, as the spec states them. */
function brokenValues(param: ParameterObject, schema: JsonSchema, resolve: (node: unknown) => JsonSchema): fc.Arbitrary<[string, string | undefined]>[] {
  const out: fc.Arbitrary<[string, string | undefined]>[] = [];
  const branches = [schema, ...((schema.anyOf ?? schema.oneOf ?? []) as unknown[]).map((b) => resolve(b))];
  const types = new Set(branches.flatMap((b) => [b.type].flat()).filter((t): t is string => typeof t === 'string'));
  const formats = new Set(branches.map((b) => b.format).filter((f): f is string => typeof f === 'string'));
  const fixed = (rule: string, value: string | undefined) => out.push(fc.constant([rule, value] as [string, string | undefined]));
  if (param.required && param.in !== 'path') fixed('missing', undefined);
  if (Array.isArray(schema.enum)) {
    const allowed = (schema.enum as unknown[]).map(String);
    out.push(fc.string({ maxLength: 12 }).filter((s) => !allowed.includes(s)).map((s) => [`not one of its enum values (${allowed.join(', ')})`, s] as [string, string]));
  }
  if ((types.has('integer') || types.has('number')) && !types.has('string')) {
    out.push(fc.constantFrom('abc', '1.5', '12abc', '0x10', '--1', 'NaN', 'Infinity').map((s) => [`not ${types.has('integer') ? 'an integer' : 'a number'}`, s] as [string, string]));
  }
  if (typeof schema.minimum === 'number') {
    const min = schema.minimum;
    out.push(fc.integer({ min: 1, max: 1_000_000 }).map((d) => [`below its minimum ${min}`, String(min - d)] as [string, string]));
  }
  if (typeof schema.maximum === 'number') {
    const max = schema.maximum;
    out.push(fc.integer({ min: 1, max: 1_000_000 }).map((d) => [`above its maximum ${max}`, String(max + d)] as [string, string]));
  }
  if (formats.has('uuid') && !types.has('null')) out.push(notUuid.map((s) => ['not a uuid', s] as [string, string]));
  if (formats.has('date-time') && !formats.has('date')) {
    out.push(fc.constantFrom('yesterday', '2026-01-01T00:00:00', '2026-01-01', '2026-02-30T00:00:00Z', '2026-01-01T25:00:00Z', '2026-13-01T00:00:00Z', '1700000000000')
      .map((s) => ['not a date-time with a UTC offset', s] as [string, string]));
  }
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern);
    out.push(fc.oneof(fc.constantFrom('completed', 'FAILED,', ',FAILED', 'FAILED, COMPLETED', 'DONE', 'FAILED;COMPLETED'), fc.string({ maxLength: 10 }))
      .filter((s) => !pattern.test(s)).map((s) => ['not matching its pattern', s] as [string, string]));
  }
  return out;
}

function specMutations(op: Operation, api: ApiName): fc.Arbitrary<Mutation>[] {
  const spec = loadSpec(api);
  const resolve = (node: unknown) => spec.resolve<JsonSchema>(node);
  return op.parameters.flatMap((param) => brokenValues(param, resolve(param.schema ?? {}), resolve).map((arb) => arb.map(([rule, value]): Mutation => ({
    note: `${param.in} ${param.name}: ${rule}${value === undefined ? '' : ` (${JSON.stringify(value)})`}`,
    apply: (r) => setParam(r, param, value, `${param.in} ${param.name}: ${rule}${value === undefined ? '' : ` (${JSON.stringify(value)})`}`),
  }))));
}

function pairMutation(note: string, edit: (query: Pair[]) => Pair[]): Mutation {
  return { note, apply: (r) => ({ ...r, intent: 'invalid', note, query: edit([...r.query]) }) };
}

function apiMutations(api: ApiName, g: GenContext): fc.Arbitrary<Mutation>[] {
  switch (api) {
    case 'onepin':
      return [fc.tuple(dateTimeArb(g), fc.integer({ min: 1, max: 30 * DAY })).map(([from, d]) => pairMutation('from after to', (q) => [
        ...q.filter(([k]) => k !== 'from' && k !== 'to'), ['from', new Date(Math.min(from.ms + d, MAX_INSTANT)).toISOString()], ['to', new Date(from.ms).toISOString()],
      ]))];
    case 'b3os':
      return [
        fc.integer({ min: 1, max: 30 * DAY }).map((d) => pairMutation('from after to', (q) => {
          const to = Number(q.find(([k]) => k === 'to')?.[1] ?? g.now);
          return [...q.filter(([k]) => k !== 'from'), ['from', String(Math.min(to + d, MAX_INSTANT))]];
        })),
        fc.integer({ min: 1, max: 1000 * DAY }).map((d) => pairMutation('a window over 365 days', (q) => {
          const to = Number(q.find(([k]) => k === 'to')?.[1] ?? g.now);
          return [...q.filter(([k]) => k !== 'from' && k !== 'to'), ['from', String(Math.max(0, to - 365 * DAY - d))], ['to', String(Math.max(to, 365 * DAY + d))]];
        })),
        fc.integer({ min: 1, max: 1_000_000 }).map((d) => pairMutation('an instant after 9999-12-31', (q) => [...q.filter(([k]) => k !== 'from' && k !== 'to'), ['from', String(MAX_INSTANT)], ['to', String(MAX_INSTANT + d)]])),
      ];
    default:
      return [];
  }
}

/** Multiplai's invalid queries: one field or rule broken, in a body or a query string. */
function invalidMultiplai(g: GenContext): fc.Arbitrary<GenRequest> {
  const valid = checkMetricsQuery();
  const base = metricsFields(g).filter((f) => valid(f).length === 0);
  const broken: fc.Arbitrary<[string, (f: MetricsFields) => MetricsFields]>[] = [
    fc.constantFrom('workspace_uuid', 'entity', 'metric', 'aggregation').map((k) => [`${k} missing`, (f: MetricsFields) => { const c = { ...f }; delete c[k]; return c; }] as [string, (f: MetricsFields) => MetricsFields]),
    fc.tuple(fc.constantFrom('entity', 'metric', 'aggregation', 'group_by', 'granularity', 'order_by', 'order_dir'), fc.string({ minLength: 1, maxLength: 10 }))
      .filter(([, s]) => !['workflows', 'agents', 'executions', 'created', 'copies', 'shares', 'avg_duration', 'count', 'sum', 'avg', 'user', 'date', 'daily', 'weekly', 'monthly', 'value', 'name', 'asc', 'desc'].includes(s))
      .map(([k, s]) => [`${k} not one of its values (${JSON.stringify(s)})`, (f: MetricsFields) => ({ ...f, [k]: s })] as [string, (f: MetricsFields) => MetricsFields]),
    fc.oneof(fc.integer({ min: -1000, max: 0 }), fc.integer({ min: 1001, max: 100_000 })).map((n) => [`limit ${n} (1–1000)`, (f: MetricsFields) => ({ ...f, limit: n })] as [string, (f: MetricsFields) => MetricsFields]),
    fc.constantFrom('1y', '7', '', '365d').map((p) => [`filters.period ${JSON.stringify(p)}`, (f: MetricsFields) => ({ ...f, filters: { ...(f.filters as object | undefined), period: p } })] as [string, (f: MetricsFields) => MetricsFields]),
    fc.constantFrom('foo', 'page', 'sort').map((k) => [`an unknown field ${k}`, (f: MetricsFields) => ({ ...f, [k]: '1' })] as [string, (f: MetricsFields) => MetricsFields]),
    fc.constant(['an unknown filter', (f: MetricsFields) => ({ ...f, filters: { ...(f.filters as object | undefined), state: 'x' } })] as [string, (f: MetricsFields) => MetricsFields]),
    fc.constant(['avg_duration for agents', (f: MetricsFields) => ({ ...f, entity: 'agents', metric: 'avg_duration' })] as [string, (f: MetricsFields) => MetricsFields]),
    fc.constantFrom('user', 'date').map((by) => [`avg_duration grouped by ${by}`, (f: MetricsFields) => ({ ...f, entity: 'workflows', metric: 'avg_duration', group_by: by, granularity: 'daily' })] as [string, (f: MetricsFields) => MetricsFields]),
    fc.constant(['group_by date without granularity', (f: MetricsFields) => { const c: MetricsFields = { ...f, group_by: 'date', metric: f.metric === 'avg_duration' ? 'executions' : f.metric }; delete c.granularity; return c; }] as [string, (f: MetricsFields) => MetricsFields]),
  ];
  return fc.tuple(base, fc.oneof(...broken), fc.constantFrom('body' as const, 'query' as const)).map(([fields, [note, edit], via]) => multiplaiRequest('invalid', edit(fields), via, 'plain', note))
    .filter((r) => r.body !== undefined || r.query.every(([, v]) => v !== 'undefined'));
}

export function invalidRequests(api: ApiName, op: Operation, g: GenContext): fc.Arbitrary<GenRequest> {
  if (api === 'multiplai') {
    return fc.oneof(invalidMultiplai(g), fc.constantFrom('{"entity":', '[1,2]', '"workflows"', 'null').map((text) => ({ intent: 'invalid' as const, note: `a body that is not a JSON object (${text})`, pathParams: {}, query: [], headers: {}, body: text })));
  }
  const mutations = [...specMutations(op, api), ...apiMutations(api, g)];
  return fc.tuple(validRequests(api, g), fc.oneof(...mutations)).map(([r, m]) => m.apply(r));
}

// ---------------------------------------------------------------------------------------------- edge requests

function edgeMutations(api: ApiName): fc.Arbitrary<Mutation>[] {
  const edge = (note: string, edit: (r: GenRequest) => GenRequest): Mutation => ({ note, apply: (r) => ({ ...edit(r), intent: 'edge', note }) });
  const repeat = fc.nat().map((i) => edge('a parameter repeated', (r) => {
    if (r.query.length === 0) return r;
    const pair = r.query[i % r.query.length] as Pair;
    return { ...r, query: [...r.query, pair] };
  }));
  const lowerCase = fc.constant(edge('a date-time in lower case (RFC 3339 allows t and z)', (r) => ({ ...r, query: r.query.map(([k, v]) => [k, /^\d{4}-\d{2}-\d{2}T/.test(v) ? v.toLowerCase() : v] as Pair) })));
  const emptyValue = fc.nat().map((i) => edge('an optional parameter given empty', (r) => {
    const optional = r.query.filter(([k]) => !['from', 'to', 'granularity', 'workspace_uuid', 'entity', 'metric', 'aggregation'].includes(k));
    if (optional.length === 0) return r;
    const [name] = optional[i % optional.length] as Pair;
    return { ...r, query: r.query.map(([k, v]) => [k, k === name ? '' : v] as Pair) };
  }));
  const bracketExtra = fc.constant(edge('an unknown parameter in array syntax', (r) => ({ ...r, query: [...r.query, ['tags[]', 'a'] as Pair] })));
  const unicode = fc.string({ unit: 'grapheme', maxLength: 6 }).map((s) => edge('unusual text in a text parameter', (r) => ({ ...r, query: r.query.map(([k, v]) => [k, k === 'user_id' || EXTRA_NAMES.includes(k) ? s : v] as Pair) })));
  const all = [repeat, lowerCase, emptyValue, bracketExtra, unicode];
  return api === 'alloy' ? [bracketExtra, unicode.map((m) => ({ ...m, apply: (r: GenRequest) => ({ ...m.apply(r), query: [['utm_source', (m.apply({ ...r, query: [['utm_source', 'x']] }).query[0] as Pair)[1]] as Pair] }) }))] : all;
}

export function edgeRequests(api: ApiName, g: GenContext): fc.Arbitrary<GenRequest> {
  return fc.tuple(validRequests(api, g), fc.oneof(...edgeMutations(api))).map(([r, m]) => m.apply(r));
}

export function requestArbitrary(api: ApiName, intent: Intent, op: Operation, g: GenContext): fc.Arbitrary<GenRequest> {
  return intent === 'valid' ? validRequests(api, g) : intent === 'invalid' ? invalidRequests(api, op, g) : edgeRequests(api, g);
}
