/**
 * How much one scenario may hold: a request must not be able to take the server down (4 workspaces of
 * 5,000,000 generated runs made it unresponsive, then out of memory). The defaults admit every shipped
 * scenario (`large`: 1,000,000 runs) with room to spare, and refuse far beyond; `--max-runs` and
 * `--max-entities` raise them for a machine that can hold more.
 */
import type { Problem } from '../lib/problem.ts';
import type { ScenarioDocument } from '../domain/scenario/document.ts';

export interface ScenarioLimits {
  /** Runs, explicit and generated, in all workspaces. */
  readonly maxRuns: number;
  /** Users and flows, explicit and generated, in all workspaces. */
  readonly maxEntities: number;
}

export const DEFAULT_SCENARIO_LIMITS: ScenarioLimits = { maxRuns: 2_000_000, maxEntities: 1_000_000 };

/** What a scenario holds beyond the limits: one problem per limit, at the field that adds the most. */
export function scenarioLimitProblems(doc: ScenarioDocument, { maxRuns, maxEntities }: ScenarioLimits): Problem[] {
  let runs = 0;
  let entities = 0;
  let largestRuns: { path: (string | number)[]; count: number } = { path: ['workspaces'], count: -1 };
  let largestEntities: { path: (string | number)[]; count: number } = { path: ['workspaces'], count: -1 };
  doc.workspaces.forEach((ws, w) => {
    const generated = ws.generate?.runs ?? 0;
    const explicit = ws.runs?.length ?? 0;
    runs += generated + explicit;
    if (generated > largestRuns.count) largestRuns = { path: ['workspaces', w, 'generate', 'runs'], count: generated };
    if (explicit > largestRuns.count) largestRuns = { path: ['workspaces', w, 'runs'], count: explicit };
    const users = (ws.users?.length ?? 0) + (ws.generate?.users ?? 0);
    const flows = (ws.flows?.length ?? 0) + (ws.generate?.workflows ?? 0) + (ws.generate?.agents ?? 0);
    entities += users + flows;
    if (users + flows > largestEntities.count) largestEntities = { path: ['workspaces', w], count: users + flows };
  });
  const problems: Problem[] = [];
  if (runs > maxRuns) {
    problems.push({ path: largestRuns.path, message: `the scenario holds ${runs} runs in all; this server takes at most ${maxRuns} (start it with --max-runs to allow more)` });
  }
  if (entities > maxEntities) {
    problems.push({ path: largestEntities.path, message: `the scenario holds ${entities} users and flows in all; this server takes at most ${maxEntities} (start it with --max-entities to allow more)` });
  }
  return problems;
}
