/**
 * A validated scenario document turned into the canonical dataset: explicit records exactly as written,
 * then each workspace's generated volume. Deterministic: same document, seed and clock, same dataset.
 */
import { instant } from './check.ts';
import type { Flow, Millis, Run, User } from '../records.ts';
import { runWithDefaults } from '../run-defaults.ts';
import { compareRows } from '../store/sorted-runs.ts';
import { Dataset } from '../store/dataset.ts';
import type { RunTable } from '../store/run-table.ts';
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
  dataset.reserveRuns(doc.workspaces.reduce((sum, ws) => sum + (ws.generate?.runs ?? 0) + (ws.runs?.length ?? 0), 0));
  const table = dataset.table;
  for (const ws of doc.workspaces) {
    dataset.addWorkspace({ id: ws.id, name: ws.name, tokens: ws.tokens });
    const users: User[] = (ws.users ?? []).map(({ id, name, email }) => ({ id, name, email }));
    const flows = (ws.flows ?? []).map((flow) => toFlow(ws.id, flow));
    // Generated and explicit runs are written to the table first, then added in order.
    const volume = ws.generate === undefined
      ? { users: [], flows: [], runOrder: new Int32Array(0) }
      : yield* generateWorkspaceVolumeSteps({ seed: doc.seed, workspaceId: ws.id, generate: ws.generate, now, explicitUsers: users, explicitFlows: flows, runs: table });
    for (const user of [...users, ...volume.users]) dataset.addUser(ws.id, user);
    for (const flow of [...flows, ...volume.flows]) dataset.addFlow(flow);
    const explicit = Int32Array.from(ws.runs ?? [], (run) => table.append(toRun(ws.id, run)));
    explicit.sort((a, b) => compareRows(table, a, b) || a - b);
    // Inserting in (createdAt, id) order keeps every index append-only: a million runs load in one pass.
    yield* dataset.addRows(mergeOrders(table, explicit, volume.runOrder), YIELD_EVERY);
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

/** Two lists of rows, each in (createdAt, id) order, as one; on a tie `a` first. */
function mergeOrders(table: RunTable, a: Int32Array, b: Int32Array): Int32Array {
  if (a.length === 0) return b;
  const merged = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < merged.length; k++) {
    if (j >= b.length || (i < a.length && compareRows(table, a[i] as number, b[j] as number) <= 0)) merged[k] = a[i++] as number;
    else merged[k] = b[j++] as number;
  }
  return merged;
}
