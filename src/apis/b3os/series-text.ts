/**
 * B3OS's time series as JSON, straight from the columnar counts: `[{"bucketStart":…,"total":…,
 * "succeeded":…,"failed":…,"cancelled":…},…]` without an object per bucket, as UTF-8 bytes.
 *
 * Dashboards ask for the same past again and again (a 30-day hourly chart every few seconds), and the text
 * of a bucket is a pure function of its start and its four numbers. So the series is cut at every 24th
 * bucket (UTC days of hours, or 24 days), and the bytes of each piece, whole or the part of one a window
 * begins or ends with, are remembered with the numbers they were written from and reused whenever the
 * same buckets have the same numbers again: nothing to invalidate, a changed count is a miss. A 721-hour
 * answer is then 31 remembered pieces, the 29 whole days between its ends joined into one, remembered too
 * (json-array-pieces.ts): written out as they are, with nothing to encode or copy.
 */
import type { Millis } from '../../domain/records.ts';
import { OUTCOMES } from '../../domain/store/hourly-counts.ts';
import { JsonArrayPieces } from '../../core/json-array-pieces.ts';
import { utf8 } from '../../core/serialized-json.ts';
import { isoInstant } from '../shared/iso-instant.ts';

const CHUNK = 24;
/** Variants kept per first bucket (workspaces, or buckets whose counts changed). */
const VARIANTS = 4;
/** Bytes and numbers kept in all: past it, everything is forgotten before the next series is written. */
const MAX_REMEMBERED_BYTES = 32 * 1024 * 1024;
let rememberedBytes = 0;

interface PieceBytes {
  /** Four a bucket: how many buckets the piece has, and their counts. */
  readonly numbers: readonly number[];
  readonly bytes: Uint8Array;
}

/**
 * Remembered pieces by bucket length (an hour chunk and a day chunk may start at the same instant), then
 * by the start of their first bucket.
 */
const remembered = new Map<Millis, Map<Millis, PieceBytes[]>>();
/** What a remembered number is counted as (a double). */
const BYTES_PER_NUMBER = 8;

/**
 * The buckets' JSON array, in pieces to be written one after the other (each whole chunk `,` and its
 * buckets, then joined as json-array-pieces.ts says). `starts` ascend by `step` ms;
 * bucket i's total, succeeded, failed and cancelled are `outcomes[4i..4i+3]` (integers).
 */
export function seriesJson(starts: readonly Millis[], outcomes: readonly number[], step: Millis): Uint8Array[] {
  if (rememberedBytes > MAX_REMEMBERED_BYTES) {
    remembered.clear();
    rememberedBytes = 0;
  }
  let chunks = remembered.get(step);
  if (chunks === undefined) remembered.set(step, (chunks = new Map()));
  const span = CHUNK * step;
  const elements: Uint8Array[] = [];
  let i = 0;
  while (i < starts.length) {
    const chunkStart = Math.floor((starts[i] as Millis) / span) * span;
    let end = i + 1;
    while (end < starts.length && (starts[end] as Millis) < chunkStart + span) end++;
    elements.push(piece(chunks, starts, outcomes, i, end));
    i = end;
  }
  return arrays.pieces(elements);
}

/** The whole days between a window's two ends, joined (json-array-pieces.ts). */
const arrays = new JsonArrayPieces(MAX_REMEMBERED_BYTES / 2);

/** `,` and buckets [first, end) as bytes: remembered, or written and remembered. */
function piece(chunks: Map<Millis, PieceBytes[]>, starts: readonly Millis[], outcomes: readonly number[], first: number, end: number): Uint8Array {
  const from = first * OUTCOMES;
  const to = end * OUTCOMES;
  const key = starts[first] as Millis;
  let variants = chunks.get(key);
  if (variants === undefined) chunks.set(key, (variants = []));
  for (let v = 0; v < variants.length; v++) {
    const candidate = variants[v] as PieceBytes;
    if (sameNumbers(candidate.numbers, outcomes, from, to)) {
      if (v > 0) variants.unshift(...variants.splice(v, 1));
      return candidate.bytes;
    }
  }
  const bytes = utf8(`,${bucketsText(starts, outcomes, first, end)}`);
  variants.unshift({ numbers: outcomes.slice(from, to), bytes });
  rememberedBytes += bytes.length + (to - from) * BYTES_PER_NUMBER;
  const dropped = variants.length > VARIANTS ? variants.pop() : undefined;
  if (dropped !== undefined) rememberedBytes -= dropped.bytes.length + dropped.numbers.length * BYTES_PER_NUMBER;
  return bytes;
}

function sameNumbers(kept: readonly number[], outcomes: readonly number[], from: number, to: number): boolean {
  if (kept.length !== to - from) return false;
  for (let k = 0; k < kept.length; k++) if (kept[k] !== outcomes[from + k]) return false;
  return true;
}

/** Buckets [first, end) as comma-separated JSON objects. */
function bucketsText(starts: readonly Millis[], outcomes: readonly number[], first: number, end: number): string {
  const buckets = new Array<string>(end - first);
  for (let i = first; i < end; i++) {
    const at = i * OUTCOMES;
    buckets[i - first] = `{"bucketStart":"${isoInstant(starts[i] as Millis)}","total":${outcomes[at]},"succeeded":${outcomes[at + 1]},"failed":${outcomes[at + 2]},"cancelled":${outcomes[at + 3]}}`;
  }
  return buckets.join(',');
}
