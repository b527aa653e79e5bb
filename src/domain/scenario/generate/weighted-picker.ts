/** Draws an index with probability proportional to its weight, in O(log n), optionally among a prefix. */
import { upperBound } from '../../../lib/binary-search.ts';
import type { Random } from '../../random.ts';

export class WeightedPicker {
  readonly #cumulative: Float64Array;

  constructor(weights: readonly number[]) {
    this.#cumulative = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((weight, i) => {
      total += Math.max(0, weight);
      this.#cumulative[i] = total;
    });
  }

  pick(random: Random): number {
    return this.pickBelow(random, this.#cumulative.length);
  }

  /** An index in [0, limit), weighted. */
  pickBelow(random: Random, limit: number): number {
    const total = this.#cumulative[limit - 1] ?? 0;
    if (total <= 0) return Math.floor(random.next() * limit);
    const target = random.next() * total;
    // The first index whose cumulative weight passes the target; the last one takes what rounding leaves.
    return upperBound(this.#cumulative, target, limit - 1);
  }
}
