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
import { creationOrder, writePlannedRuns, type RunsPlan } from './generate/planned-runs.ts';
import { planWorkspaceVolume } from './generate/workspace-volume.ts';
import { drain, YIELD_EVERY } from '../steps.ts';

export interface BuildOptions {
  /** The clock's now at load time: the end of generated spans that give none. */
  readonly now: Millis;
  /** Where generated runs are written; by default in this thread, as they are indexed. */
  readonly runsWriter?: RunsWriter;
}

/**
 * Writes a workspace's generated runs elsewhere while the build indexes those already written (the Node
 * server gives one that writes large volumes in a worker: docs/performance.md#generation-beside-indexing).
 */
export interface RunsWriter {
  /** Whether the table's columns go to shared memory, when the largest workspace generates `runs` runs. */
  sharesColumnsFor(runs: number): boolean;
  /**
   * Writes the plan's rows, giving how many are written so far as they are, the last time `plan.count`;
   * undefined: write them in this thread (writePlannedRuns).
   */
  write(plan: RunsPlan, table: RunTable): Iterator<number, void> | undefined;
}

export function buildDataset(doc: ScenarioDocument, options: BuildOptions): Dataset {
  return drain(buildDatasetSteps(doc, options));
}

/** The dataset, built in steps that pause now and then (src/domain/steps.ts). */
export function* buildDatasetSteps(doc: ScenarioDocument, { now, runsWriter }: BuildOptions): Generator<void, Dataset> {
  const dataset = new Dataset();
  const largest = doc.workspaces.reduce((most, ws) => Math.max(most, ws.generate?.runs ?? 0), 0);
  dataset.reserveRuns(
    doc.workspaces.reduce((sum, ws) => sum + (ws.generate?.runs ?? 0) + (ws.runs?.length ?? 0), 0),
    runsWriter?.sharesColumnsFor(largest) ?? false,
  );
  const table = dataset.table;
  for (const ws of doc.workspaces) {
    dataset.addWorkspace({ id: ws.id, name: ws.name, tokens: ws.tokens });
    const users: User[] = (ws.users ?? []).map(({ id, name, email }) => ({ id, name, email }));
    const flows = (ws.flows ?? []).map((flow) => toFlow(ws.id, flow));
    // Generated runs are planned first (their rows reserved), then explicit runs appended after them.
    const volume = ws.generate === undefined
      ? { users: [], flows: [], runs: undefined }
      : planWorkspaceVolume({ seed: doc.seed, workspaceId: ws.id, generate: ws.generate, now, explicitUsers: users, explicitFlows: flows, runs: table });
    for (const user of [...users, ...volume.users]) dataset.addUser(ws.id, user);
    for (const flow of [...flows, ...volume.flows]) dataset.addFlow(flow);
    const explicit = Int32Array.from(ws.runs ?? [], (run) => table.append(toRun(ws.id, run)));
    explicit.sort((a, b) => compareRows(table, a, b) || a - b);
    yield* addInCreationOrder(dataset, volume.runs, new SortedRows(table, explicit), runsWriter);
    yield;
  }
  return dataset;
}

/**
 * Adds a workspace's generated runs as they are written, merged with its explicit ones: in (createdAt, id)
 * order every index only appends, so a million runs load in one pass.
 */
function* addInCreationOrder(dataset: Dataset, plan: RunsPlan | undefined, explicit: SortedRows, runsWriter: RunsWriter | undefined): Generator<void> {
  if (plan !== undefined) {
    const table = dataset.table;
    const end = plan.first + plan.count;
    const written = runsWriter?.write(plan, table) ?? writePlannedRuns(plan, table);
    let added = plan.first;
    try {
      for (let step = written.next(); ; step = written.next()) {
        const done = step.done === true;
        // Rows created at the same millisecond go by id: the last such group waits until it is whole, so that
        // the lists only append (an insert out of order would still find its place, walking back).
        const upTo = done ? end : wholeGroupsEnd(table, added, plan.first + (step.value as number));
        if (upTo > added) {
          yield* dataset.addRows(explicit.mergedWith(creationOrder(table, added, upTo)), YIELD_EVERY);
          added = upTo;
        }
        if (done) break;
        yield;
      }
    } finally {
      // A build that fails or is dropped stops the writer (a worker) too.
      written.return?.();
    }
  }
  yield* dataset.addRows(explicit.rest(), YIELD_EVERY);
}

/** The end of rows [from, to) without its last rows when they share a createdAt with row to - 1 (more may follow). */
function wholeGroupsEnd(table: RunTable, from: number, to: number): number {
  const createdAt = table.createdAt;
  const last = createdAt[to - 1];
  let end = to;
  while (end > from && createdAt[end - 1] === last) end--;
  return end;
}

/** Rows in (createdAt, id) order, merged into other such lists as they come; on a tie these go first. */
class SortedRows {
  #next = 0;

  constructor(readonly table: RunTable, readonly rows: Int32Array) {}

  /** `others` with the rows of these that sort before or with its last one, in order. */
  mergedWith(others: Int32Array): Int32Array {
    const rows = this.rows;
    if (this.#next === rows.length || others.length === 0) return others;
    const table = this.table;
    const merged: number[] = [];
    for (const other of others) {
      while (this.#next < rows.length && compareRows(table, rows[this.#next] as number, other) <= 0) merged.push(rows[this.#next++] as number);
      merged.push(other);
    }
    return Int32Array.from(merged);
  }

  /** The rows not merged yet. */
  rest(): Int32Array {
    const rest = this.rows.subarray(this.#next);
    this.#next = this.rows.length;
    return rest;
  }
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
