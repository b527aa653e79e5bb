/**
 * A run with the defaults of the scenario schema applied (one place for them): no user, not resumed,
 * no app actions or tokens, started through the API from the `api` source, no error.
 */
import type { Millis, Run, RunDetail } from './records.ts';
import type { RunStatus } from './status.ts';
import type { Trigger } from './trigger.ts';

export interface RunFields {
  readonly id: string;
  readonly workspaceId: string;
  readonly flow: string;
  readonly status: RunStatus;
  readonly createdAt: Millis;
  readonly startedAt: Millis | null;
  readonly finishedAt: Millis | null;
  readonly user?: string | null | undefined;
  readonly resumed?: boolean | undefined;
  readonly appActions?: number | undefined;
  readonly tokens?: number | undefined;
  readonly trigger?: Trigger | undefined;
  readonly sourceSystem?: string | undefined;
  readonly error?: string | null | undefined;
  readonly detail?: RunDetail | undefined;
}

export function runWithDefaults(fields: RunFields): Run {
  return {
    id: fields.id,
    workspaceId: fields.workspaceId,
    flow: fields.flow,
    user: fields.user ?? null,
    status: fields.status,
    createdAt: fields.createdAt,
    startedAt: fields.startedAt,
    finishedAt: fields.finishedAt,
    resumed: fields.resumed ?? false,
    appActions: fields.appActions ?? 0,
    tokens: fields.tokens ?? 0,
    trigger: fields.trigger ?? 'api',
    sourceSystem: fields.sourceSystem ?? 'api',
    error: fields.error ?? null,
    ...(fields.detail === undefined ? {} : { detail: fields.detail }),
  };
}
