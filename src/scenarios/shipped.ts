/**
 * The shipped scenarios (scenarios/*.yaml) as data, validated on first use: what the browser and the MSW
 * handlers load by name, having no file system. `npm run gen` writes the data from the YAML files.
 */
import type { ScenarioDocument } from '../domain/scenario/document.ts';
import { SHIPPED_SCENARIO_DOCUMENTS } from '../generated/scenarios/index.ts';
import { validateScenarioDocument } from '../scenario-files/parse.ts';

export const SHIPPED_SCENARIO_NAMES: readonly string[] = Object.keys(SHIPPED_SCENARIO_DOCUMENTS).sort();

/** A shipped scenario by name, validated (a fresh copy each time: callers may change it). */
export function shippedScenario(name: string): ScenarioDocument {
  const document = SHIPPED_SCENARIO_DOCUMENTS[name];
  if (document === undefined) {
    throw new Error(`flowmock: no shipped scenario "${name}" (shipped: ${SHIPPED_SCENARIO_NAMES.join(', ')}); give a scenario document instead`);
  }
  return validateScenarioDocument(structuredClone(document), `scenarios/${name}.yaml`);
}
