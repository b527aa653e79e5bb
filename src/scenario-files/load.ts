/**
 * Reading a scenario: parse (YAML, of which JSON is a subset, keeping positions), check the shape
 * against the schema, then the cross-record rules; every problem is reported with file, line and path.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { LineCounter, type Document } from 'yaml';
import { checkScenario } from '../domain/scenario/check.ts';
import type { ScenarioDocument, ScenarioProblem } from '../domain/scenario/document.ts';
import { parseCompactDocument } from '../yaml/compact-yaml.ts';
import { locateScenario, shippedScenarioNames } from './locate.ts';
import { ScenarioError, type LocatedProblem } from './scenario-error.ts';
import { validateScenarioShape } from './schema-validation.ts';

export interface LoadedScenario {
  readonly file: string;
  readonly document: ScenarioDocument;
}

export function loadScenarioFile(nameOrPath: string): LoadedScenario {
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

/** Parses and validates scenario text; `source` names it in error messages. */
export function parseScenario(text: string, source: string): ScenarioDocument {
  const lineCounter = new LineCounter();
  const yamlDoc = parseCompactDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (yamlDoc.errors.length > 0) {
    throw new ScenarioError(yamlDoc.errors.map((error) => {
      const pos = error.linePos?.[0];
      return { file: source, pointer: '', message: `not valid YAML/JSON: ${error.message.split('\n')[0]}`, ...(pos ? { line: pos.line, column: pos.col } : {}) };
    }));
  }
  return validateScenarioDocument(yamlDoc.toJS({ maxAliasCount: 1000 }), source, yamlDoc, lineCounter);
}

/** Validates an already parsed document (e.g. a JSON body); positions when the YAML document is known. */
export function validateScenarioDocument(
  value: unknown, source: string, yamlDoc?: Document, lineCounter?: LineCounter,
): ScenarioDocument {
  const locate = (problem: ScenarioProblem): LocatedProblem => {
    const pointer = problem.path.length === 0 ? '' : '/' + problem.path.join('/');
    const node = problem.path.length === 0 ? undefined : yamlDoc?.getIn(problem.path, true) as { range?: [number, number, number] } | undefined;
    const pos = node?.range !== undefined && lineCounter !== undefined ? lineCounter.linePos(node.range[0]) : undefined;
    return { file: source, pointer, message: problem.message, ...(pos ? { line: pos.line, column: pos.col } : {}) };
  };
  const shapeProblems = validateScenarioShape(value);
  if (shapeProblems.length > 0) throw new ScenarioError(shapeProblems.map(locate), 'schema');
  const doc = value as ScenarioDocument;
  const ruleProblems = checkScenario(doc);
  if (ruleProblems.length > 0) throw new ScenarioError(ruleProblems.map(locate), 'rules');
  return doc;
}

function displayName(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}
