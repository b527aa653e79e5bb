/**
 * The running mock: the scenario in force, the dataset built from it, and the clock. Every API reads this
 * one state, so a change made through the admin API shows on all five at once.
 */
import { Clock } from './clock.ts';
import { ClockCache } from './clock-cache.ts';
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

/** Multiplai answers an identical query from cache for 300 s of clock time (product design §2). */
export const METRICS_CACHE_TTL_MS = 300_000;

export class MockState {
  readonly clock: Clock;
  /** Multiplai's response cache: bodies by workspace and normalised query, on the clock. */
  readonly metricsCache: ClockCache<unknown>;
  #scenario: ScenarioDocument;
  #dataset: Dataset;

  constructor({ scenario, now, realNow }: MockStateOptions) {
    const frozenAt = now ?? (scenario.now === undefined ? undefined : Date.parse(scenario.now));
    this.clock = new Clock({ frozenAt, ...(realNow ? { realNow } : {}) });
    this.metricsCache = new ClockCache(this.clock, { ttlMs: METRICS_CACHE_TTL_MS });
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
