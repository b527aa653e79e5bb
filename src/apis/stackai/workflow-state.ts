/** StackAI's WorkflowState of a run: its observed status through the pinned vocabulary (docs/apis.md#status-vocabulary). */
import type { ObservedRun } from '../../domain/observed-status.ts';
import { STATUS_VOCABULARY, type StackAiState } from '../../domain/status.ts';

/** The WorkflowState enum, in the spec's order (the order a 422 lists them in). */
export const STACKAI_STATES: readonly StackAiState[] = ['PENDING', 'PAUSED', 'RESUMED', 'COMPLETED', 'FAILED', 'CANCELLED'];

export function isStackaiState(text: string): text is StackAiState {
  return (STACKAI_STATES as readonly string[]).includes(text);
}

/** A running run that was resumed after a pause is RESUMED; every other mapping ignores `resumed`. */
export function stackaiState(observed: ObservedRun): StackAiState {
  const names = STATUS_VOCABULARY[observed.status];
  return observed.run.resumed ? names.stackaiResumed : names.stackai;
}
