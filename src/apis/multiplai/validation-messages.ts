/**
 * ajv's problems with a metrics query, told the way Laravel's validator tells them (the vendor runs
 * Laravel): one sentence per broken rule, keyed by the field (`filters.period` for a nested one), in the
 * order of the fields in the spec's MetricsQuery schema. The vendor's rules 4–6 are `if`/`then` schemas
 * in the spec; their failures are recognised by where they land and get the vendor's sentences.
 */
import { parseJsonPointer } from '../../lib/json-pointer.ts';
import type { JsonSchema } from '../../openapi/spec-document.ts';
import { loadSpec } from '../../openapi/spec-document.ts';
import type { SchemaProblem } from '../../openapi/spec-validator.ts';
import type { RequestProblem } from '../shared/api-failure.ts';

export const METRICS_QUERY_POINTER = '#/components/schemas/MetricsQuery';

/** Where a top-level field came from, for RequestProblem.in. */
export type FieldSource = (field: string) => 'query' | 'body';

/** `filters.period` for a problem with name `filters` and path ['period']; `body` for the body itself. */
export function fieldOf(problem: Pick<RequestProblem, 'name' | 'path'>): string {
  return [problem.name, ...problem.path.map(String)].filter((s) => s !== '').join('.') || 'body';
}

/** The vendor's sentences for its rules 4–6 (seed and spec examples). */
const RULE_MESSAGES = {
  granularityRequired: 'The granularity field is required when group by is date.',
  avgDurationGrouped: 'The avg_duration metric does not support group_by.',
  avgDurationWorkflowsOnly: 'The avg_duration metric is only available for workflows.',
} as const;

export function toValidationProblems(found: readonly SchemaProblem[], query: Record<string, unknown>, sourceOf: FieldSource): RequestProblem[] {
  const { topLevel, filters, required } = schemaShape();
  const problems: RequestProblem[] = [];
  const emptyRequired = new Set(required.filter((name) => Object.hasOwn(query, name) && isEmpty(query[name])));
  for (const name of emptyRequired) problems.push(problem(sourceOf, name, [], 'required', `The ${attribute(name)} field is required.`, query[name]));

  for (const p of found) {
    const segments = parseJsonPointer(p.path);
    const [name = '', ...rest] = segments;
    // Laravel: null or "" for a required field is simply "required", whatever else it breaks.
    if (emptyRequired.has(name)) continue;
    const value = valueAt(query, segments);
    const limit = p.params?.limit;
    switch (p.keyword) {
      case 'if':
        continue; // its `then` failure is reported on its own
      case 'required': {
        const missing = String(p.params?.missingProperty);
        const text = missing === 'granularity' && segments.length === 0 ? RULE_MESSAGES.granularityRequired : `The ${attribute([...segments, missing].join('.'))} field is required.`;
        problems.push(problem(sourceOf, segments[0] ?? missing, segments.length === 0 ? [] : [...segments.slice(1), missing], 'required', text, undefined));
        continue;
      }
      case 'additionalProperties': {
        const extra = String(p.params?.additionalProperty);
        problems.push(problem(sourceOf, name === '' ? extra : name, name === '' ? [] : [...rest, extra], 'additionalProperties', `The ${[...segments, extra].join('.')} field is prohibited.`, undefined));
        continue;
      }
      case 'const':
        // The only `const` is rule 6's `entity: workflows` for avg_duration: the vendor reports it on metric.
        problems.push(problem(sourceOf, 'metric', [], 'const', RULE_MESSAGES.avgDurationWorkflowsOnly, query.metric));
        continue;
      case 'type': {
        const wanted = String(p.params?.type);
        if (name === 'group_by' && wanted === 'null') {
          problems.push(problem(sourceOf, name, rest, 'type', RULE_MESSAGES.avgDurationGrouped, value));
        } else if (name === 'granularity' && wanted === 'string') {
          // Rule 4's `then` wants a string; a null granularity is a missing one. Any other value also
          // breaks the Granularity schema itself, which says so.
          if (value === null) problems.push(problem(sourceOf, name, rest, 'required', RULE_MESSAGES.granularityRequired, value));
        } else {
          problems.push(problem(sourceOf, name, rest, 'type', `The ${attribute(segments.join('.'))} field must be ${typeName(wanted)}.`, value));
        }
        continue;
      }
      case 'enum':
        problems.push(problem(sourceOf, name, rest, 'enum', `The selected ${attribute(segments.join('.'))} is invalid.`, value));
        continue;
      case 'minLength':
        problems.push(problem(sourceOf, name, rest, 'required', `The ${attribute(segments.join('.'))} field is required.`, value));
        continue;
      case 'minimum':
        problems.push(problem(sourceOf, name, rest, 'minimum', `The ${attribute(segments.join('.'))} field must be at least ${String(limit)}.`, value));
        continue;
      case 'maximum':
        problems.push(problem(sourceOf, name, rest, 'maximum', `The ${attribute(segments.join('.'))} field must not be greater than ${String(limit)}.`, value));
        continue;
      default:
        problems.push(problem(sourceOf, name, rest, p.keyword ?? 'invalid', `The ${attribute(segments.join('.') || 'body')} field is invalid.`, value));
    }
  }
  return inFieldOrder(withoutShadowedTypes(problems), topLevel, filters);
}

function problem(sourceOf: FieldSource, name: string, path: readonly string[], keyword: string, message: string, value: unknown): RequestProblem {
  return { in: sourceOf(name), name, path, keyword, message, ...(value === undefined ? {} : { value }) };
}

/** A value outside an enum breaks its `type` too (5 for `entity`); "The selected entity is invalid." says it all. */
function withoutShadowedTypes(problems: RequestProblem[]): RequestProblem[] {
  const enumFields = new Set(problems.filter((p) => p.keyword === 'enum').map(fieldOf));
  return problems.filter((p) => p.keyword !== 'type' || !enumFields.has(fieldOf(p)));
}

/** The spec's field order (Laravel reports in the order of its rules); unknown fields last, as found. */
function inFieldOrder(problems: RequestProblem[], topLevel: readonly string[], filters: readonly string[]): RequestProblem[] {
  const rank = (p: RequestProblem): [number, number] => {
    const top = topLevel.indexOf(p.name);
    if (top === -1) return [topLevel.length, 0];
    const sub = p.path.length === 0 ? -1 : filters.indexOf(String(p.path[0]));
    return [top, sub === -1 && p.path.length > 0 ? filters.length : sub];
  };
  return problems
    .map((p, index) => ({ p, index, rank: rank(p) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.index - b.index)
    .map(({ p }) => p);
}

/** Laravel's display name of a field: underscores become spaces (`workspace uuid`), except in `__proto__`-like names. */
function attribute(field: string): string {
  return field
    .split('.')
    .map((part) => (/^[a-z][a-z0-9_]*$/.test(part) ? part.replace(/_/g, ' ') : part))
    .join('.');
}

function typeName(ajvType: string): string {
  const names: Record<string, string> = { string: 'a string', integer: 'an integer', number: 'a number', object: 'an object', boolean: 'true or false', array: 'an array' };
  return ajvType
    .split(',')
    .filter((t) => t !== 'null')
    .map((t) => names[t] ?? t)
    .join(' or ');
}

function isEmpty(value: unknown): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}

function valueAt(root: unknown, segments: readonly string[]): unknown {
  let node = root;
  for (const segment of segments) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

let shape: { topLevel: string[]; filters: string[]; required: string[] } | undefined;

/** Field names and required list of MetricsQuery, read from the spec once. */
function schemaShape(): { topLevel: string[]; filters: string[]; required: string[] } {
  if (shape !== undefined) return shape;
  const spec = loadSpec('multiplai');
  const query = spec.resolve<JsonSchema>(spec.pointer(METRICS_QUERY_POINTER.slice(1)));
  const properties = (query.properties ?? {}) as Record<string, unknown>;
  const filters = spec.resolve<JsonSchema>(properties.filters ?? {});
  shape = {
    topLevel: Object.keys(properties),
    filters: Object.keys((filters.properties ?? {}) as Record<string, unknown>),
    required: (query.required ?? []) as string[],
  };
  return shape;
}
