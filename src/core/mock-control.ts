/**
 * What the admin operations drive: the domain's state, and what the core keeps beside it (fault rules,
 * the request journal, the logger). FlowmockCore is the one implementation; the admin API depends on this
 * shape, not on the class, so the two do not import each other.
 */
import type { MockState } from '../domain/mock-state.ts';
import type { ScenarioDocument } from '../domain/scenario/document.ts';
import type { FaultRule, FaultRuleInput, FaultRules } from './fault-rules.ts';
import type { LiveMode } from './live-mode.ts';
import type { Logger } from './logger.ts';
import type { RequestJournal } from './request-journal.ts';
import type { ScenarioLimits } from './scenario-limits.ts';
import type { MockChange } from './state-changes.ts';

export interface MockControl {
  readonly state: MockState;
  readonly faults: FaultRules;
  readonly journal: RequestJournal;
  readonly logger: Logger;
  readonly live: LiveMode;
  readonly limits: ScenarioLimits;
  /** Back to the scenario as loaded: changes, faults and caches dropped (built in slices; one at a time). */
  reset(): Promise<void>;
  /** Another (validated) scenario in force, the clock as at start-up (built in slices; one at a time). */
  replaceScenario(scenario: ScenarioDocument): Promise<void>;
  /** Resolves once every change made so far is durable; rejects when one was refused. */
  durable(): Promise<void>;
  /** The scenario in force, every change since, and the clock. */
  snapshot(): { scenario: ScenarioDocument; changes: readonly MockChange[]; now: number };
  /** Fault rules in force (an empty list removes them all), recorded as a change. */
  setFaults(rules: readonly FaultRuleInput[]): readonly FaultRule[];
}

/** A scenario is being built already: the request that asked for another build is refused. */
export class BuildInProgress extends Error {
  constructor() {
    super('A scenario is being built (a reset or a new scenario); try again when it is in force.');
    this.name = 'BuildInProgress';
  }
}
