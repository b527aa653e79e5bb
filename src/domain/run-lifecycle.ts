/**
 * How a run moves through its statuses (specs/admin.yaml, PATCH /__mock/runs/{id}), and the rules every
 * run satisfies, whether it comes from a scenario file or the admin API:
 * awaiting_payment → payment_confirmed → queued → running ⇄ paused → succeeded | failed | cancelled,
 * any non-terminal run can be cancelled, nothing leaves a terminal status.
 */
import type { Problem } from '../lib/problem.ts';
import type { Millis, Run } from './records.ts';
import { isTerminal, type RunStatus } from './status.ts';

export const ALLOWED_MOVES: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  awaiting_payment: ['payment_confirmed', 'cancelled'],
  payment_confirmed: ['queued', 'cancelled'],
  queued: ['running', 'cancelled'],
  running: ['paused', 'succeeded', 'failed', 'cancelled'],
  paused: ['running', 'cancelled'],
  succeeded: [],
  failed: [],
  cancelled: [],
};

const NOT_STARTED: ReadonlySet<RunStatus> = new Set(['awaiting_payment', 'payment_confirmed', 'queued']);

export interface RunPatch {
  readonly status?: RunStatus;
  readonly startedAt?: Millis;
  readonly finishedAt?: Millis;
  readonly resumed?: boolean;
  readonly error?: string | null;
  readonly appActions?: number;
  readonly tokens?: number;
}

/** A rule a run breaks: at which field (`path` is that one field), and why. */
export type RunRuleProblem = Problem;

export type PatchOutcome =
  | { readonly ok: true; readonly apply: (run: Run) => void }
  | { readonly ok: false; readonly reason: 'invalid-transition' | 'run-conflict'; readonly message: string; readonly problems: readonly RunRuleProblem[] };

/** What `patch` does to `run` at `now`, or why it cannot: nothing is changed until `apply` is called. */
export function planPatch(run: Run, patch: RunPatch, now: Millis): PatchOutcome {
  const from = run.status;
  const to = patch.status ?? from;
  if (to !== from && !ALLOWED_MOVES[from].includes(to)) {
    const allowed = ALLOWED_MOVES[from];
    const message = allowed.length === 0
      ? `Run ${run.id} is ${from}, a terminal status: it cannot move to ${to}.`
      : `Run ${run.id} cannot move from ${from} to ${to}; from ${from} it can move to ${allowed.join(', ')}.`;
    return { ok: false, reason: 'invalid-transition', message, problems: [{ path: ['status'], message }] };
  }
  const next = { ...run, status: to };
  if (patch.startedAt !== undefined) next.startedAt = patch.startedAt;
  else if (to !== from && (to === 'running' || to === 'paused') && next.startedAt === null) {
    next.startedAt = Math.max(now, run.createdAt);
  }
  if (patch.finishedAt !== undefined) next.finishedAt = patch.finishedAt;
  else if (to !== from && isTerminal(to)) next.finishedAt = Math.max(now, next.startedAt ?? run.createdAt);
  if (patch.resumed !== undefined) next.resumed = patch.resumed;
  else if (from === 'paused' && to === 'running') next.resumed = true;
  if (patch.error !== undefined) next.error = patch.error;
  if (patch.appActions !== undefined) next.appActions = patch.appActions;
  if (patch.tokens !== undefined) next.tokens = patch.tokens;
  const problems = runRuleProblems(next);
  if (problems.length > 0) {
    return { ok: false, reason: 'run-conflict', message: `The patched run would break ${problems.length === 1 ? 'a run rule' : 'run rules'}: ${problems.map((p) => p.message).join('; ')}.`, problems };
  }
  return {
    ok: true,
    apply: (target: Run) => {
      target.status = next.status;
      target.startedAt = next.startedAt;
      target.finishedAt = next.finishedAt;
      target.resumed = next.resumed;
      target.error = next.error;
      target.appActions = next.appActions;
      target.tokens = next.tokens;
    },
  };
}

/** The rules of a run's fields among themselves (a scenario file is checked by the same rules). */
export function runRuleProblems(run: Pick<Run, 'status' | 'createdAt' | 'startedAt' | 'finishedAt' | 'error' | 'resumed'>): RunRuleProblem[] {
  const problems: RunRuleProblem[] = [];
  const { status, createdAt, startedAt, finishedAt } = run;
  if (isTerminal(status) && finishedAt === null) problems.push({ path: ['finishedAt'], message: `a ${status} run needs finishedAt` });
  if (!isTerminal(status) && finishedAt !== null) {
    problems.push({ path: ['finishedAt'], message: `finishedAt is set on a ${status} run; only succeeded, failed and cancelled runs have finished` });
  }
  if ((status === 'running' || status === 'paused') && startedAt === null) problems.push({ path: ['startedAt'], message: `a ${status} run needs startedAt` });
  if (NOT_STARTED.has(status) && startedAt !== null) problems.push({ path: ['startedAt'], message: `startedAt is set on a ${status} run, which has not started` });
  if (startedAt !== null && startedAt < createdAt) problems.push({ path: ['startedAt'], message: 'startedAt is before createdAt' });
  if (finishedAt !== null && finishedAt < (startedAt ?? createdAt)) {
    problems.push({ path: ['finishedAt'], message: `finishedAt is before ${startedAt === null ? 'createdAt' : 'startedAt'}` });
  }
  if (run.error != null && status !== 'failed') problems.push({ path: ['error'], message: `error is set on a ${status} run; only failed runs have one` });
  if (run.resumed && NOT_STARTED.has(status)) problems.push({ path: ['resumed'], message: `a ${status} run cannot have been resumed` });
  return problems;
}
