/**
 * Runs stepwise work (src/domain/steps.ts) in slices of time, letting other work in between: a server
 * building a million-run scenario keeps answering every other request. setTimeout is all it needs, so it
 * runs in a page as under Node.
 */
const SLICE_MS = 12;

export async function runSliced<T>(steps: Generator<void, T>, sliceMs = SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      sliceStart = performance.now();
    }
  }
}
