/**
 * Request parameters read and checked against the spec (the one source of truth): each declared path,
 * query and header parameter is taken from the request, coerced from text to its schema's type, and
 * validated by ajv against that schema. Every problem is returned, none thrown.
 */
import type { ApiRequest } from '../../core/api-request.ts';
import { parseJsonPointer } from '../../lib/json-pointer.ts';
import type { JsonSchema, Operation, ParameterObject, SpecDocument } from '../../openapi/spec-document.ts';
import { loadSpec } from '../../openapi/spec-document.ts';
import { specValidator, type SchemaProblem } from '../../openapi/spec-validator.ts';
import type { RequestProblem } from './api-failure.ts';

export interface ParsedParameters {
  /** Present parameters, coerced to their schema types; absent ones are undefined. */
  readonly values: Record<string, unknown>;
  readonly problems: RequestProblem[];
}

export function parseParameters(op: Operation, req: ApiRequest): ParsedParameters {
  const values: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const problems: RequestProblem[] = [];
  // Express 5 parses the query string again on every read of req.query: read it once.
  const query = req.query as Record<string, unknown>;
  const spec = loadSpec(op.spec);
  // Cookie parameters are left out when compiled: no vendor reads one.
  for (const { param, schema, itemSchema, validate } of compiledParameters(op)) {
    const raw = rawValue(param, req, query);
    if (raw === undefined || raw === '' && param.in === 'header') {
      if (param.required) problems.push({ in: param.in as RequestProblem['in'], name: param.name, path: [], keyword: 'required', message: 'is required' });
      continue;
    }
    // An array parameter is a list or a text to split; anything else (`api[x]=1` reads as an object) is
    // validated as it is, and refused by its schema's type.
    const value = itemSchema !== undefined && (typeof raw === 'string' || Array.isArray(raw))
      ? (Array.isArray(raw) ? raw : raw.split(param.explode === false ? ',' : /(?!)/)).map((item) => coerce(item, itemSchema, spec))
      : coerce(raw, schema, spec);
    const found = validate === undefined ? [] : validate(value);
    if (found.length > 0) for (const problem of dedupe(found)) problems.push(toRequestProblem(param, problem, value));
    values[param.name] = value;
  }
  return { values, problems };
}

/** A parameter with its schema resolved and its validator compiled: worked out once per operation. */
interface CompiledParameter {
  readonly param: ParameterObject;
  readonly schema: JsonSchema;
  /** The schema of an array parameter's items; undefined when the parameter is not an array. */
  readonly itemSchema: JsonSchema | undefined;
  readonly validate: ((value: unknown) => SchemaProblem[]) | undefined;
}

const compiledByOperation = new WeakMap<Operation, readonly CompiledParameter[]>();

function compiledParameters(op: Operation): readonly CompiledParameter[] {
  let compiled = compiledByOperation.get(op);
  if (compiled === undefined) {
    const spec = loadSpec(op.spec);
    compiled = op.parameters.filter((param) => param.in !== 'cookie').map((param) => {
      const schema = spec.resolve<JsonSchema>(param.schema ?? {});
      return {
        param,
        schema,
        itemSchema: typesOf(schema, spec).has('array') ? spec.resolve<JsonSchema>(schema.items ?? {}) : undefined,
        validate: param.schemaPointer === undefined ? undefined : specValidator().validatorAt(op.spec, param.schemaPointer),
      };
    });
    compiledByOperation.set(op, compiled);
  }
  return compiled;
}

function rawValue(param: ParameterObject, req: ApiRequest, query: Record<string, unknown>): unknown {
  switch (param.in) {
    case 'path':
      return (req.params as Record<string, string | undefined>)[param.name];
    case 'header':
      return req.get(param.name);
    case 'query':
      return Object.hasOwn(query, param.name) ? query[param.name] : undefined;
    default:
      return undefined;
  }
}

/** Text from a URL or header becomes a number or boolean where the schema wants one and it reads as one. */
function coerce(raw: unknown, schema: JsonSchema, spec: SpecDocument): unknown {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const properties = (schema.properties ?? {}) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, coerce(value, spec.resolve<JsonSchema>(properties[key] ?? {}), spec)]));
  }
  if (typeof raw !== 'string') return raw;
  const types = typesOf(schema, spec);
  if (types.has('string')) return raw;
  if ((types.has('integer') || types.has('number')) && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(raw)) return Number(raw);
  if (types.has('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

const typeCache = new WeakMap<JsonSchema, Set<string>>();

/** The JSON types a schema admits (its own and its anyOf/oneOf branches'), computed once per schema. */
function typesOf(schema: JsonSchema, spec: SpecDocument): Set<string> {
  const cached = typeCache.get(schema);
  if (cached !== undefined) return cached;
  const types = new Set<string>();
  typeCache.set(schema, types);
  for (const t of [schema.type].flat()) if (typeof t === 'string') types.add(t);
  for (const branch of [...((schema.anyOf ?? []) as unknown[]), ...((schema.oneOf ?? []) as unknown[])]) {
    for (const t of typesOf(spec.resolve<JsonSchema>(branch), spec)) types.add(t);
  }
  return types;
}

/** anyOf failures repeat one problem per branch; keep the first per path and keyword. */
function dedupe(problems: SchemaProblem[]): SchemaProblem[] {
  const informative = problems.filter((p) => p.keyword !== 'anyOf' && p.keyword !== 'oneOf');
  const chosen = informative.length > 0 ? informative : problems;
  const seen = new Set<string>();
  return chosen.filter((p) => {
    const key = `${p.path}|${p.keyword === 'type' || p.keyword === 'format' ? 'shape' : p.keyword}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toRequestProblem(param: ParameterObject, problem: SchemaProblem, value: unknown): RequestProblem {
  const path = parseJsonPointer(problem.path).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  return {
    in: param.in as RequestProblem['in'],
    name: param.name,
    path,
    keyword: problem.keyword ?? 'invalid',
    message: problem.message,
    ...(problem.params ? { params: problem.params } : {}),
    value,
  };
}
