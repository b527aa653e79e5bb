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
import { parseJsonPointer } from '../lib/json-pointer.ts';
import { ownDocuments } from '../openapi/own-documents.ts';

export function validateScenarioShape(doc: unknown): ScenarioProblem[] {
  const validate = ownDocuments().scenarioValidator();
  if (validate(doc)) return [];
  return (validate.errors ?? []).map(toProblem);
}

function toProblem(error: ErrorObject): ScenarioProblem {
  const path = parseJsonPointer(error.instancePath).map(keyOrIndex);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path, message: `missing required field "${String(params.missingProperty)}"` };
    case 'additionalProperties':
      return { path: [...path, String(params.additionalProperty)], message: `unknown field "${String(params.additionalProperty)}"` };
    case 'format':
      return { path, message: formatMessage(String(params.format)) };
    case 'enum':
      return { path, message: `must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { path, message: `must be ${JSON.stringify(params.allowedValue)}` };
    default:
      return { path, message: error.message ?? `fails the "${error.keyword}" rule` };
  }
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
