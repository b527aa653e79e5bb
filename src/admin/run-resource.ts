/** Runs as the admin API shows and takes them (specs/admin.yaml `Run`, `NewRun`, `RunPatch`). */
import { observe } from '../domain/observed-status.ts';
import type { NewRun } from '../domain/mock-state.ts';
import type { Millis, Run } from '../domain/records.ts';
import type { RunPatch } from '../domain/run-lifecycle.ts';
import type { components } from '../generated/admin.ts';

type RunResource = components['schemas']['Run'];
type NewRunBody = components['schemas']['NewRun'];
type RunPatchBody = components['schemas']['RunPatch'];

const iso = (at: Millis | null): string | null => (at === null ? null : new Date(at).toISOString());
const millis = (at: string | null | undefined): Millis | null | undefined => (at == null ? (at as null | undefined) : Date.parse(at));

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

/** A validated NewRun body, instants as epoch ms. */
export function fromNewRunBody(body: NewRunBody): NewRun {
  const { createdAt, startedAt, finishedAt, ...rest } = body;
  return {
    ...rest,
    ...(createdAt === undefined ? {} : { createdAt: Date.parse(createdAt) }),
    ...(startedAt === undefined ? {} : { startedAt: millis(startedAt) as Millis | null }),
    ...(finishedAt === undefined ? {} : { finishedAt: millis(finishedAt) as Millis | null }),
  } as NewRun;
}

export function fromRunPatchBody(body: RunPatchBody): RunPatch {
  const { startedAt, finishedAt, ...rest } = body;
  return {
    ...rest,
    ...(startedAt === undefined ? {} : { startedAt: Date.parse(startedAt) }),
    ...(finishedAt === undefined ? {} : { finishedAt: Date.parse(finishedAt) }),
  } as RunPatch;
}
