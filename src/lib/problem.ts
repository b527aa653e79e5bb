/**
 * One thing wrong with an input: where (a path of keys and indexes inside it) and what. Scenario
 * documents, run rules and limits all report problems in this one shape; each surface formats the path
 * its own way (a JSON pointer in an admin problem, file:line in a scenario error).
 */
export interface Problem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}
