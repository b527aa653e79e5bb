/**
 * A cache whose entries live for a span of CLOCK time, not wall time (Multiplai's 300 s response cache):
 * moving the clock forward ages entries, moving it back empties the cache. At most `maxEntries` are kept;
 * past that, the one cached longest ago goes.
 */
import type { Clock } from '../../domain/clock.ts';
import type { Millis } from '../../domain/records.ts';

export interface CacheEntry<T> {
  readonly value: T;
  readonly cachedAt: Millis;
}

interface Kept<T> extends CacheEntry<T> {
  readonly key: string;
}

export class ClockCache<T> {
  readonly #entries = new Map<string, Kept<T>>();
  /**
   * The entries in the order they were cached, from `#oldest` on, to find the one to drop. Some are gone
   * from `#entries` already (expired, or cached again) and are skipped. Asking a Map for its first key
   * instead walks past every key deleted since the Map last rehashed: with the cache full and a new query
   * each time, thousands of them, 7 µs of every computed Multiplai answer
   * (docs/performance.md#multiplai-sums-by-position-answers-as-text).
   */
  #order: (Kept<T> | undefined)[] = [];
  #oldest = 0;
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  constructor(clock: Clock, { ttlMs, maxEntries = 10_000 }: { ttlMs: number; maxEntries?: number }) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
    clock.onChange(({ before, after }) => {
      if (after < before) this.clear();
    });
  }

  /** The entry for `key` if it was cached less than the TTL ago. */
  get(key: string, now: Millis): CacheEntry<T> | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (now - entry.cachedAt >= this.#ttlMs || now < entry.cachedAt) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, value: T, now: Millis): CacheEntry<T> {
    if (!this.#entries.has(key) && this.#entries.size >= this.#maxEntries) this.#dropOldest();
    const entry = { key, value, cachedAt: now };
    this.#entries.set(key, entry);
    this.#order.push(entry);
    // Entries that expired or were cached again, never reached by #dropOldest while the cache is not full.
    if (this.#order.length - this.#oldest > 2 * this.#maxEntries) this.#compact();
    return entry;
  }

  clear(): void {
    this.#entries.clear();
    this.#order = [];
    this.#oldest = 0;
  }

  /** Drops the entry cached longest ago. */
  #dropOldest(): void {
    while (this.#oldest < this.#order.length) {
      const entry = this.#order[this.#oldest];
      // Passed slots let go of their entry at once: an answer dropped is not kept alive by the order.
      this.#order[this.#oldest++] = undefined;
      if (entry !== undefined && this.#entries.get(entry.key) === entry) {
        this.#entries.delete(entry.key);
        break;
      }
    }
    // The passed half of the order, let go once it is the larger half.
    if (this.#oldest > 1024 && 2 * this.#oldest > this.#order.length) this.#compact();
  }

  /** The order reduced to the entries still cached. */
  #compact(): void {
    this.#order = this.#order.slice(this.#oldest).filter((entry) => entry !== undefined && this.#entries.get(entry.key) === entry);
    this.#oldest = 0;
  }
}
