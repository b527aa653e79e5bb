/**
 * A UUID as text (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, lower-case hex) and as its 128 bits in four 32-bit
 * words, the first word holding the first eight digits. The run store keeps such ids as words: 16 bytes a run
 * instead of a 36-character string (about 60 bytes with its header), and compared without text. The two
 * forms convert both ways exactly, and text order is word order (unsigned), since every digit is in place.
 */

const HEX_CHARS = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const CHARS = new Uint8Array(36);

/** The 36-character text of the four words at `at`. */
export function formatUuidWords(words: Uint32Array, at: number): string {
  let o = 0;
  for (let w = 0; w < 4; w++) {
    const word = words[at + w] as number;
    for (let shift = 28; shift >= 0; shift -= 4) {
      if (o === 8 || o === 13 || o === 18 || o === 23) CHARS[o++] = 0x2d;
      CHARS[o++] = HEX_CHARS[(word >>> shift) & 15] as number;
    }
  }
  // fromCharCode gives one flat string: a concatenation would keep every piece alive.
  return String.fromCharCode.apply(null, CHARS as unknown as number[]);
}

/**
 * Reads `text` into four words at `at` when it is a UUID in the canonical form above (lower-case, dashes in
 * place), which formats back to the same text; false otherwise (the caller keeps such an id as text).
 */
export function parseUuidWords(text: string, out: Uint32Array, at: number): boolean {
  if (text.length !== 36) return false;
  let word = 0;
  let digits = 0;
  for (let i = 0; i < 36; i++) {
    const c = text.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 0x2d) return false;
      continue;
    }
    let value: number;
    if (c >= 0x30 && c <= 0x39) value = c - 0x30;
    else if (c >= 0x61 && c <= 0x66) value = c - 0x57;
    else return false;
    word = (word << 4) | value;
    if (++digits % 8 === 0) {
      out[at + digits / 8 - 1] = word >>> 0;
      word = 0;
    }
  }
  return true;
}

/** Text order of two ids held as words: -1, 0 or 1. */
export function compareUuidWords(a: Uint32Array, at: number, b: Uint32Array, bt: number): number {
  for (let w = 0; w < 4; w++) {
    const x = a[at + w] as number;
    const y = b[bt + w] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
