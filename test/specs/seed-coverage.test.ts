/**
 * Field by field, everything the vendors' seed documents (their public pages, listed in
 * docs/apis.md#alloy-sources, #stackai-sources, #onepin-sources, #b3os-sources and #multiplai-sources)
 * state appears in our specs:
 * each parameter with its location, type, format, default, minimum and required flag; each response
 * field with its type, nullability and enum; each documented error status; each security scheme.
 * The tables below were transcribed by hand from the seed pages, one row per line of the seed.
 */
import { describe, expect, it } from 'vitest';
import { loadSpec, type JsonSchema, type Operation, type SpecDocument, type SpecName } from '../../src/openapi/spec-document.ts';

interface ParamRow { name: string; in: string; type?: string; format?: string; required?: boolean; default?: unknown; minimum?: number; nullable?: boolean }
interface FieldRow { path: string; type?: string; format?: string; required?: boolean; nullable?: boolean; enum?: string[] }
interface Seed {
  params: ParamRow[];
  /** Fields of the 200 body, as a dotted path (`[]` steps into array items). */
  fields: FieldRow[];
  /** Fields of a JSON request body, same notation. */
  bodyFields?: FieldRow[];
  errors: string[];
  security: string[];
}

const B3OS_STATUSES = ['awaiting_payment', 'payment_confirmed', 'workflow_queued', 'workflow_running', 'workflow_waiting', 'workflow_succeeded', 'workflow_failed', 'workflow_cancelled'];

const SEEDS: Record<Exclude<SpecName, 'admin'>, Seed> = {
  alloy: {
    params: [
      { name: 'x-api-version', in: 'header', type: 'string', required: true, default: '2025-09' },
      { name: 'workflowId', in: 'path', type: 'string', required: true },
    ],
    fields: [
      { path: 'totalAppActions', type: 'integer' },
      { path: 'totalWorkflowRuns', type: 'integer' },
      { path: 'totalErrors', type: 'integer' },
    ],
    errors: ['400', '401', '404'],
    security: ['http:bearer'],
  },
  stackai: {
    params: [
      { name: 'flow_id', in: 'path', type: 'string', required: true },
      { name: 'org_id', in: 'path', type: 'string', required: true },
      { name: 'page', in: 'query', type: 'integer', default: 0 },
      { name: 'page_size', in: 'query', type: 'integer', default: 25, minimum: 1 },
      { name: 'start_date', in: 'query', format: 'date-time', nullable: true },
      { name: 'end_date', in: 'query', format: 'date-time', nullable: true },
      { name: 'user_id', in: 'query', type: 'string', nullable: true },
      { name: 'state', in: 'query', type: 'string', nullable: true },
    ],
    fields: [
      { path: '[].run_id', type: 'string', format: 'uuid', required: true },
      { path: '[].conversation_id', type: 'string', nullable: true },
      { path: '[].date', type: 'string', format: 'date-time', required: true },
      { path: '[].is_flow_successful', type: 'boolean', required: true, nullable: true },
      { path: '[].state', required: true, nullable: true, enum: ['PENDING', 'PAUSED', 'RESUMED', 'COMPLETED', 'FAILED', 'CANCELLED'] },
      { path: '[].error', type: 'string', required: true, nullable: true },
      { path: '[].latency', type: 'number', required: true, nullable: true },
      { path: '[].total_tokens', type: 'integer', required: true },
      { path: '[].user_id', type: 'string', required: true, nullable: true },
      { path: '[].inputs', type: 'string', required: true, nullable: true },
      { path: '[].outputs', type: 'string', required: true, nullable: true },
      { path: '[].llms', type: 'string', required: true, nullable: true },
      { path: '[].feedback', type: 'string', required: true, nullable: true },
      { path: '[].llm_usage', type: 'array' },
      { path: '[].run_type', nullable: true, enum: ['workflow_builder', 'form', 'batch', 'chat_assistant', 'agent_assistant', 'trigger', 'scheduled', 'sub_workflow', 'api'] },
      { path: '[].ran_by_type', nullable: true, enum: ['user', 'personal_api_key', 'org_api_key', 'system'] },
      { path: '[].ran_by_id', format: 'uuid', nullable: true },
      { path: '[].ran_by_display_name', type: 'string', nullable: true },
      { path: '[].parent_run_id', format: 'uuid', nullable: true },
      { path: '[].parent_project_id', type: 'string', nullable: true },
      { path: '[].parent_project_name', type: 'string', nullable: true },
    ],
    errors: ['422', '401', '403', '404'],
    security: ['oauth2', 'http:bearer'],
  },
  onepin: {
    params: [
      { name: 'workflow_id', in: 'path', type: 'string', format: 'uuid', required: true },
      { name: 'X-Workspace-Id', in: 'header', type: 'string', required: false },
      { name: 'from', in: 'query', format: 'date-time', required: false },
      { name: 'to', in: 'query', format: 'date-time', required: false },
    ],
    fields: [
      ...['total_runs', 'completed', 'failed', 'cancelled', 'pending', 'running', 'paused'].map((f) => ({ path: `data.${f}`, type: 'integer', required: true })),
      { path: 'data.pass_rate', type: 'number', nullable: true },
      { path: 'data.average_duration_seconds', type: 'number', nullable: true },
      { path: 'meta.request_id', type: 'string' },
      { path: 'meta.timestamp', type: 'string', format: 'date-time' },
    ],
    errors: ['422', '401', '403', '404'],
    security: ['http:bearer'],
  },
  b3os: {
    params: [
      { name: 'from', in: 'query', type: 'integer', required: true },
      { name: 'to', in: 'query', type: 'integer', required: true },
      { name: 'granularity', in: 'query', type: 'string', required: true },
    ],
    fields: [
      { path: 'code', type: 'integer' },
      { path: 'message', type: 'string' },
      { path: 'requestId', type: 'string' },
      { path: 'data.granularity', type: 'string' },
      ...['createdAt', 'executionId', 'finishedAt', 'runId', 'sourceSystem', 'statusReason', 'workflowId'].map((f) => ({ path: `data.recentFailures[].${f}`, type: 'string' })),
      { path: 'data.recentFailures[].status', enum: B3OS_STATUSES },
      ...['cancelled', 'failed', 'succeeded', 'total'].map((f) => ({ path: `data.sourceSystems[].${f}`, type: 'integer' })),
      { path: 'data.sourceSystems[].sourceSystem', type: 'string' },
      { path: 'data.statuses[].count', type: 'integer' },
      { path: 'data.statuses[].status', enum: B3OS_STATUSES },
      { path: 'data.summary.averageDurationMs', type: 'number' },
      { path: 'data.summary.successRate', type: 'number' },
      ...['cancelled', 'failed', 'inProgress', 'succeeded', 'terminal', 'total'].map((f) => ({ path: `data.summary.${f}`, type: 'integer' })),
      { path: 'data.timeSeries[].bucketStart', type: 'string' },
      ...['cancelled', 'failed', 'succeeded', 'total'].map((f) => ({ path: `data.timeSeries[].${f}`, type: 'integer' })),
    ],
    errors: ['400', '500', '401', '403'],
    security: ['http:bearer'],
  },
  multiplai: {
    params: [
      { name: 'X-Multiplai-Authorization', in: 'header' },
      ...['workspace_uuid', 'entity', 'metric', 'aggregation', 'group_by', 'granularity', 'order_by', 'order_dir', 'limit', 'filters'].map((name) => ({ name, in: 'query' })),
    ],
    bodyFields: [
      { path: 'workspace_uuid', type: 'string', required: true },
      { path: 'entity', required: true, enum: ['agents', 'workflows'] },
      { path: 'metric', required: true, enum: ['executions', 'created', 'copies', 'shares', 'avg_duration'] },
      { path: 'aggregation', required: true, enum: ['count', 'sum', 'avg'] },
      { path: 'group_by', enum: ['user', 'date'] },
      { path: 'granularity', enum: ['daily', 'weekly', 'monthly'] },
      { path: 'order_by', enum: ['value', 'name', 'date'] },
      { path: 'order_dir', enum: ['desc', 'asc'] },
      { path: 'limit', type: 'integer' },
      { path: 'filters.period', enum: ['7d', '30d', '90d', 'all'] },
      { path: 'filters.user_id' },
    ],
    fields: [
      { path: 'data.entity', type: 'string' },
      { path: 'data.metric', type: 'string' },
      { path: 'data.aggregation', type: 'string' },
      { path: 'data.group_by', nullable: true },
      { path: 'data.granularity', nullable: true },
      { path: 'data.total', type: 'number' },
      { path: 'data.results[].user_id', type: 'string' },
      { path: 'data.results[].user_name', type: 'string' },
      { path: 'data.results[].date', type: 'string' },
      { path: 'data.results[].value', type: 'number' },
      { path: 'meta.period.from', format: 'date' },
      { path: 'meta.period.to', format: 'date' },
      { path: 'meta.cached_at', format: 'date-time' },
      { path: 'meta.cache_ttl', type: 'integer' },
      { path: 'meta.unit', type: 'string', nullable: true },
    ],
    errors: ['422', '403', '404', '401'],
    security: ['http:bearer'],
  },
};

/** Every schema a field may take: refs followed, anyOf/oneOf/allOf branches flattened. */
function variants(spec: SpecDocument, schema: unknown): JsonSchema[] {
  const s = spec.resolve<JsonSchema | undefined>(schema);
  if (s === undefined || typeof s !== 'object') return [];
  const branches = [...((s.anyOf ?? []) as unknown[]), ...((s.oneOf ?? []) as unknown[]), ...((s.allOf ?? []) as unknown[])];
  return [s, ...branches.flatMap((b) => variants(spec, b))];
}

function typesOf(spec: SpecDocument, schema: unknown): Set<string> {
  const types = new Set<string>();
  for (const v of variants(spec, schema)) {
    for (const t of [v.type].flat()) if (typeof t === 'string') types.add(t);
    if (Array.isArray(v.enum) && v.enum.includes(null)) types.add('null');
  }
  return types;
}

/** The schemas at a dotted path, with the `required` lists of their parents. */
function fieldAt(spec: SpecDocument, root: unknown, path: string): { schemas: JsonSchema[]; required: boolean } {
  let current = variants(spec, root);
  let required = true;
  for (const step of path.replace(/\[\]/g, '.[]').split('.').filter(Boolean)) {
    if (step === '[]') {
      current = current.flatMap((s) => (s.items ? variants(spec, s.items) : []));
      continue;
    }
    const holders = current.filter((s) => (s.properties as Record<string, unknown> | undefined)?.[step] !== undefined);
    required = holders.some((s) => ((s.required ?? []) as string[]).includes(step));
    current = holders.flatMap((s) => variants(spec, (s.properties as Record<string, unknown>)[step]));
  }
  return { schemas: current, required };
}

function checkField(spec: SpecDocument, root: unknown, row: FieldRow) {
  const { schemas, required } = fieldAt(spec, root, row.path);
  expect(schemas.length, `${row.path} is in the schema`).toBeGreaterThan(0);
  const types = new Set(schemas.flatMap((s) => [...typesOf(spec, s)]));
  if (row.type) expect([...types], `${row.path} type`).toContain(row.type);
  if (row.nullable) expect([...types], `${row.path} is nullable`).toContain('null');
  if (row.format) expect(schemas.map((s) => s.format), `${row.path} format`).toContain(row.format);
  if (row.required) expect(required, `${row.path} is required`).toBe(true);
  if (row.enum) {
    const values = new Set(schemas.flatMap((s) => (Array.isArray(s.enum) ? s.enum : [])));
    for (const value of row.enum) expect([...values], `${row.path} enum`).toContain(value);
  }
}

describe.each(Object.keys(SEEDS) as (keyof typeof SEEDS)[])('specs/%s.yaml covers its seed document', (name) => {
  const spec = loadSpec(name);
  const seed = SEEDS[name];
  const [op] = spec.operations() as [Operation];

  it('documents one operation', () => expect(spec.operations()).toHaveLength(1));

  it.each(seed.params.map((p) => [`${p.in} ${p.name}`, p] as const))('parameter %s', (_t, row) => {
    const param = op.parameters.find((p) => p.name === row.name && p.in === row.in);
    expect(param, `${row.in} parameter ${row.name}`).toBeDefined();
    if (!param) return;
    if (row.required !== undefined) expect(param.required ?? false).toBe(row.required);
    const types = typesOf(spec, param.schema);
    if (row.type) expect([...types]).toContain(row.type);
    if (row.nullable) expect([...types]).toContain('null');
    const schemas = variants(spec, param.schema);
    if (row.format) expect(schemas.map((s) => s.format)).toContain(row.format);
    if (row.default !== undefined) expect(schemas.map((s) => s.default)).toContain(row.default);
    if (row.minimum !== undefined) expect(schemas.map((s) => s.minimum)).toContain(row.minimum);
  });

  it.each(seed.fields.map((f) => [f.path, f] as const))('200 field %s', (_t, row) => {
    checkField(spec, op.responses['200']?.content?.['application/json']?.schema, row);
  });

  it.each((seed.bodyFields ?? []).map((f) => [f.path, f] as const))('request body field %s', (_t, row) => {
    checkField(spec, op.requestBody?.content['application/json']?.schema, row);
  });

  it.each(seed.errors)('documents the %s error with a schema', (code) => {
    const response = op.responses[code];
    expect(response, `response ${code}`).toBeDefined();
    expect(Object.values(response?.content ?? {})[0]?.schema).toBeDefined();
  });

  it('declares the security the vendor documents', () => {
    const schemes = (spec.raw.components as { securitySchemes: Record<string, { type: string; scheme?: string }> }).securitySchemes;
    const declared = Object.values(schemes).map((s) => (s.type === 'http' ? `http:${s.scheme?.toLowerCase()}` : s.type));
    for (const scheme of seed.security) expect(declared).toContain(scheme);
    expect(op.security.length).toBeGreaterThan(0);
  });
});
