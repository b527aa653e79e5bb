/**
 * Our own documents as bundled data: the JSON twins `npm run gen` writes of the specs and the scenario
 * schema, and the scenario validator ajv compiled to standalone code. For the browser and the MSW handlers,
 * which have no file system; `npm run gen:check` keeps them in step with specs/.
 */
import scenarioValidator from '../generated/scenario-validator.cjs';
import admin from '../generated/yaml/admin.json' with { type: 'json' };
import alloy from '../generated/yaml/alloy.json' with { type: 'json' };
import b3os from '../generated/yaml/b3os.json' with { type: 'json' };
import multiplai from '../generated/yaml/multiplai.json' with { type: 'json' };
import onepin from '../generated/yaml/onepin.json' with { type: 'json' };
import scenarioSchema from '../generated/yaml/scenario.schema.json' with { type: 'json' };
import stackai from '../generated/yaml/stackai.json' with { type: 'json' };
import type { OwnDocumentName, OwnDocumentSource } from './own-documents.ts';

const TWINS: Record<OwnDocumentName, { readonly value: unknown }> = {
  alloy, stackai, onepin, b3os, multiplai, admin, 'scenario.schema': scenarioSchema,
};

export const bundledDocuments: OwnDocumentSource = {
  document: (name) => TWINS[name].value as Record<string, unknown>,
  origin: (name) => `specs/${name}.yaml`,
  scenarioValidator: () => scenarioValidator,
};
