/**
 * Scenario documents checked against specs/scenario.schema.yaml (the one source of truth for their
 * shape), with ajv's errors rephrased for a person editing the file.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ScenarioProblem } from '../domain/scenario/document.ts';
import { parseCompactYaml } from '../yaml/compact-yaml.ts';

const SCHEMA_URL = new URL('../../specs/scenario.schema.yaml', import.meta.url);

let validator: ReturnType<Ajv2020['compile']> | undefined;

function compiled(): ReturnType<Ajv2020['compile']> {
  if (validator === undefined) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
    addFormats.default(ajv);
    validator = ajv.compile(parseCompactYaml(readFileSync(SCHEMA_URL, 'utf8')) as object);
  }
  return validator;
}

export function validateScenarioShape(doc: unknown): ScenarioProblem[] {
  const validate = compiled();
  if (validate(doc)) return [];
  return (validate.errors ?? []).map(toProblem);
}

function toProblem(error: ErrorObject): ScenarioProblem {
  const path = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/').map(unescapePointer);
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

function unescapePointer(segment: string): string | number {
  const text = segment.replace(/~1/g, '/').replace(/~0/g, '~');
  return /^\d+$/.test(text) ? Number(text) : text;
}
