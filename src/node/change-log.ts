/**
 * THE durable change log: the ordered stream of MockChanges (src/core/state-changes.ts) kept on disk so
 * that every acknowledged change survives a crash (`kill -9`, a full disk) and a restart. In the manner of
 * Redis' AOF and SQLite's WAL: nothing is acknowledged before it is durable; a torn tail is expected and
 * repaired (and reported); damage anywhere else stops the reader; a refused write is never replayed.
 *
 * ## Files (`PATH` is the path given to `openChangeLog`, e.g. `--state-file state.json`)
 *
 * - `PATH`: the snapshot, `{"format":"flowmock-state","version":2,"seq":S,"scenario":…,"changes":[…]}`
 *   (src/core/change-stream.ts): the scenario in force and the changes compacted into it, up to seq S.
 *   Only ever replaced atomically: `.<name>.<pid>-<random>.tmp` beside it written, fsync, rename, fsync
 *   of the directory.
 *   A version-1 file (the whole-file state file of flowmock ≤ 0.1) is read and migrated once.
 * - `PATH.log`: the records after the snapshot, one line each, `{"seq":N,"change":…,"crc":"…"}\n`; only
 *   ever appended to (or truncated: back over a refused batch, to 0 after a compaction or a reset).
 *   Records ≤ S in it are left over from an interrupted compaction or reset and are skipped: seq numbers
 *   never restart, so nothing is applied twice.
 *
 * ## API
 *
 *     const { log, scenario, changes, repaired } = await openChangeLog('state.json', { initialScenario });
 *     // rebuild the state: scenario, then replay `changes` in order; log `repaired` if present
 *     await log.append(change);          // → its seq, once the record is durable
 *     await log.reset(otherScenario);    // a reset or another scenario in force: a new, empty base
 *     await log.compact();               // or { scenario, changes } folded by the caller; also automatic
 *     await log.close();
 *
 * - `openChangeLog(path, options)` reads the snapshot (or, with none, starts one from
 *   `options.initialScenario`), then the log; removes leftover temporary files of a crash; cuts a torn
 *   tail off the log (an incomplete last record, a bad checksum or a malformed line with no verified
 *   record after it) and says so in `repaired` (never silently); refuses damage in the middle (verified
 *   records after a bad one, a seq gap) with a `ChangeLogDamagedError` naming the byte offset, changing
 *   nothing — unless `repair: 'truncate-damage'` (the operator's `redis-check-aof --fix`).
 * - `append(change)` resolves with the change's seq only once its record is durable: the whole length
 *   written (short writes are continued), then `fdatasync`. Appends made while a write is in flight are
 *   group-committed: written together, synced once, each resolved after that sync.
 * - On an I/O error (ENOSPC, EIO…) the batch is rejected with a `ChangeLogWriteError` (its `code`: the
 *   errno code), the log is truncated back to its length before the batch (and synced), and every
 *   operation queued behind it is rejected too (it may depend on the refused ones): what the log holds
 *   is then exactly `durable()`, the state a caller must return to (`onWriteFailure` is told first,
 *   synchronously). Later operations are tried afresh: appends work again once space is back. If even the
 *   truncation fails the log is broken: every later operation rejects (`ChangeLogBrokenError`) until it
 *   is reopened.
 * - `reset(scenario)` replaces the snapshot atomically by `{scenario, seq: last seq, changes: []}`, then
 *   empties the log. `compact(state?)` replaces it by the durable state (or `state`, an equivalent shorter
 *   list of changes a caller folded), then empties the log; it also runs on its own once the log is at
 *   least `autoCompact.minLogBytes` and `autoCompact.ratio` × the snapshot's size. A crash at any step
 *   leaves the old base with the whole log, or the new base with records it already holds (skipped).
 *   Compaction alone does not shrink the state (every change since the scenario is kept: replaying them
 *   is how the state is rebuilt); it bounds the log and speeds up `open`. A reset is what drops changes,
 *   and a caller that can fold changes (a `faults` change replaces every earlier one) passes them to it.
 * - Operations run one at a time, in call order. An append costs one record's bytes and one sync,
 *   however long the log: nothing is ever rewritten on the write path (a compaction, which rewrites the
 *   snapshot, holds the appends made meanwhile; its geometric threshold keeps that cost amortized flat).
 * - One process, one `ChangeLog` per path: a second `openChangeLog` of the same path in this process is
 *   refused. Another process writing the same files is not detected.
 */
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import {
  changeJson, decodeSnapshot, encodeRecord, joinSnapshot, readRecords, SnapshotFormatError,
  type DropReason, type DroppedRecords,
} from '../core/change-stream.ts';
import { PersistenceError } from '../core/persistence.ts';
import type { MockChange } from '../core/state-changes.ts';
import type { ScenarioDocument } from '../domain/scenario/document.ts';
import { nodeLogFs, type LogFs } from './log-fs.ts';

export interface ChangeLogOptions {
  /** The scenario to start from when `path` holds no state yet (required then). */
  readonly initialScenario?: ScenarioDocument;
  /** Checks a scenario read from the snapshot (e.g. `validateScenarioDocument`); default: it is an object. */
  readonly validateScenario?: (value: unknown, origin: string) => ScenarioDocument;
  /** `tail` (default): only a torn tail is cut off. `truncate-damage`: damage in the middle too (all from it on is dropped). */
  readonly repair?: 'tail' | 'truncate-damage';
  /** Automatic compaction: when the log reaches minLogBytes (default 8 MiB) and ratio (default 1) × the snapshot. */
  readonly autoCompact?: false | { readonly minLogBytes?: number; readonly ratio?: number };
  /** Told, synchronously, when a write fails, before the refused operations reject: return to `log.durable()`. */
  readonly onWriteFailure?: (error: ChangeLogWriteError) => void;
  /** The file-system calls (tests inject faults here). */
  readonly fs?: LogFs;
}

export interface LogRepair {
  readonly reason: DropReason;
  /** Where the log was cut (bytes): the end of the last complete, verified record. */
  readonly offset: number;
  readonly droppedBytes: number;
  /** Verified records dropped with it (only with `repair: 'truncate-damage'`). */
  readonly droppedRecords: number;
  readonly detail: string;
}

export interface OpenedChangeLog {
  readonly log: ChangeLog;
  /** The scenario in force. */
  readonly scenario: ScenarioDocument;
  /** Every change since it was put in force, in order: replay them. */
  readonly changes: MockChange[];
  /** The seq of the last change (0: none yet, ever). */
  readonly seq: number;
  /** False when the path held no state and `initialScenario` was put in force. */
  readonly restored: boolean;
  /** Set when a torn tail (or, on request, damage) was cut off the log: report it. */
  readonly repaired?: LogRepair;
  /** Set when a version-1 state file was read and rewritten as a version-2 snapshot. */
  readonly migrated?: 'flowmock-state v1';
  /** Leftover temporary files of an interrupted write, removed. */
  readonly removedTemporaryFiles: readonly string[];
  /** Log records the snapshot already held (an interrupted compaction or reset), skipped and removed. */
  readonly staleRecords: number;
}

export interface DurableState {
  readonly scenario: ScenarioDocument;
  readonly seq: number;
  readonly changes: MockChange[];
}

export interface ChangeLogStats {
  /** Records appended (acknowledged) since open. */
  readonly records: number;
  /** Group commits: one write and one fdatasync each. */
  readonly batches: number;
  readonly compactions: number;
  readonly failedCompactions: number;
  readonly failedWrites: number;
  readonly logBytes: number;
  readonly snapshotBytes: number;
}

export class ChangeLogError extends PersistenceError {
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(message, options);
    this.name = 'ChangeLogError';
  }
}

/** The log holds damage that is not a torn tail: nothing was changed. */
export class ChangeLogDamagedError extends ChangeLogError {
  readonly file: string;
  readonly offset: number;
  readonly reason: DropReason;
  constructor(file: string, dropped: DroppedRecords) {
    super(
      `change log ${file} is damaged at byte offset ${dropped.offset} (${dropped.reason}: ${dropped.detail}); `
      + (dropped.reason === 'seq-gap' ? 'a record is missing or repeated' : `${dropped.verifiedAfter} verified record(s) follow it, so it is not a torn write`)
      + `. Nothing was changed: inspect the file, or open it with repair: 'truncate-damage' to drop everything from byte ${dropped.offset} on (${dropped.bytes} bytes).`,
    );
    this.name = 'ChangeLogDamagedError';
    this.file = file;
    this.offset = dropped.offset;
    this.reason = dropped.reason;
  }
}

/** An operation was refused: nothing of it (nor of anything queued behind it) was kept. */
export class ChangeLogWriteError extends ChangeLogError {
  /** The errno code of the failure (ENOSPC, EIO…), or `EREFUSED` for an operation queued behind it. */
  declare readonly code: string;
  constructor(file: string, what: string, cause: unknown, code?: string) {
    const errno = (cause as { code?: unknown } | undefined)?.code;
    super(`change log ${file}: ${what} not written (${(cause as Error | undefined)?.message ?? String(cause)}); nothing of it was kept`, { cause, code: code ?? (typeof errno === 'string' ? errno : 'EIO') });
    this.name = 'ChangeLogWriteError';
  }
}

/** A failed write could not be undone: the log takes nothing more until it is reopened. */
export class ChangeLogBrokenError extends ChangeLogError {
  constructor(file: string, cause: unknown) {
    super(`change log ${file} is unusable until it is reopened: a failed write could not be undone (${(cause as Error | undefined)?.message ?? String(cause)})`, { cause });
    this.name = 'ChangeLogBrokenError';
  }
}

const OPEN_PATHS = new Set<string>();
const DEFAULT_MIN_LOG_BYTES = 8 * 1024 * 1024;

export async function openChangeLog(path: string, options: ChangeLogOptions = {}): Promise<OpenedChangeLog> {
  const file = resolve(path);
  if (OPEN_PATHS.has(file)) throw new ChangeLogError(`change log ${file} is already open in this process`);
  OPEN_PATHS.add(file);
  try {
    return await open(file, options);
  } catch (error) {
    OPEN_PATHS.delete(file);
    throw error;
  }
}

async function open(file: string, options: ChangeLogOptions): Promise<OpenedChangeLog> {
  const fs = options.fs ?? nodeLogFs;
  const files = new Files(file, fs);
  const validate = options.validateScenario ?? ((value: unknown) => value as ScenarioDocument);
  await fs.mkdir(files.dir);

  const removedTemporaryFiles: string[] = [];
  for (const name of await fs.readdir(files.dir)) {
    if (!files.isTemporary(name)) continue;
    await fs.unlink(join(files.dir, name));
    removedTemporaryFiles.push(name);
  }

  let scenario: ScenarioDocument;
  let seq: number;
  let changes: MockChange[];
  let restored = true;
  let migrated: 'flowmock-state v1' | undefined;
  let snapshotBytes: number;
  /** The snapshot's changes as JSON, comma-joined (kept for the next compaction). */
  let baseJson = '';
  const stored = await fs.readFile(file);
  if (stored === undefined) {
    const orphan = await fs.readFile(files.log);
    if (orphan !== undefined && orphan.length > 0) {
      throw new ChangeLogError(`change log ${files.log} holds records but its snapshot ${file} is missing: restore the snapshot, or move both away to start afresh`);
    }
    if (options.initialScenario === undefined) throw new ChangeLogError(`no state at ${file}, and no initial scenario to start one from`);
    scenario = options.initialScenario;
    seq = 0;
    changes = [];
    restored = false;
    snapshotBytes = await files.writeSnapshot(joinSnapshot(0, JSON.stringify(scenario), [])).catch(unwrap);
  } else {
    let snapshot;
    try {
      snapshot = decodeSnapshot(new TextDecoder('utf-8', { fatal: true }).decode(stored));
    } catch (error) {
      const problem = error instanceof SnapshotFormatError ? error.message : `not UTF-8 text (${(error as Error).message})`;
      throw new ChangeLogError(`state file ${file}: ${problem}; move it away to start afresh`, { cause: error });
    }
    scenario = validate(snapshot.scenario, `${file} (scenario)`);
    seq = snapshot.seq;
    changes = [...snapshot.changes];
    snapshotBytes = stored.length;
    const jsons = snapshot.changesJson === undefined ? changes.map(changeJson) : undefined;
    baseJson = snapshot.changesJson ?? (jsons as string[]).join(',');
    if (snapshot.legacy) {
      snapshotBytes = await files.writeSnapshot(joinSnapshot(seq, JSON.stringify(scenario), jsons as string[])).catch(unwrap);
      migrated = 'flowmock-state v1';
    }
  }

  const fd = await fs.open(files.log, 'read-write');
  try {
    const bytes = await readAll(fs, fd);
    const read = readRecords(bytes, { after: seq });
    let size = bytes.length;
    let repaired: LogRepair | undefined;
    if (read.dropped !== undefined) {
      const { dropped } = read;
      if (!dropped.repairable && options.repair !== 'truncate-damage') throw new ChangeLogDamagedError(files.log, dropped);
      await fs.ftruncate(fd, read.validBytes);
      await fs.fdatasync(fd);
      size = read.validBytes;
      repaired = {
        reason: dropped.reason,
        offset: dropped.offset,
        droppedBytes: dropped.bytes,
        droppedRecords: dropped.verifiedAfter + (dropped.reason === 'seq-gap' ? 1 : 0),
        detail: dropped.detail,
      };
    }
    if (read.records.length === 0 && size > 0) {
      // Only records the snapshot already holds: finish the interrupted compaction or reset.
      await fs.ftruncate(fd, 0);
      await fs.fdatasync(fd);
      size = 0;
    }
    await fs.fsyncDirectory(files.dir); // the log's (and a new snapshot's) entry in the directory
    for (const record of read.records) changes.push(record.change);
    const last = read.records.at(-1)?.seq ?? seq;
    const changeJsons = read.records.map((record) => record.json);
    const log = new ChangeLog(files, fd, { scenario, seq: last, baseJson, changeJsons, size, snapshotBytes }, options);
    return {
      log, scenario, changes, seq: last, restored, removedTemporaryFiles, staleRecords: read.skipped,
      ...(repaired ? { repaired } : {}), ...(migrated ? { migrated } : {}),
    };
  } catch (error) {
    await fs.close(fd).catch(() => undefined);
    throw error;
  }
}

type Op =
  | { readonly kind: 'append'; readonly json: string; readonly resolve: (seq: number) => void; readonly reject: (error: Error) => void }
  | { readonly kind: 'reset'; readonly scenario: ScenarioDocument; readonly scenarioJson: string; readonly resolve: () => void; readonly reject: (error: Error) => void }
  | {
    readonly kind: 'compact';
    readonly state?: { readonly scenario: ScenarioDocument; readonly scenarioJson: string; readonly changeJsons: string[] };
    readonly resolve: () => void;
    readonly reject: (error: Error) => void;
  }
  | { readonly kind: 'auto-compact' };

type AppendOp = Extract<Op, { kind: 'append' }>;
type CallerOp = Exclude<Op, { kind: 'auto-compact' }>;
const isCallerOp = (op: Op): op is CallerOp => op.kind !== 'auto-compact';

interface Initial {
  readonly scenario: ScenarioDocument;
  readonly seq: number;
  readonly baseJson: string;
  readonly changeJsons: string[];
  readonly size: number;
  readonly snapshotBytes: number;
}

export class ChangeLog {
  /** The snapshot file. */
  readonly path: string;
  /** The append-only log file. */
  readonly logPath: string;
  readonly #files: Files;
  readonly #fs: LogFs;
  readonly #fd: number;
  readonly #autoCompact: { readonly minLogBytes: number; readonly ratio: number } | undefined;
  readonly #onWriteFailure: ((error: ChangeLogWriteError) => void) | undefined;
  #scenario: ScenarioDocument;
  #scenarioJson: string;
  #seq: number;
  /** The durable changes as JSON: the snapshot's, comma-joined as its file holds them, then one per record since. */
  #baseJson: string;
  #changeJsons: string[];
  #size: number;
  #snapshotBytes: number;
  #queue: Op[] = [];
  #pumping = false;
  #idle: Promise<void> = Promise.resolve();
  #closing: Promise<void> | undefined;
  #broken: ChangeLogBrokenError | undefined;
  #autoCompactQueued = false;
  #compactNotBefore = 0;
  #stats = { records: 0, batches: 0, compactions: 0, failedCompactions: 0, failedWrites: 0 };

  /** @internal use openChangeLog */
  constructor(files: Files, fd: number, initial: Initial, options: ChangeLogOptions) {
    this.#files = files;
    this.#fs = files.fs;
    this.#fd = fd;
    this.path = files.snapshot;
    this.logPath = files.log;
    this.#scenario = initial.scenario;
    this.#scenarioJson = JSON.stringify(initial.scenario);
    this.#seq = initial.seq;
    this.#baseJson = initial.baseJson;
    this.#changeJsons = initial.changeJsons;
    this.#size = initial.size;
    this.#snapshotBytes = initial.snapshotBytes;
    this.#onWriteFailure = options.onWriteFailure;
    const auto = options.autoCompact;
    this.#autoCompact = auto === false ? undefined : { minLogBytes: auto?.minLogBytes ?? DEFAULT_MIN_LOG_BYTES, ratio: auto?.ratio ?? 1 };
  }

  /** The seq of the last durable change. */
  get seq(): number {
    return this.#seq;
  }

  get stats(): ChangeLogStats {
    return { ...this.#stats, logBytes: this.#size, snapshotBytes: this.#snapshotBytes };
  }

  /** What the files hold now: what a restart would rebuild, and what to return to after a refused write. */
  durable(): DurableState {
    const base = JSON.parse(`[${this.#baseJson}]`) as MockChange[];
    return { scenario: this.#scenario, seq: this.#seq, changes: [...base, ...this.#changeJsons.map((json) => JSON.parse(json) as MockChange)] };
  }

  /** Resolves with the change's seq once its record is durable; rejects if it is not (nothing of it kept). */
  append(change: MockChange): Promise<number> {
    let json: string;
    try {
      json = changeJson(change); // now: later edits of the object do not reach the log
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return this.#enqueue<number>((resolve, reject) => ({ kind: 'append', json, resolve, reject }));
  }

  /** A reset or another scenario in force: the base becomes `scenario` with no changes (seq goes on). */
  reset(scenario: ScenarioDocument): Promise<void> {
    const scenarioJson = JSON.stringify(scenario);
    return this.#enqueue<void>((resolve, reject) => ({ kind: 'reset', scenario, scenarioJson, resolve, reject }));
  }

  /**
   * Writes the durable state as the new snapshot and empties the log. `state`, if given, must be
   * equivalent to it (the same scenario; changes a caller folded, e.g. only the last `faults`).
   */
  compact(state?: { scenario: ScenarioDocument; changes: readonly MockChange[] }): Promise<void> {
    let given: { scenario: ScenarioDocument; scenarioJson: string; changeJsons: string[] } | undefined;
    try {
      if (state !== undefined) given = { scenario: state.scenario, scenarioJson: JSON.stringify(state.scenario), changeJsons: state.changes.map(changeJson) };
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return this.#enqueue<void>((resolve, reject) => ({ kind: 'compact', ...(given ? { state: given } : {}), resolve, reject }));
  }

  /** Waits for what is queued, then closes the file. Later operations reject. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#queue = this.#queue.filter((op) => op.kind !== 'auto-compact');
      await this.#idle;
      await this.#fs.close(this.#fd).catch(() => undefined);
      OPEN_PATHS.delete(this.path);
    })();
    return this.#closing;
  }

  #enqueue<T>(make: (resolve: (value: T) => void, reject: (error: Error) => void) => Op): Promise<T> {
    if (this.#closing !== undefined) return Promise.reject(new ChangeLogError(`change log ${this.logPath} is closed`));
    if (this.#broken !== undefined) return Promise.reject(this.#broken);
    return new Promise<T>((resolve, reject) => {
      this.#queue.push(make(resolve, reject));
      this.#kick();
    });
  }

  #kick(): void {
    if (this.#pumping) return;
    this.#pumping = true;
    // A microtask later: every append made in the same turn joins the first batch.
    this.#idle = new Promise<void>((done) => queueMicrotask(() => void this.#pump().then(done)));
  }

  async #pump(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        if (this.#broken !== undefined) {
          for (const op of this.#queue.splice(0).filter(isCallerOp)) op.reject(this.#broken);
          break;
        }
        const head = this.#queue[0] as Op;
        if (head.kind === 'append') {
          let n = 1;
          while (n < this.#queue.length && (this.#queue[n] as Op).kind === 'append') n++;
          await this.#writeBatch(this.#queue.splice(0, n) as AppendOp[]);
          continue;
        }
        this.#queue.shift();
        if (head.kind === 'reset') await this.#runReset(head);
        else await this.#runCompaction(head);
      }
    } catch (error) {
      // Not reached (each step catches its own failures); if it were, take nothing more.
      this.#broken ??= new ChangeLogBrokenError(this.logPath, error);
      for (const op of this.#queue.splice(0).filter(isCallerOp)) op.reject(this.#broken);
    } finally {
      this.#pumping = false;
    }
  }

  async #writeBatch(batch: AppendOp[]): Promise<void> {
    const start = this.#size;
    let text = '';
    batch.forEach((op, i) => {
      text += encodeRecord(this.#seq + 1 + i, op.json);
    });
    const bytes = Buffer.from(text, 'utf8');
    try {
      await writeFully(this.#fs, this.#fd, bytes, start);
      await this.#fs.fdatasync(this.#fd);
    } catch (error) {
      await this.#truncateBack(start, error);
      this.#refuse(batch, new ChangeLogWriteError(this.logPath, `${batch.length} change(s)`, error));
      return;
    }
    this.#size = start + bytes.length;
    const first = this.#seq + 1;
    this.#seq += batch.length;
    for (const op of batch) this.#changeJsons.push(op.json);
    this.#stats.records += batch.length;
    this.#stats.batches++;
    batch.forEach((op, i) => op.resolve(first + i));
    this.#considerCompaction();
  }

  /** Undoes a failed batch: the log back to its length before it, durably; else the log is broken. */
  async #truncateBack(length: number, cause: unknown): Promise<void> {
    try {
      await this.#fs.ftruncate(this.#fd, length);
      await this.#fs.fdatasync(this.#fd);
    } catch (error) {
      this.#broken = new ChangeLogBrokenError(this.logPath, new AggregateError([cause, error], `${(cause as Error).message}; then ${(error as Error).message}`));
    }
  }

  /** Rejects the failed operation and everything queued behind it, after telling onWriteFailure. */
  #refuse(failed: readonly CallerOp[], error: ChangeLogWriteError): void {
    this.#stats.failedWrites++;
    const queued = this.#queue.splice(0).filter(isCallerOp);
    this.#autoCompactQueued = false;
    try {
      this.#onWriteFailure?.(error);
    } finally {
      const behind = new ChangeLogWriteError(this.logPath, 'an operation queued behind a failed write', error.cause, 'EREFUSED');
      for (const op of failed) op.reject(error);
      for (const op of queued) op.reject(this.#broken ?? behind);
    }
  }

  async #runReset(op: Extract<Op, { kind: 'reset' }>): Promise<void> {
    let written: number;
    try {
      written = await this.#files.writeSnapshot(joinSnapshot(this.#seq, op.scenarioJson, []));
    } catch (error) {
      if (error instanceof AfterRename) {
        // The new snapshot may or may not survive a power cut: what a restart rebuilds is unknown.
        this.#broken = new ChangeLogBrokenError(this.logPath, error.cause);
      }
      this.#refuse([op], new ChangeLogWriteError(this.path, 'the reset', error instanceof AfterRename ? error.cause : error));
      return;
    }
    this.#scenario = op.scenario;
    this.#scenarioJson = op.scenarioJson;
    this.#baseJson = '';
    this.#changeJsons = [];
    this.#snapshotBytes = written;
    await this.#emptyLog();
    op.resolve();
  }

  async #runCompaction(op: Extract<Op, { kind: 'compact' | 'auto-compact' }>): Promise<void> {
    if (op.kind === 'auto-compact') this.#autoCompactQueued = false;
    const state = op.kind === 'compact' ? op.state : undefined;
    const scenarioJson = state?.scenarioJson ?? this.#scenarioJson;
    const changeJsons = state?.changeJsons ?? (this.#baseJson === '' ? this.#changeJsons : [this.#baseJson, ...this.#changeJsons]);
    let written: number;
    try {
      written = await this.#files.writeSnapshot(joinSnapshot(this.#seq, scenarioJson, changeJsons));
    } catch (error) {
      // The state is the same under the old snapshot and the new one: nothing to undo, nothing lost.
      this.#stats.failedCompactions++;
      this.#compactNotBefore = this.#size + (this.#autoCompact?.minLogBytes ?? 0);
      if (op.kind === 'compact') op.reject(new ChangeLogWriteError(this.path, 'the compaction', error instanceof AfterRename ? error.cause : error));
      return;
    }
    if (state !== undefined) {
      this.#scenario = state.scenario;
      this.#scenarioJson = state.scenarioJson;
    }
    this.#baseJson = changeJsons.join(',');
    this.#changeJsons = [];
    this.#snapshotBytes = written;
    this.#stats.compactions++;
    await this.#emptyLog();
    if (op.kind === 'compact') op.resolve();
  }

  /** After a new snapshot: the log's records are all in it. If emptying fails they stay (and are skipped). */
  async #emptyLog(): Promise<void> {
    try {
      await this.#fs.ftruncate(this.#fd, 0);
      await this.#fs.fdatasync(this.#fd);
      this.#size = 0;
    } catch (error) {
      try {
        this.#size = await this.#fs.size(this.#fd);
      } catch {
        this.#broken = new ChangeLogBrokenError(this.logPath, error);
      }
    }
  }

  #considerCompaction(): void {
    const auto = this.#autoCompact;
    if (auto === undefined || this.#autoCompactQueued || this.#closing !== undefined) return;
    if (this.#size < auto.minLogBytes || this.#size < auto.ratio * this.#snapshotBytes || this.#size < this.#compactNotBefore) return;
    this.#autoCompactQueued = true;
    this.#queue.push({ kind: 'auto-compact' });
  }
}

/** A failure after the new snapshot was renamed into place (the directory's fsync). */
class AfterRename extends Error {
  constructor(cause: unknown) {
    super('fsync of the directory failed after the rename', { cause });
  }
}

function unwrap(error: unknown): never {
  throw error instanceof AfterRename ? error.cause : error;
}

/** The files of one log: the snapshot, the log, their temporary files. */
class Files {
  readonly dir: string;
  readonly log: string;
  readonly #base: string;
  constructor(readonly snapshot: string, readonly fs: LogFs) {
    this.dir = dirname(snapshot);
    this.#base = basename(snapshot);
    this.log = `${snapshot}.log`;
  }

  /** `.BASE.<anything>.tmp`: ours (`<pid>-<random>`), and flowmock ≤ 0.1's (`<pid>`). */
  isTemporary(name: string): boolean {
    return name.startsWith(`.${this.#base}.`) && name.endsWith('.tmp') && name.length > this.#base.length + 6;
  }

  /** Replaces the snapshot atomically; returns its size. Throws AfterRename if only the last step failed. */
  async writeSnapshot(text: string): Promise<number> {
    const bytes = Buffer.from(text, 'utf8');
    const temporary = join(this.dir, `.${this.#base}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
    const fd = await this.fs.open(temporary, 'create-new');
    try {
      try {
        await writeFully(this.fs, fd, bytes, 0);
        await this.fs.fsync(fd);
      } finally {
        await this.fs.close(fd);
      }
      await this.fs.rename(temporary, this.snapshot);
    } catch (error) {
      await this.fs.unlink(temporary).catch(() => undefined);
      throw error;
    }
    try {
      await this.fs.fsyncDirectory(this.dir);
    } catch (error) {
      throw new AfterRename(error);
    }
    return bytes.length;
  }
}

/** Writes all of `bytes` at `position`, continuing after short writes. */
async function writeFully(fs: LogFs, fd: number, bytes: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const written = await fs.write(fd, bytes, done, bytes.length - done, position + done);
    if (!(written > 0)) throw Object.assign(new Error(`write returned ${written} of ${bytes.length - done} bytes`), { code: 'EIO' });
    done += written;
  }
}

async function readAll(fs: LogFs, fd: number): Promise<Uint8Array> {
  const size = await fs.size(fd);
  const buffer = new Uint8Array(size);
  let done = 0;
  while (done < size) {
    const read = await fs.read(fd, buffer, done, size - done, done);
    if (read === 0) break;
    done += read;
  }
  return buffer.subarray(0, done);
}
