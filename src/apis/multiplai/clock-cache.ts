/**
 * A cache whose entries live for a span of CLOCK time, not wall time (Multiplai's 300 s response cache):
 * moving the clock forward ages entries, moving it back empties the cache.
 */
import type { Clock } from '../../domain/clock.ts';
import type { Millis } from '../../domain/records.ts';

export interface CacheEntry<T> {
  readonly value: T;
  readonly cachedAt: Millis;
}

export class ClockCache<T> {
  readonly #entries = new Map<string, CacheEntry<T>>();
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
    if (this.#entries.size >= this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value as string);
    const entry = { value, cachedAt: now };
    this.#entries.set(key, entry);
    return entry;
  }

  clear(): void {
    this.#entries.clear();
  }
}
