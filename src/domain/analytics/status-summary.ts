/**
 * Status counts, pass rate and mean duration over a window of a flow's runs (OnePin's runs summary,
 * product design §2, onepin): counts by observed status; pass rate = succeeded / terminal, null when
 * none finished; mean duration over succeeded runs with an observed start, null when there are none.
 */
import type { Millis } from '../records.ts';
import { RUN_STATUSES, type RunStatus } from '../status.ts';
import type { SortedRuns } from '../store/sorted-runs.ts';
import { Mean, ratio } from './rates.ts';
import { observedDuration, visibleRuns, type CreatedWindow } from './visible-runs.ts';

export type StatusCounts = Record<RunStatus, number>;

export interface StatusSummary {
  readonly counts: StatusCounts;
  readonly total: number;
  /** succeeded / (succeeded + failed + cancelled); null when that is 0. */
  readonly passRate: number | null;
  /** Mean of finishedAt − startedAt over succeeded runs, in ms; null when there are none. */
  readonly meanSucceededDurationMs: number | null;
}

export function emptyStatusCounts(): StatusCounts {
  return Object.fromEntries(RUN_STATUSES.map((status) => [status, 0])) as StatusCounts;
}

export function statusSummary(flowRuns: SortedRuns, now: Millis, window: CreatedWindow): StatusSummary {
  const counts = emptyStatusCounts();
  const duration = new Mean();
  let total = 0;
  for (const observed of visibleRuns(flowRuns, now, window)) {
    counts[observed.status]++;
    total++;
    if (observed.status === 'succeeded') {
      const ms = observedDuration(observed);
      if (ms !== null) duration.add(ms);
    }
  }
  const terminal = counts.succeeded + counts.failed + counts.cancelled;
  return { counts, total, passRate: ratio(counts.succeeded, terminal), meanSucceededDurationMs: duration.value() };
}
