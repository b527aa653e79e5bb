/**
 * A JSON array written from remembered elements, in few pieces (docs/performance.md#few-pieces-per-answer).
 *
 * B3OS's time series and recent failures and StackAI's page are written from bytes remembered per element
 * (or per day of buckets), each `,` followed by the element's JSON. Written as they are, an answer was 30 to
 * 60 pieces, and each piece cost Node a `write` call on the response and the kernel an iovec: measured on a
 * bare node:http server, 75 KB in 33 pieces took 25–40 µs of CPU more per answer than in 1 to 5.
 *
 * So the elements between the first and the last are joined into one piece, which is remembered in turn by
 * the identity of the pieces it was joined from: while the elements are the same remembered bytes, the
 * joined piece is reused. The two ends stay apart because they are the ones that change as time passes (a
 * window's partial first and last day, the newest run of a page), and joining them would miss every time.
 * The answer is then five pieces: `[`, the first element without its comma, the joined middle, the last
 * element, `]`. Like the elements, the joined pieces need no invalidation: a changed element is a
 * different piece, and so a miss.
 */
import { utf8 } from './serialized-json.ts';

interface Joined {
  readonly parts: readonly Uint8Array[];
  readonly bytes: Uint8Array;
}

const OPEN = utf8('[');
const CLOSE = utf8(']');

export class JsonArrayPieces {
  /** Joined middles by their first part: the latest one made from it. */
  readonly #joined = new Map<Uint8Array, Joined>();
  #bytes = 0;

  /** `maxBytes`: the joined pieces kept in all; past it, all are forgotten before the next is made. */
  constructor(readonly maxBytes: number) {}

  /**
   * The JSON array of `elements` (each `,` and an element's JSON, remembered by the caller) as pieces to be
   * written one after the other: the same bytes as `[` + the elements without their first comma + `]`.
   */
  pieces(elements: readonly Uint8Array[]): Uint8Array[] {
    const count = elements.length;
    if (count === 0) return [OPEN, CLOSE];
    const first = (elements[0] as Uint8Array).subarray(1);
    if (count === 1) return [OPEN, first, CLOSE];
    if (count === 2) return [OPEN, first, elements[1] as Uint8Array, CLOSE];
    return [OPEN, first, this.#join(elements, 1, count - 1), elements[count - 1] as Uint8Array, CLOSE];
  }

  /** Elements [from, to) as one piece: remembered, or joined and remembered. */
  #join(elements: readonly Uint8Array[], from: number, to: number): Uint8Array {
    if (to - from === 1) return elements[from] as Uint8Array;
    const key = elements[from] as Uint8Array;
    const kept = this.#joined.get(key);
    if (kept !== undefined && sameParts(kept.parts, elements, from, to)) return kept.bytes;
    const parts = elements.slice(from, to);
    let length = 0;
    for (const part of parts) length += part.byteLength;
    if (kept !== undefined) {
      this.#joined.delete(key);
      this.#bytes -= kept.bytes.byteLength;
    }
    if (this.#bytes + length > this.maxBytes) {
      this.#joined.clear();
      this.#bytes = 0;
    }
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.byteLength;
    }
    this.#joined.set(key, { parts, bytes });
    this.#bytes += length;
    return bytes;
  }
}

/** Whether `parts` are elements [from, to), piece for piece the same objects. */
function sameParts(parts: readonly Uint8Array[], elements: readonly Uint8Array[], from: number, to: number): boolean {
  if (parts.length !== to - from) return false;
  for (let i = 0; i < parts.length; i++) if (parts[i] !== elements[from + i]) return false;
  return true;
}
