/**
 * The one clock (docs/data-model.md#the-clock, pinned): real time by default, frozen by a scenario's
 * `now` or `--now`, moved by the admin API. Listeners hear every change (the Multiplai cache empties
 * when the clock goes backwards; the store settles runs as time passes).
 *
 * Moving a frozen clock moves its instant. Moving a real one keeps it running, shifted from the wall
 * clock by an offset (live mode and a demo go on, an hour ahead, say) until it is set, released or reset.
 */
import type { Millis } from './records.ts';

export type ClockMode = 'frozen' | 'real';

/**
 * The instants the clock may show: 1970-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z, the years an
 * ISO 8601 date-time of four digits can write (and every API must be able to write its now).
 */
export const EARLIEST_CLOCK = 0;
export const LATEST_CLOCK = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Whether the clock may show `at` (an integer number of ms within the range above). */
export function isClockInstant(at: number): boolean {
  return Number.isInteger(at) && at >= EARLIEST_CLOCK && at <= LATEST_CLOCK;
}

export class ClockRangeError extends RangeError {
  constructor(at: number) {
    super(`the clock can show 1970-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z, not ${Number.isFinite(at) ? `${at} ms` : String(at)}`);
    this.name = 'ClockRangeError';
  }
}

export type ClockListener = (change: { readonly before: Millis; readonly after: Millis }) => void;

export class Clock {
  #mode: ClockMode;
  #frozenAt: Millis;
  /** Real time only: how far the clock runs ahead of the wall clock (behind, when negative). */
  #offsetMs = 0;
  readonly #realNow: () => Millis;
  readonly #listeners = new Set<ClockListener>();

  constructor({ frozenAt, realNow = Date.now }: { frozenAt?: Millis | undefined; realNow?: () => Millis } = {}) {
    if (frozenAt !== undefined && !isClockInstant(frozenAt)) throw new ClockRangeError(frozenAt);
    this.#realNow = realNow;
    this.#mode = frozenAt === undefined ? 'real' : 'frozen';
    this.#frozenAt = frozenAt ?? realNow();
  }

  get mode(): ClockMode {
    return this.#mode;
  }

  /** Real time only: the shift from the wall clock that advancing it made (0 when frozen). */
  get offsetMs(): number {
    return this.#mode === 'frozen' ? 0 : this.#offsetMs;
  }

  now(): Millis {
    return this.#mode === 'frozen' ? this.#frozenAt : this.#realNow() + this.#offsetMs;
  }

  /** Freezes the clock at `at` (within the clock's range, else a ClockRangeError and no change). */
  set(at: Millis): void {
    if (!isClockInstant(at)) throw new ClockRangeError(at);
    const before = this.now();
    this.#mode = 'frozen';
    this.#frozenAt = at;
    this.#notify(before);
  }

  /**
   * Moves the clock by `ms` (negative goes back): a frozen clock to the new instant, a real one keeps
   * running `ms` further on. Beyond the clock's range, a ClockRangeError and no change.
   */
  advance(ms: number): void {
    const before = this.now();
    const after = before + ms;
    if (!isClockInstant(after)) throw new ClockRangeError(after);
    if (this.#mode === 'frozen') this.#frozenAt = after;
    else this.#offsetMs += ms;
    this.#notify(before);
  }

  /**
   * Goes back to real time: the wall clock, or shifted by `offsetMs` (a replayed shift: a recorded change
   * brings back the clock of a restarted server).
   */
  useRealTime(offsetMs = 0): void {
    const before = this.now();
    this.#mode = 'real';
    this.#offsetMs = offsetMs;
    this.#notify(before);
  }

  onChange(listener: ClockListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(before: Millis): void {
    const after = this.now();
    for (const listener of this.#listeners) listener({ before, after });
  }
}
