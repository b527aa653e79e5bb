/**
 * B3OS's `recentFailures` as JSON, in UTF-8 pieces. A failure's JSON is a pure function of a few fields of
 * its run and of what is observed of it, and the same twenty failures are answered again and again, so each
 * run's bytes are remembered with the values they were written from and reused while those are unchanged
 * (a patched run's new error text is a miss): nothing to invalidate. Remembered by run, they go when the
 * run goes.
 */
import type { ObservedRun } from '../../domain/observed-status.ts';
import type { Millis, Run } from '../../domain/records.ts';
import { STATUS_VOCABULARY, type RunStatus } from '../../domain/status.ts';
import type { components } from '../../generated/b3os.ts';
import { JsonArrayPieces } from '../../core/json-array-pieces.ts';
import { utf8 } from '../../core/serialized-json.ts';
import { isoInstant } from '../shared/iso-instant.ts';

type RecentExecutionFailure = components['schemas']['RecentExecutionFailure'];

interface FailureBytes {
  readonly status: RunStatus;
  readonly error: string | null;
  readonly finishedAt: Millis;
  /** `,` and the failure's JSON object. */
  readonly bytes: Uint8Array;
}

/** By run; the run's identity, flow, source and creation never change. */
const remembered = new WeakMap<Run, FailureBytes>();

/** Between the newest and the oldest, the failures joined (json-array-pieces.ts). */
const arrays = new JsonArrayPieces(4 * 1024 * 1024);

/** The failures' JSON array, in pieces to be written one after the other. */
export function recentFailuresJson(failures: readonly ObservedRun[]): Uint8Array[] {
  return arrays.pieces(failures.map(failureBytes));
}

function failureBytes(observed: ObservedRun): Uint8Array {
  const { run, status } = observed;
  // An observed failure has finished by now, so its finish is observable.
  const finishedAt = observed.finishedAt as Millis;
  const kept = remembered.get(run);
  if (kept !== undefined && kept.status === status && kept.error === run.error && kept.finishedAt === finishedAt) return kept.bytes;
  const bytes = utf8(`,${JSON.stringify(recentFailure(run, status, finishedAt))}`);
  remembered.set(run, { status, error: run.error, finishedAt, bytes });
  return bytes;
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
