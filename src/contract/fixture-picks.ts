/** Which ids from the fixtures the checks use: a few flows with runs, users, and "now". */
import type { FixtureWorkspace, Target } from './target.ts';

type FixtureFlow = FixtureWorkspace['flows'][number];

/** Up to `max` flows of the first workspace, those with runs first (runCount when the fixtures have it). */
export function flowsToCheck(target: Target, max = 4): FixtureFlow[] {
  const ws = target.fixtures.workspaces[0] as FixtureWorkspace;
  const flows = [...ws.flows].sort((a, b) => (b.runCount ?? 1) - (a.runCount ?? 1));
  return flows.slice(0, max);
}

export function busiestFlow(target: Target): FixtureFlow | undefined {
  return flowsToCheck(target, 1)[0];
}

/** The target's now: the fixtures' (flowmock's clock) or this machine's. */
export function targetNow(target: Target): number {
  const now = Date.parse(target.fixtures.now ?? '');
  return Number.isNaN(now) ? Date.now() : now;
}

/** Another workspace's id: the second fixture workspace, or an id no workspace has. */
export function foreignWorkspaceId(target: Target): string {
  return target.fixtures.workspaces[1]?.id ?? '00000000-0000-4000-8000-00000000c0de';
}

/** A flow of another workspace, when the fixtures have one. */
export function foreignFlow(target: Target): FixtureFlow | undefined {
  return target.fixtures.workspaces.slice(1).flatMap((ws) => ws.flows)[0];
}

export const UNKNOWN_FLOW_ID = '00000000-0000-4000-8000-0000000f10e0';
export const INVALID_TOKEN = 'contract-suite-invalid-token-0000';
