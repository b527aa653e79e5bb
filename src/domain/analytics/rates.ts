/** Rates and means, unrounded (docs/apis.md#common-rules): a ratio with a zero denominator has no value. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Running sum and count of a measure, for means computed in one pass. */
export class Mean {
  sum = 0;
  count = 0;

  add(value: number): void {
    this.sum += value;
    this.count++;
  }

  remove(value: number): void {
    this.sum -= value;
    this.count--;
  }

  /** The mean, or null when nothing was added. */
  value(): number | null {
    return ratio(this.sum, this.count);
  }
}
