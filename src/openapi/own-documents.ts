/**
 * Where the core reads our own documents from: the six specs, the scenario schema and the scenario
 * validator compiled from it. The core does not read files (it runs in a browser too), so each entry point
 * provides a source: under Node the files themselves (src/node/own-files.ts: an edited spec is read even
 * before `npm run gen`), elsewhere the JSON twins bundled with the code (bundled-documents.ts).
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { SpecName } from './spec-document.ts';

export type OwnDocumentName = SpecName | 'scenario.schema';

export interface OwnDocumentSource {
  /** The parsed document, its strings one-byte where they can be (src/yaml/compact-yaml.ts). */
  document(name: OwnDocumentName): Record<string, unknown>;
  /** Where it comes from, for error messages (a file path, or `specs/NAME.yaml` when bundled). */
  origin(name: OwnDocumentName): string;
  /** specs/scenario.schema.yaml compiled by ajv. */
  scenarioValidator(): ValidateFunction;
}

let provided: OwnDocumentSource | undefined;

/**
 * Makes `source` the one the core reads from, unless one was provided already (the first wins: a process
 * that has both the server and the MSW handlers reads one set of documents).
 */
export function provideOwnDocuments(source: OwnDocumentSource): void {
  provided ??= source;
}

export function ownDocuments(): OwnDocumentSource {
  if (provided === undefined) {
    throw new Error('flowmock: no source for its specs: import flowmock from its package entry (flowmock, flowmock/msw), not a file inside it');
  }
  return provided;
}
