/**
 * A validated scenario document turned into the canonical dataset: explicit records exactly as written,
 * then each workspace's generated volume. Deterministic: same document, seed and clock, same dataset.
 */
import { instant } from './check.ts';
import type { Flow, Millis, Run, User } from '../records.ts';
import { runWithDefaults } from '../run-defaults.ts';
import { compareRuns } from '../store/sorted-runs.ts';
import { Dataset } from '../store/dataset.ts';
import type { FlowDocument, RunDocument, ScenarioDocument } from './document.ts';
import { generateWorkspaceVolumeSteps } from './generate/workspace-volume.ts';
import { drain, YIELD_EVERY } from '../steps.ts';

export interface BuildOptions {
  /** The clock's now at load time: the end of generated spans that give none. */
  readonly now: Millis;
}

export function buildDataset(doc: ScenarioDocument, options: BuildOptions): Dataset {
  return drain(buildDatasetSteps(doc, options));
}

/** The dataset, built in steps that pause now and then (src/domain/steps.ts). */
export function* buildDatasetSteps(doc: ScenarioDocument, { now }: BuildOptions): Generator<void, Dataset> {
  const dataset = new Dataset();
  for (const ws of doc.workspaces) {
    dataset.addWorkspace({ id: ws.id, name: ws.name, tokens: ws.tokens });
    const users: User[] = (ws.users ?? []).map(({ id, name, email }) => ({ id, name, email }));
    const flows = (ws.flows ?? []).map((flow) => toFlow(ws.id, flow));
    const volume = ws.generate === undefined
      ? { users: [], flows: [], runs: [] }
      : yield* generateWorkspaceVolumeSteps({ seed: doc.seed, workspaceId: ws.id, generate: ws.generate, now, explicitUsers: users, explicitFlows: flows });
    for (const user of [...users, ...volume.users]) dataset.addUser(ws.id, user);
    for (const flow of [...flows, ...volume.flows]) dataset.addFlow(flow);
    const runs = (ws.runs ?? []).map((run) => toRun(ws.id, run));
    // Inserting in order keeps every index append-only: a million runs load in one pass.
    let added = 0;
    for (const run of mergeSorted(runs.sort(compareRuns), volume.runs)) {
      dataset.addRun(run);
      if (++added % YIELD_EVERY === 0) yield;
    }
    yield;
  }
  return dataset;
}

function toFlow(workspaceId: string, flow: FlowDocument): Flow {
  return {
    id: flow.id,
    workspaceId,
    kind: flow.kind,
    name: flow.name,
    createdAt: instant(flow.createdAt),
    createdBy: flow.createdBy,
    fromTemplate: flow.fromTemplate ?? false,
    shares: (flow.shares ?? []).map((share) => ({ at: instant(share.at), by: share.by })),
  };
}

export function toRun(workspaceId: string, run: RunDocument): Run {
  return runWithDefaults({
    ...run,
    workspaceId,
    createdAt: instant(run.createdAt),
    startedAt: run.startedAt == null ? null : instant(run.startedAt),
    finishedAt: run.finishedAt == null ? null : instant(run.finishedAt),
  });
}

function* mergeSorted(a: readonly Run[], b: readonly Run[]): Generator<Run> {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && compareRuns(a[i] as Run, b[j] as Run) <= 0)) yield a[i++] as Run;
    else yield b[j++] as Run;
  }
}
