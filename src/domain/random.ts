/**
 * A small, fast, seeded pseudo-random generator (sfc32) for the volume of generated runs: faker's own
 * generator is used for realistic text, this one for the million numeric draws where speed matters.
 * Same seed, same sequence, on every platform.
 */
import { formatUuidWords } from './uuid-words.ts';

export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number | string) {
    const h = typeof seed === 'number' ? hashString(String(seed)) : hashString(seed);
    this.#a = h[0];
    this.#b = h[1];
    this.#c = h[2];
    this.#d = h[3];
    for (let i = 0; i < 15; i++) this.next();
  }

  /** The generator's state: a generator made `fromState` it draws what this one draws next. */
  state(): [number, number, number, number] {
    return [this.#a, this.#b, this.#c, this.#d];
  }

  static fromState([a, b, c, d]: readonly [number, number, number, number]): Random {
    const random = new Random(0);
    random.#a = a;
    random.#b = b;
    random.#c = c;
    random.#d = d;
    return random;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#a |= 0;
    this.#b |= 0;
    this.#c |= 0;
    this.#d |= 0;
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A standard normal draw (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A log-normal draw with the given median: heavy-tailed, always positive. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** A version-4 UUID built from this generator's bits. */
  uuid(): string {
    this.uuidWords(UUID_WORDS, 0);
    return formatUuidWords(UUID_WORDS, 0);
  }

  /**
   * The same UUID as `uuid()` would give (and the same draws), as its 128 bits: four 32-bit words into
   * `out` at `at`, the first word holding the first eight hex digits. The run store keeps generated ids so.
   */
  uuidWords(out: Uint32Array, at: number): void {
    for (let i = 0; i < 4; i++) out[at + i] = (this.next() * 4294967296) >>> 0;
    // Version 4: the 13th hex digit (bits 12–15 of the second word).
    out[at + 1] = (((out[at + 1] as number) & ~0xf000) | 0x4000) >>> 0;
    // Variant: the 17th hex digit (the top of the third word) becomes 8 | (its character code & 3), as ids
    // were always made (from the digit's character code, not its value: the ids of every scenario depend on it).
    const digit = (out[at + 2] as number) >>> 28;
    const code = digit < 10 ? 0x30 + digit : 0x57 + digit;
    out[at + 2] = (((out[at + 2] as number) & 0x0fffffff) | (((code & 3) | 8) << 28)) >>> 0;
  }
}

const UUID_WORDS = new Uint32Array(4);

/** cyrb128: four 32-bit words from a string, to seed sfc32. */
export function hashString(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
