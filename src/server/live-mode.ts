/**
 * `--live`: keeps runs arriving on the real clock so a dashboard left open changes as production would.
 * Every second, the arrivals due by now are added through the same path as POST /__mock/runs.
 */
import { LiveArrivals, type PlannedArrival } from '../domain/live/arrivals.ts';
import type { MockState } from '../domain/mock-state.ts';

export function startLiveMode(state: MockState, { tickMs = 1000 } = {}): () => void {
  let arrivals = new LiveArrivals(state.dataset, { seed: state.scenario.seed, start: state.clock.now() });
  let pending: PlannedArrival | undefined = arrivals.next();
  state.onReset(() => {
    arrivals = new LiveArrivals(state.dataset, { seed: state.scenario.seed, start: state.clock.now() });
    pending = arrivals.next();
  });
  const timer = setInterval(() => {
    const now = state.clock.now();
    while (pending !== undefined && pending.createdAt <= now) {
      state.addRun(pending);
      pending = arrivals.next();
    }
  }, tickMs);
  timer.unref();
  return () => clearInterval(timer);
}
