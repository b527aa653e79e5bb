/**
 * Long work written as a generator that pauses (yields) now and then: building a dataset of a million
 * runs takes seconds, and a server must answer other requests meanwhile. `drain` runs such work at once
 * (start-up, tests); the core runs it in slices of time between other requests (src/core/sliced.ts).
 * Either way the result is the same: a pause changes nothing but when the rest runs.
 */

/** How many records a generator handles between two pauses (a few milliseconds of work). */
export const YIELD_EVERY = 16_384;

/** Runs stepwise work to its end, without pausing. */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}
