/**
 * Binary search, written once. Every search here finds a partition point: over indexes 0..length-1 a
 * predicate holds on a prefix and fails on the rest, and the answer is the length of that prefix (the first
 * index where it fails, or `length` when it never does). `lowerBound` and `upperBound` are the two usual
 * questions about an ascending array of numbers, without a predicate to allocate.
 *
 * Pure functions: no imports, safe for the browser.
 */

/**
 * The number of leading indexes in [0, length) for which `isBefore` holds. `isBefore` must hold on a
 * prefix of the range and fail on the rest (it is called O(log length) times, never outside the range).
 *
 * @example partitionPoint(runs.length, (i) => runs[i].createdAt < at) // the first run created at or after `at`
 */
export function partitionPoint(length: number, isBefore: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isBefore(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The first index in [0, end) whose number is ≥ `value` (`end` when none is): where `value` would be inserted
 * before its equals. `sorted` must be ascending over [0, end).
 */
export function lowerBound(sorted: ArrayLike<number>, value: number, end: number = sorted.length): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The first index in [0, end) whose number is > `value` (`end` when none is): where `value` would be inserted
 * after its equals. `sorted` must be ascending over [0, end).
 */
export function upperBound(sorted: ArrayLike<number>, value: number, end: number = sorted.length): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
