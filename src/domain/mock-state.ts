/**
 * The running mock: the scenario in force, the dataset built from it, and the clock. Every API reads this
 * one state, so a change made through the admin API shows on all five at once.
 */
import { Clock } from './clock.ts';
import type { Millis } from './records.ts';
import { buildDataset } from './scenario/build.ts';
import type { ScenarioDocument } from './scenario/document.ts';
import type { Dataset } from './store/dataset.ts';

export interface MockStateOptions {
  readonly scenario: ScenarioDocument;
  /** `--now`: overrides the scenario's `now`. Neither: the clock is real time. */
  readonly now?: Millis | undefined;
  /** The wall clock, replaceable in tests. */
  readonly realNow?: () => Millis;
}

export class MockState {
  readonly clock: Clock;
  #scenario: ScenarioDocument;
  #dataset: Dataset;

  constructor({ scenario, now, realNow }: MockStateOptions) {
    const frozenAt = now ?? (scenario.now === undefined ? undefined : Date.parse(scenario.now));
    this.clock = new Clock({ frozenAt, ...(realNow ? { realNow } : {}) });
    this.#scenario = scenario;
    this.#dataset = buildDataset(scenario, { now: this.clock.now() });
  }

  get scenario(): ScenarioDocument {
    return this.#scenario;
  }

  get dataset(): Dataset {
    return this.#dataset;
  }
}
