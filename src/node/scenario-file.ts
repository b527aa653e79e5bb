/** Reading a scenario file named on the command line (a path, or a shipped scenario's name). */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { ScenarioDocument } from '../domain/scenario/document.ts';
import { useOwnFiles } from './own-files.ts';
import { locateScenario, shippedScenarioNames } from './locate-scenario.ts';
import { parseScenario } from '../scenario-files/parse.ts';
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
  return { file, document: parseScenario(text, displayName(file)) };
}

function displayName(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}
