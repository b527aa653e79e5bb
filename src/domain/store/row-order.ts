/**
 * A growable list of run-table rows kept in an order of the caller's, inserted by walking back from the end:
 * rows mostly arrive almost in order (a bulk load adds them by creation, and an index by settling or finishing
 * instant is then out of order only by the runs created during one run's life), so an insert costs a few
 * comparisons, not a binary search over a million rows. Far from the end, it falls back to a binary search.
 */
import { partitionPoint } from '../../lib/binary-search.ts';

/** How far an insert walks back before it searches instead. */
const WALK = 32;

export class RowOrder {
  #rows = new Int32Array(16);
  #length = 0;

  /** `compare(a, b)` < 0 when row a goes before row b; ties must not exist (break them by row or id). */
  constructor(readonly compare: (a: number, b: number) => number) {}

  get length(): number {
    return this.#length;
  }

  rowAt(index: number): number {
    return this.#rows[index] as number;
  }

  /** The number of leading rows for which `isBefore(row)` holds (it must hold on a prefix). */
  partition(isBefore: (row: number) => boolean): number {
    const rows = this.#rows;
    return partitionPoint(this.#length, (i) => isBefore(rows[i] as number));
  }

  insert(row: number): void {
    if (this.#length === this.#rows.length) {
      const wider = new Int32Array(this.#rows.length * 2);
      wider.set(this.#rows);
      this.#rows = wider;
    }
    const rows = this.#rows;
    const length = this.#length;
    let at = length;
    while (at > 0 && length - at < WALK && this.compare(rows[at - 1] as number, row) > 0) at--;
    if (at > 0 && length - at === WALK && this.compare(rows[at - 1] as number, row) > 0) {
      at = partitionPoint(at, (i) => this.compare(rows[i] as number, row) < 0);
    }
    if (at < length) rows.copyWithin(at + 1, at, length);
    rows[at] = row;
    this.#length++;
  }

  /** Takes `row` out, found by the order: call it while the row's fields are still those it was inserted with. */
  remove(row: number): boolean {
    const rows = this.#rows;
    const at = partitionPoint(this.#length, (i) => this.compare(rows[i] as number, row) < 0);
    if (at >= this.#length || rows[at] !== row) return false;
    rows.copyWithin(at, at + 1, this.#length);
    this.#length--;
    return true;
  }
}
