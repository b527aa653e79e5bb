/**
 * A list of runs kept in (createdAt, id) order, so that a time window is two binary searches and a page is a
 * slice: the shape of every query the five APIs make (by workspace, flow or user, over a window). It holds
 * row numbers of a run table (run-table.ts) in a growable Int32Array, 4 bytes a run; readers that scan
 * many runs read the table's columns through `rowAt`, and `at` or iteration give `Run` objects.
 */
import type { Millis, Run } from '../records.ts';
import { RowOrder } from './row-order.ts';
import type { RunTable } from './run-table.ts';

/** The (createdAt, id) order of two runs as objects: the order every list keeps. */
export function compareRuns(a: Run, b: Run): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The same order for two rows of `table`. */
export function compareRows(table: RunTable, a: number, b: number): number {
  return (table.createdAt[a] as number) - (table.createdAt[b] as number) || table.ids.compare(a, b);
}

export class SortedRuns {
  readonly #order: RowOrder;

  constructor(readonly table: RunTable) {
    this.#order = new RowOrder((a, b) => compareRows(table, a, b));
  }

  get length(): number {
    return this.#order.length;
  }

  /** The row (in `table`) of the index-th run. */
  rowAt(index: number): number {
    return this.#order.rowAt(index);
  }

  /** The createdAt of the index-th run. */
  createdAtAt(index: number): Millis {
    return this.table.createdAt[this.#order.rowAt(index)] as number;
  }

  at(index: number): Run | undefined {
    return index >= 0 && index < this.#order.length ? this.table.run(this.#order.rowAt(index)) : undefined;
  }

  /** Appends when the row sorts last (the bulk-load case), otherwise inserts in place (a live or admin run). */
  insert(row: number): void {
    this.#order.insert(row);
  }

  /** Index of the first run created at or after `at`. */
  firstAtOrAfter(at: Millis): number {
    const createdAt = this.table.createdAt;
    return this.#order.partition((row) => (createdAt[row] as number) < at);
  }

  /** Index just past the last run created at or before `at`. */
  endAtOrBefore(at: Millis): number {
    const createdAt = this.table.createdAt;
    return this.#order.partition((row) => (createdAt[row] as number) <= at);
  }

  /** Half-open index range [start, end) of runs with from ≤ createdAt ≤ to (both ends inclusive). */
  window(from: Millis, to: Millis): { start: number; end: number } {
    if (from > to) return { start: 0, end: 0 };
    return { start: this.firstAtOrAfter(from), end: this.endAtOrBefore(to) };
  }

  /** Runs with from ≤ createdAt ≤ to, oldest first. */
  *inWindow(from: Millis, to: Millis): IterableIterator<Run> {
    const { start, end } = this.window(from, to);
    for (let i = start; i < end; i++) yield this.table.run(this.#order.rowAt(i));
  }

  *[Symbol.iterator](): IterableIterator<Run> {
    for (let i = 0; i < this.#order.length; i++) yield this.table.run(this.#order.rowAt(i));
  }
}
