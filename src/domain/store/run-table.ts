/**
 * Every run of a dataset as columns (docs/performance.md#the-run-store-as-columns): one typed array per
 * field, one row per run. A million runs as objects cost about 470 MB and seconds of allocation and garbage
 * collection to load; as columns they are about 80 bytes each, written without allocating, and the
 * aggregates and scans read the few fields they need from contiguous memory.
 *
 * - instants: Float64Array of epoch ms, NaN for none (startedAt, finishedAt);
 * - status, trigger: their index in RUN_STATUSES / TRIGGERS; resumed: 0 or 1;
 * - workspace, flow, user, source system, error: indexes into string pools shared by a dataset (-1: none);
 * - appActions, tokens: Uint32Array (a value that does not fit is kept aside, exactly);
 * - ids: run-ids.ts; the sparse StackAI `detail`: a Map by row.
 *
 * Columns grow by doubling. A row is read as a `Run` object only where one is handed out (a page, the admin
 * API, an export): `run(row)` builds it, and keeps the last few thousand so that a run asked for again is the
 * same object (caches keyed by run, such as StackAI's detail and B3OS's failure bytes, keep hitting).
 */
import type { Millis, Run, RunDetail } from '../records.ts';
import { RUN_STATUSES, STATUS_INDEX, type RunStatus } from '../status.ts';
import { TRIGGERS, type Trigger } from '../trigger.ts';
import { RunIds } from './run-ids.ts';
import { StringPool } from './string-pool.ts';

/**
 * Every column, by the field of RunTable that holds it, with its array type: the one list that allocating,
 * growing and sharing the columns go by (a column missing here would be neither grown nor shared).
 */
const COLUMN_TYPES = {
  createdAt: Float64Array, startedAt: Float64Array, finishedAt: Float64Array,
  status: Uint8Array, trigger: Uint8Array, resumed: Uint8Array,
  workspace: Int32Array, flow: Int32Array, user: Int32Array, source: Int32Array, error: Int32Array,
  appActionsColumn: Uint32Array, tokensColumn: Uint32Array,
} as const;
type ColumnName = keyof typeof COLUMN_TYPES;
type Column = Float64Array | Uint8Array | Int32Array | Uint32Array;
const COLUMN_NAMES = Object.keys(COLUMN_TYPES) as ColumnName[];

/** A run table's columns in shared memory (RunTable.sharedColumns), as a worker receives them; `idWords`: the ids. */
export type SharedRunColumns = { readonly [K in ColumnName | 'idWords']: SharedArrayBuffer };

/** The index of no user, no error. */
export const NONE = -1;

export const TRIGGER_INDEX = Object.fromEntries(TRIGGERS.map((trigger, i) => [trigger, i])) as Readonly<Record<Trigger, number>>;

/** The strings a dataset's rows name by index; shared by its table and the tables a build fills first. */
export class RunPools {
  readonly workspaces = new StringPool();
  readonly flows = new StringPool();
  readonly users = new StringPool();
  readonly sources = new StringPool();
  readonly errors = new StringPool();
}

/** Objects kept by `run(row)`: enough for every run of a few pages and answers, small next to the table. */
const MATERIALISED_LIMIT = 16_384;
/** appActions and tokens at or above this are kept in `#wide`. */
const WIDE = 0xffffffff;

export class RunTable {
  /** Rows in use. */
  length = 0;
  #capacity: number;
  createdAt!: Float64Array;
  /** NaN: not started. */
  startedAt!: Float64Array;
  /** NaN: not finished. */
  finishedAt!: Float64Array;
  /** By RUN_STATUSES index. */
  status!: Uint8Array;
  /** By TRIGGERS index. */
  trigger!: Uint8Array;
  resumed!: Uint8Array;
  workspace!: Int32Array;
  flow!: Int32Array;
  /** NONE: started by the system. */
  user!: Int32Array;
  source!: Int32Array;
  /** NONE: no error. */
  error!: Int32Array;
  /** Read through `appActions(row)`: WIDE means the value is kept aside. */
  appActionsColumn!: Uint32Array;
  /** Read through `tokens(row)`, as appActions. */
  tokensColumn!: Uint32Array;
  /** Values of appActions (key 2·row) and tokens (2·row + 1) too large for their column. */
  readonly #wide = new Map<number, number>();
  readonly ids: RunIds;
  readonly details = new Map<number, RunDetail>();
  readonly #materialised = new Map<number, Run>();
  /** Made by `overSharedColumns`: nothing kept beside the columns. */
  #columnsOnly = false;

  constructor(readonly pools: RunPools, capacity = 256) {
    this.#capacity = Math.max(16, capacity);
    const n = this.#capacity;
    for (const name of COLUMN_NAMES) this.#setColumn(name, new COLUMN_TYPES[name](n));
    this.ids = new RunIds(n);
  }

  /**
   * Room for `rows` rows in all (a build knows how many it adds: no doubling, no slack). `shared`: the
   * columns in shared memory, for a worker to write rows to (`sharedColumns`).
   */
  reserve(rows: number, shared = false): void {
    if (rows <= this.#capacity && !(shared && !this.isShared)) return;
    const n = Math.max(rows, this.#capacity);
    // (Typed as ArrayBuffer: the union of the column constructors takes no SharedArrayBuffer in TypeScript's view.)
    const memory = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes)) as ArrayBuffer;
    for (const name of COLUMN_NAMES) {
      const type = COLUMN_TYPES[name];
      const column = new type(memory(n * type.BYTES_PER_ELEMENT));
      column.set(this[name]);
      this.#setColumn(name, column);
    }
    this.ids.grow(n, shared);
    this.ids.reserveRegistered(n);
    this.#capacity = n;
  }

  get isShared(): boolean {
    // A browser page that is not cross-origin isolated has no SharedArrayBuffer.
    return typeof SharedArrayBuffer !== 'undefined' && this.createdAt.buffer instanceof SharedArrayBuffer;
  }

  /** The columns' shared memory (after `reserve(rows, true)`), for `overSharedColumns` in a worker. */
  sharedColumns(): SharedRunColumns {
    if (!this.isShared) throw new Error('the run table is not in shared memory');
    const columns = Object.fromEntries(COLUMN_NAMES.map((name) => [name, this[name].buffer]));
    return { ...columns, idWords: this.ids.words.buffer } as SharedRunColumns;
  }

  /**
   * A table whose columns are another's shared memory (in a worker), to write rows that the other one owns.
   * It has no pools of its own and keeps nothing beside the columns: a value too large for its column (kept
   * aside in a Map otherwise) is refused (generated values never are: docs/performance.md).
   */
  static overSharedColumns(columns: SharedRunColumns): RunTable {
    const table = new RunTable(new RunPools());
    for (const name of COLUMN_NAMES) table.#setColumn(name, new COLUMN_TYPES[name](columns[name] as unknown as ArrayBuffer));
    table.ids.words = new Uint32Array(columns.idWords);
    table.#capacity = table.createdAt.length;
    table.length = table.#capacity;
    table.#columnsOnly = true;
    return table;
  }

  /** A new row at the end (columns doubled when full), for the caller to fill in every column. */
  addRow(): number {
    if (this.length === this.#capacity) this.reserve(this.#capacity * 2);
    return this.length++;
  }

  /** Adds `run` as a new row. */
  append(run: Run): number {
    const row = this.addRow();
    const pools = this.pools;
    this.ids.set(row, run.id);
    this.workspace[row] = pools.workspaces.index(run.workspaceId);
    this.flow[row] = pools.flows.index(run.flow);
    this.user[row] = run.user === null ? NONE : pools.users.index(run.user);
    this.createdAt[row] = run.createdAt;
    this.trigger[row] = TRIGGER_INDEX[run.trigger];
    this.source[row] = pools.sources.index(run.sourceSystem);
    if (run.detail !== undefined) this.details.set(row, run.detail);
    this.#writeMutable(row, run);
    return row;
  }

  appActions(row: number): number {
    const value = this.appActionsColumn[row] as number;
    return value === WIDE ? (this.#wide.get(2 * row) as number) : value;
  }

  tokens(row: number): number {
    const value = this.tokensColumn[row] as number;
    return value === WIDE ? (this.#wide.get(2 * row + 1) as number) : value;
  }

  setAppActions(row: number, value: number): void {
    this.appActionsColumn[row] = this.#narrow(2 * row, value);
  }

  setTokens(row: number, value: number): void {
    this.tokensColumn[row] = this.#narrow(2 * row + 1, value);
  }

  /** The latest instant the row has: from then on its observed status is its status (observed-status.ts `settlesAt`). */
  settlesAt(row: number): Millis {
    const createdAt = this.createdAt[row] as number;
    const startedAt = this.startedAt[row] as number;
    const finishedAt = this.finishedAt[row] as number;
    // NaN (none) never wins: a comparison with NaN is false.
    let latest = createdAt;
    if (startedAt > latest) latest = startedAt;
    if (finishedAt > latest) latest = finishedAt;
    return latest;
  }

  /** The row as a `Run` (the same object while it is kept; `write` keeps it up to date). */
  run(row: number): Run {
    let run = this.#materialised.get(row);
    if (run !== undefined) return run;
    run = this.#build(row);
    if (this.#materialised.size >= MATERIALISED_LIMIT) this.#materialised.clear();
    this.#materialised.set(row, run);
    return run;
  }

  /** Writes the fields of `run` that may change (status, startedAt, finishedAt, resumed, appActions, tokens, error) to its row. */
  write(row: number, run: Run): void {
    this.#writeMutable(row, run);
    if (this.#materialised.get(row) !== run) this.#materialised.set(row, run);
  }

  #writeMutable(row: number, run: Run): void {
    this.status[row] = STATUS_INDEX[run.status];
    this.startedAt[row] = run.startedAt ?? Number.NaN;
    this.finishedAt[row] = run.finishedAt ?? Number.NaN;
    this.resumed[row] = run.resumed ? 1 : 0;
    this.setAppActions(row, run.appActions);
    this.setTokens(row, run.tokens);
    this.error[row] = run.error === null ? NONE : this.pools.errors.index(run.error);
  }

  #setColumn(name: ColumnName, column: Column): void {
    (this as unknown as Record<ColumnName, Column>)[name] = column;
  }

  #narrow(key: number, value: number): number {
    if (Number.isInteger(value) && value >= 0 && value < WIDE) {
      if (this.#wide.size !== 0) this.#wide.delete(key);
      return value;
    }
    if (this.#columnsOnly) throw new RangeError(`${value} does not fit a column of a table over shared columns`);
    this.#wide.set(key, value);
    return WIDE;
  }

  #build(row: number): Run {
    const pools = this.pools;
    const startedAt = this.startedAt[row] as number;
    const finishedAt = this.finishedAt[row] as number;
    const user = this.user[row] as number;
    const error = this.error[row] as number;
    // The key order of runWithDefaults (run-defaults.ts): a run serialises the same whichever way it was made.
    const run: Run = {
      id: this.ids.idOf(row),
      workspaceId: pools.workspaces.at(this.workspace[row] as number),
      flow: pools.flows.at(this.flow[row] as number),
      user: user === NONE ? null : pools.users.at(user),
      status: RUN_STATUSES[this.status[row] as number] as RunStatus,
      createdAt: this.createdAt[row] as number,
      startedAt: Number.isNaN(startedAt) ? null : startedAt,
      finishedAt: Number.isNaN(finishedAt) ? null : finishedAt,
      resumed: this.resumed[row] === 1,
      appActions: this.appActions(row),
      tokens: this.tokens(row),
      trigger: TRIGGERS[this.trigger[row] as number] as Trigger,
      sourceSystem: pools.sources.at(this.source[row] as number),
      error: error === NONE ? null : pools.errors.at(error),
    };
    const detail = this.details.size === 0 ? undefined : this.details.get(row);
    return detail === undefined ? run : { ...run, detail };
  }
}
