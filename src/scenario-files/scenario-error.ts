/** A scenario that cannot be loaded, with every problem found: file, position, path inside it, message. */
export interface LocatedProblem {
  readonly file: string;
  /** JSON pointer into the document, e.g. `/workspaces/0/runs/3/flow`. */
  readonly pointer: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** Where loading stopped: unreadable text, a shape the schema refuses, or a cross-record rule broken. */
export type ScenarioErrorStage = 'parse' | 'schema' | 'rules';

export class ScenarioError extends Error {
  constructor(readonly problems: readonly LocatedProblem[], readonly stage: ScenarioErrorStage = 'parse') {
    super(formatProblems(problems));
    this.name = 'ScenarioError';
  }
}

export function formatProblems(problems: readonly LocatedProblem[]): string {
  const lines = problems.map((p) => {
    const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
    return `  ${where} ${p.pointer || '/'}: ${p.message}`;
  });
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return `invalid scenario (${problems.length} ${noun}):\n${lines.join('\n')}`;
}
