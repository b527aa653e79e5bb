/**
 * Scenario documents checked against specs/scenario.schema.yaml (the one source of truth for their
 * shape), with ajv's errors rephrased for a person editing the file.
 *
 * Compiling the schema took ajv about 90 ms of every start, so `npm run gen` also writes the compiled
 * validator as standalone code (src/generated/scenario-validator.cjs), with the hash of the schema text it
 * was made from. It is used while that hash is the schema's; after an edit the schema is compiled here, as
 * before (and `npm run gen:check` fails until the validator is generated again).
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { ScenarioProblem } from '../domain/scenario/document.ts';
import { formatJsonPointer, parseJsonPointer } from '../lib/json-pointer.ts';
import { ownDocuments } from '../openapi/own-documents.ts';

/**
 * A problem of shape, and the node it makes unusable for further checks (`invalid`): the node itself, or for
 * a missing field the field (its record stays usable for the checks that do not need it).
 */
export interface ShapeProblem extends ScenarioProblem {
  readonly invalid: readonly (string | number)[];
}

/**
 * Every node of `doc` that the schema refuses, one problem each: ajv reports every keyword a node breaks (a
 * token too short and with a bad character), and the first says enough. A missing field and an unknown one
 * are problems of their own, each.
 */
export function validateScenarioShape(doc: unknown): ShapeProblem[] {
  const validate = ownDocuments().scenarioValidator();
  if (validate(doc)) return [];
  const seen = new Set<string>();
  const problems: ShapeProblem[] = [];
  for (const error of validate.errors ?? []) {
    const problem = toProblem(error, doc);
    const key = formatJsonPointer(problem.invalid);
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function toProblem(error: ErrorObject, doc: unknown): ShapeProblem {
  const path = parseJsonPointer(error.instancePath).map(keyOrIndex);
  const params = error.params as Record<string, unknown>;
  const at = (message: string, invalid = path) => ({ path, message, invalid });
  switch (error.keyword) {
    case 'required':
      return at(`missing required field "${String(params.missingProperty)}"`, [...path, String(params.missingProperty)]);
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      return { path: [...path, field], message: `unknown field "${field}"`, invalid: [...path, field] };
    }
    case 'type':
      return at(`must be ${typeNames(params.type)}, not ${typeOf(valueAt(doc, path))}`);
    case 'format':
      return at(formatMessage(String(params.format)));
    case 'enum':
      return at(`must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`);
    case 'const':
      return at(`must be ${JSON.stringify(params.allowedValue)}`);
    default:
      // One line each: parse.ts makes every problem's message one line as it locates it.
      return at(error.message ?? `fails the "${error.keyword}" rule`);
  }
}

const ARTICLE: Record<string, string> = { string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false', object: 'an object', array: 'an array', null: 'null' };

function typeNames(type: unknown): string {
  const names = (Array.isArray(type) ? type : String(type).split(',')).map((name) => ARTICLE[String(name)] ?? String(name));
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names.at(-1)!}`;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return 'true or false';
  return `a ${typeof value}`;
}

function valueAt(doc: unknown, path: readonly (string | number)[]): unknown {
  let value = doc;
  for (const segment of path) value = (value as Record<string | number, unknown> | null | undefined)?.[segment];
  return value;
}

function formatMessage(format: string): string {
  switch (format) {
    case 'date-time':
      return 'bad timestamp: must be an ISO 8601 date-time with a UTC offset, e.g. 2026-11-20T12:00:00Z';
    case 'uuid':
      return 'must be a UUID, e.g. 0b6f2b8e-3c1a-4d52-9a57-5a1f0c2e7d41';
    case 'email':
      return 'must be an email address';
    default:
      return `must match format "${format}"`;
  }
}

/** A path segment as the YAML document's `getIn` wants it: array indexes as numbers. */
function keyOrIndex(segment: string): string | number {
  return /^\d+$/.test(segment) ? Number(segment) : segment;
}
