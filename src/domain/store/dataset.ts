/**
 * The canonical dataset held in memory, indexed for the queries the five APIs make: by token, by
 * workspace and by flow, each a list in (createdAt, id) order so a time window is a binary search (no API
 * lists a user's runs: per-user figures come from the aggregates).
 * Runs are rows of one run table (run-table.ts, columns); the lists and aggregates hold row numbers.
 * It knows nothing of clocks or vendors: views read it through the clock (observed-status.ts).
 */
import type { Flow, FlowKind, Run, User, Workspace } from '../records.ts';
import { RunAggregates } from './run-aggregates.ts';
import { NONE, RunPools, RunTable } from './run-table.ts';
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
  /** Counts per hour and per day and user, for the queries that would otherwise scan every run. */
  readonly aggregates: RunAggregates;
  /** The dataset's run table, whose rows the lists and aggregates name (shared by every workspace). */
  readonly table: RunTable;
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
  readonly #pools = new RunPools();
  readonly #table = new RunTable(this.#pools);
  /** By the workspace's index in the pools. */
  readonly #records: WorkspaceRecords[] = [];
  /** By the flow's index in the pools: its kind, its workspace's index, its runs (undefined until added). */
  readonly #flowKind: FlowKind[] = [];
  readonly #flowWorkspace: number[] = [];
  readonly #flowRuns: (SortedRuns | undefined)[] = [];
  /**
   * By the workspace's index, then the user's index in the pools: whether that user is one of the workspace's,
   * looked up by id the first time a run names it (undefined: not yet), so that a build checks a run's user
   * without a string lookup per run.
   */
  readonly #workspaceUsers: (boolean | undefined)[][] = [];
  readonly #listeners = new Set<RunListener>();
  #users = 0;
  #runs = 0;

  /**
   * Every run, as columns: read-only outside the dataset (changes go through `addRun` and `updateRun`), but
   * for a build, which writes generated runs at its end and then adds them (`addRows`).
   */
  get table(): RunTable {
    return this.#table;
  }

  addWorkspace(workspace: Workspace): WorkspaceRecords {
    if (this.#workspaces.has(workspace.id)) {
      throw new DatasetError('conflict', `workspace id "${workspace.id}" is already used`);
    }
    for (const token of workspace.tokens) {
      const owner = this.#workspaceByToken.get(token);
      if (owner !== undefined) throw new DatasetError('conflict', `token is already used by workspace "${owner}"`);
    }
    const table = this.#table;
    const records: WorkspaceRecords = {
      workspace,
      users: new Map(),
      flows: new Map(),
      runs: new SortedRuns(table),
      runsByFlow: new Map(),
      aggregates: new RunAggregates(table),
      table,
    };
    this.#workspaces.set(workspace.id, records);
    const index = this.#pools.workspaces.index(workspace.id);
    this.#records[index] = records;
    this.#workspaceUsers[index] = [];
    for (const token of workspace.tokens) this.#workspaceByToken.set(token, workspace.id);
    return records;
  }

  addUser(workspaceId: string, user: User): void {
    const records = this.#requireWorkspace(workspaceId);
    if (records.users.has(user.id)) throw new DatasetError('conflict', `user id "${user.id}" is already used`);
    records.users.set(user.id, user);
    // A user of the pools already named by a run (of another workspace) is one of this one's now.
    const pooled = this.#pools.users.find(user.id);
    if (pooled !== NONE) (this.#workspaceUsers[this.#pools.workspaces.index(workspaceId)] as (boolean | undefined)[])[pooled] = true;
    this.#users++;
  }

  addFlow(flow: Flow): void {
    const records = this.#requireWorkspace(flow.workspaceId);
    if (this.#flows.has(flow.id)) throw new DatasetError('conflict', `flow id "${flow.id}" is already used`);
    const runs = new SortedRuns(this.#table);
    records.flows.set(flow.id, flow);
    records.runsByFlow.set(flow.id, runs);
    this.#flows.set(flow.id, flow);
    const index = this.#pools.flows.index(flow.id);
    this.#flowKind[index] = flow.kind;
    this.#flowWorkspace[index] = this.#pools.workspaces.index(flow.workspaceId);
    this.#flowRuns[index] = runs;
  }

  /** Adds a run; its flow (and user, when it has one) must be in the run's workspace. */
  addRun(run: Run): void {
    const records = this.#requireWorkspace(run.workspaceId);
    if (this.#table.ids.rowOf(run.id) >= 0) throw new DatasetError('conflict', `run id "${run.id}" is already used`);
    if (!records.runsByFlow.has(run.flow)) {
      throw new DatasetError('not-found', `flow "${run.flow}" is not a flow of workspace "${run.workspaceId}"`);
    }
    if (run.user !== null && !records.users.has(run.user)) {
      throw new DatasetError('not-found', `user "${run.user}" is not a user of workspace "${run.workspaceId}"`);
    }
    const row = this.#table.append(run);
    this.#table.ids.register(row);
    this.#index(records, row);
  }

  /**
   * Room for `runs` more runs (a build knows how many it adds: no doubling, no copies, no slack); `shared`:
   * the table's columns in shared memory, for a worker to write generated runs to.
   */
  reserveRuns(runs: number, shared = false): void {
    this.#table.reserve(this.#table.length + runs, shared);
  }

  /**
   * Adds the rows a build wrote at the end of `table` (generated runs are written there as columns, no
   * object per run), each checked as `addRun` checks a run, in the order `rows` lists them, pausing every
   * `every` runs. In (createdAt, id) order every index only appends. A build that fails here leaves rows in
   * the table that are not runs of the dataset: it is dropped.
   */
  *addRows(rows: ArrayLike<number>, every: number): Generator<void> {
    const table = this.#table;
    const pools = this.#pools;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as number;
      const workspace = table.workspace[row] as number;
      const records = this.#records[workspace];
      // The workspace's id is looked up for a message only: this loop runs once per run of a build.
      if (records === undefined) throw new DatasetError('not-found', `workspace "${pools.workspaces.at(workspace)}" does not exist`);
      // Registers the id when it is free (a build that fails below is dropped, registered ids and all).
      if (table.ids.registerUnlessTaken(row) >= 0) throw new DatasetError('conflict', `run id "${table.ids.idOf(row)}" is already used`);
      const flow = table.flow[row] as number;
      if (this.#flowWorkspace[flow] !== workspace) {
        throw new DatasetError('not-found', `flow "${pools.flows.at(flow)}" is not a flow of workspace "${records.workspace.id}"`);
      }
      const user = table.user[row] as number;
      if (user !== NONE && !this.#isUserOf(workspace, records, user)) {
        throw new DatasetError('not-found', `user "${pools.users.at(user)}" is not a user of workspace "${records.workspace.id}"`);
      }
      this.#index(records, row);
      if ((i + 1) % every === 0) yield;
    }
  }

  /**
   * Changes a run through `mutate`, which gets it as an object; its changed fields are written back to the
   * table. Indexes stay valid because createdAt, flow and user never change; the aggregates take the run
   * out before and count it again after, and listeners see the run before and after.
   */
  updateRun(id: string, mutate: (run: Run) => void): Run {
    const table = this.#table;
    const row = table.ids.rowOf(id);
    if (row < 0) throw new DatasetError('not-found', `run "${id}" does not exist`);
    const records = this.#records[table.workspace[row] as number] as WorkspaceRecords;
    const kind = this.#flowKind[table.flow[row] as number] as FlowKind;
    const run = table.run(row);
    for (const listener of this.#listeners) listener(run, 'before-update');
    records.aggregates.remove(row, kind);
    mutate(run);
    table.write(row, run);
    records.aggregates.add(row, kind);
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
    const row = this.#table.ids.rowOf(id);
    return row < 0 ? undefined : this.#table.run(row);
  }

  counts(): DatasetCounts {
    return { workspaces: this.#workspaces.size, users: this.#users, flows: this.#flows.size, runs: this.#runs };
  }

  #index(records: WorkspaceRecords, row: number): void {
    const table = this.#table;
    this.#runs++;
    const flow = table.flow[row] as number;
    records.runs.insert(row);
    (this.#flowRuns[flow] as SortedRuns).insert(row);
    records.aggregates.add(row, this.#flowKind[flow] as FlowKind);
    if (this.#listeners.size !== 0) {
      const run = table.run(row);
      for (const listener of this.#listeners) listener(run, 'added');
    }
  }

  /** `addRun`'s user check by pool index: by id once per workspace and user, then remembered. */
  #isUserOf(workspace: number, records: WorkspaceRecords, user: number): boolean {
    const known = this.#workspaceUsers[workspace] as (boolean | undefined)[];
    let member = known[user];
    if (member === undefined) known[user] = member = records.users.has(this.#pools.users.at(user));
    return member;
  }

  #requireWorkspace(id: string): WorkspaceRecords {
    const records = this.#workspaces.get(id);
    if (records === undefined) throw new DatasetError('not-found', `workspace "${id}" does not exist`);
    return records;
  }
}
