/**
 * Reading a scenario: parse (YAML, of which JSON is a subset, keeping positions), check the shape
 * against the schema, then the cross-record rules; every problem is reported with file, line and path.
 * No file system here: the text or the parsed value comes from the caller (a file, a request body).
 */
import { LineCounter, type Document } from 'yaml';
import { checkScenario } from '../domain/scenario/check.ts';
import type { ScenarioDocument, ScenarioProblem } from '../domain/scenario/document.ts';
import { formatJsonPointer } from '../lib/json-pointer.ts';
import { parseCompactDocument } from '../yaml/compact-yaml.ts';
import { ScenarioError, type LocatedProblem } from './scenario-error.ts';
import { validateScenarioShape } from './schema-validation.ts';

/** Parses and validates scenario text; `source` names it in error messages. */
export function parseScenario(text: string, source: string): ScenarioDocument {
  const lineCounter = new LineCounter();
  const yamlDoc = parseCompactDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (yamlDoc.errors.length > 0) {
    throw new ScenarioError(yamlDoc.errors.map((error) => {
      const pos = error.linePos?.[0];
      return { file: source, pointer: '', message: `not valid YAML/JSON: ${yamlReason(error.message)}`, ...(pos ? { line: pos.line, column: pos.col } : {}) };
    }));
  }
  return validateScenarioDocument(yamlDoc.toJS({ maxAliasCount: 1000 }), source, yamlDoc, lineCounter);
}

/** Validates an already parsed document (e.g. a JSON body); positions when the YAML document is known. */
export function validateScenarioDocument(
  value: unknown, source: string, yamlDoc?: Document, lineCounter?: LineCounter,
): ScenarioDocument {
  const locate = (problem: ScenarioProblem): LocatedProblem => {
    const pointer = formatJsonPointer(problem.path);
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

/**
 * The yaml parser's reason, without its position (the problem carries line and column already) and
 * without the excerpt of the file it appends: a message must not echo the file's lines.
 */
function yamlReason(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
}
