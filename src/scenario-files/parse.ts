/**
 * Reading a scenario: parse (YAML, of which JSON is a subset, keeping positions), check the shape against
 * the schema and the cross-record rules, and report every problem at once, in document order, each with
 * file, line and path: a bad timestamp does not hide an unknown flow elsewhere. Only what one problem makes
 * meaningless is left out (its cascade): after a YAML syntax error, the rest of the text (only that error
 * is reported); below a node of the wrong shape, the rules about that node (rules-despite-shape.ts).
 * No file system here: the text or the parsed value comes from the caller (a file, a request body).
 */
import { LineCounter, type Document } from 'yaml';
import type { ScenarioDocument, ScenarioProblem } from '../domain/scenario/document.ts';
import { formatJsonPointer } from '../lib/json-pointer.ts';
import { parseCompactDocument } from '../yaml/compact-yaml.ts';
import { ruleProblemsDespite } from './rules-despite-shape.ts';
import { ScenarioError, type LocatedProblem } from './scenario-error.ts';
import { validateScenarioShape } from './schema-validation.ts';
import { syntaxProblems } from './yaml-syntax.ts';

/** Parses and validates scenario text; `source` names it in error messages. */
export function parseScenario(text: string, source: string): ScenarioDocument {
  const lineCounter = new LineCounter();
  const yamlDoc = parseCompactDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const { problems, fatal } = syntaxProblems(yamlDoc, text, lineCounter);
  const parseProblems = problems.map((problem) => ({ file: source, ...problem, message: `not valid YAML/JSON: ${problem.message}` }));
  if (fatal) throw new ScenarioError(parseProblems, 'parse');
  // Duplicate keys alone leave a document to check: their problems come first, then the others.
  return checked(yamlDoc.toJS({ maxAliasCount: 1000 }), source, yamlDoc, lineCounter, parseProblems);
}

/** Validates an already parsed document (e.g. a JSON body); positions when the YAML document is known. */
export function validateScenarioDocument(
  value: unknown, source: string, yamlDoc?: Document, lineCounter?: LineCounter,
): ScenarioDocument {
  return checked(value, source, yamlDoc, lineCounter, []);
}

function checked(
  value: unknown, source: string, yamlDoc: Document | undefined, lineCounter: LineCounter | undefined, parseProblems: LocatedProblem[],
): ScenarioDocument {
  const locate = (problem: ScenarioProblem): LocatedProblem => {
    const pointer = formatJsonPointer(problem.path);
    const node = problem.path.length === 0 ? undefined : yamlDoc?.getIn(problem.path, true) as { range?: [number, number, number] } | undefined;
    const pos = node?.range !== undefined && lineCounter !== undefined ? lineCounter.linePos(node.range[0]) : undefined;
    return { file: source, pointer, message: oneLine(problem.message), ...(pos ? { line: pos.line, column: pos.col } : {}) };
  };
  const shapeProblems = validateScenarioShape(value);
  const ruleProblems = ruleProblemsDespite(value, shapeProblems.map((problem) => problem.invalid));
  const found = inDocumentOrder(value, [...shapeProblems, ...ruleProblems]).map(locate);
  if (parseProblems.length + found.length === 0) return value as ScenarioDocument;
  const stage = parseProblems.length > 0 ? 'parse' : shapeProblems.length > 0 ? 'schema' : 'rules';
  throw new ScenarioError([...parseProblems, ...found], stage);
}

/** Problems sorted by where their paths are in the document (key order as written); ties keep their order. */
function inDocumentOrder(value: unknown, problems: ScenarioProblem[]): ScenarioProblem[] {
  const rank = (path: readonly (string | number)[]): number[] => {
    const ranks: number[] = [];
    let node = value;
    for (const segment of path) {
      if (Array.isArray(node)) {
        ranks.push(Number(segment));
        node = node[Number(segment)] as unknown;
      } else if (typeof node === 'object' && node !== null) {
        const keys = Object.keys(node);
        const index = keys.indexOf(String(segment));
        ranks.push(index < 0 ? keys.length : index);
        node = (node as Record<string, unknown>)[String(segment)];
      } else {
        ranks.push(0);
        node = undefined;
      }
    }
    return ranks;
  };
  const ranked = problems.map((problem) => ({ problem, rank: rank(problem.path) }));
  ranked.sort((a, b) => compareRanks(a.rank, b.rank));
  return ranked.map(({ problem }) => problem);
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

/** A message on one line, whatever text of the file it quotes. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ');
}
