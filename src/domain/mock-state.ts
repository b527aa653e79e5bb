/**
 * The running mock: the scenario in force, the dataset built from it, the clock, and the changes the
 * admin API makes. Every API reads this one state, so a change shows on all five at once.
 */
import { instant } from './scenario/check.ts';
import { Clock } from './clock.ts';
import { Random } from './random.ts';
import type { Millis, Run, RunDetail } from './records.ts';
import { runWithDefaults } from './run-defaults.ts';
import { planPatch, runRuleProblems, type RunPatch, type RunRuleProblem } from './run-lifecycle.ts';
import { buildDataset, buildDatasetSteps, type RunsWriter } from './scenario/build.ts';
import { drain } from './steps.ts';
import type { ScenarioDocument } from './scenario/document.ts';
import { isTerminal, type RunStatus } from './status.ts';
import { DatasetError, type Dataset } from './store/dataset.ts';
import type { Trigger } from './trigger.ts';

export interface MockStateOptions {
  readonly scenario: ScenarioDocument;
  /** `--now`: overrides the scenario's `now`. Neither: the clock is real time. */
  readonly now?: Millis | undefined;
  /** The wall clock, replaceable in tests. */
  readonly realNow?: () => Millis;
  /** Where generated runs are written (the Node server: large volumes in a worker); by default here. */
  readonly runsWriter?: RunsWriter | undefined;
}

/** A run to add (POST /__mock/runs): a scenario run with its workspace; id and timestamps may be left out. */
export interface NewRun {
  readonly workspace: string;
  readonly id?: string;
  readonly flow: string;
  readonly user?: string | null;
  readonly status: RunStatus;
  readonly createdAt?: Millis;
  readonly startedAt?: Millis | null;
  readonly finishedAt?: Millis | null;
  readonly resumed?: boolean;
  readonly appActions?: number;
  readonly tokens?: number;
  readonly trigger?: Trigger;
  readonly sourceSystem?: string;
  readonly error?: string | null;
  readonly detail?: RunDetail;
}

/**
 * A change to the dataset or the clock, as it is replayed from a state file (the core adds its own kinds,
 * such as fault rules, to the same ordered stream: src/core/state-changes.ts).
 */
export type StateChange =
  | { readonly kind: 'run-added'; readonly run: Run; readonly generatedId: boolean }
  | { readonly kind: 'run-updated'; readonly id: string; readonly patch: RunPatch; readonly now: Millis }
  | { readonly kind: 'clock'; readonly mode: 'frozen' | 'real'; readonly now: Millis; readonly offsetMs?: number };

export class RunRuleError extends DatasetError {
  constructor(
    readonly reason: 'invalid-run' | 'invalid-transition' | 'run-conflict',
    message: string,
    readonly problems: readonly RunRuleProblem[],
  ) {
    super(reason === 'invalid-run' ? 'invalid' : 'conflict', message);
    this.name = 'RunRuleError';
  }
}

/** A scenario built and ready to be put in force (MockState.prepareScenario). */
export interface PreparedScenario {
  readonly scenario: ScenarioDocument;
  readonly dataset: Dataset;
  /** The clock's start-up instant for it; undefined: real time. */
  readonly frozenAt: Millis | undefined;
}

export class MockState {
  readonly clock: Clock;
  /** `--now` as given at start-up: it wins over a scenario's own now, on reset and on a new scenario too. */
  readonly #nowOverride: Millis | undefined;
  readonly #runsWriter: RunsWriter | undefined;
  readonly #changeListeners = new Set<(change: StateChange) => void>();
  readonly #resetListeners = new Set<() => void>();
  #scenario: ScenarioDocument;
  #dataset: Dataset;
  #ids: Random;

  constructor({ scenario, now, realNow, runsWriter }: MockStateOptions) {
    this.#nowOverride = now;
    this.#runsWriter = runsWriter;
    const frozenAt = startupNow(scenario, now);
    this.clock = new Clock({ frozenAt, ...(realNow ? { realNow } : {}) });
    this.#scenario = scenario;
    this.#dataset = buildDataset(scenario, { now: this.clock.now(), runsWriter });
    this.#ids = idGenerator(scenario);
  }

  get scenario(): ScenarioDocument {
    return this.#scenario;
  }

  get dataset(): Dataset {
    return this.#dataset;
  }

  /** Back to the scenario as loaded: added and changed runs dropped, the clock at its start-up setting. */
  reset(): void {
    this.replaceScenario(this.#scenario);
  }

  /** Puts another scenario in force (already validated), with the clock as at start-up. */
  replaceScenario(scenario: ScenarioDocument): void {
    this.adopt(drain(this.prepareScenario(scenario)));
  }

  /**
   * Builds what a scenario puts in force, in steps (src/domain/steps.ts), without touching the state: the
   * dataset in force keeps answering until `adopt` swaps the new one in at once.
   */
  *prepareScenario(scenario: ScenarioDocument): Generator<void, PreparedScenario> {
    const frozenAt = startupNow(scenario, this.#nowOverride);
    const dataset = yield* buildDatasetSteps(scenario, { now: frozenAt ?? this.clock.now(), runsWriter: this.#runsWriter });
    return { scenario, dataset, frozenAt };
  }

  /** Puts a prepared scenario in force: the clock as at start-up, the new dataset, listeners told. */
  adopt({ scenario, dataset, frozenAt }: PreparedScenario): void {
    if (frozenAt === undefined) this.clock.useRealTime();
    else this.clock.set(frozenAt);
    this.#scenario = scenario;
    this.#dataset = dataset;
    this.#ids = idGenerator(scenario);
    for (const listener of this.#resetListeners) listener();
  }

  /** Adds a run, its missing id and timestamps filled in (specs/admin.yaml, POST /__mock/runs). */
  addRun(input: NewRun): Run {
    const records = this.#dataset.workspace(input.workspace);
    if (records === undefined) throw new DatasetError('not-found', `workspace "${input.workspace}" does not exist`);
    const flow = records.flows.get(input.flow);
    if (flow === undefined) throw new DatasetError('not-found', `flow "${input.flow}" is not a flow of workspace "${input.workspace}"`);
    if (input.user != null && !records.users.has(input.user)) {
      throw new DatasetError('not-found', `user "${input.user}" is not a user of workspace "${input.workspace}"`);
    }
    const now = this.clock.now();
    const createdAt = input.createdAt ?? now;
    const starts = input.status === 'running' || input.status === 'paused' || input.status === 'succeeded' || input.status === 'failed';
    const startedAt = input.startedAt !== undefined ? input.startedAt : starts ? Math.max(now, createdAt) : null;
    const finishedAt = input.finishedAt !== undefined ? input.finishedAt : isTerminal(input.status) ? Math.max(now, startedAt ?? createdAt) : null;
    const candidate = runWithDefaults({ ...input, id: input.id ?? '', workspaceId: input.workspace, createdAt, startedAt, finishedAt });
    const problems = runRuleProblems(candidate);
    if (createdAt < flow.createdAt) {
      problems.unshift({ path: ['createdAt'], message: `createdAt is before the flow was created (${new Date(flow.createdAt).toISOString()})` });
    }
    if (problems.length > 0) throw new RunRuleError('invalid-run', problems.map((p) => p.message).join('; '), problems);
    if (input.id !== undefined && this.#dataset.run(input.id) !== undefined) throw new DatasetError('conflict', `run id "${input.id}" is already used`);
    // The id is drawn only once the run is accepted: a refused request changes nothing, not even which id
    // the next run gets (a replay of the recorded changes draws as many).
    const run = input.id === undefined ? { ...candidate, id: this.#ids.uuid() } : candidate;
    if (this.#dataset.run(run.id) !== undefined) throw new DatasetError('conflict', `run id "${run.id}" is already used`);
    this.#dataset.addRun(run);
    this.#emit({ kind: 'run-added', run: { ...run }, generatedId: input.id === undefined });
    return run;
  }

  /** Moves or edits a run (specs/admin.yaml, PATCH /__mock/runs/{id}). */
  updateRun(id: string, patch: RunPatch, now = this.clock.now()): Run {
    const run = this.#dataset.run(id);
    if (run === undefined) throw new DatasetError('not-found', `run "${id}" does not exist`);
    const outcome = planPatch(run, patch, now);
    if (!outcome.ok) throw new RunRuleError(outcome.reason, outcome.message, outcome.problems);
    const updated = this.#dataset.updateRun(id, outcome.apply);
    this.#emit({ kind: 'run-updated', id, patch, now });
    return updated;
  }

  /** Sets, moves or releases the clock, and records it as a change. */
  setClock(change: { now: Millis } | { advanceMs: number } | { mode: 'real' }): void {
    if ('now' in change) this.clock.set(change.now);
    else if ('advanceMs' in change) this.clock.advance(change.advanceMs);
    else this.clock.useRealTime();
    // A real clock that was advanced runs shifted from the wall clock: the shift is what a replay needs.
    const offsetMs = this.clock.offsetMs;
    this.#emit({ kind: 'clock', mode: this.clock.mode, now: this.clock.now(), ...(offsetMs === 0 ? {} : { offsetMs }) });
  }

  /** Replays a recorded change (from a state file) without announcing it again. */
  replay(change: StateChange): void {
    switch (change.kind) {
      case 'run-added':
        this.#dataset.addRun({ ...change.run });
        if (change.generatedId) this.#ids.uuid(); // keep later generated ids in step with the original sequence
        return;
      case 'run-updated': {
        const run = this.#dataset.run(change.id);
        if (run === undefined) throw new DatasetError('not-found', `run "${change.id}" does not exist`);
        const outcome = planPatch(run, change.patch, change.now);
        if (outcome.ok) this.#dataset.updateRun(change.id, outcome.apply);
        return;
      }
      case 'clock':
        if (change.mode === 'real') this.clock.useRealTime(change.offsetMs ?? 0);
        else this.clock.set(change.now);
    }
  }

  /** Hears every change made through the admin API (the state file records them). */
  onChange(listener: (change: StateChange) => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  /** Hears resets and scenario replacements (caches and fault rules start afresh). */
  onReset(listener: () => void): () => void {
    this.#resetListeners.add(listener);
    return () => this.#resetListeners.delete(listener);
  }

  #emit(change: StateChange): void {
    for (const listener of this.#changeListeners) listener(change);
  }
}

function startupNow(scenario: ScenarioDocument, override: Millis | undefined): Millis | undefined {
  return override ?? (scenario.now === undefined ? undefined : instant(scenario.now));
}

function idGenerator(scenario: ScenarioDocument): Random {
  return new Random(`${scenario.seed}:admin-run-ids`);
}
