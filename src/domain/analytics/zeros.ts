/**
 * An array of `length` zeros, for the sums of one answer.
 *
 * A plain array, not a Float64Array: a typed array of more than 64 bytes keeps its memory outside V8's
 * heap, and one made per request costs far more than its additions (an allocation the engine accounts as
 * external memory, swept apart from the young generation). V8 keeps the numbers written into this array
 * unboxed, in a row (small integers or doubles), so the sums cost what a typed array's would
 * (docs/performance.md#no-buffers-made-per-answer).
 */
export function zeros(length: number): number[] {
  return new Array<number>(length).fill(0);
}
