/** Reading a scenario file named on the command line (a path, or a shipped scenario's name). */
import { readFileSync } from 'node:fs';
import { dirname, extname, relative } from 'node:path';
import type { ScenarioDocument } from '../domain/scenario/document.ts';
import { useOwnFiles } from './own-files.ts';
import { locateScenario, shippedScenarioNames, SHIPPED_SCENARIOS_DIR } from './locate-scenario.ts';
import { currentTwinValue } from './own-yaml.ts';
import { parseScenario, validateScenarioDocument } from '../scenario-files/parse.ts';
import { ScenarioError } from '../scenario-files/scenario-error.ts';

export interface LoadedScenario {
  readonly file: string;
  readonly document: ScenarioDocument;
}

/** Reads and validates a scenario file (under Node, so our schema is read from its file too). */
export function loadScenarioFile(nameOrPath: string): LoadedScenario {
  useOwnFiles();
  const file = locateScenario(nameOrPath);
  if (file === undefined) {
    throw new ScenarioError([{
      file: nameOrPath,
      pointer: '',
      message: `no such scenario: give a path to a .yaml/.json file or one of: ${shippedScenarioNames().join(', ')}`,
    }]);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScenarioError([{ file, pointer: '', message: `cannot read the file: ${(error as Error).message}` }]);
  }
  return { file, document: readScenario(file, text) };
}

/**
 * A shipped scenario is read from its JSON twin while that was made from the same text (src/node/own-yaml.ts:
 * the YAML parser was a tenth of `flowmock serve`'s start-up); it is still validated like any document. Any
 * other file, an edited shipped one, or a twin the checks refuse (so that its problems come with lines) is parsed.
 */
function readScenario(file: string, text: string): ScenarioDocument {
  const source = displayName(file);
  const shipped = `${dirname(file)}/` === SHIPPED_SCENARIOS_DIR && extname(file) === '.yaml';
  const twin = shipped ? currentTwinValue(file, text, 'scenario') : undefined;
  if (twin !== undefined) {
    try {
      return validateScenarioDocument(twin, source);
    } catch {
      // Falls through to the parser, whose problems say where in the file.
    }
  }
  return parseScenario(text, source);
}

function displayName(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}
