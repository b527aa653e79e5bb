/**
 * The ids of a run table's rows, and the row of an id. A generated id (and any id in the canonical UUID form)
 * is kept as 16 bytes (uuid-words.ts) and found through an open-addressing hash table of row numbers on an
 * Int32Array: no string and no Map entry per run. Any other id (a scenario may name runs as it likes) is kept
 * as text in two Maps; such runs are few.
 */
import { compareUuidWords, formatUuidWords, parseUuidWords } from '../uuid-words.ts';

const EMPTY = 0;

export class RunIds {
  /** Four words a row (unused for rows with a textual id). */
  words: Uint32Array;
  /** Row + 1 per slot (0: empty); its length is a power of two, at least twice the registered rows. */
  #slots = new Int32Array(0);
  #registered = 0;
  readonly #textById = new Map<string, number>();
  readonly #textByRow = new Map<number, string>();
  readonly #probe = new Uint32Array(4);

  constructor(capacity: number) {
    this.words = new Uint32Array(capacity * 4);
  }

  /** Room for `capacity` rows; `shared`: in shared memory. */
  grow(capacity: number, shared = false): void {
    const bytes = capacity * 16;
    const words = new Uint32Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    words.set(this.words);
    this.words = words;
  }

  /** Sets the id of `row` (not yet findable: see `register`). */
  set(row: number, id: string): void {
    if (!parseUuidWords(id, this.words, row * 4)) this.#textByRow.set(row, id);
    else if (this.#textByRow.size !== 0) this.#textByRow.delete(row);
  }

  /** Room in the hash table for `rows` registered rows without rehashing. */
  reserveRegistered(rows: number): void {
    let size = Math.max(1024, this.#slots.length);
    while (rows * 2 > size) size *= 2;
    if (size > this.#slots.length) this.#rehash(size);
  }

  /** Makes `row` findable by its id. The id must not be taken (see `rowOf`). */
  register(row: number): void {
    const text = this.#textByRow.size === 0 ? undefined : this.#textByRow.get(row);
    if (text !== undefined) {
      this.#textById.set(text, row);
      return;
    }
    if ((this.#registered + 1) * 2 > this.#slots.length) this.#rehash(Math.max(1024, this.#slots.length * 2));
    this.#place(row);
    this.#registered++;
  }

  /**
   * `register(row)` unless another registered row has its id: then that row, and nothing changes; -1 when
   * registered. The same as `rowWithIdOf` then `register`, with one probe of the table instead of two (a
   * build registers a million rows, and each probe is a cache miss).
   */
  registerUnlessTaken(row: number): number {
    if (this.#textByRow.size !== 0 && this.#textByRow.has(row)) {
      const taken = this.rowWithIdOf(row);
      if (taken < 0) this.register(row);
      return taken;
    }
    if ((this.#registered + 1) * 2 > this.#slots.length) this.#rehash(Math.max(1024, this.#slots.length * 2));
    const slots = this.#slots;
    const mask = slots.length - 1;
    const words = this.words;
    for (let slot = hash(words, row * 4) & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot] as number;
      if (entry === EMPTY) {
        slots[slot] = row + 1;
        this.#registered++;
        return -1;
      }
      // Another id in this slot almost always differs in its first word already.
      if (words[(entry - 1) * 4] === words[row * 4] && compareUuidWords(words, (entry - 1) * 4, words, row * 4) === 0) return entry - 1;
    }
  }

  /** The row whose id is `id`, or -1. */
  rowOf(id: string): number {
    if (!parseUuidWords(id, this.#probe, 0)) return this.#textById.get(id) ?? -1;
    return this.#find(this.#probe, 0);
  }

  /** The registered row with the same id as `row` (which need not be registered itself), or -1. */
  rowWithIdOf(row: number): number {
    const text = this.#textByRow.size === 0 ? undefined : this.#textByRow.get(row);
    if (text !== undefined) return this.#textById.get(text) ?? -1;
    return this.#find(this.words, row * 4);
  }

  idOf(row: number): string {
    return (this.#textByRow.size === 0 ? undefined : this.#textByRow.get(row)) ?? formatUuidWords(this.words, row * 4);
  }

  /** The text order of two rows' ids: -1, 0 or 1. */
  compare(a: number, b: number): number {
    if (this.#textByRow.size !== 0 && (this.#textByRow.has(a) || this.#textByRow.has(b))) {
      const x = this.idOf(a);
      const y = this.idOf(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    return compareUuidWords(this.words, a * 4, this.words, b * 4);
  }

  #find(words: Uint32Array, at: number): number {
    const slots = this.#slots;
    if (slots.length === 0) return -1;
    const mask = slots.length - 1;
    const own = this.words;
    for (let slot = hash(words, at) & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot] as number;
      if (entry === EMPTY) return -1;
      const row = entry - 1;
      // Only ids kept as words are in the slots.
      if (compareUuidWords(own, row * 4, words, at) === 0) return row;
    }
  }

  #place(row: number): void {
    const slots = this.#slots;
    const mask = slots.length - 1;
    let slot = hash(this.words, row * 4) & mask;
    while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
    slots[slot] = row + 1;
  }

  #rehash(size: number): void {
    const old = this.#slots;
    this.#slots = new Int32Array(size);
    for (let i = 0; i < old.length; i++) if (old[i] !== EMPTY) this.#place((old[i] as number) - 1);
  }
}

/** Mixes all 128 bits: ids from a scenario file need not be random (sequential ones differ in a few bits). */
function hash(words: Uint32Array, at: number): number {
  let h = Math.imul((words[at] as number) ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (words[at + 1] as number) ^ (h >>> 13), 0xc2b2ae35);
  h = Math.imul(h ^ (words[at + 2] as number) ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (words[at + 3] as number) ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
