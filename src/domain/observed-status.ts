/**
 * What an API may see of a run at instant `now` (docs/data-model.md#visibility-and-observed-status, pinned).
 * A run created after `now` is invisible; a run that finishes in the future is still running (or queued
 * when it has not started yet); only timestamps ≤ now are reported.
 */
import type { Millis, Run } from './records.ts';
import { STATUS_INDEX, isTerminal, type RunStatus } from './status.ts';

export interface ObservedRun {
  readonly run: Run;
  readonly status: RunStatus;
  readonly startedAt: Millis | null;
  readonly finishedAt: Millis | null;
}

export function isVisible(run: Run, now: Millis): boolean {
  return run.createdAt <= now;
}

export function observedStatus(run: Run, now: Millis): RunStatus {
  const started = run.startedAt !== null && run.startedAt <= now;
  if (isTerminal(run.status)) {
    if (run.finishedAt !== null && run.finishedAt <= now) return run.status;
    return started ? 'running' : 'queued';
  }
  // A running run that has not started yet is queued (pinned). A paused run has started by definition,
  // so one whose start is still ahead is queued too (our reading: nothing about it is observable yet).
  if ((run.status === 'running' || run.status === 'paused') && !started) return 'queued';
  return run.status;
}

/** The run as seen at `now`, or null when it is not visible yet. */
export function observe(run: Run, now: Millis): ObservedRun | null {
  if (!isVisible(run, now)) return null;
  return {
    run,
    status: observedStatus(run, now),
    startedAt: run.startedAt !== null && run.startedAt <= now ? run.startedAt : null,
    finishedAt: run.finishedAt !== null && run.finishedAt <= now ? run.finishedAt : null,
  };
}

/**
 * The latest instant at which the run's observed status can still change by the passing of time alone.
 * Once `now` reaches it, the run is "settled": its observed status is its status.
 */
export function settlesAt(run: Run): Millis {
  return Math.max(run.createdAt, run.startedAt ?? run.createdAt, run.finishedAt ?? run.createdAt);
}

const QUEUED = STATUS_INDEX.queued;
const RUNNING = STATUS_INDEX.running;
const PAUSED = STATUS_INDEX.paused;
/** Terminal statuses are the last three of RUN_STATUSES. */
const FIRST_TERMINAL = STATUS_INDEX.succeeded;

/**
 * `observedStatus` on a run's numbers as the run table keeps them (status by RUN_STATUSES index, NaN for a
 * missing instant): the same rule, for the scans that read columns instead of building runs.
 */
export function observedStatusIndex(status: number, startedAt: Millis, finishedAt: Millis, now: Millis): number {
  // NaN compares false: a missing instant is never reached.
  const started = startedAt <= now;
  if (status >= FIRST_TERMINAL) return finishedAt <= now ? status : started ? RUNNING : QUEUED;
  if ((status === RUNNING || status === PAUSED) && !started) return QUEUED;
  return status;
}
