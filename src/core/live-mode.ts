/**
 * Live mode (`--live`, `PUT /__mock/live`): runs keep arriving on the real clock so that a dashboard left
 * open changes as production would. Every second the arrivals due by now are added through the same path
 * as POST /__mock/runs, so each is a change like any other (recorded, replayed, removed by a reset).
 * A timer is all it needs: it runs in a browser page (MSW) as under Node.
 */
import { LiveArrivals, type PlannedArrival } from '../domain/live/arrivals.ts';
import type { MockState } from '../domain/mock-state.ts';

/** At most this many arrivals are added in one tick (see #tick). */
const MAX_ARRIVALS_PER_TICK = 200;

export interface LiveSettings {
  readonly enabled: boolean;
  /**
   * Runs per minute per workspace on average, flat; null: at least LIVE_FLOOR_PER_MINUTE at any hour, plus each
   * workspace's own recent volume in the weekday and working-hours rhythm (src/domain/live/arrivals.ts).
   */
  readonly ratePerMinute: number | null;
}

export class LiveMode {
  readonly #state: MockState;
  readonly #tickMs: number;
  #settings: LiveSettings = { enabled: false, ratePerMinute: null };
  #timer: ReturnType<typeof setInterval> | undefined;
  #arrivals: LiveArrivals | undefined;
  #pending: PlannedArrival | undefined;

  constructor(state: MockState, { tickMs = 1000 } = {}) {
    this.#state = state;
    this.#tickMs = tickMs;
    // A reset or a new scenario plans arrivals afresh from the new dataset (live mode stays as it was).
    state.onReset(() => {
      if (this.#settings.enabled) {
        // Back to real time as a recorded change, so a replay (a restart, a replica) agrees.
        if (state.clock.mode !== 'real') state.setClock({ mode: 'real' });
        this.#plan();
      }
    });
  }

  get settings(): LiveSettings {
    return this.#settings;
  }

  /** Turns it on (the clock to real time) or off; a new rate plans arrivals afresh. */
  set(settings: LiveSettings): LiveSettings {
    this.#settings = { enabled: settings.enabled, ratePerMinute: settings.ratePerMinute };
    this.stop();
    if (settings.enabled) {
      if (this.#state.clock.mode !== 'real') this.#state.setClock({ mode: 'real' });
      this.#plan();
      this.#timer = setInterval(() => this.#tick(), this.#tickMs);
      // Under Node a live timer must not keep a finished process (or test) alive.
      (this.#timer as { unref?: () => void }).unref?.();
    }
    return this.#settings;
  }

  /** Stops the timer (the settings stay; `set` starts it again). */
  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #plan(): void {
    const state = this.#state;
    this.#arrivals = new LiveArrivals(state.dataset, { seed: state.scenario.seed, start: state.clock.now(), ratePerMinute: this.#settings.ratePerMinute, scenario: state.scenario });
    this.#pending = this.#arrivals.next();
  }

  #tick(): void {
    const now = this.#state.clock.now();
    let added = 0;
    while (this.#pending !== undefined && this.#pending.createdAt <= now) {
      // A clock moved far ahead would make the backlog a million runs in one tick: past a second's worth of
      // the highest rate, the missed arrivals are skipped and planning starts afresh from now.
      if (added === MAX_ARRIVALS_PER_TICK) {
        this.#plan();
        return;
      }
      this.#state.addRun(this.#pending);
      this.#pending = this.#arrivals?.next();
      added++;
    }
  }
}
