/**
 * The canonical records (docs/data-model.md#canonical-records, pinned field names). Every vendor API is a view of these.
 * Instants are held as epoch milliseconds: comparisons are at millisecond precision and a million runs
 * stay small in memory. They are formatted back to ISO 8601 only at the edges.
 */
import type { RunStatus } from './status.ts';
import type { Trigger } from './trigger.ts';

export type Millis = number;

export const HOUR: Millis = 3_600_000;
export const DAY: Millis = 86_400_000;

export interface User {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

export type FlowKind = 'workflow' | 'agent';

export interface Share {
  readonly at: Millis;
  readonly by: string;
}

export interface Flow {
  readonly id: string;
  readonly workspaceId: string;
  readonly kind: FlowKind;
  readonly name: string;
  readonly createdAt: Millis;
  readonly createdBy: string;
  readonly fromTemplate: boolean;
  readonly shares: readonly Share[];
}

/** StackAI's run detail; generated from the run unless the scenario gives it. */
export interface RunDetail {
  conversationId?: string | null;
  inputs?: string | null;
  outputs?: string | null;
  llms?: string | null;
  feedback?: string | null;
  ranByType?: 'user' | 'personal_api_key' | 'org_api_key' | 'system' | null;
  ranById?: string | null;
  ranByDisplayName?: string | null;
  parentRunId?: string | null;
  parentProjectId?: string | null;
  parentProjectName?: string | null;
}

export interface Run {
  readonly id: string;
  readonly workspaceId: string;
  readonly flow: string;
  readonly user: string | null;
  status: RunStatus;
  readonly createdAt: Millis;
  startedAt: Millis | null;
  finishedAt: Millis | null;
  resumed: boolean;
  appActions: number;
  tokens: number;
  readonly trigger: Trigger;
  readonly sourceSystem: string;
  error: string | null;
  readonly detail?: RunDetail;
}

export interface Workspace {
  readonly id: string;
  readonly name: string;
  readonly tokens: readonly string[];
}
