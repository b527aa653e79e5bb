/**
 * The one clock (docs/data-model.md#the-clock, pinned): real time by default, frozen by a scenario's
 * `now` or `--now`, moved by the admin API. Listeners hear every change (the Multiplai cache empties
 * when the clock goes backwards; the store settles runs as time passes).
 */
import type { Millis } from './records.ts';

export type ClockMode = 'frozen' | 'real';

export type ClockListener = (change: { readonly before: Millis; readonly after: Millis }) => void;

export class Clock {
  #mode: ClockMode;
  #frozenAt: Millis;
  readonly #realNow: () => Millis;
  readonly #listeners = new Set<ClockListener>();

  constructor({ frozenAt, realNow = Date.now }: { frozenAt?: Millis | undefined; realNow?: () => Millis } = {}) {
    this.#realNow = realNow;
    this.#mode = frozenAt === undefined ? 'real' : 'frozen';
    this.#frozenAt = frozenAt ?? realNow();
  }

  get mode(): ClockMode {
    return this.#mode;
  }

  now(): Millis {
    return this.#mode === 'frozen' ? this.#frozenAt : this.#realNow();
  }

  /** Freezes the clock at `at`. */
  set(at: Millis): void {
    const before = this.now();
    this.#mode = 'frozen';
    this.#frozenAt = at;
    this.#notify(before);
  }

  /** Moves the clock by `ms` (negative goes back); a real clock becomes frozen at the new instant. */
  advance(ms: number): void {
    this.set(this.now() + ms);
  }

  /** Goes back to real time. */
  useRealTime(): void {
    const before = this.now();
    this.#mode = 'real';
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
