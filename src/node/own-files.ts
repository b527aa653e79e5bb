/**
 * Our own documents read from the files under Node: each spec and the scenario schema from its JSON twin
 * while the twin is current, else from the YAML (src/node/own-yaml.ts); the scenario validator generated
 * by `npm run gen` while it was made from the schema as it is, else compiled afresh. So an edited spec or
 * schema is never silently ignored before `npm run gen` (which `npm run gen:check` then demands).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import generatedValidator from '../generated/scenario-validator.cjs';
import { provideOwnDocuments, type OwnDocumentName, type OwnDocumentSource } from '../openapi/own-documents.ts';
import { scenarioSchemaAjv } from '../scenario-files/scenario-schema-ajv.ts';
import { readOwnYaml, sourceSha256 } from './own-yaml.ts';

export const SPECS_DIR = fileURLToPath(new URL('../../specs/', import.meta.url));
export const SCENARIO_SCHEMA_FILE = `${SPECS_DIR}scenario.schema.yaml`;

const fileOf = (name: OwnDocumentName) => `${SPECS_DIR}${name}.yaml`;
let validator: ValidateFunction | undefined;

export const ownFiles: OwnDocumentSource = {
  document: (name) => readOwnYaml(fileOf(name)) as Record<string, unknown>,
  origin: fileOf,
  scenarioValidator() {
    if (validator === undefined) {
      const current = generatedValidator.schemaSha256 === sourceSha256(readFileSync(SCENARIO_SCHEMA_FILE, 'utf8'));
      validator = current ? generatedValidator : scenarioSchemaAjv().compile(readOwnYaml(SCENARIO_SCHEMA_FILE) as object);
    }
    return validator;
  },
};

/** Node entry points call this first: the core reads the files. */
export function useOwnFiles(): void {
  provideOwnDocuments(ownFiles);
}
