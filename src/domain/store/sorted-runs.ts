/**
 * Runs kept in (createdAt, id) order, so that a time window is two binary searches and a page is a
 * slice: the shape of every query the five APIs make (by workspace, flow or user, over a window).
 */
import { partitionPoint } from '../../lib/binary-search.ts';
import type { Millis, Run } from '../records.ts';

export function compareRuns(a: Run, b: Run): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export class SortedRuns {
  readonly #runs: Run[];

  /** `runs` must already be in (createdAt, id) order; see `SortedRuns.from` otherwise. */
  constructor(runs: Run[] = []) {
    this.#runs = runs;
  }

  static from(runs: Iterable<Run>): SortedRuns {
    return new SortedRuns([...runs].sort(compareRuns));
  }

  get length(): number {
    return this.#runs.length;
  }

  at(index: number): Run | undefined {
    return this.#runs[index];
  }

  /** Appends when the run sorts last (the bulk-load case), otherwise inserts in place. */
  insert(run: Run): void {
    const last = this.#runs[this.#runs.length - 1];
    if (last === undefined || compareRuns(last, run) <= 0) {
      this.#runs.push(run);
      return;
    }
    this.#runs.splice(this.#lowerBound(run), 0, run);
  }

  remove(run: Run): boolean {
    const index = this.#lowerBound(run);
    if (this.#runs[index] !== run) return false;
    this.#runs.splice(index, 1);
    return true;
  }

  /** Index of the first run created at or after `at`. */
  firstAtOrAfter(at: Millis): number {
    const runs = this.#runs;
    return partitionPoint(runs.length, (i) => (runs[i] as Run).createdAt < at);
  }

  /** Index just past the last run created at or before `at`. */
  endAtOrBefore(at: Millis): number {
    const runs = this.#runs;
    return partitionPoint(runs.length, (i) => (runs[i] as Run).createdAt <= at);
  }

  /** Half-open index range [start, end) of runs with from ≤ createdAt ≤ to (both ends inclusive). */
  window(from: Millis, to: Millis): { start: number; end: number } {
    if (from > to) return { start: 0, end: 0 };
    return { start: this.firstAtOrAfter(from), end: this.endAtOrBefore(to) };
  }

  /** Runs with from ≤ createdAt ≤ to, oldest first. */
  *inWindow(from: Millis, to: Millis): IterableIterator<Run> {
    const { start, end } = this.window(from, to);
    for (let i = start; i < end; i++) yield this.#runs[i] as Run;
  }

  [Symbol.iterator](): IterableIterator<Run> {
    return this.#runs[Symbol.iterator]();
  }

  #lowerBound(run: Run): number {
    const runs = this.#runs;
    return partitionPoint(runs.length, (i) => compareRuns(runs[i] as Run, run) < 0);
  }
}
