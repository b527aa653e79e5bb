/**
 * YAML syntax errors as one clear line each. The yaml parser reports a slip (an indentation off by two, a
 * missing `-`) as a first error followed by its consequences (keys it then reads as duplicates, implicit
 * keys spanning lines, ...): only that first error is the user's, so only it is reported, with its line
 * and column, the path of the node it falls in, and the parser's reason without the excerpt of the file
 * it appends with `prettyErrors` (and without the dangling ":" that introduced the excerpt).
 */
import { isMap, isPair, isSeq, YAMLError, type Document, type LineCounter } from 'yaml';
import { formatJsonPointer } from '../lib/json-pointer.ts';

export interface SyntaxProblem {
  readonly pointer: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** Codes whose first error is an indentation slip more often than not. */
const INDENTATION_CODES = new Set(['BAD_INDENT', 'MISSING_CHAR', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'TAB_AS_INDENT']);

/**
 * The problems of a parsed document's errors, none when it has none: the first syntax error (the root of
 * whatever follows it) and the duplicate keys found before it. Duplicate keys alone are independent of each
 * other and of everything else, so all of them are reported, and the document is still worth checking
 * (`fatal` is false).
 */
export function syntaxProblems(doc: Document, text: string, lineCounter: LineCounter): { problems: SyntaxProblem[]; fatal: boolean } {
  const firstSyntax = doc.errors.find((error) => error.code !== 'DUPLICATE_KEY');
  const kept = doc.errors.filter((error) => error.code === 'DUPLICATE_KEY' && (firstSyntax === undefined || error.pos[0] < firstSyntax.pos[0]));
  if (firstSyntax !== undefined) kept.push(firstSyntax);
  const problems = kept.map((error) => {
    const offset = firstNonBlank(text, error.pos[0]);
    const { line, col } = lineCounter.linePos(offset);
    return { pointer: formatJsonPointer(pathNear(doc, error.pos[0])), line, column: col, message: yamlReason(error) };
  });
  return { problems, fatal: firstSyntax !== undefined };
}

/**
 * A thrown error of the yaml parser (e.g. of `parseCompactYaml`) as one line: the reason, then where. Any
 * other error: the first line of its message.
 */
export function yamlErrorSummary(error: unknown, text: string): string {
  if (!(error instanceof YAMLError)) return String((error as Error | undefined)?.message ?? error).split('\n')[0] ?? '';
  const reason = yamlReason(error);
  if (error.pos[0] < 0) return reason;
  const offset = firstNonBlank(text, error.pos[0]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return `${reason} at line ${line}, column ${column}`;
}

/** The parser's reason, one line, without the position and excerpt `prettyErrors` adds. */
function yamlReason(error: YAMLError): string {
  const reason = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?\s*$/, '').replace(/[:\s]+$/, '');
  return INDENTATION_CODES.has(error.code) ? `${reason} (check the indentation of this line)` : reason;
}

/** An offset in the blanks that indent a line moved to the line's first character: where the user looks. */
function firstNonBlank(text: string, offset: number): number {
  let at = offset;
  while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at += 1;
  return at < text.length && text[at] !== '\n' && text[at] !== '\r' ? at : offset;
}

/**
 * The path of the deepest node that holds `offset` or ends right before it: the record the slip is in
 * (the parser's tree after a syntax error is its best guess, so only nodes starting before it count).
 */
function pathNear(doc: Document, offset: number): (string | number)[] {
  const path: (string | number)[] = [];
  let node: unknown = doc.contents;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.findLast((item) => isPair(item) && start(item.key) !== undefined && start(item.key)! < offset && end(item.value ?? item.key)! >= offset);
      if (pair === undefined || !isCollectionValue(pair.value)) break;
      const key = (pair.key as { value?: unknown } | null)?.value;
      path.push(typeof key === 'string' || typeof key === 'number' ? key : String(key));
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findLastIndex((item) => start(item) !== undefined && start(item)! < offset && end(item)! >= offset);
      if (index < 0) break;
      path.push(index);
      node = node.items[index];
    } else {
      break;
    }
  }
  return path;
}

function isCollectionValue(node: unknown): boolean {
  return isMap(node) || isSeq(node);
}

function start(node: unknown): number | undefined {
  return (node as { range?: [number, number, number] } | null)?.range?.[0];
}

function end(node: unknown): number | undefined {
  return (node as { range?: [number, number, number] } | null)?.range?.[2];
}
