/**
 * One canonical run as StackAI's `ProjectRunSummary` (specs/stackai.yaml, "Field mapping";
 * docs/apis.md#stackai): state from the OBSERVED status through the pinned vocabulary, outcome and latency
 * from what is observable now, the rest of the vendor detail from run-detail.ts.
 */
import type { ObservedRun } from '../../domain/observed-status.ts';
import { observedDuration } from '../../domain/analytics/visible-runs.ts';
import type { components } from '../../generated/stackai.ts';
import type { StackAiState } from '../../domain/status.ts';
import { runDetail, type DetailContext, type StackaiRunDetail } from './run-detail.ts';
import { isoInstant } from '../shared/iso-instant.ts';
import { stackaiState } from './workflow-state.ts';

export type ProjectRunSummary = components['schemas']['ProjectRunSummary'];

/**
 * Generated detail is a pure function of the run, its state and its tokens: kept per run while those stay
 * the same, so that a dashboard paging through runs does not regenerate it on every request.
 */
const detailCache = new WeakMap<object, { state: string; tokens: number; detail: StackaiRunDetail }>();

function cachedDetail(observed: ObservedRun, state: StackAiState, context: DetailContext): StackaiRunDetail {
  const hit = detailCache.get(observed.run);
  if (hit !== undefined && hit.state === state && hit.tokens === observed.run.tokens) return hit.detail;
  const detail = runDetail(observed, state, context);
  detailCache.set(observed.run, { state, tokens: observed.run.tokens, detail });
  return detail;
}

export function runSummary(observed: ObservedRun, context: DetailContext): ProjectRunSummary {
  const { run } = observed;
  const state = stackaiState(observed);
  const duration = observedDuration(observed);
  const detail = cachedDetail(observed, state, context);
  return {
    run_id: run.id,
    conversation_id: detail.conversationId,
    date: isoInstant(run.createdAt),
    is_flow_successful: state === 'COMPLETED' ? true : state === 'FAILED' || state === 'CANCELLED' ? false : null,
    state,
    // The canonical error is set at creation for runs that will fail: only a failure already observed shows it.
    error: state === 'FAILED' ? run.error : null,
    // Seconds (assumption, stated in the spec); observedDuration is null unless both instants are ≤ now.
    latency: duration === null ? null : duration / 1000,
    total_tokens: run.tokens,
    user_id: run.user,
    inputs: detail.inputs,
    outputs: detail.outputs,
    llms: detail.llms,
    feedback: detail.feedback,
    llm_usage: detail.llmUsage,
    run_type: run.trigger,
    ran_by_type: detail.ranByType,
    ran_by_id: detail.ranById,
    ran_by_display_name: detail.ranByDisplayName,
    parent_run_id: detail.parentRunId,
    parent_project_id: detail.parentProjectId,
    parent_project_name: detail.parentProjectName,
  };
}
