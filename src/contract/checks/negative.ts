/**
 * Requests that break the spec, one rule at a time, derived from the spec itself: each required
 * parameter missing, each enum broken, wrong types, values past their bounds, bad formats and patterns.
 * Each must get the API's documented validation status, in its documented envelope (the schema check
 * of every response sees to the envelope).
 */
import type { JsonSchema, ParameterObject } from '../../openapi/spec-document.ts';
import { loadSpec } from '../../openapi/spec-document.ts';
import { toCall, type Baseline, describeCall } from '../baseline.ts';
import type { CallOptions, CheckContext } from '../context.ts';

export interface NegativeCase {
  readonly name: string;
  readonly call: CallOptions;
  readonly status: number;
}

/** One broken variant per rule each parameter's schema states. */
export function specNegatives(ctx: CheckContext, baseline: Baseline, status: number): NegativeCase[] {
  const spec = loadSpec(ctx.api);
  const cases: NegativeCase[] = [];
  for (const param of ctx.op.parameters) {
    const schema = spec.resolve<JsonSchema>(param.schema ?? {});
    const variants = brokenValues(param, schema, spec.resolve.bind(spec));
    for (const [rule, value] of variants) cases.push({ name: `${param.in} ${param.name}: ${rule}`, call: withParam(ctx, baseline, param, value), status });
  }
  return cases;
}

type Resolve = <T>(node: unknown) => T;

function brokenValues(param: ParameterObject, schema: JsonSchema, resolve: Resolve): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  const branches = [schema, ...((schema.anyOf ?? schema.oneOf ?? []) as unknown[]).map((b) => resolve<JsonSchema>(b))];
  const types = new Set(branches.flatMap((b) => [b.type].flat()).filter((t): t is string => typeof t === 'string'));
  const formats = new Set(branches.map((b) => b.format).filter((f): f is string => typeof f === 'string'));
  if (param.required && param.in !== 'path') out.push(['missing', undefined]);
  if (Array.isArray(schema.enum)) out.push(['not one of its enum values', 'not-a-valid-value']);
  if ((types.has('integer') || types.has('number')) && !types.has('string')) out.push(['not a number', 'abc']);
  if (types.has('integer') && !types.has('string')) out.push(['not an integer', '1.5']);
  if (typeof schema.minimum === 'number') out.push([`below its minimum ${schema.minimum}`, String(schema.minimum - 1)]);
  if (typeof schema.maximum === 'number') out.push([`above its maximum ${schema.maximum}`, String(schema.maximum + 1)]);
  if (formats.has('uuid') && !types.has('null')) out.push(['not a uuid', 'not-a-uuid']);
  if (formats.has('date-time') && !formats.has('date')) out.push(['not a date-time', 'yesterday']);
  if (formats.has('date-time') && !formats.has('date')) out.push(['a date-time without UTC offset', '2026-01-01T00:00:00']);
  if (typeof schema.pattern === 'string') out.push(['not matching its pattern', 'NOT_A_MATCH!']);
  return out;
}

function withParam(ctx: CheckContext, baseline: Baseline, param: ParameterObject, value: string | undefined): CallOptions {
  if (param.in === 'path') return toCall(ctx.op, { ...baseline, pathParams: { ...baseline.pathParams, [param.name]: value ?? '' } });
  if (param.in === 'query') {
    const query: Record<string, string | number | undefined> = { ...baseline.query, [param.name]: value };
    return toCall(ctx.op, { ...baseline, query });
  }
  const headers: Record<string, string> = { ...baseline.headers };
  delete headers[param.name.toLowerCase()];
  delete headers[param.name];
  if (value !== undefined) headers[param.name] = value;
  return toCall(ctx.op, { ...baseline, headers });
}

/** Sends each case; the status must be the documented one (and the envelope, by the schema check). */
export async function runNegatives(ctx: CheckContext, cases: readonly NegativeCase[]): Promise<void> {
  for (const c of cases) {
    await ctx.check('negative', `${ctx.api}.rejects-invalid-request`, async () => {
      const { request, response } = await ctx.call(c.call);
      ctx.expect(
        response.status === c.status,
        `${c.name}: ${describeCall(c.call)} should be refused with ${c.status} (the documented error), got ${response.status}${response.status < 300 ? ' (the invalid request was accepted)' : ''}`,
        { request, expected: c.status, actual: response.status },
      );
    });
  }
}
