// Written by `npm run gen` (src/dev/generated-files.ts) with scenario-validator.cjs: do not edit.
import type { ValidateFunction } from 'ajv';

declare const validate: ValidateFunction & {
  /** SHA-256 of specs/scenario.schema.yaml as it was compiled, hex. */
  readonly schemaSha256: string;
};
export = validate;
