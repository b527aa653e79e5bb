/**
 * The canonical dataset held in memory, indexed for the queries the five APIs make: by token, by
 * workspace, by flow and by user, each a list in (createdAt, id) order so a time window is a binary search.
 * It knows nothing of clocks or vendors: views read it through the clock (observed-status.ts).
 */
import type { Flow, Run, User, Workspace } from '../records.ts';
import { RunAggregates } from './run-aggregates.ts';
import { SortedRuns } from './sorted-runs.ts';

export class DatasetError extends Error {
  constructor(
    readonly kind: 'not-found' | 'conflict' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'DatasetError';
  }
}

export interface WorkspaceRecords {
  readonly workspace: Workspace;
  readonly users: Map<string, User>;
  readonly flows: Map<string, Flow>;
  readonly runs: SortedRuns;
  readonly runsByFlow: Map<string, SortedRuns>;
  readonly runsByUser: Map<string, SortedRuns>;
  /** Counts per hour and per day and user, for the queries that would otherwise scan every run. */
  readonly aggregates: RunAggregates;
}

export interface DatasetCounts {
  readonly workspaces: number;
  readonly users: number;
  readonly flows: number;
  readonly runs: number;
}

export type RunListener = (run: Run, change: 'added' | 'before-update' | 'updated') => void;

export class Dataset {
  readonly #workspaces = new Map<string, WorkspaceRecords>();
  readonly #workspaceByToken = new Map<string, string>();
  readonly #flows = new Map<string, Flow>();
  readonly #runs = new Map<string, Run>();
  readonly #listeners = new Set<RunListener>();
  #users = 0;

  addWorkspace(workspace: Workspace): WorkspaceRecords {
    if (this.#workspaces.has(workspace.id)) {
      throw new DatasetError('conflict', `workspace id "${workspace.id}" is already used`);
    }
    for (const token of workspace.tokens) {
      const owner = this.#workspaceByToken.get(token);
      if (owner !== undefined) throw new DatasetError('conflict', `token is already used by workspace "${owner}"`);
    }
    const records: WorkspaceRecords = {
      workspace,
      users: new Map(),
      flows: new Map(),
      runs: new SortedRuns(),
      runsByFlow: new Map(),
      runsByUser: new Map(),
      aggregates: new RunAggregates(),
    };
    this.#workspaces.set(workspace.id, records);
    for (const token of workspace.tokens) this.#workspaceByToken.set(token, workspace.id);
    return records;
  }

  addUser(workspaceId: string, user: User): void {
    const records = this.#requireWorkspace(workspaceId);
    if (records.users.has(user.id)) throw new DatasetError('conflict', `user id "${user.id}" is already used`);
    records.users.set(user.id, user);
    this.#users++;
  }

  addFlow(flow: Flow): void {
    const records = this.#requireWorkspace(flow.workspaceId);
    if (this.#flows.has(flow.id)) throw new DatasetError('conflict', `flow id "${flow.id}" is already used`);
    records.flows.set(flow.id, flow);
    records.runsByFlow.set(flow.id, new SortedRuns());
    this.#flows.set(flow.id, flow);
  }

  /** Adds a run; its flow (and user, when it has one) must be in the run's workspace. */
  addRun(run: Run): void {
    const records = this.#requireWorkspace(run.workspaceId);
    if (this.#runs.has(run.id)) throw new DatasetError('conflict', `run id "${run.id}" is already used`);
    const flowRuns = records.runsByFlow.get(run.flow);
    if (flowRuns === undefined) {
      throw new DatasetError('not-found', `flow "${run.flow}" is not a flow of workspace "${run.workspaceId}"`);
    }
    if (run.user !== null && !records.users.has(run.user)) {
      throw new DatasetError('not-found', `user "${run.user}" is not a user of workspace "${run.workspaceId}"`);
    }
    this.#runs.set(run.id, run);
    records.runs.insert(run);
    flowRuns.insert(run);
    records.aggregates.add(run, (records.flows.get(run.flow) as Flow).kind);
    if (run.user !== null) {
      let userRuns = records.runsByUser.get(run.user);
      if (userRuns === undefined) records.runsByUser.set(run.user, (userRuns = new SortedRuns()));
      userRuns.insert(run);
    }
    for (const listener of this.#listeners) listener(run, 'added');
  }

  /**
   * Changes a run in place through `mutate`. Indexes stay valid because createdAt, flow and user never
   * change; listeners see the run before and after so that aggregates can move it between buckets.
   */
  updateRun(id: string, mutate: (run: Run) => void): Run {
    const run = this.#runs.get(id);
    if (run === undefined) throw new DatasetError('not-found', `run "${id}" does not exist`);
    const records = this.#workspaces.get(run.workspaceId) as WorkspaceRecords;
    const kind = (records.flows.get(run.flow) as Flow).kind;
    for (const listener of this.#listeners) listener(run, 'before-update');
    records.aggregates.remove(run, kind);
    mutate(run);
    records.aggregates.add(run, kind);
    for (const listener of this.#listeners) listener(run, 'updated');
    return run;
  }

  onRunChange(listener: RunListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  workspace(id: string): WorkspaceRecords | undefined {
    return this.#workspaces.get(id);
  }

  workspaceForToken(token: string): WorkspaceRecords | undefined {
    const id = this.#workspaceByToken.get(token);
    return id === undefined ? undefined : this.#workspaces.get(id);
  }

  workspaces(): IterableIterator<WorkspaceRecords> {
    return this.#workspaces.values();
  }

  flow(id: string): Flow | undefined {
    return this.#flows.get(id);
  }

  run(id: string): Run | undefined {
    return this.#runs.get(id);
  }

  counts(): DatasetCounts {
    return { workspaces: this.#workspaces.size, users: this.#users, flows: this.#flows.size, runs: this.#runs.size };
  }

  #requireWorkspace(id: string): WorkspaceRecords {
    const records = this.#workspaces.get(id);
    if (records === undefined) throw new DatasetError('not-found', `workspace "${id}" does not exist`);
    return records;
  }
}
