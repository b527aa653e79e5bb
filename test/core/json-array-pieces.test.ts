/**
 * JsonArrayPieces writes a JSON array from remembered elements in at most five pieces: whatever the
 * elements and whatever came before, the pieces are the bytes of `[` + the elements without their leading
 * commas + `]`; a middle made of the same element objects is the same piece; a changed element is a miss;
 * and the joined pieces kept stay within their budget.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonArrayPieces } from '../../src/core/json-array-pieces.ts';
import { bodyBytes } from '../../src/core/http-message.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The plain rule: the elements' JSON, comma-separated, in brackets. */
const plain = (elements: readonly Uint8Array[]) => `[${elements.map((e) => decoder.decode(e).slice(1)).join(',')}]`;
const text = (pieces: readonly Uint8Array[]) => decoder.decode(bodyBytes(pieces));

describe('JsonArrayPieces', () => {
  it('writes the JSON array of the elements, in at most five pieces, whatever was asked before', () => {
    // A pool of remembered elements (each `,` and some JSON, some outside ASCII); every request picks a list of them.
    const pool = ['1', '"é"', '{"a":[1,2]}', 'null', '"—"', '[]', 'true', '"x"'].map((json) => encoder.encode(`,${json}`));
    const request = fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { maxLength: 12 });
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 400 }), (requests, maxBytes) => {
        const arrays = new JsonArrayPieces(maxBytes);
        for (const picks of requests) {
          const elements = picks.map((i) => pool[i] as Uint8Array);
          const pieces = arrays.pieces(elements);
          expect(text(pieces)).toBe(plain(elements));
          expect(JSON.parse(text(pieces))).toEqual(JSON.parse(plain(elements)));
          expect(pieces.length).toBeLessThanOrEqual(5);
        }
      }),
    );
  });

  it('reuses the joined middle while its elements are the same objects, and joins again when one changes', () => {
    const arrays = new JsonArrayPieces(1 << 20);
    const elements = Array.from({ length: 10 }, (_, i) => encoder.encode(`,{"n":${i}}`));
    const first = arrays.pieces(elements);
    expect(first).toHaveLength(5);
    const again = arrays.pieces([...elements]);
    expect(again[2]).toBe(first[2]);
    // The same text in a new object is a different element: a miss, with the same bytes.
    const changed = [...elements];
    changed[4] = encoder.encode(',{"n":4}');
    const third = arrays.pieces(changed);
    expect(third[2]).not.toBe(first[2]);
    expect(text(third)).toBe(text(first));
    // The ends are never part of the joined middle: a new last element keeps it.
    const newLast = [...changed.slice(0, -1), encoder.encode(',{"n":"last"}')];
    expect(arrays.pieces(newLast)[2]).toBe(third[2]);
  });

  it('forgets what it joined once past its budget, and still answers right', () => {
    const arrays = new JsonArrayPieces(100);
    const big = Array.from({ length: 8 }, (_, i) => encoder.encode(`,"${String(i).repeat(20)}"`));
    const a = arrays.pieces(big);
    const b = arrays.pieces(big.slice(1)); // another middle of 100+ bytes: the first one is forgotten
    expect(text(b)).toBe(plain(big.slice(1)));
    const c = arrays.pieces(big);
    expect(c[2]).not.toBe(a[2]);
    expect(text(c)).toBe(plain(big));
  });
});
