/** The ajv that compiles specs/scenario.schema.yaml: at start-up when the generated validator is stale, and for `npm run gen`. */
import { Ajv2020, type Options } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** `options` adds to ours (`npm run gen` asks for `code.source`). */
export function scenarioSchemaAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, ...options });
  addFormats.default(ajv);
  return ajv;
}
