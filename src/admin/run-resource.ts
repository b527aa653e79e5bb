/** Runs as the admin API shows and takes them (specs/admin.yaml `Run`, `NewRun`, `RunPatch`). */
import { observe } from '../domain/observed-status.ts';
import { parseInstant } from '../lib/instant.ts';
import { isClockInstant } from '../domain/clock.ts';
import type { NewRun } from '../domain/mock-state.ts';
import type { Millis, Run } from '../domain/records.ts';
import type { RunPatch } from '../domain/run-lifecycle.ts';
import type { components } from '../generated/admin.ts';

type RunResource = components['schemas']['Run'];
type NewRunBody = components['schemas']['NewRun'];
type RunPatchBody = components['schemas']['RunPatch'];

const iso = (at: Millis | null): string | null => (at === null ? null : new Date(at).toISOString());

export function toRunResource(run: Run, now: Millis): RunResource {
  const observed = observe(run, now);
  return {
    id: run.id,
    workspace: run.workspaceId,
    flow: run.flow,
    user: run.user,
    status: run.status,
    createdAt: iso(run.createdAt) as string,
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    resumed: run.resumed,
    appActions: run.appActions,
    tokens: run.tokens,
    trigger: run.trigger,
    sourceSystem: run.sourceSystem,
    error: run.error,
    ...(run.detail === undefined ? {} : { detail: run.detail as RunResource['detail'] }),
    visible: observed !== null,
    observedStatus: observed?.status ?? null,
  };
}

/**
 * The instants of a body, as epoch ms: each must name one (the schema's `date-time` lets a leap second
 * `23:59:60` through, which no instant is). A field that does not is a problem at its pointer; the caller
 * refuses the request with all of them, before anything changes.
 */
export class InstantFields {
  readonly problems: { readonly path: string; readonly message: string }[] = [];

  read(value: string | null | undefined, path: string): Millis | null | undefined {
    if (value == null) return value as null | undefined;
    const at = parseInstant(value);
    if (at === undefined || !isClockInstant(at)) {
      this.problems.push({ path, message: `"${value}" is not an instant from 1970 to 9999: give an ISO 8601 date-time with a UTC offset, e.g. 2026-11-20T12:00:00Z (no leap second :60)` });
    }
    return at;
  }
}

/** A validated NewRun body, instants as epoch ms (bad ones reported into `instants`). */
export function fromNewRunBody(body: NewRunBody, instants: InstantFields): NewRun {
  const { createdAt, startedAt, finishedAt, ...rest } = body;
  return {
    ...rest,
    ...(createdAt === undefined ? {} : { createdAt: instants.read(createdAt, '/createdAt') }),
    ...(startedAt === undefined ? {} : { startedAt: instants.read(startedAt, '/startedAt') }),
    ...(finishedAt === undefined ? {} : { finishedAt: instants.read(finishedAt, '/finishedAt') }),
  } as NewRun;
}

/** A validated RunPatch body, instants as epoch ms (bad ones reported into `instants`). */
export function fromRunPatchBody(body: RunPatchBody, instants: InstantFields): RunPatch {
  const { startedAt, finishedAt, ...rest } = body;
  return {
    ...rest,
    ...(startedAt === undefined ? {} : { startedAt: instants.read(startedAt, '/startedAt') }),
    ...(finishedAt === undefined ? {} : { finishedAt: instants.read(finishedAt, '/finishedAt') }),
  } as RunPatch;
}
