/**
 * Requests built from a spec alone: a valid value for every parameter the operation declares (its
 * example, default, first enum value, or one that fits its format), for tests that need no dataset.
 */
import type { JsonSchema, Operation, ParameterObject } from '../../src/openapi/spec-document.ts';
import { DEFAULT } from './fixtures.ts';

export function sampleValue(param: ParameterObject): unknown {
  if (param.example !== undefined) return param.example;
  const named = param.examples && Object.values(param.examples)[0];
  if (named) return named.value;
  return sampleFromSchema(param.schema ?? {});
}

function sampleFromSchema(schema: JsonSchema): unknown {
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (Array.isArray(schema.enum)) return schema.enum.find((v) => v !== null);
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches) return sampleFromSchema(branches.find((b) => b.type !== 'null') ?? {});
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (schema.format) {
    case 'uuid': return DEFAULT.acme.flows.syncLeads;
    case 'date-time': return '2026-11-20T12:00:00Z';
    case 'date': return '2026-11-20';
  }
  if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
  if (type === 'boolean') return true;
  return 'sample';
}

export interface BuiltRequest {
  readonly path: string;
  readonly headers: Record<string, string>;
}

/** The operation's path with path parameters filled, its required query and header parameters set. */
export function buildRequest(op: Operation, overrides: Record<string, unknown> = {}): BuiltRequest {
  let path = op.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const param of op.parameters) {
    const value = param.name in overrides ? overrides[param.name] : param.required || param.in === 'path' ? sampleValue(param) : undefined;
    if (value === undefined) continue;
    if (param.in === 'path') path = path.replace(`{${param.name}}`, encodeURIComponent(String(value)));
    else if (param.in === 'query') query.set(param.name, String(value));
    else if (param.in === 'header') headers[param.name] = String(value);
  }
  const qs = query.toString();
  return { path: qs === '' ? path : `${path}?${qs}`, headers };
}
