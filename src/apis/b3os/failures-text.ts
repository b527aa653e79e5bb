/**
 * B3OS's `recentFailures` as JSON text. A failure's text is a pure function of a few fields of its run and
 * of what is observed of it, and the same twenty failures are answered again and again, so each run's text
 * is remembered with the values it was written from and reused while they are unchanged (a patched run's
 * new error text is a miss): nothing to invalidate.
 */
import type { ObservedRun } from '../../domain/observed-status.ts';
import type { Millis, Run } from '../../domain/records.ts';
import { STATUS_VOCABULARY, type RunStatus } from '../../domain/status.ts';
import type { components } from '../../generated/b3os.ts';
import { isoInstant } from '../shared/iso-instant.ts';

type RecentExecutionFailure = components['schemas']['RecentExecutionFailure'];

interface FailureText {
  readonly status: RunStatus;
  readonly error: string | null;
  readonly finishedAt: Millis;
  readonly text: string;
}

/** By run; the run's identity, flow, source and creation never change. */
const remembered = new WeakMap<Run, FailureText>();

/** The failures' JSON array. */
export function recentFailuresJson(failures: readonly ObservedRun[]): string {
  const texts = new Array<string>(failures.length);
  for (let i = 0; i < failures.length; i++) texts[i] = failureText(failures[i] as ObservedRun);
  return `[${texts.join(',')}]`;
}

function failureText(observed: ObservedRun): string {
  const { run, status } = observed;
  // An observed failure has finished by now, so its finish is observable.
  const finishedAt = observed.finishedAt as Millis;
  const kept = remembered.get(run);
  if (kept !== undefined && kept.status === status && kept.error === run.error && kept.finishedAt === finishedAt) return kept.text;
  const text = JSON.stringify(recentFailure(run, status, finishedAt));
  remembered.set(run, { status, error: run.error, finishedAt, text });
  return text;
}

function recentFailure(run: Run, status: RunStatus, finishedAt: Millis): RecentExecutionFailure {
  return {
    executionId: run.id,
    runId: run.id,
    workflowId: run.flow,
    status: STATUS_VOCABULARY[status].b3os,
    statusReason: run.error,
    sourceSystem: run.sourceSystem,
    createdAt: isoInstant(run.createdAt),
    finishedAt: isoInstant(finishedAt),
  };
}
