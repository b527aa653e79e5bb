/**
 * Multiplai's ClockCache against a plain model (a list in the order things were cached): for any sequence
 * of gets, sets and clock moves, the same answers; at most `maxEntries` kept, the one cached longest ago
 * dropped first; entries age with the clock, and moving the clock back empties it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockCache } from '../../src/apis/multiplai/clock-cache.ts';
import { Clock } from '../../src/domain/clock.ts';

const TTL = 300;

/** The plain rule. */
class ModelCache {
  entries: { key: string; value: number; cachedAt: number }[] = [];
  constructor(readonly maxEntries: number) {}
  get(key: string, now: number): number | undefined {
    const at = this.entries.findIndex((e) => e.key === key);
    if (at < 0) return undefined;
    const entry = this.entries[at]!;
    if (now - entry.cachedAt >= TTL || now < entry.cachedAt) {
      this.entries.splice(at, 1);
      return undefined;
    }
    return entry.value;
  }
  set(key: string, value: number, now: number): void {
    const at = this.entries.findIndex((e) => e.key === key);
    if (at >= 0) this.entries.splice(at, 1);
    else if (this.entries.length >= this.maxEntries) this.entries.shift();
    this.entries.push({ key, value, cachedAt: now });
  }
}

type Step = { op: 'get' | 'set'; key: number } | { op: 'clock'; by: number };

describe('ClockCache', () => {
  it('answers as the plain model does, for any gets, sets and clock moves', () => {
    const step = fc.oneof(
      fc.record({ op: fc.constantFrom('get' as const, 'set' as const), key: fc.nat(12) }),
      fc.record({ op: fc.constant('clock' as const), by: fc.integer({ min: -50, max: 200 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(step, { maxLength: 300 }), (maxEntries, steps: Step[]) => {
        const clock = new Clock({ frozenAt: 1_000_000 });
        const cache = new ClockCache<number>(clock, { ttlMs: TTL, maxEntries });
        const model = new ModelCache(maxEntries);
        let value = 0;
        for (const s of steps) {
          const now = clock.now();
          if (s.op === 'clock') {
            clock.set(now + s.by);
            if (s.by < 0) model.entries = [];
          } else if (s.op === 'get') {
            expect(cache.get(`k${s.key}`, now)?.value).toBe(model.get(`k${s.key}`, now));
          } else {
            value++;
            cache.set(`k${s.key}`, value, now);
            model.set(`k${s.key}`, value, now);
          }
        }
        // Everything the model keeps is cached, and nothing else.
        const now = clock.now();
        for (let key = 0; key <= 12; key++) expect(cache.get(`k${key}`, now)?.value).toBe(model.get(`k${key}`, now));
      }),
      { numRuns: 500 },
    );
  });

  it('counts a key cached again as cached then: the entry cached longest ago is another', () => {
    const clock = new Clock({ frozenAt: 0 });
    const cache = new ClockCache<number>(clock, { ttlMs: TTL, maxEntries: 3 });
    for (const [key, value] of [['a', 1], ['b', 2], ['a', 3], ['c', 4], ['d', 5]] as const) cache.set(key, value, 0);
    expect([cache.get('a', 0)?.value, cache.get('b', 0)?.value, cache.get('c', 0)?.value, cache.get('d', 0)?.value]).toEqual([3, undefined, 4, 5]);
  });

  it('keeps the latest 10,000 of many generations of new keys', () => {
    const clock = new Clock({ frozenAt: 0 });
    const cache = new ClockCache<number>(clock, { ttlMs: TTL });
    for (let i = 0; i < 50_000; i++) cache.set(`q${i}`, i, 0);
    expect(cache.get('q39999', 0)).toBeUndefined();
    expect(cache.get('q40000', 0)?.value).toBe(40_000);
    expect(cache.get('q49999', 0)?.value).toBe(49_999);
  });
});
